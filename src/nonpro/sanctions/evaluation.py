"""Evaluate a reported activity: work out the item's category and the destination's adherence,
then ask every authority's rule."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from nonpro.controls.annex import Annex
from nonpro.controls.catchall import destination_policy
from nonpro.controls.schemas import ItemDescription
from nonpro.controls.services import classify
from nonpro.core.validation import parse_input
from nonpro.reference.services import resolve_country, try_resolve_country
from nonpro.sanctions.dated import Adherence, mtcr_adherence
from nonpro.sanctions.rules import EvaluationContext, evaluate_authorities
from nonpro.sanctions.schemas import (
    AuthorityResult,
    DestinationOut,
    Evaluation,
    Facts,
    InformationNeeded,
    ItemOut,
)
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


def _adherence(
    given: bool | None, found: Adherence, name: str, field: str
) -> tuple[bool | None, list[str], InformationNeeded | None]:
    """The regime data's answer, or the officer's where given (it also settles an unknown)."""
    if given is None:
        return found.adherent, [found.evidence], found.needed
    said = "an" if given else "not an"
    return (
        given,
        [
            found.evidence,
            f"given in the facts ({field}): {name} is {said} MTCR adherent "
            "(overrides the regime data)",
        ],
        None,
    )


def _destination(
    facts: Facts, day: date, session: Session | None
) -> tuple[DestinationOut, list[str], list[InformationNeeded]]:
    policy = destination_policy(facts.destination.country, as_of=day)
    # Only the terrorism designation is taken from the destination policy: MTCR partnership is
    # asked of the treaties capability, which knows a year-only join date is not a day.
    findings = [f for f in policy.findings if f.rule == "CA-DEST-TERRORISM"]
    evidence = [e for f in findings for e in f.evidence]
    flags = [f"{f.title}: {'; '.join(f.evidence)} ({f.source})" for f in findings if f.unverified]
    found = mtcr_adherence(
        policy.country,
        policy.country_name,
        day,
        field="destination.mtcr_adherent",
        session=session,
    )
    adherent, said, needed = _adherence(
        facts.destination.mtcr_adherent,
        found,
        policy.country_name,
        "destination.mtcr_adherent",
    )
    evidence += [*said, ADHERENT_NOTE]
    asked = [needed] if needed else []
    end_user, end_user_adherent = facts.destination.end_user_country, adherent
    if end_user:
        country = resolve_country(end_user, "destination.end_user_country")
        field = "destination.end_user_mtcr_adherent"
        other = mtcr_adherence(country.alpha_3, country.name, day, field=field, session=session)
        end_user = country.name
        end_user_adherent, said, needed = _adherence(
            facts.destination.end_user_mtcr_adherent, other, country.name, field
        )
        evidence += said
        asked += [needed] if needed else []
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
        asked,
    )


def _summary(results: list[AuthorityResult], unverified: list[str]) -> str:
    mandatory = [r.authority for r in results if r.applies and r.mandatory]
    optional = [r.authority for r in results if r.applies and not r.mandatory]
    waiting = [r.authority for r in results if r.applies is None]
    summary = (
        (
            f"mandatory sanctions under {', '.join(mandatory)}"
            if mandatory
            else "no mandatory sanctions" + (" decided" if waiting else "")
        )
        + (f"; discretionary measures available under {', '.join(optional)}" if optional else "")
        + (f"; information needed to decide {', '.join(waiting)}" if waiting else "")
        + (f"; {len(unverified)} unverified fact(s) flagged" if unverified else "")
        + "."
    )
    return summary[0].upper() + summary[1:]


def evaluate(
    facts: Facts,
    *,
    annex: Annex,
    as_of: date,
    session: Session | None = None,
    statutes: Statutes | None = None,
) -> Evaluation:
    """Every authority's answer for one reported activity. Reads no database but for the treaty
    events (``session``; without one, the project's compiled data).

    Every dated fact is decided as of the activity's date; ``as_of`` (the evaluation's date,
    normally today) stands in only when the facts give none, and the result says which was used.
    ``statutes`` defaults to the shipped reviewed data.
    """
    law = statutes or load_statutes()
    day = facts.activity.date or as_of
    basis = (
        f"the activity's date ({day})"
        if facts.activity.date
        else f"the evaluation's date ({day}): the facts give no activity date (activity.date)"
    )
    item = _item(facts, annex)
    destination, flags, needed = _destination(facts, day, session)
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
        facts_date=day,
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
    waiting = any(r.applies is None for r in results)
    return Evaluation(
        as_of=as_of,
        facts_date=day,
        facts_date_basis=basis,
        person=facts.person.name,
        item=item,
        destination=destination,
        authorities=results,
        unverified=unverified,
        # Asked only where an answer turns on it.
        information_needed=needed if waiting else [],
        summary=_summary(results, unverified),
    )
