"""The report draft's workflow as a table: draft → in clearance → cleared → final.

Pure: no session, no clock. ``nonpro.reports.drafts`` applies it and records who did what.
Separation of duties is the instructions' (``nonpro.multilateral.rules.duty_conflict``): whoever
wrote the text neither clears nor finalizes it, whoever cleared it does not finalize it.
"""

from __future__ import annotations

from enum import StrEnum


class DraftState(StrEnum):
    DRAFT = "draft"
    IN_CLEARANCE = "in_clearance"
    CLEARED = "cleared"
    FINAL = "final"


class DraftAction(StrEnum):
    EDIT = "edit"  # a section's text; also "refresh" (the data-driven content)
    REQUEST = "request"  # clearance from offices
    CLEAR = "clear"
    RETURN = "return"
    FINALIZE = "finalize"


class Decision(StrEnum):
    CLEARED = "cleared"
    RETURNED = "returned"


D = DraftState
# Editing in clearance or after it sends the draft back: a clearance was given to a text that
# has since changed. The last office's clearance moves IN_CLEARANCE to CLEARED (the service
# checks every requested office); a return sends the draft back to its authors.
TRANSITIONS: dict[tuple[DraftState, DraftAction], DraftState] = {
    (D.DRAFT, DraftAction.EDIT): D.DRAFT,
    (D.IN_CLEARANCE, DraftAction.EDIT): D.DRAFT,
    (D.CLEARED, DraftAction.EDIT): D.DRAFT,
    (D.DRAFT, DraftAction.REQUEST): D.IN_CLEARANCE,
    (D.IN_CLEARANCE, DraftAction.CLEAR): D.IN_CLEARANCE,
    (D.IN_CLEARANCE, DraftAction.RETURN): D.DRAFT,
    (D.CLEARED, DraftAction.FINALIZE): D.FINAL,
}


def next_state(state: DraftState, action: DraftAction) -> DraftState | None:
    """The state ``action`` leads to from ``state``; None: not allowed."""
    return TRANSITIONS.get((state, action))


def allowed(state: DraftState) -> list[DraftAction]:
    return [action for (source, action) in TRANSITIONS if source == state]
