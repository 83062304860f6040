"""The SIPRI trade register (CSV export) as a comparison data set for the UN Register.

SIPRI records deals, not yearly reports: a deal gives the total number delivered and the years in
which deliveries took place, never the split by year. So each deal becomes one transfer per
delivery year (source ``sipri``, direction ``export`` as seen from the supplier):

- one delivery year: the number is SIPRI's number delivered, exact;
- several delivery years: the number is left empty and the remark says so plainly, e.g.
  "12 delivered over 2018-2020 (SIPRI gives no split by year)". Nothing is divided or guessed.

Deals whose weapon description is not in ``SIPRI_CATEGORIES`` (transport aircraft, radars,
engines, anti-tank missiles, SAMs other than portable ones, ...) fall outside the Register's
categories and are skipped and counted, as are deals with no delivery recorded.

The file layout (a preamble before the header, Latin-1, comments split over lines) is the one
``nonpro.programs.formats.sipri`` reads for the missile programs; here every row keeps its line
number so that a bad row is reported with the line at fault. A bad deal is refused and the
others stored (none with ``strict``); the data set's counts say how many were refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core.errors import InvalidInput
from nonpro.core.rejected_rows import RowProblems
from nonpro.programs.formats.sipri import HEADER_START, SOURCE, BadDealRow, deal_rows, party_code
from nonpro.registers.arms.models import ArmsDataset, ArmsTransfer
from nonpro.registers.arms.report_csv import refuse_nul
from nonpro.registers.arms.rules import SIPRI_CATEGORIES
from nonpro.registers.arms.schemas import DatasetOut
from nonpro.registers.arms.transfers import new_dataset
from nonpro.registers.audit_log import LOG
from nonpro.registers.errors import UnreadableRegisterFile


@dataclass
class SipriDeliveries:
    """What was read: one dict per transfer row to insert, and the counts."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _years_text(years: list[int]) -> str:
    contiguous = years == list(range(years[0], years[-1] + 1))
    return f"{years[0]}\u2013{years[-1]}" if contiguous else ", ".join(map(str, years))


def _whole(value: str, column: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    if not text.isdigit():
        raise InvalidInput(column, f"{value!r} is not a whole number")
    return int(text)


def read_trade_register(path: Path, problems: RowProblems) -> SipriDeliveries:
    """Parse the whole file before anything is stored; every bad deal goes to ``problems``,
    named by its line."""
    if not path.is_file():
        raise UnreadableRegisterFile(str(path), "file not found")
    text = refuse_nul(path, path.read_text("latin-1"))
    start = text.find(HEADER_START)
    if start < 0:
        raise UnreadableRegisterFile(str(path), f"no header row starting {HEADER_START!r}")
    header_line = text.count("\n", 0, start) + 1
    try:
        records = deal_rows(text[start:], header_line)
    except BadDealRow as problem:
        raise UnreadableRegisterFile(str(path), str(problem), problem.line) from None
    read = SipriDeliveries(
        counts=dict.fromkeys(
            (
                "deals",
                "deals_in_register_categories",
                "skipped_other_descriptions",
                "skipped_no_deliveries",
                "transfers",
                "exact_numbers",
                "spread_over_years",
                "unresolved_parties",
            ),
            0,
        )
    )
    for number, row in records[1:]:
        with problems.reading(f"line {number}"):
            deal = SipriDeliveries(counts=dict.fromkeys(read.counts, 0))
            _read_deal(row, deal)
            # Only a deal read whole is counted and kept.
            read.rows.extend(deal.rows)
            for key, value in deal.counts.items():
                read.counts[key] += value
    read.counts["refused_rows"] = problems.rows_refused
    return read


def _read_deal(row: list[str], read: SipriDeliveries) -> None:
    counts = read.counts
    counts["deals"] += 1
    description = row[7].strip()
    mapped = SIPRI_CATEGORIES.get(description)
    if mapped is None:
        counts["skipped_other_descriptions"] += 1
        return
    counts["deals_in_register_categories"] += 1
    delivered = _whole(row[8], "Number delivered")
    years = []
    for part in row[10].replace(" ", "").split(";"):
        if part and not (part.isdigit() and 1900 <= int(part) <= 2100):
            raise InvalidInput("Year(s) of delivery", f"{part!r} is not a year")
        if part:
            years.append(int(part))
    if not years or not delivered:
        counts["skipped_no_deliveries"] += 1
        return
    years.sort()
    supplier, recipient = row[1].strip(), row[0].strip()
    exporter, importer = party_code(supplier), party_code(recipient)
    counts["unresolved_parties"] += (exporter is None) + (importer is None)
    doubt = " (SIPRI marks the number uncertain)" if row[9].strip() == "?" else ""
    exact = len(years) == 1
    remark = (
        f"{delivered} delivered in {years[0]}{doubt}"
        if exact
        else f"{delivered} delivered over {_years_text(years)} "
        f"(SIPRI gives no split by year){doubt}"
    )
    counts["exact_numbers" if exact else "spread_over_years"] += 1
    category, subcategory = mapped
    for year in years:
        read.rows.append(
            {
                "source_kind": "sipri",
                "reporting_state": None,
                "direction": "export",
                "year": year,
                "category": category.value,
                "subcategory": subcategory,
                "exporter": exporter,
                "exporter_name": supplier,
                "importer": importer,
                "importer_name": recipient,
                "number_of_items": delivered if exact else None,
                "state_of_origin": "",
                "intermediate_location": "",
                "description": f"{row[6].strip()} ({description})",
                "comments": row[12].strip(),
                "remarks": remark,
                "source": SOURCE,
            }
        )
        counts["transfers"] += 1


def import_trade_register(
    path: Path, *, session: Session, actor: Principal, origin: str = "", strict: bool = False
) -> DatasetOut:
    """Replace the SIPRI data set with the file's deliveries, in the caller's transaction; bad
    deals are refused and reported (``strict``: the whole file is refused)."""
    require(actor, Permission.MANAGE_MULTILATERAL)
    problems = RowProblems(origin or str(path))
    read = read_trade_register(path, problems)
    problems.settle(strict=strict)  # a refused file stops here, the old data set untouched
    previous = list(session.scalars(select(ArmsDataset).where(ArmsDataset.kind == "sipri")))
    for old in previous:
        session.execute(delete(ArmsTransfer).where(ArmsTransfer.dataset_id == old.id))
        session.delete(old)
    session.flush()
    dataset = new_dataset(path, "sipri", read.counts, origin=origin, session=session, actor=actor)
    if read.rows:
        rows = [{**r, "dataset_id": dataset.id, "created_by": actor.username} for r in read.rows]
        session.execute(insert(ArmsTransfer), rows)
    LOG.record(
        session,
        actor,
        "arms.import_sipri",
        f"arms:dataset:{dataset.id}",
        {
            "origin": dataset.origin,
            "file_hash": dataset.file_hash,
            "counts": read.counts,
            "replaced": [str(d.id) for d in previous],
            **problems.audit(),
        },
    )
    stored = problems.rows_read - problems.rows_refused
    return DatasetOut.model_validate(dataset).model_copy(update={"report": problems.report(stored)})
