"""``nonpro interagency``: the review clock, referrals, advice, the consolidated view, holds,
reminders and escalation (meetings are in ``interagency_meetings``)."""

from __future__ import annotations

import typer
from rich.table import Table

from nonpro.cli import interagency_annex, interagency_meetings
from nonpro.cli.arguments import required_day
from nonpro.cli.context import console, operator, print_json, run_as_operator, unit_of_work
from nonpro.cli.output import JSON_OPTION, print_one, print_rows
from nonpro.core.errors import InvalidInput
from nonpro.core.validation import parse_day, parse_input
from nonpro.interagency import services
from nonpro.interagency.rules import AdviceKind, Level, Scope, SignerRole, VoteChoice
from nonpro.interagency.schemas import (
    AdviceIn,
    AdviceOut,
    ConsolidatedView,
    EscalationDecisionIn,
    EscalationIn,
    EscalationOut,
    GroupOut,
    ReferralIn,
    ReferralRequestIn,
    ReferralRequestOut,
    ReferralSummary,
    RequestAnswerIn,
)

app = typer.Typer(
    help="Interagency review (MTEC, MTAG, MARC): clock, referrals, advice, meetings, escalation.",
    no_args_is_help=True,
)
app.add_typer(interagency_meetings.app, name="meeting")
app.add_typer(interagency_annex.app, name="annex-proposals")
CaseArg = typer.Argument(..., help="The case's reference or id (or the referral's id).")
GroupOpt = typer.Option(None, "--group", help="The group, when the case is referred to several.")


@app.command("deadlines")
def deadlines(
    referred: str = typer.Option(..., "--referred", help="Referral date, YYYY-MM-DD."),
    registered: str | None = typer.Option(
        None, "--registered", help="Registration date (default: 9 days before the referral)."
    ),
    hold_days: int = typer.Option(0, "--hold-days", min=0, help="Days the clock stood still."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Print every due date of the EO 12981 chain from a referral date."""
    schedule = services.deadlines(
        required_day(referred, "referred"),
        registered=parse_day(registered, "registered"),
        hold_days=hold_days,
    )
    print_one(schedule, as_json=as_json, show=_print_deadlines)


def _print_deadlines(schedule: services.Schedule) -> None:
    assumed = " (assumed: referral on day 9)" if schedule.registered_assumed else ""
    table = Table(
        "step",
        "due",
        "day",
        "counted",
        "verified",
        title=f"Referred {schedule.referred}, registered {schedule.registered}{assumed}, "
        f"{schedule.hold_days} hold days",
    )
    for d in schedule.deadlines:
        holiday = f" ({d.holiday})" if d.holiday else ""
        counted = f"{d.days} {d.unit} days after {d.after.replace('_', ' ')}"
        mark = "yes" if d.verified else "UNVERIFIED"
        table.add_row(d.key.replace("_", " "), str(d.due), d.weekday + holiday, counted, mark)
    console.print(table)
    console.print(f"Source: {schedule.source}, as of {schedule.as_of}", highlight=False)


@app.command("groups")
def groups(as_json: bool = JSON_OPTION) -> None:
    """The groups with their members, chair, quorum, majority rule and the members that advise
    but do not vote."""
    with unit_of_work() as session:
        stored = [GroupOut.model_validate(g) for g in services.list_groups(session=session)]
    found = stored or [GroupOut(**g.model_dump()) for g in services.default_groups()]
    print_rows(
        found,
        as_json=as_json,
        columns=("group", "name", "chair", "members", "quorum", "majority", "non-voting"),
        row=lambda g: (
            g.code,
            g.name,
            g.chair_agency,
            ", ".join(g.members),
            str(g.quorum),
            g.majority.value,
            ", ".join(g.non_voting) or "-",
        ),
    )


@app.command("refer")
def refer(
    case: str = CaseArg,
    group: str = typer.Option(..., "--group", help="MTEC, MTAG or MARC."),
    agency: list[str] = typer.Option([], "--agency", help="Due to advise (repeat; default all)."),
    referred: str | None = typer.Option(None, "--referred", help="YYYY-MM-DD (default: today)."),
    registered: str | None = typer.Option(None, "--registered", help="Registration, YYYY-MM-DD."),
    note: str = typer.Option("", "--note", help="Why it is referred."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Refer a case to a group; the case goes to referred."""
    data = ReferralIn(
        case=case,
        group=group,
        agencies=agency,
        referred_on=parse_day(referred, "referred"),
        registered_on=parse_day(registered, "registered"),
        note=note,
    )
    with unit_of_work() as session:
        referral = services.refer(data, session=session, actor=operator())
        out = services.summary(referral, session=session)
    print_one(out, as_json=as_json, show=_print_referral)


@app.command("request")
def request_referral(
    case: str = CaseArg,
    group: str = typer.Option(..., "--group", help="MTEC, MTAG or MARC."),
    note: str = typer.Option("", "--note", help="Why the group should take the case."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Ask a group's chair to take a case (the chair accepts or declines)."""
    data = ReferralRequestIn(case=case, group=group, note=note)
    with unit_of_work() as session:
        out = services.request_out(
            services.request_referral(data, session=session, actor=operator())
        )
    print_one(out, as_json=as_json, show=_print_request)


@app.command("requests")
def list_requests(
    case: str | None = typer.Option(None, "--case", help="Only this case's requests."),
    every: bool = typer.Option(False, "--all", help="Answered requests too."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Requests for referral waiting for a chair (oldest first)."""
    with unit_of_work() as session:
        found = services.list_requests(
            session=session, reader=operator(), case=case, state=None if every else "open"
        )
        rows = [services.request_out(r) for r in found]
    print_rows(
        rows,
        as_json=as_json,
        columns=("Request", "Case", "Group", "By", "State", "Note"),
        row=lambda r: (str(r.id), r.case_reference, r.group, r.requested_by, r.state, r.note),
    )


@app.command("accept")
def accept_request(
    request: str = typer.Argument(..., help="The request's id."),
    note: str = typer.Option("", "--note"),
    as_json: bool = JSON_OPTION,
) -> None:
    """Accept a request: the case is referred to the group's default agencies."""
    with unit_of_work() as session:
        referral = services.accept_request(
            request, RequestAnswerIn(note=note), session=session, actor=operator()
        )
        out = services.summary(referral, session=session)
    print_one(out, as_json=as_json, show=_print_referral)


@app.command("decline")
def decline_request(
    request: str = typer.Argument(..., help="The request's id."),
    note: str = typer.Option(..., "--note", help="Why the group does not take the case."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Decline a request, saying why; the case stays where it is."""
    with unit_of_work() as session:
        out = services.request_out(
            services.decline_request(
                request, RequestAnswerIn(note=note), session=session, actor=operator()
            )
        )
    print_one(out, as_json=as_json, show=_print_request)


def _print_request(out: ReferralRequestOut) -> None:
    console.print(
        f"{out.case_reference}: referral to {out.group} {out.state} (request {out.id})",
        highlight=False,
    )


def _print_referral(out: ReferralSummary) -> None:
    console.print(
        f"{out.case_reference} referred to {out.group} ({', '.join(out.agencies)}); "
        f"advice due {out.due_on}; referral {out.id}",
        highlight=False,
    )


@app.command("queue")
def queue(
    group: str | None = GroupOpt,
    agency: str | None = typer.Option(None, "--agency", help="Only referrals to this agency."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Referrals, late first, then by due date."""
    print_rows(
        run_as_operator(services.queue, group=group, agency=agency),
        as_json=as_json,
        columns=("case", "group", "referred", "due", "late", "answered", "hold"),
        row=lambda r: (
            r.case_reference,
            r.group,
            str(r.referred_on),
            str(r.due_on),
            ", ".join(r.late_agencies),
            ", ".join(r.answered),
            "on hold" if r.on_hold else "",
        ),
    )


@app.command("advise")
def advise(
    case: str = CaseArg,
    agency: str = typer.Option(..., "--agency", help="The agency the advice is recorded for."),
    kind: AdviceKind = typer.Option(
        ...,
        "--kind",
        help="approve, approve_with_provisos, deny, no_position, request_information.",
    ),
    item: int | None = typer.Option(None, "--item", min=1, help="Advice on this item (1-based)."),
    party: int | None = typer.Option(None, "--party", min=1, help="On this party (1-based)."),
    proviso: list[str] = typer.Option([], "--proviso", help="Proviso id from the library."),
    written: list[str] = typer.Option([], "--written-proviso", help="A proviso in words."),
    reason: list[str] = typer.Option([], "--reason", help="A reason (repeat)."),
    rationale: str = typer.Option("", "--rationale", help="The reasoning in words."),
    key: str | None = typer.Option(None, "--key", help="Idempotency key."),
    group: str | None = GroupOpt,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record an agency's advice on a referred case (repeating it stores nothing new)."""
    if item is not None and party is not None:
        raise InvalidInput("item", "advise on an item or a party, not both")
    scope = Scope.ITEM if item else Scope.PARTY if party else Scope.CASE
    data = parse_input(
        AdviceIn,
        {
            "agency": agency,
            "kind": kind,
            "scope": scope,
            "position": (item or party or 1) - 1,
            "provisos": proviso,
            "written_provisos": written,
            "reasons": reason,
            "rationale": rationale,
            "idempotency_key": key,
        },
    )
    with unit_of_work() as session:
        row, created = services.advise(case, data, session=session, actor=operator(), group=group)
        out = AdviceOut.model_validate(row)
    if as_json:
        print_json({**out.model_dump(mode="json"), "created": created})
        return
    late = " (late)" if out.late else ""
    what = "recorded" if created else "already recorded"
    console.print(f"{out.agency_code}: {out.kind.value} {what}{late}", highlight=False)


@app.command("consolidated")
def consolidated(
    case: str = CaseArg, group: str | None = GroupOpt, as_json: bool = JSON_OPTION
) -> None:
    """Advice per agency and per item or party; agreement or conflict; deadlines."""
    view = run_as_operator(services.consolidated, case, group=group)
    print_one(view, as_json=as_json, show=_print_consolidated)


def _print_consolidated(view: ConsolidatedView) -> None:
    r = view.referral
    console.print(
        f"{r.case_reference} before {r.group}: {view.outcome.value.upper()}", highlight=False
    )
    for scope in view.scopes:
        table = Table("agency", "position", "provisos / reasons", title=scope.label)
        for p in scope.positions:
            detail = ""
            if p.advice:
                detail = "; ".join(p.advice.provisos + p.advice.written_provisos + p.advice.reasons)
            shown = p.kind.value if p.kind else p.standing.value
            table.add_row(p.agency, shown + (" (whole case)" if p.inherited else ""), detail)
        console.print(table)
        console.print(f"{scope.outcome.value}: {scope.explanation}", highlight=False)
    for d in view.deadlines:
        console.print(f"  {d.due}  {d.label}", highlight=False)


@app.command("hold")
def hold(
    case: str = CaseArg,
    reason: str = typer.Option(..., "--reason", help="What information is missing."),
    group: str | None = GroupOpt,
) -> None:
    """Stop the clock for missing information."""
    with unit_of_work() as session:
        referral = services.get_referral(case, session=session, actor=operator(), group=group)
        row = services.start_hold(
            referral, reason=reason, agency=None, session=session, actor=operator()
        )
        out = services.hold_out(row)
    console.print(f"on hold since {out.started_on}; the hold lapses {out.expires_on}")


@app.command("resume")
def resume(case: str = CaseArg, group: str | None = GroupOpt) -> None:
    """Restart the clock; later deadlines move by the days held."""
    row = run_as_operator(services.end_hold, case, group=group)
    console.print(f"resumed; held {(row.ended_on or row.started_on) - row.started_on}")


@app.command("remind")
def remind(case: str = CaseArg, group: str | None = GroupOpt) -> None:
    """Record reminders to agencies whose advice is outstanding and due soon or late."""
    with unit_of_work() as session:
        sent = services.remind(case, session=session, actor=operator(), group=group)
        lines = [f"{r.agency_code}: {r.note}" for r in sent]
    console.print("\n".join(lines) or "no reminder due", highlight=False)


@app.command("escalate")
def escalate(
    case: str = CaseArg,
    level: Level = typer.Option(
        ..., "--level", help="operating_committee, acep, earb or president."
    ),
    agency: str = typer.Option(..., "--agency", help="The dissenting agency."),
    reasons: str = typer.Option(..., "--reasons", help="Why the agency escalates."),
    signed_by: str = typer.Option("", "--signed-by", help="The official who signs the appeal."),
    signer_role: SignerRole | None = typer.Option(
        None,
        "--signer-role",
        help="The signer's office: pas_official or agency_head for the ACEP, agency_head for "
        "the EARB and the President.",
    ),
    on: str | None = typer.Option(None, "--on", help="YYYY-MM-DD (default: today)."),
    group: str | None = GroupOpt,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a dissenting agency's escalation to the next level; an appeal is refused unless
    signed by the office EO 12981 names."""
    data = EscalationIn(
        level=level,
        agency=agency,
        reasons=reasons,
        signed_by=signed_by,
        signer_role=signer_role,
        escalated_on=parse_day(on, "on"),
    )
    with unit_of_work() as session:
        row = services.escalate(case, data, session=session, actor=operator(), group=group)
        out = EscalationOut.model_validate(row)
    print_one(out, as_json=as_json, show=_print_escalation)


def _print_escalation(out: EscalationOut) -> None:
    late = " LATE" if out.late else ""
    console.print(
        f"{out.agency_code} escalated to {out.level.value} on {out.escalated_on} "
        f"(window closed {out.appeal_due}{late}); decision due {out.decision_due or '-'}",
        highlight=False,
    )


@app.command("decided")
def decided(
    case: str = CaseArg,
    level: Level = typer.Option(..., "--level", help="The level that decided."),
    outcome: VoteChoice = typer.Option(
        ..., "--outcome", help="approve, approve_with_provisos or deny."
    ),
    note: str = typer.Option("", "--note", help="What was decided, in words."),
    on: str | None = typer.Option(None, "--on", help="YYYY-MM-DD (default: today)."),
    group: str | None = GroupOpt,
) -> None:
    """Record what was decided at an escalation level."""
    data = EscalationDecisionIn(outcome=outcome, note=note, decided_on=parse_day(on, "on"))
    row = run_as_operator(services.decide, case, level, data, group=group)
    console.print(f"{row.level}: {row.outcome} on {row.decided_on}", highlight=False)
