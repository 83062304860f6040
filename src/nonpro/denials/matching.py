"""The no-undercut check: the denials in force that an export case would undercut.

A denial matches a case when both hold:

- an **item** of the case is essentially identical to the denied one: its Annex entry (the
  assessment's classification, or a control number the applicant gave that is an Annex number)
  is the denied entry or one under or above it, or its description reads like the denied one
  (``rules.DESCRIPTION_MATCH``);
- it goes to the **same end user** (a receiving party's name the screening scorer takes for the
  denied end user's, ``rules.END_USER_MATCH``) or to the **same country** (the case's
  destination or a receiving party's country is the denied end user's country).

Each match carries every ground it rests on, and names the partner to consult before approval.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.denials.models import DenialNotification
from nonpro.denials.records import denial_out
from nonpro.denials.rules import (
    DESCRIPTION_MATCH,
    END_USER_MATCH,
    SOURCE,
    DenialStatus,
    MatchKind,
    description_score,
    end_user_score,
    entry_relation,
)
from nonpro.denials.schemas import (
    CaseFacts,
    DenialMatch,
    MatchReason,
)
from nonpro.reference.services import try_resolve_country


def _alpha_3(text: str | None) -> str | None:
    country = try_resolve_country(text) if text else None
    return country.alpha_3 if country is not None else None


def _item_reasons(facts: CaseFacts, denial: DenialNotification) -> list[MatchReason]:
    reasons = []
    for item in facts.items:
        related = [
            (relation, origin)
            for entry, origin in item.annex_entries
            if denial.annex_entry and (relation := entry_relation(entry, denial.annex_entry))
        ]
        if related:
            relation, origin = related[0]
            reasons.append(
                MatchReason(
                    kind=MatchKind.ANNEX_ENTRY,
                    text=f"item {item.number} ({origin}): {relation}",
                    case_item=item.number,
                )
            )
            continue
        score = description_score(item.description, denial.item_description)
        if score >= DESCRIPTION_MATCH:
            reasons.append(
                MatchReason(
                    kind=MatchKind.DESCRIPTION,
                    text=f"item {item.number}: its description reads like the denied item's "
                    f"({score:.0f}/100, {DESCRIPTION_MATCH:.0f} or more counts)",
                    case_item=item.number,
                    score=round(score, 1),
                )
            )
    return reasons


def _party_reasons(facts: CaseFacts, denial: DenialNotification) -> list[MatchReason]:
    reasons = []
    for party in facts.parties:
        score = end_user_score(party.name, denial.end_user)
        if score >= END_USER_MATCH:
            reasons.append(
                MatchReason(
                    kind=MatchKind.END_USER,
                    text=f"{party.role.replace('_', ' ')} {party.name!r} is the denied end user "
                    f"{denial.end_user!r} (name score {score:.2f}, "
                    f"{END_USER_MATCH} or more counts)",
                    score=round(score, 3),
                )
            )
    places = {_alpha_3(facts.destination): "the destination"}
    for party in facts.parties:
        code = _alpha_3(party.country)
        if code not in places:
            places[code] = f"the {party.role.replace('_', ' ')}'s country"
    if denial.end_user_country in places:
        reasons.append(
            MatchReason(
                kind=MatchKind.COUNTRY,
                text=f"{places[denial.end_user_country]} is the denied end user's country, "
                f"{denial.end_user_country}",
            )
        )
    return reasons


def _consult(denial: DenialNotification) -> str:
    out = denial_out(denial)
    return (
        f"Consult {out.notifying_partner_name} ({out.notifying_partner}) before approval: "
        f"it denied {out.reference} on {out.notified_on}"
    )


def match_facts(facts: CaseFacts, *, session: Session) -> list[DenialMatch]:
    """The denials in force that a case with these facts would undercut, newest first."""
    query = (
        select(DenialNotification)
        .where(DenialNotification.status == DenialStatus.IN_FORCE.value)
        .order_by(DenialNotification.notified_on.desc(), DenialNotification.reference)
    )
    matches = []
    for denial in session.scalars(query):
        items = _item_reasons(facts, denial)
        if not items:
            continue
        parties = _party_reasons(facts, denial)
        if not parties:
            continue
        matches.append(
            DenialMatch(
                denial=denial_out(denial),
                reasons=items + parties,
                consult=_consult(denial),
                source=SOURCE,
            )
        )
    return matches


def summary(matches: list[DenialMatch]) -> str:
    if not matches:
        return "No denial in force matches this case."
    partners = sorted({m.denial.notifying_partner_name for m in matches})
    count = f"{len(matches)} denial{'s' if len(matches) != 1 else ''} in force"
    return (
        f"Consult the notifying partner before approval: {count} for an essentially identical "
        f"item to the same end user or country ({', '.join(partners)})."
    )
