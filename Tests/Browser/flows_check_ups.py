"""Browser flows of the check_ups pages (issue 15). Importing this module registers them (run.py).

The demo (DemoCheckUps) has a questionnaire, the SMB team's plan on, five months of sends (伊藤's about 20 %,
below the threshold) and three customer-side links: `checkUp` (open), `checkUpExpired` and `unsubscribe`.
Every run shares one demo server: the wide public-page flow only reads the open link, the phone flow answers it.
"""

from __future__ import annotations

import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from acting import Mouse
from flows import flow, sign_in, sign_out, fill, signed_in_page, expect_redirect  # noqa: F401
from harness import NARROW, WIDE, Harness  # noqa: F401

THANKS = {"ご回答ありがとうございました", "Thank you for your answers"}
GONE = {"このリンクは無効です", "This link is no longer valid"}


def _link(h: Harness, name: str) -> str:
    link = h.demo.links.get(name)
    h.expect(bool(link), f"the demo should print the {name!r} link (DemoCheckUps), has {sorted(h.demo.links)}:")
    return link


def _h1(h: Harness) -> str:
    return h.find("main h1", "the page's heading").text.strip()


def _public_page(h: Harness, lang: str) -> None:
    """What every customer-side page has: its language, no menu, one h1, the language links."""
    h.expect(h.lang() == lang, f"the page should be in {lang!r}, is {h.lang()!r}:")
    h.expect(not h.find_all("form#logout"), "a customer-side page shows no sign-out form:")
    h.find('nav.languages a[href="?lang=ja"]', "the Japanese link")
    h.find('nav.languages a[href="?lang=en"]', "the English link")


def _no_form(h: Harness, what: str) -> None:
    h.expect(not h.find_all("main form"), f"{what}: no form may be offered:")
    h.expect(not h.find_all('input[type="radio"]'), f"{what}: no question may be shown:")


@flow(widths=(WIDE[0],))
def check_up_links_wide(h: Harness) -> None:
    """The customer-side pages on a wide screen, read only: the open questionnaire in Japanese and English, the
    closed link, the unsubscribe page (not pressed: the demo's contact stays subscribed)."""
    live, expired, unsubscribe = _link(h, "checkUp"), _link(h, "checkUpExpired"), _link(h, "unsubscribe")
    h.visit(live, state="open")
    _public_page(h, "ja")
    h.find("main form fieldset.cul-scale", "the satisfaction scale")
    h.visit(live + "?lang=en", state="open-en")
    _public_page(h, "en")
    h.expect(_h1(h) == "Check-up survey", f"the English form's heading, saw {_h1(h)!r}:")
    h.find('main form button[type="submit"]', "the submit button")
    for lang, query in (("ja", ""), ("en", "?lang=en")):
        h.visit(expired + query, state="expired")
        _public_page(h, lang)
        h.expect(_h1(h) in GONE, f"an expired link shows the neutral page, saw {_h1(h)!r}:")
        _no_form(h, "an expired link")
        h.visit(unsubscribe + query, state="unsubscribe")
        _public_page(h, lang)
        h.find(f'main form[action^="/u/"] button[type="submit"]', "the unsubscribe button")


@flow(widths=(NARROW[0],))
def check_up_form_phone(h: Harness) -> None:
    """A contact on a phone, signed out: opens their check-up in English, switches to Japanese with the page's
    language link, answers the scale, the choice and the free text, sees the thank-you; the same link again shows
    no form; the expired link shows the neutral page in both languages."""
    live, expired = _link(h, "checkUp"), _link(h, "checkUpExpired")
    h.visit(live + "?lang=en", state="open-en")
    _public_page(h, "en")
    h.expect(_h1(h) == "Check-up survey", f"the English form's heading, saw {_h1(h)!r}:")
    with h.navigating("switching the form to Japanese", state="open"):
        h.find('nav.languages a[href="?lang=ja"]', "the Japanese link").click()
    _public_page(h, "ja")

    # Refused in place first: the required scale left empty.
    with h.navigating("sending the form without the required answer", state="refused"):
        h.find('main form button[type="submit"]', "the submit button").click()
    h.find("p.error-summary", "the error summary")
    h.find("fieldset.cul-scale p.field-error", "the message beside the scale")

    scale = h.find_all('fieldset.cul-scale input[type="radio"]')
    h.expect(len(scale) == 5, f"the scale should offer 1–5, saw {len(scale)} buttons:")
    scale[3].click()
    choices = [f for f in h.find_all("fieldset.cul-question") if "cul-scale" not in (f.get_attribute("class") or "")]
    h.expect(bool(choices), "the choice question should be there:")
    choices[0].find_element(By.CSS_SELECTOR, 'input[type="radio"]').click()
    text = h.find("main form textarea", "the free-text answer")
    text.clear()
    text.send_keys("月次レポートの自動送信があると助かります")
    with h.navigating("sending the answers", state="thanks"):
        h.find('main form button[type="submit"]', "the submit button").click()
    h.expect(_h1(h) in THANKS, f"answering shows the thank-you, saw {_h1(h)!r}:")
    _no_form(h, "the thank-you page")

    # Single use: the same link shows no questionnaire again.
    h.visit(live, state="again")
    _public_page(h, "ja")
    h.expect(_h1(h) in THANKS | GONE, f"an answered link shows no questionnaire, saw {_h1(h)!r}:")
    _no_form(h, "an answered link")
    h.visit(live + "?lang=en", state="again-en")
    _no_form(h, "an answered link in English")

    for lang, query in (("ja", ""), ("en", "?lang=en")):
        h.visit(expired + query, state="expired")
        _public_page(h, lang)
        h.expect(_h1(h) in GONE, f"an expired link shows the neutral page, saw {_h1(h)!r}:")
        _no_form(h, "an expired link")
    unsubscribe = _link(h, "unsubscribe")
    for lang, query in (("ja", ""), ("en", "?lang=en")):
        h.visit(unsubscribe + query, state="unsubscribe")
        _public_page(h, lang)
        h.find('main form[action^="/u/"] button[type="submit"]', "the unsubscribe button")


@flow
def check_up_admin(h: Harness) -> None:
    """CS operations (小林) opens the check-ups from the menu, reads the response-rate report (伊藤 below the
    threshold, said in words), adds a question to the questionnaire in a blank row; the Enterprise manager (佐藤)
    turns his Adoption team's check-up on."""
    stamp = f"{h.width}-{int(time.time())}"
    sign_in(h, h.demo.person("kobayashi"))
    with h.navigating("opening success from the menu", state="success"):
        Mouse(h).menu("/success", "the menu's success link")
    with h.navigating("opening the check-ups tab", state="index"):
        h.find('nav.suc-tabs a[href="/check-ups"]', "the check-ups tab").click()
    signed_in_page(h)
    h.find('nav.suc-tabs a[href="/check-ups"][aria-current="page"]', "the check-ups tab, marked current")
    warning = h.find(".cku-warning", "the response-rate warning").text
    h.expect("伊藤" in warning and "しきい値" in warning, f"the warning should name 伊藤 and the threshold, saw {warning!r}:")
    below = [li.text for li in h.find_all("#rates-csm-heading ~ ul.cku-bars li.cku-is-below")]
    h.expect(any("伊藤" in t and "しきい値未満" in t for t in below), f"伊藤's bar should say below the threshold, saw {below!r}:")
    h.find("table.cku-months caption", "the monthly table's caption")

    with h.navigating("opening the questionnaire", state="template"):
        h.find('a[href^="/check-up-templates/"]', "the questionnaire link").click()
    signed_in_page(h)
    rows = int(h.find('input[name="rows"]', "the row count").get_attribute("value"))
    blank = None
    for i in range(rows):
        if not h.find(f"#q{i}-ja").get_attribute("value"):
            blank = i
            break
    h.expect(blank is not None, "the questionnaire should offer a blank row:")
    Select(h.find(f"#q{blank}-kind", "the new row's kind")).select_by_value("free_text")
    fill(h, f"#q{blank}-ja", f"担当者へのご意見 {stamp}")
    fill(h, f"#q{blank}-en", f"A word for your CSM {stamp}")
    with h.navigating("saving the questionnaire", state="template-saved"):
        h.find('form.cku-template-form button[type="submit"].primary', "the save button").click()
    h.wait_until(lambda: "done=saved" in h.driver.current_url, "the saved questionnaire")
    h.expect(any(hop.status == 303 for hop in h.chain[:-1]), f"saving should answer 303, saw {h.describe_chain()}:")
    h.find('p.notice[role="status"]', "the confirmation that it was saved")
    h.expect(h.find_all(f'input[value="担当者へのご意見 {stamp}"]') != [], "the new question should be among the rows:")

    # The rest of the area, read: the settings, the NPS campaign with its score, the new-campaign and new-questionnaire forms.
    h.visit("/check-ups", state="index-after")
    with h.navigating("opening the settings", state="settings"):
        h.find('a[href="/check-ups/settings"]', "the settings link").click()
    signed_in_page(h)
    h.expect(h.find("#threshold", "the threshold field").get_attribute("value") == "30", "the default threshold is 30 %:")
    h.visit("/check-ups", state="index-after")
    with h.navigating("opening the NPS campaign", state="nps"):
        h.find('a[href^="/nps-campaigns/"]:not([href="/nps-campaigns/new"])', "the NPS campaign link").click()
    signed_in_page(h)
    h.find("p.cku-score strong", "the campaign's NPS")
    h.visit("/nps-campaigns/new", state="nps-new")
    signed_in_page(h)
    h.find("#audience", "the audience")
    h.visit("/check-ups/templates/new", state="template-new")
    signed_in_page(h)
    h.find("#q2-kind", "the third blank row")
    sign_out(h)

    sign_in(h, h.demo.person("sato"))
    h.visit("/check-ups", state="index-manager")
    signed_in_page(h)
    links = [a for a in h.find_all("ul.cku-plans a.cku-plan-link") if "アダプション" in (a.get_attribute("aria-label") or "")]
    h.expect(bool(links), "sato should be offered his Adoption team's plan:")
    with h.navigating("opening the Adoption team's plan", state="plan"):
        links[0].click()
    signed_in_page(h)
    h.find("#enabled-on", "the on choice").click()
    Select(h.find("#template", "the questionnaire")).select_by_index(1)
    fill(h, "#day", "15")
    with h.navigating("saving the plan", state="plan-saved"):
        h.find('main form button[type="submit"].primary', "the save button").click()
    expect_redirect(h, "saving the plan", "/check-ups")
    h.find('p.notice[role="status"]', "the confirmation that the plan was saved")
    on = [li.text for li in h.find_all("ul.cku-plans li") if "アダプション" in li.text]
    h.expect(bool(on) and "実施中" in on[0] and "毎月 15 日" in on[0], f"the Adoption plan should read on, day 15, saw {on!r}:")
