"""EO 13382 designations read from the loaded lists: by the entry's date where the list gives
one, else by what a load of a publication dated in the period added or removed."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import Session

from nonpro.reports.designations import list_designations
from nonpro.reports.document import Paragraph, Table
from nonpro.reports.layout_emergency import emergency_document
from nonpro.reports.schemas import EmergencyReport, ListDesignations
from nonpro.screening.models import ListEntryRecord, ListSnapshot


def _entry(source_id: str, name: str, programs: list[str], listed_on: str | None) -> dict[str, Any]:
    return {
        "source_id": source_id,
        "names": [{"name": name}],
        "programs": programs,
        "listed_on": listed_on,
    }


def _snapshot(
    session: Session,
    source: str,
    published: date,
    loaded: datetime,
    entries: list[dict[str, Any]],
    *,
    active: bool,
) -> None:
    snapshot = ListSnapshot(
        source=source,
        publication_date=published,
        origin=f"/lists/{source}.csv",
        file_hash=f"{source}{published}".ljust(64, "0")[:64],
        entry_count=len(entries),
        counts={},
        warnings=[],
        loaded_at=loaded,
        loaded_by="pytest",
        active=active,
    )
    session.add(snapshot)
    session.flush()
    session.add_all(
        ListEntryRecord(
            snapshot_id=snapshot.id,
            source_id=e["source_id"],
            entity_type="organization",
            primary_name=e["names"][0]["name"],
            content_hash=e["source_id"].ljust(64, "0")[:64],
            content={"source": source, "entity_type": "organization", **e},
        )
        for e in entries
    )
    session.flush()


def test_dated_and_undated_lists(db_session: Session) -> None:
    assert (
        list_designations(session=db_session, start=date(2025, 1, 1), end=date(2025, 6, 30)) is None
    )
    _snapshot(
        db_session,
        "csl",
        date(2025, 7, 1),
        datetime(2025, 7, 2, tzinfo=UTC),
        [
            _entry("1", "Dated In Period Co", ["NPWMD"], "2025-03-04"),
            _entry("2", "Dated Earlier Co", ["NPWMD"], "2020-01-01"),
            _entry("3", "Other Program Co", ["IRAN"], "2025-03-04"),
        ],
        active=True,
    )
    old = [_entry("10", "Kept Co", ["NPWMD"], None), _entry("11", "Delisted Co", ["NPWMD"], None)]
    new = [_entry("10", "Kept Co", ["NPWMD"], None), _entry("12", "Added Co", ["NPWMD"], None)]
    _snapshot(
        db_session,
        "ofac_sdn",
        date(2024, 12, 1),
        datetime(2024, 12, 2, tzinfo=UTC),
        old,
        active=False,
    )
    _snapshot(
        db_session, "ofac_sdn", date(2025, 5, 1), datetime(2025, 5, 2, tzinfo=UTC), new, active=True
    )

    found = list_designations(session=db_session, start=date(2025, 1, 1), end=date(2025, 6, 30))
    assert found is not None
    assert found.lists == ["csl", "ofac_sdn"] and found.undated == ["ofac_sdn"]
    assert found.compared == ["ofac_sdn"]
    assert {(r.source, r.name, r.change) for r in found.rows} == {
        ("csl", "Dated In Period Co", "designated"),
        ("ofac_sdn", "Added Co", "added"),
        ("ofac_sdn", "Delisted Co", "removed"),
    }
    # A publication dated after the period says nothing about changes inside it.
    later = list_designations(session=db_session, start=date(2025, 7, 1), end=date(2025, 12, 31))
    assert later is not None and later.rows == [] and later.compared == []


def test_an_undated_list_never_compared_is_no_data() -> None:
    report = EmergencyReport(
        title="t",
        start=date(2025, 1, 1),
        end=date(2025, 6, 30),
        as_of=date(2025, 6, 30),
        determinations=[],
        waivers=[],
        terminations=[],
        license_denials=None,
        referrals={},
        active_determinations=0,
        inputs=[],
        list_designations=ListDesignations(lists=["csl"], rows=[], undated=["csl"]),
    )
    section = next(s for s in emergency_document(report).sections if s.id == "eo-13382")
    texts = [b.text for b in section.blocks if isinstance(b, Paragraph)]
    assert any("its designations in the period are no data, not none" in t for t in texts)
    (table,) = [b for b in section.blocks if isinstance(b, Table) and "NPWMD" in b.caption]
    assert table.empty == "No data."
