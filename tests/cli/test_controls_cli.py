"""The controls commands as a user types them: Annex, classification, range, destination."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Invoke

from nonpro.controls.range import example_specs

SOUNDING_MOTOR = (
    "solid propellant rocket motor, total impulse 1.2 x 10^6 N-s, for a sounding rocket"
)


def test_classify_names_the_item_and_the_deciding_parameter(invoke: Invoke) -> None:
    code, out = invoke("classify", SOUNDING_MOTOR, "--json")
    assert code == 0, out
    result = json.loads(out)
    assert {"parameters", "matches", "near_misses", "missing"} <= set(result)
    first = result["matches"][0]
    assert {"item", "category", "title", "reasons", "source"} <= set(first)
    assert (first["item"], first["category"]) == ("2.A.1.c.1", "I")
    assert "1.1e6" in first["reasons"][0] and "MTCR" in first["source"]
    assert result["parameters"]["total_impulse"]["value"] == 1.2e6

    code, out = invoke("classify", SOUNDING_MOTOR)
    assert code == 0 and "Category I" in out and "2.A.1.c.1" in out
    assert "crosswalk: " in out and "check against EU 2021/821" in out
    code, out = invoke("classify", "ballistic missile, 1000 kg payload, range 250 km")
    assert code == 0 and "nonpro range estimate" in out and "trade-off" in out


def test_classify_with_params_reports_near_misses_and_what_is_missing(invoke: Invoke) -> None:
    code, out = invoke(
        "classify", "solid rocket motor", "--param", "total_impulse=9e5 N*s", "--json"
    )
    result = json.loads(out)
    assert code == 0 and result["matches"][0]["item"] == "20.A.1.b.1"
    assert any(m["item"] == "2.A.1.c.1" for m in result["near_misses"])

    code, out = invoke("classify", "solid rocket motor", "--json")
    result = json.loads(out)
    assert any(m["parameter"] == "total_impulse" for m in result["missing"])


def test_classify_from_a_file(invoke: Invoke, tmp_path: Path) -> None:
    item = tmp_path / "item.json"
    item.write_text(
        json.dumps(
            {"text": "ring laser gyro", "parameters": {"drift_rate_stability": "0.1 deg/h"}}
        ),
        "utf-8",
    )
    code, out = invoke("classify", "--file", str(item), "--json")
    assert code == 0, out
    assert json.loads(out)["matches"][0]["item"] == "9.A.4"
    item.write_text(json.dumps({"text": "ring laser gyro"}), "utf-8")
    code, out = invoke("classify", "--file", str(item), "--json")
    assert json.loads(out)["missing"][0]["items"] == ["9.A.4"]


def test_bad_classification_input_is_one_line_naming_the_field(
    invoke: Invoke, tmp_path: Path
) -> None:
    code, out = invoke("classify", "solid motor", "--param", "total_impulse=abc")
    assert code == 2 and out.strip().startswith("error: total_impulse:") and "\n" not in out.strip()
    code, out = invoke("classify", "solid motor", "--param", "no_such=3")
    assert code == 2 and "no_such" in out
    code, out = invoke("classify", "solid motor", "--param", "oops")
    assert code == 2 and "param" in out
    code, out = invoke("classify")
    assert code == 2 and "TEXT" in out
    bad = tmp_path / "item.json"
    bad.write_text('{"txt": "x"}', "utf-8")
    code, out = invoke("classify", "--file", str(bad))
    assert code == 2 and "txt" in out
    bad.write_text("{not json", "utf-8")
    code, out = invoke("classify", "--file", str(bad))
    assert code == 2 and out.startswith("error: file:")


def test_annex_show_search_versions_and_diff(invoke: Invoke) -> None:
    code, out = invoke("annex", "show", "2.A.1.c", "--json")
    shown = json.loads(out)
    assert code == 0 and [v["item"] for v in shown] == ["2.A.1.c.1", "2.A.1.c.2"]
    assert shown[0]["test"].startswith("total impulse") and shown[0]["sources"]
    code, out = invoke("annex", "show", "2.A.1.c.1")
    assert code == 0 and "confidence VX+VS" in out

    code, out = invoke("annex", "search", "ring laser gyro", "--json")
    assert code == 0 and json.loads(out)[0]["item"] == "9.A.4"

    code, out = invoke("annex", "versions")
    assert code == 0 and "2024-03-14" in out and "pre-2016" in out

    code, out = invoke("annex", "diff", "pre-2016", "2024-03-14", "--json")
    diff = json.loads(out)
    assert code == 0 and (diff["old"], diff["new"]) == ("pre-2016", "2024-03-14")
    assert "15.B.6" in {e["item"] for e in diff["added"]}
    assert "3.A.1.a" in {c["item"] for c in diff["changed"]}


def test_unknown_annex_item_or_version_is_not_found(invoke: Invoke) -> None:
    code, out = invoke("annex", "show", "99.Z")
    assert code == 3 and "99.Z" in out
    code, out = invoke("annex", "diff", "1999", "2024-03-14")
    assert code == 3 and "1999" in out


def test_range_estimate_of_the_v2_with_plot(invoke: Invoke, tmp_path: Path) -> None:
    plot = tmp_path / "v2.png"
    code, out = invoke(
        "range", "estimate", str(example_specs()["v2"]), "--json", "--plot", str(plot)
    )
    assert code == 0, out
    estimate = json.loads(out)
    assert {"max_range_km", "payload_kg", "category", "tradeoff", "assumptions"} <= set(estimate)
    assert abs(estimate["max_range_km"] - 320) <= 0.15 * 320
    assert estimate["payload_kg"] == 1000 and estimate["category"] == "I"
    assert {"payload_kg", "range_km"} == set(estimate["tradeoff"][0])
    assert plot.read_bytes().startswith(b"\x89PNG")

    code, out = invoke("range", "examples")
    assert code == 0 and "v2" in out and "scud_b" in out


def test_bad_missile_spec_names_the_field(invoke: Invoke, tmp_path: Path) -> None:
    spec = tmp_path / "m.yaml"
    spec.write_text("name: x\npayload_kg: 10\ndiameter_m: 1\nstages:\n - gross_mass_kg: -1\n")
    code, out = invoke("range", "estimate", str(spec))
    assert code == 2 and "stages[0].gross_mass_kg" in out
    spec.write_text("name: [x\n")
    code, out = invoke("range", "estimate", str(spec))
    assert code == 2 and "cannot read the spec: line 2" in out and "\n" not in out.strip()


def test_destination_and_catch_all(invoke: Invoke, tmp_path: Path, shared_data: Path) -> None:
    code, out = invoke("destination", "Iran", "--as-of", "2020-01-01", "--json")
    policy = json.loads(out)
    assert code == 0 and policy["country"] == "IRN" and policy["state_sponsor_of_terrorism"]
    assert not policy["mtcr_partner"]
    code, out = invoke("destination", "Atlantis")
    assert code == 2 and "country" in out
    code, out = invoke("destination", "Iran", "--as-of", "2020-13-01")
    assert code == 2 and "as-of" in out

    cases = json.loads((shared_data / "demo" / "cases.json").read_text("utf-8"))
    case = tmp_path / "case.json"
    case.write_text(json.dumps(cases[0]), "utf-8")
    code, out = invoke("catch-all", str(case), "--json")
    assessment = json.loads(out)
    assert code == 0 and assessment["red_flags"] >= 1
    assert all({"rule", "evidence"} <= set(f) for f in assessment["findings"])


def test_boundary_set_is_written_as_csv_and_its_rows_classify_as_they_say(
    invoke: Invoke, tmp_path: Path
) -> None:
    import csv

    out_file = tmp_path / "boundary.csv"
    code, out = invoke("annex", "boundary-set", "--out", str(out_file))
    assert code == 0 and "cases" in out and str(out_file) in out
    rows = list(csv.DictReader(out_file.open(encoding="utf-8")))
    assert {"at", "just inside", "just outside"} <= {r["point"] for r in rows}
    motor = next(
        r
        for r in rows
        if r["entry"] == "2.A.1.c.1"
        and r["point"] == "just outside"
        and r["unit_form"] == "other unit"
    )
    assert motor["controlled"] == "no" and "lbf-s" in motor["parameters"]
    pairs = [f"{k}={v}" for k, v in json.loads(motor["parameters"]).items()]
    code, out = invoke(
        "classify", motor["description"], *[a for p in pairs for a in ("--param", p)], "--json"
    )
    assert code == 0, out
    assert "2.A.1.c.1" not in {m["item"] for m in json.loads(out)["matches"]}
    code, out = invoke("annex", "boundary-set", "--version", "1999")
    assert code != 0 and "1999" in out
