"""The browser flows of the directory pages."""

from __future__ import annotations

import time

from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from acting import Mouse
from flows import flow, sign_in, sign_out, fill, signed_in_page, expect_redirect  # noqa: F401
from harness import Harness  # noqa: F401


def _accept_confirms(h: Harness) -> None:
    """The pages ask before revoking (app.js's data-confirm); the flows answer yes."""
    h.driver.execute_script("window.confirm = function () { return true; };")


def _team_option(select: Select, name: str) -> str:
    """The visible text of the option naming the team NAME (options read "Company / Team")."""
    for option in select.options:
        if option.text.strip().endswith("/ " + name):
            return option.text
    raise AssertionError(f"no option for the team {name!r} in {[o.text for o in select.options]}")


@flow
def admin_creates_team_and_invites(h: Harness) -> None:
    """The owner opens the administration from the menu, creates a team in SMB, and invites a CSM into it."""
    sign_in(h, h.demo.person("owner"))
    with h.navigating("opening the administration from the menu"):
        Mouse(h).menu("/admin", "the menu's administration link")
    h.find('a[href="/admin/teams"]', "the teams section")
    h.find('a[href="/admin/webhooks"]', "an operations section, for the owner")
    with h.navigating("opening the teams"):
        h.find('main a[href="/admin/teams"]').click()
    signed_in_page(h)
    team = f"Renewals {h.width} {int(time.time() * 1000) % 100000}"
    Select(h.find("#team-company", "the new team's company")).select_by_index(2)
    fill(h, "#team-name", team)
    with h.navigating("creating the team"):
        h.find('#create-team button[type="submit"]').click()
    h.wait_until(lambda: "done=created" in h.driver.current_url, "the new team's page")
    h.expect(team in h.find("main#main h1").text, "the team's page should carry its name:")
    h.find('p.notice[role="status"]', "the confirmation that the team was created")

    with h.navigating("opening the invitations", state="invitations"):
        h.visit("/admin/invitations")
    email = f"new.{h.width}.{int(time.time() * 1000)}@demo.banso.example"
    fill(h, "#invite-email", email)
    fill(h, "#invite-name", "New Colleague")
    Select(h.find("#invite-role", "the invitation's role")).select_by_value("csm")
    teams = Select(h.find("#invite-team", "the invitation's team"))
    teams.select_by_visible_text(_team_option(teams, team))
    with h.navigating("sending the invitation"):
        h.find('#invite-form button[type="submit"]').click()
    h.wait_until(lambda: "done=invited" in h.driver.current_url, "the invitations after sending one")
    h.expect(any(hop.method == "POST" and hop.status == 303 for hop in h.chain),
             f"sending an invitation should answer 303, saw {h.describe_chain()}:")
    h.find('p.notice[role="status"]', "the confirmation that the invitation was sent")
    table = h.find("main table", "the pending invitations").text
    h.expect(email in table, "the pending invitations should list the new one:")
    h.expect("token=" not in h.driver.page_source, "the invitation's link must never be on the page:")

    # The same pages in English, and an API token: its secret shown once, on the creating POST's own answer.
    with h.navigating("switching the language to English", state="en"):
        h.find('form#locale button[name="locale"][value="en"]', "the English button").click()
    h.wait_until(lambda: h.lang() == "en", '<html lang> should become "en"')
    for path in ("/admin", "/admin/teams", "/admin/members", "/admin/companies"):
        h.visit(path)
        signed_in_page(h)
    # A company made and deleted: the delete button only asks, the confirmation's own button deletes.
    company = f"Temporary {h.width} {int(time.time() * 1000) % 100000}"
    fill(h, "#company-name", company)
    with h.navigating("creating a company", state="created"):
        h.find('#create-company button[type="submit"]').click()
    rows = [row for row in h.driver.find_elements("css selector", "main table tbody tr") if company in row.text]
    h.expect(bool(rows), "the new company should be listed:")
    with h.navigating("asking to delete the company", state="confirm"):
        rows[0].find_element("css selector", 'form[action$="/delete"] button').click()
    h.expect(h.status() == 200, f"the delete button should only ask (200), saw {h.describe_chain()}:")
    with h.navigating("confirming the deletion", state="deleted"):
        h.find('.dir-confirm button[type="submit"]', "the confirmation's delete button").click()
    h.wait_until(lambda: "done=deleted" in h.driver.current_url, "the companies after the deletion")
    h.expect(company not in h.find("main table").text, "the company should be gone:")
    h.visit("/me/tokens")
    fill(h, "#token-name", f"CRM sync {h.width}")
    h.find("#scope-write", "the write scope's checkbox").click()
    with h.navigating("creating an API token", state="created"):
        h.find('#token-form button[type="submit"]').click()
    h.expect(h.status() == 201, f"creating a token should answer 201 with its page, saw {h.describe_chain()}:")
    secret = h.find("#token-secret", "the new token's secret").get_attribute("value")
    h.expect(len(secret) > 20 and secret not in h.driver.current_url, "the secret should be shown, and in no URL:")
    h.visit("/me/tokens", state="listed")
    h.expect(f"CRM sync {h.width}" in h.find("main table").text, "the new token should be listed:")
    h.expect(secret not in h.driver.page_source, "the secret must never be shown again:")
    h.visit("/admin/tokens")
    h.expect(secret not in h.driver.page_source, "nor on everyone's tokens:")
    with h.navigating("switching the language back to Japanese", state="ja"):
        h.find('form#locale button[name="locale"][value="ja"]', "the Japanese button").click()
    h.wait_until(lambda: h.lang() == "ja", '<html lang> should become "ja"')
    sign_out(h)


def _open_member(h: Harness, query: str) -> None:
    """From the directory, finds QUERY and opens the first match."""
    with h.navigating("opening the members", state="members"):
        h.visit("/admin/members")
    fill(h, "#members-q", query)
    with h.navigating(f"searching the directory for {query!r}", state="search"):
        h.find('form.filters button[type="submit"]').click()
    with h.navigating("opening the member"):
        h.find("main table tbody th a", "the member found").click()
    h.find("#grant-form", "the grant form")


def _revoke_team_csm(h: Harness, team: str) -> None:
    """Revokes the CSM grant on TEAM from the member page shown (leaves the demo as it was)."""
    for item in h.driver.find_elements("css selector", "#member-roles-heading ~ ul.items li"):
        if team in item.text and item.find_elements("css selector", "button"):
            _accept_confirms(h)
            with h.navigating("revoking the grant again", state="revoked"):
                item.find_element("css selector", "button").click()
            h.find('p.notice[role="status"]', "the confirmation of the revoke")
            return
    raise AssertionError(f"no revocable grant on {team!r}")


@flow
def manager_grants_csm_on_a_team(h: Harness) -> None:
    """A manager finds a CSM in the directory and grants her CSM on another team of his company (then revokes it)."""
    sign_in(h, h.demo.person("sato"))
    _open_member(h, "takahashi")
    roles = Select(h.find("#grant-role"))
    values = [o.get_attribute("value") for o in roles.options]
    h.expect("admin" not in values and "owner" not in values and "manager" not in values,
             f"a manager should be offered only roles below his own, saw {values}:")
    # Refused in place: no scope chosen.
    roles.select_by_value("csm")
    with h.navigating("granting without a scope", state="refused"):
        h.find('#grant-form button[type="submit"]').click()
    h.expect(h.status() == 422, f"a grant without a scope should answer 422, saw {h.describe_chain()}:")
    h.find("#grant-scope-error", "the scope's message")
    h.expect(Select(h.find("#grant-role")).first_selected_option.get_attribute("value") == "csm", "the role should be kept:")
    scopes = Select(h.find("#grant-scope"))
    scopes.select_by_visible_text(_team_option(scopes, "オンボーディング (Onboarding)"))
    with h.navigating("granting CSM on Onboarding"):
        h.find('#grant-form button[type="submit"]').click()
    h.wait_until(lambda: "done=granted" in h.driver.current_url, "the member page after the grant")
    h.find('p.notice[role="status"]', "the confirmation of the grant")
    _revoke_team_csm(h, "オンボーディング (Onboarding)")
    sign_out(h)


@flow
def manager_grants_csm_with_the_keyboard(h: Harness) -> None:
    """The same grant with Tab, typing and Enter only."""
    sign_in(h, h.demo.person("sato"))
    h.visit("/admin/members")
    h.tab_to("#members-q", "tabbing to the directory search")
    h.type_here("takahashi")
    with h.navigating("searching with Enter", state="search"):
        h.press(Keys.ENTER)
    h.tab_to("main table tbody th a", "tabbing to the member found")
    with h.navigating("opening the member with Enter"):
        h.press(Keys.ENTER)
    h.tab_to("#grant-role", "tabbing to the role")
    h.press("C")  # CSM is the first role starting with C, in either language
    h.expect(Select(h.find("#grant-role")).first_selected_option.get_attribute("value") == "csm",
             "typing C on the role should choose CSM:")
    h.tab_to("#grant-scope", "tabbing to the scope")
    for _ in range(10):
        if "Onboarding" in Select(h.find("#grant-scope")).first_selected_option.text:
            break
        h.press(Keys.ARROW_DOWN)
    h.expect("Onboarding" in Select(h.find("#grant-scope")).first_selected_option.text,
             "the arrow keys should reach the Onboarding team:")
    h.tab_to('#grant-form button[type="submit"]', "tabbing to the grant button")
    with h.navigating("granting with Enter"):
        h.press(Keys.ENTER)
    h.wait_until(lambda: "done=granted" in h.driver.current_url, "the member page after the grant")
    _accept_confirms(h)
    h.tab_to("#member-roles-heading ~ ul.items li button", "tabbing to a revoke button")
    for _ in range(10):
        if "Onboarding" in h.driver.execute_script("return document.activeElement.closest('li').textContent"):
            break
        h.press(Keys.TAB)
    with h.navigating("revoking with Enter", state="revoked"):
        h.press(Keys.ENTER)
    h.find('p.notice[role="status"]', "the confirmation of the revoke")
    sign_out(h)
