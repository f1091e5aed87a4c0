"""The browser flows of support tickets: the queue, a customer's tickets, a ticket's page."""

from __future__ import annotations

from flows import flow, sign_in, sign_out, fill, signed_in_page, expect_redirect  # noqa: F401
from harness import Harness  # noqa: F401
