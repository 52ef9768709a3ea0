"""Profile footstats.read_log on a large cohort log (cProfile), to find the hotspots.

    .venv/bin/python benchmarks/profile_read_log.py [--rows 1000000] [--log FILE] [--top 25]

Without ``--log`` the cohort log of ``benchmarks/run.py`` is generated into a temporary
folder first. Prints the top functions by own time and by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
from pathlib import Path

# run.py sits next to this script, so (run as a script) it is importable as `run`.
from run import ROWS_PER_PARTICIPANT, SEED, START, WEEKS

import footstats
from footstats.synthetic import write_sample


def profile(path: Path, top: int) -> None:
    footstats.read_log  # noqa: B018 - import the reader before timing it
    started = time.perf_counter()
    profiler = cProfile.Profile()
    profiler.runcall(footstats.read_log, path)
    print(f"read_log({path.name}) under cProfile: {time.perf_counter() - started:.2f} s")
    stats = pstats.Stats(profiler)
    for key in ("tottime", "cumulative"):
        print(f"\n--- top {top} by {key} ---")
        stats.sort_stats(key).print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--log", help="profile this log instead of a generated one")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    if args.log:
        profile(Path(args.log), args.top)
        return 0
    with tempfile.TemporaryDirectory(prefix="footstats-profile-") as tmp:
        path = Path(tmp) / "cohort.csv"
        participants = max(1, round(args.rows / ROWS_PER_PARTICIPANT))
        write_sample(path, weeks=WEEKS, start=START, seed=SEED, participants=participants)
        profile(path, args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
