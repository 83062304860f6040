"""UNGA First Committee resolutions on the negotiation files: tallies, vote records by state,
and how a state voted on a series over the years (optionally beside another state)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nonpro.core.db import column_values, one_or_not_found
from nonpro.core.errors import InvalidInput
from nonpro.registers.files.models import NegotiationFile
from nonpro.registers.files.records import get_file, resolve_state
from nonpro.registers.votes.models import Resolution
from nonpro.registers.votes.rules import Vote
from nonpro.registers.votes.schemas import (
    RecordRow,
    ResolutionOut,
    StateVote,
    Tally,
    VotingRecord,
)


def tally(resolution: Resolution) -> Tally:
    counts = {v.value: 0 for v in Vote}
    for vote in resolution.votes:
        counts[vote.vote] = counts.get(vote.vote, 0) + 1
    return Tally(**counts)


def resolution_out(
    resolution: Resolution, *, session: Session, with_votes: bool = False
) -> ResolutionOut:
    code = None
    if resolution.file_id is not None:
        code = session.scalar(
            select(NegotiationFile.code).where(NegotiationFile.id == resolution.file_id)
        )
    votes = [StateVote(state=v.state, vote=Vote(v.vote)) for v in resolution.votes if with_votes]
    return ResolutionOut.model_validate(
        {
            **column_values(resolution),
            "file": code,
            "tally": tally(resolution),
            "votes": votes,
        }
    )


def get_resolution(symbol: str, *, session: Session) -> Resolution:
    return one_or_not_found(
        session, Resolution, Resolution.symbol == symbol.strip(), "resolution", symbol
    )


def show(symbol: str, *, session: Session) -> ResolutionOut:
    return resolution_out(get_resolution(symbol, session=session), session=session, with_votes=True)


def list_resolutions(
    *,
    session: Session,
    file: str | None = None,
    series: str | None = None,
    year: int | None = None,
) -> list[ResolutionOut]:
    query = select(Resolution).order_by(Resolution.series, Resolution.year, Resolution.symbol)
    if file:
        query = query.where(Resolution.file_id == get_file(file, session=session).id)
    if series:
        query = query.where(func.lower(Resolution.series) == series.strip().lower())
    if year is not None:
        query = query.where(Resolution.year == year)
    return [resolution_out(r, session=session) for r in session.scalars(query)]


def series_names(*, session: Session) -> list[str]:
    return list(session.scalars(select(Resolution.series).distinct().order_by(Resolution.series)))


def _vote_of(resolution: Resolution, state: str) -> Vote | None:
    found = next((v for v in resolution.votes if v.state == state), None)
    return Vote(found.vote) if found else None


def record(
    state: str, *, series: str, session: Session, compare: str | None = None
) -> VotingRecord:
    """One row per resolution of the series, oldest first: the state's vote, whether it changed
    from the year before, the tally, and where the comparison state voted differently."""
    code = resolve_state(state)
    other = resolve_state(compare, field="compare") if compare else None
    if other == code:
        raise InvalidInput("compare", "compare with a different state")
    wanted = series.strip()
    if not wanted:
        raise InvalidInput("series", "name the resolution series")
    found = list(
        session.scalars(
            select(Resolution)
            .where(func.lower(Resolution.series) == wanted.lower())
            .order_by(Resolution.year, Resolution.symbol)
        )
    )
    if not found:
        known = ", ".join(series_names(session=session)) or "none imported yet"
        raise InvalidInput("series", f"no resolutions in series {wanted!r} (series: {known})")
    rows: list[RecordRow] = []
    previous: Vote | None = None
    for resolution in found:
        vote = _vote_of(resolution, code)
        theirs = _vote_of(resolution, other) if other else None
        rows.append(
            RecordRow.model_validate(
                {
                    **column_values(resolution),
                    "vote": vote,
                    "changed": bool(rows) and vote != previous,
                    "tally": tally(resolution),
                    "compare_vote": theirs,
                    "differs": other is not None and theirs != vote,
                }
            )
        )
        previous = vote
    return VotingRecord(state=code, series=found[0].series, compare=other, rows=rows)
