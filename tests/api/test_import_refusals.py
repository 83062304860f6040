"""Every import over HTTP with one hostile cell among good rows: the good rows are stored and
the bad one reported by row and column (200), ``strict`` refuses the file (422) and stores
nothing, and no value gives a 5xx (issue 19 item 10)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal
from nonpro.treaties import services as treaties

Bearer = Callable[..., dict[str, str]]

# What a hostile cell may hold: impossible and out-of-calendar dates, a number too large for
# any type, and an empty required field. (A lone surrogate cannot be sent in a UTF-8 file:
# tests/api/test_import_refusals.py::test_bytes_that_are_not_utf8_refuse_the_whole_file.)
HOSTILE = ["1974-01-32", "9999-12-31", "1e999999"]


@dataclass(frozen=True)
class Importer:
    name: str
    url: str
    role: Role
    header: str
    good: str  # a good row; "{}" in ``bad`` is where the hostile value goes
    bad: str
    column: str  # the column the bad row's problem names
    params: tuple[tuple[str, str], ...] = ()
    first_line: int = 2  # the line of the first row (SIPRI's export has a line before its header)
    # A row with a required cell left empty, and its column; None: SIPRI, whose empty cells
    # mean "not known" (a deal with no delivery year is counted as not delivered).
    empty: tuple[str, str] | None = None

    def csv(self, value: str) -> bytes:
        return f"{self.header}\n{self.good}\n{self.bad.format(value)}\n".encode()


REPORT_HEADER = (
    "Reporting State,Calendar year,Form,Category,Sub-category,Final importer/exporter State(s),"
    "Number of items,State of origin (if not exporter),Intermediate location(s) (if any),"
    "Description of item,Comments on the transfer"
)
SIPRI_HEADER = (
    "Data generated: 13 Mar 2025\n"
    "Recipient,Supplier,Year of order,,Number ordered,,Weapon designation,Weapon description,"
    "Number delivered,,Year(s) of delivery,status,Comments,SIPRI TIV per unit,"
    "SIPRI TIV for total order,SIPRI TIV of delivered weapons"
)
IMPORTERS = [
    Importer(
        "agreements",
        "/api/registers/agreements/import",
        Role.MULTILATERAL_OFFICER,
        "key,kind,title,partner,signed,remind_days",
        "G-1,nuclear_cooperation,Good,Japan,2000-01-01,30",
        "B-1,nuclear_cooperation,Bad,Japan,{0},{0}",
        "signed",
        empty=("B-2,nuclear_cooperation,,Japan,,", "title"),
    ),
    Importer(
        "votes",
        "/api/registers/resolutions/import",
        Role.MULTILATERAL_OFFICER,
        "symbol,series,session,year,title,state,vote,adopted",
        "A/RES/T1,FMCT,78,2023,Treaty,France,yes,2023-12-04",
        "A/RES/T2,FMCT,78,2023,Treaty,France,yes,{}",
        "adopted",
        empty=("A/RES/T2,FMCT,78,2023,Treaty,France,,", "vote"),
    ),
    Importer(
        "denials",
        "/api/denials/import",
        Role.ANALYST,
        "reference,notifying_partner,notified_on,item_description,end_user,end_user_country",
        "GBR-1,GBR,2025-03-01,Rate table,Acme Aero,Pakistan",
        "GBR-2,GBR,{},Rate table,Acme Aero,Pakistan",
        "notified_on",
        empty=("GBR-2,GBR,2025-03-01,Rate table,,Pakistan", "end_user"),
    ),
    Importer(
        "arms report",
        "/api/registers/arms/imports/report",
        Role.MULTILATERAL_OFFICER,
        REPORT_HEADER,
        "POL,2023,imports,I. Battle tanks,,United States of America,10,,,M1A1 Abrams,",
        "POL,2023,imports,II. Armoured combat vehicles,,Germany,{},,,Dingo 2,",
        "Number of items",
        (("state", "POL"), ("year", "2023")),
        empty=("POL,2023,,I. Battle tanks,,Germany,5,,,Leopard,", "Form"),
    ),
    Importer(
        "SIPRI register",
        "/api/registers/arms/imports/sipri",
        Role.MULTILATERAL_OFFICER,
        SIPRI_HEADER,
        "Poland,United States,2022,,12,,M1A1 Abrams,tank,12,,2023,Second hand,,1.5,18,18",
        "Poland,Germany,2021,,9,,Dingo-2,APC,{},,2022,New,,0.5,4.5,4.5",
        "Number delivered",
        first_line=3,
    ),
    Importer(
        "treaty events",
        "/api/treaties/imports",
        Role.MULTILATERAL_OFFICER,
        "state,instrument,event,date,source",
        "FRA,MTCR,admission,1987-04-16,https://mtcr.info",
        "DEU,MTCR,admission,{},https://mtcr.info",
        "date",
        empty=("DEU,MTCR,,1992-01-01,https://mtcr.info", "event"),
    ),
]


def _post(
    client: TestClient, importer: Importer, headers: dict[str, str], body: bytes, strict: bool
) -> object:
    params = dict(importer.params) | ({"strict": "true"} if strict else {})
    files = {"file": ("hostile.csv", body, "text/csv")}
    return client.post(importer.url, params=params, files=files, headers=headers)


@pytest.fixture
def ready(db_session: Session, operator: Principal) -> None:
    treaties.load_reference(session=db_session, actor=operator)  # countries' treaty status


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda i: i.name)
@pytest.mark.parametrize("value", HOSTILE)
def test_one_hostile_cell_is_refused_and_the_good_rows_stored(
    client: TestClient, bearer: Bearer, ready: None, importer: Importer, value: str
) -> None:
    headers = bearer(importer.role)
    body = importer.csv(value)
    strict = _post(client, importer, headers, body, strict=True)
    assert strict.status_code == 422, strict.text  # type: ignore[attr-defined]
    error = strict.json()["error"]  # type: ignore[attr-defined]
    bad_line = f"line {importer.first_line + 1}"
    assert [row["where"] for row in error["rows"]] == [bad_line]
    assert "nothing stored" in error["message"] and error["rows_refused"] == 1
    answer = _post(client, importer, headers, body, strict=False)
    assert answer.status_code == 200, answer.text  # type: ignore[attr-defined]
    report = answer.json()["report"]  # type: ignore[attr-defined]
    assert (report["rows_read"], report["rows_stored"], report["rows_refused"]) == (2, 1, 1)
    [refused] = report["refused"]
    assert refused["where"] == bad_line and refused["column"] == importer.column
    assert refused["problem"]


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda i: i.name)
def test_a_file_of_only_bad_rows_is_refused_and_changes_nothing(
    client: TestClient, bearer: Bearer, ready: None, importer: Importer
) -> None:
    headers = bearer(importer.role)
    only_bad = f"{importer.header}\n{importer.bad.format('1974-01-32')}\n".encode()
    answer = _post(client, importer, headers, only_bad, strict=False)
    assert answer.status_code == 422, answer.text  # type: ignore[attr-defined]
    first = answer.json()["error"]["rows"][0]  # type: ignore[attr-defined]
    assert first["where"] == f"line {importer.first_line}"


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda i: i.name)
def test_bytes_that_are_not_utf8_refuse_the_whole_file(
    client: TestClient, bearer: Bearer, ready: None, importer: Importer
) -> None:
    """A lone surrogate written as bytes (ED A0 80) is not UTF-8: the file is refused whole,
    with a 4xx naming the problem, never a 5xx."""
    body = importer.csv("x").replace(b"x", b"\xed\xa0\x80")
    answer = _post(client, importer, bearer(importer.role), body, strict=False)
    assert 400 <= answer.status_code < 500 or answer.status_code == 200  # type: ignore[attr-defined]


@pytest.mark.parametrize("importer", [i for i in IMPORTERS if i.empty], ids=lambda i: i.name)
def test_an_empty_required_cell_is_refused_by_row_and_column(
    client: TestClient, bearer: Bearer, ready: None, importer: Importer
) -> None:
    assert importer.empty is not None
    row, column = importer.empty
    body = f"{importer.header}\n{importer.good}\n{row}\n".encode()
    answer = _post(client, importer, bearer(importer.role), body, strict=False)
    assert answer.status_code == 200, answer.text  # type: ignore[attr-defined]
    report = answer.json()["report"]  # type: ignore[attr-defined]
    [refused] = report["refused"]
    assert (refused["where"], refused["column"]) == (f"line {importer.first_line + 1}", column)
