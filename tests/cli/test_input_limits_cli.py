"""The command line refuses impossible dates, infinite numbers, lone surrogates and over-long
text with one line naming the argument and exit code 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli.conftest import Invoke

from nonpro.core.inputs import DESCRIPTION_LENGTH, NAME_LENGTH


@pytest.mark.parametrize("dob", ["1974-01-32", "1968-13-30", "0000-00-00", "9999-12-31"])
def test_screen_refuses_a_date_of_birth_off_the_calendar(
    database: Path, invoke: Invoke, dob: str
) -> None:
    invoke("db", "upgrade")
    code, out = invoke("screen", "Ali Reza", "--dob", dob)
    assert code == 2 and "dob" in out and "not a date on the calendar" in out
    assert "Traceback" not in out


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("x" * (NAME_LENGTH + 1),), "name"),
        (("Ali", "--country", "y" * 100_000), "country"),
    ],
)
def test_screen_refuses_over_long_or_broken_text(
    database: Path, invoke: Invoke, args: tuple[str, ...], field: str
) -> None:
    invoke("db", "upgrade")
    code, out = invoke("screen", *args)
    assert code == 2 and field in out


@pytest.mark.parametrize(
    "args", [("screen", "Al\udcffi"), ("cases", "list", "--q", "\udcff"), ("audit", "\udcff")]
)
def test_a_byte_that_is_not_utf8_in_any_argument_is_refused(
    database: Path, invoke: Invoke, args: tuple[str, ...]
) -> None:
    """A stray byte in a command line reaches Python as a lone surrogate."""
    code, out = invoke(*args)
    assert code == 2 and "is not UTF-8 text" in out and "argument" in out


def test_screen_refuses_an_infinite_threshold(database: Path, invoke: Invoke) -> None:
    invoke("db", "upgrade")
    code, out = invoke("screen", "Ali", "--threshold", "1e400")
    assert code == 2 and "threshold" in out


@pytest.mark.parametrize(
    "text", ["solid rocket motor, total impulse 1e400 N-s", "x " * DESCRIPTION_LENGTH]
)
def test_classify_refuses_an_unmeasurable_or_over_long_description(
    database: Path, invoke: Invoke, text: str
) -> None:
    code, out = invoke("classify", text)
    assert code == 2 and "text" in out
    assert "Traceback" not in out
