"""The audit log: rows chain, verification catches edits and deletions, on both backends."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from nonpro.core import audit


def _three_rows(session: Session) -> list[audit.AuditEntry]:
    return [
        audit.record(
            session,
            actor="alice",
            action="case.create",
            target="case:1",
            payload={"n": 1, "note": "Käse ✓"},
        ),
        audit.record(
            session, actor="bob", action="case.update", target="case:1", payload={"status": "hold"}
        ),
        audit.record(session, actor="alice", action="case.close", target="case:2"),
    ]


def test_rows_link_to_their_predecessor(db_session: Session) -> None:
    rows = _three_rows(db_session)
    assert rows[0].prev_hash == audit.GENESIS_HASH
    assert rows[1].prev_hash == rows[0].hash
    assert rows[2].prev_hash == rows[1].hash
    assert [r.seq for r in rows] == [1, 2, 3]


def test_intact_log_verifies(db_session: Session) -> None:
    _three_rows(db_session)
    db_session.commit()
    db_session.expire_all()
    verdict = audit.verify_chain(db_session)
    assert verdict.intact
    assert verdict.rows_checked == 3


def test_edited_payload_is_named(db_session: Session) -> None:
    _three_rows(db_session)
    db_session.flush()
    db_session.execute(
        text("UPDATE audit_log SET payload = :p WHERE seq = 2"), {"p": '{"status": "approved"}'}
    )
    db_session.expire_all()
    verdict = audit.verify_chain(db_session)
    assert not verdict.intact
    assert verdict.first_bad_seq == 2
    assert verdict.rows_checked == 1


def test_edited_actor_is_named(db_session: Session) -> None:
    _three_rows(db_session)
    db_session.execute(text("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3"))
    db_session.expire_all()
    assert audit.verify_chain(db_session).first_bad_seq == 3


def test_deleted_row_is_named(db_session: Session) -> None:
    _three_rows(db_session)
    db_session.execute(text("DELETE FROM audit_log WHERE seq = 2"))
    db_session.expire_all()
    verdict = audit.verify_chain(db_session)
    assert not verdict.intact
    assert verdict.first_bad_seq == 3
    assert "missing" in (verdict.problem or "")


def test_rehashed_edit_still_breaks_the_next_link(db_session: Session) -> None:
    """Recomputing the edited row's own hash does not help: the next row still points back."""
    rows = _three_rows(db_session)
    forged = audit.compute_hash(
        seq=1,
        at=rows[0].at,
        actor="mallory",
        action=rows[0].action,
        target=rows[0].target,
        payload=rows[0].payload,
        prev_hash=audit.GENESIS_HASH,
    )
    db_session.execute(
        text("UPDATE audit_log SET actor='mallory', hash=:h WHERE seq=1"), {"h": forged}
    )
    db_session.expire_all()
    verdict = audit.verify_chain(db_session)
    assert verdict.first_bad_seq == 2


def test_entries_filter_by_target(db_session: Session) -> None:
    _three_rows(db_session)
    assert [e.seq for e in audit.entries(db_session, target="case:1")] == [2, 1]


def test_a_capability_log_names_its_actions_and_targets(db_session: Session) -> None:
    class Someone:
        username = "mo"

    log = audit.CapabilityLog("multilateral")
    row = log.record(db_session, Someone(), "meeting.create", "meeting:42", {"title": "BoG"})
    assert (row.actor, row.action, row.target) == (
        "mo",
        "multilateral.meeting.create",
        "multilateral:meeting:42",
    )
    assert row.payload == {"title": "BoG"}
    assert audit.verify_chain(db_session).intact
