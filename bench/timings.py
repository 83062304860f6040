"""Two figures the suite used to assert with a stopwatch: how long the whole CSL takes to parse
and how long one range estimate with its trade-off curve takes.

    .venv/bin/python bench/timings.py [--repeat N]

Timed tests fail on a loaded machine and pass on a fast one whatever the code does, so these
figures are printed here instead (the best of N runs, which is the least disturbed by the rest of
the machine).
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

import nonpro.controls.range as range_package
from nonpro.controls.range import estimate_range, load_spec
from nonpro.screening.formats.csl import read_csl

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NONPRO_SHARED_DIR", ROOT.parent / "shared")) / "data"
CSL = SHARED / "lists/csl_2025-02/consolidated.csv.gz"
RANGE_SPEC = Path(range_package.__file__).parent / "data" / "r12.yaml"


def best_of(repeat: int, work: Callable[[], object]) -> float:
    """The shortest of ``repeat`` runs of ``work``, in seconds."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is shown")
    args = parser.parse_args()
    entries = len(read_csl(CSL).entries)
    csl_seconds = best_of(args.repeat, lambda: read_csl(CSL))
    print(f"CSL ({entries:,} entries) parsed in {csl_seconds:.2f} s (best of {args.repeat})")
    spec = load_spec(RANGE_SPEC)
    range_seconds = best_of(args.repeat, lambda: estimate_range(spec))
    print(f"range estimate with its trade-off curve: {range_seconds * 1000:.0f} ms (r12.yaml)")


if __name__ == "__main__":
    main()
