"""The interagency fixtures (a referred case, the chair), for the queues that read referrals."""

from __future__ import annotations

from tests.interagency.conftest import chair, referred

__all__ = ["chair", "referred"]
