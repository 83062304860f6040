"""Pages refuse impossible dates, infinite numbers and over-long text beside the field, with a
4xx, and their text controls carry the ``maxlength`` the server holds them to."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import csrf_of, problem_beside, sign_in

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.core.inputs import DOCUMENT_LENGTH, NAME_LENGTH

MakeUser = Callable[..., User]


@pytest.mark.parametrize(
    ("params", "field", "problem"),
    [
        *(
            ({"dob": dob}, "dob", "is not a date on the calendar")
            for dob in ("1974-01-32", "1968-13-30", "0000-00-00", "9999-12-31")
        ),
        *(({"threshold": t}, "threshold", "between 0 and 1") for t in ("1e400", "nan", "5")),
        ({"name": "x" * (NAME_LENGTH + 1)}, "name", "at most 500 characters"),
    ],
)
def test_screening_refuses_an_impossible_value_beside_its_field(
    client: TestClient, make_user: MakeUser, params: dict[str, str], field: str, problem: str
) -> None:
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    page = client.get("/screening", params={"name": "Ali", **params})
    assert page.status_code == 422
    assert problem in problem_beside(page.text, field)


def test_text_controls_carry_their_maxlength(client: TestClient, make_user: MakeUser) -> None:
    make_user("ana", Role.ANALYST)
    sign_in(client, "ana")
    page = client.get("/screening").text
    assert f'id="name" name="name" type="text" value="" required maxlength="{NAME_LENGTH}"' in page
    assert f'id="country" name="country" maxlength="{NAME_LENGTH}"' in page
    classify = client.get("/controls/classify").text
    assert 'name="text" rows="3" maxlength="10000"' in classify


def test_a_form_field_longer_than_any_text_is_refused(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("mo", Role.MULTILATERAL_OFFICER)
    sign_in(client, "mo")
    csrf = csrf_of(client.get("/multilateral").text)
    form = {"csrf_token": csrf, "body": "IAEA-BOG", "start_date": "2027-01-11"}
    page = client.post(
        "/multilateral/meetings", data={**form, "title": "x" * (DOCUMENT_LENGTH + 1)}
    )
    assert page.status_code == 422
    assert "longer than 200,000 characters" in page.text
