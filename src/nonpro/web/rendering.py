"""Templates and the common context every page gets."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from nonpro import __version__
from nonpro.accounts.rules import ROLE_TITLES, Role
from nonpro.accounts.schemas import Principal
from nonpro.core.inputs import (
    DESCRIPTION_LENGTH,
    DOCUMENT_LENGTH,
    LINE_LENGTH,
    NAME_LENGTH,
    NOTE_LENGTH,
)
from nonpro.reference.services import try_resolve_country
from nonpro.web.csrf import csrf_token
from nonpro.web.navigation import visible_items
from nonpro.web.notices import take_notices

templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
# The maxlength of the form controls (_fields.html): the limits the schemas hold them to.
templates.env.globals["input_limits"] = {
    "name": NAME_LENGTH,
    "line": LINE_LENGTH,
    "note": NOTE_LENGTH,
    "description": DESCRIPTION_LENGTH,
    "document": DOCUMENT_LENGTH,
}


def country_name(code: str | None) -> str:
    """A state as a person reads it, its code kept beside it: "Iran (IR)"; an unknown code as
    given."""
    if not code:
        return ""
    found = try_resolve_country(code)
    return f"{found.name} ({code})" if found is not None else code


templates.env.filters["country"] = country_name


def role_title(role: Role | str) -> str:
    """The role as people say it ("Agency representative"); the code stays in the API."""
    try:
        return ROLE_TITLES[Role(role)]
    except ValueError:
        return str(role)


templates.env.filters["role_title"] = role_title


def long_date(day: date | None) -> str:
    """A date as a person reads it, unambiguous in any country: "Tue 8 Dec 2026"."""
    return f"{day:%a} {day.day} {day:%b %Y}" if day else ""


templates.env.filters["long_date"] = long_date


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    principal: Principal | None = getattr(request.state, "principal", None)
    full_context = {
        "principal": principal,
        "nav_items": visible_items(principal),
        "csrf_token": csrf_token(request),
        "version": __version__,
        "current_path": request.url.path,
        # Called by base.html only: a fragment for htmx leaves the notices for the next page.
        "take_notices": lambda: take_notices(request),
        **(context or {}),
    }
    if "field_errors" not in full_context:
        # A page that names one field (``error_field``) marks that one; web.forms names them all.
        field = full_context.get("error_field")
        problem = str(full_context.get("error") or "").split(": ", 1)[-1]
        full_context["field_errors"] = {field: problem} if field else {}
    return templates.TemplateResponse(
        request, template, full_context, status_code=status, headers=headers
    )


def render_error(
    request: Request, *, status: int, message: str, headers: dict[str, str] | None = None
) -> HTMLResponse:
    titles = {
        403: "Not allowed",
        404: "Not found",
        409: "Conflict",
        422: "Check your input",
        429: "Too many attempts",
    }
    return render(
        request,
        "error.html",
        {"title": titles.get(status, "Something went wrong"), "message": message, "status": status},
        status=status,
        headers=headers,
    )
