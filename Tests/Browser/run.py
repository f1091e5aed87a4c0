"""Runs the browser flows against a running Banso and prints the verdict.

    python3 Tests/Browser/run.py --base http://127.0.0.1:PORT --demo demo.json [--flow NAME]… [--width 390]…

Every flow (flows.py) runs at each of its widths in a fresh headless Chromium;
then one Nu HTML checker call validates every distinct page reached. Prints a
line per flow run, every console error, axe violation (serious, critical) and
HTML error, and last

    browser: flows=N pages=P axe_violations=V html_errors=E seconds=S

(N flow runs, P distinct pages). Exits 0 when every flow passed and V = E = 0,
1 otherwise. BANSO_SCREENSHOTS=dir writes a PNG of every page (harness.py).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import Demo, Findings, FlowFailure, Harness, elapsed, log, nu_check  # noqa: E402
import flows  # noqa: E402
# Each group of pages keeps its flows in a file of its own (flows_*.py); importing one registers its flows.
import flows_directory, flows_operations, flows_organization, flows_customers, flows_customer_reports, flows_customer_records, flows_customer_tickets, \
    flows_customer_revenue, flows_meetings, flows_success, flows_programs, flows_check_ups, flows_processes  # noqa: E402,F401


def _terminate(signum, _frame):
    # An ordinary exit, so every `finally` quits its browser.
    raise SystemExit(128 + signum)


def server_log_tail(file: str, lines: int = 30) -> list[str]:
    try:
        with open(file, encoding="utf-8", errors="replace") as f:
            return [line.rstrip("\n") for line in f.readlines()[-lines:]]
    except OSError:
        return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="the server's base URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--demo", required=True, help="`banso demo`'s JSON output")
    parser.add_argument("--flow", action="append", default=[], help="run only this flow (repeatable)")
    parser.add_argument("--width", action="append", type=int, default=[], help="run only at this width (repeatable)")
    parser.add_argument("--server-log", help="the server's log: its last lines are shown when something failed")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGHUP, _terminate)

    started = time.monotonic()
    demo = Demo.load(args.demo)
    selected = [flows.find_flow(name) for name in args.flow] if args.flow else flows.FLOWS
    findings = Findings.create()
    runs = failures = 0
    problems_total: list[str] = []
    try:
        for name, function, widths in selected:
            for width in widths:
                if args.width and width not in args.width:
                    continue
                runs += 1
                label = f"{name} @{width}"
                t0 = time.monotonic()
                failure = None
                h = None
                try:
                    h = Harness(args.base, findings, width=width, demo=demo, flow=name)
                    function(h)
                    h.finish()
                except FlowFailure as error:
                    failure = str(error)
                except Exception as error:  # a driver error, a bug in the flow: still this flow's failure
                    # WebDriverException's str() carries chromedriver's native stack; its msg does not.
                    message = getattr(error, "msg", None) or str(error)
                    failure = f"{type(error).__name__}: {message}".strip()
                    log(f"{label}: {failure}\n" + "".join(traceback.format_tb(error.__traceback__)[-4:]))
                finally:
                    problems = list(h.problems) if h else []
                    visited = len(h.visited) if h else 0
                    if h:
                        h.close()
                ok = failure is None and not problems
                failures += 0 if ok else 1
                print(f"{'PASS' if ok else 'FAIL'} {label} ({visited} pages, {elapsed(t0)} s)", flush=True)
                if failure:
                    print(f"    {failure}", flush=True)
                for problem in problems:
                    print(f"    {problem}", flush=True)
                problems_total.extend(problems)

        html_failed = None
        try:
            nu_check(findings)
        except Exception as error:
            html_failed = f"{type(error).__name__}: {error}"

        if findings.violations:
            print(f"\naxe: {len(findings.violations)} serious or critical violation(s):")
            for violation in findings.violations:
                print(f"    {violation}")
        if findings.html_errors:
            print(f"\nNu HTML checker: {len(findings.html_errors)} error(s):")
            for error in findings.html_errors:
                print(f"    {error}")
        if html_failed:
            print(f"\nNu HTML checker could not run: {html_failed}")
        shots = findings.screenshots
        if shots:
            count = sum(1 for p in findings.pages.values() if p.screenshot)
            print(f"\n{count} screenshot(s) in {shots}")

        ok = failures == 0 and not findings.violations and not findings.html_errors and not html_failed
        if not ok and args.server_log:
            tail = server_log_tail(args.server_log)
            if tail:
                print(f"\nthe server's log (warnings and errors), last lines:")
                for line in tail:
                    print(f"    {line}")
        print()
        if not ok:
            print(f"browser: FAILED ({failures} of {runs} flow runs failed)")
        print(f"browser: flows={runs} pages={len(findings.pages)} axe_violations={len(findings.violations)} "
              f"html_errors={len(findings.html_errors)} seconds={round(time.monotonic() - started)}", flush=True)
        return 0 if ok else 1
    finally:
        findings.close()


if __name__ == "__main__":
    sys.exit(main())
