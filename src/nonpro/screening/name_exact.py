"""Exact name scores of a few candidate rows, one by one, equal to the array computation's.

`name_batch._exact_scores` scores many rows with array operations whose fixed cost dominates
when only a handful of rows need a score. This module computes the same numbers in plain
Python: the same greedy pairing (best pair first, ties to the first query token, then the first
listed token), the same additions in the same order, and sums taken the way numpy takes them
(`numpy_sum`). Powers come from numpy, which rounds some of them differently from Python's `**`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nonpro.screening import rules
from nonpro.screening.normalize import Reading
from nonpro.screening.reading_table import ReadingTable

_PAIRWISE_BLOCK = 128  # numpy's PW_BLOCKSIZE: longer runs are split in two


def numpy_sum(values: Sequence[float]) -> float:
    """`numpy.add.reduce` of `values` along a contiguous axis, to the last bit.

    numpy adds fewer than 8 numbers one after the other, and longer runs in 8 interleaved
    partial sums (pairwise summation), which rounds differently from a plain loop.
    """
    n = len(values)
    if n < 8:
        total = 0.0
        for value in values:
            total += value
        return total
    if n <= _PAIRWISE_BLOCK:
        partial = list(values[:8])
        end = n - n % 8
        for start in range(8, end, 8):
            for k in range(8):
                partial[k] += values[start + k]
        total = ((partial[0] + partial[1]) + (partial[2] + partial[3])) + (
            (partial[4] + partial[5]) + (partial[6] + partial[7])
        )
        for value in values[end:]:
            total += value
        return total
    half = n // 2
    half -= half % 8
    return numpy_sum(values[:half]) + numpy_sum(values[half:])


def exact_row_scores(
    query: Reading,
    table: ReadingTable,
    rows: np.ndarray,
    sims: np.ndarray,
    width: int,
    joined: np.ndarray,
) -> list[float]:
    """The scores of `rows`, as `name_batch._exact_scores` computes them for the same `sims`
    (rows, query tokens, listed tokens; floored) padded to the same `width`."""
    n = len(query.tokens)
    q_weights, q_forms = query.weights, query.forms
    q_total = numpy_sum(q_weights)
    depth = min(n, width)
    powers = (sims**rules.TOKEN_SIMILARITY_POWER).tolist()
    several = n > 1
    scores = []
    for row, row_sims, row_powers, joined_power in zip(
        rows.tolist(), sims.tolist(), powers, joined.tolist(), strict=True
    ):
        listed = table.readings[row]
        length = len(listed.tokens)
        l_weights = [*listed.weights, *[0.0] * (width - length)]
        pairs = sorted(
            (-value, i, j)
            for i, line in enumerate(row_sims)
            for j, value in enumerate(line)
            if value > 0.0
        )
        assigned = [-1] * n
        l_used = [False] * width
        for _, i, j in pairs:
            if assigned[i] < 0 and not l_used[j]:
                assigned[i], l_used[j] = j, True
        pair_weights = [
            min(q_weights[i], l_weights[j]) if j >= 0 else 0.0 for i, j in enumerate(assigned)
        ]
        matched = numpy_sum(
            [
                weight * row_powers[i][j] if j >= 0 else 0.0
                for i, (j, weight) in enumerate(zip(assigned, pair_weights, strict=True))
            ]
        )
        matched_weight = numpy_sum(pair_weights)
        q_left = sorted(
            (q_weights[i] if j < 0 and not q_forms[i] else 0.0 for i, j in enumerate(assigned)),
            reverse=True,
        )
        l_left = sorted(
            (
                weight if j >= length or (not l_used[j] and not listed.forms[j]) else 0.0
                for j, weight in enumerate(l_weights)
            ),
            reverse=True,
        )
        conflicts = numpy_sum([min(q_left[k], l_left[k]) for k in range(depth)])
        q_omitted = q_total - matched_weight - conflicts
        l_omitted = numpy_sum(l_weights) - matched_weight - conflicts
        score = rules.name_score(matched, matched_weight, conflicts, q_omitted, l_omitted)
        if _crossed(assigned) and not (
            listed.surname_last and assigned[0] == length - 1 and not _crossed(assigned[1:])
        ):
            score *= rules.ORDER_PENALTY
        if several or length > 1:
            score = max(score, joined_power)
        scores.append(score)
    return scores


def _crossed(assigned: list[int]) -> bool:
    """Whether the paired listed tokens, taken in query order, ever go back."""
    furthest = -1
    for j in assigned:
        if 0 <= j < furthest:
            return True
        furthest = max(furthest, j)
    return False
