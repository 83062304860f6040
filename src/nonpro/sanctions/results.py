"""What every rule shares: the evaluation context and how an authority's answer is built."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nonpro.sanctions.schemas import (
    AuthorityResult,
    ExceptionOut,
    Facts,
    MeasureOut,
    NoticePeriod,
    TermOut,
    WaiverOut,
)
from nonpro.sanctions.statutes import Authority, ExceptionSpec, MeasureSpec, Statutes


@dataclass(frozen=True)
class EvaluationContext:
    facts: Facts
    statutes: Statutes
    category: str | None  # "I", "II", or None when the item is not (found) on the Annex
    item_label: str
    destination: str  # ISO alpha-3
    destination_name: str
    adherent: bool | None  # on ``facts_date``; None: unknown (information needed)
    end_user_adherent: bool | None
    terrorism_destination: bool
    nationality: str | None  # ISO alpha-3
    facts_date: date  # the activity's date, or the evaluation's when the facts give none
    item_missing: tuple[str, ...] = ()  # what the classifier needs to decide the category

    @property
    def name(self) -> str:
        return self.facts.person.name


def measure_out(spec: MeasureSpec) -> MeasureOut:
    term = TermOut(years=spec.term.years, minimum=spec.term.minimum) if spec.term else None
    return MeasureOut(
        code=spec.code,
        scope=spec.scope,
        term=term,
        paragraph=spec.paragraph,
        citation=spec.citation,
        unverified=spec.unverified,
    )


def exception_out(spec: ExceptionSpec, applies: bool, why: str) -> ExceptionOut:
    return ExceptionOut(
        code=spec.code,
        applies=applies,
        text=spec.text,
        why=why,
        citation=spec.citation,
        unverified=spec.unverified,
    )


def authority_result(
    authority: Authority,
    *,
    applies: bool | None,
    reasons: list[str],
    measures: list[MeasureSpec],
    exceptions: list[ExceptionOut] | None = None,
    extends_to: list[str] | None = None,
    flags: list[str] | None = None,
    needed: list[str] | None = None,
) -> AuthorityResult:
    """An authority's answer; ``applies`` None means undecided until ``needed`` is answered."""
    waivers = [
        WaiverOut(
            code=w.code,
            text=w.text,
            notice=NoticePeriod(**w.notice.model_dump()),
            citation=w.citation,
            unverified=w.unverified,
        )
        for w in authority.waivers
    ]
    exceptions = exceptions or []
    unverified = list(flags or [])
    if authority.unverified:
        unverified.append(f"trigger: {authority.unverified}")
    unverified += [f"{m.paragraph}: {m.unverified}" for m in measures if m.unverified]
    # An exception's doubtful wording matters to the outcome only where it takes effect; each
    # exception still shows its own flag in the list of exceptions.
    unverified += [
        f"{e.citation} ({e.code}): {e.unverified}" for e in exceptions if e.unverified and e.applies
    ]
    if applies:
        unverified += [f"{w.citation} ({w.code}): {w.unverified}" for w in waivers if w.unverified]
    return AuthorityResult(
        authority=authority.code,
        title=authority.title,
        applies=applies,
        mandatory=authority.mandatory,
        measures=[measure_out(m) for m in measures] if applies else [],
        exceptions=exceptions,
        waivers=waivers,
        citations=[authority.trigger_citation, *authority.citations],
        reasons=reasons,
        extends_to=extends_to or [],
        notes=[f"{n.text} ({n.citation})" for n in authority.notes],
        unverified=unverified,
        information_needed=needed or [],
    )
