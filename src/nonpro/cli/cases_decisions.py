"""``nonpro cases`` commands of deciding: propose, countersign, send back (two-person
approval), record an exception to the hard stops, and show the decision gates. Registered on the
``cases`` command group by ``cli.cases``; a refusal by the gates lists every reason."""

from __future__ import annotations

import typer

from nonpro.cases import services
from nonpro.cases.rules import Decision, ProposalState
from nonpro.cases.schemas import (
    CaseOut,
    GateExceptionIn,
    HitDispositionIn,
    ProposalAnswerIn,
    ProposalIn,
)
from nonpro.cli.context import console, operator, print_json, run_as_operator, unit_of_work
from nonpro.cli.output import JSON_OPTION
from nonpro.core.validation import parse_input
from nonpro.screening.services import IndexProvider

IdArg = typer.Argument(..., help="The case's id or reference.")


def print_decision_state(case: CaseOut) -> None:
    """The case's status and decision, and a proposal awaiting its countersignature."""
    pending = next((p for p in case.proposals if p.state == ProposalState.PENDING.value), None)
    line = f"{case.reference}: {case.status}" + (f" ({case.decision})" if case.decision else "")
    if case.countersigned_by:
        line += f", countersigned by {case.countersigned_by}"
    if pending is not None:
        line += (
            f"; {pending.decision} proposed by {pending.proposed_by}, awaiting a "
            "countersignature by a second authorised person"
        )
    console.print(line, highlight=False)


def propose(
    case_id: str = IdArg,
    decision: Decision = typer.Argument(..., help="approved, approved_with_provisos or denied"),
    proviso: list[str] | None = typer.Option(None, "--proviso", help="Proviso id (repeat)."),
    note: str = typer.Option("", "--note"),
    justification: str = typer.Option("", "--justification"),
) -> None:
    """Propose a decision for a second person's countersignature (the gates are checked)."""
    with unit_of_work() as session:
        case = services.get_case(case_id, session=session)
        data = parse_input(
            ProposalIn,
            {
                "version": case.version,
                "decision": decision,
                "provisos": proviso or [],
                "note": note,
                "justification": justification,
            },
        )
        print_decision_state(
            services.case_out(services.propose(case.id, data, session=session, actor=operator()))
        )


def countersign(case_id: str = IdArg, note: str = typer.Option("", "--note")) -> None:
    """Countersign the proposed decision (not the proposer's to do): the case is decided."""
    with unit_of_work() as session:
        case = services.get_case(case_id, session=session)
        data = parse_input(ProposalAnswerIn, {"version": case.version, "note": note})
        case = services.countersign(case.id, data, session=session, actor=operator())
        print_decision_state(services.case_out(case))


def send_back(
    case_id: str = IdArg,
    note: str = typer.Option("", "--note", help="Why (required unless you proposed it)."),
) -> None:
    """Send the proposed decision back to its proposer, or withdraw your own proposal."""
    with unit_of_work() as session:
        case = services.get_case(case_id, session=session)
        data = parse_input(ProposalAnswerIn, {"version": case.version, "note": note})
        case = services.send_back(case.id, data, session=session, actor=operator())
        console.print(f"{case.reference}: proposal {case.proposals[-1].state}", highlight=False)


def record_exception(
    case_id: str = IdArg,
    legal_basis: str = typer.Option(
        ..., "--legal-basis", help="The authority the exception rests on (required)."
    ),
    note: str = typer.Option("", "--note"),
) -> None:
    """Record an audited exception to the case's hard stops as they stand now."""
    with unit_of_work() as session:
        case = services.get_case(case_id, session=session)
        data = parse_input(
            GateExceptionIn, {"version": case.version, "legal_basis": legal_basis, "note": note}
        )
        case = services.record_exception(case.id, data, session=session, actor=operator())
        stops = case.gate_exceptions[-1].stop_texts
        console.print(f"{case.reference}: exception recorded for:", highlight=False)
        for text in stops:
            console.print(f"  - {text}", highlight=False)


def gates_command(
    case_id: str = IdArg,
    decision: Decision = typer.Option(Decision.APPROVED, "--decision"),
    as_json: bool = JSON_OPTION,
) -> None:
    """What stands in the way of a decision now (no justification given), with sources."""
    found = run_as_operator(services.decision_gates, case_id, decision)
    if as_json:
        print_json([g.model_dump() for g in found])
        return
    for g in found:
        excepted = f" [exception: {g.excepted_by}]" if g.excepted_by else ""
        console.print(f"- {g.text} (source: {g.source}){excepted}", highlight=False)
    console.print(f"{len(found)} gate(s)")


def dispose(
    case_id: str = IdArg,
    party: int = typer.Option(..., "--party", help="The party's position (0 first)."),
    entry_id: str = typer.Option(..., "--entry", help="The hit's list entry, e.g. un:110337."),
    decision: str = typer.Option(..., "--decision", help="true_match, false_positive or escalate."),
    note: str = typer.Option("", "--note"),
) -> None:
    """Decide a party's screening hit; the case is assessed again (undecided hits block a
    decision)."""
    data = parse_input(
        HitDispositionIn,
        {"party": party, "entry_id": entry_id, "decision": decision, "note": note},
    )
    with unit_of_work() as session:
        case = services.dispose_hit(
            case_id,
            party=data.party,
            entry_id=data.entry_id,
            decision=data.decision,
            note=data.note,
            session=session,
            provider=IndexProvider(),
            actor=operator(),
        )
        console.print(
            f"{case.reference}: {data.entry_id} {data.decision}; recommendation "
            f"{case.recommendation}",
            highlight=False,
        )
