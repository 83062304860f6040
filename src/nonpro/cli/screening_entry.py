"""``nonpro lists show ID``: one listed record whole, from the snapshot a hit came from.

Registered on the ``nonpro lists`` app by ``nonpro.cli.screening_lists``.
"""

from __future__ import annotations

import typer
from rich.table import Table

from nonpro.cli.context import console, run_query
from nonpro.cli.output import JSON_OPTION, print_one
from nonpro.screening import services
from nonpro.screening.schemas import ListedRecord, NameKind

NAME_KINDS = {
    NameKind.PRIMARY: "primary name",
    NameKind.AKA: "also known as",
    NameKind.FKA: "formerly known as",
    NameKind.WEAK_AKA: "weak alias (low quality: counts only with a matching date or identifier)",
    NameKind.NATIVE: "original script",
}


def show(
    entry_id: str = typer.Argument(..., help="The entry, <list>:<id> (e.g. ofac_sdn:12345)."),
    snapshot: str | None = typer.Option(
        None, "--snapshot", help="The snapshot a hit came from (default: the list's active one)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Every name, identifier, address, programme, date and remark of one listed record."""
    found = run_query(services.listed_record, entry_id, snapshot=snapshot)
    print_one(found, as_json=as_json, show=_print)


def _line(label: str, value: object) -> None:
    if value not in (None, "", []):
        console.print(f"{label}: {value}", highlight=False, markup=False)


def _print(found: ListedRecord) -> None:
    entry, snap = found.entry, found.snapshot
    console.print(f"[bold]{entry.primary_name}[/bold] ({found.entry_id})", highlight=False)
    published = snap.publication_date.isoformat() if snap.publication_date else "not stated"
    state = "active" if snap.active else "replaced since"
    _line("snapshot", f"{snap.id} of {snap.source}, published {published} ({state})")
    _line("type", entry.entity_type.value)
    names = Table("name", "kind", title="Names")
    for name in entry.names:
        names.add_row(name.name, NAME_KINDS.get(name.kind, name.kind.value))
    console.print(names)
    if entry.identifiers:
        ids = Table("kind", "value", "country", "note", title="Identifiers")
        for ident in entry.identifiers:
            ids.add_row(ident.kind, ident.value, ident.country or "", ident.note or "")
        console.print(ids)
    for address in entry.addresses:
        _line("address", address.text + (f" ({address.country})" if address.country else ""))
    _line("dates of birth", "; ".join(b.text for b in entry.birth_dates))
    _line("places of birth", "; ".join(entry.birth_places))
    _line("nationalities", ", ".join(entry.nationalities))
    _line("countries", ", ".join(entry.countries))
    _line("programmes", ", ".join(entry.programs))
    _line("tags", ", ".join(entry.tags))
    _line("titles", "; ".join(entry.titles))
    _line("listed on", entry.listed_on.isoformat() if entry.listed_on else "not stated")
    for label, value in entry.extra.items():
        _line(label, value)
    _line("remarks", entry.remarks)
    _line("publisher's link", entry.source_url or "not given by the list")
    console.print("relations: not stored with the snapshot (this version keeps none)")
