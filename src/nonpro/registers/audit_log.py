"""The registers' rows of the audit log."""

from __future__ import annotations

from nonpro.core.audit import CapabilityLog

LOG = CapabilityLog("registers")
