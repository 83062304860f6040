"""The register on both databases: storage, terms, expiry, waivers, and the screening list."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import principal_of
from nonpro.core import audit
from nonpro.core.clock import today
from nonpro.core.errors import InvalidInput, NotFound, PermissionDenied
from nonpro.sanctions import services
from nonpro.sanctions.errors import DeterminationEnded
from nonpro.sanctions.register_list import SOURCE
from nonpro.sanctions.schemas import DeterminationIn, EventIn
from nonpro.sanctions.terms import add_term
from nonpro.screening import snapshots
from nonpro.screening.schemas import ScreeningQuery
from nonpro.screening.services import IndexProvider, keep_party, screen

# Determinations made two days ago: in force today, so on the screening list.
MADE = today() - timedelta(days=2)


def determination(**changes: Any) -> DeterminationIn:
    data: dict[str, Any] = {
        "entities": [
            {
                "name": "Beta Aerospace Trading Company",
                "aliases": ["Beta Aero Trading"],
                "country": "Malaysia",
            }
        ],
        "authorities": [
            {"authority": "AECA 73", "paragraphs": ["§73(a)(2)(B)", "§73(a)(2)(C)"]},
            {"authority": "EAA 11B(b)", "paragraphs": ["§11B(b)(1)(B)(ii)", "§11B(b)(1)(B)(iii)"]},
        ],
        "measures": ["contracts_all", "licenses_usml_all", "licenses_ear_all", "import_ban"],
        "activity": "transfer of MTCR Category I guidance sets to Iran's missile program",
        "determination_date": MADE,
        "fr_publication_date": MADE + timedelta(days=7),
        "fr_citation": "91 FR 12345",
        "term": {"years": 2, "minimum": True},
        "substantial_contribution": True,
    }
    data.update(changes)
    return DeterminationIn.model_validate(data)


@pytest.fixture
def officer(make_user: Any) -> Principal:
    user: User = make_user("sanctions-officer", Role.SANCTIONS_OFFICER)
    return principal_of(user)


def test_add_stores_entities_term_and_expiry(db_session: Session, officer: Principal) -> None:
    change = services.add_determination(determination(), session=db_session, actor=officer)
    stored = services.get_determination(change.determination.id, session=db_session)
    out = services.determination_out(stored, as_of=MADE + timedelta(days=10))
    assert out.expires_on == add_term(MADE, years=2)
    assert out.effective_date == out.determination_date == MADE
    assert out.fr_citation == "91 FR 12345"
    assert out.fr_publication_date == MADE + timedelta(days=7)
    assert out.status == "active"
    assert out.entities[0].aliases == ["Beta Aero Trading"]
    assert out.entities[0].sub_units_and_successors
    assert out.unverified  # EAA §11B(b) license wording is reconstructed
    assert audit.entries(db_session, action="sanctions.determination.add")


def test_status_over_time(db_session: Session, officer: Principal) -> None:
    change = services.add_determination(
        determination(determination_date="2026-11-20", fr_publication_date=None),
        session=db_session,
        actor=officer,
    )
    stored = services.get_determination(change.determination.id, session=db_session)
    assert services.determination_out(stored, as_of=date(2026, 11, 19)).status == "pending"
    assert services.determination_out(stored, as_of=date(2028, 11, 19)).status == "active"
    assert services.determination_out(stored, as_of=date(2028, 11, 20)).status == "expired"


def test_terms_in_years_and_months() -> None:
    assert add_term(date(2003, 7, 25), years=3, months=8) == date(2007, 3, 25)
    assert add_term(date(2024, 2, 29), years=2) == date(2026, 2, 28)


def test_waiver_ends_the_determination(db_session: Session, officer: Principal) -> None:
    change = services.add_determination(
        determination(determination_date="2026-11-20", fr_publication_date=None),
        session=db_session,
        actor=officer,
    )
    waived = services.waive(
        change.determination.id,
        EventIn(effective_date=date(2027, 5, 1), citation="92 FR 1", note="national security"),
        session=db_session,
        actor=officer,
    )
    assert waived.determination.ends_on == date(2027, 5, 1)
    stored = services.get_determination(change.determination.id, session=db_session)
    assert services.determination_out(stored, as_of=date(2027, 4, 30)).status == "active"
    assert services.determination_out(stored, as_of=date(2027, 5, 1)).status == "waived"
    active = services.list_determinations(
        session=db_session, as_of=date(2027, 6, 1), active_only=True
    )
    assert change.determination.id not in {d.id for d in active}
    with pytest.raises(DeterminationEnded):
        services.terminate(
            change.determination.id,
            EventIn(effective_date=date(2027, 6, 1)),
            session=db_session,
            actor=officer,
        )


def test_termination_ends_it_and_leaves_expiring(db_session: Session, officer: Principal) -> None:
    change = services.add_determination(
        determination(determination_date="2025-01-10", fr_publication_date=None),
        session=db_session,
        actor=officer,
    )
    soon = services.expiring(session=db_session, within_days=60, as_of=date(2026, 12, 1))
    assert [d.id for d in soon] == [change.determination.id]
    assert soon[0].expires_on == date(2027, 1, 10)
    assert services.expiring(session=db_session, within_days=30, as_of=date(2026, 12, 1)) == []
    services.terminate(
        change.determination.id,
        EventIn(effective_date=date(2026, 11, 30), note="adherent enforcement, §73(c)"),
        session=db_session,
        actor=officer,
    )
    assert services.expiring(session=db_session, within_days=60, as_of=date(2026, 12, 1)) == []


def test_register_is_a_screening_list_at_once(db_session: Session, officer: Principal) -> None:
    provider = IndexProvider()
    query = ScreeningQuery(name="Beta Aerospace Trading Company")
    before = screen(query, session=db_session, reader=None, provider=provider)
    assert not [h for h in before.hits if h.list == SOURCE]
    keep_party(query, origin="case:EXP-1", session=db_session, actor=officer)
    change = services.add_determination(
        determination(), session=db_session, actor=officer, provider=provider
    )
    assert change.list_entries == 1
    assert [h.party for h in change.new_hits] == ["Beta Aerospace Trading Company"]
    after = screen(query, session=db_session, reader=None, provider=provider)
    hit = next(h for h in after.hits if h.list == SOURCE)
    assert hit.alert and hit.entry_id.startswith(f"{SOURCE}:")
    alias = screen(
        ScreeningQuery(name="Beta Aero Trading"), session=db_session, reader=None, provider=provider
    )
    assert any(h.list == SOURCE and h.alert for h in alias.hits)
    active = snapshots.active_snapshot(SOURCE, session=db_session)
    assert active is not None and active.loaded_by.startswith("sanctions-officer")


def test_a_waiver_takes_the_entity_off_the_list(db_session: Session, officer: Principal) -> None:
    provider = IndexProvider()
    change = services.add_determination(
        determination(),
        session=db_session,
        actor=officer,
        provider=provider,
    )
    services.waive(
        change.determination.id,
        EventIn(effective_date=MADE + timedelta(days=1)),
        session=db_session,
        actor=officer,
        provider=provider,
    )
    query = ScreeningQuery(name="Beta Aerospace Trading Company")
    assert not [
        h
        for h in screen(query, session=db_session, reader=None, provider=provider).hits
        if h.list == SOURCE
    ]


def test_only_sanctions_officers_write(db_session: Session, make_user: Any) -> None:
    analyst = principal_of(make_user("an-analyst", Role.ANALYST))
    with pytest.raises(PermissionDenied):
        services.add_determination(determination(), session=db_session, actor=analyst)


def test_measures_must_belong_to_the_authorities_cited(
    db_session: Session, officer: Principal
) -> None:
    with pytest.raises(InvalidInput) as error:
        services.add_determination(
            determination(measures=["blocking"]), session=db_session, actor=officer
        )
    assert error.value.field == "measures.0"


def test_unknown_determination_is_not_found(db_session: Session) -> None:
    with pytest.raises(NotFound):
        services.get_determination("not-a-uuid", session=db_session)
