"""The browser flows of the customer reports: renewals calendar, GRR/NRR, health distribution, ticket metrics,
problem records and the health model."""

from __future__ import annotations

from selenium.webdriver.support.ui import Select

from flows import flow, sign_in, sign_out, fill, signed_in_page, expect_redirect  # noqa: F401
from harness import Harness  # noqa: F401


@flow
def renewals_and_retention(h: Harness) -> None:
    """Manager sato opens the renewals calendar, then GRR/NRR, groups it by CSM, opens a customer from the breakdown."""
    sign_in(h, h.demo.person("sato"))
    h.visit("/renewals")
    signed_in_page(h)
    h.find("main table", "the renewals list (and, when wide, the month grids)")
    rows = h.driver.find_elements("css selector", "#renewal-list-heading ~ .table-wrap tbody tr")
    h.expect(bool(rows), "the demo org should have renewals within 90 days:")
    with h.navigating("opening GRR and NRR from the report tabs", state="retention"):
        h.find('nav.tabs a[href="/reports/retention"]', "the GRR/NRR tab").click()
    h.expect(h.status() == 200, f"the retention report should answer 200, saw {h.describe_chain()}:")
    h.find("svg.crep-chart title", "the trend chart's title")
    Select(h.find("#group_by", "the grouping")).select_by_value("csm")
    with h.navigating("grouping GRR/NRR by CSM", state="by-csm"):
        h.find('form.filters button[type="submit"]').click()
    h.wait_until(lambda: "group_by=csm" in h.driver.current_url, "the report grouped by CSM")
    signed_in_page(h)
    link = h.find('#breakdown a[href^="/customers/"]', "a customer in the breakdown")
    href = link.get_attribute("href")
    with h.navigating("opening a customer from the breakdown", state="customer"):
        link.click()
    h.wait_until(lambda: "/customers/" in h.driver.current_url, "the customer's page")
    h.expect(h.driver.current_url == href, "the breakdown's link should open that customer:")
    for path, state in (("/reports/health?group_by=team", "health"), ("/reports/tickets?group_by=phase", "tickets"), ("/problems", "problems")):
        h.visit(path, state=state)
        signed_in_page(h)
    with h.navigating("switching the language to English", state="en"):
        h.find('form#locale button[name="locale"][value="en"]', "the English button").click()
    h.wait_until(lambda: h.lang() == "en", '<html lang> should become "en"')
    for path, state in (("/renewals", "renewals-en"), ("/reports/retention", "retention-en"), ("/reports/health", "health-en")):
        h.visit(path, state=state)
        signed_in_page(h)
    with h.navigating("switching the language back to Japanese", state="ja"):
        h.find('form#locale button[name="locale"][value="ja"]', "the Japanese button").click()
    sign_out(h)


@flow
def health_model_edit(h: Harness) -> None:
    """Ops kobayashi changes a weight, is refused a bad one beside its field, saves, and sees the new version."""
    sign_in(h, h.demo.person("kobayashi"))
    h.visit("/admin/health-model")
    signed_in_page(h)
    heading = h.find("#hm-shown-heading", "the model in force").text
    fill(h, "#weight-0", "-5")
    with h.navigating("saving a negative weight", state="refused"):
        h.find('#health-model-form button[type="submit"]').click()
    h.expect(h.status() == 422, f"a bad weight should answer 422, saw {h.describe_chain()}:")
    h.find("#weight-0-error", "the error beside the weight")
    h.expect(h.find("#weight-0").get_attribute("aria-invalid") == "true", "the refused weight should be aria-invalid:")
    fill(h, "#weight-0", "45")
    fill(h, "#hm-note", "NPS の重みを上げる")
    with h.navigating("saving the new version", state="saved"):
        h.find('#health-model-form button[type="submit"]').click()
    h.wait_until(lambda: "done=saved" in h.driver.current_url, "the model after saving")
    h.find('p.notice[role="status"]', "the confirmation that the version was saved")
    after = h.find("#hm-shown-heading").text
    h.expect(after != heading, f"the model in force should be a new version (was {heading!r}, now {after!r}):")
    h.find("#backtest", "the back-test")
    sign_out(h)
