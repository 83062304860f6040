"""Mirror data: the exporter's and the importer's reports of the same transfers, side by side.

For a year, every export a state reported is matched with the imports its partner reported, by
(exporter, importer, category); several lines of one report for the same key are added up. A row
shows where the two sides disagree: only one side reported it, or the numbers differ. Whether the
silent side's report for the year is held here at all is said, since a missing report is not a
denial. The SIPRI figure for the same key and year is shown alongside when SIPRI is imported; it
is exact only for deals delivered in one year (see ``sipri``). Deliveries only SIPRI
records are not rows: the view compares states' reports.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.registers.arms.models import ArmsBackground, ArmsDataset, ArmsTransfer
from nonpro.registers.arms.rules import CATEGORY_TITLES, Category
from nonpro.registers.arms.schemas import (
    STATUSES,
    MirrorRow,
    MirrorView,
    Side,
    Status,
    require_state,
)

Key = tuple[str | None, str | None, str]


def _side(transfers: list[ArmsTransfer]) -> Side:
    if not transfers:
        return Side(reported=False, reporting_state=None, number=None, lines=0, sources=[])
    numbers = [t.number_of_items for t in transfers]
    total = None if any(n is None for n in numbers) else sum(n for n in numbers if n is not None)
    sources = sorted({t.source or "own records" for t in transfers})
    return Side(
        reported=True,
        reporting_state=transfers[0].reporting_state,
        number=total,
        lines=len(transfers),
        sources=sources,
    )


def _says(number: int | None) -> str:
    return "an unstated number of" if number is None else str(number)


def _sipri(deals: list[ArmsTransfer]) -> tuple[int | None, str]:
    if not deals:
        return None, ""
    numbers = [d.number_of_items for d in deals]
    total = None if any(n is None for n in numbers) else sum(n for n in numbers if n is not None)
    notes = "; ".join(f"{d.description}: {d.remarks}" for d in deals)
    return total, f"SIPRI: {notes}"


def _explain(row: MirrorRow, category: str) -> str:
    exp, imp = row.exporter_side, row.importer_side
    ex, im = row.exporter or row.exporter_name, row.importer or row.importer_name
    parts = []
    if exp.reported:
        parts.append(
            f"{ex} reported exporting {_says(exp.number)} {category} to {im} "
            f"({'; '.join(exp.sources)})"
        )
    if imp.reported:
        parts.append(
            f"{im} reported importing {_says(imp.number)} {category} from {ex} "
            f"({'; '.join(imp.sources)})"
        )
    if row.status == "agree":
        verdict = "The two reports agree."
    elif row.status == "numbers_differ":
        gap = (
            f" by {abs((exp.number or 0) - (imp.number or 0))}"
            if exp.number is not None and imp.number is not None
            else ""
        )
        verdict = f"The numbers differ{gap}."
    else:
        silent = im if row.status == "exporter_only" else ex
        what = "import" if row.status == "exporter_only" else "export"
        verdict = (
            f"{silent}'s report for {row.year} does not list this {what}."
            if row.counterpart_report_held
            else f"No report of {silent} for {row.year} is held here to compare with."
        )
    if row.sipri_note:
        verdict += f" {row.sipri_note}."
    return "; ".join(parts) + ". " + verdict


def mirror(year: int, *, session: Session, state: str | None = None) -> MirrorView:
    """Exporter-reported exports against importer-reported imports for ``year``."""
    code = require_state(state, "state") if state else None
    reported = session.scalars(
        select(ArmsTransfer).where(
            ArmsTransfer.year == year, ArmsTransfer.source_kind.in_(("own", "state_report"))
        )
    ).all()
    # A report is held for a state that reported any line, imported a (possibly nil) report,
    # or gave background information for the year.
    held = {t.reporting_state for t in reported if t.reporting_state}
    held |= set(
        session.scalars(
            select(ArmsDataset.reporting_state).where(
                ArmsDataset.kind == "state_report", ArmsDataset.year == year
            )
        )
    )
    held |= set(
        session.scalars(select(ArmsBackground.reporting_state).where(ArmsBackground.year == year))
    )
    sides: dict[str, dict[Key, list[ArmsTransfer]]] = {
        "export": defaultdict(list),
        "import": defaultdict(list),
    }
    for t in reported:
        sides[t.direction][(t.exporter, t.importer, t.category)].append(t)
    sipri_imported = (
        session.scalars(select(ArmsDataset.id).where(ArmsDataset.kind == "sipri")).first()
        is not None
    )
    sipri: dict[Key, list[ArmsTransfer]] = defaultdict(list)
    if sipri_imported:
        for d in session.scalars(
            select(ArmsTransfer).where(
                ArmsTransfer.source_kind == "sipri", ArmsTransfer.year == year
            )
        ):
            sipri[(d.exporter, d.importer, d.category)].append(d)
    keys = set(sides["export"]) | set(sides["import"])
    if code:
        keys = {k for k in keys if code in (k[0], k[1])}
    rows = [_row(year, k, sides, sipri, held) for k in keys]
    rows.sort(
        key=lambda r: (
            r.status == "agree",
            r.exporter_name,
            r.importer_name,
            list(Category).index(r.category),
        )
    )
    counts = {s: sum(r.status == s for r in rows) for s in STATUSES}
    incomplete = [
        f"{d.reporting_state + f' report for {year}' if d.reporting_state else 'SIPRI register'}:"
        f" {d.counts['refused_rows']} row(s) refused on import ({d.origin})"
        for d in session.scalars(
            select(ArmsDataset).where(
                (ArmsDataset.kind == "sipri")
                | ((ArmsDataset.kind == "state_report") & (ArmsDataset.year == year))
            )
        )
        if d.counts.get("refused_rows")
    ]
    return MirrorView(
        year=year,
        state=code,
        reports_held=sorted(held),
        incomplete=sorted(incomplete),
        sipri_imported=sipri_imported,
        counts=counts,
        rows=rows,
    )


def _row(
    year: int,
    key: Key,
    sides: dict[str, dict[Key, list[ArmsTransfer]]],
    sipri: dict[Key, list[ArmsTransfer]],
    held: set[str],
) -> MirrorRow:
    exports, imports = sides["export"].get(key, []), sides["import"].get(key, [])
    exp, imp = _side(exports), _side(imports)
    first = (exports or imports)[0]
    if exp.reported and imp.reported:
        status: Status = "agree" if exp.number == imp.number else "numbers_differ"
        counterpart = True
    elif exp.reported:
        status, counterpart = "exporter_only", key[1] in held
    else:
        status, counterpart = "importer_only", key[0] in held
    category = Category(key[2])
    sipri_number, sipri_note = _sipri(sipri.get(key, []))
    row = MirrorRow(
        year=year,
        exporter=key[0],
        exporter_name=first.exporter_name,
        importer=key[1],
        importer_name=first.importer_name,
        category=category,
        category_title=CATEGORY_TITLES[category],
        status=status,
        exporter_side=exp,
        importer_side=imp,
        counterpart_report_held=counterpart,
        sipri_number=sipri_number,
        sipri_note=sipri_note,
        explanation="",
    )
    title = CATEGORY_TITLES[category].split(". ", 1)[-1].lower()
    row.explanation = _explain(row, f"items of category {category.value} ({title})")
    return row
