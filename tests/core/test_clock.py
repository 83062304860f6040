"""Calendar arithmetic shared by treaty entry-into-force rules and sanction terms."""

from __future__ import annotations

from datetime import date

from nonpro.core.clock import add_months


def test_add_months_keeps_the_day_of_the_month() -> None:
    assert add_months(date(1983, 6, 2), 6) == date(1983, 12, 2)
    assert add_months(date(2003, 7, 25), 44) == date(2007, 3, 25)


def test_add_months_clamps_to_the_end_of_a_shorter_month() -> None:
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2023, 12, 31), 2) == date(2024, 2, 29)
