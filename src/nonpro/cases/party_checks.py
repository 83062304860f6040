"""Screen every party of a case; match determinations against the register in force.

Parties are matched to sanctioned entities by screening them against the
``nonpro-determinations`` list the sanctions register publishes; each such hit is then checked
against the register's determinations in force on the assessment's date, which give the evidence
(an entity whose determination has ended since the list was published does not count).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from nonpro.cases.evidence import HitFact, HitState
from nonpro.cases.models import Case
from nonpro.cases.records import disposition_note
from nonpro.cases.schemas import Finding, HitDecisionOut
from nonpro.sanctions import register_list
from nonpro.sanctions.schemas import DeterminationOut
from nonpro.sanctions.services import list_determinations
from nonpro.screening.schemas import DispositionOut, ScreenedHit, ScreeningQuery
from nonpro.screening.services import IndexProvider, screen

DETERMINATIONS_LIST = register_list.SOURCE


def _state(hit: ScreenedHit) -> tuple[HitState, str | None]:
    current = [d for d in hit.dispositions if d.current]
    if not current:
        return "possible", None
    last = current[-1]
    named: dict[str, HitState] = {
        "true_match": "confirmed",
        "false_positive": "dismissed",
        "escalate": "escalated",
    }
    return named[last.decision.value], last.decided_by


def _written_here(d: DispositionOut, party: str, own: set[tuple[str, str]]) -> bool:
    """Whether the disposition was written on this case (``own``: the case's history lines of
    its dispositions, with their authors)."""
    line = disposition_note(party, d.entry_id, d.decision.value, d.note)
    return (d.decided_by, line) in own


def _note_if_written_here(d: DispositionOut, party: str, own: set[tuple[str, str]]) -> str:
    return f": {d.note}" if d.note and _written_here(d, party, own) else ""


def _decision(d: DispositionOut, party: str, own: set[tuple[str, str]]) -> HitDecisionOut:
    return HitDecisionOut(
        decision=d.decision.value,
        by=d.decided_by,
        at=d.decided_at,
        note=d.note if _written_here(d, party, own) else "",
        current=d.current,
    )


def _determination_evidence(determination: DeterminationOut | None, day: date) -> list[str]:
    if determination is None:
        return [f"no determination on this entity is in force on {day}: the hit does not count"]
    cited = ", ".join(
        a.authority + (f" {' '.join(a.paragraphs)}" if a.paragraphs else "")
        for a in determination.authorities
    )
    return [
        f"determination of {determination.determination_date} under {cited}: "
        f"{determination.activity}",
        f"measures: {', '.join(determination.measures)}",
        f"in force on {day}; ends {determination.ends_on or 'open-ended'}",
        *(f"unverified: {u}" for u in determination.unverified),
    ]


def screen_parties(
    case: Case, *, session: Session, provider: IndexProvider, day: date
) -> tuple[list[HitFact], list[Finding], bool]:
    active: dict[str, DeterminationOut] | None = None
    hits: list[HitFact] = []
    findings: list[Finding] = []
    screened = True
    # A note written on another case is that case's (its reference, its reasons): the findings,
    # read by whoever may see this case, quote only the notes written here.
    own = {(e.actor, e.note) for e in case.events if e.action == "disposition"}
    for party in case.parties:
        query = ScreeningQuery(
            name=party.name, country=party.country, dob=party.dob, identifiers=party.identifiers
        )
        result = screen(query, session=session, provider=provider, reader=None)
        screened = screened and bool(result.snapshots)
        subject = f"{party.role} '{party.name}'"
        lists = ", ".join(f"{k} ({v[:8]})" for k, v in sorted(result.snapshots.items()))
        alerts = [h for h in result.hits if h.alert]
        if not alerts:
            findings.append(
                Finding(
                    kind="screening",
                    summary=f"{subject}: no alert"
                    + ("" if result.snapshots else " (no list is loaded)"),
                    evidence=[f"threshold {result.threshold}; lists searched: {lists or 'none'}"],
                    source=lists or "no active list",
                    rule="SCREEN",
                    subject=subject,
                    party=party.position,
                )
            )
        for hit in alerts:
            state, by = _state(hit)
            extra: list[str] = []
            source = f"{hit.list} snapshot {hit.snapshot or 'unknown'}, entry {hit.entry_id}"
            if hit.list == DETERMINATIONS_LIST:
                if active is None:
                    found = list_determinations(session=session, as_of=day, active_only=True)
                    active = {e.id: d for d in found for e in d.entities}
                determination = active.get(hit.entry_id.split(":", 1)[1])
                extra = _determination_evidence(determination, day)
                if determination is None:
                    state = "dismissed"
                else:
                    source = f"sanctions register, determination {determination.id}" + (
                        f" ({determination.fr_citation})" if determination.fr_citation else ""
                    )
            fact = HitFact(
                party.role,
                party.name,
                hit.entry_id,
                hit.name,
                hit.list,
                hit.score,
                state,
                hit.list == DETERMINATIONS_LIST,
                by,
            )
            hits.append(fact)
            decided = [
                f"{d.decision.value} by {d.decided_by} on {d.decided_at:%Y-%m-%d}"
                + _note_if_written_here(d, party.name, own)
                + ("" if d.current else " (entry changed since)")
                for d in hit.dispositions
            ]
            findings.append(
                Finding(
                    kind="sanctions" if fact.determination else "screening",
                    summary=f"{fact.label}: {state}",
                    evidence=[
                        hit.explanation,
                        *(f"{k}: {f.detail}" for k, f in hit.features.items()),
                        *extra,
                        *decided,
                    ],
                    source=source,
                    entry_id=hit.entry_id,
                    party=party.position,
                    hit_state=state,
                    rule="SCREEN",
                    severity="low" if state == "dismissed" else "high",
                    subject=subject,
                    listed_name=hit.name,
                    list_source=hit.list,
                    decisions=[_decision(d, party.name, own) for d in hit.dispositions],
                )
            )
    return hits, findings, screened
