"""Screening use cases on both databases: screen, dispositions that stick, re-screening."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.core import audit
from nonpro.core.errors import InvalidInput, PermissionDenied
from nonpro.screening import services, snapshots
from nonpro.screening.schemas import (
    Decision,
    DispositionIn,
    ListEntry,
    ParsedList,
    ScreeningQuery,
)

NAQDI = ScreeningQuery(name="Mohammad Reza Naqdi", entity_type="person")


@pytest.fixture
def un_loaded(un_list: ParsedList) -> ParsedList:
    return un_list


def test_screen_finds_the_listed_person_with_reasons(
    db_session: Session, un_loaded: ParsedList
) -> None:
    result = services.screen(
        NAQDI, session=db_session, reader=None, provider=services.IndexProvider()
    )
    top = result.hits[0]
    assert top.alert and top.list == "un"
    assert "NAQDI" in top.matched_name.upper()
    assert "name" in top.features and top.explanation
    assert set(result.snapshots) == {"un"}


def test_no_lists_means_no_hits_not_an_error(db_session: Session) -> None:
    result = services.screen(
        NAQDI, session=db_session, reader=None, provider=services.IndexProvider()
    )
    assert result.hits == [] and result.snapshots == {}


def test_unknown_list_is_named(db_session: Session, un_loaded: ParsedList) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.screen(
            NAQDI, session=db_session, reader=None, provider=services.IndexProvider(), lists=["eu"]
        )
    assert caught.value.field == "lists"


def test_disposition_is_shown_on_later_screenings_until_the_entry_changes(
    db_session: Session, operator: Principal, un_loaded: ParsedList
) -> None:
    provider = services.IndexProvider()
    top = services.screen(NAQDI, session=db_session, reader=None, provider=provider).hits[0]
    services.dispose(
        DispositionIn(
            query=NAQDI,
            entry_id=top.entry_id,
            decision=Decision.TRUE_MATCH,
            note="same person, passport agrees",
        ),
        session=db_session,
        provider=provider,
        actor=operator,
    )
    again = services.screen(NAQDI, session=db_session, reader=None, provider=provider).hits[0]
    assert [d.decision for d in again.dispositions] == [Decision.TRUE_MATCH]
    assert again.dispositions[0].current and again.dispositions[0].note.startswith("same")
    other_party = services.screen(
        ScreeningQuery(name="Mohammad Reza Naqdi", dob="1961"),
        session=db_session,
        reader=None,
        provider=provider,
    ).hits[0]
    assert other_party.dispositions == []  # another party: its own review
    assert audit.entries(db_session, action="screening.dispose")[0].target == (
        f"entry:{top.entry_id}"
    )

    # The publisher amends the entry: the decision stays visible but no longer current.
    source_id = top.entry_id.split(":", 1)[1]
    amended = [
        e.model_copy(update={"remarks": (e.remarks or "") + " Amended."})
        if e.source_id == source_id
        else e
        for e in un_loaded.entries
    ]
    snapshots.store_snapshot(
        un_loaded.model_copy(update={"entries": amended}),
        origin="amended",
        file_hash="0" * 64,
        session=db_session,
        actor=operator,
    )
    changed = services.screen(NAQDI, session=db_session, reader=None, provider=provider).hits[0]
    assert changed.entry_id == top.entry_id
    assert changed.dispositions and not changed.dispositions[0].current


def test_disposing_needs_the_role_and_a_real_entry(
    db_session: Session, operator: Principal, un_loaded: ParsedList
) -> None:
    provider = services.IndexProvider()
    viewer = Principal(username="vic", role=Role.VIEWER)
    data = DispositionIn(query=NAQDI, entry_id="un:nope", decision=Decision.FALSE_POSITIVE)
    with pytest.raises(PermissionDenied):
        services.dispose(data, session=db_session, provider=provider, actor=viewer)
    with pytest.raises(InvalidInput) as caught:
        services.dispose(data, session=db_session, provider=provider, actor=operator)
    assert caught.value.field == "entry_id"


def test_rescreen_reports_only_new_alerts(
    db_session: Session, operator: Principal, un_loaded: ParsedList
) -> None:
    provider = services.IndexProvider()
    services.keep_party(NAQDI, origin="case:DEMO-1", session=db_session, actor=operator)
    services.keep_party(
        ScreeningQuery(name="Jane Q. Ordinary"), origin="manual", session=db_session, actor=operator
    )
    first = services.rescreen_parties(session=db_session, provider=provider, actor=operator)
    assert first.parties == 2
    assert {h.party for h in first.new_hits} == {NAQDI.name}
    second = services.rescreen_parties(session=db_session, provider=provider, actor=operator)
    assert second.new_hits == []

    # A list update adds a new entry naming our ordinary party: only that is reported.
    newcomer = ListEntry(
        source="un",
        source_id="TEST-NEW",
        entity_type="person",
        names=[{"name": "Jane Q. Ordinary"}],
    )
    snapshots.store_snapshot(
        un_loaded.model_copy(update={"entries": [*un_loaded.entries, newcomer]}),
        origin="update",
        file_hash="1" * 64,
        session=db_session,
        actor=operator,
    )
    third = services.rescreen_parties(session=db_session, provider=provider, actor=operator)
    assert [(h.party, h.hit.entry_id) for h in third.new_hits] == [
        ("Jane Q. Ordinary", "un:TEST-NEW")
    ]


def test_a_party_kept_with_a_provider_reports_only_what_is_new(
    db_session: Session, operator: Principal, un_loaded: ParsedList
) -> None:
    provider = services.IndexProvider()
    services.keep_party(
        NAQDI, origin="case:DEMO-2", session=db_session, actor=operator, provider=provider
    )
    report = services.rescreen_parties(session=db_session, provider=provider, actor=operator)
    assert report.parties == 1 and report.new_hits == []


def test_a_disposition_note_is_withheld_from_a_reader_confined_to_some_cases(
    db_session: Session, operator: Principal, un_loaded: ParsedList
) -> None:
    """A note written on one case (its reference, its reasons) reaches only readers who may see
    every case; an agency's representative learns the decision, never the note or its author."""
    provider = services.IndexProvider()
    top = services.screen(NAQDI, session=db_session, reader=operator, provider=provider).hits[0]
    note = "case X-77: same person as the consignee, passport agrees"
    decided = DispositionIn(
        query=NAQDI, entry_id=top.entry_id, decision=Decision.TRUE_MATCH, note=note
    )
    services.dispose(decided, session=db_session, provider=provider, actor=operator)
    analyst = Principal(username="ann", role=Role.ANALYST)
    seen = services.screen(NAQDI, session=db_session, reader=analyst, provider=provider)
    assert [(d.note, d.withheld) for d in seen.hits[0].dispositions] == [(note, False)]
    representative = Principal(username="dora", role=Role.AGENCY_REVIEWER, agency_code="DOD")
    hidden = services.screen(NAQDI, session=db_session, reader=representative, provider=provider)
    [shown] = hidden.hits[0].dispositions
    assert (shown.decision, shown.note, shown.decided_by, shown.withheld) == (
        Decision.TRUE_MATCH,
        "",
        "",
        True,
    )
    assert "X-77" not in hidden.model_dump_json()
