"""The case state machine as an explicit table, the review clocks, and the vocabulary.

Every arrow a case may take is one row of ``TRANSITIONS`` with the permission it needs; anything
not in the table is refused with the arrows that are allowed. The table is tested as a table.
"""

from __future__ import annotations

import re
from enum import StrEnum

from nonpro.accounts.rules import Permission


class CaseType(StrEnum):
    DUAL_USE_REFERRAL = "dual_use_referral"
    MUNITIONS_LICENSE = "munitions_license"
    INTELLIGENCE_REVIEW = "intelligence_review"
    ADVISORY_OPINION = "advisory_opinion"


class PartyRole(StrEnum):
    APPLICANT = "applicant"
    PURCHASER = "purchaser"
    INTERMEDIATE_CONSIGNEE = "intermediate_consignee"
    ULTIMATE_CONSIGNEE = "ultimate_consignee"
    END_USER = "end_user"
    FORWARDER = "forwarder"


# Parties that receive the items: a confirmed listing of one of them is a reason to deny,
# not only to refer (AECA §74 counts consignees and end users as engaged in the trade).
RECEIVING_ROLES = frozenset(
    {
        PartyRole.PURCHASER,
        PartyRole.INTERMEDIATE_CONSIGNEE,
        PartyRole.ULTIMATE_CONSIGNEE,
        PartyRole.END_USER,
    }
)


# A screening hit's state in words, as a case page heads each matched entity.
HIT_STATE_WORDS = {
    "confirmed": "Confirmed match",
    "escalated": "Escalated for a decision",
    "possible": "Possible match, to be decided",
    "dismissed": "Dismissed, not the same",
}


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    ON_HOLD = "on_hold"
    REFERRED = "referred"
    DECIDED = "decided"
    RETURNED_WITHOUT_ACTION = "returned_without_action"
    REOPENED = "reopened"
    CLOSED = "closed"


class Decision(StrEnum):
    APPROVED = "approved"
    APPROVED_WITH_PROVISOS = "approved_with_provisos"
    DENIED = "denied"


class Recommendation(StrEnum):
    APPROVE = "approve"
    APPROVE_WITH_PROVISOS = "approve_with_provisos"
    DENY = "deny"
    REFER = "refer"
    RETURN_WITHOUT_ACTION = "return_without_action"


# When several rules fire, the strongest wins: a denial ground is not cured by a referral, and an
# incomplete application goes back before anyone refers it.
RECOMMENDATION_STRENGTH = {
    Recommendation.DENY: 4,
    Recommendation.RETURN_WITHOUT_ACTION: 3,
    Recommendation.REFER: 2,
    Recommendation.APPROVE_WITH_PROVISOS: 1,
    Recommendation.APPROVE: 0,
}

S = Status
_MANAGE = Permission.MANAGE_CASES
TRANSITIONS: dict[tuple[Status, Status], Permission] = {
    (S.DRAFT, S.SUBMITTED): _MANAGE,
    (S.SUBMITTED, S.UNDER_REVIEW): _MANAGE,
    (S.SUBMITTED, S.RETURNED_WITHOUT_ACTION): _MANAGE,
    (S.UNDER_REVIEW, S.ON_HOLD): _MANAGE,
    (S.UNDER_REVIEW, S.REFERRED): _MANAGE,
    (S.UNDER_REVIEW, S.DECIDED): _MANAGE,
    (S.UNDER_REVIEW, S.RETURNED_WITHOUT_ACTION): _MANAGE,
    (S.ON_HOLD, S.UNDER_REVIEW): _MANAGE,
    (S.ON_HOLD, S.REFERRED): _MANAGE,
    (S.ON_HOLD, S.RETURNED_WITHOUT_ACTION): _MANAGE,
    (S.REFERRED, S.ON_HOLD): _MANAGE,
    # A referred case is decided on the interagency group's advice: the chair's call.
    (S.REFERRED, S.DECIDED): Permission.CHAIR_GROUPS,
    (S.REFERRED, S.UNDER_REVIEW): _MANAGE,
    (S.DECIDED, S.CLOSED): _MANAGE,
    (S.DECIDED, S.REOPENED): _MANAGE,
    (S.RETURNED_WITHOUT_ACTION, S.CLOSED): _MANAGE,
    (S.RETURNED_WITHOUT_ACTION, S.REOPENED): _MANAGE,
    (S.CLOSED, S.REOPENED): _MANAGE,
    (S.REOPENED, S.UNDER_REVIEW): _MANAGE,
}

# Statuses in which the case is still someone's work (queues, deadlines).
OPEN_STATUSES = frozenset({S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.ON_HOLD, S.REFERRED, S.REOPENED})
# The clock stops while the office waits for the applicant (law_process.md 5.1.4, HWA).
PAUSED_STATUSES = frozenset({S.ON_HOLD})

# Calendar days from submission to a decision: agency review under EO 12981 is 30 days
# (law_process.md 5.1.5); State's munitions cases 60 days under NSPD-56 (5.3.3); BIS advisory
# opinions 30 days (5.1.16). Intelligence reviews have no statutory clock; 30 is office practice.
REVIEW_DAYS = {
    CaseType.DUAL_USE_REFERRAL: 30,
    CaseType.MUNITIONS_LICENSE: 60,
    CaseType.INTELLIGENCE_REVIEW: 30,
    CaseType.ADVISORY_OPINION: 30,
}


def allowed_targets(current: Status) -> list[Status]:
    """Where a case in ``current`` may go, in the table's order."""
    return [target for (source, target) in TRANSITIONS if source == current]


def permission_for(current: Status, target: Status) -> Permission | None:
    """The permission the arrow needs, or None when the table has no such arrow."""
    return TRANSITIONS.get((current, target))


# --- decision gates (cases/gates.py) -----------------------------------------------------------

# Decisions that follow each recommendation; any other decision departs from it and needs a
# written justification. Provisos only narrow an approval, so adding them follows "approve".
# "refer" and "return without action" are followed by a decision only after the referral (the
# interagency advice then governs), so a decision without one departs from them.
FOLLOWS_RECOMMENDATION: dict[Recommendation, frozenset[Decision]] = {
    Recommendation.APPROVE: frozenset({Decision.APPROVED, Decision.APPROVED_WITH_PROVISOS}),
    Recommendation.APPROVE_WITH_PROVISOS: frozenset({Decision.APPROVED_WITH_PROVISOS}),
    Recommendation.DENY: frozenset({Decision.DENIED}),
    Recommendation.REFER: frozenset(),
    Recommendation.RETURN_WITHOUT_ACTION: frozenset(),
}

APPROVALS = frozenset({Decision.APPROVED, Decision.APPROVED_WITH_PROVISOS})

# Two-person approval (countersigning, as LITE's "countersign" of final advice): which decisions
# on which case types take effect only once a second authorised person countersigns them.
# Every approval of a munitions licence or of a dual-use referral, and every denial: a denial
# is notified to the regime partners (MTCR no-undercut), an approval lets the items go.
# Change the office's practice here, one (case type, decision) pair a row.
COUNTERSIGNED: frozenset[tuple[CaseType, Decision]] = frozenset(
    {
        (CaseType.MUNITIONS_LICENSE, Decision.APPROVED),
        (CaseType.MUNITIONS_LICENSE, Decision.APPROVED_WITH_PROVISOS),
        (CaseType.DUAL_USE_REFERRAL, Decision.APPROVED),
        (CaseType.DUAL_USE_REFERRAL, Decision.APPROVED_WITH_PROVISOS),
        *((case_type, Decision.DENIED) for case_type in CaseType),
    }
)


def needs_countersignature(
    case_type: CaseType,
    decision: Decision,
    table: frozenset[tuple[CaseType, Decision]] = COUNTERSIGNED,
) -> bool:
    return (case_type, decision) in table


class ProposalState(StrEnum):
    PENDING = "pending"
    COUNTERSIGNED = "countersigned"
    REJECTED = "rejected"  # sent back by a countersigner, with a note
    WITHDRAWN = "withdrawn"  # taken back by the proposer


# --- precedents (cases/precedents.py) ----------------------------------------------------------


class SharedKind(StrEnum):
    """What a precedent has in common with the case it is a precedent of."""

    ANNEX_ENTRY = "annex_entry"  # an item under the very same Annex entry
    ANNEX_ITEM = "annex_item"  # an item under the same Annex item (2.A.1.a and 2.A.1.c)
    END_USER = "end_user"
    DESTINATION = "destination"
    CASE_TYPE = "case_type"


# How much each shared attribute weighs in the ranking. The item decides most (the Guidelines
# weigh the item first, and no-undercut turns on an "essentially identical" item), then who gets
# it, then where it goes; the case type only orders otherwise equal precedents. A related entry
# counts only when no entry is the same. The case type alone never makes a precedent.
PRECEDENT_WEIGHTS: dict[SharedKind, int] = {
    SharedKind.ANNEX_ENTRY: 8,
    SharedKind.ANNEX_ITEM: 4,
    SharedKind.END_USER: 6,
    SharedKind.DESTINATION: 3,
    SharedKind.CASE_TYPE: 1,
}

_ANNEX_NUMBER = re.compile(r"^\d{1,2}(\.[A-E](\.\d{1,2}(\.[A-Z](\.\d{1,2})*)*)?)?$", re.IGNORECASE)


def normal_annex_entry(raw: str) -> str | None:
    """ "2.a.1.C" → "2.A.1.c" (the Annex's own spelling); None if it is no Annex number."""
    text = raw.strip()
    if not _ANNEX_NUMBER.match(text):
        return None
    parts = text.split(".")
    if len(parts) == 1:
        return parts[0]
    return ".".join([parts[0], parts[1].upper(), *(p.lower() for p in parts[2:])])


def annex_item_of(entry: str) -> str:
    """The Annex item an entry is under: "2.A.1.c.1" → "2.A.1"; an item is its own."""
    return ".".join(entry.split(".")[:3])


def followed_recommendation(decision: str, recommendation: str | None) -> bool | None:
    """Whether the decision followed the recommendation on record; None without one."""
    if recommendation is None:
        return None
    return Decision(decision) in FOLLOWS_RECOMMENDATION[Recommendation(recommendation)]
