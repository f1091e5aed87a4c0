"""The browser flows of a customer's contracts, monthly revenue and NPS responses."""

from __future__ import annotations

from selenium.webdriver.support.ui import Select

from flows import flow, sign_in, sign_out, fill, signed_in_page, expect_redirect  # noqa: F401
from harness import Harness  # noqa: F401

ASAHI = "株式会社アサヒ物流"


def open_tab(h: Harness, name: str, tab: str, state: str) -> None:
    """From the customer list searched by reading, opens NAME and then its TAB (revenue or nps)."""
    h.visit("/customers?q=%E3%81%82%E3%81%95%E3%81%B2", state="search")
    signed_in_page(h)
    links = [a for a in h.find_all('table.cust-table a[href^="/customers/"]') if a.text == name]
    h.expect(bool(links), f"{name} should be in the list:")
    with h.navigating(f"opening {name}", state="customer"):
        links[0].click()
    h.wait_until(lambda: name in h.find("main h1").text, f"{name}'s page")
    with h.navigating(f"opening the {tab} tab", state=state):
        h.find(f'nav.cust-tabs a[href$="/{tab}"]', f"the {tab} tab").click()
    h.wait_until(lambda: h.driver.current_url.split("?")[0].endswith(f"/{tab}"), f"the {tab} page")
    signed_in_page(h)


def open_details(h: Harness, css: str, what: str):
    details = h.find(css, what)
    if not details.get_attribute("open"):
        details.find_element("css selector", "summary").click()
    return details


@flow
def customer_revenue(h: Harness) -> None:
    """CSM suzuki reads アサヒ物流's contracts, chart and monthly table (a CSM does not edit contracts); manager sato
    adds a contract typed as ¥1,200,000 and records its renewal as an expansion to 1,500,000."""
    sign_in(h, h.demo.person("suzuki"))
    open_tab(h, ASAHI, "revenue", "revenue-csm")
    h.find("table.crev-contracts tbody tr", "a contract's row")
    h.find("svg.crev-chart rect", "a bar of the monthly revenue chart")
    h.expect(len(h.find_all("table.crev-months tbody tr")) == 24, "the monthly table should have 24 months:")
    h.expect(not h.find_all("details.crev-add"), "a CSM should be offered no contract form:")
    sign_out(h)

    sign_in(h, h.demo.person("sato"))
    open_tab(h, ASAHI, "revenue", "revenue-manager")
    name = f"フロー契約 {h.width}"
    add = open_details(h, "details.crev-add", "the add-contract form")
    fill(h, "#new-name", name)
    fill(h, "#new-arr", "¥1,200,000")
    Select(h.find("#new-currency", "the currency")).select_by_value("JPY")
    with h.navigating("adding a contract", state="added"):
        add.find_element("css selector", 'button[type="submit"]').click()
    h.wait_until(lambda: "done=added" in h.driver.current_url, "the contract added")
    h.expect(name in h.find("table.crev-contracts").text, "the new contract should be listed:")
    h.expect("JPY 1,200,000" in h.find("table.crev-contracts").text, "its ARR should read JPY 1,200,000:")

    blocks = [b for b in h.find_all("div.crev-manage") if name in b.find_element("css selector", "h3").text
              and b.find_elements("css selector", "details.crev-renewal")]
    h.expect(bool(blocks), "the new contract should offer to record its renewal:")
    renewal = blocks[0].find_element("css selector", "details.crev-renewal")
    renewal.find_element("css selector", "summary").click()
    renewal.find_element("css selector", 'input[name="outcome"][value="expanded"]').click()
    amount = renewal.find_element("css selector", 'input[name="arr"]')
    amount.clear()
    amount.send_keys("1,500,000")
    with h.navigating("recording an expansion", state="renewal"):
        renewal.find_element("css selector", 'button[type="submit"]').click()
    h.wait_until(lambda: "done=renewal" in h.driver.current_url, "the renewal recorded")
    table = h.find("table.crev-contracts").text
    h.expect("JPY 1,500,000" in table, "the next contract should be listed at JPY 1,500,000:")
    h.expect("拡大" in table, "the renewed contract should say it expanded:")
    h.find("svg.crev-chart title", "the chart's title")
    h.find("table.crev-months tbody tr", "the monthly table")
    sign_out(h)


@flow
def customer_nps(h: Harness) -> None:
    """CSM suzuki records a detractor's answer with a comment on アサヒ物流's NPS page and finds it among the detractors."""
    sign_in(h, h.demo.person("suzuki"))
    open_tab(h, ASAHI, "nps", "nps")
    h.find("p.crev-nps-score", "the NPS")
    h.find('label[for="nps-score-3"]', "the score 3").click()
    comment = f"導入研修の日程が合わない ({h.width})"
    fill(h, "#nps-comment", comment)
    fill(h, "#nps-respondent", "山本")
    with h.navigating("recording a response", state="added"):
        h.find('#add-response button[type="submit"]', "the record button").click()
    h.wait_until(lambda: "done=added" in h.driver.current_url, "the response recorded")
    h.expect(comment in h.find("ol.crev-responses").text, "the comment should be listed:")
    with h.navigating("showing the detractors", state="detractors"):
        [a for a in h.find_all("ul.crev-filters a") if "批判者" in a.text][0].click()
    h.expect(comment in h.find("ol.crev-responses").text, "the response should be among the detractors:")
    with h.navigating("switching the language to English", state="en"):
        h.find('form#locale button[name="locale"][value="en"]', "the English button").click()
    h.wait_until(lambda: h.lang() == "en", '<html lang> should become "en"')
    h.expect("Record a response" in h.find("main").text, 'the English page should offer to "Record a response":')
    with h.navigating("opening the revenue tab in English", state="revenue-en"):
        h.find('nav.cust-tabs a[href$="/revenue"]', "the revenue tab").click()
    h.expect("Monthly revenue" in h.find("main").text, 'the English revenue page should show "Monthly revenue":')
    with h.navigating("switching the language back to Japanese", state="ja"):
        h.find('form#locale button[name="locale"][value="ja"]', "the Japanese button").click()
    h.wait_until(lambda: h.lang() == "ja", '<html lang> should become "ja"')
    sign_out(h)
