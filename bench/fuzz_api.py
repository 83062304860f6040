"""The long fuzzing run: schemathesis over the whole API and hypothesis over every parser.

    .venv/bin/python bench/fuzz_api.py [--examples N]

Runs the suite's own fuzz tests (tests/reliability/test_api_fuzz.py and test_fuzz_parsers.py)
with N random examples per API operation and per parser instead of the suite's few fixed ones,
and prints what it ran and how long it took. Any server error, crash or 4xx without a message
fails the run and is printed with the request that caused it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ["tests/reliability/test_api_fuzz.py", "tests/reliability/test_fuzz_parsers.py"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=300, help="examples per operation")
    args = parser.parse_args()
    env = {**os.environ, "NONPRO_FUZZ_EXAMPLES": str(args.examples)}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *TESTS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "(no output)"
    print(f"examples per API operation and per parser: {args.examples}")
    print(f"wall time: {elapsed:,.0f} s")
    print(f"result: {summary}")
    if result.returncode != 0:
        print(result.stdout[-6000:])
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
