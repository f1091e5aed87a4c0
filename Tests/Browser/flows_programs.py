"""Browser flows of the programs pages (issue 15). Importing this module registers them (run.py).

The GPO walk-through (seed 002): a CSM enrols a demo customer that has no program, writes the goal sheet, agrees
it, issues the client owner's link and — signed out — agrees through it, logs pair support, records the
presentation and the result with a light-success measure, and sees the customer reach light success. Each width
works its own Enterprise customer (アサヒ物流 with its CSM Suzuki at 1280 px; さくら電機 with the manager Sato running it
himself at 390 px), since the runs share one demo server and a customer runs one program at a time. (SMB's light
success needs a usage figure the demo does not import, so a program alone cannot reach it there.)
"""

from __future__ import annotations

from selenium.webdriver.support.ui import Select

from flows import flow, sign_in, sign_out, fill, signed_in_page, expect_redirect  # noqa: F401
from harness import NARROW, FlowFailure, Harness  # noqa: F401


def _select_containing(h: Harness, css: str, text: str, what: str) -> None:
    """Picks the first option of the select CSS whose visible text contains TEXT."""
    select = Select(h.find(css, what))
    for option in select.options:
        if text in option.text:
            select.select_by_visible_text(option.text)
            return
    h.expect(False, f"{what} should offer an option containing {text!r}:")


def _set_value(h: Harness, css: str, value: str, what: str) -> None:
    """Sets a date input's value (typing into one depends on the browser's locale)."""
    h.driver.execute_script("arguments[0].value = arguments[1];", h.find(css, what), value)


def _status(h: Harness, path: str) -> int:
    """The status a signed-in GET of PATH answers, without leaving the page."""
    return int(h.driver.execute_script(
        "var x = new XMLHttpRequest(); x.open('GET', arguments[0], false); x.send(); return x.status;", path))


def _submit(h: Harness, form_css: str, what: str, state: str) -> None:
    with h.navigating(what, state=state):
        h.find(f"{form_css} button[type=\"submit\"]", f"the button of {what}").click()


@flow
def program_walk_through(h: Harness) -> None:
    """The GPO walk-through at 1280 and 390 px: enrol, goal sheet, three agreements (one through the client's
    link, signed out), pair support, presentation, result, light success."""
    narrow = h.driver.get_window_size()["width"] < 800
    csm, name, customer, work_owner = (
        ("sato", "佐藤", "さくら電機株式会社", "森") if narrow else ("suzuki", "鈴木", "株式会社アサヒ物流", "井上"))

    sign_in(h, h.demo.person(csm))
    h.visit("/programs", state="index")
    signed_in_page(h)
    h.find("#figures-heading", "seed 002's figures")
    h.find("#hours-heading", "the hours per CSM")
    with h.navigating("opening the enrol form", state="enrol-choose"):
        h.find('a[href="/programs/enrol"]', "the enrol link").click()
    signed_in_page(h)
    _select_containing(h, "#en-customer", customer, "the customer")
    _submit(h, 'form[action="/programs/enrol"][method="get"]', "choosing the customer", "enrol-form")
    signed_in_page(h)
    _select_containing(h, "#en-template", "サクセスプログラム", "the template")
    _select_containing(h, "#en-csm", name, "the CSM who runs it")
    for box in h.find_all('#enrol-form input[name="participants[]"]'):
        if not box.is_selected():
            box.click()
    _submit(h, "#enrol-form", "enrolling the customer", "enrolled")
    h.wait_until(lambda: "done=enrolled" in h.driver.current_url, "the new enrolment's page")
    h.expect(any(hop.status == 303 for hop in h.chain[:-1]), f"enrolling should answer 303, saw {h.describe_chain()}:")
    signed_in_page(h)
    enrolment = h.path().split("?")[0]
    h.find('p.notice[role="status"]', "the confirmation of the enrolment")

    # The goal sheet, in the client's words.
    fill(h, "#gs-business-goal", "配送ルートの組み直しを半日で終わらせ、遅配をなくしたい")
    fill(h, "#gs-kpi-name", "月間の遅配件数")
    fill(h, "#gs-kpi-baseline", "40")
    fill(h, "#gs-kpi-target", "10")
    Select(h.find("#gs-kpi-direction", "the KPI's direction")).select_by_value("down")
    fill(h, "#gs-usage-goal", "配車担当の全員が毎朝ルート画面で配車する")
    _select_containing(h, "#gs-client-owner", work_owner, "the client owner")
    _select_containing(h, "#gs-decision-maker", "ご担当", "the decision maker")
    fill(h, "#gs-dm-comment", "来期の全拠点展開の判断材料にしたい")
    _submit(h, 'form[action$="/goal-sheet"]', "saving the goal sheet", "sheet")
    h.expect("配送ルートの組み直し" in h.find("dl.prg-sheet", "the goal sheet").text, "the sheet should show the goal:")

    # The CSM agrees; the client owner's link is issued and shown once.
    _submit(h, 'form[action$="/agree"]', "agreeing as the CSM", "agreed")
    forms = [f for f in h.find_all('form[action$="/links"]')
             if f.find_elements("css selector", 'input[name="party"][value="client_owner"]')]
    h.expect(bool(forms), "the client owner's row should offer a link:")
    with h.navigating("issuing the client owner's link", state="link-issued"):
        forms[0].find_element("css selector", "button").click()
    url = h.find("#issued-url", "the issued link").get_attribute("value") or ""
    h.expect("/g/" in url, f"the issued link should be a goal-sheet link, saw {url!r}:")
    link = "/g/" + url.split("/g/", 1)[1]
    sign_out(h)

    # Signed out, the client owner reads the sheet (also in English) and agrees.
    h.visit(link + "?lang=en", state="g-en")
    h.expect(h.lang() == "en", "the link's page should switch to English:")
    h.visit(link + "?lang=ja", state="g-ja")
    h.expect("配送ルートの組み直し" in h.find("main", "the sheet").text, "the link's page should show the sheet:")
    with h.navigating("agreeing through the link", state="g-agreed"):
        h.find('main form[method="post"] button[type="submit"]', "the agree button").click()
    h.find("main h1", "the thanks page")

    sign_in(h, h.demo.person(csm))
    h.visit(enrolment, state="after-link")
    signed_in_page(h)
    rows = h.find("ul.prg-agreements", "the agreements").text
    h.expect(rows.count("合意済み") >= 2, f"the CSM and the client owner should show as agreed, saw {rows!r}:")

    # Pair support, 45 minutes with the client owner.
    Select(h.find("#ss-kind", "the session kind")).select_by_value("pair_support")
    fill(h, "#ss-duration", "45")
    _select_containing(h, "#ss-supported", work_owner, "the person supported")
    fill(h, "#ss-practised", "ルート画面での翌日の配車")
    _submit(h, "#session-form", "logging pair support", "session")
    h.expect("ルート画面での翌日の配車" in h.find("ul.prg-sessions", "the sessions").text, "the session should be listed:")
    h.expect("0.75 / 5" in h.find("ul.prg-bars", "the hour bars").text, "month 1 should show 0.75 of 5 hours:")

    # The presentation and the result, with a light-success measure when one applies.
    today = h.find("#rs-decided-on", "the result's date").get_attribute("value") or ""
    _set_value(h, "#pt-scheduled-on", today, "the presentation's planned date")
    _set_value(h, "#pt-held-on", today, "the presentation's date")
    fill(h, "#pt-audience", "8")
    fill(h, "#pt-outcome", "遅配が月 40 件から 9 件に減ったことを本部長に報告")
    _submit(h, 'form[action$="/presentation"]', "recording the presentation", "presentation")
    h.find("#rs-reached-yes", "the goal-reached choice").click()
    fill(h, "#rs-evidence", "遅配 40 → 9 件／月、配車担当 6 人全員が毎朝ルート画面を利用")
    measures = [label for label in h.find_all(".prg-measures label.choice") if "ライト" in label.text]
    for label in measures:
        label.find_element("css selector", "input").click()
    _submit(h, 'form[action$="/result"]', "recording the result", "result")
    h.expect("目標を達成しました" in h.find(".prg-result", "the result").text, "the result should say the goal was reached:")
    if measures:
        tiers = h.find("dl.prg-tiers", "the customer's success").text
        h.expect("ライトサクセス" in tiers and "到達（" in tiers, f"the customer should have reached light success, saw {tiers!r}:")
        success = h.find('a[href^="/customers/"][href$="/success"]', "the link to the customer's success tab").get_attribute("href") or ""
        path = "/" + success.split("//", 1)[-1].split("/", 1)[-1]
        if _status(h, path) == 200:
            h.visit(path, state="customer-success")
            signed_in_page(h)
            h.expect("ライト" in h.find("main").text, "the customer's success tab should show light success:")
    h.visit("/programs?scope=mine&state=completed", state="index-after")
    signed_in_page(h)
    h.expect(customer in h.find("table.prg-table", "the finished programs").text, "the finished program should be listed as mine:")
    sign_out(h)


@flow(widths=(NARROW[0],))
def goal_sheet_link(h: Harness) -> None:
    """The demo's client-owner link (こだま商店's draft sheet) on a phone: the sheet, in Japanese and English,
    without signing in; reading it changes nothing."""
    link = h.demo.links.get("goalSheet")
    h.expect(bool(link), "the demo should print a goal-sheet link as links['goalSheet']:")
    h.visit(link, state="g-ja")
    h.expect(h.lang() == "ja", "the link's page should read in the org's language:")
    h.expect("棚卸し" in h.find("main", "the sheet").text, "the link's page should show the demo's sheet:")
    h.find('main form[method="post"] button[type="submit"]', "the agree button")
    h.visit(link + "?lang=en", state="g-en")
    h.expect(h.lang() == "en", "the link's page should switch to English:")
    h.find('main form[method="post"] button[type="submit"]', "the agree button, still there after reading")


@flow
def program_hours(h: Harness) -> None:
    """The demo's program in its third month (みらい製作所): the manager sees month 1 at 85 % (a warning) and month 2
    past 100 %, said in words; Emily, of the same team, reads the same page in English."""
    sign_in(h, h.demo.person("sato"))
    h.visit("/programs", state="index-hours")
    signed_in_page(h)
    with h.navigating("opening the program template", state="template"):
        h.find('a[href^="/program-templates/"]', "the demo's program template").click()
    signed_in_page(h)
    h.expect("ペアサポート" in h.find("table.prg-table", "the planned sessions").text, "the template should plan pair support:")
    h.visit("/programs", state="index-hours")
    rows = [a for a in h.find_all("table.prg-enrolments th a") if "みらい" in a.text]
    h.expect(bool(rows), "the running programs should list みらい製作所:")
    with h.navigating("opening みらい製作所's program", state="midway"):
        rows[0].click()
    signed_in_page(h)
    enrolment = h.path().split("?")[0]
    bars = h.find("ul.prg-bars", "the hour bars").text
    h.expect("第1版に 3 者が合意済みです。" in h.find("#sheet-heading + p", "the sheet's state").text, "the demo sheet should be agreed by all three:")
    h.expect("4.25 / 5" in bars and "80% 以上" in bars, f"month 1 should be at 85 % with a warning, saw {bars!r}:")
    h.expect("超過 1.5 時間" in bars, f"month 2 should say it is 1.5 h over, saw {bars!r}:")
    h.expect(len(h.find_all("svg.prg-bar text")) >= 6, "every bar should label its 80 % and 100 % marks:")
    sign_out(h)

    sign_in(h, h.demo.person("emily"))
    h.visit(enrolment, state="midway-en")
    signed_in_page(h)
    h.expect(h.lang() == "en", "Emily reads in English:")
    bars = h.find("ul.prg-bars", "the hour bars").text
    h.expect("1.5 h over" in bars and "Over budget" in bars, f"month 2 should say it is over in English, saw {bars!r}:")
    sign_out(h)
