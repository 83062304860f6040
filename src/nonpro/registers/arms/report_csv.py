"""The national report as CSV, and reading another state's report in the same layout.

One row per reported line, with a header row of the columns in ``REPORT_COLUMNS``:

- ``Reporting State``, ``Calendar year``: whose report and which year (checked against the
  state and year given on import when filled in);
- ``Form``: ``exports``, ``imports``, ``holdings`` or ``national_production``;
- ``Category``: ``I``..``VII`` or the title ("I. Battle tanks"), ``Small arms``, ``Light weapons``;
- ``Sub-category``: ``IV.a manned``, ``VII.b MANPADS``, ... (required for IV, V and VII transfers);
- ``Final importer/exporter State(s)``: the final importer on the exports form, the exporter on
  the imports form; ``nil`` there marks a category with nothing to report (the row is skipped);
- ``Number of items``, ``State of origin (if not exporter)``, ``Intermediate location(s) (if any)``,
  ``Description of item``, ``Comments on the transfer`` (remarks, on background rows).

A report exported by one state can therefore be imported as another state's report.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from nonpro.core.errors import InvalidInput
from nonpro.core.rejected_rows import RowProblems
from nonpro.documents.spreadsheet import csv_text, restore
from nonpro.reference.errors import UnknownCountry
from nonpro.registers.arms.report import NIL, ArmsReport, ReportLine
from nonpro.registers.arms.rules import CATEGORY_TITLES, parse_category
from nonpro.registers.arms.schemas import require_state, subcategory_of
from nonpro.registers.errors import UnreadableRegisterFile

REPORT_COLUMNS = (
    "Reporting State",
    "Calendar year",
    "Form",
    "Category",
    "Sub-category",
    "Final importer/exporter State(s)",
    "Number of items",
    "State of origin (if not exporter)",
    "Intermediate location(s) (if any)",
    "Description of item",
    "Comments on the transfer",
)
PARTNER = "Final importer/exporter State(s)"
FORMS = ("exports", "imports", "holdings", "national_production")
MAX_BYTES = 5 * 1024 * 1024


def to_csv(report: ArmsReport) -> str:
    """The report as CSV; a description or comment cannot run as a spreadsheet formula."""
    head = [report.reporting_state, report.year]
    rows: list[list[object]] = []
    for section in report.sections:
        if section.nil:
            category = CATEGORY_TITLES[section.category] if section.category else ""
            rows.append(
                [*head, section.form, category, section.subcategory, NIL, "", "", "", "", ""]
            )
        rows.extend(
            [
                *head,
                section.form,
                CATEGORY_TITLES[line.category],
                line.subcategory,
                *line.transfer_cells(),
            ]
            for line in section.lines
        )
    return csv_text(REPORT_COLUMNS, rows)


@dataclass
class ParsedLine:
    form: str
    line: ReportLine
    partner: str | None  # alpha-3 of the partner; None on background rows


@dataclass
class ParsedReport:
    lines: list[ParsedLine] = field(default_factory=list)
    nil_rows: int = 0


def refuse_nul(path: Path, text: str) -> str:
    """A NUL is never text (and PostgreSQL refuses to store one): name its line."""
    at = text.find("\x00")
    if at >= 0:
        line = text.count("\n", 0, at) + 1
        raise UnreadableRegisterFile(str(path), "a NUL byte: not a text file", line)
    return text


def _text(path: Path) -> str:
    if not path.is_file():
        raise UnreadableRegisterFile(str(path), "file not found")
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise UnreadableRegisterFile(str(path), f"larger than {MAX_BYTES // 1024 // 1024} MiB")
    try:
        return refuse_nul(path, raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return refuse_nul(path, raw.decode("latin-1"))  # older spreadsheets still write this


def parse_report_csv(path: Path, *, state: str, year: int, problems: RowProblems) -> ParsedReport:
    """Every reported line of the file that can be read; each bad row goes to ``problems``,
    named by line and column (the caller decides whether the rest is stored)."""
    reader = csv.reader(io.StringIO(_text(path)))
    parsed = ParsedReport()
    try:
        header = [h.strip().casefold() for h in next(reader, [])]
        if header != [c.casefold() for c in REPORT_COLUMNS]:
            expected = ", ".join(REPORT_COLUMNS)
            raise UnreadableRegisterFile(str(path), f"the header row must be: {expected}", 1)
        for row in reader:
            if any(cell.strip() for cell in row):
                with problems.reading(f"line {reader.line_num}"):
                    _read_row(row, state=state, year=year, into=parsed)
    except csv.Error as problem:  # an unclosed quote: the rest of the file cannot be split
        raise UnreadableRegisterFile(str(path), str(problem), reader.line_num) from None
    return parsed


def _read_row(row: list[str], *, state: str, year: int, into: ParsedReport) -> None:
    if len(row) != len(REPORT_COLUMNS):
        raise ValueError(f"{len(row)} columns, expected {len(REPORT_COLUMNS)}")
    # restore: a cell this module neutralised on export reads back as the text it was.
    cells = dict(zip(REPORT_COLUMNS, (restore(c.strip()) for c in row), strict=True))
    if cells["Reporting State"]:
        try:
            named = require_state(cells["Reporting State"], "Reporting State")
        except UnknownCountry as problem:
            raise InvalidInput("Reporting State", problem.problem) from None
        if named != state:
            raise InvalidInput("Reporting State", f"says {named}, the import is for {state}")
    if cells["Calendar year"] and cells["Calendar year"] != str(year):
        raise InvalidInput("Calendar year", f"says {cells['Calendar year']}, expected {year}")
    form = cells["Form"].casefold()
    if form not in FORMS:
        raise InvalidInput("Form", f"{cells['Form']!r} is not one of {', '.join(FORMS)}")
    partner_cell = cells["Final importer/exporter State(s)"]
    if partner_cell.casefold() == NIL:
        into.nil_rows += 1
        return
    try:
        category = parse_category(cells["Category"])
    except ValueError as problem:
        raise InvalidInput("Category", str(problem)) from None
    try:
        subcategory = subcategory_of(category, cells["Sub-category"]) if form in FORMS[:2] else ""
    except ValueError as problem:
        raise InvalidInput("Sub-category", str(problem)) from None
    partner = None
    if form in FORMS[:2]:
        try:
            partner = require_state(partner_cell, "Final importer/exporter State(s)")
        except UnknownCountry as problem:
            raise InvalidInput(PARTNER, problem.problem) from None
        if partner == state:
            raise InvalidInput(PARTNER, "the reporting state itself")
    number_cell = cells["Number of items"]
    if number_cell and not number_cell.replace(",", "").isdigit():
        raise InvalidInput("Number of items", f"{number_cell!r} is not a whole number >= 0")
    line = ReportLine(
        category=category,
        subcategory=subcategory,
        state=partner_cell if partner else "",
        number_of_items=int(number_cell.replace(",", "")) if number_cell else None,
        state_of_origin=cells["State of origin (if not exporter)"],
        intermediate_location=cells["Intermediate location(s) (if any)"],
        description=cells["Description of item"],
        comments=cells["Comments on the transfer"],
    )
    into.lines.append(ParsedLine(form=form, line=line, partner=partner))
