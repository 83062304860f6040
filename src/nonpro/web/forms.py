"""The one way a page takes a form: parse it into a schema, and refuse it with every problem
shown beside the field it names (``templates/_fields.html``: the field marked ``aria-invalid``
and pointing to its message) and listed at the top (``_form_error.html``), the input kept;
after success, ``web.notices.done`` goes on to the next page with a notice.

A refused form keeps nothing its handler wrote: ``refuse`` discards the request's unit of work
before the form is shown again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from sqlalchemy.orm import Session

from nonpro.core.errors import InvalidInput, NonproError
from nonpro.core.inputs import DOCUMENT_LENGTH
from nonpro.core.rejected_rows import REPORTED_ROWS, RejectedRows
from nonpro.http.unit_of_work import UnitOfWork
from nonpro.web.csrf import FORM_FIELD
from nonpro.web.rendering import render

SchemaT = TypeVar("SchemaT", bound=BaseModel)


class InvalidForm(InvalidInput):
    """Every problem of a submitted form; reads as its first problem where one is expected."""

    def __init__(self, problems: list[InvalidInput]) -> None:
        super().__init__(problems[0].field, problems[0].problem)
        self.problems = problems


async def form_fields(request: Request) -> dict[str, str]:
    """The submitted form's text fields, trimmed, without the CSRF token."""
    raw = await request.form()
    fields = {k: v.strip() for k, v in raw.items() if isinstance(v, str) and k != FORM_FIELD}
    # Every page's fields bounded, whether or not its schema sets a limit of its own.
    too_long = [
        InvalidInput(name, f"longer than {DOCUMENT_LENGTH:,} characters")
        for name, value in fields.items()
        if len(value) > DOCUMENT_LENGTH
    ]
    if too_long:
        raise InvalidForm(too_long)
    return fields


async def chosen(request: Request, name: str) -> list[str]:
    """Every value of a field that may be given several times (checkboxes), in order."""
    return [v.strip() for v in (await request.form()).getlist(name) if isinstance(v, str)]


async def submitted(
    request: Request, schema: type[SchemaT], *, skip_blank: bool = False
) -> SchemaT:
    """The submitted form as ``schema``; with ``skip_blank``, a field left blank is left out,
    so the schema's default applies."""
    return parse_form(schema, await form_fields(request), skip_blank=skip_blank)


def parse_form(
    schema: type[SchemaT], values: Mapping[str, Any], *, skip_blank: bool = False
) -> SchemaT:
    """``values`` as ``schema``, or ``InvalidForm`` naming every field that is wrong; with
    ``skip_blank``, a value left blank is left out, so the schema's default applies."""
    try:
        return schema.model_validate(
            {k: v for k, v in values.items() if v} if skip_blank else values
        )
    except ValidationError as exc:
        raise InvalidForm([_problem(error) for error in exc.errors()]) from None


def _problem(error: ErrorDetails) -> InvalidInput:
    field = ".".join(str(part) for part in error["loc"]) or "input"
    return InvalidInput(field, str(error["msg"]).removeprefix("Value error, "))


def problem_context(problem: NonproError | None) -> dict[str, Any]:
    """What ``_form_error.html`` and the ``_fields.html`` macros read."""
    if problem is None:
        return {"error": None, "error_field": None, "field_errors": {}}
    problems = problem.problems if isinstance(problem, InvalidForm) else [problem]
    return {
        "error": problem.message,
        "error_field": getattr(problem, "field", None),
        "field_errors": {p.field: p.problem for p in problems if isinstance(p, InvalidInput)},
        # A file refused for its rows: every row in a table, not only the message's first few.
        "refused_rows": problem.rows[:REPORTED_ROWS] if isinstance(problem, RejectedRows) else [],
    }


def form_page(
    request: Request,
    session: Session,
    template: str,
    page: Callable[[], Mapping[str, Any]],
    *,
    problem: NonproError | None = None,
) -> HTMLResponse:
    """A page with a form: as it is, or refused with ``problem`` (see ``refuse``)."""
    if problem is None:
        return render(request, template, dict(page()))
    return refuse(request, session, problem, template, page)


def refuse(
    request: Request,
    session: Session,
    problem: NonproError,
    template: str,
    page: Callable[[], Mapping[str, Any]],
    *,
    form: Mapping[str, Any] | None = None,
    form_name: str | None = None,
    status: int = 422,
) -> HTMLResponse:
    """Discard what the request wrote, then show the form again: ``page()`` builds the page
    from what is stored, ``problem`` is shown with the fields it names, the input ``form`` is
    kept. On a page with several forms, ``form_name`` says which one was refused (templates
    read it as ``refused_form``; see ``_fields.html``).

    Discarding first: after a refused write the session may hold a failed flush, and the page
    must not list what was just refused. A page that shows its problem its own way says so in
    what ``page()`` returns.
    """
    UnitOfWork.of(session).discard()
    context = {**problem_context(problem), **page()}
    if form is not None:
        context["form"] = form
    if form_name is not None:
        context["refused_form"] = form_name
    return render(request, template, context, status=status)
