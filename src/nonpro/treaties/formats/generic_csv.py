"""A generic CSV of participation events, for data from any other source.

One event per row; lines starting with ``#`` are comments. Columns (header required):

==================  ========  ==============================================================
column              required  content
==================  ========  ==============================================================
``state``           yes       ISO 3166 alpha-3 (``RUS``, historic ``SUN``) or a country name
``instrument``      yes       an instrument code (``NPT``, ``CCW_P5``, ``MTCR``)
``event``           yes       an event kind: ``signature``, ``ratification``, ``accession``,
                              ``succession``, ``acceptance``, ``approval``,
                              ``entry_into_force``, ``withdrawal``,
                              ``withdrawal_of_ratification``, ``admission``, ``subscription``...
``date``            yes       ``YYYY-MM-DD``: the date the depositary records (a withdrawal's
                              notice)
``effective_date``  no        ``YYYY-MM-DD`` when it takes effect, if later (a withdrawal)
``source``          yes       where the fact comes from (a URL or a citation)
``note``            no        reservations, disputed status, anything a reader needs
``disputed``        no        ``yes`` for a contested act, kept but not applied to status
==================  ========  ==============================================================

Every row is read and every bad one named by line and column. The file's events replace what
the same source said, so a left-out row could read as an event that never happened: the events
stored before for what a refused row stood for are kept instead (its instrument and state; every
state of the instrument when the state cannot be read; the whole file, which is then refused, when
neither can). With ``strict`` a file with any bad row stores nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from nonpro.core.errors import InvalidInput, NonproError
from nonpro.core.inputs import within_calendar
from nonpro.core.rejected_rows import RowProblems
from nonpro.treaties.errors import TreatyParseError
from nonpro.treaties.formats._names import to_alpha3
from nonpro.treaties.reference import load_instruments
from nonpro.treaties.schemas import EventKind, ParticipationEvent, TreatyImport

REQUIRED = ("state", "instrument", "event", "date", "source")
OPTIONAL = ("effective_date", "note", "disputed")


def rows(
    path: Path,
    required: tuple[str, ...],
    problems: RowProblems,
    refused: Callable[[dict[str, str]], None] | None = None,
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for every data row; comments skipped, missing columns refused, a row
    with more cells than columns given to ``problems`` (and to ``refused``)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise TreatyParseError(path, "", f"not readable as UTF-8 text: {exc}") from exc
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1)]
    data = [(n, line) for n, line in lines if line.strip() and not line.startswith("#")]
    if not data:
        raise TreatyParseError(path, "", "no header row")
    reader = csv.DictReader(io.StringIO("\n".join(line for _, line in data)))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise TreatyParseError(path, f"line {data[0][0]}", f"missing columns: {', '.join(missing)}")
    for (number, _), row in zip(data[1:], reader, strict=False):
        if None in row:
            problems.add(f"line {number}", "", "more cells than columns")
            if refused is not None:
                refused({k: v for k, v in row.items() if isinstance(k, str) and isinstance(v, str)})
            continue
        yield number, {k: (v or "").strip() for k, v in row.items()}


def parse_day(text: str, column: str) -> date:
    """A ``YYYY-MM-DD`` date inside the calendar the rules can add periods to (9999-12-31
    plus a 90-day entry-into-force period is an overflow)."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(column, f"{text!r} is not YYYY-MM-DD") from None
    try:
        return within_calendar(day)
    except ValueError as exc:
        raise InvalidInput(column, str(exc)) from None


def event_from_row(row: dict[str, str]) -> ParticipationEvent:
    """One event from the common columns; a problem is an ``InvalidInput`` naming the column."""
    state = to_alpha3(row["state"])
    if state is None:
        raise InvalidInput("state", f"unknown country name {row['state']!r}")
    if row["instrument"] not in load_instruments():
        raise InvalidInput("instrument", f"unknown code {row['instrument']!r}")
    try:
        kind = EventKind(row["event"])
    except ValueError:
        raise InvalidInput("event", f"unknown kind {row['event']!r}") from None
    if not row["source"]:
        raise InvalidInput("source", "empty; every record names its source")
    effective = row.get("effective_date") or ""
    return ParticipationEvent(
        state=state,
        instrument=row["instrument"],
        kind=kind,
        date=parse_day(row["date"], "date"),
        effective_date=parse_day(effective, "effective_date") if effective else None,
        source=row["source"],
        note=row.get("note") or None,
        disputed=(row.get("disputed") or "no").lower() in ("yes", "true", "1"),
    )


def stood_for(row: dict[str, str]) -> tuple[str | None, str | None]:
    """The (instrument, state) a refused row was about, as far as its cells can be read."""
    instrument = (row.get("instrument") or "").strip()
    try:
        state = to_alpha3((row.get("state") or "").strip()) if row.get("state") else None
    except (ValueError, LookupError, NonproError):  # a cell no resolver can read
        state = None
    return (instrument if instrument in load_instruments() else None), state


def parse_generic_csv(path: Path) -> TreatyImport:
    result = TreatyImport(sources=[str(path)])
    problems = RowProblems(str(path))

    def hold(row: dict[str, str]) -> None:
        result.held.append(stood_for(row))

    for number, row in rows(path, REQUIRED, problems, refused=hold):
        before = problems.rows_refused
        with problems.reading(f"line {number}"):
            event = event_from_row(row)
            result.events.append(event)
            if event.instrument not in result.instruments:
                result.instruments.append(event.instrument)
        if problems.rows_refused > before:
            hold(row)
    result.rows_read, result.refused = problems.rows_read, problems.rows
    return result
