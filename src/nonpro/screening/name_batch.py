"""Name similarity of one query against many listed readings at once.

The same measure as `similarity.compare_readings`, the reference (tests hold them equal), which
also explains the hits kept. A Latin query is scored by the compiled `name_kernel`, every
candidate exactly. An abjad query (read from a vowel-less script) compares consonant skeletons
and their variants, string work that stays with the reference comparison; screening needs
exact scores only for the candidates that may reach the lowest score it returns, usually a few
of forty, so `score_rows_reaching` first bounds every candidate's score from above with a few
array operations and compares only those whose bound reaches the floor.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from nonpro.screening import rules
from nonpro.screening.normalize import Reading, phonetic_key, skeleton, skeleton_variants
from nonpro.screening.reading_table import DIGITS, ReadingTable, token_matrix
from nonpro.screening.similarity import compare_readings

__all__ = ["best_scores", "score_rows", "score_rows_reaching"]

_POWER = rules.TOKEN_SIMILARITY_POWER
# A bound is computed in another order than the score it bounds: a row is skipped only when its
# bound is below the floor by more than any rounding.
_BOUND_MARGIN = 1e-9


def score_rows(query: Reading, table: ReadingTable, rows: np.ndarray) -> np.ndarray:
    """`compare_readings(query, reading).score` for each listed reading in `rows`."""
    if query.abjad or len(rows) == 0:
        return np.array([compare_readings(query, table.readings[r]).score for r in rows])
    return _latin_scores(query, table, rows)


def score_rows_reaching(
    query: Reading, table: ReadingTable, rows: np.ndarray, floor: float
) -> np.ndarray:
    """`score_rows`, except that rows whose score is certainly below `floor` may get -1.0."""
    if not query.abjad:
        return score_rows(query, table, rows)
    count = len(rows)
    scores = np.zeros(count)
    scores.fill(-1.0)  # np.full costs several times more at this size, and this runs per query
    if count == 0:
        return scores
    sims, width = _pair_sims(query, table, rows)
    joined = _joined_powers(query, table, rows)
    bounds = _upper_bounds(query, table, rows, sims, width, joined)
    keep = (bounds >= floor - _BOUND_MARGIN).nonzero()[0]
    found = [compare_readings(query, table.readings[r]).score for r in rows.take(keep).tolist()]
    scores.put(keep, found)
    return scores


def _latin_scores(query: Reading, table: ReadingTable, rows: np.ndarray) -> np.ndarray:
    # Imported here: numba loads with the first query, not with every command of the CLI.
    from nonpro.screening import name_kernel

    tokens = query.tokens
    joined = "".join(tokens)
    # The tokens end to end are the joined name: its code points twice hold every string.
    codes = np.frombuffer((joined + joined).encode("utf-32-le"), dtype=np.int32).copy()
    starts = np.array([0, *accumulate(map(len, tokens)), 2 * len(joined)], dtype=np.int64)
    known, sounds = table.token_index, table.phonetic_ids
    about = np.array(
        [
            (
                known.get(token, -3),
                sounds.get(phonetic_key(token), -1),
                DIGITS if token.isdigit() else 0,
                form,
            )
            for token, form in zip(tokens, query.forms, strict=True)
        ],
        dtype=np.int64,
    ).reshape(len(tokens), 4)
    return name_kernel.latin_scores(
        np.asarray(rows, dtype=np.int64),
        codes,
        starts,
        about,
        np.array(query.weights, dtype=np.float64),
        table.token_codes,
        table.token_starts,
        table.token_keys,
        table.token_flags,
        table.token_ids,
        table.weights,
        table.forms,
        table.lengths,
        table.surname_last,
        table.joined_codes,
        table.joined_starts,
        name_kernel.params(),
    )


def _pair_sims(query: Reading, table: ReadingTable, rows: np.ndarray) -> tuple[np.ndarray, int]:
    """Token similarities (floored) as (query tokens, listed tokens, rows), and that width.

    Rows last, so that the reductions over tokens run along long contiguous lines.
    """
    width = max(int(table.lengths.take(rows).max()), 1)
    # Only the first `width` columns, so that a row is one memory read, not the table's width
    # (`take` would copy the whole table's view first).
    slots = table.token_ids[rows, :width].T.ravel()
    # Every token slot, repeats and padding (-1, scoring 0) included: `token_similarity`
    # caches each pair, so a repeat costs a lookup.
    matrix = token_matrix(query, table, slots)
    return matrix.reshape(len(query.tokens), width, len(rows)), width


def _joined_powers(query: Reading, table: ReadingTable, rows: np.ndarray) -> np.ndarray:
    """For an abjad query, about the similarity of the names with their spaces removed, to
    TOKEN_SIMILARITY_POWER: an approximation for the bound only (the reference comparison
    rounds its power differently)."""
    variants = skeleton_variants("".join(query.tokens))
    skeletons = [skeleton(table.joined[r]) for r in rows.tolist()]
    found = cdist(variants, skeletons, scorer=Indel.normalized_similarity, dtype=np.float64)
    return np.asarray((found.max(axis=0) * rules.SKELETON_SIMILARITY) ** _POWER)


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
