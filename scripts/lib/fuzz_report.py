"""scripts/lib/fuzz_report.py — the findings of a scripts/fuzz run, one block per bug.

    python3 scripts/lib/fuzz_report.py REPORT.json EVENTS.ndjson SERVER.log

Called by scripts/fuzz after schemathesis has run; not meant to be run by hand
(though it works on kept reports, see BANSO_FUZZ_REPORT_DIR in scripts/fuzz).
Reads schemathesis' JSON run report (totals) and NDJSON event stream (every
request and response), groups the failed checks by operation, status and the
server's own account of the error — the `request failed` entry the server
logged under the response's X-Request-Id — and prints, for each group, the
smallest request that produced it, the answer, and that log entry; then, as
notes, what else the server logged (say, a database error it turned into a
4xx). Ends with one line for scripts and people:

    fuzz: operations=N failures=M errors=E

Exits 1 when there is a failure or an error, 0 when there is none, 2 when the
reports are missing or unreadable. Standard library only (it runs on the
system python3 as well as in the fuzz venv).
"""

import base64
import json
import re
import sys
from collections import OrderedDict

EXCERPT = 400  # characters of a body shown in a finding
LOG_START = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
REQUEST_ID = re.compile(r"\brequest_id=([0-9A-Za-z_-]+)")
NOISE = re.compile(r"\s*\b(hb\.request\.id|request_id)=\S+")


def excerpt(text, limit=EXCERPT):
    text = text.replace("\r", "")
    return text if len(text) <= limit else text[:limit] + f"… ({len(text)} chars)"


def decode(content):
    """A body as recorded by schemathesis: {"$base64": …}, a string, or nothing."""
    if content is None:
        return ""
    if isinstance(content, dict) and "$base64" in content:
        raw = base64.b64decode(content["$base64"])
        return raw.decode("utf-8", errors="replace")
    if isinstance(content, str):
        return content
    return json.dumps(content, ensure_ascii=False)


def header(headers, name):
    for key, values in (headers or {}).items():
        if key.lower() == name.lower():
            return values[0] if isinstance(values, list) and values else values
    return None


def server_errors(path):
    """The server's log entries (an entry may span lines): all of them, and by request id."""
    entries, every, current = {}, [], []

    def flush():
        if current:
            text = "\n".join(current)
            every.append(text)
            for rid in set(REQUEST_ID.findall(text)):
                entries.setdefault(rid, []).append(text)

    try:
        with open(path, encoding="utf-8", errors="replace") as log:
            for line in log:
                line = line.rstrip("\n")
                if LOG_START.match(line):
                    flush()
                    current = [line]
                else:
                    current.append(line)
        flush()
    except OSError:
        pass
    return entries, every


def signature(entry):
    """What identifies a bug in a log entry: the error and message lines, without ids and timestamps."""
    lines = entry.splitlines()
    first = lines[0].split(" ", 1)[-1]  # without the timestamp
    first = NOISE.sub("", first).strip()
    message = next((l for l in lines[1:] if l.startswith("message:")), "")
    return (first + " " + NOISE.sub("", message)).strip()


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    report_path, events_path, log_path = argv[1:]
    try:
        with open(report_path, encoding="utf-8") as f:
            report = json.load(f)
    except (OSError, ValueError) as error:
        print(f"fuzz: cannot read the schemathesis report {report_path}: {error}", file=sys.stderr)
        return 2

    log, log_entries = server_errors(log_path)
    reported = set()  # log entries shown with a finding
    groups = OrderedDict()  # (operation, status, signature) → {"count", "example", …}

    try:
        events = open(events_path, encoding="utf-8", errors="replace")
    except OSError as error:
        print(f"fuzz: cannot read the schemathesis events {events_path}: {error}", file=sys.stderr)
        return 2
    with events:
        for line in events:
            # Only scenarios with a failed check matter; the cheap test skips the rest unparsed.
            if '"status":"failure"' not in line or "ScenarioFinished" not in line:
                continue
            try:
                recorder = json.loads(line)["ScenarioFinished"]["recorder"]
            except (ValueError, KeyError):
                continue
            for case_id, checks in recorder.get("checks", {}).items():
                failed = [c for c in checks if c.get("status") == "failure"]
                if not failed:
                    continue
                interaction = recorder.get("interactions", {}).get(case_id)
                if not interaction or not interaction.get("response"):
                    continue
                request, response = interaction["request"], interaction["response"]
                info = failed[0].get("failure_info", {}).get("failure", {})
                operation = info.get("operation") or recorder.get("label", "?")
                status = response.get("status_code")
                rid = header(response.get("headers"), "x-request-id") or ""
                logged = log.get(rid, [])
                reported.update(logged)
                reason = signature(logged[0]) if logged else decode(response.get("content"))[:120]
                key = (operation, status, reason)
                body = decode(request.get("body"))
                size = len(request.get("uri", "")) + len(body)
                group = groups.setdefault(key, {"requests": set(), "size": None})
                group["requests"].add(rid or id(interaction))
                if group["size"] is None or size < group["size"]:
                    group.update(
                        size=size,
                        check=info.get("title", failed[0].get("name")),
                        method=request.get("method"),
                        uri=request.get("uri"),
                        content_type=header(request.get("headers"), "content-type"),
                        body=body,
                        answer=decode(response.get("content")),
                        log="\n".join(logged),
                    )

    for number, ((operation, status, _), g) in enumerate(groups.items(), 1):
        print(f"--- finding {number}: {operation} → {status} ({g['check']}; {len(g['requests'])} request(s))")
        print(f"    request:  {g['method']} {g['uri']}")
        if g["body"]:
            print(f"    body:     {excerpt(g['body'])}" + (f"   [{g['content_type']}]" if g["content_type"] else ""))
        print(f"    answer:   {excerpt(g['answer'])}")
        if g["log"]:
            print("    server log:")
            for entry_line in excerpt(g["log"], 1200).splitlines():
                print(f"      {entry_line}")

    # What the server logged (at warning and above) for requests that got no 5xx: say, a
    # database error turned into a 4xx — not a failure, but a check the code may be missing.
    notes = OrderedDict()
    for entry in log_entries:
        if entry not in reported:
            notes.setdefault(signature(entry), []).append(entry)
    for number, (reason, entries) in enumerate(notes.items(), 1):
        if number > 10:
            print(f"--- note: {len(notes) - 10} more kinds of server log entries (see the server log)")
            break
        print(f"--- note: the server logged ×{len(entries)} (not with a 5xx): {excerpt(reason, 300)}")

    operations = report.get("operations", {})
    cases = report.get("test_cases", {})
    errors = report.get("errors", [])
    for error in errors:
        # Errors are schemathesis' own (a crash in a generator, a refused connection): details above.
        print(f"--- error: {error.get('title', '?')} ×{error.get('count', 1)} (see schemathesis' ERRORS section above)")
    failures = cases.get("unique_failures", 0)
    # A failure the event stream did not show (say, a check other than a 5xx) still counts.
    failures = max(failures, len(groups))
    print(
        f"fuzz: operations={operations.get('tested', 0)} failures={failures} errors={len(errors)}"
        f" test_cases={cases.get('generated', 0)} seconds={report.get('running_time', 0):.0f}"
    )
    return 1 if failures or errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
