"""The browser flows of meetings: bodies, a series, an occurrence with its agenda, decisions and action items.

Every run shares one demo server (both widths), and the demo has no meeting bodies: each run makes its own body
(named for its width and time) through the new-body form and works that body's next occurrence.
"""

from __future__ import annotations

import time

from selenium.webdriver.support.ui import Select

from acting import Keyboard, Mouse
from flows import flow, sign_in, sign_out, fill, signed_in_page, expect_redirect  # noqa: F401
from harness import Harness  # noqa: F401


def _select_containing(h: Harness, css: str, text: str, what: str) -> None:
    """Picks the first option of the select CSS whose visible text contains TEXT."""
    select = Select(h.find(css, what))
    for option in select.options:
        if text in option.text:
            select.select_by_visible_text(option.text)
            return
    h.expect(False, f"{what} should offer an option containing {text!r}:")


def _tick_person(h: Harness, name: str) -> None:
    """Ticks the participant checkbox whose label names NAME."""
    labels = [label for label in h.find_all(".mtg-people label.choice") if name in label.text]
    h.expect(bool(labels), f"the participants should include {name}:")
    box = labels[0].find_element("css selector", "input[type=checkbox]")
    if not box.is_selected():
        box.click()


@flow
def meeting_agenda(h: Harness) -> None:
    """Manager sato makes a meeting body with CSM suzuki (and Emily) taking part, opens its next occurrence,
    regenerates the agenda, adds an item and moves it up with the keyboard, records a decision and an action item
    owned by suzuki; suzuki finds the action among her accountabilities, linked back to the meeting; Emily reads
    the meeting in English."""
    stamp = f"{h.driver.get_window_size()['width']}-{int(time.time())}"
    body = f"更新判断会議 {stamp}"
    item = f"大口顧客の更新方針 {stamp}"
    decision = f"ひまわり不動産は3年契約で更新を提案する {stamp}"
    action = f"更新提案書を送る {stamp}"

    sign_in(h, h.demo.person("sato"))
    with h.navigating("opening meetings from the menu", state="index"):
        Mouse(h).menu("/meetings", "the menu's meetings link")
    signed_in_page(h)
    with h.navigating("opening the new-body form", state="new-body"):
        h.find('a[href="/meetings/bodies/new"]', "the new meeting body link").click()
    signed_in_page(h)
    fill(h, "#name", body)
    h.find("#purpose-decide", "the decide purpose").click()
    fill(h, "#objective", "SMB とエンタープライズの今月の更新方針を決める")
    _select_containing(h, "#scope", "オンボーディング", "the scope")
    _tick_person(h, "鈴木")
    _tick_person(h, "Emily")
    with h.navigating("creating the meeting body", state="body"):
        h.find('#body-form button[type="submit"]', "the create button").click()
    h.wait_until(lambda: "done=created" in h.driver.current_url, "the new body's page")
    h.expect(any(hop.status == 303 for hop in h.chain[:-1]), f"creating should answer 303, saw {h.describe_chain()}:")
    signed_in_page(h)
    h.find('p.notice[role="status"]', "the confirmation that the body was made")
    h.expect("毎月第2火曜日" in h.find("dl.facts").text, "the body's cadence should read in words:")

    with h.navigating("opening the next occurrence", state="meeting"):
        h.find("ul.mtg-series a", "the next occurrence").click()
    signed_in_page(h)
    meeting = h.path().split("?")[0]
    with h.navigating("regenerating the agenda", state="generated"):
        h.find(f'form[action="{meeting}/agenda/generate"] button', "the regenerate button").click()
    h.find('p.notice[role="status"]', "the confirmation that the agenda was written")

    # Two items in the first section; the second is moved above the first with the keyboard alone.
    first = f"前提の確認 {stamp}"
    for title, state in ((first, "item-added"), (item, "item-added-2")):
        Select(h.find("#item-section", "the section select")).select_by_index(0)
        fill(h, "#item-title", title)
        with h.navigating("adding an agenda item", state=state):
            h.find('#add-item-form button[type="submit"]', "the add-item button").click()
    items = [li for li in h.find_all("li.mtg-item") if item in li.text]
    h.expect(bool(items), "the agenda should show the added item:")
    item_id = items[0].get_attribute("id")
    up = h.find(f'#{item_id} input[name="direction"][value="up"] ~ button', "the added item's move-up button")
    label = up.get_attribute("aria-label") or ""
    h.expect(item in label, f"the move-up button should be named for its item, saw {label!r}:")
    with h.navigating("moving the item up with the keyboard", state="item-moved"):
        Keyboard(h).press_button(f'#{item_id} input[name="direction"][value="up"] ~ button', "the move-up button")
    h.find('p.notice[role="status"]', "the confirmation that the item moved")
    order = [li.text for li in h.find_all("li.mtg-item")]
    at = lambda text: next((i for i, t in enumerate(order) if text in t), -1)
    h.expect(0 <= at(item) < at(first), "the moved item should now come before the other:")

    fill(h, "#decision-text", decision)
    with h.navigating("recording a decision", state="decision"):
        h.find('#decision-form button[type="submit"]', "the record-decision button").click()
    h.expect(decision in h.find("ul.mtg-decisions").text, "the decisions should list the new one:")

    fill(h, "#action-title", action)
    _select_containing(h, "#action-owner", "鈴木", "the action's owner")
    with h.navigating("recording an action item", state="action"):
        h.find('#action-form button[type="submit"]', "the add-action button").click()
    h.expect(action in h.find("ul.mtg-actions").text, "the action items should list the new one:")
    sign_out(h)

    sign_in(h, h.demo.person("suzuki"))
    h.visit("/accountabilities", state="suzuki-accountabilities")
    signed_in_page(h)
    rows = [li for li in h.find_all("ul.accountabilities > li") if action in li.text]
    h.expect(bool(rows), "suzuki's accountabilities should list the action item:")
    links = rows[0].find_elements("css selector", f'a[href="{meeting}"]')
    h.expect(bool(links), "the action item should link back to its meeting:")
    with h.navigating("opening the meeting from the accountability", state="meeting-as-csm"):
        links[0].click()
    signed_in_page(h)
    h.expect(item in h.find(".mtg-agenda").text, "the CSM should see the agenda with the added item:")
    sign_out(h)

    sign_in(h, h.demo.person("emily"))
    h.visit(meeting, state="meeting-en")
    signed_in_page(h)
    h.expect(h.lang() == "en", "Emily reads in English:")
    h.find("#agenda-heading", "the agenda")
    h.visit("/meetings", state="index-en")
    signed_in_page(h)
    # The calendar URL is shown once, on the answer to the button, and not on the page afterwards.
    button = h.find_all('form[action="/meetings/calendar"] button')
    if button:
        with h.navigating("getting a calendar URL", state="feed-en"):
            button[0].click()
        url = h.find("#feed-url", "the calendar URL, shown once").get_attribute("value") or ""
        h.expect(url.endswith(".ics") and "/v1/calendar/" in url, f"the calendar URL should be a feed URL, saw {url!r}:")
        h.visit("/meetings", state="index-en-after")
        h.expect(url not in h.driver.page_source, "the calendar URL should not be shown again:")
    sign_out(h)

