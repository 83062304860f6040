"""Reconciliation: the counts derived from the events against the counts the source pages state.

Every stated count is checked as of the page's own date, so a page read months ago still
reconciles against itself; each difference is returned, none is swallowed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from nonpro.treaties.questions import CROSS_QUESTIONS, ask
from nonpro.treaties.reference import StateLineage, load_state_lineage
from nonpro.treaties.rules import party_states, signatories
from nonpro.treaties.schemas import (
    Discrepancy,
    ParticipationEvent,
    QuestionCount,
    StatedCount,
    Status,
)


def derived_states(
    count: StatedCount,
    *,
    events: Iterable[ParticipationEvent],
    lineage: StateLineage | None = None,
) -> list[str]:
    """The states the events give for the stated count's instrument, measure and date."""
    events = list(events)
    if count.measure is Status.SIGNATORY:
        found = signatories(count.instrument, events=events, as_of=count.as_of, lineage=lineage)
    else:
        # A depositary's "Parties" counts every state that has deposited its consent, also where
        # the treaty is not yet in force for it (all 178 of the CTBT's).
        counted = (
            (Status.PARTY, Status.CONSENTED) if count.measure is Status.PARTY else (count.measure,)
        )
        found = sorted(
            state
            for status in counted
            for state in party_states(
                count.instrument, events=events, as_of=count.as_of, status=status, lineage=lineage
            )
        )
    if count.among:
        population = set(
            party_states(count.among, events=events, as_of=count.as_of, lineage=lineage)
        )
        found = [s for s in found if s in population]
    return found


def reconcile(
    *,
    events: Iterable[ParticipationEvent],
    stated: Iterable[StatedCount],
    explanations: Mapping[tuple[str, Status], str] | None = None,
) -> list[Discrepancy]:
    """Every stated count the events do not reproduce; empty when all reconcile. Where the page
    lists the states too, equal counts of different states are a difference as well.

    ``explanations`` attaches a known reason to a difference (by instrument and measure); it
    never hides one."""
    lineage = load_state_lineage()
    pool = list(events)
    found = []
    for count in stated:
        derived = derived_states(count, events=pool, lineage=lineage)
        missing = sorted(set(count.states) - set(derived)) if count.states is not None else []
        unexpected = sorted(set(derived) - set(count.states)) if count.states is not None else []
        if len(derived) != count.value or missing or unexpected:
            found.append(
                Discrepancy(
                    instrument=count.instrument,
                    measure=count.measure,
                    as_of=count.as_of,
                    stated=count.value,
                    derived=len(derived),
                    source=count.source,
                    missing=missing,
                    unexpected=unexpected,
                    explanation=(explanations or {}).get((count.instrument, count.measure))
                    or count.explanation,
                )
            )
    return found


def reconcile_questions(
    *, events: Iterable[ParticipationEvent], counts: Iterable[QuestionCount]
) -> list[Discrepancy]:
    """Every cross-question count (the Safeguards Statement's NPT parties without a
    comprehensive safeguards agreement) the answer as of its date does not reproduce exactly.

    Where the states known to answer are fewer than the count and the states the dates cannot
    place are enough to make up the difference, the difference is explained by naming those
    states; otherwise it stays unexplained (unless the row records a reason)."""
    lineage = load_state_lineage()
    pool = list(events)
    found = []
    for count in counts:
        answer = ask(
            CROSS_QUESTIONS[count.question], events=pool, as_of=count.as_of, lineage=lineage
        )
        known, maybe = len(answer.states), answer.unknown
        if known == count.value and not maybe:
            continue
        explanation = count.explanation
        if known <= count.value <= known + len(maybe):
            among = (
                f"{count.value - known} of the {len(maybe)} states whose dates cannot say "
                f"({', '.join(maybe)}) make up the difference"
            )
            explanation = f"{among}; {explanation}" if explanation else among
        found.append(
            Discrepancy(
                instrument=count.question,
                measure=Status.PARTY,
                as_of=count.as_of,
                stated=count.value,
                derived=known,
                source=count.source,
                explanation=explanation,
                question=count.question,
                unknown=maybe,
            )
        )
    return found
