"""Cross-questions an export review or a meeting brief asks of several instruments at once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel

from nonpro.treaties.reference import StateLineage
from nonpro.treaties.rules import party_states
from nonpro.treaties.schemas import ParticipationEvent, Status


class CrossAnswer(BaseModel):
    """States in every ``having`` instrument and in none of ``lacking``, as of a date."""

    as_of: date
    having: list[str]
    lacking: list[str]
    states: list[str]  # alpha-3, sorted


def having_but_not(
    *,
    having: Iterable[str],
    lacking: Iterable[str],
    events: Iterable[ParticipationEvent],
    as_of: date,
    lineage: StateLineage | None = None,
) -> CrossAnswer:
    """States party to all of ``having`` and not party to any of ``lacking`` as of ``as_of``."""
    pool = list(events)
    having, lacking = list(having), list(lacking)
    found: set[str] | None = None
    for code in having:
        members = set(party_states(code, events=pool, as_of=as_of, lineage=lineage))
        found = members if found is None else found & members
    for code in lacking:
        found = (found or set()) - set(
            party_states(code, events=pool, as_of=as_of, status=Status.PARTY, lineage=lineage)
        )
    return CrossAnswer(as_of=as_of, having=having, lacking=lacking, states=sorted(found or set()))


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
    """A named cross-question: the states in every ``having`` and in none of ``lacking``."""

    name: str
    title: str
    having: tuple[str, ...]
    lacking: tuple[str, ...]


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
            title="NPT parties that are not party to the CTBT",
            having=("NPT",),
            lacking=("CTBT",),
        ),
        CrossQuestion(
            name="npt-without-csa",
            title="NPT parties without a comprehensive safeguards agreement in force",
            having=("NPT",),
            lacking=("IAEA_CSA",),
        ),
        CrossQuestion(
            name="nsg-without-ap",
            title="NSG participants without an Additional Protocol in force",
            having=("NSG",),
            lacking=("IAEA_AP",),
        ),
    )
}
