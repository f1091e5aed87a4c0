"""The browser flows of support tickets: the queue, a customer's tickets, a ticket's page.

Every run shares one demo server (both widths, every flow), so each flow records its own ticket first and works
that one: a run never depends on what an earlier run resolved or handed off.
"""

from __future__ import annotations

import time

from selenium.webdriver.support.ui import Select

from flows import flow, sign_in, sign_out, fill, signed_in_page, expect_redirect  # noqa: F401
from harness import Harness  # noqa: F401


def _open_customer_tickets(h: Harness, customer: str) -> None:
    """From the queue, opens CUSTOMER's tickets through the customer column's link."""
    h.visit("/tickets?status=all", state="queue-all")
    signed_in_page(h)
    links = [a for a in h.find_all("table.ctk-table td a") if a.text.strip() == customer]
    h.expect(bool(links), f"the queue should list a ticket of {customer}:")
    with h.navigating(f"opening {customer}'s tickets", state="customer-tickets"):
        links[0].click()
    h.wait_until(lambda: h.path().endswith("/tickets") and "/customers/" in h.path(), f"{customer}'s tickets")
    signed_in_page(h)
    h.find("nav.cust-tabs a[aria-current=\"page\"]", "the customer tabs with the tickets tab current")


def _record_ticket(h: Harness, title: str, priority: str) -> str:
    """Fills the new-ticket form on a customer's tickets page; answers the ticket page's path."""
    form = h.find("details.ctk-new", "the new-ticket form")
    if form.get_attribute("open") is None:
        h.find("details.ctk-new > summary", "the new-ticket form's summary").click()
        h.wait_until(lambda: form.get_attribute("open") is not None, "the new-ticket form, opened")
    fill(h, "#t-title", title)
    Select(h.find("#t-priority", "the priority")).select_by_value(priority)
    fill(h, "#t-product", "ポータル")
    fill(h, "#t-description", "朝から複数の利用者がログインできないとの連絡。")
    with h.navigating("recording the ticket", state="created"):
        h.find('#ticket-form button[type="submit"]', "the record button").click()
    h.wait_until(lambda: "done=created" in h.driver.current_url, "the new ticket's page")
    h.expect(any(hop.status == 303 for hop in h.chain[:-1]), f"recording should answer 303, saw {h.describe_chain()}:")
    signed_in_page(h)
    h.find('p.notice[role="status"]', "the confirmation that the ticket was recorded")
    return h.path().split("?")[0]


@flow
def ticket_queue(h: Harness) -> None:
    """Support watanabe records an urgent ticket, finds it in the queue filtered to urgent, records the first
    response and resolves it; the resolved ticket leaves the open queue. Then the queue in English."""
    sign_in(h, h.demo.person("watanabe"))
    title = f"ログイン障害 {h.driver.get_window_size()['width']}-{int(time.time())}"
    _open_customer_tickets(h, "ひまわり不動産")
    path = _record_ticket(h, title, "urgent")

    h.visit("/tickets", state="queue")
    signed_in_page(h)
    Select(h.find("#f-priority", "the priority filter")).select_by_value("urgent")
    with h.navigating("filtering the queue to urgent tickets", state="urgent"):
        h.find('form.ctk-filter button[type="submit"]', "the filter button").click()
    h.wait_until(lambda: "priority=urgent" in h.driver.current_url, "the queue filtered to urgent")
    signed_in_page(h)
    links = [a for a in h.find_all("table.ctk-table th a") if a.text.strip() == title]
    h.expect(bool(links), f"the urgent queue should list {title!r}:")
    h.expect(not any(p.text.strip() != "緊急" for p in h.find_all("table.ctk-table .ctk-priority")),
             "the urgent queue should hold only urgent tickets:")
    with h.navigating("opening the ticket from the queue", state="ticket"):
        links[0].click()
    h.wait_for_path(path, "the ticket's page")
    signed_in_page(h)
    h.expect("未応答" in h.find("dl.facts").text, "a new ticket should be awaiting its first response:")

    with h.navigating("recording the first response", state="responded"):
        h.find('button[name="action"][value="respond"]', "the first-response button").click()
    h.wait_until(lambda: "done=responded" in h.driver.current_url, "the ticket after the first response")
    h.find('p.notice[role="status"]', "the confirmation of the first response")
    h.expect("受付から" in h.find("dl.facts").text, "the first response should show how long it took:")
    with h.navigating("resolving the ticket", state="resolved"):
        h.find('button[name="action"][value="resolve"]', "the resolve button").click()
    h.wait_until(lambda: "done=resolved" in h.driver.current_url, "the ticket after resolving")
    h.find('button[name="action"][value="reopen"]', "the reopen button, now that it is resolved")
    h.expect("チケット解決" in h.find("ol.ctk-events").text, "resolving should be in the ticket's history:")

    h.visit("/tickets?priority=urgent", state="queue-after")
    h.expect(not any(a.text.strip() == title for a in h.find_all("table.ctk-table th a")),
             "a resolved ticket should leave the open queue:")
    with h.navigating("switching the language to English", state="en"):
        h.find('form#locale button[name="locale"][value="en"]', "the English button").click()
    h.wait_until(lambda: h.lang() == "en", '<html lang> should become "en"')
    h.visit(path, state="ticket-en")
    signed_in_page(h)
    h.find("#ticket-edit", "the edit form")
    h.visit("/tickets?status=resolved", state="queue-en")
    signed_in_page(h)
    with h.navigating("switching the language back to Japanese", state="ja"):
        h.find('form#locale button[name="locale"][value="ja"]', "the Japanese button").click()
    sign_out(h)


@flow
def ticket_expansion_signal(h: Harness) -> None:
    """Support david (English) records a ticket for 北星銀行, sets the expansion signal with a note handed to the
    sales owner; the hand-off shows with its link, and the queue's signal filter lists the ticket."""
    sign_in(h, h.demo.person("david"))
    title = f"Wants 50 more seats {h.driver.get_window_size()['width']}-{int(time.time())}"
    _open_customer_tickets(h, "北星銀行")
    path = _record_ticket(h, title, "normal")

    details = h.find("details.ctk-signal-form", "the expansion-signal form")
    if details.get_attribute("open") is None:
        h.find("details.ctk-signal-form > summary", "the expansion signal's summary").click()
        h.wait_until(lambda: details.get_attribute("open") is not None, "the expansion-signal form, opened")
    fill(h, "#s-note", "The IT lead asked for 50 more seats from April.")
    h.find("#s-hand-sales", "hand off to the sales owner").click()
    with h.navigating("recording the expansion signal", state="signal"):
        h.find('#signal-form button[type="submit"]', "the record-and-hand-off button").click()
    h.wait_until(lambda: "done=signal" in h.driver.current_url, "the ticket after the signal")
    h.expect(h.path().split("?")[0] == path, f"the signal should come back to the ticket, not {h.path()}:")
    h.expect(any(hop.status == 303 for hop in h.chain[:-1]), f"recording the signal should answer 303, saw {h.describe_chain()}:")
    signed_in_page(h)
    h.find('p.notice[role="status"]', "the confirmation of the hand-off")
    h.find('.ctk-handoff a[href^="/accountabilities/"]', "the link to the hand-off")
    h.expect("50 more seats" in h.find("#signal").text, "the note should show:")
    h.expect(not h.find_all("#signal-form"), "no second hand-off while the first is open:")

    h.visit("/tickets?status=all&signal=1", state="signals")
    signed_in_page(h)
    h.expect(any(a.text.strip() == title for a in h.find_all("table.ctk-table th a")),
             "the signal filter should list the ticket:")
    sign_out(h)


@flow
def problem_affected_customers(h: Harness) -> None:
    """Ops kobayashi records a problem, adds an affected customer that has no ticket on it yet, then removes it."""
    sign_in(h, h.demo.person("kobayashi"))
    title = f"帳票出力の遅延 {h.driver.get_window_size()['width']}-{int(time.time())}"
    h.visit("/problems", state="problems")
    signed_in_page(h)
    fill(h, "#p-title", title)
    with h.navigating("recording a problem", state="problem"):
        h.find('#problem-form button[type="submit"]', "the record button").click()
    h.wait_until(lambda: "done=created" in h.driver.current_url, "the new problem's page")
    path = h.path().split("?")[0]
    Select(h.find("#affect-customer", "the affected-customer choice")).select_by_visible_text("青葉クリニック")
    with h.navigating("adding an affected customer", state="added"):
        h.find('#affect-form button[type="submit"]', "the add button").click()
    h.wait_until(lambda: "done=customer_added" in h.driver.current_url, "the problem after adding")
    h.expect(h.path().split("?")[0] == path, f"adding should come back to the problem, not {h.path()}:")
    signed_in_page(h)
    section = h.find("#affected-heading").find_element("xpath", "..")
    h.expect("青葉クリニック" in section.text, "the added customer should be listed as affected:")
    with h.navigating("removing the affected customer", state="removed"):
        h.find(f'form[action="{path}/customers/remove"] button[type="submit"]', "the remove button").click()
    h.wait_until(lambda: "done=customer_removed" in h.driver.current_url, "the problem after removing")
    h.find('p.notice[role="status"]', "the confirmation of the removal")
    sign_out(h)
