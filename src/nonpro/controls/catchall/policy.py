"""Destination policy as of a date: MTCR, HCOC, UN measures, terrorism presumption, concern list."""

from __future__ import annotations

from datetime import date

from nonpro.controls.catchall.reference import ExplainedMembership, RegimeMembership
from nonpro.controls.catchall.schemas import (
    ConcernList,
    DestinationPolicy,
    Embargo,
    Finding,
    TerrorismDesignation,
    UnMeasure,
)

TERRORISM_BASIS = (
    "AECA §73(f) (22 U.S.C. 2797b(f)) and §72(c) (2797a(c)): an MTCR Annex item whose final "
    "destination is a state sponsor of terrorism is presumed designed for use in an MTCR Annex "
    "missile (rebuttable)"
)


def _unverified(confidence: str) -> bool:
    return confidence not in ("verified_excerpt", "secondary_excerpt")


def _membership_finding(
    membership: RegimeMembership, regime: str, country: str, as_of: date
) -> tuple[bool, Finding]:
    member = membership.is_member(regime, country, as_of)
    if isinstance(membership, ExplainedMembership):
        explained = membership.evidence(regime, country, as_of)
        evidence, source, unverified = explained.text, explained.source, explained.unverified
    else:
        provider = type(membership).__name__
        evidence = f"{'member' if member else 'not a member'} according to {provider}"
        source, unverified = provider, False
    if regime == "MTCR":
        title = "MTCR partner" if member else "destination is not an MTCR partner"
        severity = "info" if member else "medium"
        basis = (
            "AECA §73(b): trade authorised by, or to an end user in, an MTCR adherent is outside "
            "§73(a); MTCR Guidelines para 3(E) (multilateral agreements)"
        )
    else:
        title = "HCOC subscribing state" if member else "destination does not subscribe to HCOC"
        severity = "info" if member else "low"
        basis = "Hague Code of Conduct: subscribers commit to restraint in ballistic missiles"
    finding = Finding(
        rule=f"CA-DEST-{regime}",
        title=title,
        severity=severity,
        evidence=[evidence],
        basis=basis,
        source=source,
        unverified=unverified,
    )
    return member, finding


def _measures_in_force(measures: tuple[UnMeasure, ...], country: str, as_of: date) -> list[Embargo]:
    out = []
    for measure in measures:
        if measure.country != country:
            continue
        for period in measure.periods:
            if period.covers(as_of):
                out.append(
                    Embargo(
                        measure=measure.measure,
                        scope=measure.scope,
                        since=period.start,
                        source=measure.source,
                        unverified=_unverified(measure.confidence),
                    )
                )
    return out


def _designation(
    designations: tuple[TerrorismDesignation, ...], country: str, as_of: date
) -> tuple[TerrorismDesignation, date] | None:
    for record in designations:
        if record.country == country:
            for period in record.periods:
                if period.covers(as_of):
                    return record, period.start
    return None


def destination_policy_for(
    country: str,
    country_name: str,
    as_of: date,
    *,
    membership: RegimeMembership,
    measures: tuple[UnMeasure, ...],
    designations: tuple[TerrorismDesignation, ...],
    concern: ConcernList,
) -> DestinationPolicy:
    """Everything policy says about sending missile-relevant items to ``country`` on ``as_of``."""
    mtcr, mtcr_finding = _membership_finding(membership, "MTCR", country, as_of)
    hcoc, hcoc_finding = _membership_finding(membership, "HCOC", country, as_of)
    findings = [mtcr_finding, hcoc_finding]
    in_force = _measures_in_force(measures, country, as_of)
    for embargo in in_force:
        findings.append(
            Finding(
                rule="CA-DEST-UN",
                title=f"UN Security Council measures in force ({embargo.scope})",
                severity="info" if embargo.scope == "non_state" else "high",
                evidence=[f"{embargo.measure}, in force since {embargo.since.isoformat()}"],
                basis="UN Charter Art. 25 and 41: Security Council measures bind every state",
                source=embargo.source,
                unverified=embargo.unverified,
            )
        )
    designated = _designation(designations, country, as_of)
    if designated is not None:
        record, since = designated
        findings.append(
            Finding(
                rule="CA-DEST-TERRORISM",
                title="state sponsor of terrorism: statutory presumption of missile use",
                severity="high",
                evidence=[
                    f"{record.name} designated since {since.isoformat()}"
                    + (f"; {record.note}" if record.note else "")
                ],
                basis=TERRORISM_BASIS,
                source=record.source,
                unverified=_unverified(record.confidence),
            )
        )
    of_concern = country in concern.countries
    if of_concern:
        findings.append(
            Finding(
                rule="CA-DEST-CONCERN",
                title="destination of missile concern",
                severity="medium",
                evidence=[f"{country_name} is on the list '{concern.title}'"],
                basis="15 CFR 744.3(a)(2): missile catch-all for end uses in D:4 countries",
                source=concern.source,
                unverified=_unverified(concern.confidence),
            )
        )
    return DestinationPolicy(
        country=country,
        country_name=country_name,
        as_of=as_of,
        mtcr_partner=mtcr,
        hcoc_subscriber=hcoc,
        un_measures=in_force,
        state_sponsor_of_terrorism=designated is not None,
        country_of_concern=of_concern,
        findings=findings,
    )
