"""Screening one party: candidates from the index, scored, ranked and explained.

`match` is a pure function of the query and the index, so the CLI, the API, the web page and a
Dask worker get the same answer for the same party.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nonpro.screening import rules
from nonpro.screening.evidence import (
    Evidence,
    country_feature,
    dob_feature,
    entity_type_feature,
    identifier_feature,
    total_score,
)
from nonpro.screening.index import ScreeningIndex, readings_for
from nonpro.screening.name_batch import best_scores
from nonpro.screening.normalize import Reading
from nonpro.screening.schemas import (
    EntityType,
    EntryName,
    FeatureScore,
    Hit,
    ListEntry,
    NameKind,
    ScreeningQuery,
)
from nonpro.screening.similarity import NameMatch, best_match


@dataclass(frozen=True, slots=True)
class RankedEntry:
    """An entry that `match` returns, before its hit is written out and explained."""

    position: int  # of the entry in the index
    name_id: int  # its name closest to the query
    score: float
    alert: bool
    others: dict[str, Evidence]  # the evidence besides the name


def match(
    query: ScreeningQuery,
    index: ScreeningIndex,
    *,
    threshold: float | None = None,
    lists: Sequence[str] | None = None,
    limit: int = 10,
) -> list[Hit]:
    """Entries resembling `query`, best first; `alert` marks those at or above the threshold."""
    threshold = rules.DEFAULT_THRESHOLD if threshold is None else threshold
    return [
        _hit(query, index, found.position, found.name_id, found.others, found.score, threshold)
        for found in rank(query, index, threshold=threshold, lists=lists, limit=limit)
    ]


def rank(
    query: ScreeningQuery,
    index: ScreeningIndex,
    *,
    threshold: float | None = None,
    lists: Sequence[str] | None = None,
    limit: int = 10,
) -> list[RankedEntry]:
    """The entries `match` returns, in its order, unexplained: for callers that keep only the
    scores (a file screening), as explaining a hit costs as much as finding it."""
    threshold = rules.DEFAULT_THRESHOLD if threshold is None else threshold
    wanted = set(lists) if lists else None
    query_type = query.entity_type or EntityType.UNKNOWN
    readings = readings_for(query.name, query_type)
    # Best name per entry, over the candidate names the index proposes, scored all at once.
    floor = min(rules.MIN_SCORE, threshold)
    best = _best_names(readings, index, wanted, floor)
    # An exact identifier finds its entry even when the name is written another way.
    by_identifier = {p for value in query.identifiers for p in index.entries_with_identifier(value)}
    for position in sorted(by_identifier - set(best)):
        if wanted is None or index.entries[position].source in wanted:
            found = _best_name(readings, index, position)
            best[position] = (found[0].score, found[1])
    scored = []
    for position, (name_score, name_id) in best.items():
        others = _evidence(query, query_type, index, position)
        if _is_weak(index, name_id) and not corroborated(others):
            # A weak alias ("VLADIMIR") counts only with a date of birth or an identifier that
            # agrees; without one the entry is scored on its other names.
            found = _best_name(readings, index, position, strong_only=True)
            name_score, name_id = found[0].score, found[1]
        name = rules.NAME_WEIGHT * name_score
        score = total_score(name, others)
        if score >= floor:
            scored.append((-score, index.entries[position].source, position, name_id, others))
    scored.sort(key=lambda item: (item[0], item[1], index.entries[item[2]].source_id))
    return [
        RankedEntry(position, name_id, -negative, -negative >= threshold, others)
        for negative, _, position, name_id, others in scored[:limit]
    ]


def warm_up_matching() -> None:
    """Load (or, on a machine's first run, compile) the compiled scorers: a few seconds the first
    time, which a worker spends as it starts rather than on a user's first screening."""
    entry = ListEntry(
        source="warm-up",
        source_id="1",
        entity_type=EntityType.PERSON,
        names=[EntryName(name="Warm Up")],
    )
    match(ScreeningQuery(name="Warm Upp"), ScreeningIndex.build([entry]))


def score_entries(
    query: ScreeningQuery, index: ScreeningIndex, positions: Sequence[int]
) -> list[float]:
    """Scores of the entries at `positions`, every name of each compared (`match` compares only
    the names the index proposes, so its score for an entry is never higher).

    For re-scoring known candidates (a party's earlier hits after a list update) without
    retrieval, and for measuring the scorer on its own.
    """
    query_type = query.entity_type or EntityType.UNKNOWN
    readings = readings_for(query.name, query_type)
    name_ids = [name_id for position in positions for name_id in index.entry_names(position)]
    # Per entry, the best score of its strong names and of all its names: a weak alias counts
    # only where a date of birth or an identifier agrees.
    strong: dict[int, float] = {}
    any_name: dict[int, float] = {}
    if name_ids and readings:
        rows, owners = index.reading_rows(name_ids)
        scores = best_scores(readings, index.table, rows, None)
        for score, name_id in zip(scores.tolist(), owners.tolist(), strict=True):
            entry = index.names[name_id].entry
            any_name[entry] = max(score, any_name.get(entry, 0.0))
            if not _is_weak(index, name_id):
                strong[entry] = max(score, strong.get(entry, 0.0))
    totals = []
    for position in positions:
        others = _evidence(query, query_type, index, position)
        name = (any_name if corroborated(others) else strong).get(position, 0.0)
        totals.append(total_score(rules.NAME_WEIGHT * name, others))
    return totals


def _best_names(
    readings: Sequence[Reading], index: ScreeningIndex, wanted: set[str] | None, floor: float
) -> dict[int, tuple[float, int]]:
    """Per entry that may reach `floor`, the best candidate name similarity and its name."""
    if not readings:
        return {}
    # A list filter drops candidates after retrieval, so ask for more of them.
    name_ids = index.candidates(readings, rules.CANDIDATE_LIMIT * (4 if wanted else 1))
    if wanted is not None:
        name_ids = [i for i in name_ids if index.entries[index.names[i].entry].source in wanted]
    if not name_ids:
        return {}
    rows, owners = index.reading_rows(name_ids)
    # Other evidence adds at most MAX_OTHER_EVIDENCE, so weaker names cannot reach the floor
    # and need no exact score.
    name_floor = (floor - rules.MAX_OTHER_EVIDENCE) / rules.NAME_WEIGHT
    scores = best_scores(readings, index.table, rows, name_floor)
    # The best row of each entry, the first among equals; the test of each is the floor itself,
    # the margin only spares looking at rows plainly below it.
    best: dict[int, tuple[float, int]] = {}
    for row in np.flatnonzero(scores >= name_floor - 1e-6).tolist():
        name_id = int(owners[row])
        entry, score = int(index.name_entry[name_id]), float(scores[row])
        if rules.NAME_WEIGHT * score + rules.MAX_OTHER_EVIDENCE >= floor and (
            entry not in best or score > best[entry][0]
        ):
            best[entry] = (score, name_id)
    return dict(sorted(best.items()))


def _evidence(
    query: ScreeningQuery, query_type: EntityType, index: ScreeningIndex, position: int
) -> dict[str, Evidence]:
    """The features other than the name that both sides give."""
    entry, facts = index.entries[position], index.facts[position]
    found = {
        "dob": dob_feature(query.dob, entry.birth_dates) if query.dob else None,
        "country": country_feature(query.country, facts.countries) if query.country else None,
        "identifier": identifier_feature(query.identifiers, facts.identifiers),
        "entity_type": entity_type_feature(query_type, entry.entity_type),
    }
    return {key: feature for key, feature in found.items() if feature is not None}


def _explain_name(readings: Sequence[Reading], index: ScreeningIndex, name_id: int) -> NameMatch:
    """The reference comparison of the query with one listed name, token pairs included."""
    listed = index.names[name_id].readings
    found = best_match(tuple(readings), listed)
    if found is None:  # a query of punctuation only, found by its identifier
        return NameMatch(0.0, Reading(()), listed[0], ())
    return found


def _best_name(
    readings: Sequence[Reading], index: ScreeningIndex, position: int, *, strong_only: bool = False
) -> tuple[NameMatch, int]:
    """The entry's name closest to the query, for an entry found by identifier alone, or (with
    ``strong_only``) among its names other than the publisher's weak aliases."""
    scored = [
        (_explain_name(readings, index, name_id), name_id)
        for name_id in index.entry_names(position)
        if not (strong_only and _is_weak(index, name_id))
    ]
    if not scored:  # an entry named only by weak aliases: nothing to compare without evidence
        first = index.entry_names(position)[0]
        return NameMatch(0.0, Reading(()), index.names[first].readings[0], ()), first
    return max(scored, key=lambda pair: pair[0].score)


def _is_weak(index: ScreeningIndex, name_id: int) -> bool:
    return index.names[name_id].name.kind is NameKind.WEAK_AKA


def corroborated(others: dict[str, Evidence]) -> bool:
    """A date of birth or an identifier that agrees: what lets a weak alias count."""
    return any(
        key in ("dob", "identifier") and found.contribution > 0 for key, found in others.items()
    )


def _hit(
    query: ScreeningQuery,
    index: ScreeningIndex,
    position: int,
    name_id: int,
    others: dict[str, Evidence],
    score: float,
    threshold: float,
) -> Hit:
    entry = index.entries[position]
    listed = index.names[name_id].name
    name_match = _explain_name(
        readings_for(query.name, query.entity_type or EntityType.UNKNOWN), index, name_id
    )
    pairs = "; ".join(f"'{q}' ~ '{t}' {s:.2f}" for q, t, s in name_match.pairs) or "no tokens"
    name = FeatureScore.model_construct(
        value=round(name_match.score, 4),
        contribution=round(rules.NAME_WEIGHT * name_match.score, 4),
        detail=f"'{query.name}' against the {listed.kind.value} name '{listed.name}': {pairs}",
    )
    alert = score >= threshold
    reasons = [f"name similarity {name_match.score:.2f} ({name.contribution:+.2f})"]
    if listed.kind is NameKind.WEAK_AKA:
        reasons.append("a weak alias, counted because the date of birth or an identifier agrees")
    reasons += [f"{f.detail} ({f.contribution:+.2f})" for f in others.values()]
    verdict = "at or above" if alert else "below"
    explanation = (
        f"'{query.name}' resembles the {listed.kind.value} name '{listed.name}' of "
        f"{entry.source} entry {entry.source_id}: {'; '.join(reasons)}; score {score:.2f}, "
        f"{verdict} the alert threshold {threshold:.2f}."
    )
    return Hit.model_construct(  # built from the index's own data: no validation needed
        entry_id=f"{entry.source}:{entry.source_id}",
        list=entry.source,
        snapshot=index.snapshots.get(entry.source),
        name=entry.primary_name,
        matched_name=listed.name,
        score=score,
        alert=alert,
        features={"name": name, **{key: found.feature() for key, found in others.items()}},
        explanation=explanation,
    )
