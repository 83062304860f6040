"""One row's query: an identifiers column read into the screening, a bad one left out."""

from __future__ import annotations

from nonpro.batch.rows import row_query, screen_row
from nonpro.batch.schemas import ColumnMapping
from nonpro.screening.index import ScreeningIndex

MAPPING = ColumnMapping(name="name", identifier="ids")


def test_an_identifiers_cell_is_read_comma_separated() -> None:
    query, ignored = row_query({"name": "Ali", "ids": " A123 , B456,"}, MAPPING)
    assert query is not None and query.identifiers == ["A123", "B456"] and ignored == []


def test_a_bad_identifier_is_named_by_its_column_and_the_row_still_screened() -> None:
    query, ignored = row_query({"name": "Ali", "ids": "x" * 101}, MAPPING)
    assert query is not None and query.identifiers == []
    assert len(ignored) == 1 and ignored[0].startswith("ids: ")


def test_a_listed_identifier_counts_in_the_score(un_index: ScreeningIndex) -> None:
    entry = next(e for e in un_index.entries if e.identifiers)
    name = entry.names[0].name
    row = {"name": name, "ids": entry.identifiers[0].value}
    with_id = screen_row(row, line=2, mapping=MAPPING, index=un_index, threshold=None)
    without = screen_row(
        {**row, "ids": ""}, line=2, mapping=MAPPING, index=un_index, threshold=None
    )
    assert with_id["top_entry_id"] == without["top_entry_id"]
    # The name alone is a strong hit; the agreeing identifier makes it certain.
    assert with_id["top_score"] > without["top_score"] and with_id["ignored"] is None
