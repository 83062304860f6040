"""The screening and lists pages through the real app and templates."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.screening.schemas import ParsedList

MakeUser = Callable[..., User]


def test_screening_shows_ranked_hits_with_reasons(
    client: TestClient, make_user: MakeUser, un_list: ParsedList
) -> None:
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    page = client.get("/screening", params={"name": "Mohammad Reza Naqdi"})
    assert page.status_code == 200
    assert "Alert" in page.text and "How the score was made" in page.text
    assert "MOHAMMAD REZA NAQDI" in page.text.upper()


def test_bad_dob_is_named_on_the_form(client: TestClient, make_user: MakeUser) -> None:
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    page = client.get("/screening", params={"name": "A", "dob": "5 May 1960"})
    assert page.status_code == 422
    assert "<strong>dob: </strong>" in page.text
    assert problem_beside(page.text, "dob")
    assert 'value="5 May 1960"' in page.text


def test_bad_threshold_is_shown_beside_it(client: TestClient, make_user: MakeUser) -> None:
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    page = client.get("/screening", params={"name": "Ann Example", "threshold": "high"})
    assert page.status_code == 422
    assert "between 0 and 1" in problem_beside(page.text, "threshold")
    assert 'value="high"' in page.text and 'value="Ann Example"' in page.text
    assert "How the score was made" not in page.text


def test_disposition_buttons_record_and_show_the_decision(
    client: TestClient, make_user: MakeUser, un_list: ParsedList
) -> None:
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    page = client.get("/screening", params={"name": "Mohammad Reza Naqdi"})
    entry_id = re.search(r'name="entry_id" value="([^"]+)"', page.text)
    assert entry_id
    response = client.post(
        "/screening/dispositions",
        data={
            "csrf_token": csrf_of(page.text),
            "entry_id": entry_id.group(1),
            "decision": "true_match",
            "note": "passport agrees",
            "name": "Mohammad Reza Naqdi",
        },
    )
    assert response.status_code == 201
    assert "true match</strong> by ana" in response.text and "passport agrees" in response.text

    # An agency's representative screening the name learns the decision, not the note.
    make_user("dora", Role.AGENCY_REVIEWER, "DEFENSE_DTSA")
    client.cookies.clear()
    sign_in(client, "dora")
    page = client.get("/screening", params={"name": "Mohammad Reza Naqdi"})
    assert page.status_code == 200 and "true match</strong>" in page.text
    assert "passport agrees" not in page.text and "by ana" not in page.text
    assert "not shown to agency representatives" in page.text


def test_viewer_sees_lists_but_may_not_screen(
    client: TestClient, make_user: MakeUser, un_list: ParsedList
) -> None:
    make_user("vic", Role.VIEWER)
    sign_in(client, "vic")
    assert client.get("/screening").status_code == 403
    lists = client.get("/lists")
    assert lists.status_code == 200 and "1003" in lists.text and "2026-02-27" in lists.text


def test_each_hit_links_to_its_listed_record(
    client: TestClient, make_user: MakeUser, un_list: ParsedList
) -> None:
    make_user("vic", Role.VIEWER)
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    page = client.get("/screening", params={"name": "Mohammad Reza Naqdi"})
    found = re.search(r'href="(/lists/entries/un%3A[^"?]+\?snapshot=[0-9a-f-]{36})"', page.text)
    assert found is not None, "the first hit links to its record in its snapshot"
    record = client.get(found.group(1).replace("&amp;", "&"))
    assert record.status_code == 200
    assert "<h2>Names</h2>" in record.text and "<h2>Identifiers</h2>" in record.text
    assert "NAQDI" in record.text.upper() and "(active)" in record.text
    assert "Not shown: links between records" in record.text  # relations: said, not blank
    sign_in(client, "vic")  # a reader may read a listed record
    assert client.get(found.group(1)).status_code == 200
    assert client.get("/lists/entries/un:NO-SUCH-ID").status_code == 404
    assert client.get("/lists/entries/nonsense").status_code == 422
