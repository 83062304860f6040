"""``nonpro end-users search``: the knowledge base by country, with the loaded list's entries."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Invoke


def test_search_by_country_shows_reviewed_and_list_records(
    database: Path, invoke: Invoke, shared_data: Path
) -> None:
    invoke("db", "upgrade")
    invoke("lists", "load", str(shared_data / "lists" / "un_2026-02"))
    code, out = invoke("end-users", "search", "--country", "Pakistan")
    assert code == 0, out
    assert "National Development Complex (Pakistan, reviewed); generic name" in out
    code, out = invoke("end-users", "search", "--country", "KP", "--name", "space", "--json")
    found = json.loads(out)
    assert code == 0 and found["lists"] == {"un": "published 2026-02-27"}
    space = next(
        e for e in found["entities"] if e["name"] == "KOREAN COMMITTEE FOR SPACE TECHNOLOGY"
    )
    assert all(
        "space" in " ".join([e["name"], *e["aliases"]]).casefold() for e in found["entities"]
    )
    assert space["origin"] == "list" and space["entry_id"].startswith("un:")
    code, out = invoke("end-users", "search", "--country", "Atlantis")
    assert code != 0 and "country" in out and "Traceback" not in out
