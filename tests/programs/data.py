"""The real missile data sets, and counts computed from them directly (not through nonpro)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.programs import services
from nonpro.programs.schemas import LoadOutcome

CLASS_NAMES = {"HGV": "hypersonic glide", "Unknown": "unknown"}


def missiles_dir(shared_data: Path) -> Path:
    return shared_data / "missiles"


def load_all(shared_data: Path, *, session: Session, actor: Principal) -> LoadOutcome:
    return services.load_path(missiles_dir(shared_data), session=session, actor=actor)


def cns_tests(shared_data: Path) -> list[dict[str, Any]]:
    doc = json.loads((missiles_dir(shared_data) / "nk_missile_tests" / "test.en.json").read_text())
    return [row for time_bin in doc["timeBins"] for row in time_bin["data"]]


def cns_year(shared_data: Path, year: int) -> tuple[int, Counter[str], Counter[str]]:
    """(tests, by month "01".."12", by class) for ``year``, straight from the JSON files."""
    folder = missiles_dir(shared_data) / "nk_missile_tests"
    types = {k: v["type"] for k, v in json.loads((folder / "missile.en.json").read_text()).items()}
    rows = [r for r in cns_tests(shared_data) if r["date"].startswith(f"{year}-")]
    months = Counter(r["date"][5:7] for r in rows)
    classes = Counter(CLASS_NAMES.get(types[r["missile"]], types[r["missile"]]) for r in rows)
    return len(rows), months, classes


SIPRI_MISSILES = {
    "surface-to-surface missile",
    "surface-to-surface missile launcher",
    "submarine-launched ballistic missile",
    "land-attack missile",
    "anti-ship/land-attack missile",
    "air-to-surface/surface-to-surface missile",
    "anti-ship/surface-to-surface missile",
    "guided rocket",
    "guided rocket/air-to-surface missile",
}


def sipri_missile_deals(shared_data: Path) -> tuple[int, int]:
    """(missile deals, all deals) in the register, read with the csv module alone."""
    text = (missiles_dir(shared_data) / "sipri" / "trade-register.csv").read_text("latin-1")
    body = text[text.index("Recipient,Supplier,") :]
    rows = list(csv.reader(io.StringIO(body)))[1:]
    # A deal whose comment holds a bare line break comes as a short row and its rest.
    deals = [r for r in rows if len(r) == 16] + [r for r in rows if 4 < len(r) < 16]
    return sum(1 for r in deals if r[7].strip() in SIPRI_MISSILES), len(deals)
