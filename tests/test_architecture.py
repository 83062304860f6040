"""The house rules that a linter can check: the import-linter contracts in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DELIVERY = {"api", "web", "cli", "migrations"}


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
