"""Negotiation files: seeding, positions, papers with versions, search and timeline; on SQLite
and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core.audit import AuditEntry
from nonpro.core.errors import InvalidInput, NotFound
from nonpro.core.validation import parse_input
from nonpro.registers.files import services as files
from nonpro.registers.files.models import NegotiationFile
from nonpro.registers.files.rules import Forum
from nonpro.registers.files.schemas import PaperIn, PaperVersionIn, PositionIn
from nonpro.registers.votes.services import import_csv

DATA = Path(__file__).parent / "data"


@pytest.fixture
def seeded(db_session: Session, operator: Principal) -> Session:
    assert files.seed(session=db_session, actor=operator) == 5
    return db_session


def _position(state: str, day: str, stance: str, **extra: str) -> PositionIn:
    raw = {
        "state": state,
        "day": day,
        "forum": "CD",
        "stance": stance,
        "source": "CD/PV.1600",
        **extra,
    }
    return parse_input(PositionIn, raw)


def test_the_five_files_are_seeded_once_with_forums_and_sources(
    seeded: Session, operator: Principal
) -> None:
    assert files.seed(session=seeded, actor=operator) == 0
    found = {f.code: f for f in files.list_files(session=seeded)}
    assert list(found) == ["FMCT", "LANDMINES", "NSA", "PAROS", "TESTING"]
    assert found["PAROS"].forums[0] is Forum.CD and "item 3" in found["PAROS"].source
    assert "UNGA First Committee" in found["TESTING"].forum_labels
    assert "International Monitoring System" in found["TESTING"].summary
    assert seeded.scalar(select(func.count()).select_from(NegotiationFile)) == 5


def test_positions_over_time_need_a_source_and_a_known_state(
    seeded: Session, operator: Principal
) -> None:
    files.add_position(
        "fmct",
        _position("Pakistan", "2024-03-01", "Opposes mandate"),
        session=seeded,
        actor=operator,
    )
    files.add_position(
        "FMCT",
        _position(
            "PAK",
            "2019-02-01",
            "Wants stocks included",
            kind="working_paper",
            forum="Conference on Disarmament",
        ),
        session=seeded,
        actor=operator,
    )
    found = files.positions("FMCT", session=seeded, state="Pakistan")
    assert [(p.day, p.kind.value) for p in found] == [
        (date(2019, 2, 1), "working_paper"),
        (date(2024, 3, 1), "statement"),
    ]
    with pytest.raises(InvalidInput) as no_source:
        parse_input(
            PositionIn,
            {"state": "PAK", "day": "2024-01-01", "forum": "CD", "stance": "x", "source": ""},
        )
    assert no_source.value.field == "source"
    with pytest.raises(InvalidInput) as forum:
        _position("PAK", "2024-01-01", "x", forum="Security Council")
    assert forum.value.field == "forum"
    with pytest.raises(InvalidInput) as state:
        files.add_position(
            "FMCT", _position("Atlantis", "2024-01-01", "x"), session=seeded, actor=operator
        )
    assert state.value.field == "state"
    with pytest.raises(NotFound):
        files.add_position(
            "CWC", _position("PAK", "2024-01-01", "x"), session=seeded, actor=operator
        )


def test_a_paper_keeps_every_version_and_diffs_them(seeded: Session, operator: Principal) -> None:
    paper = files.add_paper(
        "PAROS",
        PaperIn(title="Our PAROS position", text="Line one.\nNorms first."),
        session=seeded,
        actor=operator,
    )
    revised = files.revise_paper(
        paper.id,
        PaperVersionIn(text="Line one.\nNorms and a treaty.", note="treaty"),
        session=seeded,
        actor=operator,
    )
    assert [v.number for v in revised.versions] == [1, 2]
    assert revised.versions[0].text == "Line one.\nNorms first."  # kept as written
    found = files.diff(paper.id, session=seeded)
    assert "-Norms first." in found.lines and "+Norms and a treaty." in found.lines
    with pytest.raises(InvalidInput) as bad:
        files.diff(paper.id, session=seeded, old=1, new=3)
    assert bad.value.field == "new"
    with pytest.raises(InvalidInput):
        files.revise_paper(
            paper.id,
            PaperVersionIn(text="Line one.\nNorms and a treaty."),
            session=seeded,
            actor=operator,
        )
    actions = list(
        seeded.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.target == f"registers:paper:{paper.id}")
            .order_by(AuditEntry.seq)
        )
    )
    assert actions == ["registers.paper.add", "registers.paper.version"]


def test_search_across_positions_papers_and_resolutions(
    seeded: Session, operator: Principal
) -> None:
    files.add_position(
        "NSA",
        _position("EGY", "2023-05-01", "Legally BINDING assurances"),
        session=seeded,
        actor=operator,
    )
    files.add_paper(
        "FMCT",
        PaperIn(title="Cut-off", text="Verification must be binding."),
        session=seeded,
        actor=operator,
    )
    import_csv(
        (DATA / "votes_fmct.csv").read_text("utf-8"),
        origin="votes.csv",
        session=seeded,
        actor=operator,
    )
    hits = files.search("binding", session=seeded)
    assert {(h.kind, h.file) for h in hits} == {("position", "NSA"), ("paper", "FMCT")}
    assert any("BINDING" in h.excerpt for h in hits)
    resolutions = files.search("FISSILE", session=seeded)
    assert {h.ref for h in resolutions} == {"A/RES/T76/10", "A/RES/T77/11", "A/RES/T78/12"}
    assert files.search("100%", session=seeded) == []  # % is literal, not a wildcard
    with pytest.raises(InvalidInput):
        files.search(" ", session=seeded)


def test_timeline_puts_positions_papers_and_resolutions_in_date_order(
    seeded: Session, operator: Principal
) -> None:
    import_csv(
        (DATA / "votes_fmct.csv").read_text("utf-8"),
        origin="votes.csv",
        session=seeded,
        actor=operator,
    )
    files.add_position(
        "FMCT",
        _position("USA", "2022-08-15", "Start negotiations now"),
        session=seeded,
        actor=operator,
    )
    files.add_paper(
        "FMCT", PaperIn(title="Our FMCT paper", text="Text."), session=seeded, actor=operator
    )
    found = files.timeline("FMCT", session=seeded)
    kinds = [(e.day.year, e.kind) for e in found.entries]
    assert kinds[:4] == [
        (2021, "resolution"),
        (2022, "position"),
        (2022, "resolution"),
        (2023, "resolution"),
    ]
    assert kinds[-1][1] == "paper_version"
    assert found.entries[0].detail == "2 yes, 1 no, 1 abstain"
    assert found.file.resolutions == 3 and found.file.positions == 1 and found.file.papers == 1
    assert [e.day for e in found.entries] == sorted(e.day for e in found.entries)
