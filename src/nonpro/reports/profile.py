"""The country profile: everything nonpro knows about one state's missile programs and standing."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy.orm import Session

from nonpro.programs import services as programs
from nonpro.programs.schemas import FlightTestQuery
from nonpro.reports import inputs
from nonpro.reports.figures import by_class, input_hash, system_rows, test_rows
from nonpro.reports.schemas import CountryProfile

RECENT_TESTS = 25


def build_country_profile(state: str, *, as_of: date, session: Session) -> CountryProfile:
    code = programs.resolve_state(state, "state")
    flown = programs.tests(FlightTestQuery(country=code, end=as_of), session=session)
    known = programs.systems(session=session, country=code)
    deals = programs.transfers(session=session, country=code)
    deals = [t for t in deals if t.order_year is None or t.order_year <= as_of.year]
    reported = programs.events(session=session, country=code, end=as_of)
    notes = []
    name = inputs.country_name(code)
    tested = programs.coverage("flight_tests", code, start=as_of, end=as_of, session=session)
    if not tested.covered:
        notes.append(f"No loaded data source covers {name}'s flight tests: no data, not zero.")
    elif not known and not flown:
        notes.append("No missile systems or flight tests recorded for this country.")
    profile = CountryProfile(
        title=f"Country Profile: {name}",
        country=code,
        name=name,
        as_of=as_of,
        systems=system_rows(flown, known, include_untested=True),
        flight_tests=len(flown) if tested.covered else None,
        tests_by_year=dict(sorted(Counter(str(t.day.year) for t in flown).items())),
        by_class=by_class(flown),
        reported_events_by_year=dict(sorted(Counter(str(e.day.year) for e in reported).items())),
        recent_tests=test_rows(flown[-RECENT_TESTS:]),
        transfers_in=[inputs.transfer_row(t) for t in deals if t.recipient == code],
        transfers_out=[inputs.transfer_row(t) for t in deals if t.supplier == code],
        treaty_status=inputs.treaty_status(session=session, country=code, as_of=as_of),
        determinations=inputs.determinations_of(session=session, as_of=as_of, country=code),
        cases_by_status=inputs.cases_by_status(session=session, country=code),
        notes=notes,
        inputs=inputs.input_refs(session=session),
    )
    profile.input_hash = input_hash(profile)
    return profile
