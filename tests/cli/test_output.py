"""The printing helpers every command shares: JSON with --json, else a table or text."""

from __future__ import annotations

import json
from collections.abc import Callable

from pydantic import BaseModel

from nonpro.cli.context import console
from nonpro.cli.output import print_lines, print_one, print_rows


class Row(BaseModel):
    code: str
    count: int


FOUND = [Row(code="FMCT", count=2), Row(code="PAROS", count=0)]


def _printed(call: Callable[[], None]) -> str:
    with console.capture() as captured:
        call()
    return captured.get()


def test_print_rows_gives_json_without_the_footer_or_a_table_with_it() -> None:
    def rows(as_json: bool) -> str:
        return _printed(
            lambda: print_rows(
                FOUND,
                as_json=as_json,
                columns=("code", "count"),
                row=lambda r: (r.code, str(r.count)),
                footer="2 files",
            )
        )

    assert json.loads(rows(True)) == [{"code": "FMCT", "count": 2}, {"code": "PAROS", "count": 0}]
    table = rows(False)
    assert "PAROS" in table and "count" in table
    assert table.rstrip().endswith("2 files")


def test_print_lines_prints_one_line_per_item_then_the_footer() -> None:
    text = _printed(
        lambda: print_lines(FOUND, as_json=False, line=lambda r: f"{r.code}={r.count}", footer="2")
    )
    assert text.splitlines() == ["FMCT=2", "PAROS=0", "2"]


def test_print_one_prints_json_the_text_or_what_show_prints() -> None:
    one = FOUND[0]
    assert json.loads(_printed(lambda: print_one(one, as_json=True, text="x"))) == {
        "code": "FMCT",
        "count": 2,
    }
    assert _printed(lambda: print_one(one, as_json=False, text="FMCT: 2")) == "FMCT: 2\n"
    shown = _printed(
        lambda: print_one(one, as_json=False, show=lambda r: console.print(f"shown {r.code}"))
    )
    assert shown == "shown FMCT\n"
