"""The browser flows of meetings: bodies, a series, an occurrence with its agenda, decisions and action items."""

from __future__ import annotations

from flows import flow, sign_in, sign_out, fill, signed_in_page, expect_redirect  # noqa: F401
from harness import Harness  # noqa: F401
