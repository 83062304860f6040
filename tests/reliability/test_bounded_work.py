"""The expensive functions bound the text they read themselves, so a caller that skips the
schemas (a list file, a Python caller, a future route) cannot make them run for long: the
country resolver, name normalisation and the classifier. And the API refuses the inputs that
once held a worker for seconds before any of them runs."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from nonpro.accounts.rules import Role
from nonpro.controls import services as controls
from nonpro.controls.schemas import ItemDescription
from nonpro.core.errors import InvalidInput
from nonpro.reference.services import MAX_COUNTRY_TEXT, try_resolve_country
from nonpro.screening.normalize import MAX_NAME_READ, name_readings


def test_the_country_resolver_reads_no_text_longer_than_a_country_name() -> None:
    assert try_resolve_country("Iran") is not None
    padded = "Iran" + " " * MAX_COUNTRY_TEXT  # still "Iran" once blanks collapse
    assert try_resolve_country(padded) is None
    assert try_resolve_country("Iran " * 20_000) is None


def test_name_normalisation_reads_only_the_first_characters_of_a_name() -> None:
    name = "Ali Reza " * 70  # longer than is read
    assert len(name) > MAX_NAME_READ
    assert name_readings(name + "q" * 100_000) == name_readings(name[:MAX_NAME_READ])


def test_the_classifier_refuses_an_unbounded_description_built_without_its_schema() -> None:
    annex = controls.load_annex(None)
    long_text = ItemDescription.model_construct(text="rocket motor " * 5_000)
    with pytest.raises(InvalidInput, match="text: longer than 10,000"):
        controls.classify(long_text, annex=annex)
    part = ItemDescription.model_construct(text="gyro", parameters={}, components=[])
    crowded = ItemDescription.model_construct(text="missile", components=[part] * 51)
    with pytest.raises(InvalidInput, match="components"):
        controls.classify(crowded, annex=annex)


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/screen", {"name": "Ali", "country": "x" * 100_000}, "country"),
        ("/api/screen", {"name": "x" * 100_000}, "name"),
        ("/api/screen", {"name": "Ali", "identifiers": ["P1"] * 1000}, "identifiers"),
        ("/api/classify", {"text": "rocket motor " * 5_000}, "text"),
        ("/api/sanctions/evaluate", {"activity": "x" * 300_000}, "activity"),
    ],
)
def test_the_api_refuses_over_long_text_naming_the_field(
    client: TestClient,
    bearer: Callable[..., dict[str, str]],
    path: str,
    body: dict[str, object],
    field: str,
) -> None:
    response = client.post(path, json=body, headers=bearer(Role.ADMIN, "bounded-admin"))
    assert response.status_code == 422
    assert response.json()["error"]["field"] == field
