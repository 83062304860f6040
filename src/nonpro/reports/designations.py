"""Actions under the executive orders and supplier entities, read from the determinations
register and the loaded sanctions lists.

EO 13382 designees carry the SDN program tag NPWMD (domain fact 3.7); a list that gives each
entry's date (CSL's start date, OFAC's advanced XML) tells which were designated in a period, a
list without dates only what changed between two loads of it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.reports.inputs import alpha3
from nonpro.reports.schemas import (
    DeterminationRow,
    InputRef,
    ListDesignationRow,
    ListDesignations,
    SupplierEntityRow,
)
from nonpro.sanctions import services as sanctions
from nonpro.screening.models import ListEntryRecord, ListSnapshot

PROGRAM = "NPWMD"


def citing(rows: list[DeterminationRow], authority: str) -> list[DeterminationRow]:
    return [r for r in rows if authority in r.authorities]


def supplier_entities(
    *, session: Session, start: date, end: date, country: str, name: str
) -> list[SupplierEntityRow]:
    """Foreign entities determined in [start, end] whose recorded activity names the country.

    The register records no recipient country, so the activity's own words decide: an entity is
    listed only where the text names ``name``, and the table says so.
    """
    rows = []
    for d in sanctions.list_determinations(session=session, as_of=end):
        if not start <= d.determination_date <= end or name.lower() not in d.activity.lower():
            continue
        for entity in d.entities:
            code = alpha3(entity.country)
            if code == country:
                continue  # the country's own entities are not its foreign suppliers
            rows.append(
                SupplierEntityRow(
                    entity=entity.name,
                    entity_country=code,
                    date=d.determination_date,
                    activity=d.activity,
                    authorities=[a.authority for a in d.authorities],
                    fr_citation=d.fr_citation,
                )
            )
    return sorted(rows, key=lambda r: (r.date, r.entity))


def _tagged(snapshot_id: object, *, session: Session) -> dict[str, dict[str, Any]]:
    contents = session.scalars(
        select(ListEntryRecord.content).where(ListEntryRecord.snapshot_id == snapshot_id)
    )
    return {str(c["source_id"]): c for c in contents if PROGRAM in (c.get("programs") or [])}


def _row(source: str, content: dict[str, Any], change: str) -> ListDesignationRow:
    names = content.get("names") or [{}]
    listed = content.get("listed_on")
    return ListDesignationRow.model_validate(
        {
            "source": source,
            "entry_id": f"{source}:{content['source_id']}",
            "name": names[0].get("name", "") if isinstance(names[0], dict) else str(names[0]),
            "listed_on": listed,
            "change": change,
        }
    )


def list_designations(*, session: Session, start: date, end: date) -> ListDesignations | None:
    """NPWMD entries designated in [start, end] by the lists' dates, and for a list without
    dates, those added or removed by a load of a publication dated in the period."""
    snapshots = list(session.scalars(select(ListSnapshot).order_by(ListSnapshot.loaded_at)))
    lists, rows, undated, compared = [], [], [], []
    for active in (s for s in snapshots if s.active):
        tagged = _tagged(active.id, session=session)
        if not tagged:
            continue
        lists.append(active.source)
        dated = [c for c in tagged.values() if c.get("listed_on")]
        rows += [
            _row(active.source, c, "designated")
            for c in dated
            if start <= date.fromisoformat(str(c["listed_on"])) <= end
        ]
        if dated:
            continue
        undated.append(active.source)
        earlier = [
            s for s in snapshots if s.source == active.source and s.loaded_at < active.loaded_at
        ]
        published = active.publication_date
        if earlier and published is not None and start <= published <= end:
            compared.append(active.source)
            before = _tagged(earlier[-1].id, session=session)
            rows += [_row(active.source, c, "added") for k, c in tagged.items() if k not in before]
            rows += [
                _row(active.source, c, "removed") for k, c in before.items() if k not in tagged
            ]
    if not lists:
        return None
    rows.sort(key=lambda r: (r.listed_on or end, r.source, r.name))
    return ListDesignations(
        lists=sorted(lists), rows=rows, undated=sorted(undated), compared=sorted(compared)
    )


def list_refs(*, session: Session) -> list[InputRef]:
    """The active list snapshots a report read, by their file hash and publication date."""
    active = session.scalars(
        select(ListSnapshot).where(ListSnapshot.active).order_by(ListSnapshot.source)
    )
    return [
        InputRef(
            name=f"sanctions list {s.source}",
            source=s.origin.rsplit("/", 1)[-1],
            file_hash=s.file_hash,
            data_as_of=s.publication_date,
        )
        for s in active
    ]
