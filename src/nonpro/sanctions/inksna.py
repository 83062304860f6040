"""Material for the INKSNA six-month report to SFRC and HFAC (INKSNA §§2-4).

The report identifies every foreign person with credible information of a covered transfer, the
measures imposed on each, and, for a person on whom none were imposed, the justification owed to
the committees. The register supplies the measures imposed; the transfers considered come from
evaluations; a justification is left for the officer to write, never invented.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from nonpro.sanctions.notice import long_date
from nonpro.sanctions.schemas import DeterminationOut, Evaluation

JUSTIFICATION_PLACEHOLDER = "[justification for imposing no measures: to be written]"


class ReportLine(BaseModel):
    person: str
    transfer: str
    measures: list[str]
    determination: str | None
    justification: str | None


class InksnaReport(BaseModel):
    period_start: date
    period_end: date
    lines: list[ReportLine]
    unverified: list[str]


def _names(determination: DeterminationOut) -> set[str]:
    return {n.casefold() for e in determination.entities for n in (e.name, *e.aliases)}


def inksna_report(
    register: list[DeterminationOut],
    *,
    period_start: date,
    period_end: date,
    considered: list[Evaluation] | None = None,
) -> InksnaReport:
    """Persons reported for the period: measures imposed under INKSNA, or a justification owed.

    ``register`` is the register as of the period's end (`services.inksna_report` reads it).
    """
    inksna = [
        d
        for d in register
        if any(a.authority == "INKSNA" for a in d.authorities)
        and period_start <= d.determination_date <= period_end
    ]
    lines = [
        ReportLine(
            person="; ".join(e.name for e in d.entities),
            transfer=d.activity,
            measures=d.measures,
            determination=f"{d.id} ({long_date(d.determination_date)}"
            + (f", {d.fr_citation})" if d.fr_citation else ")"),
            justification=None,
        )
        for d in inksna
    ]
    unverified: list[str] = []
    for evaluation in considered or []:
        result = next(a for a in evaluation.authorities if a.authority == "INKSNA")
        if not result.applies:
            continue
        unverified += result.unverified
        if any(evaluation.person.casefold() in _names(d) for d in inksna):
            continue  # already a line with its measures
        lines.append(
            ReportLine(
                person=evaluation.person,
                transfer=f"{evaluation.item.title or 'item'} to "
                f"{evaluation.destination.country_name}",
                measures=[],
                determination=None,
                justification=JUSTIFICATION_PLACEHOLDER,
            )
        )
    return InksnaReport(
        period_start=period_start,
        period_end=period_end,
        lines=lines,
        unverified=sorted(set(unverified)),
    )


def inksna_markdown(report: InksnaReport) -> str:
    out = [
        "# INKSNA report material",
        "",
        f"Period: {long_date(report.period_start)} to {long_date(report.period_end)}. "
        "For the report to SFRC and HFAC (INKSNA §2); measures under §3; justification under §4.",
        "",
        "| Foreign person | Transfer | Measures imposed | Determination | Justification |",
        "|---|---|---|---|---|",
    ]
    for line in report.lines:
        out.append(
            f"| {line.person} | {line.transfer} | {', '.join(line.measures) or 'none'} | "
            f"{line.determination or '—'} | {line.justification or '—'} |"
        )
    if not report.lines:
        out.append("| (no transfers recorded for the period) | | | | |")
    if report.unverified:
        out += ["", "## Unverified facts", "", *(f"- {u}" for u in report.unverified)]
    return "\n".join(out) + "\n"
