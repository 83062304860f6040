"""Cross-questions an export review or a meeting brief asks of several instruments at once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, Field

from nonpro.treaties.reference import StateLineage
from nonpro.treaties.rules import statuses
from nonpro.treaties.rules.dates import Happened
from nonpro.treaties.schemas import ParticipationEvent, StateStatus, Status


class CrossAnswer(BaseModel):
    """States in every ``having`` instrument and in none of ``lacking``, as of a date; and those
    for which the dates cannot say (a join date known only as a year or "by" a list's date)."""

    as_of: date
    having: list[str]
    lacking: list[str]
    states: list[str]  # alpha-3, sorted: known to answer the question
    excluding: list[str] = Field(default_factory=list)  # left out by the question's definition
    unknown: list[str] = Field(default_factory=list)  # may answer it; the dates cannot say


def _party(found: StateStatus | None, accepted: frozenset[Status]) -> Happened:
    if found is None:
        return Happened.NO
    if found.status in accepted:
        return Happened.YES
    return Happened.UNKNOWN if accepted & set(found.possible) else Happened.NO


_BOUND = frozenset({Status.PARTY})
# "Lacking" an instrument means not having consented to it: a CTBT ratifier does not lack the
# CTBT, though no state is party to it before it enters into force.
_CONSENTED = frozenset({Status.PARTY, Status.CONSENTED})


def having_but_not(
    *,
    having: Iterable[str],
    lacking: Iterable[str],
    events: Iterable[ParticipationEvent],
    as_of: date,
    lineage: StateLineage | None = None,
    excluding: Iterable[str] = (),
) -> CrossAnswer:
    """States party to all of ``having`` that have not consented to any of ``lacking`` (neither
    party nor a ratifying state waiting for its entry into force) as of ``as_of``, other than
    ``excluding``: "yes" only when every instrument's answer is known, "no" as soon as one is
    known to fail, and otherwise unknown (never "no" because a date is missing)."""
    pool = list(events)
    having, lacking, excluded = list(having), list(lacking), sorted(set(excluding))
    found = {code: statuses(code, events=pool, as_of=as_of, lineage=lineage) for code in having}
    missing = {code: statuses(code, events=pool, as_of=as_of, lineage=lineage) for code in lacking}
    candidates = set.intersection(*(set(f) for f in found.values())) if found else set()
    candidates -= set(excluded)
    yes: list[str] = []
    unknown: list[str] = []
    for state in sorted(candidates):
        answers = [_party(f.get(state), _BOUND) for f in found.values()]
        answers += [_negate(_party(m.get(state), _CONSENTED)) for m in missing.values()]
        if Happened.NO in answers:
            continue
        (unknown if Happened.UNKNOWN in answers else yes).append(state)
    return CrossAnswer(
        as_of=as_of,
        having=having,
        lacking=lacking,
        states=yes,
        unknown=unknown,
        excluding=excluded,
    )


def _negate(answer: Happened) -> Happened:
    return {Happened.YES: Happened.NO, Happened.NO: Happened.YES}.get(answer, Happened.UNKNOWN)


def npt_csa_without_ap(
    *, events: Iterable[ParticipationEvent], as_of: date, lineage: StateLineage | None = None
) -> CrossAnswer:
    """NPT parties with a comprehensive safeguards agreement but no Additional Protocol in force."""
    return having_but_not(
        having=("NPT", "IAEA_CSA"),
        lacking=("IAEA_AP",),
        events=events,
        as_of=as_of,
        lineage=lineage,
    )


def mtcr_not_hcoc(
    *, events: Iterable[ParticipationEvent], as_of: date, lineage: StateLineage | None = None
) -> CrossAnswer:
    """MTCR partners that do not subscribe to the Hague Code of Conduct."""
    return having_but_not(
        having=("MTCR",), lacking=("HCOC",), events=events, as_of=as_of, lineage=lineage
    )


class CrossQuestion(BaseModel):
    """A named cross-question: the states in every ``having`` and in none of ``lacking``,
    other than those its definition leaves out (``excluding``)."""

    name: str
    title: str
    having: tuple[str, ...]
    lacking: tuple[str, ...]
    excluding: tuple[str, ...] = ()


# NPT Article IX(3): the nuclear-weapon states, those that "manufactured and exploded a nuclear
# weapon or other nuclear explosive device prior to 1 January 1967". Article III(1) binds only
# the others to a comprehensive safeguards agreement; these five have voluntary offer agreements.
NPT_NUCLEAR_WEAPON_STATES = ("CHN", "FRA", "GBR", "RUS", "USA")


# The filters a briefing or an export review asks most; any other pair is one ``having_but_not``.
CROSS_QUESTIONS: dict[str, CrossQuestion] = {
    q.name: q
    for q in (
        CrossQuestion(
            name="npt-csa-without-ap",
            title="NPT parties with a comprehensive safeguards agreement but no Additional "
            "Protocol in force",
            having=("NPT", "IAEA_CSA"),
            lacking=("IAEA_AP",),
        ),
        CrossQuestion(
            name="mtcr-not-hcoc",
            title="MTCR partners that do not subscribe to the Hague Code of Conduct",
            having=("MTCR",),
            lacking=("HCOC",),
        ),
        CrossQuestion(
            name="npt-not-ctbt",
            title="NPT parties that have not ratified the CTBT",
            having=("NPT",),
            lacking=("CTBT",),
        ),
        CrossQuestion(
            name="npt-without-csa",
            title="NPT non-nuclear-weapon states without a comprehensive safeguards agreement in "
            "force (Article III(1); the IAEA Safeguards Statement's count: the five nuclear-weapon "
            "states, with voluntary offer agreements instead, are not counted)",
            having=("NPT",),
            lacking=("IAEA_CSA",),
            excluding=NPT_NUCLEAR_WEAPON_STATES,
        ),
        CrossQuestion(
            name="nsg-without-ap",
            title="NSG participants without an Additional Protocol in force",
            having=("NSG",),
            lacking=("IAEA_AP",),
        ),
    )
}


def ask(
    question: CrossQuestion,
    *,
    events: Iterable[ParticipationEvent],
    as_of: date,
    lineage: StateLineage | None = None,
) -> CrossAnswer:
    """A named question's answer as of a date."""
    return having_but_not(
        having=question.having,
        lacking=question.lacking,
        excluding=question.excluding,
        events=events,
        as_of=as_of,
        lineage=lineage,
    )
