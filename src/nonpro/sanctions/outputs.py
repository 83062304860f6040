"""A stored determination as the services return it: status, expiry and unverified flags."""

from __future__ import annotations

from datetime import date

from nonpro.core.clock import today
from nonpro.sanctions.models import Determination, SanctionedEntity
from nonpro.sanctions.schemas import (
    AuthorityCitation,
    DeterminationOut,
    EntityOut,
    EventOut,
    TermIn,
)
from nonpro.sanctions.statutes import load_statutes
from nonpro.sanctions.terms import ends_on, status_on


def _unverified(determination: Determination) -> list[str]:
    """Unverified facts behind the measures this determination imposes."""
    statutes = load_statutes()
    flags = []
    for cited in determination.authorities:
        authority = statutes.get(cited["authority"])
        found = [
            f"{authority.code} {m.paragraph}: {m.unverified}"
            for m in authority.measures
            if m.code in determination.measures and m.unverified
        ]
        # The authority-wide flag only when no measure already carries the doubt.
        if authority.unverified and not found:
            found.append(f"{authority.code}: {authority.unverified}")
        flags += found
    return flags


def determination_out(
    determination: Determination, *, as_of: date | None = None
) -> DeterminationOut:
    day = as_of or today()
    return DeterminationOut(
        id=str(determination.id),
        entities=[
            EntityOut.model_validate({**_entity_columns(e), "id": str(e.id)})
            for e in determination.entities
        ],
        authorities=[AuthorityCitation.model_validate(a) for a in determination.authorities],
        measures=list(determination.measures),
        activity=determination.activity,
        determination_date=determination.determination_date,
        effective_date=determination.determination_date,
        fr_publication_date=determination.fr_publication_date,
        fr_citation=determination.fr_citation,
        term=TermIn(
            years=determination.term_years,
            months=determination.term_months,
            minimum=determination.term_minimum,
        ),
        substantial_contribution=determination.substantial_contribution,
        expires_on=determination.expires_on,
        ends_on=ends_on(determination),
        status=status_on(determination, day),
        status_as_of=day,
        events=[
            EventOut.model_validate({c: getattr(e, c) for c in EventOut.model_fields})
            for e in determination.events
        ],
        note=determination.note,
        recorded_by=determination.recorded_by,
        recorded_at=determination.recorded_at,
        unverified=_unverified(determination),
    )


def _entity_columns(entity: SanctionedEntity) -> dict[str, object]:
    return {c: getattr(entity, c) for c in EntityOut.model_fields if c != "id"}
