"""The documentation keeps up with the code: commands, settings, and the site builds."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import typer.main

from nonpro.api.reference_docs import render_api_reference
from nonpro.cli.main import app
from nonpro.cli.reference_docs import render_cli_reference
from nonpro.core.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[1]
DOCS = REPO_ROOT / "docs"


def _command_paths(command: object, path: list[str]) -> list[str]:
    children = getattr(command, "commands", None)
    if not children:
        return [" ".join(path)]
    found: list[str] = []
    for name, child in children.items():
        found += _command_paths(child, [*path, name])
    return found


def test_cli_reference_is_generated_from_the_code() -> None:
    committed = (DOCS / "reference" / "cli.md").read_text("utf-8")
    assert committed == render_cli_reference(), "run `make docs` and commit docs/reference/cli.md"


def test_api_reference_is_generated_from_the_code() -> None:
    committed = (DOCS / "reference" / "api.md").read_text("utf-8")
    assert committed == render_api_reference(), "run `make docs` and commit docs/reference/api.md"


def test_annex_verification_page_is_generated_from_the_data() -> None:
    from nonpro.controls.annex import load_annex
    from nonpro.controls.verification_docs import render

    committed = (DOCS / "reference" / "annex-verification.md").read_text("utf-8")
    assert committed == render(load_annex()), (
        "run `make docs` and commit docs/reference/annex-verification.md"
    )
    assert "| 2.A.1.d | I | `VX+VS` |" in committed and "| S1 | LEG |" in committed


def test_every_command_is_in_the_reference() -> None:
    committed = (DOCS / "reference" / "cli.md").read_text("utf-8")
    for command in _command_paths(typer.main.get_command(app), ["nonpro"]):
        assert f"`{command}`" in committed, command


def test_every_setting_is_documented() -> None:
    text = (DOCS / "configuration.md").read_text("utf-8")
    for name in Settings.model_fields:
        assert f"NONPRO_{name.upper()}" in text, name


def test_every_doc_page_is_in_the_navigation_and_the_site_builds(tmp_path: Path) -> None:
    nav = (REPO_ROOT / "mkdocs.yml").read_text("utf-8")
    for page in DOCS.rglob("*.md"):
        assert str(page.relative_to(DOCS)) in nav, page
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]


ARCHITECTURE = DOCS / "architecture.md"
# The worked example adds a capability that does not exist: its names are the one exception.
WORKED_EXAMPLE = "assurances"
NAMED_PATH = re.compile(r"`((?:src|tests|docs|bench)/[\w/.-]+|(?:api|web|cli)/[\w/.-]+\.py)`")
NAMED_MODULE = re.compile(r"`(nonpro(?:\.\w+)+)`")
LAYER_LINE = re.compile(r"^  ([a-z]+)/ ", re.MULTILINE)


def _architecture_names(pattern: re.Pattern[str]) -> set[str]:
    found = set(pattern.findall(ARCHITECTURE.read_text("utf-8")))
    return {name for name in found if WORKED_EXAMPLE not in name}


def _resolves(dotted: str) -> bool:
    """A module, or a name defined in one (``nonpro.core.errors.NonproError``)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(target, attribute):
                return False
            target = getattr(target, attribute)
        return True
    return False


def test_architecture_page_names_packages_that_exist() -> None:
    source = REPO_ROOT / "src" / "nonpro"
    layers = set(LAYER_LINE.findall(ARCHITECTURE.read_text("utf-8")))
    assert {"core", "http", "registers"} <= layers
    assert sorted(p for p in layers if not (source / p / "__init__.py").exists()) == []


def test_architecture_page_names_modules_and_files_that_exist() -> None:
    source = REPO_ROOT / "src" / "nonpro"
    paths = _architecture_names(NAMED_PATH)
    missing = [
        path for path in paths if not (REPO_ROOT / path).exists() and not (source / path).exists()
    ]
    modules = _architecture_names(NAMED_MODULE)
    missing += [name for name in modules if not _resolves(name)]
    assert len(paths) > 10 and len(modules) > 10
    assert sorted(missing) == []
