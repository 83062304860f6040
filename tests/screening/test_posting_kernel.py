"""The compiled candidate ranking against a plain reading of what it should return."""

from __future__ import annotations

import numpy as np
import pytest

from nonpro.screening import posting_kernel


def _expected(
    keys: np.ndarray,
    idf: np.ndarray,
    postings: list[list[int]],
    key_norm: np.ndarray,
    members: list[list[int]],
    limit: int,
    floor: float,
) -> list[int]:
    totals: dict[int, float] = {}
    for key in keys.tolist():
        if idf[key] > 0:
            for group in postings[key]:
                totals[group] = totals.get(group, 0.0) + idf[key]
    ranked = {group: total * key_norm[group] for group, total in totals.items()}
    if not ranked:
        return []
    best = max(ranked.values())
    names = [
        (-rank, name)
        for group, rank in ranked.items()
        if rank >= best * floor
        for name in members[group]
    ]
    return [name for _, name in sorted(names)[:limit]]


@pytest.mark.parametrize("seed", range(40))
def test_ranked_names_are_the_best_by_shared_weight_ties_to_the_lower_id(seed: int) -> None:
    rng = np.random.default_rng(seed)
    groups, key_count = int(rng.integers(1, 30)), int(rng.integers(1, 20))
    # Names of each group, ascending; a name belongs to one group.
    order = rng.permutation(groups * 3)
    members = [
        sorted(order[3 * g : 3 * g + int(rng.integers(1, 4))].tolist()) for g in range(groups)
    ]
    postings = [
        sorted(rng.choice(groups, size=int(rng.integers(0, groups + 1)), replace=False).tolist())
        for _ in range(key_count)
    ]
    # Few distinct weights and norms, so that ties happen.
    idf = rng.choice([0.0, 0.5, 1.0, 2.0], size=key_count)
    key_norm = rng.choice([0.5, 1.0], size=groups)
    keys = rng.choice(key_count, size=int(rng.integers(0, key_count + 1)), replace=False)
    limit = int(rng.integers(1, 12))
    offsets = np.zeros(key_count + 1, dtype=np.int64)
    np.cumsum([len(p) for p in postings], out=offsets[1:])
    flat = np.array([g for p in postings for g in p], dtype=np.int32)
    first_member = np.zeros(groups + 1, dtype=np.int64)
    np.cumsum([len(m) for m in members], out=first_member[1:])
    group_names = np.array([n for m in members for n in m], dtype=np.int64)
    totals, touched = posting_kernel.scratch(groups)
    found = posting_kernel.rank_names(
        keys.astype(np.int64),
        idf,
        offsets,
        flat,
        key_norm,
        first_member,
        group_names,
        limit,
        0.25,
        totals,
        touched,
    )
    assert found.tolist() == _expected(keys, idf, postings, key_norm, members, limit, 0.25)
    assert not totals.any()  # left zero for the next query of this thread
