"""Use cases: destination policy as of a date, and the catch-all assessment of a case."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from pydantic import ValidationError

from nonpro.controls.catchall import reference
from nonpro.controls.catchall.errors import InvalidInput
from nonpro.controls.catchall.factors import with_factors
from nonpro.controls.catchall.policy import destination_policy_for
from nonpro.controls.catchall.reference import RegimeMembership
from nonpro.controls.catchall.rules import CASE_RULES, CaseContext
from nonpro.controls.catchall.schemas import (
    CaseFacts,
    CatchAllAssessment,
    ConcernList,
    DestinationPolicy,
    ProgramEntity,
)
from nonpro.core.clock import today
from nonpro.reference.services import resolve_country

RED_FLAG_SEVERITIES = ("high", "medium")


def parse_case(data: Mapping[str, Any]) -> CaseFacts:
    """Validate case facts given as a mapping (the case JSON); errors name the field."""
    try:
        return CaseFacts.model_validate(dict(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        path = ""
        for part in first["loc"]:
            path += f"[{part}]" if isinstance(part, int) else ("." if path else "") + str(part)
        raise InvalidInput(path or "case", first["msg"]) from None


def _alpha3(text: str, field: str) -> tuple[str, str]:
    country = resolve_country(text, field)
    return country.alpha_3, country.name


def _concern_list(countries_of_concern: Iterable[str] | None) -> ConcernList:
    default = reference.default_countries_of_concern()
    if countries_of_concern is None:
        return default
    codes = [_alpha3(c, "countries_of_concern")[0] for c in countries_of_concern]
    return ConcernList(
        title="countries of concern (configured)",
        source="deployment configuration",
        confidence="verified_excerpt",
        as_of=today().isoformat(),
        countries=codes,
    )


def destination_policy(
    country: str,
    *,
    as_of: date | None = None,
    membership: RegimeMembership | None = None,
    countries_of_concern: Iterable[str] | None = None,
) -> DestinationPolicy:
    """Regime membership, UN measures, terrorism presumption and concern list for a country.

    ``membership`` defaults to this package's own data; the treaties capability can pass its
    own. ``countries_of_concern`` replaces the default list (EAR Country Group D:4).
    """
    code, name = _alpha3(country, "country")
    policy = destination_policy_for(
        code,
        name,
        as_of or today(),
        membership=membership or reference.local_membership(),
        measures=reference.un_measures(),
        designations=reference.terrorism_designations(),
        concern=_concern_list(countries_of_concern),
    )
    return policy.model_copy(update={"findings": [with_factors(f) for f in policy.findings]})


def evaluate_catch_all(
    facts: CaseFacts,
    *,
    as_of: date | None = None,
    membership: RegimeMembership | None = None,
    countries_of_concern: Iterable[str] | None = None,
    entities: Iterable[ProgramEntity] | None = None,
) -> CatchAllAssessment:
    """Every catch-all red flag of a case, with the destination policy, as of a date.

    ``entities`` is the missile end-user knowledge base to check the parties against; by
    default this package's reviewed programme entities (the endusers capability adds the
    entries of the loaded lists).
    """
    day = as_of or today()
    destination, _ = _alpha3(facts.destination, "destination")
    party_countries = tuple(
        _alpha3(p.country, f"parties[{i}].country")[0] if p.country else None
        for i, p in enumerate(facts.parties)
    )
    routing = tuple(_alpha3(c, f"routing[{i}]")[0] for i, c in enumerate(facts.routing))
    policy = destination_policy(
        destination, as_of=day, membership=membership, countries_of_concern=countries_of_concern
    )
    ctx = CaseContext(
        facts=facts,
        as_of=day,
        destination=destination,
        party_countries=party_countries,
        routing=routing,
        vocabulary=reference.vocabulary(),
        entities=tuple(reference.program_entities() if entities is None else entities),
    )
    findings = [with_factors(f) for rule in CASE_RULES for f in rule(ctx)]
    findings += policy.findings
    flags = [f for f in findings if f.severity in RED_FLAG_SEVERITIES]
    triggered = any(
        f.rule == "CA-PROGRAM" or (f.rule == "CA-KNOWLEDGE" and f.severity == "high")
        for f in findings
    )
    if policy.state_sponsor_of_terrorism and any(i.annex_item for i in facts.items):
        triggered = True  # the §73(f) presumption: Annex item presumed for a missile
    high = sum(f.severity == "high" for f in flags)
    summary = (
        f"{len(flags)} red flag{'s' if len(flags) != 1 else ''} ({high} high): "
        + ("; ".join(f.title for f in flags) if flags else "none")
        + (". Catch-all applies." if triggered else ".")
    )
    order = {"high": 0, "medium": 1, "low": 2, "info": 3}
    return CatchAllAssessment(
        reference=facts.reference,
        as_of=day,
        destination=policy,
        findings=sorted(findings, key=lambda f: order[f.severity]),
        red_flags=len(flags),
        catch_all_triggered=triggered,
        summary=summary,
    )
