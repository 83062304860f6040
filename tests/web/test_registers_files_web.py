"""The agreements, negotiation files and voting record pages through the real app: forms with
CSRF, errors shown naming the field, reminders and safeguards status on the register page."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.registers.agreements.services import import_csv as import_agreements
from nonpro.registers.files import services as files
from nonpro.registers.votes.services import import_csv as import_votes
from nonpro.treaties import services as treaties

MakeUser = Callable[..., User]
DATA = Path(__file__).resolve().parents[1] / "registers" / "data"


def _seed(db_session: Session, operator: Principal) -> None:
    treaties.load_reference(session=db_session, actor=operator)
    files.seed(session=db_session, actor=operator)
    import_agreements(
        (DATA / "agreements.csv").read_text("utf-8"),
        origin="a.csv",
        session=db_session,
        actor=operator,
    )
    import_votes(
        (DATA / "votes_fmct.csv").read_text("utf-8"),
        origin="v.csv",
        session=db_session,
        actor=operator,
    )


def test_agreements_page_with_reminders_safeguards_and_form_errors(
    client: TestClient, make_user: MakeUser, db_session: Session, operator: Principal
) -> None:
    _seed(db_session, operator)
    make_user("mo", Role.MULTILATERAL_OFFICER)
    sign_in(client, "mo")
    page = client.get("/registers/agreements", params={"within": "36500"})
    assert page.status_code == 200
    assert "TEST-JPN-1" in page.text and "CSA: party" in page.text
    assert "organisation: not applicable" in page.text  # EURATOM
    assert "within the asked 36500 days" in page.text
    token = csrf_of(page.text)
    bad = client.post(
        "/registers/agreements",
        data={
            "csrf_token": token,
            "key": "T-9",
            "kind": "nuclear_cooperation",
            "title": "t",
            "partner": "Atlantis",
        },
    )
    assert bad.status_code == 422
    assert 'id="form-error"' in bad.text and "partner: </strong>" in bad.text
    assert 'name="partner" type="text" value="Atlantis" required aria-invalid="true"' in bad.text
    assert "is neither a state" in problem_beside(bad.text, "a-partner")
    assert 'id="f-partner-problem"' not in bad.text  # the filter's field of that name is not
    assert "T-9" not in client.get("/registers/agreements").text  # nothing was stored
    assert client.post("/registers/agreements", data={"key": "T-9"}).status_code == 403
    good = client.post(
        "/registers/agreements",
        data={
            "csrf_token": token,
            "key": "T-9",
            "kind": "sister_laboratory",
            "title": "Lab",
            "partner": "Korea",
            "signed": "2020-01-01",
        },
        follow_redirects=True,
    )
    assert good.status_code == 200 and "Agreement added." in good.text
    upload = {"file": ("bad.csv", (DATA / "agreements_bad_date.csv").read_bytes(), "text/csv")}
    imported = client.post(
        "/registers/agreements/import",
        data={"csrf_token": token},
        files=upload,
        follow_redirects=True,
    )
    # The good row is stored; the bad one is named by line and column in the refused rows' table.
    assert imported.status_code == 200 and "Agreements imported." in imported.text
    assert "2 rows read: 1 stored, 1 refused" in imported.text
    refused = imported.text.split('id="refused-rows"')[1]
    assert '<th scope="row">line 3</th><td>in_force</td>' in refused
    assert "&#39;2015-13-01&#39; is not a date" in refused
    assert "TEST-OK-1" in client.get("/registers/agreements").text
    only_bad = b"key,kind,title,partner,signed\nK-1,nuclear_cooperation,t,Japan,1974-01-32\n"
    refused = client.post(
        "/registers/agreements/import",
        data={"csrf_token": token},
        files={"file": ("only-bad.csv", only_bad, "text/csv")},
    )
    assert refused.status_code == 422 and "nothing stored; 1 row could not be read" in refused.text
    shown = client.get("/registers/agreements/TEST-JPN-1")
    assert "IAEA_AP" in shown.text and "entry into force" in shown.text
    title = re.search(r"<title>(.*?)</title>", shown.text, re.S)
    assert title and "<form" not in title.group(1)  # the page's title is only its title
    assert shown.text.count('aria-label="Correct the agreement"') == 1


def test_file_page_timeline_position_form_and_papers(
    client: TestClient, make_user: MakeUser, db_session: Session, operator: Principal
) -> None:
    _seed(db_session, operator)
    make_user("mo", Role.MULTILATERAL_OFFICER)
    make_user("vi", Role.VIEWER)
    sign_in(client, "mo")
    page = client.get("/registers/files/FMCT")
    assert page.status_code == 200 and "A/RES/T76/10" in page.text
    token = csrf_of(page.text)
    position = {
        "csrf_token": token,
        "state": "Brazil",
        "day": "2022-05-05",
        "forum": "CD",
        "kind": "statement",
        "stance": "Calls for negotiations",
        "source": "CD/PV.1650",
    }
    missing = client.post("/registers/files/FMCT/positions", data={**position, "source": ""})
    assert missing.status_code == 422 and "source: </strong>" in missing.text
    assert 'value="Calls for negotiations"' in missing.text  # the form keeps what was typed
    assert problem_beside(missing.text, "p-source")
    added = client.post("/registers/files/FMCT/positions", data=position, follow_redirects=True)
    assert "Position recorded." in added.text
    text = added.text
    assert (
        text.index("A/RES/T76/10") < text.index("BRA (CD, statement)") < text.index("A/RES/T78/12")
    )
    paper = client.post(
        "/registers/files/FMCT/papers",
        data={"csrf_token": token, "title": "Our FMCT paper", "text": "First text."},
        follow_redirects=True,
    )
    assert "Our FMCT paper" in paper.text
    found = client.get("/registers/files", params={"q": "calls for"})
    assert "Calls for negotiations" in found.text
    sign_in(client, "vi")
    viewer_page = client.get("/registers/files/FMCT")
    assert "Record a state" not in viewer_page.text


def test_votes_page_colours_the_record_and_names_a_bad_series(
    client: TestClient, make_user: MakeUser, db_session: Session, operator: Principal
) -> None:
    _seed(db_session, operator)
    make_user("vi", Role.VIEWER)
    sign_in(client, "vi")
    page = client.get(
        "/registers/votes", params={"state": "PAK", "series": "FMCT", "compare": "USA"}
    )
    assert page.status_code == 200
    assert '<span class="badge badge-alert">no</span>' in page.text
    assert (
        '<span class="badge badge-unverified">abstain</span> <strong>changed</strong>' in page.text
    )
    assert page.text.count("differs") == 2
    bad = client.get("/registers/votes", params={"state": "PAK", "series": "CWC"})
    assert bad.status_code == 422 and "series: </strong>" in bad.text
    assert "CWC" in problem_beside(bad.text, "v-series")


def test_agreement_correction_and_votes_import_errors(
    client: TestClient, make_user: MakeUser, db_session: Session, operator: Principal
) -> None:
    _seed(db_session, operator)
    make_user("mo", Role.MULTILATERAL_OFFICER)
    sign_in(client, "mo")
    page = client.get("/registers/agreements/TEST-EUR-1")
    token = csrf_of(page.text)
    early = client.post(
        "/registers/agreements/TEST-EUR-1/edit", data={"csrf_token": token, "expires": "2009-01-01"}
    )
    assert early.status_code == 422 and "expires 2009-01-01 is not after" in early.text
    assert 'id="e-expires" name="expires" type="date" value="2009-01-01"' in early.text
    fixed = client.post(
        "/registers/agreements/TEST-EUR-1/edit",
        data={"csrf_token": token, "expires": "2040-02-01", "in_force": ""},
        follow_redirects=True,
    )
    assert "Agreement corrected." in fixed.text and "2040-02-01" in fixed.text
    assert "2010-09-01" in fixed.text  # a blank field left the stored date alone
    upload = {"file": ("bad.csv", (DATA / "votes_bad_state.csv").read_bytes(), "text/csv")}
    bad = client.post(
        "/registers/votes/import", data={"csrf_token": token}, files=upload, follow_redirects=True
    )
    assert bad.status_code == 200 and '<th scope="row">line 3</th><td>state</td>' in bad.text
    good = {"file": ("v.csv", (DATA / "votes_fmct.csv").read_bytes(), "text/csv")}
    done = client.post(
        "/registers/votes/import", data={"csrf_token": token}, files=good, follow_redirects=True
    )
    assert "Votes imported." in done.text and "FMCT" in done.text
