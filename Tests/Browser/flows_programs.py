"""Browser flows of the programs pages (issue 15). Importing this module registers them (run.py)."""

from __future__ import annotations

from selenium.webdriver.support.ui import Select  # noqa: F401

from flows import flow, sign_in, sign_out, fill, signed_in_page, expect_redirect  # noqa: F401
from harness import Harness  # noqa: F401
