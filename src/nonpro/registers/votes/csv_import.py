"""Importing UNGA resolutions and recorded votes from CSV: good rows stored, bad ones reported.

One row per resolution and state. Columns: ``symbol, series, session, year, title, state, vote``
(required); ``adopted, text_reference, file, sponsors, source`` (optional). ``sponsors`` is
semicolon-separated; ``file`` is a negotiation file's code; ``vote`` is yes, no, abstain or absent.
The resolution's columns may be left blank after its first row; given again, they must agree.
A resolution already stored is updated, and the votes in the file replace that state's vote.
A row that cannot be read is left out and returned in ``rejected`` (and the ``report``) with its
line and column (a resolution whose first row is bad takes its columns from its next good row);
with ``strict``, a file with any bad row stores nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core.errors import InvalidInput, NotFound
from nonpro.core.rejected_rows import REPORTED_ROWS, RowProblems
from nonpro.core.validation import parse_day
from nonpro.reference.services import try_resolve_country
from nonpro.registers.audit_log import LOG
from nonpro.registers.csv_rows import parse_int, read_rows
from nonpro.registers.errors import UnreadableRegisterFile
from nonpro.registers.files.records import get_file, resolve_state
from nonpro.registers.votes.models import Resolution, ResolutionVote
from nonpro.registers.votes.rules import Vote, parse_vote
from nonpro.registers.votes.schemas import VoteImport

REQUIRED: Final = ("symbol", "series", "session", "year", "title", "state", "vote")
OPTIONAL: Final = ("adopted", "text_reference", "file", "sponsors", "source")
RESOLUTION_COLUMNS: Final = (
    "series",
    "session",
    "year",
    "title",
    "adopted",
    "text_reference",
    "file",
    "sponsors",
    "source",
)


@dataclass
class _Parsed:
    line: int
    raw: dict[str, str]
    session_number: int
    year: int
    adopted: date | None
    file_id: uuid.UUID | None
    sponsors: list[str]
    votes: dict[str, Vote] = field(default_factory=dict)


def _sponsor(text: str) -> str:
    # A sponsor that is a state is stored by its code; a group ("New Agenda Coalition") as given.
    country = try_resolve_country(text)
    return country.alpha_3 if country is not None else text


def _resolution(line: int, raw: dict[str, str], session: Session) -> _Parsed:
    for name in ("series", "session", "year", "title"):
        if not raw.get(name):
            raise InvalidInput(name, "is empty on the resolution's first row")
    year = parse_int(raw["year"], "year")
    number = parse_int(raw["session"], "session")
    assert year is not None and number is not None
    if not 1945 <= year <= 2100:
        raise InvalidInput("year", f"{year} is not a plausible year")
    file_id = None
    if raw.get("file"):
        try:
            file_id = get_file(raw["file"], session=session).id
        except NotFound:
            raise InvalidInput(
                "file", f"{raw['file']!r} is not a negotiation file's code"
            ) from None
    sponsors = [_sponsor(s.strip()) for s in raw.get("sponsors", "").split(";") if s.strip()]
    return _Parsed(
        line, raw, number, year, parse_day(raw.get("adopted", ""), "adopted"), file_id, sponsors
    )


def _vote_row(
    line: int, raw: dict[str, str], found: dict[str, _Parsed], session: Session
) -> tuple[_Parsed, str, Vote]:
    symbol = raw["symbol"]
    if not symbol:
        raise InvalidInput("symbol", "is empty")
    parsed = found.get(symbol) or _resolution(line, raw, session)
    for name in RESOLUTION_COLUMNS:
        if raw.get(name) and raw[name] != parsed.raw.get(name):
            first = parsed.raw.get(name) or "(blank)"
            raise InvalidInput(
                name, f"{raw[name]!r} differs from {first!r} on line {parsed.line} for {symbol}"
            )
    state = resolve_state(raw["state"])
    try:
        vote = parse_vote(raw["vote"])
    except ValueError as exc:
        raise InvalidInput("vote", str(exc)) from None
    if state in parsed.votes:
        raise InvalidInput("state", f"{state} already has a vote on {symbol}")
    return parsed, state, vote


def _read(
    text: str, origin: str, session: Session, problems: RowProblems, *, strict: bool
) -> dict[str, _Parsed]:
    found: dict[str, _Parsed] = {}
    rows = read_rows(
        text, origin=origin, required=REQUIRED, allowed=REQUIRED + OPTIONAL, problems=problems
    )
    for line, raw in rows:
        with problems.reading(f"line {line}"):
            parsed, state, vote = _vote_row(line, raw, found, session)
            found.setdefault(raw["symbol"], parsed).votes[state] = vote
    problems.settle(strict=strict, good=len(found))
    if not found:
        raise UnreadableRegisterFile(origin, "no votes in the file")
    return found


def import_csv(
    text: str, *, origin: str, session: Session, actor: Principal, strict: bool = False
) -> VoteImport:
    """Read every row; store the good ones, report the others by line and column (``strict``:
    store nothing if any row is bad)."""
    require(actor, Permission.MANAGE_MULTILATERAL)
    problems = RowProblems(origin)
    parsed = _read(text, origin, session, problems, strict=strict)
    added: list[str] = []
    updated: list[str] = []
    for symbol, p in parsed.items():
        values = {
            "series": p.raw["series"],
            "session_number": p.session_number,
            "year": p.year,
            "adopted": p.adopted,
            "title": p.raw["title"],
            "text_reference": p.raw.get("text_reference", ""),
            "sponsors": p.sponsors,
            "file_id": p.file_id,
            "source": p.raw.get("source", "") or origin,
        }
        resolution = session.scalar(select(Resolution).where(Resolution.symbol == symbol))
        if resolution is None:
            resolution = Resolution(symbol=symbol, recorded_vote=True, **values)
            session.add(resolution)
            added.append(symbol)
        else:
            for name, value in values.items():
                setattr(resolution, name, value)
            updated.append(symbol)
        stored = {v.state: v for v in resolution.votes}
        for state, vote in p.votes.items():
            if state in stored:
                stored[state].vote = vote.value
            else:
                resolution.votes.append(ResolutionVote(state=state, vote=vote.value))
    session.flush()
    count = sum(len(p.votes) for p in parsed.values())
    LOG.record(
        session,
        actor,
        "votes.import",
        f"votes:{origin}",
        {
            "added": added,
            "updated": updated,
            "votes": count,
            **problems.audit(),
            "rows_stored": count,
        },
    )
    return VoteImport(
        added=added,
        updated=updated,
        votes=count,
        rejected=problems.rows[:REPORTED_ROWS],
        report=problems.report(count),
    )
