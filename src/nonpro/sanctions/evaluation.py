"""Evaluate a reported activity: work out the item's category and the destination's adherence,
then ask every authority's rule."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from nonpro.controls.annex import Annex
from nonpro.controls.catchall import RegimeMembership, destination_policy
from nonpro.controls.schemas import ItemDescription
from nonpro.controls.services import classify
from nonpro.core.validation import parse_input
from nonpro.reference.services import try_resolve_country
from nonpro.sanctions.rules import EvaluationContext, evaluate_authorities
from nonpro.sanctions.schemas import DestinationOut, Evaluation, Facts, ItemOut
from nonpro.sanctions.statutes import Statutes, load_statutes

ADHERENT_NOTE = (
    "MTCR adherent (22 U.S.C. 2797c(a)(2)): a partner, or a country controlling MTCR items under "
    "an international understanding with the U.S.; only partners are in the data"
)


def parse_facts(data: Mapping[str, Any]) -> Facts:
    """Validate facts given as a mapping (a YAML file, a JSON body); errors name the field."""
    return parse_input(Facts, dict(data))


def _item(facts: Facts, annex: Annex) -> ItemOut:
    if facts.item.annex_item is not None:
        entry = annex.get(facts.item.annex_item.strip())
        return ItemOut(
            annex_item=entry.number,
            category=entry.category,
            title=entry.title,
            how=f"Annex entry {entry.number} as given (MTCR Annex {annex.version})",
            annex_version=annex.version,
            unverified=None
            if entry.verified
            else f"Annex {entry.number}: confidence {entry.confidence}",
        )
    raw = facts.item.description
    described = raw if isinstance(raw, ItemDescription) else ItemDescription(text=str(raw))
    result = classify(described, annex=annex)
    if not result.matches:
        missing = [m.message for m in result.missing]
        return ItemOut(
            annex_item=None,
            category=None,
            title=None,
            how="the controls classifier found no Annex entry"
            + (f": {'; '.join(missing)}" if missing else ""),
            annex_version=annex.version,
            missing=missing,
        )
    best = result.matches[0]
    return ItemOut(
        annex_item=best.item,
        category=best.category,
        title=best.title,
        how=f"classified as {best.item}: " + "; ".join(best.reasons),
        annex_version=annex.version,
        unverified=None if best.verified else f"Annex {best.item}: confidence {best.confidence}",
    )


def _alpha3(text: str | None) -> str | None:
    country = try_resolve_country(text)
    return country.alpha_3 if country is not None else None


def _destination(
    facts: Facts, as_of: date, membership: RegimeMembership | None
) -> tuple[DestinationOut, list[str]]:
    policy = destination_policy(facts.destination.country, as_of=as_of, membership=membership)
    findings = [f for f in policy.findings if f.rule in ("CA-DEST-MTCR", "CA-DEST-TERRORISM")]
    evidence = [e for f in findings for e in f.evidence] + [ADHERENT_NOTE]
    flags = [f"{f.title}: {'; '.join(f.evidence)} ({f.source})" for f in findings if f.unverified]
    adherent = policy.mtcr_partner
    given = facts.destination.mtcr_adherent
    if given is not None:
        adherent = given
        evidence.append(
            f"given in the facts: {policy.country_name} is "
            f"{'an' if given else 'not an'} MTCR adherent (overrides the regime data)"
        )
    end_user, end_user_adherent = facts.destination.end_user_country, adherent
    if end_user:
        other = destination_policy(end_user, as_of=as_of, membership=membership)
        end_user, end_user_adherent = other.country_name, other.mtcr_partner
    return (
        DestinationOut(
            country=policy.country,
            country_name=policy.country_name,
            mtcr_adherent=adherent,
            state_sponsor_of_terrorism=policy.state_sponsor_of_terrorism,
            evidence=evidence,
            end_user_country=end_user,
            end_user_adherent=end_user_adherent,
        ),
        flags,
    )


def evaluate(
    facts: Facts,
    *,
    annex: Annex,
    as_of: date,
    membership: RegimeMembership | None = None,
    statutes: Statutes | None = None,
) -> Evaluation:
    """Every authority's answer for one reported activity, as of a date. Pure but for data files.

    ``membership`` defaults to the controls package's regime data; the treaties capability can
    pass its own. ``statutes`` defaults to the shipped reviewed data.
    """
    law = statutes or load_statutes()
    item = _item(facts, annex)
    destination, flags = _destination(facts, as_of, membership)
    label = f"Annex {item.annex_item} ({item.title})" if item.annex_item else "the item"

    ctx = EvaluationContext(
        facts=facts,
        statutes=law,
        category=item.category,
        item_label=label,
        destination=destination.country,
        destination_name=destination.country_name,
        adherent=destination.mtcr_adherent,
        end_user_adherent=destination.end_user_adherent,
        terrorism_destination=destination.state_sponsor_of_terrorism,
        nationality=_alpha3(facts.person.nationality),
        item_missing=tuple(item.missing),
    )
    results = evaluate_authorities(ctx)
    applying = [r for r in results if r.applies]
    unverified = list(flags)
    if item.unverified:
        unverified.append(item.unverified)
    for result in applying:
        unverified += [f"{result.authority}: {u}" for u in result.unverified]
    unverified = list(dict.fromkeys(unverified))  # the same doubt reached by two routes once
    mandatory = [r.authority for r in applying if r.mandatory]
    optional = [r.authority for r in applying if not r.mandatory]
    summary = (
        (
            f"mandatory sanctions under {', '.join(mandatory)}"
            if mandatory
            else "no mandatory sanctions"
        )
        + (f"; discretionary measures available under {', '.join(optional)}" if optional else "")
        + (f"; {len(unverified)} unverified fact(s) flagged" if unverified else "")
        + "."
    )
    return Evaluation(
        as_of=as_of,
        person=facts.person.name,
        item=item,
        destination=destination,
        authorities=results,
        unverified=unverified,
        summary=summary[0].upper() + summary[1:],
    )
