"""MARC's Annex proposal pages: the chair records a proposal (a bad entry is refused beside its
field, the input kept), requests views, a representative records their own agency's view, the
chair sets the U.S. position and the TEM and plenary outcomes; the page shows them all."""

from __future__ import annotations

import html
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.interagency.conftest import case_under_review
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.cases import services as cases
from nonpro.interagency import services

BASE = "/interagency/annex-proposals"


def _post(client: TestClient, url: str, page_url: str, **fields: str) -> tuple[int, str, str]:
    token = csrf_of(client.get(page_url).text)
    response = client.post(url, data={"csrf_token": token, **fields}, follow_redirects=False)
    return response.status_code, response.headers.get("location", ""), response.text


def test_a_proposal_on_the_pages(
    client: TestClient, db_session: Session, make_user: Callable[..., User]
) -> None:
    make_user("chris", Role.CHAIR, "STATE_ISN_MTR")
    make_user("dana", Role.AGENCY_REVIEWER, "DEFENSE_DTSA")
    make_user("olga", Role.AGENCY_REVIEWER, "TREASURY_OFAC")
    db_session.commit()
    sign_in(client, "chris")
    listing = client.get(BASE)
    assert listing.status_code == 200 and "No proposal yet." in listing.text
    assert '<label for="entry">' in listing.text

    status, _, page = _post(
        client, BASE, BASE, entry="2.A.9", proposed_text="New words", rationale="Because"
    )
    assert status == 422
    assert "not in the Annex" in problem_beside(html.unescape(page), "entry")
    assert "New words" in page  # the input is kept

    status, where, _ = _post(
        client, BASE, BASE, entry="2.A.1.c", proposed_text="New words", rationale="Because"
    )
    assert status == 303
    page = client.get(where).text
    assert "2.A.1.c.1: " in page and "Request the member agencies" in page
    assert '<a href="/controls/annex/2.A.1.c?version=2024-03-14">2.A.1.c</a>' in page
    assert client.get("/controls/annex/2.A.1.c?version=2024-03-14").status_code == 200
    _, _, _ = _post(client, f"{where}/request-views", where)
    page = client.get(where).text
    assert "Set the U.S. position" in page and "no view yet from STATE_ISN_MTR" in page

    # A representative of a member agency records their own view; another agency's is not offered.
    client.cookies.clear()
    sign_in(client, "dana")
    page = client.get(where).text
    assert 'name="agency" value="DEFENSE_DTSA"' in page and "Set the U.S. position" not in page
    status, _, _ = _post(client, f"{where}/views", where, position="oppose", note="Too broad")
    assert status == 303
    client.cookies.clear()
    sign_in(client, "olga")
    assert "Record the view" not in client.get(where).text  # Treasury is not a MARC member

    client.cookies.clear()
    sign_in(client, "chris")
    status, _, page = _post(client, f"{where}/position", where, position="support", note="")
    assert status == 422 and problem_beside(html.unescape(page), "us-note")
    status, _, _ = _post(
        client, f"{where}/position", where, position="support", note="Defense's note answered"
    )
    assert status == 303
    _post(client, f"{where}/outcomes/tem", where, held_on="2026-04-20", outcome="adopted")
    status, _, page = _post(
        client, f"{where}/outcomes/plenary", where, held_on="2026-10-05", outcome="adopted"
    )
    assert status == 422
    assert "names the Annex version" in problem_beside(html.unescape(page), "out-version")
    status, _, _ = _post(
        client,
        f"{where}/outcomes/plenary",
        where,
        held_on="2026-10-05",
        outcome="adopted",
        produced_version="MTCR/TEM/2026/Annex",
    )
    assert status == 303
    page = html.unescape(client.get(where).text)
    assert "DEFENSE_DTSA</th><td>oppose</td><td>Too broad" in page
    assert "Technical Experts Meeting, 2026-04-20: adopted" in page
    assert "Plenary, 2026-10-05: adopted" in page
    assert 'id="produced">MTCR/TEM/2026/Annex' in page
    assert "MTCR/TEM/2026/Annex" in client.get(BASE).text


def test_a_munitions_case_is_not_referred_to_marc_on_the_pages(
    client: TestClient, db_session: Session, make_user: Callable[..., User]
) -> None:
    make_user("chris", Role.CHAIR, "STATE_ISN_MTR")
    chair = Principal(username="chris", role=Role.CHAIR, agency_code="STATE_ISN_MTR")
    case_under_review(db_session, chair, "MUN-WEB")
    cases.get_case("MUN-WEB", session=db_session, reader=chair).type = "munitions_license"
    db_session.commit()
    sign_in(client, "chris")
    for url in ("/interagency/refer", "/interagency/requests"):
        status, _, page = _post(client, url, "/interagency", case="MUN-WEB", group="MARC")
        assert status == 422, url
        assert "munitions cases are not a MARC matter" in html.unescape(page)
    assert services.list_referrals(session=db_session, actor=chair, group="MARC") == []
