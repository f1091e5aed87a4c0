"""Reads iCalendar files with a real parser (PyPI `icalendar`) and holds each to the expectations beside it.

    check.py DIR_OR_FILE...     every X.ics is checked against X.json next to it

Swift's tests write the pairs (see ICalendarTests); this is the independent reader, so a writer bug that the
Swift side agrees with itself about still fails here. Expectations (JSON):

    {"calendar": {"name": …, "timezone": …, "method": "PUBLISH", "refresh": "PT1H"},
     "timezones": {"Asia/Tokyo": {"standard": 1, "daylight": 0}},
     "events": [{"uid": …, "summary": …, "description": …, "url": …, "status": "CONFIRMED", "sequence": 0,
                 "tzid": "Asia/Tokyo" (or "UTC"; "start_tzid"/"end_tzid" for one end), "start": "2026-04-14T10:00:00", "end": …,
                 "start_utc": "2026-04-14T01:00:00Z", "end_utc": …}],
     "absent": ["text that must appear nowhere, e.g. a customer's name"]}

Keys left out are not checked. Exits 1 with every failure listed.
"""

import json
import pathlib
import sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import icalendar

UTC = timezone.utc


def utc_text(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_bytes(raw, fail):
    """RFC 5545 §3.1 at the byte level, which a lenient parser would forgive."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        fail(f"not UTF-8: {error}")
    if not raw.endswith(b"\r\n"):
        fail("does not end with CRLF")
    lines = raw.split(b"\r\n")[:-1]
    for number, line in enumerate(lines, 1):
        if b"\n" in line or b"\r" in line:
            fail(f"line {number}: a bare CR or LF")
        if len(line) > 75:
            fail(f"line {number}: {len(line)} octets, more than 75")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            fail(f"line {number}: folding split a UTF-8 character")


def instant(local, tzinfo):
    return utc_text(local.replace(tzinfo=tzinfo))


def check_time(event, name, want, zones, fail):
    prop = event.get(name)
    if prop is None:
        fail(f"{name} missing")
        return
    value = prop.dt
    key = "start" if name == "DTSTART" else "end"
    tzid = want.get(key + "_tzid", want.get("tzid"))
    if tzid == "UTC":
        if value.tzinfo is None or value.utcoffset().total_seconds() != 0 or "TZID" in prop.params:
            fail(f"{name}: expected a UTC value, got {value!r}")
            return
    elif tzid is not None:
        if prop.params.get("TZID") != tzid:
            fail(f"{name}: TZID {prop.params.get('TZID')!r}, expected {tzid!r}")
            return
        local = value.replace(tzinfo=None)
        if key in want and local.isoformat() != want[key]:
            fail(f"{name}: local time {local.isoformat()}, expected {want[key]}")
        # The parser resolves the TZID through the IANA database (as Google does); the file's own VTIMEZONE is read
        # as a definition of its own (as Outlook does). Both must put the meeting at the same instant.
        if key + "_utc" in want:
            if instant(local, ZoneInfo(tzid)) != want[key + "_utc"]:
                fail(f"{name}: by the IANA zone {instant(local, ZoneInfo(tzid))}, expected {want[key + '_utc']}")
            if tzid not in zones:
                fail(f"{name}: no VTIMEZONE defines {tzid}")
            elif instant(local, zones[tzid]) != want[key + "_utc"]:
                fail(f"{name}: by the file's VTIMEZONE {instant(local, zones[tzid])}, expected {want[key + '_utc']}")
        return
    if key + "_utc" in want and utc_text(value) != want[key + "_utc"]:
        fail(f"{name}: {utc_text(value)}, expected {want[key + '_utc']}")


def check_file(path):
    failures = []
    raw = path.read_bytes()
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))

    def fail(message):
        failures.append(f"{path.name}: {message}")

    check_bytes(raw, fail)
    calendar = icalendar.Calendar.from_ical(raw)
    if calendar.errors:
        fail(f"parser errors: {calendar.errors}")

    props = expected.get("calendar", {})
    for key, prop in [("name", "NAME"), ("name", "X-WR-CALNAME"), ("timezone", "X-WR-TIMEZONE"), ("method", "METHOD")]:
        if key in props and str(calendar.get(prop)) != props[key]:
            fail(f"{prop} {calendar.get(prop)!r}, expected {props[key]!r}")
    if "refresh" in props:
        for prop in ["REFRESH-INTERVAL", "X-PUBLISHED-TTL"]:
            value = calendar.get(prop)
            text = value.to_ical().decode() if hasattr(value, "to_ical") else str(value)
            if text != props["refresh"]:
                fail(f"{prop} {text!r}, expected {props['refresh']!r}")

    zones = {}
    for component in calendar.walk("VTIMEZONE"):
        tzid = str(component["TZID"])
        zones[tzid] = component.to_tz(lookup_tzid=False)
        counts = expected.get("timezones", {}).get(tzid)
        if counts is not None:
            got = {"standard": len(component.walk("STANDARD")), "daylight": len(component.walk("DAYLIGHT"))}
            if got != counts:
                fail(f"VTIMEZONE {tzid}: {got}, expected {counts}")
    for tzid in expected.get("timezones", {}):
        if tzid not in zones:
            fail(f"no VTIMEZONE for {tzid}")

    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    wanted = expected.get("events", [])
    if sorted(events) != sorted(e["uid"] for e in wanted):
        fail(f"events {sorted(events)}, expected {sorted(e['uid'] for e in wanted)}")
    for want in wanted:
        event = events.get(want["uid"])
        if event is None:
            continue

        def event_fail(message, uid=want["uid"]):
            fail(f"event {uid}: {message}")

        for key, prop in [("summary", "SUMMARY"), ("description", "DESCRIPTION"), ("url", "URL"), ("status", "STATUS")]:
            if key in want and str(event.get(prop, "")) != want[key]:
                event_fail(f"{prop} {str(event.get(prop, ''))!r}, expected {want[key]!r}")
        if "sequence" in want and int(event.get("SEQUENCE", -1)) != want["sequence"]:
            event_fail(f"SEQUENCE {event.get('SEQUENCE')}, expected {want['sequence']}")
        if "DTSTAMP" not in event or event.decoded("DTSTAMP").utcoffset() is None or event.decoded("DTSTAMP").utcoffset().total_seconds() != 0:
            event_fail("DTSTAMP missing or not UTC")
        check_time(event, "DTSTART", want, zones, event_fail)
        check_time(event, "DTEND", want, zones, event_fail)

    unfolded = raw.replace(b"\r\n ", b"").replace(b"\r\n\t", b"").decode("utf-8", "replace")
    for text in expected.get("absent", []):
        if text in unfolded:
            fail(f"contains {text!r}, which must not appear")
    return failures, len(wanted)


def main(arguments):
    paths = []
    for argument in arguments:
        path = pathlib.Path(argument)
        paths += sorted(path.glob("*.ics")) if path.is_dir() else [path]
    if not paths:
        print("ics check: no .ics files given", file=sys.stderr)
        return 1
    failures, events = [], 0
    for path in paths:
        found, count = check_file(path)
        failures += found
        events += count
    for failure in failures:
        print(f"ics check: {failure}", file=sys.stderr)
    verdict = "FAILED" if failures else "ok"
    print(f"ics check (icalendar {icalendar.__version__}): {len(paths)} files, {events} events, {verdict}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
