"""How a queue is ordered and which sections a role works on."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nonpro.worklist.schemas import WorkItem


class SortKey(StrEnum):
    """The orders a reader may ask for (``?sort=``); the minus sign reverses."""

    DUE = "due"
    DUE_DESC = "-due"
    TITLE = "title"
    TITLE_DESC = "-title"


DEFAULT_SORT = SortKey.DUE

# Far enough that an undated item sorts after every dated one, either way round.
_UNDATED = date.max


def ordered(items: list[WorkItem], sort: SortKey) -> list[WorkItem]:
    """Late first, then by due date (undated last), or by title; ties by title."""
    if sort in (SortKey.TITLE, SortKey.TITLE_DESC):
        return sorted(items, key=lambda i: i.title.casefold(), reverse=sort is SortKey.TITLE_DESC)
    by_due = sorted(items, key=lambda i: (i.due_on or _UNDATED, i.title.casefold()))
    if sort is SortKey.DUE_DESC:
        dated = [i for i in by_due if i.due_on is not None]
        return [*reversed(dated), *(i for i in by_due if i.due_on is None)]
    return by_due
