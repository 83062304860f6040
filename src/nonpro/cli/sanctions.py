"""``nonpro sanctions``: evaluate an activity, keep the register, draft notices and reports."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
import yaml

from nonpro.cli.arguments import required_day
from nonpro.cli.context import console, print_json, run_as_operator, run_query, unit_of_work
from nonpro.cli.output import JSON_OPTION, print_one, print_rows
from nonpro.controls.services import load_annex
from nonpro.core.clock import today
from nonpro.core.errors import InvalidInput
from nonpro.core.validation import parse_day, parse_input
from nonpro.sanctions import services
from nonpro.sanctions.schemas import (
    DeterminationIn,
    DeterminationOut,
    Evaluation,
    EventIn,
    RegisterChange,
)
from nonpro.screening.schemas import PartyNewHit
from nonpro.screening.services import IndexProvider

app = typer.Typer(
    help="Missile and WMD sanctions: evaluate, register, notices.", no_args_is_help=True
)
DeterminationArg = typer.Argument(..., metavar="ID")
determinations_app = typer.Typer(help="The register of determinations.", no_args_is_help=True)
app.add_typer(determinations_app, name="determinations")


def _read_yaml(path: Path, field: str) -> Any:
    try:
        return yaml.safe_load(path.read_text("utf-8"))
    except OSError as exc:
        raise InvalidInput(field, f"cannot read {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise InvalidInput(field, f"{path} is not YAML: {exc}") from None


def _mapping(path: Path, field: str) -> dict[str, Any]:
    data = _read_yaml(path, field)
    if not isinstance(data, dict):
        raise InvalidInput(field, f"{path} must hold a mapping of keys")
    return data


ADHERENCE = {True: "MTCR adherent", False: "not an MTCR adherent", None: "MTCR adherence unknown"}


def _print_evaluation(result: Evaluation) -> None:
    item = result.item
    console.print(
        f"[bold]{result.person}[/bold] — item: "
        f"{item.annex_item or ('not classified' if item.missing else 'not on the Annex')}"
        f" (Category {item.category or '—'}); destination {result.destination.country_name}"
        f" ({ADHERENCE[result.destination.mtcr_adherent]} on {result.facts_date})",
        highlight=False,
    )
    console.print(f"dated facts as of {result.facts_date_basis}", highlight=False)
    for found in result.authorities:
        kind = "mandatory" if found.mandatory else "discretionary"
        verdict = f"[green]applies[/green] ({kind})" if found.applies else "does not apply"
        if found.applies is None:
            verdict = "[yellow]information needed[/yellow]"
        console.print(f"\n[bold]{found.authority}[/bold]: {verdict}")
        for reason in found.reasons:
            console.print(f"  - {reason}", highlight=False)
        for measure in found.measures:
            term = "no term"
            if measure.term:
                term = f"{'≥ ' if measure.term.minimum else ''}{measure.term.years} years"
            flag = " [yellow]UNVERIFIED[/yellow]" if measure.unverified else ""
            console.print(f"  * {measure.code} ({term}, {measure.paragraph}){flag}")
        if found.applies:
            for exception in found.exceptions:
                console.print(f"  ~ exception {exception.code}: {exception.why}", highlight=False)
    console.print(f"\n{result.summary}")
    for needed in result.information_needed:
        console.print(
            f"[yellow]INFORMATION NEEDED[/yellow] {needed.fact}: {needed.why}; "
            f"answer it in {needed.field}",
            highlight=False,
        )
    for flag in result.unverified:
        console.print(f"[yellow]UNVERIFIED[/yellow] {flag}", highlight=False)


@app.command("evaluate")
def evaluate_command(
    facts_file: Path = typer.Argument(..., help="YAML file with person, activity, item, ..."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Date for dated facts when the facts give no activity date."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Which authorities apply to a reported activity, with measures, terms and reasons.

    MTCR adherence and every other dated fact are decided as of the activity's date; where the
    data cannot say (a join date known only as a year), the answer is "information needed"."""
    facts = services.parse_facts(_mapping(facts_file, "FACTS"))
    day = parse_day(as_of, "--as-of") or today()
    result = run_query(services.evaluate, facts, annex=load_annex(), as_of=day)
    print_one(result, as_json=as_json, show=_print_evaluation)


def _print_determinations(found: list[DeterminationOut], as_json: bool, title: str) -> None:
    print_rows(
        found,
        as_json=as_json,
        columns=("id", "entities", "authorities", "determined", "expires", "status"),
        row=lambda d: (
            d.id,
            "; ".join(e.name for e in d.entities),
            ", ".join(a.authority for a in d.authorities),
            d.determination_date.isoformat(),
            d.expires_on.isoformat() if d.expires_on else "—",
            d.status,
        ),
        title=title,
    )


def _print_new_hits(hits: list[PartyNewHit]) -> None:
    for hit in hits:
        console.print(f"NEW HIT: {hit.party} ({hit.origin}) ~ {hit.hit.name} {hit.hit.score:.2f}")


@determinations_app.command("add")
def add_command(
    file: Path = typer.Argument(..., help="YAML file describing the determination."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a determination; its entities are on the screening list at once."""
    data = parse_input(DeterminationIn, _mapping(file, "FILE"))
    change = run_as_operator(services.add_determination, data, provider=IndexProvider())
    print_one(change, as_json=as_json, show=_print_recorded)


def _print_recorded(change: RegisterChange) -> None:
    d = change.determination
    console.print(f"recorded determination {d.id}: expires {d.expires_on or 'never'}")
    console.print(f"list nonpro-determinations: {change.list_entries} entries")
    _print_new_hits(change.new_hits)


@determinations_app.command("list")
def list_command(
    as_of: str | None = typer.Option(None, "--as-of", help="Status as of YYYY-MM-DD."),
    active: bool = typer.Option(False, "--active", help="Only determinations in force."),
    as_json: bool = JSON_OPTION,
) -> None:
    """The register, each determination with its status on a date."""
    day = parse_day(as_of, "--as-of")
    found = run_query(services.list_determinations, as_of=day, active_only=active)
    _print_determinations(found, as_json, f"determinations as of {(day or today()).isoformat()}")


@determinations_app.command("show")
def show_command(
    determination_id: str = DeterminationArg,
    as_of: str | None = typer.Option(None, "--as-of", help="Status as of YYYY-MM-DD."),
) -> None:
    """One determination with its entities, events and computed expiry (JSON)."""
    with unit_of_work() as session:
        found = services.get_determination(determination_id, session=session)
        out = services.determination_out(found, as_of=parse_day(as_of, "--as-of"))
    print_json(out.model_dump(mode="json"))


def _ending_command(
    name: str, end: Callable[..., RegisterChange], *, event: str, ended: str, basis: str
) -> None:
    """``waive`` and ``terminate``: one event that ends the determination on its effective date;
    the two commands differ only in the service they call and their words."""

    def command(
        determination_id: str = DeterminationArg,
        effective: str = typer.Option(..., "--date", help=f"Effective date of the {event}."),
        citation: str | None = typer.Option(None, "--citation", help="e.g. the FR citation."),
        note: str = typer.Option("", "--note", help=f"Basis, e.g. {basis}."),
    ) -> None:
        raw = {"effective_date": effective, "citation": citation, "note": note}
        change = run_as_operator(
            end, determination_id, parse_input(EventIn, raw), provider=IndexProvider()
        )
        console.print(f"{ended} {change.determination.id} from {effective}")

    command.__doc__ = f"Record a {event}: the determination ends on its effective date."
    app.command(name)(command)


_ending_command(
    "waive", services.waive, event="waiver", ended="waived", basis="national security (§73(e))"
)
_ending_command(
    "terminate",
    services.terminate,
    event="termination",
    ended="terminated",
    basis="adherent enforcement (§73(c))",
)


def parse_within(text: str) -> int:
    """``60d``, ``8w`` or ``60``: a number of days."""
    match = re.fullmatch(r"\s*(\d+)\s*([dw]?)\s*", text)
    if not match:
        raise InvalidInput("--within", f"{text!r}: give days, e.g. 60d (or weeks, 8w)")
    return int(match.group(1)) * (7 if match.group(2) == "w" else 1)


@app.command("expiring")
def expiring_command(
    within: str = typer.Option("60d", "--within", help="How far ahead: 60d, 8w."),
    as_of: str | None = typer.Option(None, "--as-of", help="From YYYY-MM-DD (today)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Determinations in force whose term runs out soon."""
    days = parse_within(within)
    found = run_query(services.expiring, within_days=days, as_of=parse_day(as_of, "--as-of"))
    _print_determinations(found, as_json, f"expiring within {days} days")


@app.command("notice")
def notice_command(
    determination_id: str = DeterminationArg,
    fmt: str = typer.Option("md", "--format", help="md or docx."),
    out: Path | None = typer.Option(None, "--out", help="Write to this file (md: else stdout)."),
    contact: str | None = typer.Option(None, "--contact", help="The FR contact line."),
) -> None:
    """Draft the Federal Register notice of a determination."""
    if fmt not in ("md", "docx"):
        raise InvalidInput("--format", "md or docx")
    if fmt == "docx" and out is None:
        raise InvalidInput("--out", "a DOCX draft needs a file to write")
    content = run_query(services.notice_file, determination_id, fmt, contact=contact)
    if out is not None:
        out.write_bytes(content)
        console.print(f"wrote {out}")
    else:
        typer.echo(content.decode("utf-8"), nl=False)


@app.command("inksna-report")
def inksna_report_command(
    start: str = typer.Option(..., "--from", help="First day of the six-month period."),
    end: str = typer.Option(..., "--to", help="Last day of the period."),
    facts: list[Path] | None = typer.Option(None, "--facts", help="Transfers considered (repeat)."),
    out: Path | None = typer.Option(None, "--out", help="Write Markdown here (else stdout)."),
) -> None:
    """Material for the INKSNA six-month report: measures imposed, or a justification owed."""
    first, last = required_day(start, "--from"), required_day(end, "--to")
    annex = load_annex()
    considered = [
        run_query(
            services.evaluate, services.parse_facts(_mapping(f, "--facts")), annex=annex, as_of=last
        )
        for f in facts or []
    ]
    report = run_query(
        services.inksna_report, period_start=first, period_end=last, considered=considered
    )
    text = services.inksna_markdown(report)
    if out is not None:
        out.write_text(text, "utf-8")
        console.print(f"wrote {out}")
    else:
        typer.echo(text, nl=False)


@app.command("publish")
def publish_command() -> None:
    """Republish the register in force today as the nonpro-determinations list."""
    published = run_as_operator(services.publish_register, provider=IndexProvider())
    state = "unchanged" if published.unchanged else "new snapshot"
    console.print(f"nonpro-determinations: {published.list_entries} entries ({state})")
    _print_new_hits(published.new_hits)
