"""BIS Denied Persons List: tab-separated text with a quoted header row.

One row per name and address; a person denied at two addresses appears twice, exactly as BIS
publishes it. The file has no record ids, so each row gets a stable id derived from its content
(the same row in the next publication keeps its id).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

from nonpro.screening.errors import ListParseError
from nonpro.screening.formats._builder import EntryBuilder, joined
from nonpro.screening.formats._common import clean
from nonpro.screening.formats._files import csv_after_header, reading_record
from nonpro.screening.schemas import EntityType, ListEntry, NameKind, ParsedList

COLUMNS = (
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
)
LIST_URL = "https://www.bis.gov/dpl"


def _us_date(text: str | None) -> date | None:
    text = clean(text)
    if text is None:
        return None
    for layout in ("%m/%d/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    return None


def _row_id(cell: dict[str, str]) -> str:
    key = "|".join(cell[name].strip() for name in ("Name", "Street_Address", "City", "Country"))
    return "dpl-" + hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:16]


_EXTRA_COLUMNS = ("Expiration_Date", "Standard_Order", "Last_Update", "Action", "FR_Citation")


def _entry(path: Path, line: int, cell: dict[str, str], row_id: str, list_source: str) -> ListEntry:
    # The DPL names persons and firms alike without saying which.
    builder = EntryBuilder(
        list_source, row_id, EntityType.UNKNOWN, tags=["DPL"], source_url=LIST_URL
    )
    builder.add_name(clean(cell["Name"]), NameKind.PRIMARY)
    if not builder.names:
        raise ListParseError(path, f"line {line}", "record has no name")
    city, country = clean(cell["City"]), clean(cell["Country"])
    street, state, postal = (clean(cell[key]) for key in ("Street_Address", "State", "Postal_Code"))
    builder.add_address(
        joined(street, city, state, postal, country), city=city, country_name=country
    )
    builder.listed_on = _us_date(cell["Effective_Date"])
    for label in _EXTRA_COLUMNS:
        builder.add_extra(label, clean(cell[label]))
    return builder.build()


def read_dpl(path: Path, *, source: str | None = None) -> ParsedList:
    """Read the Denied Persons List (``dpl.txt``)."""
    list_source = source or "bis_dpl"
    rows = csv_after_header(path, COLUMNS, list_name="DPL", delimiter="\t")
    entries: list[ListEntry] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        cell = dict(zip(COLUMNS, row, strict=True))
        row_id = _row_id(cell)
        # Identical rows do occur; number repeats so ids stay unique within a publication.
        seen[row_id] = seen.get(row_id, 0) + 1
        if seen[row_id] > 1:
            row_id = f"{row_id}-{seen[row_id]}"
        with reading_record(path, f"line {line}"):
            entries.append(_entry(path, line, cell, row_id, list_source))
    return ParsedList(source=list_source, entries=entries, format="bis_dpl_tsv", files=[str(path)])
