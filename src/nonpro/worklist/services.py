"""The work queue of the signed-in person: one read, the same for the home page and the API.

Which sections a person gets follows what they may do (permissions, as everywhere), so each
role sees its own work: the analyst's cases, deadlines, new hits and expiring determinations;
the representative's referrals due; the chair's agenda, requests and late advice; the
multilateral officer's meetings, clearances and instructions due.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core.clock import today
from nonpro.interagency.access import is_representative
from nonpro.worklist import casework, multilateral, review
from nonpro.worklist.rules import DEFAULT_SORT, SortKey, ordered
from nonpro.worklist.schemas import WorkItem, Worklist, WorkSection


@dataclass(frozen=True)
class Ask:
    """Whose queue, on which day, read in which session."""

    session: Session
    actor: Principal
    on: date


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    empty: str
    works: Callable[[Principal], bool]  # whether the section is part of this person's work
    gather: Callable[[Ask], list[WorkItem]]


def _works_cases(p: Principal) -> bool:
    return p.can(Permission.MANAGE_CASES) and p.can(Permission.DISPOSE_HITS)


def _chairs(p: Principal) -> bool:
    return p.can(Permission.CHAIR_GROUPS)


def _multilateral(p: Principal) -> bool:
    return p.can(Permission.MANAGE_MULTILATERAL)


_WEEK = casework.DEADLINE_DAYS
_EXPIRY = casework.EXPIRY_DAYS
_MEETINGS = multilateral.MEETING_DAYS

# In the order the home page shows them.
SECTIONS = (
    Section("assigned", "Cases assigned to you", "No open case is assigned to you.",
            _works_cases, lambda a: casework.assigned(session=a.session, actor=a.actor, on=a.on)),
    Section("new_cases", "New cases nobody has taken", "No new case waits.",
            _works_cases, lambda a: casework.new_cases(session=a.session, actor=a.actor, on=a.on)),
    Section("deadlines", f"Deadlines within {_WEEK} days, late first",
            f"No open case is due within {_WEEK} days, and none is late.",
            _works_cases, lambda a: casework.deadlines(session=a.session, actor=a.actor, on=a.on)),
    Section("new_hits", "Cases with new hits since the list update",
            "No undecided hit: every alert has a decision.",
            # A representative reads those of the cases referred to their agency.
            lambda p: p.can(Permission.DISPOSE_HITS) or is_representative(p),
            lambda a: casework.new_hits(session=a.session, actor=a.actor)),
    Section("referrals_due", "Referrals due from your agency",
            "Your agency has advised on every open referral.",
            is_representative,
            lambda a: review.referrals_due(session=a.session, actor=a.actor, on=a.on)),
    Section("agenda", "Your agenda: group meetings from today", "No meeting is scheduled.",
            _chairs, lambda a: review.agenda(session=a.session, actor=a.actor, on=a.on)),
    Section("requests", "Referral requests waiting for your answer", "No request waits.",
            _chairs, lambda a: review.open_requests(session=a.session)),
    Section("late_advice", "Referrals with advice overdue", "No agency is late with advice.",
            _chairs, lambda a: review.late_advice(session=a.session, actor=a.actor, on=a.on)),
    Section("meetings", f"Meetings within {_MEETINGS} days",
            f"No meeting is under way or opens within {_MEETINGS} days.",
            _multilateral, lambda a: multilateral.meetings(session=a.session, on=a.on)),
    Section("clearances", "Instructions waiting for your clearance",
            "No instruction waits for an office you clear for.",
            _multilateral,
            lambda a: multilateral.awaiting_clearance(session=a.session, actor=a.actor, on=a.on)),
    Section("instructions_due", "Instructions to send before their meeting",
            f"Every instruction for a meeting within {multilateral.INSTRUCTION_DAYS} days is sent.",
            _multilateral, lambda a: multilateral.instructions_due(session=a.session, on=a.on)),
    Section("expiring", f"Determinations expiring within {_EXPIRY} days",
            f"No determination in force expires within {_EXPIRY} days.",
            lambda p: p.can(Permission.MANAGE_SANCTIONS) or p.can(Permission.MANAGE_CASES),
            lambda a: casework.expiring_determinations(session=a.session, on=a.on)),
)  # fmt: skip


def worklist(
    *,
    session: Session,
    actor: Principal,
    sort: SortKey = DEFAULT_SORT,
    on: date | None = None,
) -> Worklist:
    """What waits for ``actor`` on ``on`` (today by default), each section in ``sort`` order.
    Only what the actor may see: a representative, only the cases referred to their agency."""
    require(actor, Permission.READ)
    ask = Ask(session=session, actor=actor, on=on or today())
    sections = [
        WorkSection(key=s.key, title=s.title, empty=s.empty, items=ordered(s.gather(ask), sort))
        for s in SECTIONS
        if s.works(actor)
    ]
    return Worklist(
        username=actor.username,
        role=actor.role,
        agency=actor.agency_code,
        as_of=ask.on,
        sort=sort,
        sections=sections,
    )
