"""``nonpro cases``: intake, assessment, transitions, queues, documents and decision letters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from nonpro.cases import services
from nonpro.cases.rules import Decision, Status
from nonpro.cases.schemas import (
    Assessment,
    AssignmentIn,
    CaseFilter,
    CaseIn,
    CaseOut,
    CaseSummary,
    TransitionIn,
)
from nonpro.cli import cases_decisions, cases_precedents, cases_statutory
from nonpro.cli.cases_decisions import print_decision_state
from nonpro.cli.context import console, operator, print_json, run_as_operator, unit_of_work
from nonpro.cli.denials import print_matches
from nonpro.cli.output import JSON_OPTION, print_one, print_rows
from nonpro.core.errors import InvalidInput
from nonpro.core.validation import parse_input
from nonpro.denials import services as denials  # the no-undercut flag beside the case
from nonpro.screening.services import IndexProvider

app = typer.Typer(
    help="Export review cases: intake, assessment, state, letters.", no_args_is_help=True
)
IdArg = typer.Argument(..., help="The case's id or reference.")


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(str(path), f"cannot read the case JSON: {exc}") from None


@app.command("create")
def create(
    path: Path = typer.Argument(..., help="A case JSON file (one case)."),
    submit: bool = typer.Option(False, "--submit", help="Submit it at once (starts the clock)."),
    as_json: bool = typer.Option(False, "--json", help="Print the case as JSON."),
) -> None:
    """Create a case from its JSON, assess it, and print the new case's id."""
    data = parse_input(CaseIn, _read_json(path))
    with unit_of_work() as session:
        case = services.create_case(
            data, session=session, provider=IndexProvider(), actor=operator()
        )
        if submit:
            services.transition(
                case.id,
                TransitionIn(to=Status.SUBMITTED, version=case.version),
                session=session,
                actor=operator(),
            )
        out = services.case_out(case)
    if as_json:
        print_json(out.model_dump(mode="json"))
    else:
        typer.echo(str(out.id))


@app.command("load-demo")
def load_demo(
    path: Path = typer.Argument(
        ..., help="A JSON list of cases (e.g. shared/data/demo/cases.json)."
    ),
) -> None:
    """Create and submit every case of a list; cases already there are left as they are."""
    raw = _read_json(path)
    if not isinstance(raw, list):
        raise InvalidInput(str(path), "expected a JSON list of cases")
    cases = [parse_input(CaseIn, item) for item in raw]
    provider, made = IndexProvider(), 0
    with unit_of_work() as session:
        for data in cases:
            if services.find_case(data.reference, session=session) is not None:
                continue
            case = services.create_case(data, session=session, provider=provider, actor=operator())
            services.transition(
                case.id,
                TransitionIn(to=Status.SUBMITTED, version=case.version),
                session=session,
                actor=operator(),
            )
            made += 1
            console.print(f"{case.reference}: {case.recommendation}")
    console.print(f"{made} created, {len(cases) - made} already present")


@app.command("list")
def list_command(
    queue: str = typer.Option("all", "--queue", help="all, mine, unassigned or deadline."),
    status: Status | None = typer.Option(None, "--status"),
    destination: str | None = typer.Option(None, "--destination"),
    annex_item: str | None = typer.Option(None, "--annex-item", help="e.g. 2.A.1"),
    category: str | None = typer.Option(None, "--category", help="I or II"),
    party: str | None = typer.Option(None, "--party", help="Part of a party's name."),
    flag: str | None = typer.Option(None, "--flag", help="e.g. list_hit, category_i"),
    assignee: str | None = typer.Option(None, "--assignee", help="Assigned to this user."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Cases in a queue, narrowed by any filter."""
    wanted = parse_input(
        CaseFilter,
        {
            "queue": queue,
            "status": status,
            "destination": destination,
            "annex_item": annex_item,
            "category": category,
            "party": party,
            "flag": flag,
            "assignee": assignee,
        },
    )
    with unit_of_work() as session:
        found = [
            CaseSummary.model_validate(c)
            for c in services.list_cases(wanted, session=session, actor=operator())
        ]
    print_rows(
        found,
        as_json=as_json,
        columns=(
            "reference",
            "status",
            "type",
            "dest.",
            "due",
            "assignee",
            "recommendation",
            "flags",
        ),
        row=lambda c: (
            c.reference,
            c.status,
            c.type,
            c.destination,
            str(c.due_date or ""),
            c.assignee or "",
            c.recommendation or "",
            " ".join(c.flags),
        ),
        title=f"{len(found)} cases ({queue})",
    )


@app.command("show")
def show(case_id: str = IdArg, as_json: bool = typer.Option(False, "--json")) -> None:
    """One case: facts, status, assessment, history, and the no-undercut flag."""
    with unit_of_work() as session:
        case = services.get_case(case_id, session=session)
        out = services.case_out(case)
        matches = denials.matching_denials(case.id, session=session)
    if as_json:
        print_json(
            {
                **out.model_dump(mode="json"),
                "consult_before_approval": bool(matches),
                "denial_matches": [m.model_dump(mode="json") for m in matches],
            }
        )
        return
    _print_case(out)
    print_matches(matches)


def _print_case(out: CaseOut) -> None:
    console.print(
        f"[bold]{out.reference}[/bold] {out.type} → {out.destination}  status "
        f"{out.status}  version {out.version}  due {out.due_date or '-'}"
    )
    console.print(f"end use: {out.end_use or '-'}")
    for p in out.parties:
        console.print(f"  party {p.role}: {p.name} ({p.country or '?'})")
    for i in out.items:
        console.print(f"  item: {i.description} — {i.annex_item or 'not listed'}")
    console.print(
        f"recommendation: {out.recommendation or '-'}; next: "
        f"{', '.join(out.allowed_transitions) or 'none'}"
    )
    for e in out.events:
        console.print(
            f"  {e.at:%Y-%m-%d %H:%M} {e.actor} {e.action} "
            f"{e.from_status or ''}→{e.to_status or ''} {e.note}"
        )
    cases_statutory.print_statutory(out)


@app.command("assess")
def assess(case_id: str = IdArg, as_json: bool = typer.Option(False, "--json")) -> None:
    """Assess the case again now; print the recommendation, findings and reasons."""
    with unit_of_work() as session:
        case = services.get_case(case_id, session=session)
        result = services.assess_case(
            case, session=session, provider=IndexProvider(), actor=operator()
        )
    print_one(result, as_json=as_json, show=_print_assessment)


def _print_assessment(result: Assessment) -> None:
    console.print(f"[bold]{result.reference}: {result.recommendation.value}[/bold]")
    for f in result.findings:
        console.print(f"  [{f.kind}] {f.summary}", highlight=False)
    console.print("reasons:")
    for reason in result.reasons:
        console.print(f"  - {reason}", highlight=False)


@app.command("reassess")
def reassess() -> None:
    """Assess every open case again (after a list update); print the ones whose advice changed."""
    changes = run_as_operator(services.reassess_open_cases, provider=IndexProvider())
    for reference, before, after in changes:
        console.print(f"{reference}: {before or '-'} → {after}")
    console.print(f"{len(changes)} recommendations changed")


@app.command("transition")
def transition(
    case_id: str = IdArg,
    state: str = typer.Argument(
        ...,
        help="Target status; approved, approved_with_provisos and "
        "denied mean decided with that decision.",
    ),
    decision: Decision | None = typer.Option(
        None, "--decision", help="With decided: approved, approved_with_provisos or denied."
    ),
    proviso: list[str] | None = typer.Option(None, "--proviso", help="Proviso id (repeat)."),
    note: str = typer.Option("", "--note"),
    justification: str = typer.Option(
        "",
        "--justification",
        help="The decider's written grounds; required when the decision departs from the "
        "recommendation.",
    ),
) -> None:
    """Move the case along one arrow of the transition table.

    To decided: the decision gates first (every reason is listed when they refuse); a decision
    the two-person approval table names is recorded as a proposal awaiting a countersignature.
    """
    shorthand = state if state in {d.value for d in Decision} else None
    chosen = decision.value if decision else shorthand
    with unit_of_work() as session:
        case = services.get_case(case_id, session=session)
        data = parse_input(
            TransitionIn,
            {
                "to": Status.DECIDED if shorthand else state,
                "version": case.version,
                "decision": chosen,
                "provisos": proviso or [],
                "note": note,
                "justification": justification,
            },
        )
        case = services.transition(case.id, data, session=session, actor=operator())
        print_decision_state(services.case_out(case))


@app.command("assign")
def assign(
    case_id: str = IdArg,
    user: str | None = typer.Argument(None, help="User name; leave out to unassign."),
) -> None:
    """Put the case on a user's queue (or on nobody's)."""
    with unit_of_work() as session:
        case = services.get_case(case_id, session=session)
        case = services.assign(
            case.id,
            AssignmentIn(assignee=user, version=case.version),
            session=session,
            actor=operator(),
        )
        console.print(f"{case.reference}: assigned to {case.assignee or 'nobody'}")


@app.command("attach")
def attach(
    case_id: str = IdArg, path: Path = typer.Argument(..., help="PDF, PNG, JPEG, DOCX or TXT.")
) -> None:
    """Attach a document to the case (hash, size and type are checked)."""
    content = path.read_bytes()
    doc = run_as_operator(services.add_document, case_id, path.name, content)
    console.print(f"{doc.filename}: {doc.size} bytes, sha256 {doc.sha256}")


@app.command("letter")
def letter_command(
    case_id: str = IdArg,
    out: Path = typer.Option(..., "--out", help="Where to write the PDF."),
) -> None:
    """Write the decision letter of a decided case as PDF."""
    _, pdf = run_as_operator(services.letter_pdf, case_id)
    out.write_bytes(pdf)
    console.print(f"{out}: {len(pdf):,} bytes")


@app.command("provisos")
def provisos_command(as_json: bool = typer.Option(False, "--json")) -> None:
    """The library of standard provisos."""
    library = services.list_provisos()
    if as_json:
        print_json([p.model_dump() for p in library])
        return
    for p in library:
        console.print(f"[bold]{p.id}[/bold] {p.title}: {p.text} ({p.basis})", highlight=False)


# The decision's own commands (two-person approval, exceptions) live in ``cases_decisions``.
app.command("propose")(cases_decisions.propose)
app.command("countersign")(cases_decisions.countersign)
app.command("send-back")(cases_decisions.send_back)
app.command("exception")(cases_decisions.record_exception)
app.command("gates")(cases_decisions.gates_command)
app.command("dispose")(cases_decisions.dispose)
# Statutory steps and assurances (AECA §71(b)(1), 15 CFR 750.6 / 756, MTCR para 5).
app.command("step")(cases_statutory.record_step)
app.command("step-response")(cases_statutory.record_response)
app.command("assurances-required")(cases_statutory.assurances_required)
app.command("assurance-request")(cases_statutory.request_assurance)
app.command("assurance-receipt")(cases_statutory.receive_assurance)
# Precedents: the decided cases most like a case, and the search of decided cases.
app.command("precedents")(cases_precedents.precedents)
app.command("search-precedents")(cases_precedents.search_precedents)
