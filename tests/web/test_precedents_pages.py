"""Precedents on the case page and the precedents search page, through the real app."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.cases.conftest import precedent_history
from tests.web.conftest import problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import access, services

MakeUser = Callable[..., User]
ANALYST = Principal(username="ana", role=Role.ANALYST)
CHAIR = Principal(username="chris", role=Role.CHAIR)


@pytest.fixture
def history(db_session: Session) -> str:
    """The decided cases around SUBJ; returns the case page's path."""
    return f"/cases/{precedent_history(db_session, ANALYST, CHAIR).id}"


def _section(page: str) -> str:
    match = re.search(r'<section aria-labelledby="precedents-heading".*?</section>', page, re.S)
    assert match, "the case page has no precedents section"
    return html.unescape(match.group(0))


def test_the_case_page_lists_precedents_with_what_they_share_and_their_decision(
    client: TestClient, make_user: MakeUser, history: str
) -> None:
    make_user("vic", Role.VIEWER)
    sign_in(client, "vic")
    section = _section(client.get(history).text)
    references = re.findall(r'<th scope="row"><a href="/cases/[^"]+">([^<]+)</a>', section)
    assert references == ["P-SAME", "P-ENTRY", "P-RELATED", "P-DEST"]
    assert "The 4 most similar of 4 decided cases sharing an attribute with SUBJ" in section
    first_row = section.split("<tr>")[2]
    for shared in (
        "same Annex entry 2.A.1.c.1",
        "same end user Shahid Hemmat Industrial Group",
        "same destination Iran (IR)",
    ):
        assert f"<li>{shared}</li>" in first_row
    assert "by ana, countersigned by chris" in first_row
    assert "Followed the recommendation: deny." in first_row
    assert "related Annex entry (under Annex item 2.A.1)" in section
    assert 'href="/precedents?annex_item=2.A.1.c.1"' in section


def test_a_representative_sees_precedents_only_among_cases_referred_to_them(
    client: TestClient, make_user: MakeUser, history: str, db_session: Session
) -> None:
    make_user("dtsa-rep", Role.AGENCY_REVIEWER, "DEFENSE_DTSA")
    case = services.get_case("SUBJ", session=db_session)
    access.grant_agencies(case, ["DEFENSE_DTSA"], session=db_session, actor=ANALYST)
    sign_in(client, "dtsa-rep")
    section = _section(client.get(history).text)
    assert "No decided case you may see shares" in section and "P-SAME" not in section
    page = client.get("/precedents", params={"destination": "IR"}).text
    assert "P-SAME" not in page and "0 of 0 decided cases" in page


def test_the_search_page_finds_decided_cases_and_refuses_bad_input_beside_the_field(
    client: TestClient, make_user: MakeUser, history: str
) -> None:
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    empty = client.get("/precedents")
    assert empty.status_code == 200 and "precedent-criteria" not in empty.text
    found = client.get("/precedents", params={"end_user": "hemmat", "outcome": "denied"})
    assert found.status_code == 200
    text = html.unescape(found.text)
    assert "1 of 1 decided case: an end user whose name contains 'hemmat'; outcome denied" in text
    assert ">P-SAME</a>" in text and ">P-ENTRY</a>" not in text
    assert '<option value="denied" selected>' in found.text  # the input is kept
    refused = client.get("/precedents", params={"annex_item": "9A004", "end_user": "hemmat"})
    assert refused.status_code == 422
    assert "is not an Annex entry" in problem_beside(html.unescape(refused.text), "annex_item")
    assert 'value="hemmat"' in refused.text
    backwards = client.get(
        "/precedents", params={"decided_from": "2026-03-02", "decided_to": "2026-03-01"}
    )
    assert backwards.status_code == 422
    assert "must not be before" in problem_beside(backwards.text, "decided_to")
