"""``nonpro treaties``: load and update the status records, and ask who is party to what, when."""

from __future__ import annotations

import typer
from rich.table import Table

from nonpro.cli import treaties_load
from nonpro.cli.context import console, run_query
from nonpro.cli.output import JSON_OPTION, print_one, print_rows
from nonpro.treaties import services
from nonpro.treaties.schemas import (
    ChangesResult,
    CheckResult,
    CountryStatus,
    EifStatus,
    PartiesResult,
    Status,
)
from nonpro.treaties.services import CROSS_QUESTIONS, CrossAnswer, load_instruments

app = typer.Typer(
    help="Treaties, safeguards and regimes: who is party to what, since when.", no_args_is_help=True
)
app.command("load")(treaties_load.load)
app.command("update")(treaties_load.update)
app.command("imports")(treaties_load.imports)

AS_OF = typer.Option(None, "--as-of", help="The date asked about, YYYY-MM-DD (default: today).")


@app.command("instruments")
def instruments(as_json: bool = JSON_OPTION) -> None:
    """Every instrument nonpro follows: code, kind, name, entry into force."""
    print_rows(
        list(load_instruments().values()),
        as_json=as_json,
        columns=("code", "kind", "name", "in force since"),
        row=lambda i: (i.code, i.kind.value, i.name, str(i.entry_into_force or "")),
    )


@app.command("status")
def status(
    state: str = typer.Argument(..., help='A state\'s name or code: "Russia", "RUS", "USSR".'),
    as_of: str | None = AS_OF,
    as_json: bool = JSON_OPTION,
) -> None:
    """A state's status in every instrument as of a date, with the events behind each."""
    found = run_query(services.status, state, as_of=services.parse_day(as_of))
    print_one(found, as_json=as_json, show=_print_status)


def _print_status(found: CountryStatus) -> None:
    table = Table(
        "instrument",
        "status",
        "since",
        "events (date, kind, source)",
        title=f"{found.state} as of {found.as_of}",
    )
    for s in found.instruments:
        if s.status is Status.NONE and not s.events:
            continue
        notes = "".join(f"\n[i]{n}[/i]" for n in s.notes)
        events = "\n".join(
            f"{e.date_text} {e.kind.value} — {e.source}"
            + (f" [b](weak: {e.weak_source})[/b]" if e.weak_source else "")
            for e in s.events
        )
        table.add_row(s.instrument, s.status.words, s.since_text or "", events + notes)
    console.print(table)


@app.command("parties")
def parties(
    instrument: str = typer.Argument(..., help="An instrument code: NPT, CTBT, IAEA_AP, MTCR..."),
    as_of: str | None = AS_OF,
    status: str = typer.Option(
        "party",
        "--status",
        help="party, consented (ratified, not yet in force for it), signatory, withdrawn or none.",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """The states (ISO alpha-3) with a status in an instrument as of a date."""
    found = run_query(
        services.parties,
        instrument,
        as_of=services.parse_day(as_of),
        status=services.parse_status(status),
    )
    print_one(found, as_json=as_json, show=_print_parties)


def _print_parties(found: PartiesResult) -> None:
    known = f"{len(found.states)} known"
    console.print(
        f"{found.instrument} {found.status.words} as of {found.as_of}: {known}, "
        f"{len(found.unknown)} unknown",
        highlight=False,
    )
    if found.note:
        console.print(found.note, highlight=False)
    console.print(" ".join(found.states), highlight=False)
    if found.unknown:
        console.print(
            f"unknown (dated only by a year, a month or a list's date): {' '.join(found.unknown)}",
            highlight=False,
        )


@app.command("changes")
def changes(
    instrument: str = typer.Argument(..., help="An instrument code."),
    start: str = typer.Option(..., "--from", help="After this date, YYYY-MM-DD."),
    end: str | None = typer.Option(None, "--to", help="Up to this date (default: today)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Every change of status in an instrument between two dates, with the event behind it."""
    found = run_query(
        services.changes,
        instrument,
        start=services.parse_day(start, "from"),
        end=services.parse_day(end, "to"),
    )
    print_one(found, as_json=as_json, show=_print_changes)


def _print_changes(found: ChangesResult) -> None:
    table = Table(
        "date",
        "state",
        "before",
        "after",
        "event",
        "source",
        title=f"{found.instrument}: {found.start} to {found.end}",
    )
    for c in found.changes:
        table.add_row(
            str(c.date), c.state, c.before.value, c.after.value, c.event.kind.value, c.event.source
        )
    console.print(table)


@app.command("eif")
def eif(
    instrument: str = typer.Argument(..., help="An instrument code, e.g. CTBT."),
    as_of: str | None = AS_OF,
    as_json: bool = JSON_OPTION,
) -> None:
    """Entry-into-force arithmetic: the required states and the consents still missing."""
    found = run_query(services.eif, instrument, as_of=services.parse_day(as_of))
    print_one(found, as_json=as_json, show=_print_eif)


def _print_eif(found: EifStatus) -> None:
    state = f"in force since {found.entry_into_force}" if found.in_force else "not in force"
    console.print(f"{found.instrument} as of {found.as_of}: {state}; {found.consents} consents")
    console.print(f"rule: {found.rule}", highlight=False)
    if found.note:
        console.print(f"note: {found.note}", highlight=False)
    if found.count_outstanding:
        console.print(f"consents still needed: at least {found.count_outstanding}")
    if found.required_outstanding:
        console.print(
            f"required states still needed ({len(found.required_outstanding)}): "
            f"{' '.join(found.required_outstanding)}"
        )
        console.print(f"  signed, not ratified: {' '.join(found.required_signed_not_ratified)}")
        console.print(f"  not signed: {' '.join(found.required_not_signed)}")


@app.command("check")
def check(as_json: bool = JSON_OPTION) -> None:
    """Reconcile: the counts the sources state against the stored events. Exit 1 on a
    difference without a known reason."""
    found = run_query(services.check)
    print_one(found, as_json=as_json, show=_print_check)
    if found.unexplained:
        raise typer.Exit(1)


def _print_check(found: CheckResult) -> None:
    console.print(f"{found.checked} stated counts checked, {len(found.discrepancies)} differences")
    for d in found.discrepancies:
        why = f"known: {d.explanation}" if d.explanation else "[red]UNEXPLAINED[/red]"
        console.print(
            f"{d.instrument} {d.measure.value} as of {d.as_of}: stated {d.stated}, "
            f"derived {d.derived} — {why}",
            highlight=False,
        )
    if found.weak:
        total = sum(len(w.states) for w in found.weak)
        console.print(f"{total} facts rest only on a weak source (check them before briefing):")
        for w in found.weak:
            console.print(
                f"  {w.instrument}, {w.reason}: {len(w.states)} — {' '.join(w.states)}",
                highlight=False,
            )


def _print_answer(title: str, answer: CrossAnswer, as_json: bool) -> None:
    print_one(answer, as_json=as_json, show=lambda a: _print_states(title, a))


def _print_states(title: str, answer: CrossAnswer) -> None:
    counts = f"{len(answer.states)} states, {len(answer.unknown)} unknown"
    console.print(f"{title} as of {answer.as_of}: {counts}", highlight=False)
    console.print(" ".join(answer.states), highlight=False)
    if answer.unknown:
        console.print(
            "unknown (a date given only as a year, a month or a list's date cannot say): "
            + " ".join(answer.unknown),
            highlight=False,
        )


@app.command("ask")
def ask(
    question: str = typer.Argument(..., help=f"One of: {', '.join(CROSS_QUESTIONS)}."),
    as_of: str | None = AS_OF,
    as_json: bool = JSON_OPTION,
) -> None:
    """A named cross-question, e.g. npt-csa-without-ap, mtcr-not-hcoc."""
    found = run_query(services.question, question, as_of=services.parse_day(as_of))
    _print_answer(CROSS_QUESTIONS[question].title, found, as_json)


@app.command("filter")
def filter_states(
    having: list[str] = typer.Option(..., "--having", help="Party to this (repeatable)."),
    lacking: list[str] | None = typer.Option(None, "--lacking", help="Not party to this."),
    as_of: str | None = AS_OF,
    as_json: bool = JSON_OPTION,
) -> None:
    """States party to every --having instrument and to none of the --lacking ones."""
    found = run_query(
        services.cross, having=having, lacking=lacking or [], as_of=services.parse_day(as_of)
    )
    title = f"party to {' and '.join(found.having)}"
    if found.lacking:
        title += f", not to {' or '.join(found.lacking)}"
    _print_answer(title, found, as_json)
