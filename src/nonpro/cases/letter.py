"""The decision letter: ``cases/letter.html`` rendered by ``nonpro.documents`` as HTML or PDF."""

from __future__ import annotations

import re
import uuid

from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.cases import provisos
from nonpro.cases.models import Case
from nonpro.cases.records import get_case
from nonpro.cases.rules import Decision, Status
from nonpro.core import audit
from nonpro.core.clock import today
from nonpro.core.errors import Conflict
from nonpro.documents.render import render_html, render_pdf
from nonpro.reference.services import resolve_country

_TEMPLATE = "cases/letter.html"
_INTERNAL = re.compile(r"\s*\(law_process\.md[^)]*\)")


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


def _grounds(case: Case, outcome: str) -> list[str]:
    """Why, in the letter: the denial rules that fired, or the note of a return."""
    if outcome == Status.RETURNED_WITHOUT_ACTION.value:
        return [case.decision_note] if case.decision_note else []
    if outcome != Decision.DENIED.value:
        return []
    fired = [r for r in (case.assessment or {}).get("rules", []) if r.get("recommendation")]
    denying = [r for r in fired if r["recommendation"] == "deny"] or fired
    # The basis cites the project's fact sheet by row: useful inside, noise in a letter.
    return [f"{r['text']} ({_INTERNAL.sub('', r['basis']).strip()})" for r in denying]


def has_letter(case: Case) -> bool:
    return _outcome(case) is not None


def _letter(case: Case) -> dict[str, object]:
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
        "dated": today(),
    }


def letter_html(case: Case) -> str:
    """The letter as HTML; the case must be decided or returned without action."""
    return render_html(_TEMPLATE, **_letter(case))


def letter_pdf(key: str | uuid.UUID, *, session: Session, actor: Principal) -> tuple[str, bytes]:
    """(file name, PDF bytes) of the decision letter; audited, since a letter goes out."""
    require(actor, Permission.READ)
    case = get_case(key, session=session, reader=actor)
    pdf = render_pdf(_TEMPLATE, **_letter(case))
    audit.record(
        session,
        actor=actor.username,
        action="case.letter",
        target=f"case:{case.reference}",
        payload={"decision": case.decision, "status": case.status, "bytes": len(pdf)},
    )
    return f"{case.reference}-letter.pdf", pdf
