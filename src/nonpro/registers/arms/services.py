"""Use cases of the UN Register of Conventional Arms, gathered from its modules for every
interface. Every use case that changes data refuses an actor without ``manage_multilateral``."""

from __future__ import annotations

from nonpro.registers.arms.mirror import mirror
from nonpro.registers.arms.report import ArmsReport, build_report, to_docx
from nonpro.registers.arms.report_csv import to_csv
from nonpro.registers.arms.report_import import import_state_report
from nonpro.registers.arms.sipri import import_trade_register
from nonpro.registers.arms.transfers import (
    delete_transfer,
    edit_transfer,
    list_background,
    list_datasets,
    list_transfers,
    record_background,
    record_transfer,
)

__all__ = [
    "ArmsReport",
    "build_report",
    "delete_transfer",
    "edit_transfer",
    "import_state_report",
    "import_trade_register",
    "list_background",
    "list_datasets",
    "list_transfers",
    "mirror",
    "record_background",
    "record_transfer",
    "to_csv",
    "to_docx",
]
