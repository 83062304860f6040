"""Screening benchmark: accuracy and speed on the shared sets, side by side with nomenklatura.

    .venv/bin/python bench/screening.py [--negatives N] [--peer-queries N] [--no-peer]

Prints precision, recall and F1 on matching/name_pairs.csv at the default threshold; the
cross-script pairs found; the false alert rate of matching/negatives_us.csv against all lists;
index build time and peak memory for all shared lists; single-query p50/p99; and throughput next
to nomenklatura's logic-v2 matcher scoring the same candidates (best of two rounds each, as the
machine may be shared; CPU time on both sides). The peer runs in its own virtual
environment, bench/.venv-nomenklatura, created on first use (`python3 -m venv` and
`pip install nomenklatura==4.17.4`).
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from nonpro.screening import rules
from nonpro.screening.formats.detect import load_path
from nonpro.screening.index import ScreeningIndex, readings_for
from nonpro.screening.matching import match, score_entries
from nonpro.screening.schemas import EntityType, EntryName, ListEntry, ScreeningQuery

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NONPRO_SHARED_DIR", ROOT.parent / "shared")) / "data"
PEER_VENV = ROOT / "bench" / ".venv-nomenklatura"
PEER_PIN = "nomenklatura==4.17.4"
SCHEMAS = {
    "Person": EntityType.PERSON,
    "Company": EntityType.ORGANIZATION,
    "Organization": EntityType.ORGANIZATION,
    "LegalEntity": EntityType.ORGANIZATION,
    "Vessel": EntityType.VESSEL,
    "Airplane": EntityType.AIRCRAFT,
}
FTM_SCHEMAS = {
    EntityType.PERSON: "Person",
    EntityType.ORGANIZATION: "Organization",
    EntityType.VESSEL: "Vessel",
    EntityType.AIRCRAFT: "Airplane",
    EntityType.UNKNOWN: "LegalEntity",
}


def read_csv(name: str) -> list[dict[str, str]]:
    with open(SHARED / "matching" / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_lists() -> list[ListEntry]:
    entries: list[ListEntry] = []
    for folder in sorted((SHARED / "lists").iterdir()):
        for parsed in load_path(folder):
            entries.extend(parsed.entries)
    return entries


def warm_up() -> None:
    """Load the transliteration and legal-form tables once, as a running service has them."""
    for name in ("Владимир", "محمد", "金正恩", "김정은", "山田", "Acme Ltd"):
        readings_for(name, EntityType.UNKNOWN)


def one_entry(name: str, entity_type: EntityType, source: str = "bench") -> ListEntry:
    return ListEntry(
        source=source, source_id=name, entity_type=entity_type, names=[EntryName(name=name)]
    )


def f1(scores: list[float], labels: list[bool], threshold: float) -> tuple[float, float, float]:
    tp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and y)
    fp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and not y)
    fn = sum(1 for s, y in zip(scores, labels, strict=True) if s < threshold and y)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, score


def name_pairs() -> tuple[list[dict[str, str]], list[float]]:
    """Our score of each labelled pair: name2 as a one-entry list, name1 as the query."""
    rows = read_csv("name_pairs.csv")
    scores = []
    for row in rows:
        kind = SCHEMAS.get(row["schema"], EntityType.UNKNOWN)
        index = ScreeningIndex.build([one_entry(row["name2"], kind)])
        hits = match(ScreeningQuery(name=row["name1"], entity_type=kind), index, threshold=0.0)
        scores.append(hits[0].score if hits else 0.0)
    return rows, scores


def cross_script(entries: list[ListEntry]) -> list[tuple[str, str, bool, float]]:
    lines = (SHARED / "matching" / "cross_script_pairs.csv").read_text(encoding="utf-8")
    pairs = [
        line.split(",")[:2]
        for line in lines.splitlines()
        if line.strip() and not line.startswith("#")
    ]
    extra = [one_entry(expected, EntityType.PERSON) for _, expected in pairs]
    index = ScreeningIndex.build([*entries, *extra])
    found = []
    for query, expected in pairs:
        hits = match(ScreeningQuery(name=query, entity_type=EntityType.PERSON), index)
        mine = [h for h in hits if h.list == "bench" and h.matched_name == expected]
        found.append(
            (query, expected, bool(mine and mine[0].alert), mine[0].score if mine else 0.0)
        )
    return found


def negatives(index: ScreeningIndex, limit: int) -> tuple[int, int, list[float], list[Any]]:
    rows = read_csv("negatives_us.csv")
    rows = rows[:limit]
    alerts, latencies, alerted = 0, [], []
    for row in rows:
        query = ScreeningQuery(
            name=row["full_name"],
            entity_type=EntityType.PERSON,
            dob=row["date_of_birth"] or None,
            country=row["nationality"] or None,
        )
        start = time.perf_counter()
        hits = match(query, index)
        latencies.append(time.perf_counter() - start)
        if any(hit.alert for hit in hits):
            alerts += 1
            alerted.append((row["full_name"], hits[0].matched_name, hits[0].score))
    return alerts, len(rows), latencies, alerted


def ftm(entry: ListEntry) -> dict[str, Any]:
    births = []
    for birth in entry.birth_dates:
        if birth.date_from is None:
            continue
        size = {"day": 10, "month": 7}.get(birth.precision, 4)
        births.append(birth.date_from.isoformat()[:size])
    props = {
        "name": [name.name for name in entry.names],
        "birthDate": births if entry.entity_type is EntityType.PERSON else [],
        "country": sorted({c.lower() for c in [*entry.nationalities, *entry.countries]}),
        "idNumber": [identifier.value for identifier in entry.identifiers],
    }
    return {"schema": FTM_SCHEMAS[entry.entity_type], "props": props}


def ftm_query(query: ScreeningQuery, country: str | None) -> dict[str, Any]:
    props = {
        "name": [query.name],
        "birthDate": [query.dob] if query.dob else [],
        "nationality": [country.lower()] if country else [],
    }
    return {"schema": "Person", "props": props}


def peer_queries(index: ScreeningIndex, count: int) -> list[tuple[ScreeningQuery, list[int]]]:
    """Queries from the negatives file spread over it, each with our index's candidate entries."""
    from nonpro.screening.scoring import country_code

    rows = read_csv("negatives_us.csv")
    step = max(1, len(rows) // count)
    out = []
    for row in rows[::step][:count]:
        code = country_code(row["nationality"]) if row["nationality"] else None
        query = ScreeningQuery(
            name=row["full_name"],
            entity_type=EntityType.PERSON,
            dob=row["date_of_birth"] or None,
            country=code,
        )
        names = index.candidates(readings_for(query.name, EntityType.PERSON), rules.CANDIDATE_LIMIT)
        entries = list(dict.fromkeys(index.names[i].entry for i in names))
        out.append((query, entries))
    return out


def ensure_peer_venv() -> Path:
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {PEER_VENV} with {PEER_PIN} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", PEER_PIN], check=True)
    return python


def run_peer(job: dict[str, Any]) -> dict[str, Any]:
    python = ensure_peer_venv()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(job, handle)
    try:
        done = subprocess.run(
            [str(python), str(ROOT / "bench" / "_nomenklatura_peer.py"), handle.name],
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(handle.name)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def timed_rounds(
    index: ScreeningIndex, queries: list[tuple[ScreeningQuery, list[int]]]
) -> tuple[float, float]:
    """CPU seconds for screening the queries end to end, and for scoring their candidates alone.

    CPU time rather than wall time, on both sides, so that other work on a shared machine does
    not decide the ratio.
    """
    start = time.process_time()
    for query, _ in queries:
        match(query, index)
    screening = time.process_time() - start
    start = time.process_time()
    for query, found_entries in queries:
        score_entries(query, index, found_entries)
    return screening, time.process_time() - start


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--negatives", type=int, default=50_000, help="how many negatives")
    parser.add_argument("--peer-queries", type=int, default=300, help="queries for the peer")
    parser.add_argument("--no-peer", action="store_true", help="skip nomenklatura")
    args = parser.parse_args()
    threshold = rules.DEFAULT_THRESHOLD

    start = time.perf_counter()
    entries = load_lists()
    print(
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
        "(wall times suffer from load)"
    )
    print(f"lists: {len(entries):,} entries parsed in {time.perf_counter() - start:.1f} s")
    warm_up()
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    index = ScreeningIndex.build(entries)
    build_seconds, build_cpu = time.perf_counter() - start, time.process_time() - cpu
    tracemalloc.start()
    ScreeningIndex.build(entries)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"index build: {build_seconds:.2f} s ({build_cpu:.2f} s CPU) for "
        f"{len(index.names):,} names (target <= 3 s); "
        f"peak memory {peak / 1e6:.0f} MB (target <= 400 MB)"
    )

    rows, scores = name_pairs()
    labels = [row["is_match"] == "true" for row in rows]
    precision, recall, ours_f1 = f1(scores, labels, threshold)
    print(
        f"name_pairs.csv ({len(rows)} pairs) at the default threshold {threshold}: "
        f"precision {precision:.3f}, recall {recall:.3f}, F1 {ours_f1:.3f} (target >= 0.85)"
    )

    found = cross_script(entries)
    print(
        f"cross-script pairs found: {sum(f for _, _, f, _ in found)} of {len(found)} (target >= 18)"
    )
    for query, expected, hit, score in found:
        print(f"    {'found ' if hit else 'MISSED'} {query} -> {expected} ({score:.2f})")

    alerts, total, latencies, alerted = negatives(index, args.negatives)
    print(
        f"negatives_us.csv: {alerts} false alerts in {total:,} queries = "
        f"{100 * alerts / total:.2f}% (target <= 0.5%)"
    )
    for name, listed, score in alerted[:5]:
        print(f"    e.g. {name} -> {listed} ({score:.2f})")
    print(
        f"single query: p50 {1e3 * statistics.median(latencies):.2f} ms (target <= 1 ms), "
        f"p99 {1e3 * percentile(latencies, 0.99):.2f} ms (target <= 10 ms); "
        f"{total / sum(latencies):,.0f} queries/s in one process"
    )

    if args.no_peer:
        return
    queries = peer_queries(index, args.peer_queries)
    ours_seconds, ours_scoring = timed_rounds(index, queries)
    job = {
        "pairs": [
            [
                {"schema": row["schema"], "props": {"name": [row["name1"]]}},
                {"schema": row["schema"], "props": {"name": [row["name2"]]}},
            ]
            for row in rows
        ],
        "screening": [
            [ftm_query(query, query.country), [ftm(index.entries[e]) for e in found_entries]]
            for query, found_entries in queries
        ],
    }
    peer = run_peer(job)
    again = timed_rounds(index, queries)
    ours_seconds, ours_scoring = min(ours_seconds, again[0]), min(ours_scoring, again[1])
    peer_f1 = f1(peer["pair_scores"], labels, 0.7)[2]
    compared = peer["compared"]
    ours_rate, peer_rate = len(queries) / ours_seconds, len(queries) / peer["seconds"]
    print(
        f"peer: nomenklatura logic-v2 ({PEER_PIN}) on the same {compared:,} candidates of "
        f"{len(queries)} queries ({compared / len(queries):.1f} per query)"
    )
    print(
        f"    throughput per CPU second: nonpro {ours_rate:,.0f} queries/s (retrieval included), "
        f"logic-v2 {peer_rate:,.1f} queries/s ({compared / peer['seconds']:,.0f} pairs/s, "
        f"scoring only)"
    )
    print(f"    ratio: {ours_rate / peer_rate:.1f}x (target >= 50x)")
    print(
        f"    scoring alone, the same candidate entries with all their names and facts: nonpro "
        f"{compared / ours_scoring:,.0f} pairs/s, logic-v2 {compared / peer['seconds']:,.0f} "
        f"pairs/s: {peer['seconds'] / ours_scoring:.1f}x"
    )
    print(
        f"    F1 on name_pairs.csv: nonpro {ours_f1:.3f}, logic-v2 {peer_f1:.3f} "
        f"(at yente's default threshold 0.7)"
    )


if __name__ == "__main__":
    main()
