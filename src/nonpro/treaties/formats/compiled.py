"""The project's own compiled reference data (``nonpro/treaties/data/*.csv``).

The event files are the generic CSV plus the columns the project's review needs on every record:
``date_precision``, ``confidence`` and ``as_of``. ``stated_counts.csv`` holds the counts the
sources state, so the compiled data reconciles like an official page.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from nonpro.core.errors import InvalidInput
from nonpro.core.rejected_rows import RowProblems
from nonpro.treaties.formats.generic_csv import REQUIRED, event_from_row, parse_day, rows
from nonpro.treaties.reference import DATA_DIR, load_instruments
from nonpro.treaties.schemas import QuestionCount, StatedCount, Status, TreatyImport

COMPILED_REQUIRED = (*REQUIRED, "date_precision", "confidence", "as_of")
EVENT_FILES = ("regimes.csv", "safeguards.csv", "nwfz_protocols.csv", "treaty_events.csv")
COUNTS_FILE = "stated_counts.csv"
_PRECISIONS = ("day", "month", "year", "known_by")


def parse_compiled_events(path: Path) -> TreatyImport:
    result = TreatyImport(sources=[str(path)])
    problems = RowProblems(str(path))
    for number, row in rows(path, COMPILED_REQUIRED, problems):
        with problems.reading(f"line {number}"):
            event = event_from_row(row)
            if row["date_precision"] not in _PRECISIONS:
                raise InvalidInput("date_precision", f"unknown {row['date_precision']!r}")
            parse_day(row["as_of"], "as_of")  # every record says when it was true
            event = event.model_copy(
                update={"date_precision": row["date_precision"], "confidence": row["confidence"]}
            )
            result.events.append(event)
            if event.instrument not in result.instruments:
                result.instruments.append(event.instrument)
    problems.refuse_if_any()
    return result


def parse_stated_counts(path: Path) -> TreatyImport:
    result = TreatyImport(sources=[str(path)])
    known = load_instruments()
    required = ("instrument", "measure", "value", "as_of", "source")
    problems = RowProblems(str(path))
    for number, row in rows(path, required, problems):
        if row.get("question"):
            continue  # a cross-question's count: ``parse_question_counts``
        with problems.reading(f"line {number}"):
            for column in ("instrument", "among"):
                if row.get(column) and row[column] not in known:
                    raise InvalidInput(column, f"unknown code {row[column]!r}")
            if row["measure"] not in {status.value for status in Status}:
                raise InvalidInput("measure", f"unknown measure {row['measure']!r}")
            if not row["value"].isdigit():
                raise InvalidInput("value", f"{row['value']!r} is not a whole number")
            result.stated_counts.append(
                StatedCount(
                    instrument=row["instrument"],
                    measure=Status(row["measure"]),
                    value=int(row["value"]),
                    as_of=parse_day(row["as_of"], "as_of"),
                    source=row["source"],
                    among=row.get("among") or None,
                    explanation=row.get("explanation") or None,
                )
            )
    problems.refuse_if_any()
    return result


def parse_question_counts(path: Path) -> list[QuestionCount]:
    """The rows of ``stated_counts.csv`` that count a named cross-question's answer (the IAEA
    Safeguards Statement's NPT parties without a comprehensive safeguards agreement)."""
    from nonpro.treaties.questions import CROSS_QUESTIONS  # questions -> rules -> formats

    found: list[QuestionCount] = []
    problems = RowProblems(str(path))
    for number, row in rows(path, ("value", "as_of", "source", "question"), problems):
        if not row["question"]:
            continue
        with problems.reading(f"line {number}"):
            if row["question"] not in CROSS_QUESTIONS:
                raise InvalidInput("question", f"unknown question {row['question']!r}")
            if row.get("instrument") or row.get("measure") or row.get("among"):
                raise InvalidInput("question", "a question's count leaves instrument empty")
            if not row["value"].isdigit():
                raise InvalidInput("value", f"{row['value']!r} is not a whole number")
            found.append(
                QuestionCount(
                    question=row["question"],
                    value=int(row["value"]),
                    as_of=parse_day(row["as_of"], "as_of"),
                    source=row["source"],
                    explanation=row.get("explanation") or None,
                )
            )
    problems.refuse_if_any()
    return found


def load_question_counts(folder: Path = DATA_DIR) -> list[QuestionCount]:
    path = folder / COUNTS_FILE
    return parse_question_counts(path) if path.is_file() else []


def load_compiled(folder: Path = DATA_DIR) -> TreatyImport:
    """All of the project's compiled events and stated counts (``nonpro reference load``)."""
    result = TreatyImport()
    for name in EVENT_FILES:
        result.extend(parse_compiled_events(folder / name))
    if (folder / COUNTS_FILE).is_file():
        result.extend(parse_stated_counts(folder / COUNTS_FILE))
    return result


def is_compiled_header(header: list[str]) -> bool:
    return all(column in header for column in COMPILED_REQUIRED)


def compiled_as_of(events_path: Path) -> date | None:
    """The latest as-of date in a compiled file (what "current to" a reader may assume)."""
    problems = RowProblems(str(events_path))
    read = [row["as_of"] for _, row in rows(events_path, ("as_of",), problems)]
    dates = [date.fromisoformat(text) for text in read]
    return max(dates) if dates else None
