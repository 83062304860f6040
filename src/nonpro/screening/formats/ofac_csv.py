"""OFAC's legacy CSV set: the SDN list (``sdn.csv``, ``add.csv``, ``alt.csv``,
``sdn_comments.csv``) and the consolidated non-SDN list (``cons_prim.csv``, ``cons_add.csv``,
``cons_alt.csv``, ``cons_comments.csv``).

The files have no header; OFAC documents the columns in its "SDN data specification". Empty cells
are ``-0-``; the last line may be a DOS end-of-file byte. A remarks field longer than the column
allows continues in the comments file, so it is joined before it is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats._builder import EntryBuilder, joined
from nonpro.screening.formats._common import clean, country_code
from nonpro.screening.formats._files import csv_rows, read_text, reading_record
from nonpro.screening.formats.ofac_remarks import read_remarks
from nonpro.screening.schemas import EntityType, ListEntry, NameKind, ParsedList

DETAIL_URL = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={}"

_ENTITY_TYPES = {
    "individual": EntityType.PERSON,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
    None: EntityType.ORGANIZATION,  # OFAC leaves the type of companies and groups empty
}
_ALIAS_KINDS = {"aka": NameKind.AKA, "fka": NameKind.FKA, "nka": NameKind.AKA}
_VESSEL_FIELDS = ("Vessel type", "Tonnage", "GRT", "Vessel flag", "Vessel owner")


@dataclass(frozen=True)
class FileSet:
    """The four files of one legacy publication."""

    primary: Path
    addresses: Path
    aliases: Path
    comments: Path
    source: str


def file_set(primary: Path) -> FileSet:
    """The sibling files of ``sdn.csv`` or ``cons_prim.csv``, by OFAC's naming."""
    folder, name = primary.parent, primary.name.lower()
    if name.startswith("cons_"):
        return FileSet(
            primary,
            folder / "cons_add.csv",
            folder / "cons_alt.csv",
            folder / "cons_comments.csv",
            "ofac_cons",
        )
    return FileSet(
        primary, folder / "add.csv", folder / "alt.csv", folder / "sdn_comments.csv", "ofac_sdn"
    )


def _add_name(builder: EntryBuilder, text: str | None, kind: NameKind) -> None:
    """OFAC prints persons as "FAMILY, Given"; give the matcher both parts."""
    given = family = None
    if text and builder.is_person and ", " in text:
        family, given = (part.strip() or None for part in text.split(", ", 1))
    builder.add_name(text, kind, given_name=given, family_name=family)


def _alias_kind(cell: str) -> NameKind:
    return _ALIAS_KINDS.get((clean(cell) or "aka").lower(), NameKind.AKA)


def _programs(cell: str | None) -> list[str]:
    # "SDGT] [SYRIA": the outer brackets were stripped by OFAC's export, the inner ones not.
    if cell is None:
        return []
    return [part.strip(" []") for part in cell.split("] [") if part.strip(" []")]


def _side_rows(path: Path, columns: int, warnings: list[str]) -> dict[str, list[list[str]]]:
    """Rows of an addresses/aliases/comments file grouped by entry number."""
    rows: dict[str, list[list[str]]] = {}
    if not path.is_file():
        warnings.append(f"{path.name} not found beside the primary file; read without it")
        return rows
    for _line, row in csv_rows(path, read_text(path), columns=columns):
        rows.setdefault(row[0].strip(), []).append(row)
    return rows


@dataclass(frozen=True)
class _SideRows:
    """The rows of the addresses, aliases and comments files, by entry number."""

    addresses: dict[str, list[list[str]]]
    aliases: dict[str, list[list[str]]]
    comments: dict[str, list[list[str]]]


def _entry(
    path: Path, line: int, row: list[str], side: _SideRows, list_source: str, tags: list[str]
) -> ListEntry:
    ent_num = row[0].strip()
    name = clean(row[1])
    if not ent_num.isdigit() or name is None:
        raise ListParseError(path, f"line {line}", "entry number or name missing")
    entity_type = _ENTITY_TYPES.get((clean(row[2]) or "").lower() or None)
    if entity_type is None:
        raise ListParseError(path, f"line {line}", f"unknown SDN type {row[2]!r}")
    builder = EntryBuilder(
        list_source, ent_num, entity_type, tags=tags, source_url=DETAIL_URL.format(ent_num)
    )
    remarks = clean(row[11])
    continued = "".join(comment[1] for comment in side.comments.get(ent_num, []))
    if continued:  # the remarks column is limited in length; the rest is in the comments file
        remarks = (remarks or "") + continued
    facts = read_remarks(remarks)
    _add_name(builder, name, NameKind.PRIMARY)
    for alias in side.aliases.get(ent_num, []):
        _add_name(builder, clean(alias[3]), _alias_kind(alias[2]))
    builder.names += facts.names
    for cells in side.addresses.get(ent_num, []):
        street, city, country_name = clean(cells[2]), clean(cells[3]), clean(cells[4])
        builder.add_address(
            joined(street, city, country_name), city=city, country_name=country_name
        )
    builder.add_country(country_code(row[9]))
    builder.countries += facts.countries
    builder.identifiers += facts.identifiers
    builder.add_identifier("call_sign", clean(row[5]), note="Call Sign")
    builder.birth_dates += facts.birth_dates
    builder.birth_places += facts.birth_places
    builder.nationalities += facts.nationalities
    builder.gender = facts.gender
    vessel = zip(_VESSEL_FIELDS, row[6:11], strict=True)
    builder.extra = facts.extra | {label: value for label, cell in vessel if (value := clean(cell))}
    builder.programs += _programs(clean(row[3]))
    builder.add_title(clean(row[4]))
    builder.add_remark(remarks)
    return builder.build()


def read_ofac_csv(primary: Path, *, source: str | None = None) -> ParsedList:
    """Read a legacy OFAC CSV set, given its primary file (``sdn.csv`` or ``cons_prim.csv``)."""
    files = file_set(primary)
    warnings: list[str] = []
    side = _SideRows(
        addresses=_side_rows(files.addresses, 6, warnings),
        aliases=_side_rows(files.aliases, 5, warnings),
        comments=_side_rows(files.comments, 2, warnings),
    )
    list_source = source or files.source
    # sdn.csv is the SDN list; cons_prim.csv does not say which list an entry is on (its
    # programs do: NS-PLC, FSE-IR, ...).
    tags = ["SDN"] if files.source == "ofac_sdn" else []
    entries: list[ListEntry] = []
    for line, row in csv_rows(primary, read_text(primary), columns=12):
        with reading_record(primary, f"line {line}"):
            entries.append(_entry(primary, line, row, side, list_source, tags))
    # OFAC's legacy CSV carries no publication date; the caller may know it from the download.
    read = [files.primary, files.addresses, files.aliases, files.comments]
    return ParsedList(
        source=list_source,
        entries=entries,
        warnings=warnings,
        format="ofac_csv",
        files=[str(file) for file in read if file.is_file()],
    )
