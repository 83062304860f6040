"""The report drafts pages: generate, edit a section (the text shown as typed, never as HTML),
compare versions, clearance refused to the author and given by the office's officer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.multilateral import services as multilateral
from nonpro.multilateral.schemas import ClearingOfficerIn

MakeUser = Callable[..., User]
ATTACK = "<script>alert(1)</script> **bold**"


@pytest.fixture
def writer(client: TestClient, make_user: MakeUser, db_session: Session) -> TestClient:
    make_user("rita", Role.ANALYST)
    make_user("lars", Role.MULTILATERAL_OFFICER)
    make_user("chief", Role.MULTILATERAL_OFFICER)
    chief = Principal(username="chief", role=Role.MULTILATERAL_OFFICER)
    appointment = ClearingOfficerIn(office="L/NPV", username="lars")
    multilateral.appoint_clearing_officer(appointment, session=db_session, actor=chief)
    assert sign_in(client, "rita") == 303
    return client


def test_generate_edit_diff_and_clearance(writer: TestClient) -> None:
    page = writer.get("/reports/drafts")
    assert page.status_code == 200 and "No drafts yet" in page.text
    form = {"kind": "country", "state": "North Korea", "marking": "", "csrf_token": ""}
    form["csrf_token"] = csrf_of(page.text)
    unmarked = writer.post("/reports/drafts", data=form)
    assert unmarked.status_code == 422 and problem_beside(unmarked.text, "marking")
    made = writer.post("/reports/drafts", data={**form, "marking": "unclassified"})
    assert made.status_code == 200 and "Draft generated" in made.text
    draft_url = str(made.url.path)
    token = csrf_of(made.text)
    saved = writer.post(
        f"{draft_url}/sections/programs", data={"text": ATTACK, "csrf_token": token}
    )
    assert "Saved as version 2" in saved.text
    assert "<script>alert(1)</script>" not in saved.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in saved.text
    changes = writer.get(f"{draft_url}/diff?old=1&new=2")
    assert changes.status_code == 200 and "Missile programs" in changes.text
    assert "Added: </span>+ &lt;script&gt;" in changes.text
    no_such = writer.get(f"{draft_url}/diff?old=1&new=9")
    assert no_such.status_code == 422 and "version 9 is not a version" in no_such.text
    asked = writer.post(f"{draft_url}/clearance", data={"offices": "l/npv", "csrf_token": token})
    assert "sent for clearance to L/NPV" in asked.text
    # Rita wrote the text: she may not clear it (nor does she clear for L/NPV).
    refused = writer.post(
        f"{draft_url}/decision",
        data={"office": "L/NPV", "decision": "cleared", "csrf_token": token},
    )
    assert refused.status_code == 403 and "you wrote this text" in refused.text
    assert sign_in(writer, "lars") == 303
    page = writer.get(draft_url)
    cleared = writer.post(
        f"{draft_url}/decision",
        data={"office": "L/NPV", "decision": "cleared", "csrf_token": csrf_of(page.text)},
    )
    assert "Every office has cleared" in cleared.text
    assert '<dd id="draft-state">cleared</dd>' in cleared.text
