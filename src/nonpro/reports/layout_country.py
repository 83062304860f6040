"""One country of concern in the annual report: its programmes by kind, flight tests, foreign
suppliers, transfers, determinations, export cases and treaty changes, each a subsection with a
stable id (``country-PRK-tests``)."""

from __future__ import annotations

from nonpro.reports import layout_common as c
from nonpro.reports.document import Block, Paragraph, Section, Table
from nonpro.reports.layout_charts import BALLISTIC, tests_by_month_and_class
from nonpro.reports.schemas import CountryYear, SystemRow, TransferRow


def _programme(
    country: CountryYear, kinds: set[str], words: str, year: int, *, absence_known: bool
) -> list[Block]:
    """``absence_known``: a loaded source covering the country records this kind of system, so
    finding none is an answer; otherwise finding none is no data (CNS records ballistic tests,
    no loaded source records cruise missiles as a whole)."""
    systems: list[SystemRow] = [s for s in country.programmes or [] if s.missile_class in kinds]
    if country.programmes is None or (not systems and not absence_known):
        return [
            Paragraph(
                f"No loaded data source describes {country.name}'s {words} programmes: "
                "no data, not none."
            )
        ]
    tested = [s for s in systems if s.tests]
    text = (
        f"The sources record {len(systems)} {words} systems of {country.name}; "
        f"{len(tested)} of them flew in {year} (Source: {c.CNS})."
        if systems
        else f"The sources record no {words} system of {country.name} (Source: {c.CNS})."
    )
    return [Paragraph(text), c.systems_table(systems, f"{country.name}: {words} systems")]


def _tests(country: CountryYear, year: int) -> list[Block]:
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
    blocks: list[Block] = [Paragraph(f"In {year}, {tests}; {events}.")]
    blocks.extend(Paragraph(note) for note in country.notes)
    if country.flight_tests:
        blocks.append(tests_by_month_and_class(country.name, year, country.tests))
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
    return blocks


def _by_supplier(rows: list[TransferRow]) -> dict[str, list[TransferRow]]:
    found: dict[str, list[TransferRow]] = {}
    for row in rows:
        found.setdefault(row.supplier, []).append(row)
    return dict(sorted(found.items()))


def _suppliers(country: CountryYear, year: int) -> list[Block]:
    entities = Table(
        caption=f"Foreign entities determined in {year} whose recorded activity names "
        f"{country.name}",
        headers=["Entity", "Country", "Date", "Activity", "Authorities", "Federal Register"],
        rows=[
            [
                r.entity,
                r.entity_country or "unknown",
                r.date.isoformat(),
                r.activity,
                ", ".join(r.authorities),
                r.fr_citation or "—",
            ]
            for r in country.supplier_entities
        ],
        source="nonpro sanctions register (the activity as recorded names the country)",
        empty="None recorded in the register.",
    )
    if not country.transfers_covered:
        return [
            Paragraph(
                f"No loaded data source covers transfers to {country.name} in {year}: "
                "supplier countries are no data, not none."
            ),
            entities,
        ]
    suppliers = _by_supplier(country.transfers_in)
    span = c.up_to(year, country.transfers_through)
    text = (
        f"The transfers data records deliveries or orders from {len(suppliers)} supplier "
        f"countries to {country.name} in {span} (Source: {c.SIPRI})."
        if suppliers
        else f"The transfers data records no supplier of missiles or launchers to "
        f"{country.name} in {span} (Source: {c.SIPRI})."
    )
    countries = Table(
        caption=f"Supplier countries of {country.name}, {year}",
        headers=["Supplier", "Designations", "Deals"],
        rows=[
            [name, ", ".join(sorted({r.designation for r in rows})), str(len(rows))]
            for name, rows in suppliers.items()
        ],
        source=c.SIPRI,
        empty="No supplier recorded.",
    )
    return [Paragraph(text), countries, entities]


def country_section(country: CountryYear, year: int) -> Section:
    key = f"country-{country.country}"
    cases = (
        f"Export cases to {country.name} decided in {year}: {country.cases.reviewed} reviewed, "
        f"{country.cases.denied} denied (counts only; Source: nonpro cases)."
        if country.cases
        else "Export cases: no data recorded."
    )
    transfers: list[Block] = [
        c.transfers_table(country.transfers_in, f"Transfers to {country.name}"),
        c.transfers_table(country.transfers_out, f"Transfers from {country.name}"),
    ]
    if not country.transfers_covered:
        transfers = [
            Paragraph(
                f"No loaded data source covers transfers to or from {country.name} in {year}: "
                "no data, not none."
            )
        ]
    return Section(
        id=key,
        title=country.name,
        subsections=[
            Section(
                f"{key}-ballistic",
                "Ballistic missile programmes",
                _programme(country, BALLISTIC, "ballistic missile", year, absence_known=True),
            ),
            Section(
                f"{key}-cruise",
                "Cruise missile programmes",
                _programme(country, {"cruise"}, "cruise missile", year, absence_known=False),
            ),
            Section(
                f"{key}-uav",
                "Unmanned aerial vehicle programmes",
                [
                    Paragraph(
                        f"No loaded data source records {country.name}'s unmanned aerial "
                        "vehicle programmes: no data, not none."
                    )
                ],
            ),
            Section(f"{key}-tests", "Flight tests", _tests(country, year)),
            Section(
                f"{key}-suppliers",
                "Foreign suppliers of missile equipment and technology",
                _suppliers(country, year),
            ),
            Section(f"{key}-transfers", "Transfers of missiles and launchers", transfers),
            Section(
                f"{key}-determinations",
                "Determinations naming its entities",
                [c.determinations_table(country.determinations, f"Determinations in {year}")],
            ),
            Section(f"{key}-cases", "Export cases reviewed and denied", [Paragraph(cases)]),
            Section(
                f"{key}-treaties",
                "Treaty and regime status changes",
                [c.treaty_table(country.treaty_changes, f"Changes in {year}")],
            ),
        ],
    )
