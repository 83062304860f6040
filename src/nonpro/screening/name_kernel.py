"""The name similarity of one Latin query reading against many listed readings, compiled.

`similarity.compare_readings` is the reference: the same token rules (equal, initial, edit
similarity, digits, prefix, sound), the same greedy pairing (best pair first, ties to the first
query token, then the first listed token), the same additions in the same order, so the scores
are those of the reference. Compiled with numba (machine code cached on disk after the first
run), because a query compares a few dozen readings and numpy's cost per call, not the
arithmetic, is what a query spent its time on. The compiled code releases the GIL, so the
server's request threads score in parallel.

Edit similarity is rapidfuzz's `Indel.normalized_similarity`: 1 - (n + m - 2 * LCS) / (n + m),
the longest common subsequence counted bit-parallel (Hyyrö) for a query side of up to 64
characters, by dynamic programming beyond.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from numba import njit

from nonpro.screening import rules
from nonpro.screening.reading_table import DIGITS

# Positions in the `params` array, so that the compiled code reads the documented constants of
# `rules` at call time rather than freezing them into its cache.
FLOOR, POWER, INITIAL, PREFIX, PHONETIC, CONFLICT, QUERY_OMISSION, LISTED_OMISSION, ORDER = range(9)
# Columns of a query's token rows.
TOKEN_ID, KEY, FLAGS, FORM = range(4)
_ASCII = 128
_ALL = np.uint64(0xFFFFFFFFFFFFFFFF)
_ONE = np.uint64(1)
_ZERO = np.uint64(0)


@cache
def params() -> np.ndarray:
    """The constants of `rules` the kernel uses, in its order (read-only)."""
    constants = np.array(
        [
            rules.TOKEN_MATCH_FLOOR,
            rules.TOKEN_SIMILARITY_POWER,
            rules.INITIAL_SIMILARITY,
            rules.PREFIX_SIMILARITY,
            rules.PHONETIC_SIMILARITY,
            rules.CONFLICT_WEIGHT,
            rules.QUERY_OMISSION_WEIGHT,
            rules.LISTED_OMISSION_WEIGHT,
            rules.ORDER_PENALTY,
        ],
        dtype=np.float64,
    )
    constants.flags.writeable = False
    return constants


@njit(cache=True, nogil=True)
def pattern_masks(codes: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Per string `k` (codes[starts[k]:starts[k + 1]]), the bit mask of each ASCII character's
    positions in it (its first 64 characters): the pattern table of the bit-parallel LCS."""
    count = len(starts) - 1
    masks = np.zeros((count, _ASCII), dtype=np.uint64)
    for k in range(count):
        start = starts[k]
        for position in range(min(starts[k + 1] - start, 64)):
            code = codes[start + position]
            if code < _ASCII:
                masks[k, code] |= _ONE << np.uint64(position)
    return masks


@njit(cache=True, nogil=True, inline="always")
def _lcs(
    masks: np.ndarray,
    q_codes: np.ndarray,
    q_start: int,
    q_len: int,
    t_codes: np.ndarray,
    t_start: int,
    t_len: int,
) -> int:
    """Length of the longest common subsequence of the query string and the listed one."""
    if q_len <= 64:
        state = _ALL
        for position in range(t_len):
            code = t_codes[t_start + position]
            if code < _ASCII:
                match = masks[code]
            else:
                match = _ZERO
                for k in range(q_len):
                    if q_codes[q_start + k] == code:
                        match |= _ONE << np.uint64(k)
            common = state & match
            state = (state + common) | (state - common)
        left = ~state
        if q_len < 64:
            left &= (_ONE << np.uint64(q_len)) - _ONE
        count = 0
        while left:
            left &= left - _ONE
            count += 1
        return count
    row = np.zeros(t_len + 1, dtype=np.int64)
    for a in range(q_len):
        diagonal = 0
        code = q_codes[q_start + a]
        for b in range(1, t_len + 1):
            above = row[b]
            if code == t_codes[t_start + b - 1]:
                row[b] = diagonal + 1
            elif row[b - 1] > above:
                row[b] = row[b - 1]
            diagonal = above
    return int(row[t_len])


@njit(cache=True, nogil=True, inline="always")
def _indel(
    masks: np.ndarray,
    q_codes: np.ndarray,
    q_start: int,
    q_len: int,
    t_codes: np.ndarray,
    t_start: int,
    t_len: int,
) -> float:
    total = q_len + t_len
    if total == 0:
        return 1.0
    common = _lcs(masks, q_codes, q_start, q_len, t_codes, t_start, t_len)
    return 1.0 - (total - 2 * common) / total


@njit(cache=True, nogil=True, inline="always")
def _token_similarity(
    q: int,
    t: int,
    masks: np.ndarray,
    q_codes: np.ndarray,
    q_starts: np.ndarray,
    q_tokens: np.ndarray,
    t_codes: np.ndarray,
    t_starts: np.ndarray,
    t_keys: np.ndarray,
    t_flags: np.ndarray,
    params: np.ndarray,
) -> float:
    """`similarity.token_similarity` of query token `q` and listed token id `t` (Latin)."""
    if q_tokens[q, TOKEN_ID] == t:
        return 1.0
    q_start, t_start = q_starts[q], t_starts[t]
    q_len, t_len = q_starts[q + 1] - q_start, t_starts[t + 1] - t_start
    if q_len == 1 or t_len == 1:
        return params[INITIAL] if q_codes[q_start] == t_codes[t_start] else 0.0
    sim = _indel(masks[q], q_codes, q_start, q_len, t_codes, t_start, t_len)
    if (q_tokens[q, FLAGS] & DIGITS) or (t_flags[t] & DIGITS):
        return 0.0
    if q_len >= 3 and t_len >= 3:
        shorter, prefix = min(q_len, t_len), True
        for k in range(shorter):
            if q_codes[q_start + k] != t_codes[t_start + k]:
                prefix = False
                break
        if prefix:
            sim = max(sim, params[PREFIX])
    if q_tokens[q, KEY] == t_keys[t]:
        sim = max(sim, (sim + params[PHONETIC]) / 2)
    return sim


@njit(cache=True, nogil=True)
def latin_scores(  # noqa: C901 - one compiled loop nest: helpers outside it cost a call per pair
    rows: np.ndarray,
    q_codes: np.ndarray,
    q_starts: np.ndarray,
    q_tokens: np.ndarray,
    q_weights: np.ndarray,
    t_codes: np.ndarray,
    t_starts: np.ndarray,
    t_keys: np.ndarray,
    t_flags: np.ndarray,
    token_ids: np.ndarray,
    weights: np.ndarray,
    forms: np.ndarray,
    lengths: np.ndarray,
    surname_last: np.ndarray,
    j_codes: np.ndarray,
    j_starts: np.ndarray,
    params: np.ndarray,
) -> np.ndarray:
    """`compare_readings(query, table.readings[row]).score` for each of `rows`.

    The query's tokens are `q_codes[q_starts[i]:q_starts[i + 1]]` for i < n, and its tokens
    joined without spaces the last string; `q_tokens` has a row per token: its id in the table
    (-3 where the table lacks the token), its sound's id (-1 where no listed token has it), its
    flags (DIGITS) and whether it is a legal form.
    """
    n = len(q_weights)
    masks = pattern_masks(q_codes, q_starts)
    q_total = 0.0
    for i in range(n):
        q_total += q_weights[i]
    j_start, j_len = q_starts[n], q_starts[n + 1] - q_starts[n]
    width = token_ids.shape[1]
    sims = np.zeros((n, width))
    q_match = np.empty(n, dtype=np.int64)
    l_used = np.empty(width, dtype=np.bool_)
    q_left = np.empty(n)
    l_left = np.empty(width)
    floor, power = params[FLOOR], params[POWER]
    scores = np.empty(len(rows))
    for r in range(len(rows)):
        row = rows[r]
        length = lengths[row]
        same = length == n
        for j in range(length if same else 0):
            if token_ids[row, j] != q_tokens[j, TOKEN_ID]:
                same = False
                break
        if same:
            scores[r] = 1.0
            continue
        for i in range(n):
            q_match[i] = -1
            for j in range(length):
                sim = _token_similarity(
                    i,
                    token_ids[row, j],
                    masks,
                    q_codes,
                    q_starts,
                    q_tokens,
                    t_codes,
                    t_starts,
                    t_keys,
                    t_flags,
                    params,
                )
                sims[i, j] = sim if sim >= floor else 0.0
        for j in range(length):
            l_used[j] = False
        matched = matched_weight = 0.0
        while True:  # the best free pair, the first among equals
            best, bi, bj = 0.0, -1, -1
            for i in range(n):
                if q_match[i] < 0:
                    for j in range(length):
                        if not l_used[j] and sims[i, j] > best:
                            best, bi, bj = sims[i, j], i, j
            if bi < 0:
                break
            q_match[bi], l_used[bj] = bj, True
            weight = min(q_weights[bi], weights[row, bj])
            matched += weight * best**power
            matched_weight += weight
        conflicts = _conflicts(
            q_match, q_weights, q_tokens, q_left, l_used, weights[row], forms[row], length, l_left
        )
        l_total = 0.0
        for j in range(length):
            l_total += weights[row, j]
        q_omitted = q_total - matched_weight - conflicts
        l_omitted = l_total - matched_weight - conflicts
        denominator = (
            matched_weight
            + params[CONFLICT] * conflicts
            + params[QUERY_OMISSION] * q_omitted
            + params[LISTED_OMISSION] * l_omitted
        )
        score = matched / denominator if denominator > 0 else 0.0
        if _crossed(q_match, 0) and not (
            surname_last[row] and q_match[0] == length - 1 and not _crossed(q_match, 1)
        ):
            score *= params[ORDER]
        if n > 1 or length > 1:
            start = j_starts[row]
            joined = (
                _indel(masks[n], q_codes, j_start, j_len, j_codes, start, j_starts[row + 1] - start)
                ** power
            )
            if joined > score:
                score = joined
        scores[r] = score
    return scores


@njit(cache=True, nogil=True, inline="always")
def _conflicts(
    q_match: np.ndarray,
    q_weights: np.ndarray,
    q_tokens: np.ndarray,
    q_left: np.ndarray,
    l_used: np.ndarray,
    l_weights: np.ndarray,
    l_forms: np.ndarray,
    length: int,
    l_left: np.ndarray,
) -> float:
    """Sum of the pairwise minima of both sides' left-over weights, heaviest first (legal
    forms left over are omissions, never conflicts)."""
    q_count = 0
    for i in range(len(q_match)):
        if q_match[i] < 0 and not q_tokens[i, FORM]:
            q_left[q_count] = q_weights[i]
            q_count += 1
    l_count = 0
    for j in range(length):
        if not l_used[j] and not l_forms[j]:
            l_left[l_count] = l_weights[j]
            l_count += 1
    if q_count == 0 or l_count == 0:
        return 0.0
    _sort_descending(q_left, q_count)
    _sort_descending(l_left, l_count)
    total = 0.0
    for k in range(min(q_count, l_count)):
        total += min(q_left[k], l_left[k])
    return total


@njit(cache=True, nogil=True, inline="always")
def _sort_descending(values: np.ndarray, count: int) -> None:
    """Insertion sort of values[:count], in place: a few tokens, no allocation."""
    for k in range(1, count):
        value, at = values[k], k
        while at > 0 and values[at - 1] < value:
            values[at] = values[at - 1]
            at -= 1
        values[at] = value


@njit(cache=True, nogil=True, inline="always")
def _crossed(q_match: np.ndarray, first: int) -> bool:
    """Whether the paired listed tokens, in query order from `first`, ever go back."""
    furthest = -1
    for i in range(first, len(q_match)):
        j = q_match[i]
        if 0 <= j < furthest:
            return True
        furthest = max(furthest, j)
    return False
