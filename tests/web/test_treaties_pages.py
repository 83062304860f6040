"""The treaty pages through the real app and templates."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.treaties.pages import store_everything
from tests.web.conftest import problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal

MakeUser = Callable[..., User]


@pytest.fixture
def officer(
    client: TestClient,
    make_user: MakeUser,
    db_session: Session,
    operator: Principal,
    shared_data: Path,
) -> TestClient:
    store_everything(shared_data, session=db_session, actor=operator)
    make_user("mo", Role.MULTILATERAL_OFFICER)
    assert sign_in(client, "mo") == 303
    return client


def _row(html: str, code: str) -> str:
    """The table row of a state, found by the code printed beside its name."""
    match = re.search(rf'<span class="muted">{code}</span></th>\s*<td[^>]*>([^<]+)</td>', html)
    assert match, f"no row for {code}"
    return match.group(1)


def test_index_lists_instruments_with_counts(officer: TestClient) -> None:
    page = officer.get("/treaties")
    assert page.status_code == 200
    assert 'href="/treaties/instruments/CTBT' in page.text and "Additional Protocol" in page.text
    assert 'href="/treaties"' in page.text  # the navigation item is a link now
    assert "40 counts stated by the sources" in page.text and "5 differ" in page.text
    assert "Facts resting only on a weak source" in page.text
    country = officer.get("/treaties/countries/DEU").text
    assert "weak source: inferred from another fact" in country


def test_instrument_page_map_table_chart_and_eif(officer: TestClient) -> None:
    page = officer.get("/treaties/instruments/CTBT", params={"as_of": "2023-01-01"})
    assert page.status_code == 200
    html = page.text
    assert _row(html, "RUS") == "ratified, not yet in force for it"
    assert html.count("<path ") >= 170
    assert "<title>Russian Federation: ratified, not yet in force for it since" in html
    assert "CTBT has not entered into force: no state is party to it yet" in html
    assert 'class="chart"' in html and "parties over time" in html.lower()
    assert "8 states whose ratification the rule requires" in html
    assert "https://treaties.un.org/Pages/ViewDetails.aspx" in html  # each fact's source
    later = officer.get("/treaties/instruments/CTBT", params={"as_of": "2024-01-01"}).text
    assert _row(later, "RUS") == "signatory, not party"
    assert "9 states whose ratification the rule requires" in later
    # Changes since the last NPT Review Conference by default.
    assert "Changes from 2022-08-26" in later and "withdrawal of ratification" in later


def test_historic_map_shows_the_ussr_on_russias_shape(officer: TestClient) -> None:
    html = officer.get("/treaties/instruments/NPT", params={"as_of": "1980-01-01"}).text
    assert "<title>Russian Federation: party since 1970-03-05 (as SUN)</title>" in html
    assert _row(html, "SUN") == "party"


def test_country_profile(officer: TestClient) -> None:
    response = officer.get(
        "/treaties/countries", params={"state": "Russia"}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"].endswith("/RUS")
    page = officer.get("/treaties/countries/RUS", params={"as_of": "2024-01-01"})
    assert page.status_code == 200
    assert "Russian Federation (RUS)" in page.text and 'class="m-this"' in page.text
    assert "withdrawal of ratification" in page.text
    bad = officer.get("/treaties/countries", params={"state": "Narnia"})
    assert bad.status_code == 422 and "Narnia" in bad.text
    assert "not a state" in problem_beside(bad.text, "state")
    assert 'value="Narnia"' in bad.text and 'id="form-error"' in bad.text
    empty = officer.get("/treaties/countries")
    assert empty.status_code == 200 and 'id="form-error"' not in empty.text


def test_cross_question_page(officer: TestClient) -> None:
    page = officer.get("/treaties/questions", params={"q": "mtcr-not-hcoc"})
    assert page.status_code == 200 and "1 states" in page.text and "Brazil" in page.text
    page = officer.get(
        "/treaties/questions", params={"q": "npt-csa-without-ap", "as_of": "2025-06-30"}
    )
    assert page.status_code == 200 and "Iran" in page.text
    unknown = officer.get("/treaties/questions", params={"q": "nope"})
    assert unknown.status_code == 422 and "nope" in problem_beside(unknown.text, "q")
    own = officer.get("/treaties/questions", params={"having": "NPT", "as_of": "someday"})
    assert own.status_code == 422 and problem_beside(own.text, "custom_as_of")
    assert 'value="someday"' in own.text and own.text.count('class="field-problem"') == 1


def test_bad_dates_and_codes(officer: TestClient) -> None:
    page = officer.get("/treaties/instruments/CTBT", params={"as_of": "2024-13-01"})
    assert page.status_code == 422 and "as_of:" in page.text
    assert problem_beside(page.text, "as_of") and 'value="2024-13-01"' in page.text
    changes = officer.get("/treaties/instruments/CTBT", params={"changes_to": "later"})
    assert changes.status_code == 422 and problem_beside(changes.text, "changes_to")
    assert 'value="later"' in changes.text and changes.text.count('class="field-problem"') == 1
    assert officer.get("/treaties/instruments/XYZ").status_code == 404
    for path in ("/treaties", "/treaties/countries/IRN"):
        refused = officer.get(path, params={"as_of": "2024-13-01"})
        assert refused.status_code == 422 and problem_beside(refused.text, "as_of")
        assert 'value="2024-13-01"' in refused.text and 'id="form-error"' in refused.text


def test_pages_need_sign_in(client: TestClient) -> None:
    response = client.get("/treaties", follow_redirects=False)
    assert response.status_code in (303, 401)


def test_own_filter_on_the_questions_page(officer: TestClient) -> None:
    page = officer.get("/treaties/questions", params={"having": ["MTCR"], "lacking": ["hcoc"]})
    assert page.status_code == 200
    assert "Party to MTCR, not party to HCOC: 1 states" in page.text and "Brazil" in page.text


def test_a_past_date_the_data_cannot_answer_is_shown_as_unknown(officer: TestClient) -> None:
    # Zangger Committee: 36 members are dated "by 2007-02-08" (Factbook 2007); Kazakhstan only
    # "by 2011-01-25" and Belarus only by the 2026 list, so in 2010 those two are unknown.
    page = officer.get("/treaties/instruments/ZC", params={"as_of": "2010-01-01"})
    assert page.status_code == 200
    assert "As of 2010-01-01: 36 parties known, 2 unknown" in page.text
    assert "Unknown on this date (2)" in page.text  # the legend's class and count
    assert 'class="m-unknown"' in page.text and 'id="p-unknown"' in page.text
    assert "by 2026-01-22 (exact date not compiled)" in page.text
    assert '<time datetime="2026-01-22">' not in page.text  # a bound is never marked up as a day
    later = officer.get("/treaties/instruments/ZC", params={"as_of": "2026-06-01"})
    assert "36 parties known" not in later.text and "Unknown on this date (0)" in later.text
