"""``nonpro cases precedents`` and ``search-precedents``: the decided cases most like a case,
each with what it shares and its decision, and a search of decided cases. Registered on the
``cases`` command group by ``cli.cases``."""

from __future__ import annotations

import typer

from nonpro.cases import services
from nonpro.cases.rules import CaseType, Decision
from nonpro.cases.schemas import Precedent, PrecedentSearch
from nonpro.cli.context import console, run_as_operator
from nonpro.cli.output import JSON_OPTION, print_one
from nonpro.core.validation import parse_day, parse_input

IdArg = typer.Argument(..., help="The case's id or reference.")


def _decision_line(p: Precedent) -> str:
    when = f"{p.decided_at:%Y-%m-%d}" if p.decided_at else "date not recorded"
    who = p.decided_by or "decider not recorded"
    if p.countersigned_by:
        who += f", countersigned by {p.countersigned_by}"
    return f"{p.reference}: {p.decision.replace('_', ' ')} on {when} by {who}"


def print_precedent(p: Precedent) -> None:
    """A precedent in a few lines: the decision, what it shares, its grounds."""
    line = _decision_line(p)
    if p.shared:
        line += f"  (score {p.score})"
    console.print(f"[bold]{line}[/bold]", highlight=False)
    facts = f"{p.type.replace('_', ' ')} → {p.destination}"
    facts += f"; Annex {', '.join(p.annex_entries) or 'none'}"
    facts += f"; end user {', '.join(p.end_users) or 'not named'}"
    console.print(f"  {facts}", highlight=False)
    if p.shared:
        console.print(f"  shares: {'; '.join(s.text for s in p.shared)}", highlight=False)
    for ground in p.grounds:
        console.print(f"  - {ground}", highlight=False)


def precedents(
    case_id: str = IdArg,
    limit: int = typer.Option(10, "--limit", help="At most this many (1 to 100)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """The decided cases most like this one, best first: what each shares with it (Annex entry,
    end user, destination, case type) and how it was decided."""
    found = run_as_operator(services.similar_cases, case_id, limit=limit)

    def show(_: object) -> None:
        console.print(
            f"{len(found.precedents)} of {found.total} precedents of {found.case}", highlight=False
        )
        for note in found.notes:
            console.print(f"note: {note}", highlight=False)
        for p in found.precedents:
            print_precedent(p)

    print_one(found, as_json=as_json, show=show)


def search_precedents(
    annex_item: str | None = typer.Option(
        None, "--annex-item", help="An Annex entry, e.g. 2.A.1; finds the entries under it too."
    ),
    end_user: str | None = typer.Option(None, "--end-user", help="Part of an end user's name."),
    destination: str | None = typer.Option(None, "--destination", help="A country."),
    outcome: Decision | None = typer.Option(None, "--outcome"),
    case_type: CaseType | None = typer.Option(None, "--type"),
    decided_from: str | None = typer.Option(
        None, "--from", help="Decided on or after, YYYY-MM-DD."
    ),
    decided_to: str | None = typer.Option(None, "--to", help="Decided on or before, YYYY-MM-DD."),
    limit: int = typer.Option(50, "--limit", help="At most this many (1 to 500)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Decided cases by Annex entry, end user, destination, outcome, type and decision date,
    newest decision first."""
    wanted = parse_input(
        PrecedentSearch,
        {
            "annex_item": annex_item,
            "end_user": end_user,
            "destination": destination,
            "outcome": outcome,
            "type": case_type,
            "decided_from": parse_day(decided_from, "decided_from"),
            "decided_to": parse_day(decided_to, "decided_to"),
            "limit": limit,
        },
    )
    found = run_as_operator(services.search_precedents, wanted)

    def show(_: object) -> None:
        console.print(
            f"{len(found.precedents)} of {found.total} decided cases: " + "; ".join(found.criteria),
            highlight=False,
        )
        for p in found.precedents:
            print_precedent(p)

    print_one(found, as_json=as_json, show=show)
