"""The house rules that a linter can check: the import-linter contracts in pyproject.toml."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import grimp

from tests.import_contracts import FrontDoorContract

REPO_ROOT = Path(__file__).resolve().parents[1]
DELIVERY = {"api", "web", "http", "cli", "migrations"}


def test_import_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_every_domain_package_is_under_the_framework_contract() -> None:
    """A new capability package must be added to the contract, or the rule silently lapses."""
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))
    contract = config["tool"]["importlinter"]["contracts"][0]
    covered = {module.removeprefix("nonpro.") for module in contract["source_modules"]}
    packages = {path.parent.name for path in (REPO_ROOT / "src" / "nonpro").glob("*/__init__.py")}
    assert packages - DELIVERY - covered == set()


def test_every_route_gives_its_connection_back_when_its_handler_is_done() -> None:
    # A router made without route_class=SessionRoute would hold its connection while FastAPI
    # waits for a thread to build the response (see nonpro.http.unit_of_work).
    from nonpro.api.routes import api_router
    from nonpro.http.unit_of_work import SessionRoute
    from nonpro.web.routes import web_router

    contexts = [
        context
        for branch in (*api_router.routes, *web_router.routes)
        for context in branch.effective_route_contexts()  # type: ignore[attr-defined]
    ]
    plain = sorted(c.path for c in contexts if not isinstance(c.original_route, SessionRoute))
    assert len(contexts) > 100 and not plain, plain


INFRASTRUCTURE = {"nonpro.core", "nonpro.documents"}


def _contract(name_start: str) -> dict[str, Any]:
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    found: dict[str, Any] = next(c for c in contracts if c["name"].startswith(name_start))
    return found


def test_every_capability_is_behind_the_front_door() -> None:
    """Delivery layers reach each capability (every domain package but the infrastructure: core
    and documents) only through its services, schemas, errors and rules; a new capability must
    be listed, or it is open."""
    front_door = _contract("Delivery layers import only")
    framework = _contract("Domain packages import no web")
    assert front_door["type"] == "front_door"
    assert set(front_door["source_modules"]) == {"nonpro.api", "nonpro.web", "nonpro.cli"}
    assert set(front_door["allowed_modules"]) == {"services", "schemas", "errors", "rules"}
    assert set(front_door["capabilities"]) == set(framework["source_modules"]) - INFRASTRUCTURE


def _graph(*imports: tuple[str, str]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for importer, imported in imports:
        for module in (importer, imported):
            parts = module.split(".")
            for depth in range(1, len(parts) + 1):
                graph.add_module(".".join(parts[:depth]))
        graph.add_import(importer=importer, imported=imported, line_number=1, line_contents="")
    return graph


def _front_door_check(graph: grimp.ImportGraph) -> list[tuple[str, str]]:
    contract = FrontDoorContract(
        name="front door",
        session_options={"root_packages": ["nonpro"]},
        contract_options={
            "source_modules": ["nonpro.web"],
            "capabilities": ["nonpro.cases", "nonpro.controls"],
            "allowed_modules": ["services", "schemas", "errors", "rules"],
        },
    )
    check = contract.check(graph, verbose=False)
    found = [(v["importer"], v["imported"]) for v in check.metadata["violations"]]
    assert check.kept == (not found)
    return found


def test_the_front_door_lets_services_schemas_errors_and_rules_through() -> None:
    graph = _graph(
        ("nonpro.web.cases", "nonpro.cases.services"),
        ("nonpro.web.cases", "nonpro.cases.schemas"),
        ("nonpro.web.cases", "nonpro.cases.errors"),
        ("nonpro.web.cases", "nonpro.cases.rules"),
        ("nonpro.web.controls_range", "nonpro.controls.range.services"),  # a sub-capability
        ("nonpro.web.cases", "nonpro.core.db"),  # infrastructure, not a capability
        ("nonpro.cases.services", "nonpro.cases.models"),  # inside the capability: its own affair
    )
    assert _front_door_check(graph) == []


def test_the_front_door_stops_models_modules_deeper_and_the_package_itself() -> None:
    graph = _graph(
        ("nonpro.web.cases", "nonpro.cases.models"),
        ("nonpro.web.cases", "nonpro.cases.whatever_is_added_next"),
        ("nonpro.web.controls_range", "nonpro.controls.range.plot"),
        ("nonpro.web.controls", "nonpro.controls"),  # its __init__ must re-export nothing
        ("nonpro.web.cases", "nonpro.cases.services"),
    )
    assert sorted(_front_door_check(graph)) == [
        ("nonpro.web.cases", "nonpro.cases.models"),
        ("nonpro.web.cases", "nonpro.cases.whatever_is_added_next"),
        ("nonpro.web.controls", "nonpro.controls"),
        ("nonpro.web.controls_range", "nonpro.controls.range.plot"),
    ]


def test_lint_imports_fails_when_a_web_module_imports_a_models_module(tmp_path: Path) -> None:
    """The contract as configured, on a copy of the sources with one forbidden import added."""
    shutil.copytree(
        REPO_ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "tests").mkdir()
    shutil.copy(REPO_ROOT / "tests" / "import_contracts.py", tmp_path / "tests")
    (tmp_path / "tests" / "__init__.py").touch()
    page = tmp_path / "src" / "nonpro" / "web" / "home.py"
    page.write_text(page.read_text("utf-8") + "\nfrom nonpro.cases import models  # noqa\n")
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "src")},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode != 0
    assert "nonpro.web.home -> nonpro.cases.models" in result.stdout


def test_api_and_web_stay_peers_over_http() -> None:
    """What both need lives in nonpro.http: the contract that keeps them apart must stay, and
    http must sit below both in the layers."""
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    peers = [c for c in contracts if c["type"] == "independence"]
    assert any({"nonpro.api", "nonpro.web"} <= set(c["modules"]) for c in peers)
    layers = next(c["layers"] for c in contracts if "nonpro.http" in c.get("layers", []))
    above_http = [i for i, layer in enumerate(layers) if "nonpro.api" in layer]
    assert above_http and above_http[0] < layers.index("nonpro.http")
    assert "nonpro.web" in layers[above_http[0]]
