"""The browser flows of the customer's records beyond the page: contacts, merge and restore, the org's custom fields."""

from __future__ import annotations

import time

from selenium.webdriver.support.ui import Select

from flows import flow, sign_in, sign_out, fill, signed_in_page, expect_redirect  # noqa: F401
from harness import Harness  # noqa: F401

ASAHI = "株式会社アサヒ物流"


def open_asahi(h: Harness) -> None:
    """Finds 株式会社アサヒ物流 (CSM suzuki's customer) by a search of the list and opens its page."""
    h.visit("/customers?q=%E3%82%A2%E3%82%B5%E3%83%92", state="search")
    signed_in_page(h)
    links = [a for a in h.find_all('table.cust-table a[href^="/customers/"]') if a.text == ASAHI]
    h.expect(bool(links), f"{ASAHI} should be in the list:")
    with h.navigating(f"opening {ASAHI}", state="customer"):
        links[0].click()
    h.wait_until(lambda: h.find_all("main h1") and ASAHI in h.find("main h1").text, f"{ASAHI}'s page")


def switch_language(h: Harness, to: str, state: str) -> None:
    with h.navigating(f"switching the language to {to}", state=state):
        h.find(f'form#locale button[name="locale"][value="{to}"]', f"the {to} button").click()
    h.wait_until(lambda: h.lang() == to, f'<html lang> should become "{to}"')


@flow
def customer_contacts(h: Harness) -> None:
    """CSM suzuki adds a contact marked as decision maker (after a refused email), then erases them after the warning."""
    sign_in(h, h.demo.person("suzuki"))
    open_asahi(h)
    with h.navigating("opening the contacts tab", state="contacts"):
        h.find('nav.cust-tabs a[href$="/contacts"]', "the contacts tab").click()
    h.wait_until(lambda: h.driver.current_url.endswith("/contacts"), "the contacts page")
    signed_in_page(h)
    name = f"小川 直樹 {int(time.time() * 1000) % 100000}"
    fill(h, "#k-name", name)
    fill(h, "#k-role", "物流企画部 部長")
    fill(h, "#k-email", "ogawa@@asahi.example")
    h.find("#k-decider", "the decision-maker checkbox").click()
    # The browser's own email check would stop the form before the server sees it; the server's refusal is the test.
    h.driver.execute_script("document.getElementById('crec-contact-form').noValidate = true")
    with h.navigating("adding a contact with a bad email", state="refused"):
        h.find('#crec-contact-form button[type="submit"]').click()
    h.expect(h.status() == 422, f"a bad email should answer 422, saw {h.describe_chain()}:")
    h.find("#k-email-error", "the error beside the email")
    h.expect(h.find("#k-email").get_attribute("aria-invalid") == "true", "the refused email should be aria-invalid:")
    h.expect(h.find("#k-name").get_attribute("value") == name, "the name should be kept:")
    h.expect(h.find("#k-decider").is_selected(), "the decision-maker tick should be kept:")
    fill(h, "#k-email", "ogawa@asahi.example")
    with h.navigating("adding the contact", state="added"):
        h.find('#crec-contact-form button[type="submit"]').click()
    h.wait_until(lambda: "done=added" in h.driver.current_url, "the contact added")
    h.find('p.notice[role="status"]', "the confirmation that the contact was added")
    rows = [r for r in h.find_all("table.crec-contacts tbody tr") if name in r.text]
    h.expect(bool(rows), f"{name} should be listed:")
    h.expect(bool(rows[0].find_elements("css selector", ".crec-decider")), f"{name} should be marked as a decision maker:")
    first_row = h.find("table.crec-contacts tbody tr")
    h.expect(bool(first_row.find_elements("css selector", ".crec-decider")), "a decision maker should head the list:")
    with h.navigating("opening the contact to edit", state="contact"):
        rows[0].find_element("css selector", 'a[href*="/contacts/"]').click()
    h.wait_until(lambda: h.find_all("#crec-erase"), "the contact's page")
    signed_in_page(h)
    h.find("#crec-erase > summary", "the erase summary").click()
    h.wait_until(lambda: h.find('#crec-erase button.danger').is_displayed(), "the warning and the erase button")
    with h.navigating("erasing the contact's personal data", state="erased"):
        h.find("#crec-erase button.danger").click()
    h.wait_until(lambda: "done=erased" in h.driver.current_url, "the contacts after erasure")
    main = h.find("main").text
    h.expect(name not in main, f"{name} should no longer appear:")
    h.expect("ogawa@asahi.example" not in main, "the email should no longer appear:")
    h.expect("個人情報削除済みの連絡先" in main, "the erased contact should show anonymised:")
    switch_language(h, "en", "en")
    h.expect("Erased contact" in h.find("main").text, "the English page should show the erased contact:")
    switch_language(h, "ja", "ja")
    sign_out(h)


@flow
def customer_field_admin(h: Harness) -> None:
    """Ops kobayashi is refused a bad key beside its field, adds a choice field, and finds it on a customer's edit form."""
    sign_in(h, h.demo.person("kobayashi"))
    h.visit("/admin/customer-fields")
    signed_in_page(h)
    stamp = int(time.time() * 1000) % 100000
    key, label = f"plan_{stamp}", f"契約プラン {stamp}"
    fill(h, "#f-key", "Plan Name")
    fill(h, "#f-label-ja", label)
    fill(h, "#f-label-en", f"Plan {stamp}")
    Select(h.find("#f-type", "the type")).select_by_value("choice")
    fill(h, "#f-choices", "ライト\nスタンダード\nエンタープライズ")
    with h.navigating("adding a field with a bad key", state="refused"):
        h.find('#crec-field-form button[type="submit"]').click()
    h.expect(h.status() == 422, f"a bad key should answer 422, saw {h.describe_chain()}:")
    h.find("#f-key-error", "the error beside the key")
    h.expect(h.find("#f-key").get_attribute("aria-invalid") == "true", "the refused key should be aria-invalid:")
    h.expect("スタンダード" in h.find("#f-choices").get_attribute("value"), "the choices should be kept:")
    fill(h, "#f-key", key)
    with h.navigating("adding the field", state="added"):
        h.find('#crec-field-form button[type="submit"]').click()
    h.wait_until(lambda: "done=created" in h.driver.current_url, "the field added")
    h.expect(label in h.find("table.crec-fields").text, f"{label} should be listed:")
    row = [r for r in h.find_all("table.crec-fields tbody tr") if label in r.text][0]
    with h.navigating("opening the field", state="field"):
        row.find_element("css selector", "a").click()
    h.wait_until(lambda: h.find_all("#f-label-ja"), "the field's page")
    signed_in_page(h)
    h.visit("/admin/customer-fields", state="fields")
    switch_language(h, "en", "en")
    h.expect(f"Plan {stamp}" in h.find("table.crec-fields").text, "the English label should show in English:")
    switch_language(h, "ja", "ja")
    open_asahi(h)
    with h.navigating("opening the edit form", state="edit"):
        h.find(f'a.button[href$="/edit"]', "the edit button").click()
    h.wait_until(lambda: h.driver.current_url.endswith("/edit"), "the customer's edit form")
    signed_in_page(h)
    field = h.find(f"#cf-{key}", "the new field on the edit form")
    h.expect(field.tag_name == "select", "a choice field should be a select:")
    h.expect(label in h.find(f'label[for="cf-{key}"]').text, "the field should carry its Japanese label:")
    sign_out(h)


@flow
def customer_merge_preview(h: Harness) -> None:
    """Manager sato opens the merge page of 株式会社アサヒ物流, picks a duplicate and reads the preview (without merging)."""
    sign_in(h, h.demo.person("sato"))
    open_asahi(h)
    base = h.path().split("?")[0]
    h.visit(base + "/merge", state="merge")
    signed_in_page(h)
    h.find(".crec-survives", "which record survives")
    options = [o for o in h.find_all("#m-duplicate option") if o.get_attribute("value")]
    h.expect(bool(options), "the manager should be offered duplicates:")
    Select(h.find("#m-duplicate")).select_by_value(options[0].get_attribute("value"))
    with h.navigating("previewing the merge", state="preview"):
        h.find('form.crec-merge-pick button[type="submit"]').click()
    h.wait_until(lambda: "duplicate=" in h.driver.current_url, "the preview")
    h.find("table.crec-moves tbody tr", "the counts of what moves")
    h.find("#crec-merge-form button.danger", "the merge button")
    switch_language(h, "en", "en")
    h.expect("is the record that survives" in h.find("main").text, "the English page should say which record survives:")
    switch_language(h, "ja", "ja")
    sign_out(h)
