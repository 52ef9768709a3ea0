"""The ``footstats`` command: ``check`` a log, ``report`` on it, ``add`` rows, open the ``app``.

Exit codes: 0 success (warnings allowed), 1 the log has errors, 2 usage or I/O error,
130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from footstats import __version__
from footstats.columns import CODE
from footstats.core.codes import CODES
from footstats.core.options import ReadOptions
from footstats.core.problems import (
    SHOWN_PROBLEMS,
    count_by_severity,
    counted_by_kind,
    format_problems,
)
from footstats.core.progress import progress_shown
from footstats.errors import UsageError

if TYPE_CHECKING:
    import pandas as pd

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # the shell's code for a Ctrl-C
EXIT_PIPE = 141  # the shell's code for a program whose reader left (SIGPIPE)

DESCRIPTION = """\
footstats: is a home-exercise routine being done, and is it working?
A log is a CSV, one row per exercise per session: date,exercise,sets[,reps,seconds,side,pain_back,
pain_hip,pain_knee,minutes,notes]; a row with a date and pain but no exercise is a check-in."""


CODES_HELP = """\
Every problem has a stable code (FS203 pain-out-of-range, ...), listed with its meaning and
fix in docs/problem-codes.md. --select and --ignore take codes or prefixes (FS2 = every
value problem); they decide what is printed and what fails check: an ignored error does
not make the exit code 1, but its row is still left out when the log is read."""


class _UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="footstats",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"footstats {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    reading = argparse.ArgumentParser(add_help=False)
    reading.add_argument(
        "log", metavar="LOG", help="the log CSV (or a folder of them, or an unzipped Loop export)"
    )
    reading.add_argument(
        "--routine",
        "--program",
        metavar="TOML",
        help="your own routine file (--program: its old name)",
    )
    reading.add_argument(
        "--dayfirst", action="store_true", help="dates are day first (03/04/2026 = 3 April)"
    )
    reading.add_argument(
        "--date-format", metavar="FMT", help="explicit date format, e.g. %%m/%%d/%%Y"
    )
    reading.add_argument("--encoding", metavar="ENC", help="file encoding when not UTF-8")
    reading.add_argument(
        "--input-format",
        metavar="NAME",
        help="force the format: footstats or an app's (strong, hevy, ...; docs/exports.md)",
    )
    reading.add_argument(
        "--map", metavar="FILE.toml", help="exercise names -> routine exercises ([exercises] table)"
    )
    reading.add_argument(
        "--habit", metavar="NAME", help="Loop export: the habit that is the routine"
    )
    reading.add_argument(
        "--excel-dates", action="store_true", help="accept Excel serial day numbers as dates"
    )
    reading.add_argument(
        "--timezone",
        metavar="ZONE",
        help="read times an export writes in UTC (Fitbod) in this time zone, e.g. Europe/Berlin",
    )
    reading.add_argument(
        "--all",
        action="store_true",
        help=f"print every problem (by default the first {SHOWN_PROBLEMS}, then counts by kind)",
    )
    reading.add_argument(
        "--select",
        metavar="CODES",
        help="only these problem codes, comma-separated codes or prefixes (FS203,FS3)",
    )
    reading.add_argument(
        "--ignore",
        metavar="CODES",
        help="leave out these problem codes, comma-separated codes or prefixes (FS221,FS0)",
    )

    check = commands.add_parser(
        "check",
        parents=[reading],
        help="validate a log: one problem a line as FILE:LINE:COLUMN: severity: message [CODE]",
        description="Validate a log: one problem a line as FILE:LINE:COLUMN: severity: "
        "message [CODE]. Exit 0 valid (warnings allowed), 1 errors, 2 usage or I/O error.",
        epilog=CODES_HELP,
    )
    check.add_argument(
        "--quiet", "-q", action="store_true", help="print errors only (and no progress bar)"
    )
    check.set_defaults(run=run_check)

    report = commands.add_parser(
        "report",
        parents=[reading],
        help="write weekly tables, charts and a PDF report into a folder",
    )
    report.add_argument("-o", "--out", required=True, metavar="DIR", help="output folder")
    report.add_argument(
        "--format",
        default="png",
        metavar="LIST",
        help="chart formats, comma-separated among png, svg, pdf (default png)",
    )
    report.add_argument(
        "--patient",
        metavar="NAME",
        help="the patient's name or id, on page 1 of the PDF and at the foot of every page",
    )
    report.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="no progress bar on stderr (a folder's read, the reports)",
    )
    report.add_argument(
        "--drop-invalid",
        action="store_true",
        help="report on the valid rows; the rejected lines are listed on stderr",
    )
    _add_window_options(report)
    report.set_defaults(run=run_report)
    _add_parser(commands)

    app = commands.add_parser(
        "app",
        help="open the app in your web browser: charts and the PDF, no code (needs '.[app]')",
    )
    app.add_argument(
        "log", metavar="LOG", nargs="?", help="a log (or a folder of logs) to open first"
    )
    app.add_argument(
        "--routine",
        "--program",
        metavar="TOML",
        help="your own routine file (--program: its old name)",
    )
    app.add_argument(
        "--participants",
        metavar="CSV",
        help="a participants table (participant, start[, end, group]) for a cohort log",
    )
    app.add_argument(
        "--port",
        type=_port,
        metavar="N",
        help="port on 127.0.0.1, 1-65535 (default: a free one)",
    )
    app.add_argument(
        "--no-browser", action="store_true", help="only print the address; open no browser"
    )
    app.set_defaults(run=run_app)
    return parser


def _add_parser(commands) -> None:
    from footstats.columns import DEFAULT_PAIN_SITES

    add = commands.add_parser(
        "add",
        help="add a row (or a whole session) to a log, keeping its format; never harms it",
        description="Add one row, a pain check-in, or the whole routine as prescribed "
        "(--session) at the end of LOG. LOG keeps its format; it is created with a header "
        "when it does not exist. Exit 0 written, 1 refused (the new rows have errors, listed "
        "as FILE:LINE:COLUMN like check, or the question was answered no), 2 usage or I/O "
        "error (nothing is written in either case).",
    )
    add.add_argument("log", metavar="LOG", help="the log CSV to add to")
    add.add_argument("--date", metavar="DATE", help="the session's date (default: today)")
    add.add_argument("--exercise", metavar="NAME", help="the exercise done, e.g. 'Heel raises'")
    add.add_argument("--sets", metavar="N", help="sets completed (with --exercise)")
    add.add_argument("--reps", metavar="N", help="reps per set")
    add.add_argument("--seconds", metavar="S", help="seconds per set or hold")
    add.add_argument("--side", metavar="SIDE", help="left, right or both")
    for site in DEFAULT_PAIN_SITES:
        add.add_argument(
            f"--pain-{site}", metavar="N", dest=f"pain_{site}", help=f"{site} pain, 0-10"
        )
    add.add_argument("--minutes", metavar="M", help="how long the session took")
    add.add_argument("--notes", metavar="TEXT", help="anything to remember")
    add.add_argument("--participant", metavar="ID", help="the participant (study logs)")
    add.add_argument(
        "--session",
        action="store_true",
        help="add the whole routine as prescribed, one row per exercise and side",
    )
    add.add_argument("--yes", "-y", action="store_true", help="--session: do not ask first")
    add.add_argument(
        "--routine",
        "--program",
        metavar="TOML",
        help="your own routine file (--program: its old name)",
    )
    add.add_argument("--encoding", metavar="ENC", help="the log's encoding when not UTF-8")
    add.add_argument(
        "--dayfirst", action="store_true", help="the log's dates are day first (03/04/2026)"
    )
    add.add_argument("--date-format", metavar="FMT", help="the log's date format, e.g. %%d.%%m.%%Y")
    add.set_defaults(run=run_add)


def _add_window_options(report: argparse.ArgumentParser) -> None:
    """``--weeks``, ``--until``, ``--participants``, ``--per-participant``: the follow-up
    window (footstats.follow_up) and the cohort's reports."""
    window = report.add_argument_group(
        "follow-up window",
        "By default each participant's weeks run from their first row to the log's last row.",
    )
    window.add_argument(
        "--weeks",
        type=_whole_weeks,
        metavar="N",
        help="a programme of N weeks from each participant's start",
    )
    window.add_argument(
        "--until",
        metavar="DATE",
        help="count every week up to DATE (YYYY-MM-DD) or 'today' for everyone",
    )
    window.add_argument(
        "--participants",
        metavar="FILE",
        help="participants CSV: participant,start[,end,weeks,group]",
    )
    window.add_argument(
        "--per-participant",
        action="store_true",
        help="also write each participant's own report into DIR/participants/<id>/",
    )


def _whole_weeks(text: str) -> int:
    from footstats.routine import MAX_WEEKS

    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of weeks >= 1, got {text!r}")
    if int(text) > MAX_WEEKS:
        raise argparse.ArgumentTypeError(
            f"{text} weeks is {int(text) // 52:,} years: a typo? (at most {MAX_WEEKS} weeks)"
        )
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        # a bar on stderr when it is a terminal (a folder's read, the reports), never with -q
        with progress_shown(False if getattr(args, "quiet", False) else None):
            return args.run(args)
    except _UsageError as exc:
        print(f"footstats: {_one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as exc:  # Ctrl-C: a sentence, not a traceback
        done = exc.args[0] if exc.args else "nothing was changed"
        print(f"footstats: interrupted; {done}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `footstats check LOG | head`: the reader left
        _stdout_to_nowhere()
        return EXIT_PIPE


def _read_options(args) -> ReadOptions:
    """The reading options of the command line (the routine loaded)."""
    from footstats.routine import RoutineError, load_routine

    try:
        routine = load_routine(args.routine)
    except RoutineError as exc:
        raise _UsageError(str(exc)) from None
    try:
        return ReadOptions(
            routine=routine,
            dayfirst=args.dayfirst,
            date_format=args.date_format,
            encoding=args.encoding,
            format=args.input_format,
            exercise_map=_load_map(args.map),
            habit=args.habit,
            excel_dates=args.excel_dates,
            timezone=args.timezone,
        )
    except UsageError as exc:  # a time zone the system does not know
        raise _UsageError(str(exc)) from None


def _load_map(path: str | None) -> dict[str, str] | None:
    if path is None:
        return None
    from footstats.core.inputs import read_regular_file

    try:
        data = tomllib.loads(read_regular_file(path).decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _UsageError(f"{path}: cannot read the exercise map: {exc}") from None
    except RecursionError:
        raise _UsageError(f"{path}: not an exercise map: nested too deeply") from None
    table = data.get("exercises", data)
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise _UsageError(f'{path}: expected lines like  "Calf Raise" = "heel_raises"')
    return table


def _load(args):
    """The LoadedLog of a file, or of every CSV in a folder, and the routine."""
    from footstats.importers import export_file

    options = _read_options(args)
    try:
        path = args.log
        if Path(path).is_dir():
            path = export_file(path, options)  # an app's unzipped export: its file
        if path is None:
            from footstats.reading.folders import load_logs

            return load_logs(args.log, options), options.routine
        from footstats.reading.log import load_log

        return load_log(path, options), options.routine
    except ValueError as exc:  # an option that does not fit (unknown format, bad map)
        raise _UsageError(str(exc)) from None


def _one_line(text) -> str:
    """``text`` with control characters escaped (``\\n``, ``\\x1b``): a file name holding a
    line break cannot forge an extra ``FILE:LINE:...`` line of output."""
    return str(text).translate(_ESCAPES)


_ESCAPES = {c: repr(chr(c))[1:-1] for c in [*range(32), 127, 0x85, 0x2028, 0x2029]}


def _print_problems(problems, every: bool, stream) -> None:
    """One line per problem; past :data:`SHOWN_PROBLEMS` (unless ``every``), counts by kind."""
    shown = None if every else SHOWN_PROBLEMS
    for line in format_problems(problems, shown):
        print(_one_line(line), file=stream)
    if shown is None or len(problems) <= shown:
        return
    rest = problems.iloc[shown:]
    summary = (
        f"... and {len(rest):,} more problems: {counted_by_kind(rest)}; --all prints every one"
    )
    print(_one_line(summary), file=stream)


def _code_filter(args):
    """The --select and --ignore patterns (a usage error for one no code matches)."""
    try:
        return code_patterns(args.select, "--select"), code_patterns(args.ignore, "--ignore")
    except ValueError as exc:
        raise _UsageError(str(exc)) from None


def _selected(problems, args):
    """The problems --select/--ignore keep, and a note on how many they left out."""
    select, ignore = _code_filter(args)
    kept = select_problems(problems, select, ignore)
    hidden = len(problems) - len(kept)
    return kept, (f"; {hidden} left out by --select/--ignore" if hidden else "")


def run_check(args) -> int:
    _code_filter(args)  # a bad pattern is a usage error before any reading
    loaded, _ = _load(args)
    problems, hidden = _selected(loaded.problems, args)
    shown = problems[problems["severity"] == "error"] if args.quiet else problems
    _print_problems(shown, args.all, sys.stdout)
    if not loaded.readable:  # said on stderr too, where a usage error goes
        print(
            f"footstats: {_one_line(loaded.file)}: not read; see the error above", file=sys.stderr
        )
        return EXIT_USAGE
    counts = count_by_severity(problems)
    print(
        f"{_one_line(loaded.file)}: {len(loaded.log)} rows loaded ({loaded.format} format); "
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['notice']} notices"
        + hidden,
        file=sys.stderr,
    )
    return EXIT_INVALID if counts["error"] else EXIT_OK


def run_report(args) -> int:
    from footstats.report.write import FORMATS, write_report

    formats = tuple(f.strip().lower() for f in args.format.split(",") if f.strip())
    if not formats or set(formats) - set(FORMATS):
        raise _UsageError(f"--format: expected {', '.join(FORMATS)}, got {args.format!r}")
    _code_filter(args)
    loaded, routine = _load(args)
    errors, hidden = _selected(loaded.errors, args)
    _print_problems(errors, args.all, sys.stderr)
    if not loaded.readable:
        return EXIT_USAGE
    if not loaded.ok:  # errors hidden by --select/--ignore still leave their rows out
        if not args.drop_invalid:
            print(
                f"{_one_line(loaded.file)}: not reported; fix the errors above{hidden}, or "
                "pass --drop-invalid to report on the valid rows",
                file=sys.stderr,
            )
            return EXIT_INVALID
        print(
            f"{_one_line(loaded.file)}: the {loaded.left_out_lines()} line(s) above were left "
            "out (--drop-invalid)",
            file=sys.stderr,
        )
        if loaded.log.empty:
            print(f"{_one_line(loaded.file)}: not reported: no valid rows remain", file=sys.stderr)
            return EXIT_INVALID
    spans = _window(args, loaded, routine)
    if spans is None:
        return EXIT_INVALID
    try:
        written = write_report(
            loaded.log,
            args.out,
            routine=routine,
            formats=formats,
            per_participant=args.per_participant,
            inputs=[name for name in (args.participants, args.routine, args.map) if name],
            window=spans,
            patient=args.patient,
            problems=loaded.problems,  # page 1 says what was left out, and why
        )
    except ValueError as exc:  # an output folder beside the input log, a bad --until
        raise _UsageError(str(exc)) from None
    except OSError as exc:
        raise _UsageError(f"cannot write to {args.out}: {exc.strerror or exc}") from None
    for path in written:
        print(_one_line(path))
    return EXIT_OK


def run_add(args) -> int:
    from datetime import date

    from footstats.columns import DEFAULT_PAIN_SITES
    from footstats.errors import AppendError, RowsRefused
    from footstats.routine import RoutineError, load_routine
    from footstats.writing.append import append_rows, plan_append, session_rows

    try:
        routine = load_routine(args.routine)
    except RoutineError as exc:
        raise _UsageError(str(exc)) from None
    day = args.date or date.today().isoformat()
    pain = {site: getattr(args, f"pain_{site}") for site in DEFAULT_PAIN_SITES}
    extras = {"pain": pain, "minutes": args.minutes, "notes": args.notes}
    extras["participant"] = args.participant
    dose = {"sets": args.sets, "reps": args.reps, "seconds": args.seconds, "side": args.side}
    if args.session and args.exercise:
        raise _UsageError("add: give --session or --exercise, not both")
    if args.exercise is None and not args.session and any(dose.values()):
        raise _UsageError("add: --sets, --reps, --seconds and --side need --exercise")
    if args.exercise is not None and args.sets is None:
        raise _UsageError("add: --exercise needs --sets (the sets completed; 0 for none)")
    if args.session:
        done = None
    elif args.exercise is not None:
        done = [{"exercise": args.exercise, **{k: v for k, v in dose.items() if v is not None}}]
    elif any(v is not None for v in pain.values()):
        done = []  # a pain check-in
    else:
        raise _UsageError(
            "add: nothing to add: give --exercise NAME --sets N, --session, or a pain value "
            "(--pain-back N) for a check-in"
        )
    rows = session_rows(day, routine=routine, done=done, **extras)
    options = ReadOptions(
        routine=routine,
        encoding=args.encoding,
        dayfirst=args.dayfirst,
        date_format=args.date_format,
    )
    asking = args.session and not args.yes
    try:
        if asking:
            asked = plan_append(args.log, rows, options=options)
            _print_lines(asked.messages())
            if not asked.ok:
                print(
                    f"{_one_line(args.log)}: nothing was written; fix the values above",
                    file=sys.stderr,
                )
                return EXIT_INVALID
            _print_lines(asked.preview())
            if not _confirmed("Add these rows? [y/N] "):
                print(f"{_one_line(args.log)}: nothing was written", file=sys.stderr)
                return EXIT_INVALID
            # Planned again and written under the log's lock, as shown (or not at all).
            plan = append_rows(
                args.log, rows, options=options, confirm=lambda again: again.text == asked.text
            )
        else:  # planned and written under the log's lock: two adds at once take turns
            plan = append_rows(args.log, rows, options=options)
    except RowsRefused as refused:
        _print_lines(format_problems(refused.problems))
        print(f"{_one_line(args.log)}: nothing was written; fix the values above", file=sys.stderr)
        return EXIT_INVALID
    except (AppendError, ValueError) as exc:
        raise _UsageError(str(exc)) from None
    # The rows are written: whatever happens now, the exit code says so (0); a retry after
    # exit 1 would add them twice.
    with _reader_may_leave():  # `footstats add ... | head`
        if not asking:
            _print_lines(plan.messages())
        done_text = plan.preview().replace("Add ", "Added ", 1).replace("Create ", "Created ", 1)
        _print_lines(done_text.split("\n")[0] if asking else done_text)
        try:
            summary = _week_summary(args, plan, options)
        except Exception as exc:
            print(
                f"footstats: notice: the rows were written, but the week's summary failed: {exc}",
                file=sys.stderr,
            )
        else:
            if summary:
                _print_lines(summary)
    return EXIT_OK


@contextmanager
def _reader_may_leave() -> Iterator[None]:
    """Output whose reader may have left (``| head``): no traceback, and the rest of the
    output goes nowhere."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_to_nowhere()


def _stdout_to_nowhere() -> None:
    """Point stdout at the null device, so that Python's flush at exit does not fail again."""
    import os

    nowhere = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nowhere, sys.stdout.fileno())


def _week_summary(args, plan, options) -> str | None:
    """Where the week of the added rows stands, their date and participant read from the
    log as the rows were (``--date-format``, ``--dayfirst``)."""
    from footstats.columns import DATE, LINE, PARTICIPANT
    from footstats.reading.log import load_log
    from footstats.writing.append import week_so_far

    log = load_log(args.log, options).log
    added = log[log[LINE].isin(list(plan.lines))]
    if added.empty:
        return None
    who = added[PARTICIPANT].iloc[0] if PARTICIPANT in added.columns else None
    return week_so_far(log, added[DATE].iloc[0], routine=options.routine, participant=who)


def _print_lines(text, stream=None) -> None:
    """``text`` (a string or a list of lines), one line at a time, control characters
    escaped: a name holding terminal escapes (clear the screen, set the title) is shown,
    never obeyed."""
    lines = text.split("\n") if isinstance(text, str) else text
    for line in lines:
        print(_one_line(line), file=stream or sys.stdout)


def _confirmed(question: str) -> bool:
    print(question, end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    return answer.strip().casefold() in ("y", "yes")


def run_app(args) -> int:
    """Serve the app with Voilà on 127.0.0.1 (Ctrl-C stops it) and open it in the browser
    with its token in the address (Voilà's own browser page lacks it and lands on a login
    page). With ``--no-browser`` this process becomes the server and Voilà prints the
    address."""
    import importlib.util
    import os

    from footstats.app import (
        LOG_ENV,
        PARTICIPANTS_ENV,
        ROUTINE_ENV,
        voila_command,
        voila_environment,
    )

    if importlib.util.find_spec("voila") is None:
        raise _UsageError("the app needs Voilà: pip install 'footstats[app]'")
    env = voila_environment()
    given = (
        (LOG_ENV, args.log),
        (ROUTINE_ENV, args.routine),
        (PARTICIPANTS_ENV, args.participants),
    )
    for name, value in given:
        if value is not None and not Path(value).exists():
            raise _UsageError(f"{value}: no such file")
        env[name] = str(Path(value).resolve()) if value else ""
    if args.no_browser:
        command = voila_command(args.port, open_browser=False)
        print(
            "footstats: the app: open the address printed below (Ctrl-C stops it)", file=sys.stderr
        )
        sys.stdout.flush()
        os.execve(command[0], command, env)  # no return: Voilà replaces this process
    return _serve_and_open(env, args.port)


def _serve_and_open(env: dict[str, str], port: int | None) -> int:
    """Start Voilà, open the browser on the page's address with its token once the server
    listens, and wait for the server to stop (Ctrl-C stops both)."""
    import secrets
    import subprocess
    import webbrowser

    from footstats.app import voila_command

    port = port or _free_port()
    token = secrets.token_urlsafe(24)
    url = f"http://127.0.0.1:{port}/?token={token}"
    server = subprocess.Popen(voila_command(port, open_browser=False, token=token), env=env)
    try:
        if _listening(server, port):
            print(f"footstats: the app is at {url} (Ctrl-C stops it)", file=sys.stderr)
            webbrowser.open(url)
        return server.wait()
    except KeyboardInterrupt:  # the terminal sent Ctrl-C to Voilà too: let it stop
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.terminate()
            server.wait()
        return EXIT_INTERRUPTED


def _port(text: str) -> int:
    """A port number of ``--port``: 1-65535."""
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: give a number from 1 to 65535")
    return port


def _free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _listening(server, port: int, seconds: float = 120.0) -> bool:
    """Whether ``server`` listens on ``port`` within ``seconds`` (False once it has ended)."""
    import socket
    import time

    deadline = time.monotonic() + seconds
    while server.poll() is None and time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def _window(args, loaded, routine):
    """The follow-up window of ``report``, resolved once into its spans, after printing
    its notices; None when the participants table has errors (printed)."""
    from footstats.errors import WindowError
    from footstats.metrics.followup import FollowUp, follow_up, stale_notice, window_notices

    table = None
    if args.participants is not None:
        from footstats.reading.participants import enrolment_problems, validate_participants

        loaded_table = validate_participants(
            args.participants,
            dayfirst=args.dayfirst,
            date_format=args.date_format,
            encoding=args.encoding,
        )
        problems = enrolment_problems(
            loaded.log, loaded_table.table, loaded.file, loaded_table.file
        )
        _print_lines(format_problems(loaded_table.problems) + format_problems(problems), sys.stderr)
        if not loaded_table.readable:
            raise _UsageError(f"cannot read the participants table {_one_line(args.participants)}")
        if not (loaded_table.ok and count_by_severity(problems)["error"] == 0):
            print(
                f"{_one_line(args.participants)}: not reported; fix the errors above",
                file=sys.stderr,
            )
            return None
        table = loaded_table.table
    try:
        window = FollowUp(weeks=args.weeks, until=args.until, participants=table)
        spans = follow_up(loaded.log, window, routine=routine)
    except WindowError as exc:
        raise _UsageError(str(exc)) from None
    notices = window_notices(spans)
    if window.until is None:
        stale = stale_notice(loaded.log)
        notices += [stale] if stale else []
    _print_lines([f"{loaded.file}: notice: {notice}" for notice in notices], sys.stderr)
    return spans


# -- choosing problems by code (--select, --ignore) ------------------------------------------


def code_patterns(text: str | None, option: str = "codes") -> tuple[str, ...]:
    """``"FS2, FS101"`` as patterns; raises ValueError naming a pattern no code matches.

    >>> code_patterns("fs2,FS101")
    ('FS2', 'FS101')
    """
    patterns = tuple(p.strip().upper() for p in (text or "").split(",") if p.strip())
    for pattern in patterns:
        if not any(code.startswith(pattern) for code in CODES):
            raise UsageError(
                f"{option}: {pattern!r} is not a problem code or the start of one (codes "
                "look like FS203; a prefix such as FS2 selects every FS2xx code); the list is in "
                "docs/problem-codes.md"
            )
    return patterns


def select_problems(problems: pd.DataFrame, select=(), ignore=()) -> pd.DataFrame:
    """The problems whose code starts with one of ``select`` (all when empty) and with
    none of ``ignore``; ``select``/``ignore`` are patterns of :func:`code_patterns`."""
    import pandas as pd  # here: `footstats --help` and `add` start without pandas

    codes = problems[CODE].astype("str")
    keep = codes.str.startswith(tuple(select)) if select else pd.Series(True, index=codes.index)
    if ignore:
        keep &= ~codes.str.startswith(tuple(ignore))
    return problems[keep.to_numpy(dtype=bool)]


if __name__ == "__main__":
    sys.exit(main())
