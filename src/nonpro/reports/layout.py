"""The annual report as a document: summary, a section per country, sources."""

from __future__ import annotations

from nonpro.reports import layout_common as c
from nonpro.reports.document import Document, Figure, Paragraph, Section, Table
from nonpro.reports.schemas import AnnualReport, CountryYear


def _country_section(number: str, country: CountryYear, year: int) -> Section:
    months = list(country.by_month.values())
    classes = ", ".join(f"{n} {k}" for k, n in country.by_class.items()) or "none"
    tests = (
        f"{country.name} conducted {country.flight_tests} missile flight tests recorded in the "
        f"CNS database ({classes})"
        if country.flight_tests is not None
        else f"no loaded data source records {country.name}'s missile flight tests"
    )
    events = (
        f"chronologies reported {country.reported_missile_events} missile events"
        if country.reported_missile_events is not None
        else "no loaded chronology covers its missile events"
    )
    blocks: list[Paragraph | Table | Figure] = [Paragraph(f"In {year}, {tests}; {events}.")]
    blocks.extend(Paragraph(note) for note in country.notes)
    if country.flight_tests:
        blocks.append(
            c.counts_figure(
                dict(zip(c.MONTHS, months, strict=True)),
                caption=f"{country.name}: flight tests per month, {year}",
                alt_subject=f"{country.name}'s flight tests per month in {year}",
                label="Month",
                source=c.CNS,
            )
        )
        blocks.append(
            c.counts_figure(
                country.by_class,
                caption=f"{country.name}: flight tests by class, {year}",
                alt_subject=f"{country.name}'s flight tests by missile class in {year}",
                label="Class",
                source=c.CNS,
            )
        )
        reach = {s.name: int(s.max_distance_km or 0) for s in country.systems}
        blocks.append(
            c.counts_figure(
                reach,
                caption=f"{country.name}: longest distance flown per system, {year} (km)",
                alt_subject="the longest distance each system flew, in kilometres",
                label="System",
                source=c.CNS,
                horizontal=True,
                value_label="Kilometres",
            )
        )
    blocks.append(c.systems_table(country.systems, f"Missile systems tested in {year}"))
    blocks.append(c.tests_table(country.tests, f"Flight tests in {year}"))
    cases = (
        f"Export cases to {country.name} decided in {year}: {country.cases.reviewed} reviewed, "
        f"{country.cases.denied} denied (counts only)."
        if country.cases
        else "Export cases: no data recorded."
    )
    return Section(
        number=number,
        title=country.name,
        subsections=[
            Section(f"{number}.1", "Missile systems and flight tests", blocks),
            Section(
                f"{number}.2",
                "Transfers of missiles and launchers",
                [
                    c.transfers_table(country.transfers_in, f"Transfers to {country.name}"),
                    c.transfers_table(country.transfers_out, f"Transfers from {country.name}"),
                ],
            ),
            Section(
                f"{number}.3",
                "Sanctions determinations made",
                [c.determinations_table(country.determinations, f"Determinations in {year}")],
            ),
            Section(f"{number}.4", "Export cases reviewed and denied", [Paragraph(cases)]),
            Section(
                f"{number}.5",
                "Treaty and regime status changes",
                [c.treaty_table(country.treaty_changes, f"Changes in {year}")],
            ),
        ],
    )


def annual_document(report: AnnualReport) -> Document:
    summary = Table(
        caption=f"Summary across countries of concern, {report.year}",
        headers=[
            "Country",
            "Flight tests",
            "Classes",
            "Transfers in",
            "Transfers out",
            "Determinations",
            "Cases reviewed",
            "Cases denied",
            "Treaty changes",
        ],
        rows=[
            [
                r.name,
                c.count(r.flight_tests),
                ", ".join(r.classes) or "—",
                str(r.transfers_in),
                str(r.transfers_out),
                str(r.determinations),
                c.count(r.cases_reviewed),
                c.count(r.cases_denied),
                str(r.treaty_changes),
            ]
            for r in report.summary
        ],
        source=f"{c.CNS}; {c.SIPRI}; nonpro sanctions, cases and treaties",
    )
    intro = Section(
        "1",
        "Introduction and summary",
        [
            Paragraph(
                "Section 1097 of the National Defense Authorization Act for Fiscal Years 1992 and "
                "1993 (Pub. L. 102-190; 22 U.S.C. 2751 note) calls for an annual report on the "
                "transfer by any country of weapons, technology, or materials that can be used to "
                "deliver, manufacture, or weaponize nuclear, biological, or chemical weapons. This "
                f"report covers calendar year {report.year} for the countries of concern below."
            ),
            summary,
        ],
    )
    countries = [
        _country_section(str(i), country, report.year)
        for i, country in enumerate(report.countries, start=2)
    ]
    tail = c.inputs_section(str(len(countries) + 2), report.inputs, report.input_hash)
    return c.report_document(report, f"Calendar year {report.year}", [intro, *countries, tail])
