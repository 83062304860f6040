"""The interagency queue page: referrals per agency (late first), meetings, and the forms that
refer a case and schedule a meeting; both forms, refused, show this page again."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.core.clock import today
from nonpro.core.errors import InvalidInput
from nonpro.interagency import services
from nonpro.interagency.schemas import GroupOut
from nonpro.web.forms import refuse


def groups(session: Session) -> list[GroupOut]:
    stored = [GroupOut.model_validate(g) for g in services.list_groups(session=session)]
    return stored or [GroupOut(**g.model_dump()) for g in services.default_groups()]


def queue_context(
    session: Session, principal: Principal, *, agency: str = "", group: str = ""
) -> dict[str, Any]:
    rows = services.queue(
        session=session, actor=principal, group=group or None, agency=agency or None
    )
    found = groups(session)
    mine = principal.agency_code if services.is_representative(principal) else agency or None
    return {
        "rows": rows,
        "mine": mine,
        "today": today(),
        "groups": found,
        "agencies": sorted({a for g in found for a in g.members}),
        "form": {"agency": agency, "group": group},
        "representative": services.is_representative(principal),
        # As the reader may see them: a representative counts only their agency's cases.
        "meetings": [
            services.meeting_out(m, principal)
            for m in services.list_meetings(session=session, actor=principal)[:10]
        ],
        # The form offers only what the role may do: a chair refers, an analyst asks a chair.
        "can_refer": principal.can(Permission.CHAIR_GROUPS),
        "can_request": principal.can(Permission.MANAGE_CASES)
        and not principal.can(Permission.CHAIR_GROUPS),
        "can_chair": principal.can(Permission.CHAIR_GROUPS),
        "requests": []
        if services.is_representative(principal)
        else [
            services.request_out(r)
            for r in services.list_requests(session=session, reader=principal)
        ],
    }


def refuse_on_queue(
    request: Request,
    session: Session,
    principal: Principal,
    problem: InvalidInput,
    refused_form: str,
    form: dict[str, Any],
) -> Response:
    """The queue again, ``problem`` beside its field in ``refused_form`` (``meeting`` or
    ``referral``), which keeps the input ``form``."""

    def page() -> dict[str, Any]:
        return {
            **queue_context(session, principal),
            "refused_form": refused_form,
            refused_form: form,
        }

    return refuse(request, session, problem, "interagency/queue.html", page)
