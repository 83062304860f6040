"""``nonpro cases`` commands of the statutory steps and assurances: the AECA §71(b)(1) Defense
referral, a Commerce intent-to-deny notice and appeal, government-to-government assurances.
Registered on the ``cases`` command group by ``cli.cases``; ``cases show`` prints them."""

from __future__ import annotations

from datetime import date

import typer

from nonpro.cases import services
from nonpro.cases.schemas import CaseOut
from nonpro.cli.context import console, run_as_operator
from nonpro.core.clock import today
from nonpro.core.validation import parse_day

IdArg = typer.Argument(..., help="The case's id or reference.")
OnOpt = typer.Option(None, "--on", help="YYYY-MM-DD (default: today).")


def _day(text: str | None) -> date:
    return parse_day(text, "on") or today()


def record_step(
    case_id: str = IdArg,
    kind: str = typer.Argument(..., help="defense_referral, intent_to_deny or appeal."),
    on: str | None = OnOpt,
    note: str = typer.Option("", "--note"),
) -> None:
    """Record a statutory step: the referral to Defense (AECA §71(b)(1)), an intent-to-deny
    notice (15 CFR 750.6) or an appeal (15 CFR Part 756); prints its deadline."""
    step = run_as_operator(services.record_step, case_id, kind, on=_day(on), note=note)
    console.print(
        f"{step.kind} on {step.on}"
        + (f", due by {step.deadline}" if step.deadline else "")
        + f" (id {step.id})",
        highlight=False,
    )


def record_response(
    case_id: str = IdArg,
    step_id: str = typer.Argument(..., help="The step's id (cases show lists them)."),
    response: str = typer.Option(..., "--response", help="What Defense or the applicant said."),
    on: str | None = OnOpt,
) -> None:
    """Record Defense's response to the referral, or the applicant's to an intent to deny."""
    step = run_as_operator(
        services.record_response, case_id, step_id, on=_day(on), response=response
    )
    console.print(f"{step.kind} of {step.on}: response of {step.responded_on}", highlight=False)


def assurances_required(
    case_id: str = IdArg,
    required: bool = typer.Option(True, "--required/--not-required"),
) -> None:
    """Mark whether the case needs government-to-government assurances before approval."""
    case = run_as_operator(services.set_assurances_required, case_id, required)
    console.print(
        f"{case.reference}: assurances {'required' if required else 'not required'}",
        highlight=False,
    )


def request_assurance(
    case_id: str = IdArg,
    kind: str = typer.Argument(..., help="end_use, no_retransfer or no_wmd_delivery."),
    government: str = typer.Option(..., "--government", help="ISO alpha-2 code, e.g. IN."),
    on: str | None = OnOpt,
) -> None:
    """Record an assurance requested from a government."""
    row = run_as_operator(
        services.request_assurance, case_id, kind, government=government, on=_day(on)
    )
    console.print(
        f"{row.kind} assurance requested from {row.government} on {row.requested_on} (id {row.id})",
        highlight=False,
    )


def receive_assurance(
    case_id: str = IdArg,
    assurance_id: str = typer.Argument(..., help="The assurance's id (cases show lists them)."),
    reference: str = typer.Option(..., "--reference", help="Its text or reference."),
    on: str | None = OnOpt,
) -> None:
    """Record an assurance received, with its text or reference."""
    row = run_as_operator(
        services.receive_assurance, case_id, assurance_id, on=_day(on), reference=reference
    )
    console.print(f"{row.kind} assurance received on {row.received_on}", highlight=False)


def print_statutory(out: CaseOut) -> None:
    """The case's statutory steps, assurances and NSPD-56 clock, for ``cases show``."""
    for s in out.statutory_steps:
        console.print(
            f"  step {s.kind} on {s.on}"
            + (f", due by {s.deadline}" if s.deadline else "")
            + (f"; response {s.responded_on}: {s.response}" if s.responded_on else "")
            + f" (id {s.id})",
            highlight=False,
        )
    if out.assurances_required or out.assurances:
        console.print(
            f"assurances: {'required' if out.assurances_required else 'not required'}",
            highlight=False,
        )
    for a in out.assurances:
        got = f"received {a.received_on}: {a.reference}" if a.received_on else "outstanding"
        console.print(
            f"  assurance {a.kind} from {a.government}, requested {a.requested_on}, {got} "
            f"(id {a.id})",
            highlight=False,
        )
    clock = out.nspd56_clock
    if clock is not None:
        days = (
            f"{clock.days_used} days used, {clock.days_remaining} remaining of 60"
            if clock.days_used is not None
            else "not yet received"
        )
        paused = "; exceptions: " + "; ".join(clock.exceptions) if clock.exceptions else ""
        console.print(f"NSPD-56 clock: {days}{paused} ({clock.source})", highlight=False)
        console.print(f"  {clock.note}", highlight=False)
