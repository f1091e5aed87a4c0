"""The browser flows of the customer's records beyond the page: contacts, merge and restore, the org's custom fields."""

from __future__ import annotations

from flows import flow, sign_in, sign_out, fill, signed_in_page, expect_redirect  # noqa: F401
from harness import Harness  # noqa: F401
