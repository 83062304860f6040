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

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.cases.models import Case
from nonpro.cases.records import get_case
from nonpro.cases.rules import RECEIVING_ROLES
from nonpro.cases.schemas import CaseOut
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
    looks_like_annex_number,
    normal_annex_number,
)
from nonpro.denials.schemas import (
    CaseDenialCheck,
    CaseFacts,
    CaseWithDenials,
    DenialMatch,
    ItemFacts,
    MatchReason,
    PartyFacts,
)
from nonpro.reference.services import try_resolve_country


def facts_of(case: Case) -> CaseFacts:
    """What the check reads of a stored case."""
    items = []
    for number, item in enumerate(case.items, start=1):
        entries: list[tuple[str, str]] = []
        if item.annex_item:
            entries.append((item.annex_item, "classified"))
        for control in item.control_numbers:
            if looks_like_annex_number(control):
                entry = normal_annex_number(control)
                if entry not in (e for e, _ in entries):
                    entries.append((entry, "the applicant's control number"))
        items.append(ItemFacts(number=number, description=item.description, annex_entries=entries))
    parties = [
        PartyFacts(role=p.role, name=p.name, country=p.country)
        for p in case.parties
        if p.role in RECEIVING_ROLES
    ]
    return CaseFacts(
        reference=case.reference, destination=case.destination, items=items, parties=parties
    )


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


def matching_denials(
    case_key_or_id: str | uuid.UUID, *, session: Session, reader: Principal | None = None
) -> list[DenialMatch]:
    """The denials in force that the case would undercut; with ``reader``, only a case that
    person may see (else "case not found", as everywhere). An empty list means no flag."""
    if reader is not None:
        require(reader, Permission.READ)
    case = get_case(case_key_or_id, session=session, reader=reader)
    return match_facts(facts_of(case), session=session)


def check_case(
    case_key_or_id: str | uuid.UUID, *, session: Session, reader: Principal
) -> CaseDenialCheck:
    """The check as the delivery layers show it: the flag, a one-line summary, the matches."""
    case = get_case(case_key_or_id, session=session, reader=reader)
    matches = matching_denials(case.id, session=session, reader=reader)
    return CaseDenialCheck(
        case=case.reference,
        case_id=case.id,
        consult_before_approval=bool(matches),
        summary=summary(matches),
        matches=matches,
        source=SOURCE,
    )


def summary(matches: list[DenialMatch]) -> str:
    if not matches:
        return "No denial in force matches this case."
    partners = sorted({m.denial.notifying_partner_name for m in matches})
    count = f"{len(matches)} denial{'s' if len(matches) != 1 else ''} in force"
    return (
        f"Consult the notifying partner before approval: {count} for an essentially identical "
        f"item to the same end user or country ({', '.join(partners)})."
    )


def with_denials(
    case: CaseOut, *, session: Session, reader: Principal | None = None
) -> CaseWithDenials:
    """The case's output with the no-undercut flag beside it (the case API and CLI show this)."""
    matches = matching_denials(case.id, session=session, reader=reader)
    # Built from the already validated fields as they are (CaseOut reads ``flags`` from the
    # row's ``flag_list``, which a validated CaseOut no longer has).
    return CaseWithDenials.model_construct(
        **dict(case), consult_before_approval=bool(matches), denial_matches=matches
    )
