"""The agreements register: status as of a date, expiry reminders, the partner's safeguards
status, CSV import all or nothing; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.core.audit import AuditEntry
from nonpro.core.errors import Conflict, InvalidInput
from nonpro.core.rejected_rows import RejectedRows
from nonpro.core.validation import parse_input
from nonpro.registers.agreements import services as agreements
from nonpro.registers.agreements.models import Agreement
from nonpro.registers.agreements.rules import AgreementStatus
from nonpro.registers.agreements.schemas import AgreementIn, AgreementUpdate
from nonpro.registers.agreements.services import import_csv
from nonpro.registers.errors import UnreadableRegisterFile
from nonpro.treaties import services as treaties

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 12, 6)


@pytest.fixture
def register(db_session: Session, operator: Principal) -> Session:
    """The treaties' compiled data (safeguards status) and the test agreements, stored."""
    treaties.load_reference(session=db_session, actor=operator)
    text = (DATA / "agreements.csv").read_text("utf-8")
    import_csv(text, origin="agreements.csv", session=db_session, actor=operator)
    return db_session


def test_status_is_derived_from_the_dates_for_any_day(register: Session) -> None:
    found = agreements.show("TEST-JPN-1", session=register, as_of=date(2015, 3, 1))
    assert found.status is AgreementStatus.SIGNED
    assert agreements.show("TEST-JPN-1", session=register, as_of=date(2020, 1, 1)).status is (
        AgreementStatus.IN_FORCE
    )
    assert agreements.show("TEST-JPN-1", session=register, as_of=date(2027, 6, 1)).status is (
        AgreementStatus.EXPIRED
    )
    assert agreements.show("TEST-EGY-SG", session=register, as_of=TODAY).status is (
        AgreementStatus.TERMINATED
    )
    assert agreements.show("TEST-JPN-1", session=register, as_of=date(2014, 1, 1)).status is (
        AgreementStatus.NOT_SIGNED
    )


def test_list_filters_by_kind_partner_and_in_force(register: Session) -> None:
    everything = agreements.list_agreements(session=register)
    assert [a.key for a in everything] == [
        "TEST-EGY-SG",
        "TEST-EUR-1",
        "TEST-JPN-1",
        "TEST-KOR-LAB",
    ]
    labs = agreements.list_agreements(session=register, kind="sister-laboratory")
    assert [a.key for a in labs] == ["TEST-KOR-LAB"]
    japan = agreements.list_agreements(session=register, partner="JP")
    assert [a.key for a in japan] == ["TEST-JPN-1"]
    in_2012 = agreements.list_agreements(session=register, in_force_on=date(2012, 1, 1))
    assert [a.key for a in in_2012] == ["TEST-EGY-SG", "TEST-EUR-1"]
    with pytest.raises(InvalidInput) as bad:
        agreements.list_agreements(session=register, kind="treaty")
    assert bad.value.field == "kind"


def test_expiry_reminders_say_why_and_come_soonest_first(register: Session) -> None:
    # EUR-1 expires 2027-02-01 (57 days, remind 30): only the asked window lists it.
    # JPN-1 expires 2027-06-01 (177 days, remind 365): its own reminder period lists it.
    # EGY-SG would expire in 2031 but was terminated: never listed.
    own = agreements.due(session=register, today=TODAY)
    assert [(r.key, r.days_left) for r in own] == [("TEST-JPN-1", 177)]
    assert "within its reminder period of 365 days" in own[0].why
    both = agreements.due(session=register, within_days=90, today=TODAY)
    assert [r.key for r in both] == ["TEST-EUR-1", "TEST-JPN-1"]
    assert both[0].why == "expires on 2027-02-01 in 57 days: within the asked 90 days"
    assert agreements.due(session=register, today=date(2027, 6, 2)) == []


def test_a_state_partner_links_to_its_iaea_safeguards_status(register: Session) -> None:
    japan = agreements.show("TEST-JPN-1", session=register, as_of=TODAY)
    links = {link.instrument: link for link in japan.safeguards}
    assert list(links) == ["IAEA_CSA", "IAEA_AP", "IAEA_VOA"]
    assert links["IAEA_CSA"].status == "party" and links["IAEA_AP"].status == "party"
    assert links["IAEA_VOA"].status == "none" and links["IAEA_VOA"].event is None
    event = links["IAEA_AP"].event
    assert event is not None and event.kind == "entry_into_force"
    assert event.source.startswith("https://")  # the event carries its source
    euratom = agreements.show("TEST-EUR-1", session=register)
    assert not euratom.partner_is_state and euratom.safeguards == []


def test_add_and_edit_are_audited_and_checked(register: Session, operator: Principal) -> None:
    data = parse_input(
        AgreementIn,
        {
            "key": "TEST-TWN",
            "kind": "nuclear_cooperation",
            "title": "Test AIT/TECRO agreement",
            "partner": "twn-ait",
            "signed": "2014-01-01",
            "expires": "2055-01-01",
        },
    )
    added = agreements.add(data, session=register, actor=operator)
    assert added.partner == "TWN-AIT" and added.safeguards == []
    with pytest.raises(Conflict):
        agreements.add(data, session=register, actor=operator)
    edited = agreements.edit(
        "TEST-TWN",
        AgreementUpdate(remind_days=90, in_force=date(2014, 6, 1)),
        session=register,
        actor=operator,
    )
    assert (edited.remind_days, edited.in_force) == (90, date(2014, 6, 1))
    with pytest.raises(InvalidInput) as bad:
        agreements.edit(
            "TEST-TWN", AgreementUpdate(expires=date(2013, 1, 1)), session=register, actor=operator
        )
    assert "expires" in bad.value.message
    actions = register.scalars(
        select(AuditEntry.action)
        .where(AuditEntry.target == "registers:agreement:TEST-TWN")
        .order_by(AuditEntry.seq)
    )
    assert list(actions) == ["registers.agreement.add", "registers.agreement.edit"]


def test_bad_input_names_the_field() -> None:
    with pytest.raises(InvalidInput) as bad:
        parse_input(
            AgreementIn,
            {
                "key": "K-1",
                "kind": "nuclear_cooperation",
                "title": "t",
                "partner": "JPN",
                "signed": "2020-01-01",
                "in_force": "2019-01-01",
            },
        )
    assert "in_force" in bad.value.message
    with pytest.raises(InvalidInput) as unknown:
        agreements.resolve_partner("Atlantis")
    assert unknown.value.field == "partner"


def test_import_stores_the_good_rows_and_names_each_bad_one_by_line_and_column(
    db_session: Session, operator: Principal
) -> None:
    text = (DATA / "agreements_bad_date.csv").read_text("utf-8")
    text += (
        "TEST-OK-2,nuclear_cooperation,Another fine row,France,2016-01-10,,\n"
        "TEST-OK-1,nuclear_cooperation,Same key again,Japan,,,\n"
        "TEST-WHO-1,nuclear_cooperation,Who,Atlantis,,,\n"
        "TEST-WIDE-1,nuclear_cooperation,Wide,Japan,,,,surplus\n"
    )
    found = import_csv(text, origin="bad.csv", session=db_session, actor=operator)
    assert found.added == ["TEST-OK-1", "TEST-OK-2"]
    stored = db_session.scalars(select(Agreement.key).order_by(Agreement.key)).all()
    assert stored == ["TEST-OK-1", "TEST-OK-2"]
    by_line = {row.where: row for row in found.rejected}
    assert set(by_line) == {"line 3", "line 5", "line 6", "line 7"}
    assert by_line["line 3"].describe() == (
        "line 3, column 'in_force': '2015-13-01' is not a date (use YYYY-MM-DD)"
    )
    assert by_line["line 5"].column == "key" and "already on line 2" in by_line["line 5"].problem
    assert by_line["line 6"].column == "partner"
    assert by_line["line 7"].problem == "more values than columns"
    entry = db_session.scalars(
        select(AuditEntry).where(AuditEntry.action == "registers.agreement.import")
    ).one()
    assert len(entry.payload["refused"]) == 4 and entry.payload["rows_refused"] == 4


def test_a_file_with_no_good_row_or_a_wrong_header_stores_nothing(
    db_session: Session, operator: Principal
) -> None:
    only_bad = "key,kind,title,partner,signed\nK-1,nuclear_cooperation,t,Japan,1974-01-32\n"
    with pytest.raises(RejectedRows) as bad:
        import_csv(only_bad, origin="bad.csv", session=db_session, actor=operator)
    assert bad.value.field == "bad.csv"
    assert [row.describe() for row in bad.value.rows] == [
        "line 2, column 'signed': '1974-01-32' is not a date (use YYYY-MM-DD)"
    ]
    assert "nothing stored; 1 row could not be read" in bad.value.message
    with pytest.raises(UnreadableRegisterFile) as header:
        import_csv(
            "key,kind,title,partner,colour\n", origin="h.csv", session=db_session, actor=operator
        )
    assert header.value.line == 1 and "'colour'" in header.value.problem
    assert db_session.scalar(select(Agreement.id)) is None


def test_reimport_updates_and_is_audited(register: Session, operator: Principal) -> None:
    text = (DATA / "agreements.csv").read_text("utf-8")
    again = import_csv(text, origin="agreements.csv", session=register, actor=operator)
    assert again.added == [] and len(again.updated) == 4
    entries = register.scalars(
        select(AuditEntry).where(AuditEntry.action == "registers.agreement.import")
    ).all()
    assert len(entries) == 2
