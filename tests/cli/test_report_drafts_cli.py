"""``nonpro report draft`` as the report writer types it: generate, edit from standard input,
compare, request clearance; the operator who wrote the text may not clear it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Invoke


def test_create_edit_diff_request(database: Path, invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("db", "upgrade")[0] == 0
    code, out = invoke("report", "draft", "create", "--kind", "country", "--state", "IRN")
    assert code == 2 and "marking: no marking set" in out
    code, out = invoke(
        "report", "draft", "create", "--kind", "country", "--state", "IRN",
        "--marking", "unclassified", "--json",
    )  # fmt: skip
    assert code == 0, out
    draft = json.loads(out)["id"]
    code, out = invoke("report", "draft", "show", draft)
    assert code == 0 and "programs: 1. Missile programs (data-driven)" in out
    code, out = invoke(
        "report", "draft", "edit", draft, "programs", "--text-file", "-",
        stdin="An office *note*.\n",
    )  # fmt: skip
    assert code == 0 and "version 2" in out, out
    code, out = invoke("report", "draft", "diff", draft, "1", "2")
    assert code == 0 and "+ An office *note*." in out
    code, out = invoke("report", "draft", "request", draft, "--office", "L/NPV")
    assert code == 0 and "L/NPV pending" in out
    code, out = invoke("report", "draft", "clear", draft, "--office", "L/NPV")
    assert code != 0 and "you wrote this text" in out
    code, out = invoke("report", "draft", "export", draft, "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "not final yet" in out
