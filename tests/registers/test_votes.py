"""UNGA votes: import (good rows stored, bad ones named), tallies, and a state's record on a
series across years; on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core.errors import InvalidInput
from nonpro.core.rejected_rows import RejectedRows
from nonpro.registers.files import services as files
from nonpro.registers.votes import services as votes
from nonpro.registers.votes.models import Resolution
from nonpro.registers.votes.rules import Vote, parse_vote
from nonpro.registers.votes.schemas import Tally
from nonpro.registers.votes.services import import_csv

DATA = Path(__file__).parent / "data"


@pytest.fixture
def voted(db_session: Session, operator: Principal) -> Session:
    files.seed(session=db_session, actor=operator)
    found = import_csv(
        (DATA / "votes_fmct.csv").read_text("utf-8"),
        origin="votes_fmct.csv",
        session=db_session,
        actor=operator,
    )
    assert (len(found.added), found.votes) == (4, 14)
    return db_session


def test_a_states_record_on_a_series_across_years(voted: Session) -> None:
    found = votes.record("Pakistan", series="fmct", session=voted)
    assert (found.state, found.series) == ("PAK", "FMCT")
    rows = [(r.year, r.symbol, r.vote, r.changed) for r in found.rows]
    assert rows == [
        (2021, "A/RES/T76/10", Vote.NO, False),
        (2022, "A/RES/T77/11", Vote.ABSTAIN, True),
        (2023, "A/RES/T78/12", Vote.YES, True),
    ]
    assert [str(r.tally) for r in found.rows] == ["2-1-1", "3-0-1", "2-1-0"]
    assert found.rows[2].tally == Tally(yes=2, no=1, abstain=0, absent=1)


def test_compare_shows_where_two_states_differ(voted: Session) -> None:
    found = votes.record("USA", series="FMCT", compare="France", session=voted)
    assert found.compare == "FRA"
    assert [(r.year, r.vote, r.compare_vote, r.differs) for r in found.rows] == [
        (2021, Vote.YES, Vote.YES, False),
        (2022, Vote.YES, Vote.YES, False),
        (2023, Vote.YES, Vote.NO, True),
    ]
    with pytest.raises(InvalidInput) as same:
        votes.record("USA", series="FMCT", compare="US", session=voted)
    assert same.value.field == "compare"


def test_a_state_without_a_recorded_vote_and_an_unknown_series(voted: Session) -> None:
    found = votes.record("India", series="FMCT", session=voted)
    assert [r.vote for r in found.rows] == [None, None, None]
    with pytest.raises(InvalidInput) as bad:
        votes.record("USA", series="CWC", session=voted)
    assert bad.value.field == "series" and "FMCT, PAROS" in bad.value.problem


def test_resolutions_carry_file_sponsors_and_votes(voted: Session) -> None:
    found = votes.show("A/RES/T78/12", session=voted)
    assert found.file == "FMCT" and found.text_reference == "A/C.1/T78/L.12"
    assert found.sponsors == ["CAN", "DEU", "New Agenda Coalition"]
    assert {(v.state, v.vote) for v in found.votes} >= {("USA", Vote.YES), ("FRA", Vote.NO)}
    listed = votes.list_resolutions(session=voted, file="PAROS")
    assert [r.symbol for r in listed] == ["A/RES/T78/20"]
    assert [r.year for r in votes.list_resolutions(session=voted, series="FMCT")] == [
        2021,
        2022,
        2023,
    ]


def test_reimport_replaces_a_states_vote(voted: Session, operator: Principal) -> None:
    change = (
        "symbol,series,session,year,title,state,vote\n"
        "A/RES/T78/12,FMCT,78,2023,Test treaty banning the production of fissile material,"
        "France,abstain\n"
    )
    found = import_csv(change, origin="fix.csv", session=voted, actor=operator)
    assert found.updated == ["A/RES/T78/12"]
    record = votes.record("FRA", series="FMCT", session=voted)
    assert record.rows[-1].vote is Vote.ABSTAIN


@pytest.mark.parametrize(
    ("name", "column", "start"),
    [
        ("votes_bad_vote.csv", "vote", "'maybe' is not a vote"),
        ("votes_bad_state.csv", "state", "'Atlantis' is not a state"),
    ],
)
def test_a_bad_row_is_named_by_line_and_column_and_the_good_rows_are_stored(
    db_session: Session, operator: Principal, name: str, column: str, start: str
) -> None:
    files.seed(session=db_session, actor=operator)
    found = import_csv(
        (DATA / name).read_text("utf-8"), origin=name, session=db_session, actor=operator
    )
    [rejected] = found.rejected
    assert (rejected.where, rejected.column) == ("line 3", column)
    assert rejected.problem.startswith(start)
    assert (found.added, found.votes) == (["A/RES/T79/1"], 1)
    stored = db_session.scalars(select(Resolution)).one()
    assert [vote.state for vote in stored.votes] == ["USA"]


def test_disagreeing_resolution_columns_unknown_files_and_repeated_votes_are_left_out(
    db_session: Session, operator: Principal
) -> None:
    files.seed(session=db_session, actor=operator)
    header = "symbol,series,session,year,title,file,state,vote\n"
    clash = header + "R/1,FMCT,79,2024,T,FMCT,USA,yes\nR/1,FMCT,79,2025,T,,PAK,no\n"
    [bad] = import_csv(clash, origin="c.csv", session=db_session, actor=operator).rejected
    assert (bad.where, bad.column) == ("line 3", "year")
    assert bad.problem.startswith("'2025' differs")
    twice = header + "R/2,FMCT,79,2024,T,,USA,yes\nR/2,,,,,,United States,no\n"
    [dup] = import_csv(twice, origin="d.csv", session=db_session, actor=operator).rejected
    assert (dup.where, dup.column) == ("line 3", "state")
    unknown = header + "R/3,FMCT,79,2024,T,CWC,USA,yes\n"
    with pytest.raises(RejectedRows) as file:
        import_csv(unknown, origin="u.csv", session=db_session, actor=operator)
    assert [row.column for row in file.value.rows] == ["file"]
    assert db_session.scalar(select(Resolution.id).where(Resolution.symbol == "R/3")) is None


def test_a_resolution_whose_first_row_is_bad_takes_its_columns_from_the_next_good_row(
    db_session: Session, operator: Principal
) -> None:
    header = "symbol,series,session,year,title,state,vote\n"
    text = header + "R/9,FMCT,79,20x4,T,USA,yes\nR/9,FMCT,79,2024,T,PAK,no\n"
    found = import_csv(text, origin="f.csv", session=db_session, actor=operator)
    assert [(row.where, row.column) for row in found.rejected] == [("line 2", "year")]
    stored = db_session.scalars(select(Resolution)).one()
    assert stored.year == 2024 and [vote.state for vote in stored.votes] == ["PAK"]


def test_vote_spellings() -> None:
    assert [parse_vote(s) for s in ("Y", "in favour", "Against", "abstention", "non-voting")] == [
        Vote.YES,
        Vote.YES,
        Vote.NO,
        Vote.ABSTAIN,
        Vote.ABSENT,
    ]
