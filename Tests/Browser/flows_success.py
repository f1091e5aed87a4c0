"""Browser flows of the success pages (issue 15). Importing this module registers them (run.py).

Every run shares one demo server (both widths). The demo has the org's light and deep definitions and Enterprise's
own light one; Enterprise has one live light definition at a time, so each run archives the live one (the demo's, or
the previous run's) through the confirming step before it makes its own through the form.
"""

from __future__ import annotations

import time

from selenium.webdriver.support.ui import Select  # noqa: F401

from flows import flow, sign_in, sign_out, fill, signed_in_page, expect_redirect  # noqa: F401
from harness import Harness  # noqa: F401


def _enterprise_light_link(h: Harness):
    """The link to Enterprise's own live light definition on /success, if there is one."""
    for section in h.find_all("section.sdf-scope"):
        heading = section.find_element("css selector", "h2").text
        if "エンタープライズ" not in heading and "Enterprise" not in heading:
            continue
        for card in section.find_elements("css selector", "article.sdf-card"):
            tier = card.find_element("css selector", ".sdf-tier").text
            if "ライト" in tier or "Light" in tier:
                return card.find_element("css selector", "h3 a")
    return None


def _customer_path(h: Harness, *names: str) -> str:
    """The path of the demo customer called one of NAMES (Japanese, English), from the customer list."""
    h.visit("/customers", state="customers")
    signed_in_page(h)
    links = [a for a in h.find_all('a[href^="/customers/"]') if a.text.strip() in names]
    h.expect(bool(links), f"the customer list should show {names[0]}:")
    return h.path(links[0].get_attribute("href")).split("?")[0]


@flow
def success_definitions(h: Harness) -> None:
    """Manager sato opens /success (definitions and attainment), replaces Enterprise's light definition — archiving
    the live one in two steps, then making one with two measures through the form, where a nameless measure is
    refused first with the message beside its row — sees it listed, and judges its manual measure met on
    アサヒ物流's success tab. Emily reads the pages in English."""
    stamp = f"{h.driver.get_window_size()['width']}-{int(time.time())}"
    definition = f"全拠点で使われている {stamp}"
    manual = f"現場責任者の評価 {stamp}"

    sign_in(h, h.demo.person("sato"))
    h.visit("/success", state="index")
    signed_in_page(h)
    h.expect(h.find("#attainment-heading", "the attainment section").is_displayed(), "attainment should be shown:")
    figures = h.find("table.sdf-table", "the attainment table").text
    h.expect("%" in figures, "the attainment table should give shares:")
    h.expect(len(h.find_all("svg.sdf-bar[role=img]")) >= 2, "the attainment should be drawn as bars:")

    # Archive the live Enterprise light definition (the demo's, or an earlier run's): its page, the confirming step,
    # then the list without it.
    link = _enterprise_light_link(h)
    if link is not None:
        with h.navigating("opening Enterprise's light definition", state="definition"):
            link.click()
        signed_in_page(h)
        current = h.path().split("?")[0]
        with h.navigating("asking to archive it", state="confirm-archive"):
            h.find(f'a[href="{current}/archive"]', "the archive link").click()
        h.find("#archive-heading", "the confirming step")
        with h.navigating("archiving it", state="archived"):
            h.find(f'form[action="{current}/archive"] button[type="submit"]', "the archive button").click()
        expect_redirect(h, "archiving the definition", "/success")
        h.expect("done=archived" in h.driver.current_url, "archiving should come back to /success?done=archived:")
        h.find('p.notice[role="status"]', "the confirmation that it was archived")
        h.expect(_enterprise_light_link(h) is None, "Enterprise should have no live light definition now:")

    # A new one through the form: the nameless measure is refused beside its row, everything typed kept.
    with h.navigating("opening the new-definition form", state="new"):
        h.find('a[href="/success/definitions/new"]', "the new definition link").click()
    signed_in_page(h)
    h.find("#tier-light", "the light tier").click()
    scope = Select(h.find("#scope", "the scope"))
    h.expect(any("エンタープライズ" in o.text for o in scope.options), "sato may define success for Enterprise:")
    for option in scope.options:
        if "エンタープライズ" in option.text:
            scope.select_by_visible_text(option.text)
    fill(h, "#definition", definition)
    fill(h, "#audience", "各拠点の業務責任者")
    fill(h, "#aims", "拠点ごとのばらつきをなくす\n締め作業を3日短縮")
    Select(h.find("#m0-kind", "the first measure's kind")).select_by_value("metric")
    fill(h, "#m0-metric", "seats")
    fill(h, "#m0-threshold", "50")
    Select(h.find("#m0-required", "the first measure's required")).select_by_value("no")
    fill(h, "#m1-name", manual)
    with h.navigating("creating a definition with a nameless measure", state="refused"):
        h.find('#definition-form button[type="submit"]', "the create button").click()
    h.expect(h.status() == 422, f"a nameless measure should be refused with 422, saw {h.describe_chain()}:")
    error = h.find("#m0-error", "the message beside the nameless measure")
    h.expect(error.text.strip() != "", "the row's message should say what is wrong:")
    h.expect(h.find("#m0-name").get_attribute("aria-describedby") == "m0-error", "the name field should point at its message:")
    h.find('.error-summary[role="alert"]', "the error summary")
    h.expect(h.find("#definition").get_attribute("value") == definition, "the definition typed should be kept:")
    h.expect(h.find("#m1-name").get_attribute("value") == manual, "the other measure typed should be kept:")
    h.expect(h.find("#m0-metric").get_attribute("value") == "seats", "the metric typed should be kept:")

    fill(h, "#m0-name", f"利用席数 {stamp}")
    with h.navigating("creating the definition", state="created"):
        h.find('#definition-form button[type="submit"]', "the create button").click()
    h.wait_until(lambda: "done=created" in h.driver.current_url, "the new definition's page")
    h.expect(any(hop.status == 303 for hop in h.chain[:-1]), f"creating should answer 303, saw {h.describe_chain()}:")
    signed_in_page(h)
    h.find('p.notice[role="status"]', "the confirmation that the definition was made")
    measures = h.find("table", "the measures table").text
    h.expect(manual in measures and "seats" in measures, "the definition's page should list both measures:")

    h.visit("/success", state="index-after")
    link = _enterprise_light_link(h)
    h.expect(link is not None and definition in link.text, "the new definition should be listed as Enterprise's light:")

    # Judge the manual measure on a demo customer's success tab.
    customer = _customer_path(h, "株式会社アサヒ物流", "Asahi Logistics")
    h.visit(customer + "/success", state="customer")
    signed_in_page(h)
    items = [li for li in h.find_all("li.sdf-customer-measure") if manual in li.text]
    h.expect(bool(items), "the customer's success should list the new manual measure:")
    anchor = items[0].get_attribute("id")
    h.find(f"#{anchor} details summary", "the judge-it disclosure").click()
    Select(h.find(f"#{anchor}-state", "the state")).select_by_value("met")
    fill(h, f"#{anchor}-evidence", f"配車担当リーダーが月次会議で効果を報告 {stamp}")
    with h.navigating("recording the judgement", state="assessed"):
        h.find(f"#{anchor} form button[type=submit]", "the save-judgement button").click()
    h.wait_until(lambda: "done=assessed" in h.driver.current_url, "the success tab again")
    signed_in_page(h)
    h.find('p.notice[role="status"]', "the confirmation that the judgement was recorded")
    judged = h.find(f"#{anchor}", "the judged measure").text
    h.expect("達成" in judged and stamp in judged, "the measure should now read met, with its evidence:")
    sign_out(h)

    # Emily reads the pages in English: the definitions and attainment, and her customer's success tab.
    sign_in(h, h.demo.person("emily"))
    h.visit("/success", state="index-en")
    signed_in_page(h)
    h.expect(h.lang() == "en", "Emily reads in English:")
    h.find("#attainment-heading", "the attainment section")
    customer = _customer_path(h, "さくら電機株式会社", "Sakura Electric")
    h.visit(customer + "/success", state="customer-en")
    signed_in_page(h)
    h.find("#tier-light-heading", "the light tier")
    sign_out(h)
