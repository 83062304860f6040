"""``nonpro annex``, ``classify``, ``range``, ``destination`` and ``catch-all``: MTCR controls.

The Annex is reference data shipped in the package, so none of these commands opens the database.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from nonpro.cli.context import console, print_json
from nonpro.cli.output import JSON_OPTION, print_lines, print_one
from nonpro.controls import services as controls
from nonpro.controls.catchall.schemas import DestinationPolicy, Finding
from nonpro.controls.catchall.services import destination_policy, evaluate_catch_all, parse_case
from nonpro.controls.range.services import estimate_range, example_specs, load_spec, tradeoff_png
from nonpro.controls.schemas import (
    CROSSWALK_CAVEAT,
    AnnexDiff,
    Classification,
    EntryView,
    ItemDescription,
)
from nonpro.controls.services import load_annex, load_catalog, parameters_from_pairs
from nonpro.core.errors import InvalidInput
from nonpro.core.validation import parse_day, parse_input

annex_app = typer.Typer(
    help="Browse, search and compare MTCR Annex versions.", no_args_is_help=True
)
range_app = typer.Typer(
    help="Range and payload of complete rockets and UAVs.", no_args_is_help=True
)

VERSION_HELP = "Annex version (default: the newest; see `nonpro annex versions`)."


def _mark(verified: bool) -> str:
    return "" if verified else " [unverified]"


def _print_entry(view: EntryView) -> None:
    category = f"Category {view.category}" if view.category else "reserved"
    console.print(f"[bold]{view.item}[/bold] {view.title} ({category}){_mark(view.verified)}")
    console.print(f"  {view.text}", highlight=False)
    console.print(f"  test: {view.test}", highlight=False)
    for note in view.notes:
        console.print(f"  {note.kind.replace('_', ' ')}: {note.text}", highlight=False)
    if view.references:
        console.print(f"  see also: {', '.join(view.references)}", highlight=False)
    console.print(f"  confidence {view.confidence}: {view.confidence_meaning}", highlight=False)
    for key, source in view.sources.items():
        console.print(f"  [{key}] {source.title} <{source.url}>", highlight=False)


@annex_app.command("show")
def annex_show(
    number: str = typer.Argument(..., help="An Annex number: 2, 2.A.1.c or 2.A.1.c.1."),
    version: str | None = typer.Option(None, "--version", help=VERSION_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """Show an Annex entry and the entries under it: thresholds, notes, sources, confidence."""
    views = controls.show(number, annex=load_annex(version))
    if as_json:
        print_json([v.model_dump(mode="json") for v in views])
        return
    for view in views:
        _print_entry(view)


@annex_app.command("search")
def annex_search(
    query: str = typer.Argument(..., help='Words or a number: "ring laser gyro", "2.A.1".'),
    version: str | None = typer.Option(None, "--version", help=VERSION_HELP),
    limit: int = typer.Option(10, "--limit", min=1, max=100, help="How many entries at most."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Annex entries ranked by relevance (BM25) to the words."""
    hits = controls.search(query, annex=load_annex(version), limit=limit)
    if as_json:
        print_json([asdict(h) for h in hits])
        return
    if not hits:
        console.print(f"no Annex entry matches {query!r}")
        return
    table = Table("score", "item", "category", "title", title=f"Annex search: {query}")
    for hit in hits:
        table.add_row(
            f"{hit.score:.2f}", hit.item, hit.category or "-", hit.title + _mark(hit.verified)
        )
    console.print(table)


@annex_app.command("diff")
def annex_diff(
    old: str = typer.Argument(..., help="The older version."),
    new: str = typer.Argument(..., help="The newer version."),
    as_json: bool = JSON_OPTION,
) -> None:
    """What changed between two Annex versions: entries added, removed and changed."""
    print_one(controls.diff(old, new), as_json=as_json, show=_print_diff)


def _print_diff(result: AnnexDiff) -> None:
    console.print(f"Annex {result.old} → {result.new}", highlight=False)
    for ref in result.added:
        console.print(f"  + {ref.item} {ref.title}", highlight=False)
    for ref in result.removed:
        console.print(f"  - {ref.item} {ref.title}", highlight=False)
    for change in result.changed:
        console.print(f"  ~ {change.item} {change.title}", highlight=False)
        for field in change.changes:
            console.print(f"      {field.field}: {field.old!r} → {field.new!r}", highlight=False)
    if not (result.added or result.removed or result.changed):
        console.print("  no differences")


@annex_app.command("boundary-set")
def annex_boundary_set(
    out: Path | None = typer.Option(
        None, "--out", help="Write the set to this file: CSV, or JSON if it ends in .json."
    ),
    version: str = typer.Option("", "--version", help="The Annex version (default: newest)."),
) -> None:
    """The public boundary set generated from the Annex: for every numeric threshold a value
    at it, just inside and just outside, in the Annex's unit and another; yes/no parameters
    both ways; the Annex's own examples; each with the answer the Annex gives."""
    cases = controls.boundary_set(load_catalog().get(version.strip() or None))
    if out is None:
        print_json([c.model_dump(mode="json") for c in cases])
        return
    if out.suffix.lower() == ".json":
        out.write_text(json.dumps([c.model_dump(mode="json") for c in cases], indent=1))
    else:
        out.write_text(controls.boundary_csv(cases), encoding="utf-8")
    controlled = sum(c.controlled for c in cases)
    console.print(f"{len(cases)} cases ({controlled} controlled) written to {out}")


@annex_app.command("versions")
def annex_versions(as_json: bool = JSON_OPTION) -> None:
    """The Annex versions nonpro ships, newest first."""
    catalog = load_catalog()
    print_lines(
        [catalog.get(v).info for v in catalog.versions()],
        as_json=as_json,
        line=lambda info: (
            f"{info.version}  {info.dated}  {info.title}"
            + (f" (changes to {info.based_on})" if info.based_on else "")
        ),
        highlight=False,
    )


def _read_json(path: Path, field: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidInput(field, f"cannot read {path} as JSON: {exc}") from None


def _print_classification(result: Classification) -> None:
    console.print(f"[bold]{result.verdict}[/bold] (Annex {result.annex_version})", highlight=False)
    for match in result.matches:
        console.print(
            f"  {match.item} {match.title} → Category {match.category}{_mark(match.verified)}",
            highlight=False,
        )
        for line in [*match.reasons, *match.notes]:
            console.print(f"    - {line}", highlight=False)
        console.print(f"    source: {match.source}", highlight=False)
        if match.crosswalk:
            console.print(f"    crosswalk: {match.crosswalk} ({CROSSWALK_CAVEAT})", highlight=False)
    for miss in result.near_misses:
        console.print(f"  near miss {miss.item} {miss.title}", highlight=False)
        for line in miss.reasons:
            console.print(f"    - {line}", highlight=False)
    for missing in result.missing:
        console.print(f"  missing: {missing.message}", highlight=False)
    for note in result.notes:
        console.print(f"  note: {note}", highlight=False)
    if result.complete_system:
        console.print(
            "  trade-off: a complete system is judged by what it can carry how far; estimate it "
            "with `nonpro range estimate SPEC.yaml` (or Controls → Range and payload)",
            highlight=False,
        )


def classify_command(
    text: str | None = typer.Argument(None, help="The item as the application describes it."),
    param: list[str] | None = typer.Option(
        None, "--param", help="NAME=VALUE, e.g. total_impulse=1.2e6 N*s (repeat)."
    ),
    file: Path | None = typer.Option(
        None, "--file", help='ITEM.json: {"text", "parameters", "components", "separable"}.'
    ),
    version: str | None = typer.Option(None, "--version", help=VERSION_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """Classify an item against the MTCR Annex: what decided, near misses, what is missing."""
    if file is not None and text:
        raise InvalidInput("TEXT", "give the description or --file, not both")
    if file is None and not (text or "").strip() and not param:
        raise InvalidInput("TEXT", "describe the item, or give --param NAME=VALUE or --file")
    data: Any = _read_json(file, "file") if file is not None else {"text": text or ""}
    if not isinstance(data, dict):
        raise InvalidInput("file", "expected a JSON object describing the item")
    if param:
        data = {
            **data,
            "parameters": {**data.get("parameters", {}), **parameters_from_pairs(param)},
        }
    item = parse_input(ItemDescription, data)
    result = controls.classify(item, annex=load_annex(version))
    print_one(result, as_json=as_json, show=_print_classification)


@range_app.command("estimate")
def range_estimate(
    spec: Path = typer.Argument(..., help="MISSILE.yaml or .json: payload, diameter, stages."),
    plot: Path | None = typer.Option(None, "--plot", help="Write the trade-off plot to OUT.png."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Maximum range, the payload–range trade-off and the MTCR finding for a missile."""
    estimate = estimate_range(load_spec(spec))
    if plot is not None:
        plot.write_bytes(tradeoff_png(estimate))
    if as_json:
        print_json(estimate.model_dump(mode="json"))
        return
    console.print(
        f"[bold]{estimate.name}[/bold]: {estimate.max_range_km:,.0f} km with "
        f"{estimate.payload_kg:,.0f} kg",
        highlight=False,
    )
    console.print(f"  {estimate.finding}", highlight=False)
    table = Table("payload (kg)", "range (km)", title="payload–range trade-off")
    for point in estimate.tradeoff:
        table.add_row(f"{point.payload_kg:,.0f}", f"{point.range_km:,.1f}")
    console.print(table)
    for line in estimate.assumptions:
        console.print(f"  assumed: {line}", highlight=False)
    if plot is not None:
        console.print(f"plot → {plot}", highlight=False)


@range_app.command("examples")
def range_examples() -> None:
    """The historical missiles nonpro ships as validation specs (use the path with `estimate`)."""
    for name, path in example_specs().items():
        console.print(f"{name}  {path}", highlight=False, soft_wrap=True)


def _print_findings(findings: list[Finding]) -> None:
    for finding in findings:
        mark = " [unverified]" if finding.unverified else ""
        console.print(
            f"  {finding.severity.upper():6} {finding.rule} {finding.title}{mark}", highlight=False
        )
        for line in finding.evidence:
            console.print(f"         - {line}", highlight=False)
        console.print(f"         basis: {finding.basis}", highlight=False)


def _print_policy(policy: DestinationPolicy) -> None:
    def yes(flag: bool) -> str:
        return "yes" if flag else "no"

    console.print(
        f"[bold]{policy.country_name}[/bold] ({policy.country}) as of {policy.as_of}",
        highlight=False,
    )
    console.print(
        f"  MTCR partner: {yes(policy.mtcr_partner)}; HCOC subscriber: "
        f"{yes(policy.hcoc_subscriber)}; state sponsor of terrorism: "
        f"{yes(policy.state_sponsor_of_terrorism)}; country of concern: "
        f"{yes(policy.country_of_concern)}",
        highlight=False,
    )
    for measure in policy.un_measures:
        console.print(f"  UN measure: {measure.measure} ({measure.scope})", highlight=False)
    _print_findings(policy.findings)


def destination_command(
    country: str = typer.Argument(..., help='A name or code: "Iran", "IRN", "IR".'),
    as_of: str | None = typer.Option(None, "--as-of", help="YYYY-MM-DD (default: today)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Destination policy as of a date: MTCR, HCOC, UN measures, terrorism, concern list."""
    policy = destination_policy(country, as_of=parse_day(as_of, "as-of"))
    print_one(policy, as_json=as_json, show=_print_policy)


def catch_all_command(
    case: Path = typer.Argument(..., help="CASE.json: destination, end_use, parties, items, …"),
    as_of: str | None = typer.Option(None, "--as-of", help="YYYY-MM-DD (default: today)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Catch-all red flags of an export case, each with its rule and evidence."""
    data = _read_json(case, "case")
    if not isinstance(data, dict):
        raise InvalidInput("case", "expected a JSON object with the case's facts")
    assessment = evaluate_catch_all(parse_case(data), as_of=parse_day(as_of, "as-of"))
    if as_json:
        print_json(assessment.model_dump(mode="json"))
        return
    console.print(f"[bold]{assessment.reference or case.name}[/bold]: {assessment.summary}")
    _print_findings(assessment.findings)
