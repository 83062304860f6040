"""MTCR controls over HTTP: Annex reading, classification, range, destination, catch-all."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import yaml
from fastapi.testclient import TestClient

from nonpro.accounts.rules import Role
from nonpro.controls.range import example_specs

Bearer = Callable[..., dict[str, str]]
MOTOR = "solid propellant rocket motor, total impulse 1.2 x 10^6 N-s, for a sounding rocket"


def _v2() -> dict[str, object]:
    spec: dict[str, object] = yaml.safe_load(example_specs()["v2"].read_text("utf-8"))
    return spec


def test_classify_names_the_annex_item_and_the_parameter(
    client: TestClient, bearer: Bearer
) -> None:
    response = client.post("/api/classify", json={"text": MOTOR}, headers=bearer(Role.ANALYST))
    assert response.status_code == 200, response.text
    body = response.json()
    assert {"parameters", "matches", "near_misses", "missing"} <= set(body)
    first = body["matches"][0]
    assert (first["item"], first["category"]) == ("2.A.1.c.1", "I")
    assert {"item", "category", "title", "reasons", "source"} <= set(first)
    assert "≥ 1.1e6" in first["reasons"][0]


def test_classify_with_structured_parameters_and_an_older_annex(
    client: TestClient, bearer: Bearer
) -> None:
    headers = bearer(Role.ANALYST)
    item = {"text": "solid rocket motor", "parameters": {"total_impulse": "9e5 N*s"}}
    body = client.post("/api/classify", json=item, headers=headers).json()
    assert body["category"] == "II" and body["near_misses"][0]["item"] == "2.A.1.c.1"
    older = client.post("/api/classify", params={"version": "pre-2016"}, json=item, headers=headers)
    assert older.status_code == 200 and older.json()["annex_version"] == "pre-2016"


def test_bad_classification_input_is_a_422_naming_the_field(
    client: TestClient, bearer: Bearer
) -> None:
    headers = bearer(Role.ANALYST)
    bad_value = client.post(
        "/api/classify",
        json={"text": "solid rocket motor", "parameters": {"total_impulse": "lots"}},
        headers=headers,
    )
    assert bad_value.status_code == 422
    assert bad_value.json()["error"]["field"] == "total_impulse"
    unknown = client.post(
        "/api/classify", json={"text": "x", "parameters": {"nope": 1}}, headers=headers
    )
    assert unknown.status_code == 422 and unknown.json()["error"]["field"] == "nope"
    extra = client.post("/api/classify", json={"txt": "motor"}, headers=headers)
    assert extra.status_code == 422 and "txt" in str(extra.json()["detail"][0]["loc"])


def test_a_viewer_reads_the_annex_but_may_not_classify(client: TestClient, bearer: Bearer) -> None:
    headers = bearer(Role.VIEWER)
    entry = client.get("/api/annex/2.A.1.c", headers=headers)
    assert entry.status_code == 200
    views = entry.json()
    assert [v["item"] for v in views] == ["2.A.1.c.1", "2.A.1.c.2"]
    assert views[0]["thresholds"][0]["parameter"] == "total_impulse"
    assert views[0]["verified"] is True and views[0]["sources"]
    hits = client.get("/api/annex/search", params={"q": "ring laser gyro"}, headers=headers)
    assert hits.status_code == 200 and hits.json()[0]["item"] == "9.A.4"
    versions = client.get("/api/annex", headers=headers).json()
    assert [v["version"] for v in versions] == ["2024-03-14", "pre-2016"]
    tree = client.get("/api/annex/tree", headers=headers).json()
    assert [node["item"] for node in tree][:2] == [1, 2]
    assert client.post("/api/classify", json={"text": MOTOR}, headers=headers).status_code == 403
    assert client.post("/api/range/estimate", json=_v2(), headers=headers).status_code == 403
    assert client.get("/api/annex/2.A.1.c").status_code == 401


def test_annex_diff_and_not_found(client: TestClient, bearer: Bearer) -> None:
    headers = bearer(Role.VIEWER)
    diff = client.get(
        "/api/annex/diff", params={"from": "pre-2016", "to": "2024-03-14"}, headers=headers
    )
    assert diff.status_code == 200
    assert "15.B.6" in {e["item"] for e in diff.json()["added"]}
    assert client.get("/api/annex/99.Z", headers=headers).status_code == 404
    missing = client.get(
        "/api/annex/diff", params={"from": "1999", "to": "2024-03-14"}, headers=headers
    )
    assert missing.status_code == 404 and "1999" in missing.json()["error"]["message"]


def test_range_estimate_and_plot_of_the_v2(client: TestClient, bearer: Bearer) -> None:
    headers = bearer(Role.ANALYST)
    response = client.post("/api/range/estimate", json=_v2(), headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert {"max_range_km", "payload_kg", "category", "tradeoff", "assumptions"} <= set(body)
    assert abs(body["max_range_km"] - 320) <= 0.15 * 320 and body["category"] == "I"
    plot = client.post("/api/range/plot", json=_v2(), headers=headers)
    assert plot.status_code == 200 and plot.headers["content-type"] == "image/png"
    assert plot.content.startswith(b"\x89PNG")


def test_bad_missile_spec_is_a_422_naming_the_field(client: TestClient, bearer: Bearer) -> None:
    headers = bearer(Role.ANALYST)
    spec = _v2()
    stages = spec["stages"]
    assert isinstance(stages, list)
    spec["stages"] = [{**stages[0], "propellant_mass_kg": 20_000}]
    response = client.post("/api/range/estimate", json=spec, headers=headers)
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "stages[0].propellant_mass_kg"
    negative = client.post("/api/range/estimate", json={**_v2(), "payload_kg": -1}, headers=headers)
    assert negative.status_code == 422 and "payload_kg" in json.dumps(negative.json())


def test_destination_policy_and_catch_all(
    client: TestClient, bearer: Bearer, shared_data: Path
) -> None:
    reader = bearer(Role.VIEWER, "vic")
    policy = client.get("/api/destinations/Iran", params={"as_of": "2020-01-01"}, headers=reader)
    assert policy.status_code == 200
    assert policy.json()["state_sponsor_of_terrorism"] and not policy.json()["mtcr_partner"]
    unknown = client.get("/api/destinations/Atlantis", headers=reader)
    assert unknown.status_code == 422 and unknown.json()["error"]["field"] == "country"

    cases = json.loads((shared_data / "demo" / "cases.json").read_text("utf-8"))
    assert client.post("/api/catch-all", json=cases[0], headers=reader).status_code == 403
    assessment = client.post("/api/catch-all", json=cases[0], headers=bearer(Role.ANALYST))
    assert assessment.status_code == 200
    assert assessment.json()["red_flags"] >= 1
