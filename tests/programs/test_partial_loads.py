"""A missile data set with records that cannot be read, stored on SQLite and PostgreSQL: the
good records replace the data set, the bad ones are reported and counted (issue 19 item 10)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core.rejected_rows import RejectedRows
from nonpro.programs import services

GOOD = '{"type": "Missile Provocation", "event": "SRBM", "date": "2020-03-02"}'


def _csis(tmp_path: Path, *records: str) -> Path:
    path = tmp_path / "north_korea_provocations.json"
    path.write_text("[" + ", ".join(records) + "]")
    return path


def test_good_records_are_stored_and_bad_ones_reported(
    db_session: Session, operator: Principal, tmp_path: Path
) -> None:
    path = _csis(
        tmp_path,
        GOOD,
        '{"type": "Missile Provocation", "event": "SRBM", "date": "2020-13-02"}',
        '{"type": "Missile Provocation", "event": "SRBM", "date": "1e999999"}',
    )
    outcome = services.load_path(path, session=db_session, actor=operator)
    [report] = outcome.reports
    assert (report.rows_read, report.rows_stored, report.rows_refused) == (3, 1, 2)
    assert [row.where for row in report.refused] == ["record 2", "record 3"]
    [stored] = services.imports(session=db_session)
    assert stored.counts["events"] == 1 and stored.counts["refused_rows"] == 2
    # What the count rests on says it may be short.
    found = services.coverage(
        "events", "PRK", start=date(2020, 1, 1), end=date(2020, 12, 31), session=db_session
    )
    assert found.covered
    assert "2 record(s) of csis_nk_provocations were refused on its last load" in found.note


def test_strict_or_no_good_record_stores_nothing(
    db_session: Session, operator: Principal, tmp_path: Path
) -> None:
    services.load_path(_csis(tmp_path, GOOD, GOOD), session=db_session, actor=operator)
    bad = '{"type": "Missile Provocation", "event": "SRBM", "date": "9999-99-99"}'
    with pytest.raises(RejectedRows, match="record 2"):
        services.load_path(
            _csis(tmp_path, GOOD, bad), session=db_session, actor=operator, strict=True
        )
    with pytest.raises(RejectedRows, match="record 1"):
        services.load_path(_csis(tmp_path, bad), session=db_session, actor=operator)
    [kept] = services.imports(session=db_session)  # the earlier load stands
    assert kept.counts["events"] == 2 and kept.counts["refused_rows"] == 0
