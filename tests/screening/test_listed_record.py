"""The listed record (issue 23 item 4): one entry whole, from the snapshot a hit came from, on
SQLite and PostgreSQL; over the API with 404 and 422; on the command line."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.core.errors import InvalidInput, NotFound
from nonpro.screening import services, snapshots
from nonpro.screening.schemas import NameKind, ParsedList, ScreeningQuery

NAQDI = ScreeningQuery(name="Mohammad Reza Naqdi", entity_type="person")
Bearer = Callable[..., dict[str, str]]


def _top_hit(session: Session) -> tuple[str, str]:
    result = services.screen(NAQDI, session=session, reader=None, provider=services.IndexProvider())
    top = result.hits[0]
    assert top.snapshot is not None
    return top.entry_id, top.snapshot


def test_the_record_a_hit_names_is_read_from_its_snapshot(
    db_session: Session, operator: Principal, un_list: ParsedList
) -> None:
    entry_id, snapshot = _top_hit(db_session)
    found = services.listed_record(entry_id, snapshot=snapshot, session=db_session)
    source_id = entry_id.split(":", 1)[1]
    [published] = [e for e in un_list.entries if e.source_id == source_id]
    assert found.entry == published  # every name, identifier, address, programme, remark
    assert found.snapshot.id == snapshot and found.snapshot.active
    assert "NAQDI" in found.entry.primary_name.upper()
    assert not found.relations_stored
    # The publisher amends the entry: the hit's snapshot still shows what it said then.
    amended = [
        e.model_copy(update={"remarks": "Amended."}) if e.source_id == source_id else e
        for e in un_list.entries
    ]
    snapshots.store_snapshot(
        un_list.model_copy(update={"entries": amended}),
        origin="amended",
        file_hash="0" * 64,
        session=db_session,
        actor=operator,
    )
    then = services.listed_record(entry_id, snapshot=snapshot, session=db_session)
    assert then.entry.remarks == published.remarks and not then.snapshot.active
    now = services.listed_record(entry_id, snapshot=None, session=db_session)
    assert now.entry.remarks == "Amended." and now.snapshot.active


def test_weak_aliases_are_kept_as_such(db_session: Session, un_list: ParsedList) -> None:
    weak = next(e for e in un_list.entries if any(n.kind is NameKind.WEAK_AKA for n in e.names))
    found = services.listed_record(f"un:{weak.source_id}", snapshot=None, session=db_session)
    assert [n.kind for n in found.entry.names] == [n.kind for n in weak.names]


@pytest.mark.parametrize(
    ("entry_id", "snapshot", "error", "field"),
    [
        ("not an id", None, InvalidInput, "entry_id"),
        ("un/12", None, InvalidInput, "entry_id"),
        ("un:1", "not-a-uuid", InvalidInput, "snapshot"),
        ("un:NO-SUCH-ID", None, NotFound, None),
        ("ofac_sdn:1", None, NotFound, None),  # a list never loaded
        ("un:1", "00000000-0000-0000-0000-000000000000", NotFound, None),
    ],
)
def test_unknown_and_malformed_ids_are_named(
    db_session: Session,
    un_list: ParsedList,
    entry_id: str,
    snapshot: str | None,
    error: type[Exception],
    field: str | None,
) -> None:
    with pytest.raises(error) as caught:
        services.listed_record(entry_id, snapshot=snapshot, session=db_session)
    if field is not None:
        assert isinstance(caught.value, InvalidInput) and caught.value.field == field


def test_the_api_answers_the_record_404_and_422(
    client: TestClient, bearer: Bearer, db_session: Session, un_list: ParsedList
) -> None:
    entry_id, snapshot = _top_hit(db_session)
    viewer = bearer(Role.VIEWER)
    found = client.get(
        f"/api/lists/entries/{entry_id}", params={"snapshot": snapshot}, headers=viewer
    )
    assert found.status_code == 200, found.text
    body = found.json()
    assert body["entry_id"] == entry_id and body["snapshot"]["id"] == snapshot
    assert body["entry"]["names"] and body["relations_stored"] is False
    assert client.get("/api/lists/entries/un:NO-SUCH-ID", headers=viewer).status_code == 404
    bad = client.get("/api/lists/entries/nonsense", headers=viewer)
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "entry_id"
    bad = client.get(f"/api/lists/entries/{entry_id}", params={"snapshot": "x"}, headers=viewer)
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "snapshot"
    assert client.get(f"/api/lists/entries/{entry_id}").status_code == 401
