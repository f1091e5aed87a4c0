"""Browser flows of the processes pages (issue 15). Importing this module registers them (run.py).

The demo has one org-standard process, 「標準オンボーディング〜定着」, published as v1 and v2, Enterprise on v2 and SMB on
v1, with customers placed at various steps. Every run (both widths share one demo server) drafts, publishes and
adopts the next version, and completes アサヒ物流's current step.
"""

from __future__ import annotations

import time

from selenium.webdriver.support.ui import Select  # noqa: F401

from flows import flow, sign_in, sign_out, fill, signed_in_page, expect_redirect  # noqa: F401
from harness import Harness  # noqa: F401

PROCESS = "標準オンボーディング〜定着"
CUSTOMER = "株式会社アサヒ物流"


def _select_containing(h: Harness, css: str, text: str, what: str) -> None:
    """Picks the first option of the select CSS whose visible text contains TEXT."""
    select = Select(h.find(css, what))
    for option in select.options:
        if text in option.text:
            select.select_by_visible_text(option.text)
            return
    h.expect(False, f"{what} should offer an option containing {text!r}:")


def _open_process(h: Harness, state: str) -> str:
    """From /processes, opens the demo's process; returns its path."""
    links = [a for a in h.find_all("ul.prc-list a") if a.text.strip() == PROCESS]
    h.expect(bool(links), f"the process list should show {PROCESS}:")
    with h.navigating("opening the process", state=state):
        links[0].click()
    signed_in_page(h)
    return h.path().split("?")[0]


@flow
def standard_process(h: Harness) -> None:
    """The owner (head of CS) sees adoption per company and the health-by-process chart, opens the org's standard process,
    starts a draft, adds a step with its RACI, publishes it after the confirming step, adopts it for Enterprise,
    and marks アサヒ物流's current step done on its process tab; Emily reads the pages in English."""
    stamp = f"{h.driver.get_window_size()['width']}-{int(time.time())}"
    step = f"経営層レビュー {stamp}"

    sign_in(h, h.demo.person("owner"))
    h.visit("/processes", state="index")
    signed_in_page(h)
    h.find('nav.suc-tabs a[href="/processes"][aria-current="page"]', "the processes tab, marked current")
    adoption = h.find("ul.prc-adoption", "adoption per company").text
    h.expect("エンタープライズ" in adoption and "SMB" in adoption and "%" in adoption, "adoption should show both companies with their shares:")
    health = h.find("ul.prc-health", "the health-by-process chart").text
    h.expect("A+B" in health and "v2" in health and "プロセスなし" in health,
             "the health chart should compare v2 with customers on no process, with the A+B share:")
    h.find("ul.prc-health svg[role=img] title", "the chart's bars, described")
    h.find("section[aria-labelledby=health-heading] table caption", "the chart's figures as a table")

    process = _open_process(h, "process")
    h.expect("キックオフ" in h.find("ol.prc-steps").text, "the published steps should be listed:")
    drafts = h.find_all('form[action$="/versions"] button[type="submit"]')
    if drafts:
        with h.navigating("starting a new draft", state="draft"):
            drafts[0].click()
    else:
        # A run that stopped half-way left its draft: carry on with it.
        with h.navigating("opening the draft in progress", state="draft"):
            h.find(f'a.button[href^="{process}/versions/"]', "the edit-draft link").click()
    signed_in_page(h)
    editor = h.path().split("?")[0]
    h.find("form.prc-editor", "the draft editor")

    # The first blank row takes the new step, moved to second place by its order number.
    blanks = [fs for fs in h.find_all("fieldset.prc-row") if not fs.find_element("css selector", 'input[name="name[]"]').get_attribute("value")]
    h.expect(bool(blanks), "the editor should offer blank rows:")
    row = blanks[0].get_attribute("id").split("-")[-1]
    fill(h, f"#name-{row}", step)
    fill(h, f"#days-{row}", "10")
    fill(h, f"#exit-{row}", "経営層に導入計画を説明し、承認を得た")
    fill(h, f"#order-{row}", "2")
    _select_containing(h, f"#r-{row}", "エンタープライズ リーダー", "the new step's R")
    _select_containing(h, f"#a-{row}", "CS 本部長", "the new step's A")
    h.expect(h.find(f"#step-{row} details.prc-r-more").get_attribute("open") is None,
             "'also responsible' should be folded while the step has one R:")
    boxes = [label for label in h.find_all(f"#step-{row} .prc-ci label.choice") if "CSM (SMB)" in label.text]
    h.expect(len(boxes) == 2, "C and I should each offer CSM (SMB):")
    boxes[0].find_element("css selector", "input").click()
    with h.navigating("saving the draft and going on to publish", state="publish-confirm"):
        h.find('form.prc-editor button[name="intent"][value="publish"]', "the save-and-publish button").click()
    expect_redirect(h, "saving the draft", f"{editor}/publish")
    signed_in_page(h)
    h.expect(step in h.find("section.prc-confirm").text, "the confirming step should show the new step:")
    with h.navigating("publishing", state="published"):
        h.find(f'form[action="{editor}/publish"] button[type="submit"]', "the publish button").click()
    expect_redirect(h, "publishing", process)
    h.find('p.notice[role="status"]', "the confirmation that the version was published")
    steps = h.find("ol.prc-steps").text
    h.expect(step in steps and steps.index(step) < steps.index("初期設定"), "the published steps should put the new step second:")
    number = editor.rsplit("/", 1)[-1]

    h.visit("/processes", state="index-adopt")
    enterprise = [li for li in h.find_all("ul.prc-adoption > li") if "エンタープライズ" in li.find_element("css selector", "h3").text]
    h.expect(bool(enterprise), "adoption should list Enterprise:")
    key = enterprise[0].get_attribute("id").removeprefix("company-")
    _select_containing(h, f"#version-{key}", f"v{number}", "Enterprise's version to adopt")
    with h.navigating("adopting the new version for Enterprise", state="adopted"):
        h.find(f'#company-{key} form button[type="submit"]', "the adopt button").click()
    expect_redirect(h, "adopting", "/processes")
    h.find('p.notice[role="status"]', "the confirmation of the adoption")
    h.expect(f"v{number}" in h.find(f"#company-{key}").text, "Enterprise should now run the new version:")

    h.visit("/customers", state="customers")
    links = [a for a in h.find_all("main a") if CUSTOMER in a.text]
    h.expect(bool(links), f"the customer list should show {CUSTOMER}:")
    customer = h.path(links[0].get_attribute("href")).split("?")[0]
    h.visit(f"{customer}/process", state="customer-process")
    signed_in_page(h)
    h.find(f'nav a[href="{customer}/process"][aria-current="page"]', "the process tab, marked current")
    h.find("section.prc-current h2", "the current step")
    before = len(h.find_all("ol.prc-progress li.prc-done"))
    with h.navigating("marking the current step done", state="step-done"):
        h.find("form.prc-complete button", "the mark-done button").click()
    expect_redirect(h, "marking the step done", f"{customer}/process")
    h.find('p.notice[role="status"]', "the confirmation that the step is done")
    after = len(h.find_all("ol.prc-progress li.prc-done"))
    h.expect(after == before + 1, f"one more step should be done, saw {before} then {after}:")

    h.visit(f"{process}/report", state="report")
    signed_in_page(h)
    h.find("table.prc-lead", "the lead times")
    h.expect("Pacific Retail" in h.find("section[aria-labelledby=stalls-heading]").text, "the stalls should name Pacific Retail:")
    sign_out(h)

    sign_in(h, h.demo.person("emily"))
    h.visit("/processes", state="index-en")
    signed_in_page(h)
    h.expect(h.lang() == "en", "Emily reads in English:")
    h.expect("No process" in h.find("ul.prc-health").text, "the chart should read in English:")
    h.expect(not h.find_all("form.prc-adopt"), "a CSM should see no adopt form:")
    _open_process(h, "process-en")
    h.expect(not h.find_all('form[action$="/versions"]'), "a CSM should not start drafts:")
    h.visit(f"{editor}", state="version-en")
    h.expect(not h.find_all("form.prc-editor"), "a published version is read-only:")
    h.visit(f"{process}/report", state="report-en")
    stalled = [a for a in h.find_all("section[aria-labelledby=stalls-heading] table a") if "Pacific Retail" in a.text]
    h.expect(bool(stalled), "Emily's report should name her stalled customer:")
    with h.navigating("opening the stalled customer's process", state="customer-process-en"):
        stalled[0].click()
    signed_in_page(h)
    h.expect("Current step" in h.find("section.prc-current").text, "the customer's tab should read in English:")
    h.find("section.prc-current .prc-late", "the stalled mark, in words")
    h.expect("unknown position" not in h.find("section.prc-current").text,
             "every RACI position should be named, even one outside the reader's own scope:")
    sign_out(h)
