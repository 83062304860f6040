"""The audit log: rows chain, verification catches edits and deletions, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text
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
    """Recomputing the edited row's own hash does not help: its signature no longer matches
    (without the audit key none can be made), and the next row still points back."""
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
    assert verdict.first_bad_seq == 1 and "signature" in (verdict.problem or "")
    db_session.execute(text("UPDATE audit_log SET mac = NULL WHERE seq = 1"))  # passed as old
    assert _verdict(db_session).first_bad_seq == 2


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


def _verdict(session: Session, kept: audit.Anchor | None = None) -> audit.ChainVerdict:
    session.expire_all()
    return audit.verify_chain(session, kept_anchor=kept)


def _forge_from(session: Session, seq: int, actor: str) -> None:
    """What someone with write access to the database but not the audit key can do: change a
    row and recompute the hash chain from it to the end."""
    rows = session.scalars(
        select(audit.AuditEntry).where(audit.AuditEntry.seq >= seq).order_by(audit.AuditEntry.seq)
    ).all()
    prev = rows[0].prev_hash
    for row in rows:
        fields = {name: getattr(row, name) for name in audit.HASHED_FIELDS}
        fields.update(prev_hash=prev, actor=actor if row.seq == seq else row.actor)
        new_hash = audit.compute_hash(**fields)
        session.execute(
            text("UPDATE audit_log SET actor=:a, prev_hash=:p, hash=:h WHERE seq=:s"),
            {"a": fields["actor"], "p": prev, "h": new_hash, "s": row.seq},
        )
        prev = new_hash


def test_an_edited_note_is_named(db_session: Session) -> None:
    _three_rows(db_session)
    db_session.execute(text("UPDATE audit_log SET note = 'approved by the director' WHERE seq = 2"))
    verdict = _verdict(db_session)
    assert not verdict.intact and verdict.first_bad_seq == 2


def test_a_forged_row_with_a_recomputed_chain_is_named(db_session: Session) -> None:
    _three_rows(db_session)
    _forge_from(db_session, 2, "mallory")
    verdict = _verdict(db_session)
    assert not verdict.intact and verdict.first_bad_seq == 2
    assert "signature" in (verdict.problem or "")


def test_rows_signed_with_another_key_are_named(
    db_session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _three_rows(db_session)
    monkeypatch.setenv(audit.AUDIT_KEY_FILE_VARIABLE, str(tmp_path / "another_key"))
    verdict = _verdict(db_session)
    assert not verdict.intact and verdict.first_bad_seq == 1


def test_rows_deleted_at_the_end_below_an_anchor_are_found(db_session: Session) -> None:
    _three_rows(db_session)
    audit.anchor_head(db_session)  # as each verification does
    db_session.execute(text("DELETE FROM audit_log WHERE seq = 3"))
    verdict = _verdict(db_session)
    assert not verdict.intact and verdict.first_bad_seq == 3
    assert "missing" in (verdict.problem or "")


def test_the_log_is_anchored_every_so_many_rows(
    db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit, "ANCHOR_EVERY", 2)
    _three_rows(db_session)
    assert db_session.scalars(select(audit.AuditAnchor.count)).all() == [2]
    db_session.execute(text("DELETE FROM audit_log WHERE seq >= 2"))
    verdict = _verdict(db_session)
    assert not verdict.intact and "rows 2-2 are missing" in (verdict.problem or "")


def test_a_forged_anchor_is_named(db_session: Session) -> None:
    _three_rows(db_session)
    audit.anchor_head(db_session)
    db_session.execute(text("UPDATE audit_anchors SET count = 2"))
    verdict = _verdict(db_session)
    assert not verdict.intact and "not signed" in (verdict.problem or "")


def test_a_cut_after_the_last_anchor_needs_the_anchor_kept_outside(db_session: Session) -> None:
    """Documented limit: deleting the newest rows and the anchors in the database that cover
    them goes unseen, unless an anchor was kept outside (``nonpro audit anchor --out``)."""
    _three_rows(db_session)
    kept = audit.anchor_head(db_session)
    db_session.execute(text("DELETE FROM audit_log WHERE seq = 3"))
    db_session.execute(text("DELETE FROM audit_anchors"))
    assert _verdict(db_session).intact
    verdict = _verdict(db_session, kept)
    assert not verdict.intact and "missing" in (verdict.problem or "")


def test_rows_from_before_the_signatures_verify_only_as_the_first_rows(
    db_session: Session,
) -> None:
    _three_rows(db_session)
    db_session.execute(text("UPDATE audit_log SET mac = NULL WHERE seq <= 2"))
    assert _verdict(db_session).intact  # a log older than migration platform_0002
    audit.record(db_session, actor="alice", action="case.reopen", target="case:2")
    db_session.execute(text("UPDATE audit_log SET mac = NULL WHERE seq = 4"))
    verdict = _verdict(db_session)
    assert verdict.first_bad_seq == 4 and "unsigned" in (verdict.problem or "")
