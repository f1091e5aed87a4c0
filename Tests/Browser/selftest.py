"""Self-test of the browser harness, needing no Banso server: `scripts/browser --selftest`.

Serves a few static pages from a temporary directory with Python's http.server
on loopback and checks that the harness's checks see what they must:
  - axe: an <img> without alt is a critical violation; a clean page has none;
  - Nu: the same <img> is an HTML error; the clean pages have none (one call);
  - the console: a JavaScript error and a missing stylesheet fail the page; the
    document's own 422 does not (a refused form answers so by design);
  - statuses: a 303 is seen in `chain`, then the 200 it led to;
  - screenshots: <lang>-<width>-<slug>.png; the 390 px viewport is 390 px wide;
  - the pure helpers: page keys leave ids and queries out;
  - the flows themselves (run.py, every flow at both widths) pass against
    contract_stub.py, a stand-in that follows the pages' DOM contract, and
    fail with a clear message when the stand-in breaks one rule.
Prints `ok - …`/`not ok - …` per check and last `selftest: N passed, M failed`.
"""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import shutil
import sys
import tempfile
import threading
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import Findings, Harness, NARROW, WIDE, nu_check, page_path, path_slug  # noqa: E402
import contract_stub  # noqa: E402

RUN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run.py")

HEAD = ('<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">')
DOT = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def page(title: str, body: str, lang: str = "en", head: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head>{HEAD}<title>{title}</title>{head}</head>'
            f'<body><a class="skip-link" href="#main">Skip to content</a>'
            f'<main id="main"><h1>{title}</h1>{body}</main></body></html>\n')


PAGES = {
    "clean.html": page("Clean", f'<p>A clean page.</p><img src="{DOT}" alt="A dot" width="1" height="1">'),
    "clean-ja.html": page("きれいなページ", "<p>日本語のページです。</p>", lang="ja"),
    "no-alt.html": page("No alt", f'<p>An image without alt.</p><img src="{DOT}" width="1" height="1">'),
    "js-error.html": page("Script error", "<p>Throws.</p>",
                          head="<script>window.addEventListener('load', () => { throw new Error('boom from the page'); });</script>"),
    "missing-css.html": page("Missing stylesheet", "<p>Its stylesheet is missing.</p>",
                             head='<link rel="stylesheet" href="/missing.css">'),
}


class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path == "/refused":
            self._send(422, page("Refused", '<p role="alert" id="login-error">Refused on purpose.</p>'))
        elif self.path == "/go":
            self.send_response(303)
            self.send_header("Location", "/clean.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            super().do_GET()

    def _send(self, status: int, text: str) -> None:
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # quiet
        pass


class Checks:
    def __init__(self) -> None:
        self.passed = self.failed = 0

    def check(self, name: str, condition: bool, detail: str = "") -> None:
        if condition:
            self.passed += 1
            print(f"ok - {name}", flush=True)
        else:
            self.failed += 1
            print(f"not ok - {name}{': ' + detail if detail else ''}", flush=True)


def run_flows(base: str, demo_file: str, *options: str) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if k != "BANSO_SCREENSHOTS"}
    proc = subprocess.run([sys.executable, RUN, "--base", base, "--demo", demo_file, *options],
                          capture_output=True, text=True, timeout=240, env=env)
    return proc.returncode, proc.stdout + ("\n(stderr)\n" + proc.stderr if proc.stderr.strip() else "")


def flows_against_stub(checks: Checks, root: str) -> None:
    demo_file = os.path.join(root, "demo.json")
    with open(demo_file, "w", encoding="utf-8") as f:
        json.dump(contract_stub.DEMO, f)

    stub = contract_stub.Stub(contract_stub.DEMO)
    try:
        status, output = run_flows(stub.base, demo_file)
    finally:
        stub.close()
    stdout = output.split("\n(stderr)\n")[0].strip()
    last = stdout.splitlines()[-1] if stdout else ""
    checks.check("every flow passes at both widths on a site that follows the contract", status == 0,
                 "\n" + output)
    checks.check("run.py ends with the summary line",
                 last.startswith("browser: flows=8 ") and "axe_violations=0 html_errors=0" in last, last)

    broken = contract_stub.Stub(contract_stub.DEMO, forget_email=True)
    try:
        status, output = run_flows(broken.base, demo_file, "--flow", "wrong_password_keeps_input", "--width", "390")
    finally:
        broken.close()
    checks.check("a site that breaks the contract fails the flow, saying how",
                 status == 1 and "FAIL wrong_password_keeps_input @390" in output
                 and "the e-mail field should keep" in output, "\n" + output)


def main() -> int:
    started = time.monotonic()
    checks = Checks()
    root = tempfile.mkdtemp(prefix="banso-browser-selftest.")
    site, shots = os.path.join(root, "site"), os.path.join(root, "shots")
    os.makedirs(site)
    for name, text in PAGES.items():
        with open(os.path.join(site, name), "w", encoding="utf-8") as f:
            f.write(text)

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a, **k: Handler(*a, directory=site, **k))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    findings = Findings(html_dir=os.path.join(root, "html"), screenshots=shots)
    os.makedirs(findings.html_dir)
    os.makedirs(shots)
    wide = narrow = None
    try:
        # --- pure helpers
        checks.check("page_path leaves out query and ids",
                     page_path("http://x/goals/0190c7a2-1b2c-7d3e-8f40-123456789abc/edit?tab=2#x") == "/goals/{id}/edit"
                     and page_path("http://x/teams/42") == "/teams/{id}" and page_path("http://x") == "/",
                     page_path("http://x/goals/0190c7a2-1b2c-7d3e-8f40-123456789abc/edit?tab=2#x"))
        checks.check("path_slug", path_slug("/") == "home" and path_slug("/goals/{id}/edit") == "goals-id-edit")

        wide = Harness(base, findings, width=WIDE[0], flow="selftest")

        # --- a clean page: no problem, no violation
        wide.visit("/clean.html")
        checks.check("clean page: no console problem", not wide.problems, "; ".join(wide.problems))
        checks.check("clean page: no axe violation", not findings.violations,
                     "; ".join(map(str, findings.violations)))
        checks.check("clean page: status 200 seen", wide.status() == 200, wide.describe_chain())
        wide.visit("/clean.html")
        checks.check("a page seen twice is checked once", len(findings.pages) == 1, str(list(findings.pages)))

        # --- an <img> without alt: axe's image-alt (critical)
        wide.visit("/no-alt.html")
        rules = {(v.rule, v.impact) for v in findings.violations if v.page.key[0] == "/no-alt.html"}
        checks.check("img without alt: axe reports image-alt (critical)", ("image-alt", "critical") in rules, str(rules))
        checks.check("img without alt: not a console problem", not wide.problems, "; ".join(wide.problems))

        # --- console errors
        wide.visit("/js-error.html")
        checks.check("a JavaScript error is a console problem",
                     any("boom from the page" in p for p in wide.problems), "; ".join(wide.problems) or "none")
        wide.problems.clear()
        wide.visit("/missing-css.html")
        checks.check("a missing stylesheet is a console problem",
                     any("missing.css" in p for p in wide.problems), "; ".join(wide.problems) or "none")
        wide.problems.clear()

        # --- statuses
        wide.visit("/refused", state="refused")
        checks.check("the document's own 422 is seen", wide.status() == 422, wide.describe_chain())
        checks.check("the document's own 422 is not a console problem", not wide.problems, "; ".join(wide.problems))
        wide.visit("/go")
        hops = [(h.path, h.status) for h in wide.chain]
        checks.check("a 303 and the page it led to are seen", hops == [("/go", 303), ("/clean.html", 200)], str(hops))

        # --- the narrow width, another language, screenshots
        narrow = Harness(base, findings, width=NARROW[0], flow="selftest")
        narrow.visit("/clean-ja.html")
        inner = narrow.driver.execute_script("return window.innerWidth")
        checks.check("the 390 px browser's viewport is 390 px wide", inner == NARROW[0], f"innerWidth {inner}")
        checks.check("lang is read from <html lang>", narrow.lang() == "ja", narrow.lang())
        expected = {"en-1280-clean-html.png", "en-1280-no-alt-html.png", "ja-390-clean-ja-html.png",
                    "en-1280-refused-refused.png"}
        written = set(os.listdir(shots))
        checks.check("screenshots are <lang>-<width>-<slug>.png", expected <= written, str(sorted(written)))
        with open(os.path.join(shots, "ja-390-clean-ja-html.png"), "rb") as f:
            checks.check("a screenshot is a PNG", f.read(8) == b"\x89PNG\r\n\x1a\n")

        # --- Nu: one call over every page kept
        errors = nu_check(findings)
        by_path: dict[str, list[str]] = {}
        for error in errors:
            by_path.setdefault(error.page.key[0] if error.page else error.file, []).append(error.message)
        checks.check("Nu: the img without alt is an HTML error",
                     any("alt" in m for m in by_path.get("/no-alt.html", [])), str(by_path))
        clean = {p: m for p, m in by_path.items() if p != "/no-alt.html"}
        checks.check("Nu: every other page is valid", not clean, str(clean))
        checks.check("Nu: errors name their page and line", all(e.page and e.line for e in errors),
                     "; ".join(map(str, errors)))
        for error in errors:
            print(f"    (expected) {error}")
        for h in (wide, narrow):
            h.close()
        wide = narrow = None

        flows_against_stub(checks, root)
    except Exception as error:
        checks.check("the self-test ran to its end", False, f"{type(error).__name__}: {error}")
        traceback.print_exc()
    finally:
        for h in (wide, narrow):
            if h:
                h.close()
        server.shutdown()
        server.server_close()
        shutil.rmtree(root, ignore_errors=True)

    print(f"selftest took {time.monotonic() - started:.1f} s")
    print(f"selftest: {checks.passed} passed, {checks.failed} failed")
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
