"""Use cases of the UNGA First Committee votes, gathered from its modules for every interface.
Importing a vote table refuses an actor without ``manage_multilateral``."""

from __future__ import annotations

from nonpro.registers.votes.csv_import import import_csv
from nonpro.registers.votes.records import (
    list_resolutions,
    record,
    series_names,
    show,
)

__all__ = ["import_csv", "list_resolutions", "record", "series_names", "show"]
