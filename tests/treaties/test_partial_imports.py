"""A treaty CSV with refused rows, stored on SQLite and PostgreSQL: the good rows replace what
the source said, and what a refused row stood for keeps its earlier events (issue 19 item 10)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core.audit import AuditEntry
from nonpro.core.rejected_rows import RejectedRows
from nonpro.treaties import services
from nonpro.treaties.models import ParticipationEventRecord, TreatyImportRecord
from nonpro.treaties.schemas import ImportOutcome, Status

HEADER = "state,instrument,event,date,source\n"
FIRST = (
    HEADER + "FRA,MTCR,admission,1987-04-16,mtcr.info\n"
    "DEU,MTCR,admission,1987-04-16,mtcr.info\n"
    "IND,MTCR,admission,2016-06-27,mtcr.info\n"
    "FRA,HCOC,subscription,2002-11-25,hcoc.at\n"
)
AS_OF = date(2024, 1, 1)


def _load(
    tmp_path: Path, text: str, session: Session, actor: Principal, *, strict: bool = False
) -> ImportOutcome:
    path = tmp_path / "regimes.csv"
    path.write_text(text)
    return services.load_from_path(path, session=session, actor=actor, strict=strict)


def _status(state: str, instrument: str, session: Session) -> Status:
    return services.status_in(state, instrument, as_of=AS_OF, session=session).status


def _events(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ParticipationEventRecord)) or 0


@pytest.fixture
def first(tmp_path: Path, db_session: Session, operator: Principal) -> Session:
    _load(tmp_path, FIRST, db_session, operator)
    return db_session


def test_a_refused_row_keeps_the_earlier_events_of_its_state(
    first: Session, operator: Principal, tmp_path: Path
) -> None:
    # India's row now has an impossible date; Germany's row is gone from the file (replaced).
    second = (
        HEADER + "FRA,MTCR,admission,1987-04-16,mtcr.info\n"
        "IND,MTCR,admission,2016-06-32,mtcr.info\n"
        "FRA,HCOC,subscription,2002-11-25,hcoc.at\n"
    )
    outcome = _load(tmp_path, second, first, operator)
    report = outcome.report
    assert report is not None
    assert (report.rows_read, report.rows_stored, report.rows_refused) == (3, 2, 1)
    assert [(r.where, r.column) for r in report.refused] == [("line 3", "date")]
    assert report.kept == ["MTCR: IND"]
    assert _status("IND", "MTCR", first) is Status.PARTY  # not "not a party"
    assert _status("DEU", "MTCR", first) is not Status.PARTY  # the file replaced it
    assert _status("FRA", "MTCR", first) is Status.PARTY
    record = first.scalars(
        select(TreatyImportRecord).order_by(TreatyImportRecord.loaded_at.desc())
    ).first()
    assert record is not None and record.event_count == 2
    assert any("1 row(s) refused" in w for w in record.warnings)
    entry = first.scalars(
        select(AuditEntry)
        .where(AuditEntry.action == "treaties.load")
        .order_by(AuditEntry.at.desc())
    ).first()
    assert entry is not None
    assert entry.payload["rows_read"] == 3 and entry.payload["rows_refused"] == 1


def test_a_row_whose_state_cannot_be_read_keeps_every_state_of_its_instrument(
    first: Session, operator: Principal, tmp_path: Path
) -> None:
    second = HEADER + "Atlantis,MTCR,admission,1990-01-01,x\nFRA,HCOC,subscription,2003-01-01,y\n"
    outcome = _load(tmp_path, second, first, operator)
    assert outcome.report is not None and outcome.report.kept == ["MTCR: every state"]
    for state in ("FRA", "DEU", "IND"):
        assert _status(state, "MTCR", first) is Status.PARTY


def test_strict_and_unplaceable_rows_store_nothing(
    first: Session, operator: Principal, tmp_path: Path
) -> None:
    before = _events(first)
    bad_date = HEADER + "FRA,MTCR,admission,1987-04-16,x\nIND,MTCR,admission,9999-12-31,x\n"
    with pytest.raises(RejectedRows, match="line 3, column 'date'"):
        _load(tmp_path, bad_date, first, operator, strict=True)
    # A row whose instrument and state are both unreadable could stand for anything.
    unplaceable = HEADER + "FRA,MTCR,admission,1987-04-16,x\nAtlantis,NOPE,admission,1990-01-01,x\n"
    with pytest.raises(RejectedRows, match="line 3"):
        _load(tmp_path, unplaceable, first, operator)
    only_bad = HEADER + "IND,MTCR,admission,1974-01-32,x\n"
    with pytest.raises(RejectedRows):
        _load(tmp_path, only_bad, first, operator)
    # The only good row is held back with its state's bad one: nothing is left to store.
    held_back = HEADER + "IND,MTCR,admission,2016-06-27,x\nIND,MTCR,withdrawal,2099-13-01,x\n"
    with pytest.raises(RejectedRows):
        _load(tmp_path, held_back, first, operator)
    assert _events(first) == before
    assert _status("DEU", "MTCR", first) is Status.PARTY
