"""The peer measurement, run by bench/screening.py inside bench/.venv-nomenklatura.

Reads a JSON job (name pairs, and screening queries each with the candidate entities nonpro's
index proposed), scores them with nomenklatura's logic-v2 matcher as yente does (query entity
against candidate entity, all names and facts), and prints timings and scores as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from followthemoney import model
from nomenklatura.matching import LogicV2, ScoringConfig

CONFIG = ScoringConfig.defaults()


def entity(data: dict[str, Any], key: str) -> Any:
    proxy = model.make_entity(data["schema"])
    proxy.id = key
    for prop, values in data["props"].items():
        for value in values:
            proxy.add(prop, value, quiet=True)
    return proxy


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        job = json.load(handle)
    # Warm-up: the first comparisons load nomenklatura's name tables; not part of the timing.
    for left, right in job["pairs"][:50]:
        LogicV2.compare(entity(left, "w1"), entity(right, "w2"), CONFIG)
    pair_scores = [
        LogicV2.compare(entity(left, f"l{i}"), entity(right, f"r{i}"), CONFIG).score
        for i, (left, right) in enumerate(job["pairs"])
    ]
    built = [
        (entity(query, f"q{i}"), [entity(c, f"q{i}c{j}") for j, c in enumerate(candidates)])
        for i, (query, candidates) in enumerate(job["screening"])
    ]
    # CPU time, best of two rounds, as for nonpro: the machine may be shared with other work.
    rounds = []
    for _ in range(2):
        compared = 0
        start = time.process_time()
        for query, candidates in built:
            for candidate in candidates:
                LogicV2.compare(query, candidate, CONFIG)
                compared += 1
        rounds.append(time.process_time() - start)
    seconds = min(rounds)
    json.dump({"pair_scores": pair_scores, "seconds": seconds, "compared": compared}, sys.stdout)


if __name__ == "__main__":
    main()
