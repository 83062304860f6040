"""Every register service that changes data refuses an actor without ``manage_multilateral`` when
called directly, not only through HTTP, and leaves the database as it was."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core.audit import AuditEntry
from nonpro.core.validation import parse_input
from nonpro.registers.agreements import services as agreements
from nonpro.registers.agreements.models import Agreement
from nonpro.registers.agreements.schemas import AgreementIn, AgreementUpdate
from nonpro.registers.arms import services as arms
from nonpro.registers.arms.models import ArmsBackground, ArmsDataset, ArmsTransfer
from nonpro.registers.arms.schemas import BackgroundIn, TransferIn
from nonpro.registers.arms.transfers import get_transfer
from nonpro.registers.files import services as files
from nonpro.registers.files.models import (
    NegotiationFile,
    PaperVersion,
    PositionPaper,
    StatePosition,
)
from nonpro.registers.files.schemas import PaperIn, PaperVersionIn, PositionIn
from nonpro.registers.votes import services as votes
from nonpro.registers.votes.models import Resolution, ResolutionVote
from tests.refusals import OFFICER, REFUSED, assert_refused_unchanged, row_counts

DATA = Path(__file__).parent / "data"
TABLES: tuple[type[Any], ...] = (
    AuditEntry,
    ArmsDataset,
    ArmsTransfer,
    ArmsBackground,
    Agreement,
    NegotiationFile,
    StatePosition,
    PositionPaper,
    PaperVersion,
    Resolution,
    ResolutionVote,
)


@dataclass
class Made:
    """What the officer recorded before the refused actor tries to change it."""

    transfer_id: uuid.UUID
    paper_id: uuid.UUID


def _transfer(number: int = 12) -> TransferIn:
    raw = {
        "direction": "export",
        "year": 2023,
        "category": "I",
        "partner": "Poland",
        "number_of_items": number,
        "description": "M1A1 Abrams",
    }
    return parse_input(TransferIn, raw)


def _agreement() -> AgreementIn:
    raw = {
        "key": "TEST-JPN",
        "kind": "nuclear_cooperation",
        "title": "Test agreement",
        "partner": "Japan",
        "signed": "2018-07-01",
    }
    return parse_input(AgreementIn, raw)


def _position() -> PositionIn:
    raw = {
        "state": "PAK",
        "day": "2024-03-01",
        "forum": "CD",
        "stance": "Opposes mandate",
        "source": "CD/PV.1600",
    }
    return parse_input(PositionIn, raw)


Write = Callable[[Session, Principal, Made], object]
WRITES: dict[str, Write] = {
    "arms.record_transfer": lambda s, a, m: arms.record_transfer(_transfer(), session=s, actor=a),
    "arms.edit_transfer": lambda s, a, m: arms.edit_transfer(
        m.transfer_id, _transfer(3), session=s, actor=a
    ),
    "arms.delete_transfer": lambda s, a, m: arms.delete_transfer(m.transfer_id, session=s, actor=a),
    "arms.record_background": lambda s, a, m: arms.record_background(
        parse_input(BackgroundIn, {"year": 2023, "kind": "holdings", "category": "I"}),
        session=s,
        actor=a,
    ),
    "arms.import_state_report": lambda s, a, m: arms.import_state_report(
        DATA / "pol-2023.csv", state="POL", year=2023, session=s, actor=a
    ),
    "arms.import_trade_register": lambda s, a, m: arms.import_trade_register(
        DATA / "sipri-small.csv", session=s, actor=a
    ),
    "agreements.add": lambda s, a, m: agreements.add(_agreement(), session=s, actor=a),
    "agreements.edit": lambda s, a, m: agreements.edit(
        "TEST-JPN", AgreementUpdate(remind_days=30), session=s, actor=a
    ),
    "agreements.import_csv": lambda s, a, m: agreements.import_csv(
        (DATA / "agreements.csv").read_text("utf-8"), origin="agreements.csv", session=s, actor=a
    ),
    "files.seed": lambda s, a, m: files.seed(session=s, actor=a),
    "files.add_position": lambda s, a, m: files.add_position(
        "FMCT", _position(), session=s, actor=a
    ),
    "files.add_paper": lambda s, a, m: files.add_paper(
        "FMCT", PaperIn(title="Another paper", text="Text."), session=s, actor=a
    ),
    "files.revise_paper": lambda s, a, m: files.revise_paper(
        m.paper_id, PaperVersionIn(text="Changed."), session=s, actor=a
    ),
    "votes.import_csv": lambda s, a, m: votes.import_csv(
        (DATA / "votes_fmct.csv").read_text("utf-8"), origin="votes.csv", session=s, actor=a
    ),
}


@pytest.fixture
def made(db_session: Session, operator: Principal) -> Made:
    """An own transfer, an agreement, the seeded files and a position paper, by the officer."""
    files.seed(session=db_session, actor=operator)
    transfer = arms.record_transfer(_transfer(), session=db_session, actor=OFFICER)
    agreements.add(_agreement(), session=db_session, actor=OFFICER)
    paper = files.add_paper(
        "FMCT", PaperIn(title="Position", text="First."), session=db_session, actor=OFFICER
    )
    return Made(transfer_id=transfer.id, paper_id=paper.id)


@pytest.mark.parametrize("actor", REFUSED, ids=lambda p: p.role.value)
@pytest.mark.parametrize("name", list(WRITES))
def test_a_write_service_refuses_an_actor_who_does_not_keep_the_registers(
    db_session: Session, made: Made, name: str, actor: Principal
) -> None:
    assert_refused_unchanged(db_session, TABLES, lambda: WRITES[name](db_session, actor, made))
    assert get_transfer(made.transfer_id, session=db_session).number_of_items == 12
    assert [v.text for v in files.show_paper(made.paper_id, session=db_session).versions] == [
        "First."
    ]


@pytest.mark.parametrize("name", ["arms.edit_transfer", "files.revise_paper", "agreements.edit"])
def test_the_officer_gets_through_the_same_check(
    db_session: Session, made: Made, name: str
) -> None:
    before = row_counts(db_session, TABLES)[AuditEntry.__name__]
    WRITES[name](db_session, OFFICER, made)
    assert row_counts(db_session, TABLES)[AuditEntry.__name__] == before + 1
