"""The SIPRI Arms Transfers Database trade register (CSV export), for missiles and launchers.

The export opens with a preamble (notes, "Data generated: 13 Mar 2025 ...") before the header row,
is Latin-1, and a few comments hold line breaks that split a deal over two lines. Only deals for
the weapon descriptions in ``MISSILE_DESCRIPTIONS`` are kept: ballistic and land-attack missiles,
their launchers and guided rockets, the systems the missile reports follow.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from nonpro.core.rejected_rows import RowProblems
from nonpro.programs.errors import UnreadableData
from nonpro.programs.formats.common import data_set, integer
from nonpro.programs.schemas import ProgramData, TransferRecord
from nonpro.reference.services import try_resolve_country

DATASET = "sipri_trade_register"
SOURCE = "SIPRI Arms Transfers Database (c) SIPRI"
HEADER_START = "Recipient,Supplier,"
COLUMNS = 16
MISSILE_DESCRIPTIONS = frozenset(
    {
        "surface-to-surface missile",
        "surface-to-surface missile launcher",
        "submarine-launched ballistic missile",
        "land-attack missile",
        "anti-ship/land-attack missile",
        "air-to-surface/surface-to-surface missile",
        "anti-ship/surface-to-surface missile",
        "guided rocket",
        "guided rocket/air-to-surface missile",
    }
)


def is_trade_register(path: Path) -> bool:
    if path.suffix.lower() != ".csv":
        return False
    with path.open(encoding="latin-1") as handle:
        head = [line for _, line in zip(range(40), handle, strict=False)]
    return any(line.startswith(HEADER_START) for line in head)


def party_code(name: str) -> str | None:
    """SIPRI names non-state actors ("Houthi rebels (Yemen)*") and groups; those stay unresolved."""
    if name.endswith("*") or name.lower().startswith("unknown"):
        return None
    country = try_resolve_country(name)
    return country.alpha_3 if country is not None else None


class BadDealRow(ValueError):
    """A row of the register that is not a deal; ``line`` is its line in the file."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line = line


def deal_rows(text: str, first_line: int = 1) -> list[tuple[int, list[str]]]:
    """The rows from the header on, each with its line number; a deal that a bare line break in
    its comment split in two is joined again. Raises ``BadDealRow`` naming the line."""
    reader = csv.reader(io.StringIO(text))
    joined: list[tuple[int, list[str]]] = []
    pending: tuple[int, list[str]] | None = None
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as problem:  # a NUL byte, a quote left open at the end
            raise BadDealRow(first_line + reader.line_num - 1, f"not CSV: {problem}") from None
        line = first_line + reader.line_num - 1
        if not row:
            continue
        if pending is not None:
            start, head = pending
            row, line, pending = [*head[:-1], head[-1] + " " + row[0], *row[1:]], start, None
        if len(row) < COLUMNS:
            pending = (line, row)
            continue
        if len(row) > COLUMNS:
            raise BadDealRow(line, f"{len(row)} columns, expected {COLUMNS}")
        joined.append((line, row))
    if pending is not None:
        raise BadDealRow(pending[0], f"the last deal is cut short ({len(pending[1])} columns)")
    return joined


def read(path: Path) -> ProgramData:
    text = path.read_text("latin-1")
    start = text.find(HEADER_START)
    if start < 0:
        raise UnreadableData(str(path), "no 'Recipient,Supplier,...' header row")
    generated = None
    for line in text[:start].splitlines():
        if line.startswith("Data generated:"):
            stamp = line.removeprefix("Data generated:").strip()
            generated = datetime.strptime(stamp[:11], "%d %b %Y").date()
    header_line = text.count("\n", 0, start) + 1
    try:
        rows = deal_rows(text[start:], header_line)[1:]
    except BadDealRow as problem:
        raise UnreadableData(str(path), f"line {problem.line}: {problem}") from None
    transfers, skipped = [], 0
    problems = RowProblems(str(path))
    for number, row in rows:
        with problems.reading(f"line {number}"):
            description = row[7].strip()
            if description not in MISSILE_DESCRIPTIONS:
                skipped += 1
                continue
            ordered, _ = integer(row[4])
            delivered, _ = integer(row[8])
            order_year, _ = integer(row[2])
            transfers.append(
                TransferRecord(
                    recipient_name=row[0].strip(),
                    recipient=party_code(row[0].strip()),
                    supplier_name=row[1].strip(),
                    supplier=party_code(row[1].strip()),
                    order_year=order_year,
                    order_year_uncertain=row[3].strip() == "?",
                    number_ordered=ordered,
                    designation=row[6].strip(),
                    description=description,
                    number_delivered=delivered,
                    delivery_years=[int(y) for y in row[10].replace(" ", "").split(";") if y],
                    status=row[11].strip(),
                    comments=row[12].strip(),
                    source=SOURCE,
                )
            )
    return data_set(
        problems,
        DATASET,
        SOURCE,
        origin=path,
        files=[path],
        data_as_of=generated,
        transfers=transfers,
        skipped=skipped,
    )
