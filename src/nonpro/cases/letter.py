"""The decision letter: ``cases/letter.html`` rendered by ``nonpro.documents`` as HTML or PDF.

A letter names the real decision: the authority it rests on, the date, the grounds the decider
gave and the interagency basis (the groups and agencies consulted). It goes out of the office, so
what only the record needs (rule codes, list entry ids, match scores, file names, snake_case
words) is taken out of every line of it; the case page and the API keep them.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.cases import provisos
from nonpro.cases.models import Case
from nonpro.cases.records import get_case
from nonpro.cases.rules import CaseType, Decision, Status
from nonpro.core import audit
from nonpro.core.clock import today
from nonpro.core.errors import Conflict
from nonpro.documents.render import render_html, render_pdf
from nonpro.reference.services import resolve_country

_TEMPLATE = "cases/letter.html"
_INTERNAL = re.compile(r"\s*\(law_process\.md[^)]*\)")

# The statute and regulation each kind of case is decided under (law_process.md 1.3, 5.1, 5.3).
AUTHORITY: dict[CaseType, str] = {
    CaseType.DUAL_USE_REFERRAL: "Export Control Reform Act of 2018 (50 U.S.C. 4801 et seq.); "
    "Export Administration Regulations, 15 CFR 750.3 (review of license applications)",
    CaseType.MUNITIONS_LICENSE: "Arms Export Control Act, section 38 (22 U.S.C. 2778); "
    "International Traffic in Arms Regulations, 22 CFR 126.7",
    CaseType.INTELLIGENCE_REVIEW: "Arms Export Control Act, section 73 (22 U.S.C. 2797b); "
    "Export Control Reform Act of 2018, section 1760 (50 U.S.C. 4612)",
    CaseType.ADVISORY_OPINION: "Arms Export Control Act, section 73(d) (22 U.S.C. 2797b(d)); "
    "International Traffic in Arms Regulations, 22 CFR 126.9",
}

# Internal identifiers a letter must not carry. Order matters: whole parentheses first.
_FILE_REF = re.compile(r"\s*\([^()]*\.(?:md|ya?ml|csv|json|xml|txt|pdf)\b[^()]*\)", re.I)
_FILE_NAME = re.compile(r"\b[\w-]+\.(?:md|ya?ml|csv|json|xml|txt|pdf)\b", re.I)
_SCORE = re.compile(r"\s*\(?\b(?:match\s+)?score\s*[:=]?\s*\d+(?:\.\d+)?%?\)?", re.I)
_RULE_CODE = re.compile(r"\s*\(?\b(?:CA|R|GL|DN|RULE)-[A-Z0-9]+(?:-[A-Z0-9]+)*\b\)?:?")
_LIST_ENTRY = re.compile(r"\s*\(?\b(?:list\s+)?entry\s+[\w:-]*\d[\w:-]*\)?", re.I)
_LIST_ID = re.compile(r"\b[a-z][a-z0-9]*(?:[_:-][a-z0-9]+)*[_:][A-Za-z0-9-]*\d[\w-]*\b")
_HIT_ENTRY = re.compile(r"\s*~\s*\S+")  # a hit's label: "party ~ <entry id> 'name'"
_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)
_SNAKE = re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b")

# Capabilities that build on cases (interagency) say who was consulted: (case, session) → lines.
ConsultationSource = Callable[[Case, Session], list[str]]
_CONSULTED: dict[str, ConsultationSource] = {}


def add_consultation_source(name: str, source: ConsultationSource) -> None:
    """Let a capability that builds on cases name the groups and agencies a case was put to;
    adding the same name again replaces the source."""
    _CONSULTED[name] = source


def plain(text: str) -> str:
    """``text`` for a letter: internal identifiers out, snake_case words as words."""
    text = _FILE_REF.sub("", text)
    text = _INTERNAL.sub("", text)
    text = _FILE_NAME.sub("", text)
    text = _SCORE.sub("", text)
    text = _HIT_ENTRY.sub(" matches listed party", text)
    text = _UUID.sub("", text)
    text = _RULE_CODE.sub("", text)
    text = _LIST_ENTRY.sub("", text)
    text = _LIST_ID.sub("", text)
    text = _SNAKE.sub(lambda m: m.group(0).replace("_", " "), text)
    text = re.sub(r"\(\s*[;,]?\s*\)", "", text)
    text = re.sub(r"\s+([,.;:)])", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def _outcome(case: Case) -> str | None:
    """decided's decision, or returned_without_action (also once closed), or None."""
    if case.decision:
        return case.decision
    into = [e for e in case.events if e.action == "transition" and e.to_status]
    returned = Status.RETURNED_WITHOUT_ACTION.value
    if case.status == returned or (
        case.status == Status.CLOSED.value and into and into[-1].from_status == returned
    ):
        return returned
    return None


def _denying_rules(case: Case) -> list[dict[str, str]]:
    fired = [r for r in (case.assessment or {}).get("rules", []) if r.get("recommendation")]
    return [r for r in fired if r["recommendation"] == "deny"] or fired


def _grounds(case: Case, outcome: str) -> list[str]:
    """Why, in the letter: the decider's own grounds first (the justification and the decision
    note), then for a denial the denial rules that fired; for a return, the note of the return."""
    if outcome == Status.RETURNED_WITHOUT_ACTION.value:
        return [plain(case.decision_note)] if case.decision_note.strip() else []
    given = [case.decision_justification, case.decision_note]
    grounds = [plain(text) for text in given if text.strip()]
    if outcome == Decision.DENIED.value:
        # The basis cites the project's fact sheet by row: useful inside, noise in a letter.
        grounds += [f"{plain(r['text'])} ({plain(r['basis'])})" for r in _denying_rules(case)]
    return [g for g in dict.fromkeys(grounds) if g]


def _authority(case: Case, outcome: str) -> list[str]:
    """The statute and regulation the decision rests on: the kind of case's, then the bases of
    the denial rules relied on and of any exception to a hard stop."""
    found = [AUTHORITY[CaseType(case.type)]]
    if outcome == Decision.DENIED.value:
        found += [plain(r["basis"]) for r in _denying_rules(case)]
    found += [plain(e.legal_basis) for e in case.gate_exceptions]
    return [a for a in dict.fromkeys(found) if a]


def _consulted(case: Case, session: Session | None) -> list[str]:
    if session is None:
        return []
    return [plain(line) for source in _CONSULTED.values() for line in source(case, session)]


def has_letter(case: Case) -> bool:
    return _outcome(case) is not None


def _letter(case: Case, session: Session | None = None) -> dict[str, object]:
    """What the template reads; the case must be decided or returned without action."""
    outcome = _outcome(case)
    if outcome is None:
        raise Conflict(
            f"case {case.reference} is {case.status}: a letter is written once it is decided "
            "or returned without action"
        )
    return {
        "case": case,
        "outcome": outcome,
        "destination": resolve_country(case.destination).name,
        "provisos": provisos.resolve(case.provisos),
        "grounds": _grounds(case, outcome),
        "authority": _authority(case, outcome),
        "consulted": _consulted(case, session),
        "decided_on": case.decided_at.date() if case.decided_at else None,
        "dated": today(),
        "plain": plain,
    }


def letter_html(case: Case, session: Session | None = None) -> str:
    """The letter as HTML; the case must be decided or returned without action. Without a
    session the interagency basis is left out."""
    return render_html(_TEMPLATE, **_letter(case, session))


def letter_pdf(key: str | uuid.UUID, *, session: Session, actor: Principal) -> tuple[str, bytes]:
    """(file name, PDF bytes) of the decision letter; audited, since a letter goes out."""
    require(actor, Permission.READ)
    case = get_case(key, session=session, reader=actor)
    pdf = render_pdf(_TEMPLATE, **_letter(case, session))
    audit.record(
        session,
        actor=actor.username,
        action="case.letter",
        target=f"case:{case.reference}",
        payload={"decision": case.decision, "status": case.status, "bytes": len(pdf)},
    )
    return f"{case.reference}-letter.pdf", pdf
