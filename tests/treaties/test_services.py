"""Storing imports and asking the stored events, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.core.audit import AuditEntry
from nonpro.core.errors import InvalidInput, NotFound, PermissionDenied
from nonpro.treaties import services
from nonpro.treaties.models import ParticipationEventRecord, TreatyImportRecord
from nonpro.treaties.schemas import EventKind, ParticipationEvent, Status, TreatyImport

TODAY = date(2026, 11, 22)


@pytest.fixture
def stored(
    db_session: Session, operator: Principal, untc: TreatyImport, unoda: TreatyImport
) -> Session:
    """The project's compiled data, the UNTC pages and the UNODA pages, stored."""
    services.load_reference(session=db_session, actor=operator)
    services.load(untc, origin="untc", file_hash="u1", session=db_session, actor=operator)
    services.load(unoda, origin="unoda", file_hash="o1", session=db_session, actor=operator)
    return db_session


def _event_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ParticipationEventRecord)) or 0


def test_every_stored_count_reconciles_or_has_its_reason(stored: Session) -> None:
    found = services.check(session=stored)
    # 38 stated counts and the two Safeguards Statements' counts of NPT parties without a CSA.
    assert found.checked == 40
    assert {(d.instrument, d.stated, d.derived) for d in found.discrepancies} == {
        ("HCOC", 145, 144),
        ("IAEA_AP", 137, 130),
        ("IAEA_CSA", 182, 183),
        ("npt-without-csa", 11, 7),
        ("npt-without-csa", 10, 7),
    }
    assert found.unexplained == []
    statements = [d for d in found.discrepancies if d.question == "npt-without-csa"]
    # The difference lies among the states whose CSA dates cannot say, and they are named.
    assert all("CPV" in d.unknown and "ERI" in d.unknown for d in statements)
    assert all(d.explanation and "make up the difference" in d.explanation for d in statements)


def test_russia_ctbt_party_in_2023_and_signatory_in_2024(stored: Session) -> None:
    before = services.status("Russia", as_of=date(2023, 1, 1), session=stored)
    after = services.status("RUS", as_of=date(2024, 1, 1), session=stored)
    ctbt = {s.instrument: s for s in before.instruments}["CTBT"]
    assert ctbt.status is Status.CONSENTED and before.state == "RUS"  # ratified, not in force
    ctbt = {s.instrument: s for s in after.instruments}["CTBT"]
    assert ctbt.status is Status.SIGNATORY
    assert any(e.kind is EventKind.WITHDRAWAL_OF_RATIFICATION for e in ctbt.events)


def test_the_nine_annex_2_states(stored: Session) -> None:
    found = services.eif("ctbt", as_of=TODAY, session=stored)
    assert found.required_outstanding == [
        "CHN",
        "EGY",
        "IND",
        "IRN",
        "ISR",
        "PAK",
        "PRK",
        "RUS",
        "USA",
    ]


@pytest.mark.parametrize(
    ("state", "code", "day", "expected"),
    [
        ("Slovakia", "NPT", "1993-01-01", Status.PARTY),
        ("USSR", "NPT", "1980-01-01", Status.PARTY),
        ("USSR", "NPT", "1992-06-01", Status.NONE),
        ("Serbia and Montenegro", "CWC", "2001-01-01", Status.PARTY),
        ("Czechoslovakia", "CCW", "1993-06-01", Status.NONE),
        ("East Germany", "CCW", "1985-01-01", Status.PARTY),
        ("Democratic Yemen", "NPT", "1980-01-01", Status.NONE),  # no record in the sources
    ],
)
def test_historic_successions(
    stored: Session, state: str, code: str, day: str, expected: Status
) -> None:
    found = services.status_in(state, code, as_of=date.fromisoformat(day), session=stored)
    assert found.status is expected


def test_a_typed_state_resolves_as_the_pages_do(stored: Session) -> None:
    # The copies disagreed: a typed "Zaire" resolved to ZAR (ISO 3166-3's former country), the
    # status pages to COD, under which the events are stored; the pages were right.
    assert services.resolve_state("Zaire") == "COD"
    assert services.resolve_state("European Union") == "EUE"  # a party, though not a state
    found = services.status_in("Zaire", "CTBT", as_of=TODAY, session=stored)
    assert found.status is Status.CONSENTED


def test_parties_count_the_ussr_once(stored: Session) -> None:
    npt_1980 = services.parties("NPT", as_of=date(1980, 1, 1), session=stored).states
    assert "SUN" in npt_1980 and "RUS" not in npt_1980


def test_check_lists_the_facts_resting_on_a_weak_source(stored: Session) -> None:
    weak = {
        (w.instrument, w.reason.split(":")[0].split(" ")[0]): w
        for w in services.check(session=stored).weak
    }
    # 99 safeguards agreements dated only by inference from the Additional Protocol's date
    assert "DEU" in weak[("IAEA_CSA", "inferred")].states
    assert weak[("PELINDABA_P1", "unverified")].states == ["CHN", "FRA", "GBR", "RUS", "USA"]
    # The depositary's own pages are never weak.
    assert not any(w.instrument in {"NPT", "CTBT", "ATT"} for w in weak.values())


def test_cross_questions(stored: Session) -> None:
    assert services.question("mtcr-not-hcoc", as_of=TODAY, session=stored).states == ["BRA"]
    no_ap = services.question("npt-csa-without-ap", as_of=TODAY, session=stored)
    assert "IRN" in no_ap.states and "DEU" not in no_ap.states
    filtered = services.cross(
        having=["npt", "iaea-csa"], lacking=["IAEA_AP"], as_of=TODAY, session=stored
    )
    assert filtered.states == no_ap.states
    with pytest.raises(InvalidInput):
        services.question("nonsense", as_of=TODAY, session=stored)


def test_changes_and_timeline(stored: Session) -> None:
    found = services.changes("CTBT", start=date(2023, 1, 1), end=date(2024, 12, 31), session=stored)
    assert ("RUS", Status.SIGNATORY) in {(c.state, c.after) for c in found.changes}
    points = {p.date: p for p in services.timeline("CTBT", session=stored)}
    # Two ratified in 2023 and Russia withdrew its ratification: one more ratifying state.
    assert points[date(2023, 12, 31)].consented == points[date(2022, 12, 31)].consented + 1
    latest = max(points)  # the timeline runs to the day it is asked, whenever that is
    assert latest >= TODAY and points[latest].consented == 179
    assert all(p.parties == 0 for p in points.values())  # not in force: no state is party


def test_a_new_import_of_a_source_replaces_its_events_only(
    stored: Session, operator: Principal, untc: TreatyImport
) -> None:
    total = _event_count(stored)
    again = services.load(untc, origin="untc", file_hash="u1", session=stored, actor=operator)
    assert again.unchanged and _event_count(stored) == total
    newer = services.load(untc, origin="untc", file_hash="u2", session=stored, actor=operator)
    assert not newer.unchanged and newer.replaced_events == len(untc.events)
    assert _event_count(stored) == total
    # One instrument alone replaces that instrument's UNTC events, and nothing else.
    ctbt = TreatyImport(
        events=[e for e in untc.events if e.instrument == "CTBT"][:10],
        instruments=["CTBT"],
        sources=untc.sources[:1],
    )
    services.load(
        ctbt, origin="ctbt.html", file_hash="c", source="untc", session=stored, actor=operator
    )
    untc_ctbt = sum(1 for e in untc.events if e.instrument == "CTBT")
    assert _event_count(stored) == total - untc_ctbt + 10
    action = stored.scalars(select(AuditEntry.action).order_by(AuditEntry.seq.desc())).first()
    assert action == "treaties.load"


def test_a_bad_import_changes_nothing(stored: Session, operator: Principal) -> None:
    total = _event_count(stored)
    imports = stored.scalar(select(func.count()).select_from(TreatyImportRecord))
    bad = TreatyImport(
        events=[
            ParticipationEvent(
                state="FRA", instrument="NOPE", kind=EventKind.SIGNATURE, date=TODAY, source="test"
            )
        ]
    )
    with pytest.raises(NotFound):
        services.load(bad, origin="bad.csv", session=stored, actor=operator)
    with pytest.raises(InvalidInput):
        services.load(TreatyImport(), origin="empty.csv", session=stored, actor=operator)
    assert _event_count(stored) == total
    assert stored.scalar(select(func.count()).select_from(TreatyImportRecord)) == imports


def test_only_treaty_managers_load(db_session: Session, compiled: TreatyImport) -> None:
    viewer = Principal(username="vic", role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        services.load(compiled, origin="x", session=db_session, actor=viewer)
    officer = Principal(username="mo", role=Role.MULTILATERAL_OFFICER)
    assert services.load(compiled, origin="x", session=db_session, actor=officer).source


def test_reference_load_is_idempotent(db_session: Session, operator: Principal) -> None:
    first = services.load_reference(session=db_session, actor=operator)
    second = services.load_reference(session=db_session, actor=operator)
    assert not first.unchanged and second.unchanged
    assert first.source == "nonpro" and first.imported.event_count == 759


def test_bad_input_names_the_field(stored: Session) -> None:
    with pytest.raises(InvalidInput) as problem:
        services.status("Narnia", as_of=TODAY, session=stored)
    assert problem.value.field == "state"
    with pytest.raises(InvalidInput) as problem:
        services.parse_day("2024-13-01")
    assert problem.value.field == "as_of"
    with pytest.raises(InvalidInput):
        services.parse_status("member")
    with pytest.raises(NotFound):
        services.parties("XYZ", as_of=TODAY, session=stored)
