"""Report drafts over the API: generate, edit, diff, clearance with duties separated, finalize,
download the final PDF."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.multilateral import services as multilateral
from nonpro.multilateral.schemas import ClearingOfficerIn

URL = "/api/reports/drafts"


def test_draft_through_clearance_to_the_final_pdf(
    client: TestClient, bearer: Callable[..., dict[str, str]], db_session: Session
) -> None:
    writer = bearer(Role.ANALYST, "ana")
    lawyer = bearer(Role.MULTILATERAL_OFFICER, "lars")
    chief = bearer(Role.MULTILATERAL_OFFICER, "chief")
    viewer = bearer(Role.VIEWER, "vic")
    appointment = ClearingOfficerIn(office="L/NPV", username="lars")
    chief_principal = Principal(username="chief", role=Role.MULTILATERAL_OFFICER)
    multilateral.appoint_clearing_officer(appointment, session=db_session, actor=chief_principal)

    body = {"kind": "country", "state": "North Korea", "marking": "unclassified"}
    assert client.post(URL, json=body, headers=viewer).status_code == 403
    made = client.post(URL, json=body, headers=writer)
    assert made.status_code == 201, made.text
    draft = made.json()
    assert draft["state"] == "draft" and draft["version"] == 1
    url = f"{URL}/{draft['id']}"
    edited = client.put(
        f"{url}/sections/programs", json={"text": "An **office** note."}, headers=writer
    )
    assert edited.status_code == 200 and edited.json()["version"] == 2
    missing = client.put(f"{url}/sections/nowhere", json={"text": "x"}, headers=writer)
    assert missing.status_code == 404
    changes = client.get(f"{url}/diff", params={"old": 1, "new": 2}, headers=viewer).json()
    assert changes["sections"][0]["text"] == ["+ An **office** note."]
    asked = client.post(f"{url}/clearance", json={"offices": ["l/npv"]}, headers=writer)
    assert asked.json()["offices"] == ["L/NPV"]
    by_author = client.post(f"{url}/clear", json={"office": "L/NPV"}, headers=writer)
    assert by_author.status_code == 403 and "you wrote this text" in by_author.text
    returned = client.post(f"{url}/return", json={"office": "L/NPV"}, headers=lawyer)
    assert returned.status_code == 422 and "comment" in returned.text
    cleared = client.post(f"{url}/clear", json={"office": "L/NPV"}, headers=lawyer)
    assert cleared.json()["state"] == "cleared"
    assert client.get(f"{url}/final/pdf", headers=viewer).status_code == 404
    assert client.post(f"{url}/finalize", headers=lawyer).status_code == 403  # cleared it
    final = client.post(f"{url}/finalize", headers=chief)
    assert final.status_code == 200 and final.json()["state"] == "final"
    pdf = client.get(f"{url}/final/pdf", headers=viewer)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert (
        client.put(f"{url}/sections/programs", json={"text": "x"}, headers=writer).status_code
        == 409
    )
