"""Questions by country, year and class; the country summary case assessment reads."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core.errors import InvalidInput
from nonpro.programs import services
from nonpro.programs.schemas import FlightTestQuery, MissileClass
from tests.programs.data import cns_year, load_all


def test_queries_and_summary(db_session: Session, operator: Principal, shared_data: Path) -> None:
    load_all(shared_data, session=db_session, actor=operator)
    expected, _, classes = cns_year(shared_data, 2022)
    found = services.tests(FlightTestQuery(country="North Korea", year=2022), session=db_session)
    assert len(found) == expected
    icbms = services.tests(
        FlightTestQuery(country="PRK", year=2022, missile_class=MissileClass.ICBM),
        session=db_session,
    )
    assert len(icbms) == classes["ICBM"]
    assert services.systems(session=db_session, country="DPRK", missile_class=MissileClass.SLV)
    assert services.transfers(session=db_session, country="PRK", direction="out", year=2023)

    summary = services.country_summary("North Korea", as_of=date(2023, 12, 31), session=db_session)
    assert summary.country == "PRK"
    assert summary.flight_tests == sum(
        1
        for t in services.tests(
            FlightTestQuery(country="PRK", end=date(2023, 12, 31)), session=db_session
        )
    )
    assert summary.tests_by_year["2023"] == cns_year(shared_data, 2023)[0]
    assert "ICBM" in summary.classes and summary.max_apogee_km and summary.max_apogee_km > 6000
    assert summary.transfers_out >= 1
    assert summary.reported_events is not None and summary.reported_events > 0
    assert all(found.covered for found in summary.coverage)
    # No loaded data set records Iceland's (or Iran's) flight tests: "no data", never 0.
    empty = services.country_summary("Iceland", as_of=date(2023, 12, 31), session=db_session)
    assert empty.flight_tests is None and empty.reported_events is None and empty.systems == []
    (tests_coverage, _) = empty.coverage
    assert not tests_coverage.covered and tests_coverage.note.endswith("no data")
    before = services.coverage(
        "flight_tests", "PRK", start=date(1980, 1, 1), end=date(1980, 12, 31), session=db_session
    )
    assert not before.covered  # the CNS database starts in 1984


def test_bad_filters() -> None:
    with pytest.raises(InvalidInput, match="unknown class"):
        services.parse_class("ABM")
    assert services.parse_class("hypersonic glide") is MissileClass.HYPERSONIC_GLIDE
    with pytest.raises(InvalidInput, match="'Atlantis' is not a state nonpro knows"):
        services.resolve_state("Atlantis")
