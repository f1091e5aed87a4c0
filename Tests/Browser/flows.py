"""The browser flows: what a manager or a CSM does in Banso's pages.

A flow is one function taking the Harness, decorated with @flow; run.py runs
every flow at each of its widths (1280 and 390 px unless @flow(widths=…) says
otherwise), each run in a fresh browser. Adding a flow is writing one function:

    @flow
    def create_kpi(h: Harness) -> None:
        sign_in(h, h.demo.manager)
        h.visit("/goals")
        ...

Use h.visit(path) to GET a page and `with h.navigating("what"):` around an
action that loads one (a click, Enter in a form), so every page reached is
checked (console, axe, Nu, screenshot). h.find(css, what) waits at most 5 s and
fails with where the browser is. The DOM contract the flows rely on is in
issue 12's brief and in the checks below (login_form, signed_in_page).
"""

from __future__ import annotations

from typing import Callable

from selenium.webdriver.common.keys import Keys

from acting import Actor, Keyboard, Mouse
from harness import WIDE, NARROW, FlowFailure, Harness, Person

FlowFunction = Callable[[Harness], None]
FLOWS: list[tuple[str, FlowFunction, tuple[int, ...]]] = []


def flow(function: FlowFunction | None = None, *, widths: tuple[int, ...] = (WIDE[0], NARROW[0])):
    """Registers a flow (run in that order, at each of WIDTHS)."""
    def register(f: FlowFunction) -> FlowFunction:
        FLOWS.append((f.__name__, f, widths))
        return f
    return register(function) if function else register


def both_ways(function: Callable[[Harness, Actor], None]) -> Callable[[Harness, Actor], None]:
    """Registers FUNCTION twice: with the mouse at both widths, and as NAME_keyboard with the keyboard alone."""
    FLOWS.append((function.__name__, lambda h: function(h, Mouse(h)), (WIDE[0], NARROW[0])))
    FLOWS.append((function.__name__ + "_keyboard", lambda h: function(h, Keyboard(h)), (WIDE[0],)))
    return function


# --- the contract, as checks -------------------------------------------------

LOGIN_FORM = 'form#login[method="post"][action="/login"]'


def login_form(h: Harness) -> None:
    """GET /login's form: #org, #email, #password (with their names) and a submit button."""
    h.find(LOGIN_FORM, "the sign-in form")
    for field in ("org", "email", "password"):
        h.find(f'{LOGIN_FORM} #{field}[name="{field}"]', f"the sign-in form's {field} field")
    h.find(f'{LOGIN_FORM} button[type="submit"]', "the sign-in form's submit button")


def signed_in_page(h: Harness) -> None:
    """What every signed-in page has: lang, skip link, main#main with an h1, sign-out and language forms."""
    lang = h.lang()
    h.expect(lang in ("ja", "en"), f'<html lang> is {lang!r}, not "ja" or "en":')
    h.find('a.skip-link[href="#main"]', "the skip link")
    h.find("main#main h1", "the page's main heading")
    h.find('form#logout[method="post"][action="/logout"] button[type="submit"], '
           'form#logout[method="post"][action="/logout"] input[type="submit"]', "the sign-out form")
    h.find('form#locale[method="post"][action="/me/locale"]', "the language form")
    for value in ("ja", "en"):
        h.find(f'form#locale button[name="locale"][value="{value}"]', f"the language form's {value} button")


def expect_redirect(h: Harness, what: str, to: str, status: int = 303) -> None:
    """The last navigation went through a STATUS redirect and ended at TO."""
    h.wait_for_path(to, what)
    hops = h.chain
    h.expect(any(hop.status == status for hop in hops[:-1]),
             f"{what}: expected a {status} to {to}, saw {h.describe_chain()}:")
    h.expect(hops and hops[-1].path == to and hops[-1].status == 200,
             f"{what}: expected GET {to} → 200 at the end, saw {h.describe_chain()}:")


# --- steps the flows share ---------------------------------------------------

def sign_in(h: Harness, person: Person, act: Actor | None = None) -> None:
    """Signs PERSON in through /login (with the mouse unless ACT says otherwise) and lands on the home page."""
    act = act or Mouse(h)
    h.visit("/login")
    login_form(h)
    act.fill("#org", h.demo.slug, "the organisation field")
    act.fill("#email", person.email, "the e-mail field")
    act.fill("#password", person.password, "the password field")
    with h.navigating("signing in"):
        act.press_button(f'{LOGIN_FORM} button[type="submit"]', "the sign-in button")
    expect_redirect(h, f"signing in as {person.email}", "/")
    signed_in_page(h)


def sign_out(h: Harness, act: Actor | None = None) -> None:
    act = act or Mouse(h)
    with h.navigating("signing out"):
        act.press_button('form#logout button[type="submit"]', "the sign-out button")
    expect_redirect(h, "signing out", "/login")
    login_form(h)


def fill(h: Harness, css: str, value: str) -> None:
    element = h.find(css)
    element.clear()
    element.send_keys(value)


# --- the flows ---------------------------------------------------------------

@flow
def sign_in_and_out(h: Harness) -> None:
    """A manager signs in (303 to /), sees a signed-in page, opens his own page, signs out (303 to /login)."""
    sign_in(h, h.demo.manager)
    with h.navigating("opening my page from my name in the header"):
        h.find('.account a[href="/me"]', "the link to my page (my name, in the header)").click()
    h.find("#profile-form #name", "the profile form")
    h.find('#password-form input[autocomplete="current-password"]', "the password form")
    signed_in_page(h)
    sign_out(h)
    # Signed out means signed out: the home page sends the browser back to sign in.
    h.visit("/")
    h.expect(h.path().split("?")[0] == "/login", "after signing out, GET / should lead to /login:")


@flow
def wrong_password_keeps_input(h: Harness) -> None:
    """A CSM's refused sign-in comes back (401/422) with org and e-mail kept, password empty, an alert."""
    csm = h.demo.csm
    h.visit("/login")
    login_form(h)
    fill(h, "#org", h.demo.slug)
    fill(h, "#email", csm.email)
    fill(h, "#password", csm.password + "-wrong")
    with h.navigating("a sign-in with a wrong password", state="refused"):
        h.find(f'{LOGIN_FORM} button[type="submit"]').click()
    error = h.find("#login-error", "the refused sign-in's message")
    h.expect(h.status() in (401, 422), f"a refused sign-in should answer 401 or 422, saw {h.describe_chain()}:")
    h.expect(h.path().split("?")[0] == "/login", "a refused sign-in should stay on /login:")
    h.expect(error.get_attribute("role") == "alert", '#login-error should have role="alert":')
    h.expect(error.text.strip() != "", "#login-error is empty:")
    login_form(h)
    org = h.find("#org").get_attribute("value")
    email = h.find("#email").get_attribute("value")
    password = h.find("#password").get_attribute("value")
    h.expect(org == h.demo.slug, f"the org field should keep {h.demo.slug!r}, has {org!r}:")
    h.expect(email == csm.email, f"the e-mail field should keep {csm.email!r}, has {email!r}:")
    h.expect(password == "", "the password field should come back empty:")


@flow
def switch_language(h: Harness) -> None:
    """A manager switches the pages to the other language and back."""
    manager = h.demo.manager
    sign_in(h, manager)
    start = h.lang()
    for lang in [("en" if start == "ja" else "ja"), start]:
        with h.navigating(f"switching the language to {lang}"):
            h.find(f'form#locale button[name="locale"][value="{lang}"]', f"the {lang} button").click()
        h.wait_until(lambda: h.lang() == lang, f'<html lang> should become "{lang}"')
        h.expect(any(hop.method == "POST" and hop.status == 303 for hop in h.chain),
                 f"POST /me/locale should answer 303, saw {h.describe_chain()}:")
        signed_in_page(h)
        # The choice is the member's, not the page's: it holds on the next page.
        h.visit("/")
        h.expect(h.lang() == lang, f'after switching to {lang}, GET / should be in {lang}, is {h.lang()!r}:')
    sign_out(h)


@flow
def keyboard_sign_in(h: Harness) -> None:
    """A CSM signs in, skips to the content and signs out with Tab and Enter only (no clicks)."""
    csm = h.demo.csm
    h.visit("/login")
    login_form(h)
    values = {"org": h.demo.slug, "email": csm.email, "password": csm.password}
    # Whatever order the page puts them in, each field is reached with Tab.
    done: set[str] = set()
    for _ in range(len(values)):
        remaining = [f"{LOGIN_FORM} #{name}" for name in values if name not in done]
        h.tab_to(", ".join(remaining), "tabbing to the sign-in fields")
        name = h.focused().get_attribute("id")
        h.type_here(values[name])
        done.add(name)
    h.tab_to(f'{LOGIN_FORM} button[type="submit"]', "tabbing to the sign-in button")
    with h.navigating("signing in with Enter on the button"):
        h.press(Keys.ENTER)
    expect_redirect(h, "signing in with the keyboard", "/")
    signed_in_page(h)

    # The skip link is the first Tab stop, and Enter on it moves to the content.
    h.press(Keys.TAB)
    h.expect(h.driver.execute_script("return document.activeElement.matches('a.skip-link[href=\"#main\"]')"),
             f"the first Tab stop should be the skip link, is {h.focused_describe()}:")
    h.expect(h.focused().is_displayed(), "the skip link should be visible when it has the focus:")
    h.press(Keys.ENTER)
    h.wait_until(lambda: h.driver.execute_script("return location.hash") == "#main",
                 "Enter on the skip link should go to #main")

    # From the content back to the header's sign-out button.
    h.tab_to('form#logout button[type="submit"], form#logout input[type="submit"]', "Shift+Tab back to sign out",
             limit=60, backwards=True)
    with h.navigating("signing out with Enter"):
        h.press(Keys.ENTER)
    expect_redirect(h, "signing out with the keyboard", "/login")


@flow
def goal_tree(h: Harness) -> None:
    """A manager opens the goal tree from the menu, filters it, and switches language without leaving it."""
    sign_in(h, h.demo.manager)
    menu = Mouse(h)
    with h.navigating("opening the goal tree from the menu"):
        menu.menu("/goals/tree", "the menu's goal tree link")
    h.wait_for_path("/goals/tree", "the goal tree")
    signed_in_page(h)
    h.find("ul.tree li.goal .goal-row a.goal-title", "a goal in the tree")
    h.find("ul.tree details[open] > summary", "an open level of the tree")
    h.find("ul.tree svg.bar[role=img][aria-label]", "a progress bar with a text alternative")
    h.find('form.filters select#period option[selected]', "the selected period")
    with h.navigating("opening the dashboards from the menu", state="dashboards"):
        menu.menu("/dashboards", "the menu's dashboards link")
    h.find("#dash-completion", "the completion section")
    h.find("#dash-offtrack", "the off-track section")
    with h.navigating("back to the goal tree"):
        menu.menu("/goals/tree", "the menu's goal tree link")
    with h.navigating("showing only off-track goals", state="off-track"):
        h.find("#off_track", "the off-track filter").click()
        h.find('form.filters button[type="submit"]', "the filter button").click()
    h.expect("off_track=1" in h.driver.current_url, "the filter should be in the address, so it can be shared:")
    h.find("form.filters #off_track:checked", "the off-track filter, still checked")
    other = "en" if h.lang() == "ja" else "ja"
    with h.navigating(f"switching the language to {other} on the tree", state=f"tree-{other}"):
        h.find(f'form#locale button[name="locale"][value="{other}"]', f"the {other} button").click()
    h.wait_until(lambda: h.lang() == other, f'<html lang> should become "{other}"')
    h.expect(h.path().split("?")[0] == "/goals/tree", "switching the language should stay on the goal tree:")
    h.find("form.filters #off_track:checked", "the off-track filter, kept across the language switch")
    with h.navigating("switching the language back", state="tree-back"):
        h.find(f'form#locale button[name="locale"][value="{"ja" if other == "en" else "en"}"]').click()


def open_goal(h: Harness, title: str, act: Actor | None = None) -> None:
    """From the goal tree, opens the goal called TITLE."""
    act = act or Mouse(h)
    h.visit("/goals/tree")
    links = [a for a in h.driver.find_elements("css selector", "ul.tree a.goal-title") if a.text.strip() == title]
    h.expect(bool(links), f"the goal tree should show the goal {title!r}:")
    href = links[0].get_attribute("href").split("//", 1)[-1].split("/", 1)[-1]
    with h.navigating(f"opening the goal {title!r}"):
        act.press_button(f'ul.tree a.goal-title[href="/{href}"]', f"the goal {title!r}")
    h.find("main#main h1", "the goal's heading")


@flow
def forgot_password(h: Harness) -> None:
    """Someone who forgot their password asks for a link from the sign-in page and is told it is on its way."""
    h.visit("/login")
    with h.navigating("following the forgot-password link"):
        h.find('a[href="/forgot-password"]', "the forgot-password link").click()
    h.find("form#forgot-form", "the forgot-password form")
    fill(h, "#org", h.demo.slug)
    fill(h, "#email", "not an address")
    with h.navigating("asking with a malformed address", state="refused"):
        h.find('#forgot-form button[type="submit"]').click()
    h.expect(h.status() == 422, f"a malformed address should answer 422, saw {h.describe_chain()}:")
    h.find("#email-error", "the address's message")
    fill(h, "#email", h.demo.csm.email)
    with h.navigating("asking for the link"):
        h.find('#forgot-form button[type="submit"]').click()
    expect_redirect(h, "asking for a reset link", "/forgot-password")
    h.find('p.notice[role="status"]', "the notice that the link is on its way")


def variant(h: Harness, act: Actor, choices: list):
    """The choice for this run: the mouse at 1280, the mouse at 390, the keyboard."""
    return choices[2 if act.keyboard else (0 if h.width >= WIDE[0] else 1)]


@both_ways
def check_in_and_review(h: Harness, act: Actor) -> None:
    """A CSM submits the month's check-in of her KPI; her manager finds it on his home page and accepts it."""
    # Each run has a CSM and KPI of its own: a check-in reviewed in one run is not open in the next.
    who, kpi = variant(h, act, [("emily", "Days to first value"), ("suzuki", "オンボーディング 30 日完了率"),
                                ("takahashi", "ヘルス A・B の顧客比率")])
    csm, manager = h.demo.person(who), h.demo.person("sato")
    sign_in(h, csm, act)
    open_goal(h, kpi, act)
    h.find("#checkin-form", "the check-in form")
    # Submitting without a number is refused in place, with the message next to the field.
    act.fill("#actual", "fifty", "the actual")
    act.choose('#checkin-form input[name="confidence"][value="on_track"]', "the confidence")
    with h.navigating("submitting a check-in with a word for the actual", state="refused"):
        act.press_button('#checkin-form button[name="action"][value="submit"]', "the submit button")
    h.expect(h.status() == 422, f"a non-number actual should answer 422, saw {h.describe_chain()}:")
    h.find("#actual-error", "the actual's message")
    h.expect(h.find("#actual").get_attribute("value") == "fifty", "the refused actual should be kept as typed:")
    act.fill("#actual", "52", "the actual")
    act.fill("#comment", "Two onboardings finished early", "the comment")
    with h.navigating("submitting the check-in"):
        act.press_button('#checkin-form button[name="action"][value="submit"]', "the submit button")
    h.find('p.notice[role="status"]', "the confirmation that the check-in was submitted")
    sign_out(h, act)
    sign_in(h, manager, act)
    h.find("#reviews ul.items li a", "the check-in waiting for review, on the manager's home page")
    with h.navigating("opening the review queue from the menu"):
        act.menu("/reviews", "the menu's reviews link")
    with h.navigating("opening the check-in to review"):
        act.press_button("table a[href^='/goals/']", "a check-in in the review queue")
    h.find("#review-form", "the review form")
    act.fill("#review-comment", "Good progress", "the review comment")
    with h.navigating("accepting the check-in"):
        act.press_button('#review-form button[name="decision"][value="accept"]', "the accept button")
    h.find('p.notice[role="status"]', "the confirmation that the review was recorded")
    h.expect("Good progress" in h.find("table").text, "the history should show the review's comment:")
    # The submission reached the manager's inbox; he reads it there and marks everything read.
    with h.navigating("opening the inbox from the menu"):
        act.menu("/me/notifications", "the menu's notifications link")
    h.find("ul.inbox li.unread", "an unread notification")
    with h.navigating("marking all notifications read", state="read"):
        act.press_button('form[action="/me/notifications/read"] button[type="submit"]', "the mark-all-read button")
    h.expect(not h.driver.find_elements("css selector", "ul.inbox li.unread"), "no notification should stay unread:")
    # The language is switched from the header with the same means.
    other = "en" if h.lang() == "ja" else "ja"
    with h.navigating(f"switching the language to {other}", state=f"lang-{other}"):
        act.press_button(f'form#locale button[name="locale"][value="{other}"]', f"the {other} button")
    h.wait_until(lambda: h.lang() == other, f'<html lang> should become "{other}"')
    sign_out(h, act)


@both_ways
def create_goals(h: Harness, act: Actor) -> None:
    """A manager creates a KGI from the tree, a KSF under it, a KPI under the KSF, each landing on its own page; the
    KPI's form shows its SMART verdicts while it is being filled in."""
    sign_in(h, h.demo.person("sato"), act)
    h.visit("/goals/tree")
    act.press_button("details.new-goal > summary", "the add-a-KGI control")
    # A target that is not a number is refused in place, the form open again with the message at the field and
    # the title kept. (A missing title the browser itself stops: the field is required.)
    act.fill("#new-title", "Enterprise renewals on time", "the title")
    act.fill("#new-target", "ninety-five", "the target")
    with h.navigating("adding a KGI with a word for its target", state="refused"):
        act.press_button('#new-goal-form button[type="submit"]', "the add button")
    h.expect(h.status() == 422, f"a KGI with a word for its target should answer 422, saw {h.describe_chain()}:")
    h.find("#new-target-error", "the target's message")
    h.expect(h.find("#new-title").get_attribute("value") == "Enterprise renewals on time", "the title should be kept:")
    act.fill("#new-metric", "On-time renewal rate", "the metric")
    act.fill("#new-unit", "%", "the unit")
    act.fill("#new-baseline", "85", "the baseline")
    act.fill("#new-target", "95", "the target")
    with h.navigating("adding the KGI"):
        act.press_button('#new-goal-form button[type="submit"]', "the add button")
    h.wait_until(lambda: "done=created" in h.driver.current_url, "the new KGI's page")
    h.expect("Enterprise renewals on time" in h.find("main#main h1").text, "the KGI's page should carry its title:")
    for kind, title, metric, unit, baseline, target in [
        ("KSF", "Renewal conversations start 90 days ahead", "", "", "", ""),
        ("KPI", "Renewal plans written by day 90", "Plans written", "plans", "4", "12"),
    ]:
        act.press_button("details.new-goal > summary", f"the add-a-{kind} control")
        act.fill("#new-title", title, "the title")
        if metric:
            # The verdicts appear as the form is filled in, before anything is sent.
            h.find("#new-goal-smart:not([hidden]) ul.smart li", "the SMART verdicts shown while typing")
            act.fill("#new-metric", metric, "the metric")
            act.fill("#new-unit", unit, "the unit")
            act.fill("#new-baseline", baseline, "the baseline")
            act.fill("#new-target", target, "the target")
            h.wait_until(lambda: "Plans written" in h.find("#new-goal-smart").text or
                         len(h.driver.find_elements("css selector", "#new-goal-smart ul.smart li.pass")) >= 2,
                         "the SMART verdicts should follow the typing")
        with h.navigating(f"adding the {kind}"):
            act.press_button('#new-goal-form button[type="submit"]', "the add button")
        h.wait_until(lambda: "done=created" in h.driver.current_url, f"the new {kind}'s page")
        h.expect(title in h.find("main#main h1").text, f"the new {kind}'s page should carry its title:")
        h.find("ul.smart li", f"the new {kind}'s SMART verdict")
    sign_out(h, act)


@both_ways
def assign_and_acknowledge(h: Harness, act: Actor) -> None:
    """A manager assigns a duty to a CSM; she finds it on her home page and acknowledges it; he sees that."""
    manager, csm = h.demo.person("sato"), h.demo.person("emily")
    duty = "Check the renewals due in January" + (" (keyboard)" if act.keyboard else f" ({h.width})")
    sign_in(h, manager, act)
    with h.navigating("opening accountabilities from the menu"):
        act.menu("/accountabilities", "the menu's accountabilities link")
    h.find("#assign-form", "the assign form")
    # Neither a goal nor a duty: refused in place.
    with h.navigating("assigning nothing", state="refused"):
        act.press_button('#assign-form button[type="submit"]', "the assign button")
    h.expect(h.status() == 422, f"an empty assignment should answer 422, saw {h.describe_chain()}:")
    h.find("#assign-form [aria-invalid=true]", "the field the refusal names")
    act.select("#assignee", csm.name or "Emily Clark", "the assignee")
    act.fill("#duty", duty, "the duty")
    with h.navigating("assigning the duty"):
        act.press_button('#assign-form button[type="submit"]', "the assign button")
    h.find('p.notice[role="status"]', "the confirmation of the assignment")
    h.expect(duty in h.find("ul.accountabilities").text, "the assigned-by-me list should show the new duty:")
    sign_out(h, act)

    sign_in(h, csm, act)
    h.expect(duty in h.find("#accountabilities").text, "the CSM's home page should list the duty to acknowledge:")
    with h.navigating("opening the accountabilities"):
        act.menu("/accountabilities", "the menu's accountabilities link")
    rows = [li for li in h.driver.find_elements("css selector", "ul.accountabilities > li") if duty in li.text]
    h.expect(bool(rows), "the CSM's list should show the duty:")
    row_id = rows[0].get_attribute("id")
    h.expect(bool(row_id), "each accountability in the list should have an id:")
    with h.navigating("acknowledging the duty"):
        act.press_button(f'#{row_id} button[name="answer"][value="acknowledge"]', "the acknowledge button")
    h.find('p.notice[role="status"]', "the confirmation of the acknowledgement")
    sign_out(h, act)

    sign_in(h, manager, act)
    h.visit("/accountabilities?view=assigned")
    rows = [li for li in h.driver.find_elements("css selector", "ul.accountabilities > li") if duty in li.text]
    h.expect(bool(rows) and "acknowledged" in rows[0].get_attribute("class"),
             "the manager's assigned-by-me list should show the duty acknowledged:")
    sign_out(h, act)


@both_ways
def change_a_goal(h: Harness, act: Actor) -> None:
    """A manager edits a KPI (a refused target first), copies the KGI into the next half and archives the copy."""
    sign_in(h, h.demo.person("tanaka"), act)
    open_goal(h, "SMB NPS", act)
    act.press_button("#edit-details > summary", "the edit control")
    act.fill("#edit-target", "thirty", "the target")
    with h.navigating("saving a word for the target", state="refused"):
        act.press_button('#edit-goal-form button[type="submit"]', "the save button")
    h.expect(h.status() == 422, f"a word for the target should answer 422, saw {h.describe_chain()}:")
    h.find("#edit-target-error", "the target's message")
    act.fill("#edit-target", "35", "the target")
    with h.navigating("saving the edit"):
        act.press_button('#edit-goal-form button[type="submit"]', "the save button")
    h.find('p.notice[role="status"]', "the confirmation of the edit")
    h.expect("35" in h.find("dl.facts").text, "the measures should show the new target:")

    open_goal(h, "下期売上", act)
    act.press_button("#copy-details > summary", "the copy control")
    with h.navigating("copying the KGI into the next half"):
        act.press_button('#copy-goal-form button[type="submit"]', "the copy button")
    h.wait_until(lambda: "done=copied" in h.driver.current_url, "the copy's page")
    act.press_button("#archive-details > summary", "the archive control")
    with h.navigating("archiving the copy (confirmed)"):
        act.press_button('#archive-goal-form button[type="submit"]', "the archive button")
        h.driver.switch_to.alert.accept()
    h.wait_until(lambda: "done=archived" in h.driver.current_url, "the archived goal's page")
    h.find("main#main p.error-summary", "the archived goal's notice")
    sign_out(h, act)


@both_ways
def bound_kpi(h: Harness, act: Actor) -> None:
    """A CSM's KPI bound to the timeline's touches: the page says where its actual comes from and its value so far,
    recomputes it into last month's open check-in, and the edit form shows the binding."""
    sign_in(h, h.demo.person("ito"), act)
    open_goal(h, "SMB 顧客接点", act)
    h.find("#bound-hint", "where the actual comes from")
    h.expect(any(word in h.find("dl.facts").text for word in ("自動計測", "Measured automatically")),
             "the measures should say the KPI is measured automatically:")
    with h.navigating("recomputing the actual", state="recomputed"):
        act.press_button('#recompute-form button[type="submit"]', "the recompute button")
    h.find('p.notice[role="status"]', "the confirmation of the recompute")
    act.press_button("#edit-details > summary", "the edit control")
    h.find('#edit-bound-metric option[value="touches"][selected]', "the binding, selected in the edit form")
    sign_out(h, act)


def find_flow(name: str):
    for entry in FLOWS:
        if entry[0] == name:
            return entry
    raise FlowFailure(f"no flow named {name!r}")
