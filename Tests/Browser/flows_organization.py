"""The browser flows of the organization pages: the org chart and a position's charter, a transfer (人事異動)
previewed and confirmed, and notification preferences changed with the keyboard alone."""

from __future__ import annotations

from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from acting import Mouse
from flows import flow, sign_in, sign_out, fill, signed_in_page, expect_redirect  # noqa: F401
from harness import Harness  # noqa: F401


@flow
def org_chart_and_charter(h: Harness) -> None:
    """A CSM opens the org chart from the menu, filters it, opens a position's charter (no edit forms for her),
    and reads it in the other language."""
    sign_in(h, h.demo.person("suzuki"))
    with h.navigating("opening the org chart from the menu"):
        Mouse(h).menu("/org", "the menu's org chart link")
    h.wait_for_path("/org", "the org chart")
    signed_in_page(h)
    h.find("ul.org-chart li.position .position-row a.position-title", "a position in the chart")
    h.find("ul.org-chart details[open] > summary", "an open level of the chart")
    h.expect(not h.find_all("#org-new-form"), "a CSM should not be offered the form to add a position:")
    companies = Select(h.find("form.filters select#company", "the company filter"))
    h.expect(len(companies.options) > 1, "the company filter should offer the companies:")
    companies.select_by_index(1)
    with h.navigating("filtering the chart by a company", state="filtered"):
        h.find('form.filters button[type="submit"]', "the filter button").click()
    h.expect("company=" in h.driver.current_url, "the filter should be in the address:")
    with h.navigating("opening a position's charter"):
        h.find("ul.org-chart a.position-title", "a position").click()
    h.find("#org-charter-heading", "the charter's heading")
    h.find("#org-line-heading", "the reporting line's heading")
    h.find("#org-holders-heading", "the holders section")
    h.expect(not h.find_all("#org-edit-form") and not h.find_all("#org-appoint-form"),
             "a CSM should not be offered the charter's edit or appoint forms:")
    other = "en" if h.lang() == "ja" else "ja"
    with h.navigating(f"switching the language to {other} on the charter", state=f"charter-{other}"):
        h.find(f'form#locale button[name="locale"][value="{other}"]', f"the {other} button").click()
    h.wait_until(lambda: h.lang() == other, f'<html lang> should become "{other}"')
    h.expect(h.path().startswith("/org/positions/"), "switching the language should stay on the charter:")
    h.visit("/org", state=f"chart-{other}")
    back = "ja" if other == "en" else "en"
    with h.navigating("switching the language back", state="chart-back"):
        h.find(f'form#locale button[name="locale"][value="{back}"]').click()
    sign_out(h)


def choose(h: Harness, css: str, fragment: str) -> str:
    """Selects the option of the select CSS whose text holds FRAGMENT; returns its text."""
    select = Select(h.find(css))
    for option in select.options:
        if fragment in option.text:
            select.select_by_visible_text(option.text)
            return option.text
    raise AssertionError(f"{css} has no option holding {fragment!r}")


@flow
def manager_transfers_work(h: Harness) -> None:
    """A manager moves a CSM's work to another CSM: refused in place when giving it to the same person, then a
    preview of what moves, then the confirmed transfer and its record."""
    sign_in(h, h.demo.person("sato"))
    # Something to hand over: a duty assigned to the CSM whose work moves.
    duty = "Renewal review for the Osaka accounts"
    h.visit("/accountabilities?view=assigned")
    choose(h, "#assignee", "Takahashi")
    fill(h, "#duty", duty)
    with h.navigating("assigning a duty to the CSM whose work will move"):
        h.find('#assign-form button[type="submit"]').click()
    h.visit("/transfers")
    h.find("#org-transfer-form", "the transfer form")
    giver = choose(h, "#org-from", "Takahashi")
    choose(h, "#org-to", "Takahashi")
    with h.navigating("previewing a transfer to the same member", state="refused"):
        h.find('#org-transfer-form button[type="submit"]').click()
    h.expect(h.status() == 422, f"a transfer to the same member should answer 422, saw {h.describe_chain()}:")
    h.find("#org-to-error", "the message beside the receiving member")
    h.find("#org-to[aria-invalid=true]", "the receiving member marked invalid")
    h.expect(Select(h.find("#org-from")).first_selected_option.text == giver, "the giving member should be kept:")
    choose(h, "#org-to", "Suzuki")
    fill(h, "#org-note", "April transfer")
    with h.navigating("previewing the transfer", state="preview"):
        h.find('#org-transfer-form button[type="submit"]').click()
    h.expect(h.status() == 200, f"the preview should answer 200, saw {h.describe_chain()}:")
    summary = h.find("#org-preview-summary", "what the transfer would move")
    h.expect(summary.text.strip() != "", "the preview's summary is empty:")
    h.expect(duty in h.find(".org-preview").text, "the preview should list the duty that moves:")
    with h.navigating("confirming the transfer"):
        h.find('#org-confirm-form button[type="submit"]', "the confirm button").click()
    h.expect(any(hop.method == "POST" and hop.status == 303 for hop in h.chain),
             f"confirming should answer 303, saw {h.describe_chain()}:")
    h.expect(h.path().startswith("/transfers/"), "the confirmed transfer should show its record:")
    h.find('p.notice[role="status"]', "the confirmation of the transfer")
    h.expect("April transfer" in h.find("dl.facts").text, "the record should keep the note:")
    h.expect(duty in h.find("main#main").text, "the record should name the duty that moved:")
    with h.navigating("back to the list of transfers"):
        h.find('.breadcrumb a[href="/transfers"]').click()
    h.find("table a[href^='/transfers/']", "the transfer in the list of past transfers")
    other = "en" if h.lang() == "ja" else "ja"
    with h.navigating(f"reading the transfers in {other}", state=f"list-{other}"):
        h.find(f'form#locale button[name="locale"][value="{other}"]').click()
    h.wait_until(lambda: h.lang() == other, f'<html lang> should become "{other}"')
    with h.navigating(f"opening the record in {other}", state=f"record-{other}"):
        h.find("table a[href^='/transfers/']").click()
    h.find("dl.facts", "the record's facts")
    with h.navigating("switching the language back", state="record-back"):
        h.find(f'form#locale button[name="locale"][value="{"ja" if other == "en" else "en"}"]').click()
    sign_out(h)


@flow
def keyboard_notification_preferences(h: Harness) -> None:
    """A CSM changes a notification preference with Tab, Space and Enter only, and sees it saved."""
    sign_in(h, h.demo.person("emily"))
    h.visit("/me/preferences")
    box = "#notify-check-in-due"
    before = h.find(box, "the check-in-due checkbox").is_selected()
    h.tab_to(box, "tabbing to the check-in-due checkbox", limit=60)
    h.press(Keys.SPACE)
    h.expect(h.find(box).is_selected() != before, "Space should toggle the checkbox:")
    h.tab_to('#org-prefs-form button[type="submit"]', "tabbing to the save button", limit=60)
    with h.navigating("saving with Enter"):
        h.press(Keys.ENTER)
    expect_redirect(h, "saving the preferences", "/me/preferences")
    h.find('p.notice[role="status"]', "the confirmation that the preferences were saved")
    h.expect(h.find(box).is_selected() != before, "the saved preference should show as saved:")
    signed_in_page(h)
    other = "en" if h.lang() == "ja" else "ja"
    with h.navigating(f"reading the preferences in {other}", state=f"prefs-{other}"):
        h.find(f'form#locale button[name="locale"][value="{other}"]').click()
    h.wait_until(lambda: h.lang() == other, f'<html lang> should become "{other}"')
    h.expect(h.find(box).is_selected() != before, "the saved preference should hold in the other language:")
    with h.navigating("switching the language back", state="prefs-back"):
        h.find(f'form#locale button[name="locale"][value="{"ja" if other == "en" else "en"}"]').click()
    sign_out(h)
