"""Bulk screening benchmark: names/s in-process and on a local Dask cluster of 1 and 2 workers.

    .venv/bin/python bench/bulk.py [--rows N] [--partition-rows N] [--skip-in-process]

Builds a CSV of N parties (default 1,000,000): ordinary names recombined from
matching/negatives_us.csv (first, middle initial, last: mostly unique, so no cache flatters the
figures) and one in ten a listed name from the shared lists, perturbed (a typo, a dropped
token, swapped order, changed case). The index holds every shared list. Each run writes
Parquet through the same code as `nonpro screen-file` (with and without `--scheduler`); the
wall time includes starting the cluster and shipping the index to its workers. The outputs are
checked to be identical. Target: 1M names in at most 10 minutes on a 2-core machine.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from nonpro.batch.dask_runner import DaskExecutor
from nonpro.batch.partitioned import screen_file_partitioned
from nonpro.batch.schemas import BulkSummary, ColumnMapping, Scheduler
from nonpro.batch.services import screen_file
from nonpro.screening.formats.detect import load_path
from nonpro.screening.index import ScreeningIndex
from nonpro.screening.schemas import ListEntry

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NONPRO_SHARED_DIR", ROOT.parent / "shared")) / "data"
MAPPING = ColumnMapping(name="name", country="country")


def load_lists() -> list[ListEntry]:
    entries: list[ListEntry] = []
    for folder in sorted((SHARED / "lists").iterdir()):
        for parsed in load_path(folder):
            entries.extend(parsed.entries)
    return entries


def perturb(name: str, rng: random.Random) -> str:
    tokens = name.split()
    way = rng.randrange(4)
    if way == 0 and len(tokens) > 2:
        tokens.pop(rng.randrange(len(tokens)))
    elif way == 1 and len(tokens) > 1:
        tokens.reverse()
    elif way == 2:
        word = rng.randrange(len(tokens))
        token = tokens[word]
        if len(token) > 3:
            at = rng.randrange(1, len(token) - 1)
            tokens[word] = token[:at] + token[at + 1] + token[at] + token[at + 2 :]
    else:
        return name.lower() if rng.random() < 0.5 else name.upper()
    return " ".join(tokens)


def write_input(path: Path, rows: int, entries: list[ListEntry]) -> None:
    with (SHARED / "matching" / "negatives_us.csv").open(encoding="utf-8") as handle:
        people = list(csv.DictReader(handle))
    firsts = [p["first_name"] for p in people if p["first_name"]]
    lasts = [p["last_name"] for p in people if p["last_name"]]
    listed = [name.name for entry in entries for name in entry.names[:1]]
    rng = random.Random(20261122)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "country"])
        for number in range(rows):
            if number % 10 == 9:
                writer.writerow([number, perturb(rng.choice(listed), rng), ""])
                continue
            person = people[number % len(people)]
            middle = rng.choice("ABCDEFGHJKLMNPRSTW") + ". " if rng.random() < 0.5 else ""
            name = f"{rng.choice(firsts)} {middle}{rng.choice(lasts)}"
            writer.writerow([number, name, person["nationality"]])


def timed(label: str, rows: int, run: Callable[[], BulkSummary]) -> float:
    started = time.perf_counter()
    summary = run()
    seconds = time.perf_counter() - started
    rate = rows / seconds
    print(
        f"{label:<24} {seconds:8.1f} s  {rate:8.0f} names/s  {summary.alerts} alerts"
        f"  (1M names: {1_000_000 / rate / 60:.1f} min)",
        flush=True,
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="names to screen")
    parser.add_argument("--partition-rows", type=int, default=10_000, help="rows per partition")
    parser.add_argument("--skip-in-process", action="store_true", help="only the Dask runs")
    args = parser.parse_args()
    started = time.perf_counter()
    entries = load_lists()
    index = ScreeningIndex.build(entries)
    print(f"index: {len(index)} entries, built in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory(prefix="nonpro-bulk-") as folder:
        source = Path(folder) / "parties.csv"
        write_input(source, args.rows, entries)
        print(f"input: {args.rows} names, partitions of {args.partition_rows}")
        outputs: list[Path] = []
        if not args.skip_in_process:
            out = Path(folder) / "in_process.parquet"
            outputs.append(out)
            timed(
                "in-process",
                args.rows,
                lambda: screen_file(source, out, mapping=MAPPING, index=index),
            )
        rates = []
        for workers in (1, 2):
            out = Path(folder) / f"local_{workers}.parquet"
            outputs.append(out)

            def run(out: Path = out, workers: int = workers) -> BulkSummary:
                return screen_file_partitioned(
                    source,
                    out,
                    mapping=MAPPING,
                    index=index,
                    index_fingerprint="bench",
                    executor=DaskExecutor(Scheduler(workers=workers)),
                    rows_per_part=args.partition_rows,
                )

            rates.append(timed(f"dask local:{workers}", args.rows, run))
        print(f"scaling 2 workers / 1 worker: {rates[1] / rates[0]:.2f}x")
        same = len({out.read_bytes() for out in outputs}) == 1
        print(f"outputs identical: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
