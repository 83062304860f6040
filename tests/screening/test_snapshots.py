"""Snapshots on both databases: load, activate only when stored, keep the previous on failure,
diff, status."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.core import audit
from nonpro.core.errors import PermissionDenied
from nonpro.screening import snapshots
from nonpro.screening.errors import ListParseError
from nonpro.screening.formats.detect import load_path
from nonpro.screening.models import ListEntryRecord, ListSnapshot


@pytest.fixture(scope="module")
def dpl_path(shared_data: Path) -> Path:
    return shared_data / "lists" / "bis_dpl_2023-11" / "dpl.txt"


def _load(path: Path, session: Session, actor: Principal) -> list[snapshots.LoadOutcome]:
    file_hash = snapshots.hash_files(path)
    return [
        snapshots.store_snapshot(
            parsed, origin=str(path), file_hash=file_hash, session=session, actor=actor
        )
        for parsed in load_path(path)
    ]


def test_load_stores_every_entry_and_activates(
    db_session: Session, operator: Principal, dpl_path: Path
) -> None:
    (outcome,) = _load(dpl_path, db_session, operator)
    assert not outcome.unchanged and outcome.snapshot.active
    assert outcome.snapshot.entry_count == 665
    stored = db_session.scalar(select(func.count()).select_from(ListEntryRecord))
    assert stored == 665
    entries, by_source = snapshots.active_entries(session=db_session)
    assert len(entries) == 665 and set(by_source) == {outcome.source}
    assert audit.entries(db_session, action="lists.load")[0].payload["entries"] == 665


def test_same_bytes_again_store_nothing_new(
    db_session: Session, operator: Principal, dpl_path: Path
) -> None:
    _load(dpl_path, db_session, operator)
    (again,) = _load(dpl_path, db_session, operator)
    assert again.unchanged
    assert db_session.scalar(select(func.count()).select_from(ListSnapshot)) == 1


def test_broken_file_keeps_the_previous_snapshot_active(
    db_session: Session, operator: Principal, dpl_path: Path, tmp_path: Path
) -> None:
    (first,) = _load(dpl_path, db_session, operator)
    db_session.commit()
    broken = tmp_path / "dpl.txt"
    lines = dpl_path.read_text(encoding="utf-8", errors="replace").splitlines()
    header = lines[0].split("\t")
    broken.write_text("\t".join(header[:2]) + "\n" + "\n".join(lines[1:5]), encoding="utf-8")
    with pytest.raises(ListParseError) as caught:
        _load(broken, db_session, operator)
    assert str(broken) in caught.value.message
    db_session.rollback()
    snapshots.record_failure(
        source=first.source,
        origin=str(broken),
        problem=caught.value.message,
        session=db_session,
        actor=operator,
    )
    (status,) = snapshots.status(session=db_session)
    assert status.active is not None and status.active.id == first.snapshot.id
    assert status.last_failure is not None and str(broken) in status.last_failure.problem


def test_diff_names_added_removed_and_changed(
    db_session: Session, operator: Principal, dpl_path: Path, tmp_path: Path
) -> None:
    _load(dpl_path, db_session, operator)
    edited = tmp_path / "dpl.txt"
    shutil.copy(dpl_path, edited)
    lines = edited.read_text(encoding="utf-8").splitlines(keepends=True)
    header, second, rest = lines[0], lines[2], lines[3:]
    # Drop the first entry and amend the Federal Register citation of the second (the DPL has
    # no ids: nonpro keys its entries on name and address, which stay the same here).
    columns = second.rstrip("\n").split("\t")
    columns[-1] = columns[-1] + " (amended)"
    edited.write_text(header + "\t".join(columns) + "\n" + "".join(rest), encoding="utf-8")
    (outcome,) = _load(edited, db_session, operator)
    diff = snapshots.diff(outcome.source, session=db_session)
    assert diff.old_snapshot is not None and diff.new_snapshot == outcome.snapshot.id
    assert len(diff.removed) == 1 and not diff.added
    assert len(diff.changed) == 1
    assert diff.changed[0].entry_id != diff.removed[0].entry_id


def test_loading_needs_the_right_role(db_session: Session, dpl_path: Path) -> None:
    viewer = Principal(username="vic", role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        _load(dpl_path, db_session, viewer)
    assert db_session.scalar(select(func.count()).select_from(ListSnapshot)) == 0
