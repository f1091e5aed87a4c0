"""The browser flows of the operations pages."""

from __future__ import annotations

from selenium.webdriver.common.keys import Keys

from flows import flow, sign_in, sign_out, fill, signed_in_page, expect_redirect  # noqa: F401
from harness import Harness  # noqa: F401

# An address the egress check refuses whatever the deployment allows of private networks: the cloud metadata
# service's link-local address is refused by the strict policy (the browser tests' server runs with it).
REFUSED_URL = "http://169.254.169.254/latest/meta-data"


@flow
def owner_adds_new_year_closures(h: Harness) -> None:
    """The owner opens the closure days, sees the 年末年始 days before adding them, adds them in one click
    (303 back to the page) and sees them in the notice and in the year's table."""
    sign_in(h, h.demo.first("owner"))
    h.visit("/admin/closures")
    signed_in_page(h)
    h.find("#new-year-heading", "the 年末年始 section")
    buttons = h.find_all("form.ops-new-year button[type=submit]")
    h.expect(bool(buttons) or bool(h.find_all("tr.ops-closure")),
             "the 年末年始 section should offer a button (or the days should already be listed):")
    if buttons:
        with h.navigating("adding the 年末年始 closure days"):
            buttons[0].click()
        h.wait_for_path("/admin/closures", "adding the 年末年始 closure days")
        notice = h.find("p.notice[role=status]", "the notice listing the days added")
        h.expect("29" in notice.text and "3" in notice.text, f"the notice should list 29 Dec to 3 Jan, says {notice.text!r}:")
        signed_in_page(h)


@flow
def owner_webhook_refused_then_audit(h: Harness) -> None:
    """The owner subscribes a webhook to the cloud metadata address: the form comes back (422) with the URL kept,
    marked invalid and the reason beside it; then the owner opens the audit log and filters it."""
    sign_in(h, h.demo.first("owner"))
    h.visit("/admin/webhooks")
    signed_in_page(h)
    fill(h, "#webhook-form #url", REFUSED_URL)
    h.find('#webhook-form input[name="events[]"][value="check_in.submitted"]', "the check-in event's checkbox").click()
    with h.navigating("adding a webhook to a refused address", state="refused"):
        h.find('#webhook-form button[type="submit"]', "the add button").click()
    h.expect(h.status() == 422, f"a refused URL should answer 422, saw {h.describe_chain()}:")
    h.find("#url-error", "the URL's message")
    url = h.find("#webhook-form #url")
    h.expect(url.get_attribute("aria-invalid") == "true", "the refused URL should be aria-invalid:")
    h.expect(url.get_attribute("value") == REFUSED_URL, "the refused URL should be kept:")
    h.visit("/admin/audit")
    signed_in_page(h)
    with h.navigating("filtering the audit log"):
        h.find('form.filters button[type="submit"]', "the filter button").click()
    h.find("#audit-heading", "the audit log's entries")


@flow
def keyboard_webhook_refusal(h: Harness) -> None:
    """The same refusal with the keyboard alone: Tab to the URL, type, Tab to an event, Space, Tab to the
    button, Enter; the message is there and the field marked."""
    sign_in(h, h.demo.first("owner"))
    h.visit("/admin/webhooks")
    h.tab_to("#webhook-form #url", "tabbing to the webhook URL", limit=80)
    h.type_here(REFUSED_URL)
    h.tab_to('#webhook-form input[name="events[]"]', "tabbing to the first event")
    h.press(Keys.SPACE)
    h.tab_to('#webhook-form button[type="submit"]', "tabbing to the add button", limit=30)
    with h.navigating("adding a webhook with Enter", state="refused"):
        h.press(Keys.ENTER)
    h.find("#url-error", "the URL's message")
    h.expect(h.find("#webhook-form #url").get_attribute("aria-invalid") == "true", "the refused URL should be aria-invalid:")


@flow
def owner_visits_every_operations_page(h: Harness) -> None:
    """Every operations page opens for the owner, in Japanese and in English (each checked by axe and Nu)."""
    sign_in(h, h.demo.first("owner"))
    pages = ["/admin/webhooks", "/admin/schedules", "/admin/closures", "/admin/goal-settings", "/admin/notifications",
             "/admin/mail-relay", "/admin/audit", "/admin/jobs"]
    for lang in ("ja", "en"):
        for path in pages:
            h.visit(path)
            signed_in_page(h)
        with h.navigating(f"switching to {'en' if lang == 'ja' else 'ja'}"):
            h.find(f'form#locale button[name="locale"][value="{"en" if lang == "ja" else "ja"}"]').click()


@flow
def owner_creates_webhook_sees_secret_once(h: Harness) -> None:
    """The owner adds an endpoint (a public address, subscribed only to missed schedules, so nothing is sent): the
    signing secret is in the POST's own answer; the endpoint's page never shows it; pausing is a POST → 303."""
    sign_in(h, h.demo.first("owner"))
    h.visit("/admin/webhooks")
    fill(h, "#webhook-form #url", "https://93.184.215.14/banso-browser-flow")
    fill(h, "#webhook-form #description", "browser flow")
    h.find('#webhook-form input[name="events[]"][value="schedule.missed"]', "the missed-schedule event").click()
    with h.navigating("adding a webhook", state="created"):
        h.find('#webhook-form button[type="submit"]', "the add button").click()
    h.expect(h.status() == 200, f"the secret should come in the POST's own answer, saw {h.describe_chain()}:")
    secret = h.find("#webhook-secret", "the signing secret").get_attribute("value")
    h.expect(secret.startswith("whsec_"), f"the signing secret should start whsec_, is {secret[:8]!r}…:")
    with h.navigating("opening the new endpoint"):
        h.find(".ops-secret a", "the link to the endpoint").click()
    h.find("#deliveries-heading", "the delivery log")
    h.expect(secret not in h.driver.page_source, "the endpoint's page must not show the secret again:")
    with h.navigating("pausing the endpoint"):
        h.find('form[action$="/active"] button[type="submit"]', "the pause button").click()
    h.find("p.notice[role=status]", "the notice that deliveries are paused")
    h.expect(h.chain and any(hop.status == 303 for hop in h.chain), f"pausing should answer 303, saw {h.describe_chain()}:")
