"""Use cases of the agreements register, gathered from its modules for every interface. Every use
case that changes data refuses an actor without ``manage_multilateral``."""

from __future__ import annotations

from nonpro.registers.agreements.csv_import import import_csv
from nonpro.registers.agreements.records import (
    add,
    due,
    edit,
    list_agreements,
    resolve_partner,
    show,
)

__all__ = [
    "add",
    "due",
    "edit",
    "import_csv",
    "list_agreements",
    "resolve_partner",
    "show",
]
