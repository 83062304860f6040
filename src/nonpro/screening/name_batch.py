"""Name similarity of one query against many listed readings at once.

The same measure as `similarity.compare_readings`, computed with array operations for all
candidates of a query: token similarities come from one `rapidfuzz.process.cdist` call per
scorer, and the greedy pairing runs one round per query token across every candidate together.
`compare_readings` remains the reference (tests hold them equal) and explains the hits kept.

Screening needs exact scores only for the candidates that may reach the lowest score it returns,
usually one or two of forty, so `score_rows_reaching` first bounds every candidate's score from
above with a few array operations and scores only those whose bound reaches the floor. Those
few are scored one by one in Python (`exact_row_scores`), which for a handful of rows is cheaper
than the fixed cost of the array operations; the arithmetic is numpy's, in numpy's order (see
`numpy_sum`), so a row gets the same score to the last bit either way.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from nonpro.screening import rules
from nonpro.screening.name_exact import exact_row_scores, numpy_sum
from nonpro.screening.normalize import Reading, skeleton, skeleton_variants
from nonpro.screening.reading_table import ReadingTable, token_matrix
from nonpro.screening.similarity import compare_readings

__all__ = ["best_scores", "numpy_sum", "score_rows", "score_rows_reaching"]

_POWER = rules.TOKEN_SIMILARITY_POWER
# Below this many rows to score exactly, one by one in Python beats the arrays' fixed cost.
_FEW_ROWS = 8
# A bound is computed in another order than the score it bounds: a row is skipped only when its
# bound is below the floor by more than any rounding.
_BOUND_MARGIN = 1e-9


def score_rows(query: Reading, table: ReadingTable, rows: np.ndarray) -> np.ndarray:
    """`compare_readings(query, reading).score` for each listed reading in `rows`."""
    if query.abjad or len(rows) == 0:
        return np.array([compare_readings(query, table.readings[r]).score for r in rows])
    sims, width = _pair_sims(query, table, rows)
    return _exact_scores(
        query, table, rows, _by_row(sims), width, _joined_powers(query, table, rows)
    )


def score_rows_reaching(
    query: Reading, table: ReadingTable, rows: np.ndarray, floor: float
) -> np.ndarray:
    """`score_rows`, except that rows whose score is certainly below `floor` get -1.0."""
    count = len(rows)
    scores = np.zeros(count)
    scores.fill(-1.0)  # np.full costs several times more at this size, and this runs per query
    if count == 0:
        return scores
    sims, width = _pair_sims(query, table, rows)
    joined = _joined_powers(query, table, rows)
    bounds = _upper_bounds(query, table, rows, sims, width, joined)
    keep = (bounds >= floor - _BOUND_MARGIN).nonzero()[0]
    if len(keep) == 0:
        return scores
    if query.abjad:
        # The reference comparison is the abjad scorer (its arithmetic is Python's).
        found: list[float] | np.ndarray = [
            compare_readings(query, table.readings[r]).score for r in rows.take(keep)
        ]
    else:
        kept = (rows.take(keep), _by_row(sims.take(keep, axis=2)), width, joined.take(keep))
        few = len(keep) <= _FEW_ROWS
        found = exact_row_scores(query, table, *kept) if few else _exact_scores(query, table, *kept)
    scores.put(keep, found)
    return scores


def _pair_sims(query: Reading, table: ReadingTable, rows: np.ndarray) -> tuple[np.ndarray, int]:
    """Token similarities (floored) as (query tokens, listed tokens, rows), and that width.

    Rows last, so that the reductions over tokens run along long contiguous lines.
    """
    width = max(int(table.lengths.take(rows).max()), 1)
    # Only the first `width` columns, so that a row is one memory read, not the table's width
    # (`take` would copy the whole table's view first).
    slots = table.token_ids[rows, :width].T.ravel()
    # Every token slot, repeats and padding (-1, scoring 0) included: finding the distinct
    # tokens first saves rapidfuzz less than it costs at this size (measured).
    matrix = token_matrix(query, table, slots)
    return matrix.reshape(len(query.tokens), width, len(rows)), width


def _by_row(sims: np.ndarray) -> np.ndarray:
    """(query tokens, listed tokens, rows) as (rows, query tokens, listed tokens), contiguous."""
    return np.ascontiguousarray(sims.transpose(2, 0, 1))


def _joined_powers(query: Reading, table: ReadingTable, rows: np.ndarray) -> np.ndarray:
    """Similarity of the names with their spaces removed, to TOKEN_SIMILARITY_POWER.

    Exact for Latin queries; for abjad ones an approximation for the bound only (the reference
    comparison rounds its power differently), as their exact scores come from
    `compare_readings`.
    """
    if query.abjad:
        variants = skeleton_variants("".join(query.tokens))
        skeletons = [skeleton(table.joined[r]) for r in rows.tolist()]
        found = cdist(variants, skeletons, scorer=Indel.normalized_similarity, dtype=np.float64)
        return np.asarray((found.max(axis=0) * rules.SKELETON_SIMILARITY) ** _POWER)
    joined = cdist(
        ["".join(query.tokens)],
        table.joined_array.take(rows),
        scorer=Indel.normalized_similarity,
        dtype=np.float64,
    )[0]
    return np.asarray(joined**_POWER)


def _upper_bounds(
    query: Reading,
    table: ReadingTable,
    rows: np.ndarray,
    sims: np.ndarray,
    width: int,
    joined: np.ndarray,
) -> np.ndarray:
    """Per row, a number at least its score, from the pairs each token could make at best.

    The score is N / (M + c*C + q*(Q - M - C) + l*(L - M - C)): N the matched similarity, M the
    matched weight (N <= M, as similarities are at most 1), C the conflicts, Q and L the query's
    and the listed reading's weight. That is N / ((1 - q - l)*M + (c - q - l)*C + q*Q + l*L),
    which grows as N grows and falls as M and C grow. So it is at most B / ((1 - q - l)*B +
    (c - q - l)*C0 + q*Q + l*L), where B is the matched similarity if every query token met its
    best listed token and C0 a lower bound of C: the heavier of the lightest pair of tokens that
    cannot pair at all, one from each side (they are left over whatever the pairing).
    """
    omitted = rules.QUERY_OMISSION_WEIGHT + rules.LISTED_OMISSION_WEIGHT
    matched_coefficient = 1.0 - omitted
    conflict_coefficient = rules.CONFLICT_WEIGHT - omitted
    if matched_coefficient < 0 or conflict_coefficient < 0 or rules.ORDER_PENALTY > 1:
        return np.ones(len(rows))  # weights for which the bound does not hold: score every row
    q_weights = np.array(query.weights)[:, None]
    q_free = np.array(
        [0.0 if form else w for w, form in zip(query.weights, query.forms, strict=True)]
    )
    best_query = sims.max(axis=1)  # (query tokens, rows)
    best_listed = sims.max(axis=0)  # (listed tokens, rows)
    matched = (q_weights * best_query**_POWER).sum(axis=0)
    q_lost = (q_free[:, None] * (best_query == 0)).max(axis=0)
    l_free = table.free_weights[rows, :width].T
    l_lost = (l_free * (best_listed == 0)).max(axis=0)
    rest = (
        rules.QUERY_OMISSION_WEIGHT * float(sum(query.weights))
        + rules.LISTED_OMISSION_WEIGHT * table.weight_totals.take(rows)
        + conflict_coefficient * np.minimum(q_lost, l_lost)
    )
    bounds = matched / (matched_coefficient * matched + rest)
    if len(query.tokens) > 1:  # every row is compared without spaces too
        return np.asarray(np.maximum(bounds, joined))
    return np.asarray(np.where(table.lengths.take(rows) > 1, np.maximum(bounds, joined), bounds))


def _exact_scores(
    query: Reading,
    table: ReadingTable,
    rows: np.ndarray,
    sims: np.ndarray,
    width: int,
    joined: np.ndarray,
) -> np.ndarray:
    """The scores of `rows` from their token similarities (rows, query tokens, listed tokens),
    all rows together; consumes `sims`."""
    count, n = len(rows), len(query.tokens)
    assigned = np.full((count, n), -1)
    best = np.zeros((count, n))
    everyone = np.arange(count)
    for _ in range(min(n, width)):
        flat = sims.reshape(count, n * width)
        pick = flat.argmax(axis=1)
        value = flat[everyone, pick]
        active = value > 0
        if not active.any():
            break
        who, i, j = everyone[active], pick[active] // width, pick[active] % width
        assigned[who, i], best[who, i] = j, value[active]
        sims[who, i, :] = 0.0
        sims[who, :, j] = 0.0
    q_weights = np.array(query.weights)
    q_forms = np.array(query.forms)
    matched_q = assigned >= 0
    l_weights = table.weights[rows, :width]
    paired = np.take_along_axis(l_weights, np.maximum(assigned, 0), axis=1)
    pair_weights = np.where(matched_q, np.minimum(q_weights[None, :], paired), 0.0)
    matched = (pair_weights * best**_POWER).sum(axis=1)
    matched_weight = pair_weights.sum(axis=1)
    l_used = np.zeros((count, width), dtype=bool)
    who, i = np.nonzero(matched_q)
    l_used[who, assigned[who, i]] = True
    q_left = -np.sort(-(q_weights * (~matched_q & ~q_forms)), axis=1)
    l_left = -np.sort(-(l_weights * (~l_used & ~table.forms[rows, :width])), axis=1)
    depth = min(n, width)
    conflicts = np.minimum(q_left[:, :depth], l_left[:, :depth]).sum(axis=1)
    q_omitted = q_weights.sum() - matched_weight - conflicts
    l_omitted = l_weights.sum(axis=1) - matched_weight - conflicts
    denominator = (
        matched_weight
        + rules.CONFLICT_WEIGHT * conflicts
        + rules.QUERY_OMISSION_WEIGHT * q_omitted
        + rules.LISTED_OMISSION_WEIGHT * l_omitted
    )
    score = np.divide(matched, denominator, out=np.zeros(count), where=denominator > 0)
    running = np.maximum.accumulate(assigned, axis=1)
    crossed = (matched_q[:, 1:] & (assigned[:, 1:] < running[:, :-1])).any(axis=1)
    if n > 1 and crossed.any():
        rest = assigned[:, 1:]
        rest_running = np.maximum.accumulate(rest, axis=1)
        rest_crossed = (matched_q[:, 2:] & (rest[:, 1:] < rest_running[:, :-1])).any(axis=1)
        surname_first = (
            table.surname_last[rows] & (assigned[:, 0] == table.lengths[rows] - 1) & ~rest_crossed
        )
        crossed &= ~surname_first
    score = np.where(crossed, score * rules.ORDER_PENALTY, score)
    several = (n > 1) | (table.lengths[rows] > 1)
    return np.asarray(np.where(several, np.maximum(score, joined), score))


def best_scores(
    readings: Sequence[Reading], table: ReadingTable, rows: np.ndarray, floor: float | None
) -> np.ndarray:
    """Per row, its best score over the query's readings; with a `floor`, rows certainly below
    it get -1.0 rather than their score."""
    scores: np.ndarray | None = None
    for reading in readings:
        found = (
            score_rows(reading, table, rows)
            if floor is None
            else score_rows_reaching(reading, table, rows, floor)
        )
        scores = found if scores is None else np.maximum(scores, found)
    return np.zeros(len(rows)) if scores is None else scores
