"""The agreements, negotiation files and UNGA votes API: reads need READ, writes need the
multilateral officer's permission; bad input names the field (or the line and column)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.registers.files import services as files
from nonpro.treaties import services as treaties

Bearer = Callable[..., dict[str, str]]
DATA = Path(__file__).resolve().parents[1] / "registers" / "data"


def _upload(name: str) -> dict[str, tuple[str, bytes, str]]:
    return {"file": (name, (DATA / name).read_bytes(), "text/csv")}


def test_agreements_register_over_http(
    client: TestClient, bearer: Bearer, db_session: Session, operator: Principal
) -> None:
    treaties.load_reference(session=db_session, actor=operator)
    officer = bearer(Role.MULTILATERAL_OFFICER)
    viewer = bearer(Role.VIEWER)
    url = "/api/registers/agreements"
    assert (
        client.post(f"{url}/import", files=_upload("agreements.csv"), headers=viewer).status_code
        == 403
    )
    done = client.post(f"{url}/import", files=_upload("agreements.csv"), headers=officer)
    assert done.status_code == 200 and len(done.json()["added"]) == 4
    bad = client.post(f"{url}/import", files=_upload("agreements_bad_date.csv"), headers=officer)
    assert bad.status_code == 200 and bad.json()["added"] == ["TEST-OK-1"]
    [rejected] = bad.json()["rejected"]
    assert (rejected["where"], rejected["column"]) == ("line 3", "in_force")
    listed = client.get(url, params={"kind": "sister_laboratory"}, headers=viewer).json()
    assert [a["key"] for a in listed] == ["TEST-KOR-LAB"]
    korea = listed[0]["safeguards"]
    assert {s["instrument"]: s["status"] for s in korea}["IAEA_AP"] == "party"
    due = client.get(f"{url}/due", params={"today": "2026-12-06", "within": 90}, headers=viewer)
    assert [r["key"] for r in due.json()] == ["TEST-EUR-1", "TEST-JPN-1", "TEST-OK-1"]
    shown = client.get(f"{url}/TEST-JPN-1", params={"as_of": "2030-01-01"}, headers=viewer)
    assert shown.json()["status"] == "expired"
    atlantis = {"key": "K-1", "kind": "nuclear_cooperation", "title": "t", "partner": "Atlantis"}
    wrong = client.post(url, json=atlantis, headers=officer)
    assert wrong.status_code == 422 and wrong.json()["error"]["field"] == "partner"
    order = client.post(
        url,
        json={
            "key": "K-1",
            "kind": "nuclear_cooperation",
            "title": "t",
            "partner": "JPN",
            "signed": "2020-01-01",
            "in_force": "2019-01-01",
        },
        headers=officer,
    )
    assert order.status_code == 422 and "in_force" in order.text
    edited = client.patch(f"{url}/TEST-EUR-1", json={"remind_days": 90}, headers=officer)
    assert edited.status_code == 200 and edited.json()["remind_days"] == 90
    assert client.get(f"{url}/NOPE", headers=viewer).status_code == 404


def test_files_positions_papers_search_and_votes_over_http(
    client: TestClient, bearer: Bearer, db_session: Session, operator: Principal
) -> None:
    files.seed(session=db_session, actor=operator)
    officer = bearer(Role.MULTILATERAL_OFFICER)
    viewer = bearer(Role.VIEWER)
    base = "/api/registers"
    assert len(client.get(f"{base}/files", headers=viewer).json()) == 5
    position = {
        "state": "Brazil",
        "day": "2023-03-01",
        "forum": "UNGA First Committee",
        "stance": "Supports negotiations",
        "source": "A/C.1/78/PV.3",
    }
    assert (
        client.post(f"{base}/files/FMCT/positions", json=position, headers=viewer).status_code
        == 403
    )
    added = client.post(f"{base}/files/FMCT/positions", json=position, headers=officer)
    assert added.status_code == 201 and added.json()["state"] == "BRA"
    no_source = client.post(
        f"{base}/files/FMCT/positions", json={**position, "source": ""}, headers=officer
    )
    assert no_source.status_code == 422 and "source" in no_source.text
    paper = client.post(
        f"{base}/files/FMCT/papers", json={"title": "P", "text": "One."}, headers=officer
    ).json()
    revised = client.post(
        f"{base}/files/papers/{paper['id']}/versions", json={"text": "Two."}, headers=officer
    )
    assert revised.status_code == 201 and len(revised.json()["versions"]) == 2
    diff = client.get(f"{base}/files/papers/{paper['id']}/diff", headers=viewer).json()
    assert "-One." in diff["lines"] and "+Two." in diff["lines"]
    imported = client.post(
        f"{base}/resolutions/import", files=_upload("votes_fmct.csv"), headers=officer
    )
    assert imported.status_code == 200 and imported.json()["votes"] == 14
    assert imported.json()["rejected"] == []
    record = client.get(
        f"{base}/resolutions/record",
        params={"state": "PAK", "series": "FMCT", "compare": "USA"},
        headers=viewer,
    ).json()
    assert [(r["year"], r["vote"], r["differs"]) for r in record["rows"]] == [
        (2021, "no", True),
        (2022, "abstain", True),
        (2023, "yes", False),
    ]
    one = client.get(f"{base}/resolutions/A/RES/T78/12", headers=viewer).json()
    assert one["tally"] == {"yes": 2, "no": 1, "abstain": 0, "absent": 1}
    unknown = client.get(
        f"{base}/resolutions/record", params={"state": "PAK", "series": "X"}, headers=viewer
    )
    assert unknown.status_code == 422 and unknown.json()["error"]["field"] == "series"
    timeline = client.get(f"{base}/files/FMCT/timeline", headers=viewer).json()
    assert [e["kind"] for e in timeline["entries"]][:2] == ["resolution", "resolution"]
    hits = client.get(f"{base}/files/search", params={"q": "supports"}, headers=viewer).json()
    assert [h["kind"] for h in hits] == ["position"]
    partly = client.post(
        f"{base}/resolutions/import", files=_upload("votes_bad_vote.csv"), headers=officer
    )
    assert partly.status_code == 200 and partly.json()["rejected"] == [
        {"where": "line 3", "column": "vote", "problem": partly.json()["rejected"][0]["problem"]}
    ]
    assert "'maybe' is not a vote" in partly.json()["rejected"][0]["problem"]
    nothing = client.post(
        f"{base}/resolutions/import",
        files={
            "file": ("x.csv", b"symbol,series,session,year,title,state,vote\nR,S,1,19x,T,USA,yes\n")
        },
        headers=officer,
    )
    body = nothing.json()["error"]
    assert nothing.status_code == 422 and body["rows"][0]["column"] == "year"
