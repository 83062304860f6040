"""Ranking the listed names that share a query's keys, compiled.

A query's keys carry a few thousand postings; summing their weights per group of names, keeping
the groups near the best and expanding them into names is a handful of loops, which numba
compiles (cached on disk after the first run) instead of a dozen numpy calls whose fixed cost
was most of the time. The compiled code releases the GIL.

The sums go into a per-thread scratch array as long as the index has groups, zero between
calls, so that a query touches only the groups it finds instead of clearing the whole array.
"""

from __future__ import annotations

import threading

import numpy as np
from numba import njit

_scratch = threading.local()


def scratch(size: int) -> tuple[np.ndarray, np.ndarray]:
    """This thread's zeroed sums and touched-group buffers, at least `size` long."""
    totals: np.ndarray | None = getattr(_scratch, "totals", None)
    if totals is None or len(totals) < size:
        _scratch.totals = totals = np.zeros(size)
        _scratch.touched = np.zeros(size, dtype=np.int64)
    touched: np.ndarray = _scratch.touched
    return totals, touched


@njit(cache=True, nogil=True)
def rank_names(
    keys: np.ndarray,
    idf: np.ndarray,
    offsets: np.ndarray,
    postings: np.ndarray,
    key_norm: np.ndarray,
    first_member: np.ndarray,
    group_names: np.ndarray,
    limit: int,
    relative_floor: float,
    totals: np.ndarray,
    touched: np.ndarray,
) -> np.ndarray:
    """Ids of at most `limit` names, best first (ties: lower id first).

    A group's rank is the summed weight (`idf`) of the keys it shares with the query over the
    root of its own key count (`key_norm`), so that among names sharing the query's keys the
    ones with little else (the closest in length) come first. Groups under `relative_floor` of
    the best are not worth scoring. `totals` must be zero and is left zero.
    """
    count = 0
    for key in keys:
        weight = idf[key]
        if weight <= 0.0:
            continue  # too common to say anything
        for at in range(offsets[key], offsets[key + 1]):
            group = postings[at]
            if totals[group] == 0.0:
                touched[count] = group
                count += 1
            totals[group] += weight
    best = 0.0
    for k in range(count):
        group = touched[k]
        totals[group] *= key_norm[group]
        best = max(best, totals[group])
    # The best `limit` names, kept in order (rank down, then name id up) as they come.
    names = np.empty(limit, dtype=np.int64)
    ranks = np.empty(limit)
    filled = 0
    for k in range(count):
        group = touched[k]
        rank = totals[group]
        totals[group] = 0.0
        if rank < best * relative_floor or (filled == limit and rank < ranks[filled - 1]):
            continue
        for member in range(first_member[group], first_member[group + 1]):
            name = group_names[member]
            at = filled
            while at > 0 and (
                ranks[at - 1] < rank or (ranks[at - 1] == rank and names[at - 1] > name)
            ):
                at -= 1
            if at == limit:
                continue
            filled = min(filled + 1, limit)
            for move in range(filled - 1, at, -1):  # make room, the last falling off if full
                names[move], ranks[move] = names[move - 1], ranks[move - 1]
            names[at], ranks[at] = name, rank
    return names[:filled]
