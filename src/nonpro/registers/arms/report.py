"""The state's annual national report to the UN Register, built from the recorded own transfers.

The report follows the Register's standardized forms: the exports form and the imports form, one
section per category I-VII (IV, V and VII per sub-category), "nil" where nothing is reported, then
the background information (military holdings, procurement through national production) and the
small arms and light weapons forms. It renders as CSV (one row per reported line, the layout in
``REPORT_COLUMNS``; the same layout is read back when another state's report is imported, see
``arms_report_csv``) and as a Word document.
"""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.core.db import column_values
from nonpro.documents import elements as word
from nonpro.documents.docx import write_docx
from nonpro.registers.arms.models import ArmsBackground, ArmsTransfer
from nonpro.registers.arms.rules import CATEGORY_TITLES, SUBCATEGORIES, Category
from nonpro.registers.arms.schemas import SALW, require_state, state_name

MAJOR = [c for c in Category if c not in SALW]
FORM_TITLES = {
    "exports": "Exports",
    "imports": "Imports",
    "holdings": "Background information: military holdings",
    "national_production": "Background information: procurement through national production",
}
PARTNER_HEADINGS = {"exports": "Final importer State(s)", "imports": "Exporter State(s)"}
NIL = "nil"


class ReportLine(BaseModel):
    category: Category
    subcategory: str = ""
    state: str = ""  # the partner's name: final importer (exports) or exporter (imports)
    number_of_items: int | None = None
    state_of_origin: str = ""
    intermediate_location: str = ""
    description: str = ""
    comments: str = ""

    @property
    def items_cell(self) -> str:
        """The number of items as the form prints it: blank where none was reported."""
        return "" if self.number_of_items is None else str(self.number_of_items)

    def transfer_cells(self) -> list[str]:
        """The cells of a transfer form's line after its category, in the form's order."""
        return [
            self.state,
            self.items_cell,
            self.state_of_origin,
            self.intermediate_location,
            self.description,
            self.comments,
        ]


class ReportSection(BaseModel):
    """One block of a form: a category (or sub-category) of a transfer form, or a background
    form; no lines means the state reports "nil" there."""

    form: str  # exports | imports | holdings | national_production
    category: Category | None
    subcategory: str = ""
    title: str
    lines: list[ReportLine]

    @property
    def nil(self) -> bool:
        return not self.lines


class ArmsReport(BaseModel):
    reporting_state: str
    reporting_state_name: str
    year: int
    transfers: int
    sections: list[ReportSection]


def _blocks(categories: list[Category]) -> list[tuple[Category, str]]:
    """Each category, or each of its sub-categories where the forms ask for them separately."""
    return [(c, s) for c in categories for s in (SUBCATEGORIES.get(c) or ("",))]


def _line(t: ArmsTransfer) -> ReportLine:
    partner = t.importer_name if t.direction == "export" else t.exporter_name
    return ReportLine.model_validate({**column_values(t), "state": partner})


def _transfer_sections(
    form: str, transfers: list[ArmsTransfer], cats: list[Category]
) -> list[ReportSection]:
    direction = form.removesuffix("s")
    sections = []
    for category, sub in _blocks(cats):
        # Sub-categories split IV, V and VII into blocks; SALW's free-text ones do not.
        lines = [
            _line(t)
            for t in transfers
            if t.direction == direction
            and t.category == category
            and (t.subcategory == sub or category not in SUBCATEGORIES)
        ]
        title = sub if sub else CATEGORY_TITLES[category]
        sections.append(
            ReportSection(form=form, category=category, subcategory=sub, title=title, lines=lines)
        )
    return sections


def build_report(year: int, *, session: Session, state: str = "USA") -> ArmsReport:
    """The national report of ``state`` for ``year`` from its own recorded transfers."""
    code = require_state(state, "state")
    transfers = list(
        session.scalars(
            select(ArmsTransfer)
            .where(ArmsTransfer.source_kind == "own")
            .where(ArmsTransfer.reporting_state == code, ArmsTransfer.year == year)
            .order_by(ArmsTransfer.importer_name, ArmsTransfer.exporter_name, ArmsTransfer.id)
        )
    )
    background = list(
        session.scalars(
            select(ArmsBackground)
            .where(ArmsBackground.reporting_state == code, ArmsBackground.year == year)
            .order_by(ArmsBackground.kind, ArmsBackground.category)
        )
    )
    sections = _transfer_sections("exports", transfers, MAJOR)
    sections += _transfer_sections("imports", transfers, MAJOR)
    for kind in ("holdings", "national_production"):
        lines = [
            ReportLine(
                category=Category(b.category),
                number_of_items=b.number_of_items,
                description=b.description,
                comments=b.remarks,
            )
            for b in background
            if b.kind == kind
        ]
        lines.sort(key=lambda line: list(Category).index(line.category))
        sections.append(
            ReportSection(form=kind, category=None, title=FORM_TITLES[kind], lines=lines)
        )
    sections += _transfer_sections("exports", transfers, list(SALW))
    sections += _transfer_sections("imports", transfers, list(SALW))
    return ArmsReport(
        reporting_state=code,
        reporting_state_name=state_name(code),
        year=year,
        transfers=len(transfers),
        sections=sections,
    )


def to_docx(report: ArmsReport) -> bytes:
    """The report as a Word document: one table per form, categories as rows, "nil" kept."""
    title = f"Report to the United Nations Register of Conventional Arms, {report.year}"
    blocks: list[word.Block] = [
        word.Heading(title, level=1),
        word.Paragraph.of(
            f"Reporting State: {report.reporting_state_name} ({report.reporting_state})"
        ),
        word.Paragraph.of(f"Calendar year: {report.year}"),
    ]
    by_form: dict[str, list[ReportSection]] = {}
    for section in report.sections:
        salw = section.category in SALW
        by_form.setdefault(("salw_" if salw else "") + section.form, []).append(section)
    for form, sections in by_form.items():
        base = form.removeprefix("salw_")
        prefix = "Small arms and light weapons: " if form.startswith("salw_") else ""
        blocks.append(word.Heading(prefix + FORM_TITLES[base], level=2))
        if base in PARTNER_HEADINGS:
            header = [
                "Category (I-VII)",
                PARTNER_HEADINGS[base],
                "Number of items",
                "State of origin (if not exporter)",
                "Intermediate location(s) (if any)",
                "Description of item",
                "Comments on the transfer",
            ]
        else:
            header = ["Category (I-VII)", "Number of items", "Description of item", "Remarks"]
        rows = [row for section in sections for row in _docx_rows(section, base, len(header))]
        blocks.append(word.Table(header, rows))
    return write_docx(word.Document(title, blocks))


def _label(line: ReportLine) -> str:
    """The row's category as the form names it: "VII.b MANPADS", "Small arms: rifles"."""
    title = CATEGORY_TITLES[line.category]
    if line.category in SUBCATEGORIES:
        return line.subcategory or title
    return f"{title}: {line.subcategory}" if line.subcategory else title


def _docx_rows(section: ReportSection, base: str, width: int) -> list[list[str]]:
    if section.nil:
        label = section.title if section.category is not None else ""
        return [[label, NIL, *([""] * (width - 2))]]
    rows = []
    for line in section.lines:
        label = _label(line)
        if base in PARTNER_HEADINGS:
            rows.append([label, *line.transfer_cells()])
        else:
            rows.append([label, line.items_cell, line.description, line.comments])
    return rows
