"""The annual report on the proliferation of missiles (NDAA FY1992-93 §1097, 22 U.S.C. 2751 note).

Per country of concern: its ballistic, cruise and UAV programmes, flight tests in the year, its
foreign suppliers (countries from the transfers data, entities from the determinations register),
transfers in and out, determinations naming its entities, export cases (counts only), treaty and
regime status changes. Across the countries: transfers by supplier, the U.S. measures taken in
the year (determinations, waivers, terminations), MTCR and HCOC developments; and a summary.

Unverified: the contents the statute asks for (§1097(b): the status of programmes, their
suppliers, U.S. measures, other suppliers' and MTCR adherents' compliance) follow domain fact 4.4,
which is marked unverified until the text of the 22 U.S.C. 2751 note is checked.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from nonpro.core.errors import InvalidInput
from nonpro.programs import services as programs
from nonpro.programs.schemas import FlightTestQuery
from nonpro.reports import inputs
from nonpro.reports.designations import supplier_entities
from nonpro.reports.figures import by_class, by_month, input_hash, system_rows, test_rows
from nonpro.reports.records import NONE
from nonpro.reports.regimes import regime_changes, regime_meetings, supplier_regimes
from nonpro.reports.schemas import AnnualReport, CountryYear, OfficeRecords, SummaryRow

# The states of the Iran, North Korea, and Syria Nonproliferation Act: the default countries of
# concern; the office can name others (``--country``).
COUNTRIES_OF_CONCERN = ("PRK", "IRN", "SYR")
TITLE = (
    "Annual Report on the Proliferation of Missiles and Essential Components of Nuclear, "
    "Biological, and Chemical Weapons"
)


def _country_year(code: str, *, year: int, as_of: date, session: Session) -> CountryYear:
    start, end = date(year, 1, 1), min(date(year, 12, 31), as_of)
    flown = programs.tests(FlightTestQuery(country=code, start=start, end=end), session=session)
    known = programs.systems(session=session, country=code)
    deals = programs.transfers(session=session, country=code, year=year)
    reported = programs.events(session=session, country=code, start=start, end=end)
    outcomes: dict[str, int] = {}
    for test in flown:
        outcomes[test.outcome] = outcomes.get(test.outcome, 0) + 1
    notes = []
    tested = programs.coverage("flight_tests", code, start=start, end=end, session=session)
    chronicled = programs.coverage("events", code, start=start, end=end, session=session)
    traded = programs.coverage("transfers", code, start=start, end=end, session=session)
    name = inputs.country_name(code)
    for found, words in (
        (tested, "flight tests"),
        (chronicled, "missile events"),
        (traded, "transfers"),
    ):
        if not found.covered:
            notes.append(
                f"No loaded data source covers {name}'s {words} in {year}: no data, not zero."
            )
        elif found.through is not None:
            notes.append(f"The {words} data ends {found.through}: later {words} are not counted.")
    if not known and not flown and tested.covered:
        notes.append("No missile systems or flight tests recorded for this country.")
    # A catalogue without the country's systems says nothing about them unless a data set that
    # covers its tests is loaded: then the absence is an answer, otherwise "no data".
    programmes = system_rows(flown, known, include_untested=True)
    return CountryYear(
        country=code,
        name=name,
        flight_tests=len(flown) if tested.covered else None,
        by_class=by_class(flown),
        by_month=by_month(flown),
        outcomes=dict(sorted(outcomes.items())),
        systems=system_rows(flown, known),
        tests=test_rows(flown),
        reported_missile_events=len(reported) if chronicled.covered else None,
        transfers_in=[inputs.transfer_row(t) for t in deals if t.recipient == code],
        transfers_out=[inputs.transfer_row(t) for t in deals if t.supplier == code],
        determinations=inputs.determinations(
            session=session, start=start, end=end, as_of=end, country=code
        ),
        cases=inputs.case_counts(session=session, start=start, end=end, country=code),
        treaty_changes=inputs.treaty_changes(session=session, country=code, start=start, end=end),
        notes=notes,
        programmes=programmes if programmes or tested.covered else None,
        transfers_covered=traded.covered,
        transfers_through=traded.through,
        supplier_entities=supplier_entities(
            session=session, start=start, end=end, country=code, name=name
        ),
    )


def _summary(country: CountryYear) -> SummaryRow:
    return SummaryRow(
        country=country.country,
        name=country.name,
        flight_tests=country.flight_tests,
        classes=list(country.by_class),
        transfers_in=len(country.transfers_in) if country.transfers_covered else None,
        transfers_out=len(country.transfers_out) if country.transfers_covered else None,
        determinations=len(country.determinations),
        cases_reviewed=country.cases.reviewed if country.cases else None,
        cases_denied=country.cases.denied if country.cases else None,
        treaty_changes=len(country.treaty_changes),
    )


def build_annual(
    year: int,
    *,
    session: Session,
    countries: list[str] | None = None,
    as_of: date | None = None,
    records: OfficeRecords = NONE,
) -> AnnualReport:
    """The report's figures for ``year``, with the data as of ``as_of`` (default: 31 December);
    ``records``: the office's MTCR and HCOC developments (none: "None recorded")."""
    if not 1950 <= year <= 2200:
        raise InvalidInput("year", f"{year} is not a plausible report year")
    day = as_of or date(year, 12, 31)
    if day < date(year, 1, 1):
        raise InvalidInput("as_of", f"{day} is before the report year {year}")
    codes = [programs.resolve_state(c) for c in (countries or COUNTRIES_OF_CONCERN)]
    rows = [_country_year(code, year=year, as_of=day, session=session) for code in codes]
    start, end = date(year, 1, 1), min(date(year, 12, 31), day)
    refs = inputs.input_refs(session=session)
    report = AnnualReport(
        title=TITLE,
        year=year,
        as_of=day,
        countries=rows,
        summary=[_summary(c) for c in rows],
        inputs=[*refs, records.ref] if records.ref else refs,
        measures=inputs.determinations(session=session, start=start, end=end, as_of=end),
        waivers=inputs.actions(session=session, start=start, end=end, kind="waiver"),
        terminations=inputs.actions(session=session, start=start, end=end, kind="termination"),
        regime_changes=regime_changes(session=session, start=start, end=end),
        supplier_regimes=supplier_regimes(
            [t for c in rows for t in [*c.transfers_in, *c.transfers_out]],
            as_of=end,
            session=session,
        ),
        regime_meetings=regime_meetings(session=session, start=start, end=end),
        office_records=records.of({"mtcr", "hcoc"}, start, end),
    )
    report.input_hash = input_hash(report)
    return report
