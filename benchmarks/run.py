"""footstats benchmarks: reading, metrics, the report, import time and peak memory.

Run with ``make bench`` (``.venv/bin/python benchmarks/run.py``); ``--quick`` is the smoke
run that ``make test`` does (tiny N, one repeat). Everything is measured in one process on
the same generated files (a cohort log of about ``--rows`` rows: participants x one year,
and a one-year personal log), written by :mod:`footstats.synthetic` into a temporary
folder. A folder of one-year logs (one participant each) is read against the same rows as
one file with a participant column, the two timed in turn. The output is a Markdown
table: absolute times, ratios against the baseline of each group, and the issue's targets
with pass / miss, under the load average at the start and the end of the run.

In-process timings are medians of ``--repeat`` runs (``time.perf_counter``). Import times
and the reports are wall times of fresh ``python`` processes; the import ratios are taken
net of the interpreter's own start-up (``python -c pass``), the stricter reading. The
one-year report is compared with a fresh process that only imports pandas and
matplotlib.pyplot (start-up included in both), and a report of one day of 40,000
participants (one row each; 1,000 with ``--quick``) with the one-year report. Peak
memory is the max RSS of a fresh process doing one read, taken by a small wrapper process
from ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` so that nothing else is counted.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

import footstats
from footstats.columns import (
    DATE,
    DEFAULT_PAIN_SITES,
    EXERCISE,
    MINUTES,
    NOTES,
    PARTICIPANT,
    REPS,
    SECONDS,
    SETS,
    SIDE,
    pain_column,
)
from footstats.synthetic import write_cohort, write_sample

__all__ = ["METRICS", "ROW_LABELS", "main", "read_floor", "run"]

# 2025-01-06 is a Monday: a year (plus a start offset of up to 3 weeks) ends in January
# 2026, in the past, so the reader's "date in the future" warning never fires.
START = "2025-01-06"
WEEKS = 52
SEED = 6
ROWS_PER_PARTICIPANT = 484  # what footstats.synthetic gives for 52 weeks, on average
QUICK_ROWS = 3_000
FOLDER_FILES = 5_000  # two-row logs in one folder (--quick: QUICK_FILES)
QUICK_FILES = 20
# The folder-vs-one-file pair: one-year per-participant logs (footstats.synthetic's
# write_cohort, most with an exercise outside the routine), and the same rows as one file
# with a participant column (--quick: QUICK_COHORT_FILES).
COHORT_FILES = 400
QUICK_COHORT_FILES = 10
# The Dask cohort: a folder of per-participant logs of ten years each (about 4,840 rows a
# file: a reader's fixed cost per file would dominate one-year files), 2 worker processes.
DASK_ROWS = 10_000_000
DASK_START = "2016-01-04"  # a Monday: ten years (plus up to 3 weeks) end in the past
DASK_WEEKS = 520
DASK_WORKERS = 2
DASK_TABLES = ("weekly_frequency", "weekly_sets", "weekly_pain", "pain_change")
MB = 1024 * 1024
HERE = Path(__file__).resolve().parent

METRICS = ("weekly_frequency", "weekly_sets", "weekly_pain", "pain_change", "adherence_vs_pain")

ARROW_TYPES = {
    PARTICIPANT: pa.string(),
    DATE: pa.timestamp("s"),
    EXERCISE: pa.string(),
    SETS: pa.int64(),
    REPS: pa.int64(),
    SECONDS: pa.float64(),
    SIDE: pa.string(),
    **{pain_column(site): pa.int64() for site in DEFAULT_PAIN_SITES},
    MINUTES: pa.float64(),
    NOTES: pa.string(),
}

READ_FLOOR = "pyarrow.csv.read_csv + .to_pandas() (floor)"
READ_PANDAS = "pandas.read_csv, default options"
READ_LOG = "footstats.read_log (validation included)"
READ_BAD = "footstats.validate_log, the log with 1% bad rows"
FOLDER = "footstats.check_logs, a folder of two-row logs"
COHORT_ONE_FILE = "footstats.validate_log, a cohort as one file (participant column)"
COHORT_FOLDER = "footstats.validate_logs, the same rows as one file per participant"
METRICS_TOTAL = "all metrics together"
START_UP = "python -c pass (interpreter start-up)"
IMPORT_PANDAS = "import pandas"
IMPORT_FOOTSTATS = "import footstats"
IMPORT_READER = "import footstats; footstats.read_log"
IMPORT_PLOTTING = "fresh process: import pandas, matplotlib.pyplot"
REPORT = "footstats report, one-year personal log (CLI)"
COHORT_REPORT = "footstats report, a cohort's one day (CLI)"
DAY_PARTICIPANTS = 40_000  # participants of the one-day cohort log (--quick: QUICK_DAY)
QUICK_DAY = 1_000
RSS_IMPORTS = "peak RSS: python + imports only"
RSS_FLOOR = "peak RSS: pyarrow read (floor)"
RSS_PANDAS = "peak RSS: pandas.read_csv"
RSS_READ_LOG = "peak RSS: footstats.read_log"
LOG_SIZE = "the tidy log itself (memory_usage(deep=True))"
RSS_ALL_BAD = "peak RSS: footstats.check_log, every row bad"
PANDAS_PAIR = "footstats.read_logs + summarize, the one-year folder (pandas)"
DASK_PAIR = "footstats.dask.read_logs + summarize, the same folder (2 workers)"
DASK_READ = "footstats.dask.read_logs, cohort folder (2 workers)"
DASK_SUMMARY = "footstats.dask.summarize"
DASK_METRICS = "footstats.dask.per_participant: 4 weekly tables"
DASK_RSS = "peak RSS per Dask worker"
ROW_LABELS = (
    READ_FLOOR,
    READ_PANDAS,
    READ_LOG,
    READ_BAD,
    FOLDER,
    COHORT_ONE_FILE,
    COHORT_FOLDER,
    *METRICS,
    METRICS_TOTAL,
    START_UP,
    IMPORT_PANDAS,
    IMPORT_FOOTSTATS,
    IMPORT_READER,
    IMPORT_PLOTTING,
    REPORT,
    COHORT_REPORT,
    RSS_IMPORTS,
    RSS_FLOOR,
    RSS_PANDAS,
    RSS_READ_LOG,
    LOG_SIZE,
    RSS_ALL_BAD,
    PANDAS_PAIR,
    DASK_PAIR,
    DASK_READ,
    DASK_SUMMARY,
    DASK_METRICS,
    DASK_RSS,
)

# The wrapper's only child is the measured command, so RUSAGE_CHILDREN is that process.
_RSS_WRAPPER = (
    "import resource, subprocess, sys;"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL);"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)
_READ_CODE = {
    RSS_IMPORTS: "import footstats, pandas, pyarrow.csv; footstats.read_log",
    RSS_FLOOR: (
        f"import sys; sys.path.insert(0, {str(HERE)!r}); import run; run.read_floor(sys.argv[1])"
    ),
    RSS_PANDAS: "import sys, pandas; pandas.read_csv(sys.argv[1])",
    RSS_READ_LOG: "import sys, footstats; footstats.read_log(sys.argv[1])",
    RSS_ALL_BAD: "import sys, footstats; footstats.check_log(sys.argv[1])",
}
_CLI = "import sys; from footstats.cli import main; sys.exit(main(sys.argv[1:]))"


@dataclass
class Row:
    label: str
    value: str
    ratio: str = ""
    target: str = ""
    result: str = ""


def _median_seconds(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _run(command: list[str]) -> str:
    """Run a command; on failure raise with its stderr, so a broken step is visible."""
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(
            f"exit {done.returncode}: {' '.join(command)}\n{done.stderr.strip()[-3000:]}"
        )
    return done.stdout


def _median_wall(command: list[str], repeat: int) -> float:
    return _median_seconds(lambda: _run(command), repeat)


def _peak_rss_bytes(code: str, path: Path) -> int:
    command = [sys.executable, "-c", _RSS_WRAPPER, sys.executable, "-c", code, str(path)]
    return int(_run(command).split()[-1]) * 1024  # ru_maxrss is in KiB on Linux


def read_floor(path: str | Path) -> pd.DataFrame:
    """The bare read: pyarrow's CSV reader with the column types given, then pandas."""
    with open(path, "rb") as handle:
        names = handle.readline().decode("utf-8").strip().split(",")
    types = {name: ARROW_TYPES[name] for name in names}
    options = pa_csv.ConvertOptions(column_types=types)
    return pa_csv.read_csv(path, convert_options=options).to_pandas()


# what a bad row holds, in turn: (column, value); each is an error of the reader
_BAD_VALUES = (
    (SETS, "two"),
    (DATE, "2025-02-30"),
    (REPS, "-3"),
    (pain_column("back"), "11"),
    (SECONDS, "1 min"),
    (SIDE, "up"),
)


def write_bad_rows(clean: Path, path: Path, every: int) -> int:
    """``clean`` with one value made wrong on every ``every``-th data row (cycling through
    :data:`_BAD_VALUES`); returns how many rows were spoiled."""
    lines = clean.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    spoiled = 0
    for index in range(every, len(lines), every):
        if not lines[index]:
            continue
        column, value = _BAD_VALUES[spoiled % len(_BAD_VALUES)]
        cells = lines[index].split(",")
        cells[header.index(column)] = value
        lines[index] = ",".join(cells)
        spoiled += 1
    path.write_text("\n".join(lines), encoding="utf-8")
    return spoiled


def write_small_logs(folder: Path, files: int) -> None:
    """``files`` logs of two rows each (one participant each)."""
    folder.mkdir(exist_ok=True)
    text = (
        "date,exercise,sets,reps,pain_back\n"
        "2025-03-03,Heel raises,2,10,3\n"
        "2025-03-05,Toe walking,3,,\n"
    )
    for number in range(files):
        (folder / f"p{number:05d}.csv").write_text(text, encoding="utf-8")


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _verdict(value: float, limit: float) -> str:
    return "pass" if value <= limit else f"miss ({value / limit:.2f}x the target)"


def _fmt_ratio(value: float, of: str) -> str:
    return f"{value:.2f}x {of}"


def measure_reads(cohort: Path, repeat: int) -> tuple[list[Row], pd.DataFrame, float]:
    floor = _median_seconds(lambda: read_floor(cohort), repeat)
    plain = _median_seconds(lambda: pd.read_csv(cohort), repeat)
    read = _median_seconds(lambda: footstats.read_log(cohort), repeat)
    misses = []
    if read > 2 * floor:
        misses.append(f"{read / floor / 2:.1f}x over 2x floor")
    if read >= plain:
        misses.append(f"{read / plain:.2f}x pandas.read_csv")
    bad_path = cohort.with_name("cohort-1pct-bad.csv")
    spoiled = write_bad_rows(cohort, bad_path, every=100)
    bad = _median_seconds(lambda: footstats.validate_log(bad_path), repeat)
    rows = [
        Row(READ_FLOOR, _seconds(floor), "1.00x floor"),
        Row(READ_PANDAS, _seconds(plain), _fmt_ratio(plain / floor, "floor")),
        Row(
            READ_LOG,
            _seconds(read),
            f"{read / floor:.2f}x floor, {read / plain:.2f}x pandas.read_csv",
            "<= 2x floor and < pandas.read_csv",
            f"miss ({'; '.join(misses)})" if misses else "pass",
        ),
        Row(
            READ_BAD,
            _seconds(bad),
            f"{bad / floor:.2f}x floor (clean file); {spoiled:,} bad rows",
            "<= 3x floor",
            _verdict(bad / floor, 3.0),
        ),
    ]
    return rows, footstats.read_log(cohort), read


def measure_folder(folder: Path, files: int) -> Row:
    """Checking a folder of many tiny logs: the reader's fixed cost per file."""
    write_small_logs(folder, files)
    started = time.perf_counter()
    problems = footstats.check_logs(folder)
    elapsed = time.perf_counter() - started
    assert not len(problems), problems.head()
    return Row(
        FOLDER,
        _seconds(elapsed),
        f"{files:,} files, {elapsed / files * 1000:.1f} ms per file",
        "< 10 s for 5,000 files",
        _verdict(elapsed / files * 5000, 10.0),
    )


def write_cohort_pair(folder: Path, files: int) -> tuple[Path, Path, int]:
    """A folder of ``files`` one-year logs (one participant each) and the same rows as one
    file with a participant column first; returns both and the number of rows."""
    cohort = folder / f"cohort-{files}-files"
    written = write_cohort(cohort, participants=files, weeks=WEEKS, start=START, seed=SEED)
    one = folder / f"cohort-{files}-one-file.csv"
    lines = []
    for path in written:
        header, *rows = path.read_text(encoding="utf-8").splitlines()
        lines += [f"{path.stem},{row}" for row in rows]  # one record a line (no quoted breaks)
    one.write_text(f"{PARTICIPANT},{header}\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return cohort, one, len(lines)


def measure_folder_pair(cohort: Path, one: Path, rows: int, repeat: int) -> list[Row]:
    """The folder against the same rows in one file, timed in turn (the same load on
    both); the same rows and problems come out, each problem naming its own file."""
    single, spread, cpu = [], [], {"one": [], "folder": []}
    for _ in range(repeat):
        started = time.process_time()
        single.append(_median_seconds(lambda: footstats.validate_log(one), 1))
        cpu["one"].append(time.process_time() - started)
        started = time.process_time()
        spread.append(_median_seconds(lambda: footstats.validate_logs(cohort), 1))
        cpu["folder"].append(time.process_time() - started)
    alone, together = statistics.median(single), statistics.median(spread)
    cpu_ratio = statistics.median(cpu["folder"]) / statistics.median(cpu["one"])
    loaded = footstats.validate_logs(cohort)
    assert len(loaded.log) == rows and loaded.ok, loaded.problems.head()
    files = len(loaded.log.attrs["formats"])
    return [
        Row(COHORT_ONE_FILE, _seconds(alone), f"{rows:,} rows; 1.00x"),
        Row(
            COHORT_FOLDER,
            _seconds(together),
            f"{together / alone:.2f}x one file (CPU time: {cpu_ratio:.2f}x); {files:,} files, "
            f"{len(loaded.problems):,} notices",
            "<= 1.5x one file",
            _verdict(together / alone, 1.5),
        ),
    ]


def measure_metrics(log: pd.DataFrame, read: float, repeat: int) -> list[Row]:
    rows, total = [], 0.0
    for name in METRICS:
        function = getattr(footstats, name)
        elapsed = _median_seconds(lambda function=function: function(log), repeat)
        total += elapsed
        rows.append(Row(name, _seconds(elapsed), _fmt_ratio(elapsed / read, "read_log")))
    ratio = total / read
    rows.append(
        Row(
            METRICS_TOTAL,
            _seconds(total),
            _fmt_ratio(ratio, "read_log"),
            "<= 1x read_log",
            _verdict(ratio, 1.0),
        )
    )
    return rows


def measure_imports(repeat: int) -> list[Row]:
    def wall(code):
        return _median_wall([sys.executable, "-c", code], repeat)

    start_up = wall("pass")
    pandas_time = wall("import pandas")
    rows = [
        Row(START_UP, _seconds(start_up)),
        Row(IMPORT_PANDAS, _seconds(pandas_time), "1.00x (net of start-up)"),
    ]
    for label, code in ((IMPORT_FOOTSTATS, "import footstats"), (IMPORT_READER, IMPORT_READER)):
        elapsed = wall(code)
        ratio = max(elapsed - start_up, 0.0) / max(pandas_time - start_up, 1e-9)
        rows.append(
            Row(
                label,
                _seconds(elapsed),
                _fmt_ratio(ratio, "import pandas (net)"),
                "<= 1.2x import pandas",
                _verdict(ratio, 1.2),
            )
        )
    return rows


def measure_report(personal: Path, folder: Path, repeat: int, participants: int) -> list[Row]:
    """The one-year report against a fresh process importing what it draws with, and the
    report of one day of ``participants`` (one row each) against the one-year report."""
    outputs = (folder / f"report-{i}" for i in itertools.count())

    def report(log: Path):
        _run([sys.executable, "-c", _CLI, "report", str(log), "-o", str(next(outputs))])

    imports = _median_wall([sys.executable, "-c", "import pandas, matplotlib.pyplot"], repeat)
    elapsed = _median_seconds(lambda: report(personal), repeat)
    ratio = elapsed / imports
    day = folder / "one-day-cohort.csv"
    rows = (f"p{i:05d},2026-03-02,Heel raises,2,{i % 11}" for i in range(participants))
    day.write_text("participant,date,exercise,sets,pain_back\n" + "\n".join(rows) + "\n")
    cohort = _median_seconds(lambda: report(day), max(1, repeat // 2))
    return [
        Row(IMPORT_PLOTTING, _seconds(imports), "1.00x"),
        Row(
            REPORT,
            _seconds(elapsed),
            _fmt_ratio(ratio, "the imports"),
            "<= 2x the imports",
            _verdict(ratio, 2.0),
        ),
        Row(
            COHORT_REPORT,
            _seconds(cohort),
            f"{cohort / elapsed:.2f}x one-year report; {participants:,} participants",
        ),
    ]


def measure_memory(cohort: Path, log: pd.DataFrame) -> list[Row]:
    """Peak RSS of each read in a fresh process; and the size of the log read (what any
    reader returning these columns and dtypes must hold at the end)."""
    size = cohort.stat().st_size
    all_bad = cohort.with_name("cohort-all-bad.csv")
    spoiled = write_bad_rows(cohort, all_bad, every=1)
    files = {label: cohort for label in _READ_CODE} | {RSS_ALL_BAD: all_bad}
    peaks = {label: _peak_rss_bytes(code, files[label]) for label, code in _READ_CODE.items()}
    rows = [Row(RSS_IMPORTS, f"{peaks[RSS_IMPORTS] / MB:.0f} MB")]
    for label in (RSS_FLOOR, RSS_PANDAS, RSS_READ_LOG, RSS_ALL_BAD):
        peak, net = peaks[label], peaks[label] - peaks[RSS_IMPORTS]
        ratio = f"{peak / size:.2f}x file size ({net / size:.2f}x net of imports)"
        rows.append(Row(label, f"{peak / MB:.0f} MB", ratio))
    net = (peaks[RSS_READ_LOG] - peaks[RSS_IMPORTS]) / size
    rows[-2].target = "<= 2x file size, net of imports"
    rows[-2].result = _verdict(net, 2.0)
    rows[-1].ratio += f"; {spoiled:,} problems"
    own = int(log.memory_usage(deep=True).sum())
    ratio = f"{own / size:.2f}x file size; {own / max(len(log), 1):.0f} bytes a row"
    rows.insert(-1, Row(LOG_SIZE, f"{own / MB:.0f} MB", ratio))
    return rows


def _cluster():
    """A LocalCluster of :data:`DASK_WORKERS` worker processes and its client."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=DASK_WORKERS, threads_per_worker=1, processes=True, dashboard_address=None
    )
    return cluster, Client(cluster)


def measure_dask_pair(cohort: Path, repeat: int) -> list[Row]:
    """The folder of one-year logs read and summarised by pandas and by footstats.dask on
    the same files, timed in turn (the workers started and warmed up first)."""
    import footstats.dask as fsd

    def with_pandas():
        footstats.summarize(footstats.read_logs(cohort))

    reads = []

    def with_dask():
        started = time.perf_counter()
        log = fsd.read_logs(cohort)
        reads.append(time.perf_counter() - started)
        fsd.summarize(log)

    cluster, client = _cluster()
    with cluster, client:
        with_dask()  # the workers import footstats and pandas once
        reads.clear()
        alone, spread = [], []
        for _ in range(repeat):
            alone.append(_median_seconds(with_pandas, 1))
            spread.append(_median_seconds(with_dask, 1))
    pandas_time, dask_time = statistics.median(alone), statistics.median(spread)
    files = sum(1 for _ in cohort.glob("*.csv"))
    return [
        Row(PANDAS_PAIR, _seconds(pandas_time), f"{files:,} files; 1.00x"),
        Row(
            DASK_PAIR,
            _seconds(dask_time),
            f"{dask_time / pandas_time:.2f}x pandas (the read alone: "
            f"{_seconds(statistics.median(reads))})",
            "<= 1x pandas (400 files)",
            _verdict(dask_time / pandas_time, 1.0),
        ),
    ]


def _worker_peak_rss() -> int:
    """Runs on a Dask worker: its process's peak RSS so far, in bytes."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def measure_dask(rows: int, folder: Path) -> tuple[list[Row], str]:
    """A cohort folder read and summarised on a LocalCluster of worker processes."""
    import footstats.dask as fsd

    per_participant = ROWS_PER_PARTICIPANT * DASK_WEEKS // WEEKS
    participants = max(1, round(rows / per_participant))
    cohort = folder / f"dask-cohort-{participants}"
    cohort.mkdir(exist_ok=True)
    chunk = max(1, 1_000_000 // per_participant)  # about a million rows generated at once
    files = write_cohort(
        cohort,
        participants=participants,
        weeks=DASK_WEEKS,
        start=DASK_START,
        seed=SEED,
        chunk=chunk,
    )
    size = sum(path.stat().st_size for path in files)
    n_rows = sum(_data_rows(path) for path in files)
    cluster, client = _cluster()
    with cluster, client:
        started = time.perf_counter()
        log = fsd.read_logs(cohort)
        read = time.perf_counter() - started
        started = time.perf_counter()
        fsd.summarize(log)
        summary = time.perf_counter() - started
        started = time.perf_counter()
        for name in DASK_TABLES:
            fsd.per_participant(log, getattr(footstats, name))
        tables = time.perf_counter() - started
        partitions = log.npartitions
        peaks = sorted(client.run(_worker_peak_rss).values())
    each = ", ".join(f"{peak / MB:.0f} MB" for peak in peaks)
    rows_out = [
        Row(DASK_READ, _seconds(read), f"{n_rows / read:,.0f} rows/s, {partitions} partitions"),
        Row(DASK_SUMMARY, _seconds(summary), _fmt_ratio(summary / read, "read")),
        Row(DASK_METRICS, _seconds(tables), _fmt_ratio(tables / read, "read")),
        Row(DASK_RSS, f"{peaks[-1] / MB:.0f} MB", f"workers: {each}; {size / MB:.0f} MB of CSV"),
    ]
    header = (
        f"Dask cohort: {n_rows:,} rows in {len(files):,} per-participant files "
        f"({DASK_WEEKS} weeks each), {size / MB:.1f} MB; LocalCluster of {DASK_WORKERS} "
        "worker processes x 1 thread."
    )
    return rows_out, header


def _data_rows(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for _ in handle) - 1


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            models = [line.split(":", 1)[1].strip() for line in handle if "model name" in line]
        cpu = models[0] if models else cpu
    except OSError:
        pass
    try:
        memory = (
            f", {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 1024**3:.0f} GB RAM"
        )
    except (ValueError, OSError, AttributeError):
        memory = ""
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, pandas {pd.__version__}, "
        f"numpy {np.__version__}, pyarrow {pa.__version__}"
    )


def _load_average() -> str:
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def table(rows: list[Row]) -> str:
    lines = [
        "| measurement | value | ratio | target | result |",
        "|---|---:|---|---|---|",
    ]
    lines += [f"| {r.label} | {r.value} | {r.ratio} | {r.target} | {r.result} |" for r in rows]
    return "\n".join(lines)


def run(
    rows: int,
    repeat: int,
    folder: Path,
    dask_rows: int = DASK_ROWS,
    day_participants: int = DAY_PARTICIPANTS,
    files: int = FOLDER_FILES,
    cohort_files: int = COHORT_FILES,
) -> str:
    """The benchmark table; ``dask_rows=0`` leaves out the Dask rows."""
    load_before = _load_average()
    participants = max(1, round(rows / ROWS_PER_PARTICIPANT))
    cohort, personal = folder / "cohort.csv", folder / "personal.csv"
    write_sample(cohort, weeks=WEEKS, start=START, seed=SEED, participants=participants)
    write_sample(personal, weeks=WEEKS, start=START, seed=SEED)
    n_rows = _data_rows(cohort)
    size = cohort.stat().st_size

    read_rows, log, read = measure_reads(cohort, repeat)
    results = read_rows + [measure_folder(folder / "small-logs", files)]
    per_file, one_file, cohort_rows = write_cohort_pair(folder, cohort_files)
    results += measure_folder_pair(per_file, one_file, cohort_rows, repeat)
    results += measure_metrics(log, read, repeat)
    results += measure_imports(max(repeat, 5) if repeat > 1 else 1)
    results += measure_report(personal, folder, repeat, day_participants)
    results += measure_memory(cohort, log)
    dask_header = "Dask cohort: not measured (--dask-rows 0)."
    if dask_rows:
        results += measure_dask_pair(per_file, repeat)
        dask_rows_out, dask_header = measure_dask(dask_rows, folder)
        results += dask_rows_out

    personal_rows = _data_rows(personal)
    header = [
        f"Cohort log: {n_rows:,} rows ({participants:,} participants x {WEEKS} weeks), "
        f"{size / MB:.1f} MB; personal log: {personal_rows} rows. "
        f"Median of {repeat} run(s).",
        dask_header,
        f"Machine: {machine()}",
        f"Load average (1, 5, 15 min): {load_before} at the start, {_load_average()} at the end "
        "(the machine's other work; ratios are taken within one run).",
        f"Command: {' '.join([Path(sys.executable).name, *sys.argv])}",
        "",
    ]
    return "\n".join(header) + table(results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="cohort log rows (about)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"smoke run: {QUICK_ROWS:,} rows, one repeat (what make test runs)",
    )
    parser.add_argument(
        "--data-dir", help="write the generated logs here and keep them (default: a temp folder)"
    )
    parser.add_argument(
        "--dask-rows",
        type=int,
        default=DASK_ROWS,
        help="rows of the cohort folder read with footstats.dask (about; --quick: --rows; "
        "0: leave Dask out)",
    )
    parser.add_argument(
        "--files",
        type=int,
        help=f"two-row logs in the folder checked with check_logs (default {FOLDER_FILES:,}; "
        f"--quick: {QUICK_FILES} unless given)",
    )
    parser.add_argument(
        "--cohort-files",
        type=int,
        help=f"one-year logs in the folder read against the same rows as one file (default "
        f"{COHORT_FILES:,}; --quick: {QUICK_COHORT_FILES} unless given)",
    )
    args = parser.parse_args(argv)
    rows, repeat = (QUICK_ROWS, 1) if args.quick else (args.rows, args.repeat)
    dask_rows = min(args.dask_rows, QUICK_ROWS) if args.quick else args.dask_rows
    day = QUICK_DAY if args.quick else DAY_PARTICIPANTS
    files = args.files or (QUICK_FILES if args.quick else FOLDER_FILES)
    cohort = args.cohort_files or (QUICK_COHORT_FILES if args.quick else COHORT_FILES)
    if args.data_dir:
        folder = Path(args.data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        print(run(rows, repeat, folder, dask_rows, day, files, cohort))
    else:
        with tempfile.TemporaryDirectory(prefix="footstats-bench-") as tmp:
            print(run(rows, repeat, Path(tmp), dask_rows, day, files, cohort))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
