"""Every route of the API, every field it takes, each given the values that used to end in a
server error: impossible calendar dates, dates at the ends of the calendar (where adding a day
overflows), numbers too large for a float, lone UTF-16 surrogates and ``null``. Each must be a
4xx whose message names what was wrong, on SQLite and on PostgreSQL (which refuses surrogates
that SQLite would store).

The routes and their fields come from the OpenAPI, so a route added tomorrow is covered too.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from nonpro.accounts.rules import Role

BAD_DATES = ("1974-01-32", "1968-13-30", "0000-00-00", "9999-12-31", "0001-01-01")
LONE_SURROGATE = "\ud800"
# What goes into a path or a query string, already percent-encoded as a browser would send it.
BAD_URL_VALUES = (*BAD_DATES, "1e400", "-1e400", "%ED%A0%80", "x%ED%A0%80y")
# Raw JSON: each replaces a field's value in the body as written (1e400 parses as infinity).
BAD_JSON_VALUES = (
    *(json.dumps(text) for text in (*BAD_DATES, "1e400")),
    '"\\ud800"',
    '"a\\udfffb"',
    "1e400",
    "-1e400",
    "1e999999",
    "null",
)
# Kept small, so a route's baseline body is valid where it can be and the bad value is the one
# thing wrong with it.
SAMPLE_BY_FORMAT = {"date": "2020-01-02", "date-time": "2020-01-02T03:04:05Z", "uuid": None}


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    path_params: dict[str, Any]
    query_params: tuple[str, ...]
    body: dict[str, Any] | None


def _resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = spec["components"]["schemas"][name]
    return schema


def _sample(spec: dict[str, Any], schema: dict[str, Any], depth: int = 0) -> Any:
    """A plausible value of ``schema``: the first choice of a union, the first enum member."""
    schema = _resolve(spec, schema)
    for union in ("anyOf", "oneOf", "allOf"):
        if union in schema:
            options = [s for s in schema[union] if _resolve(spec, s).get("type") != "null"]
            return _sample(spec, options[0] if options else schema[union][0], depth)
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    if "default" in schema and schema["default"] is not None:
        return schema["default"]
    kind = schema.get("type")
    fmt = schema.get("format", "")
    if kind == "string":
        if fmt in SAMPLE_BY_FORMAT:
            return SAMPLE_BY_FORMAT[fmt] or str(uuid.uuid4())
        return "x" * max(1, schema.get("minLength", 1))
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return max(1.0, schema.get("minimum", 1.0))
    if kind == "boolean":
        return False
    if kind == "array":
        if depth > 2 or not schema.get("minItems"):
            return []
        return [_sample(spec, schema.get("items", {}), depth + 1)]
    if kind == "object" or "properties" in schema:
        if depth > 3:
            return {}
        return {
            name: _sample(spec, prop, depth + 1)
            for name, prop in schema.get("properties", {}).items()
        }
    return "x"


def _operations(spec: dict[str, Any]) -> list[Operation]:
    operations: list[Operation] = []
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            params = operation.get("parameters", [])
            path_params = {
                p["name"]: _sample(spec, p.get("schema", {})) for p in params if p["in"] == "path"
            }
            query = tuple(p["name"] for p in params if p["in"] == "query")
            content = operation.get("requestBody", {}).get("content", {})
            body_schema = content.get("application/json", {}).get("schema")
            body = _sample(spec, body_schema) if body_schema else None
            operations.append(
                Operation(
                    method.upper(),
                    path,
                    path_params,
                    query,
                    body if isinstance(body, dict) else None,
                )
            )
    return operations


def _url(operation: Operation, path_params: dict[str, Any], query: str = "") -> str:
    url = operation.path
    for name, value in path_params.items():
        url = url.replace("{" + name + "}", str(value))
    return f"{url}?{query}" if query else url


@pytest.fixture
def admin_client(
    client: TestClient, bearer: Callable[..., dict[str, str]]
) -> Iterator[tuple[TestClient, list[Operation]]]:
    client.headers.update(bearer(Role.ADMIN, "hostile-admin"))
    yield client, _operations(client.app.openapi())  # type: ignore[attr-defined]


def _problem(method: str, url: str, field: str, response: Any) -> str | None:
    where = f"{method} {url} [{field}] -> {response.status_code}"
    if response.status_code >= 500:
        return f"{where}: {response.text[:200]}"
    if response.status_code == 422:
        error = response.json().get("error", {})
        if not error.get("message") or not error.get("field"):
            return f"{where}: a 422 without its field and message: {response.text[:200]}"
    return None


# On PostgreSQL the sweep sends only what can reach the database: days (which PostgreSQL
# stores, and overflows in arithmetic, differently from SQLite), strings with lone surrogates
# (which PostgreSQL refuses) and null. Non-finite numbers and percent-encoded surrogates are
# refused by the JSON pre-check and the URL decoder before any query, the same on both.
POSTGRES_URL_VALUES = BAD_DATES
POSTGRES_JSON_VALUES = (
    *(json.dumps(text) for text in BAD_DATES),
    '"\\ud800"',
    '"a\\udfffb"',
    "null",
)


# The sweep is cut into shards, every fourth route each, so the workers of a parallel run share it.
SHARDS = 4


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_field_of_every_route_refuses_hostile_values_with_a_4xx(
    admin_client: tuple[TestClient, list[Operation]], engine: Engine, shard: int
) -> None:
    client, every_operation = admin_client
    assert len(every_operation) > 100  # the whole API, not a part
    operations = every_operation[shard::SHARDS]
    problems: list[str] = []
    postgres = engine.dialect.name == "postgresql"
    url_values = POSTGRES_URL_VALUES if postgres else BAD_URL_VALUES
    json_values = POSTGRES_JSON_VALUES if postgres else BAD_JSON_VALUES

    def call(method: str, url: str, field: str, body: str | None = None) -> None:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        try:
            response = client.request(method, url, content=body, headers=headers)
        except Exception as exc:  # the test client re-raises what would be a 500
            problems.append(f"{method} {url} [{field}]: {exc!r}"[:300])
            return
        found = _problem(method, url, field, response)
        if found:
            problems.append(found)

    for operation in operations:
        baseline = json.dumps(operation.body) if operation.body is not None else None
        for name in operation.path_params:
            for value in url_values:
                url = _url(operation, {**operation.path_params, name: value})
                call(operation.method, url, name, baseline)
        for name in operation.query_params:
            for value in url_values:
                url = _url(operation, operation.path_params, f"{name}={value}")
                call(operation.method, url, name, baseline)
        if operation.body is None:
            continue
        url = _url(operation, operation.path_params)
        call(operation.method, url, "body", "1e999999")
        for name in operation.body:
            for raw in json_values:
                marker = f"@@{uuid.uuid4().hex}@@"
                body = json.dumps({**operation.body, name: marker}).replace(f'"{marker}"', raw)
                call(operation.method, url, name, body)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:60])


def test_days_inside_a_valid_body_are_refused_naming_their_field(
    admin_client: tuple[TestClient, list[Operation]],
) -> None:
    """The route-wide sweep above changes top-level fields of a sample body that is often
    refused for something else first; here the body is otherwise valid, and the bad day sits
    where users type it: a party's date of birth, a determination's date."""
    from tests.cases.conftest import case_json

    client, _ = admin_client
    for n, dob in enumerate(("1974-01-32", "1968-13-30", "0000-00-00")):
        party = {"role": "end_user", "name": "Probe Party", "country": "JP", "dob": dob}
        response = client.post("/api/cases", json=case_json(f"DOB-{n}", parties=[party]))
        assert response.status_code == 422, (dob, response.text)
        assert response.json()["error"]["field"].endswith("dob")
    determination = {
        "entities": [{"name": "Probe Trading"}],
        "authorities": [{"authority": "AECA 73"}],
        "measures": ["contracts_all"],
        "activity": "probe activity",
    }
    for day in ("9999-12-31", "0001-01-01"):
        response = client.post(
            "/api/sanctions/determinations", json={**determination, "determination_date": day}
        )
        assert response.status_code == 422, (day, response.text)
        assert response.json()["error"]["field"] == "determination_date"
