"""The shared UNTC and UNODA pages, parsed once per test run, for the API and page tests."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.treaties import services
from nonpro.treaties.formats.detect import load_path
from nonpro.treaties.schemas import TreatyImport


@cache
def official_pages(treaties_dir: Path) -> tuple[TreatyImport, TreatyImport]:
    return load_path(treaties_dir / "untc"), load_path(treaties_dir / "unoda")


def store_everything(shared_data: Path, *, session: Session, actor: Principal) -> None:
    """The project's compiled data and both official snapshots, stored in ``session``."""
    untc, unoda = official_pages(shared_data / "treaties")
    services.load_reference(session=session, actor=actor)
    services.load(untc, origin="untc", file_hash="u", session=session, actor=actor)
    services.load(unoda, origin="unoda", file_hash="o", session=session, actor=actor)
