"""The house rules that a linter can check: the import-linter contracts in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

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
