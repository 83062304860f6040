"""The UN Register of Conventional Arms: the state's own transfers, background information, and
other states' reports imported for comparison.

Services flush; the caller commits. Every write is audited in the same transaction. Imported rows
are never edited one by one: a state's report is corrected by importing the file again, which
replaces what that state's report for that year said before.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core.errors import Conflict, InvalidInput, NotFound
from nonpro.registers.arms.models import ArmsBackground, ArmsDataset, ArmsTransfer
from nonpro.registers.arms.schemas import (
    BackgroundIn,
    BackgroundOut,
    DatasetOut,
    TransferIn,
    TransferOut,
    TransferQuery,
    require_state,
    state_name,
)
from nonpro.registers.audit_log import LOG


def _uuid(value: str | uuid.UUID) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        raise InvalidInput("transfer", f"{value!r} is not a transfer id") from None


def get_transfer(transfer_id: str | uuid.UUID, *, session: Session) -> ArmsTransfer:
    found = session.get(ArmsTransfer, _uuid(transfer_id))
    if found is None:
        raise NotFound("transfer", transfer_id)
    return found


def _own(transfer_id: str | uuid.UUID, session: Session) -> ArmsTransfer:
    found = get_transfer(transfer_id, session=session)
    if found.source_kind != "own":
        raise Conflict(
            f"transfer {found.id} was imported ({found.source_kind}); "
            "correct it by importing the file again"
        )
    return found


def _fill(found: ArmsTransfer, data: TransferIn) -> None:
    found.reporting_state = data.reporting_state
    found.direction = data.direction
    found.year = data.year
    found.category = data.category.value
    found.subcategory = data.subcategory
    found.exporter, found.exporter_name = data.exporter, state_name(data.exporter)
    found.importer, found.importer_name = data.importer, state_name(data.importer)
    found.number_of_items = data.number_of_items
    for name in (
        "state_of_origin",
        "intermediate_location",
        "description",
        "comments",
        "remarks",
        "source",
    ):
        setattr(found, name, getattr(data, name))


def record_transfer(data: TransferIn, *, session: Session, actor: Principal) -> TransferOut:
    """Record one export or import for the state's own national report."""
    require(actor, Permission.MANAGE_MULTILATERAL)
    found = ArmsTransfer(source_kind="own", created_by=actor.username)
    _fill(found, data)
    session.add(found)
    session.flush()
    LOG.record(
        session, actor, "arms.record", f"arms:transfer:{found.id}", data.model_dump(mode="json")
    )
    return TransferOut.model_validate(found)


def edit_transfer(
    transfer_id: str | uuid.UUID, data: TransferIn, *, session: Session, actor: Principal
) -> TransferOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    found = _own(transfer_id, session)
    before = TransferOut.model_validate(found).model_dump(mode="json")
    _fill(found, data)
    session.flush()
    LOG.record(
        session,
        actor,
        "arms.edit",
        f"arms:transfer:{found.id}",
        {"before": before, "after": data.model_dump(mode="json")},
    )
    return TransferOut.model_validate(found)


def delete_transfer(transfer_id: str | uuid.UUID, *, session: Session, actor: Principal) -> None:
    require(actor, Permission.MANAGE_MULTILATERAL)
    found = _own(transfer_id, session)
    before = TransferOut.model_validate(found).model_dump(mode="json")
    session.delete(found)
    session.flush()
    LOG.record(session, actor, "arms.delete", f"arms:transfer:{before['id']}", {"before": before})


def list_transfers(
    query: TransferQuery, *, session: Session, limit: int | None = None
) -> list[TransferOut]:
    """Transfers matching every filter given; ``state`` matches exporter, importer or reporter."""
    wanted = select(ArmsTransfer)
    if query.year is not None:
        wanted = wanted.where(ArmsTransfer.year == query.year)
    if query.category is not None:
        wanted = wanted.where(ArmsTransfer.category == query.category.value)
    if query.direction is not None:
        wanted = wanted.where(ArmsTransfer.direction == query.direction)
    if query.source_kind is not None:
        wanted = wanted.where(ArmsTransfer.source_kind == query.source_kind)
    if query.state is not None:
        s = query.state
        wanted = wanted.where(
            or_(
                ArmsTransfer.exporter == s,
                ArmsTransfer.importer == s,
                ArmsTransfer.reporting_state == s,
            )
        )
    wanted = wanted.order_by(
        ArmsTransfer.year.desc(),
        ArmsTransfer.source_kind,
        ArmsTransfer.reporting_state,
        ArmsTransfer.direction,
        ArmsTransfer.category,
        ArmsTransfer.exporter_name,
        ArmsTransfer.importer_name,
        ArmsTransfer.id,
    )
    if limit is not None:
        wanted = wanted.limit(limit)
    return [TransferOut.model_validate(t) for t in session.scalars(wanted)]


def report_dataset(state: str, year: int, session: Session) -> ArmsDataset | None:
    return session.scalars(
        select(ArmsDataset).where(
            ArmsDataset.kind == "state_report",
            ArmsDataset.reporting_state == state,
            ArmsDataset.year == year,
        )
    ).first()


def new_dataset(
    path: Path,
    kind: str,
    counts: dict[str, Any],
    *,
    session: Session,
    actor: Principal,
    state: str | None = None,
    year: int | None = None,
    origin: str = "",
) -> ArmsDataset:
    """The data set an import's rows belong to, with the file's SHA-256 and where it came from."""
    dataset = ArmsDataset(
        kind=kind,
        reporting_state=state,
        year=year,
        origin=origin or str(path),
        file_hash=hashlib.sha256(path.read_bytes()).hexdigest(),
        counts=counts,
        imported_by=actor.username,
    )
    session.add(dataset)
    session.flush()
    return dataset


def record_background(data: BackgroundIn, *, session: Session, actor: Principal) -> BackgroundOut:
    """Record (or correct) holdings or national production for one category and year."""
    require(actor, Permission.MANAGE_MULTILATERAL)
    if report_dataset(data.reporting_state, data.year, session) is not None:
        raise Conflict(
            f"{data.reporting_state}'s {data.year} background comes from an imported "
            "report; import the report again to change it"
        )
    found = session.scalars(
        select(ArmsBackground).where(
            ArmsBackground.reporting_state == data.reporting_state,
            ArmsBackground.year == data.year,
            ArmsBackground.kind == data.kind,
            ArmsBackground.category == data.category.value,
        )
    ).first()
    if found is None:
        found = ArmsBackground(
            reporting_state=data.reporting_state,
            year=data.year,
            kind=data.kind,
            category=data.category.value,
        )
        session.add(found)
    found.number_of_items = data.number_of_items
    found.description, found.remarks = data.description, data.remarks
    found.created_by = actor.username
    session.flush()
    LOG.record(
        session,
        actor,
        "arms.background",
        f"arms:background:{found.id}",
        data.model_dump(mode="json"),
    )
    return BackgroundOut.model_validate(found)


def list_background(
    *, session: Session, state: str | None = None, year: int | None = None
) -> list[BackgroundOut]:
    wanted = select(ArmsBackground).order_by(
        ArmsBackground.year.desc(),
        ArmsBackground.reporting_state,
        ArmsBackground.kind,
        ArmsBackground.category,
    )
    if state:
        wanted = wanted.where(ArmsBackground.reporting_state == require_state(state, "state"))
    if year is not None:
        wanted = wanted.where(ArmsBackground.year == year)
    return [BackgroundOut.model_validate(b) for b in session.scalars(wanted)]


def list_datasets(*, session: Session) -> list[DatasetOut]:
    wanted = select(ArmsDataset).order_by(ArmsDataset.imported_at.desc())
    return [DatasetOut.model_validate(d) for d in session.scalars(wanted)]
