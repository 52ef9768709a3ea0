"""The ``footstats`` command: ``check`` a log, ``report`` on it.

Exit codes: 0 success (warnings allowed), 1 the log has errors, 2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

from . import __version__
from ._problems import count_by_severity, format_problems

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
footstats: is a home-exercise routine being done, and is it working?
A log is a CSV, one row per exercise per session: date,exercise,sets[,reps,seconds,side,pain_back,
pain_hip,pain_knee,minutes,notes]; a row with a date and pain but no exercise is a check-in."""


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
    reading.add_argument("log", metavar="LOG", help="the log CSV (or a folder of them)")
    reading.add_argument("--program", metavar="TOML", help="your own routine file")
    reading.add_argument(
        "--dayfirst", action="store_true", help="dates are day first (03/04/2026 = 3 April)"
    )
    reading.add_argument(
        "--date-format", metavar="FMT", help="explicit date format, e.g. %%m/%%d/%%Y"
    )
    reading.add_argument("--encoding", metavar="ENC", help="file encoding when not UTF-8")
    reading.add_argument(
        "--input-format", metavar="NAME", help="force the format: footstats, strong, hevy, loop"
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

    check = commands.add_parser(
        "check",
        parents=[reading],
        help="validate a log: one problem a line as FILE:LINE:COLUMN: severity: message",
    )
    check.add_argument("--quiet", "-q", action="store_true", help="print errors only")
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
        "--drop-invalid",
        action="store_true",
        help="report on the valid rows; the rejected lines are listed on stderr",
    )
    _add_window_options(report)
    report.set_defaults(run=run_report)
    return parser


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
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of weeks >= 1, got {text!r}")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except _UsageError as exc:
        print(f"footstats: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _read_options(args) -> dict:
    from .program import ProgramError, load_program

    try:
        program = load_program(args.program)
    except ProgramError as exc:
        raise _UsageError(str(exc)) from None
    return {
        "program": program,
        "dayfirst": args.dayfirst,
        "date_format": args.date_format,
        "encoding": args.encoding,
        "format": args.input_format,
        "exercise_map": _load_map(args.map),
        "habit": args.habit,
        "excel_dates": args.excel_dates,
    }


def _load_map(path: str | None) -> dict[str, str] | None:
    if path is None:
        return None
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _UsageError(f"{path}: cannot read the exercise map: {exc}") from None
    table = data.get("exercises", data)
    if not all(isinstance(v, str) for v in table.values()):
        raise _UsageError(f'{path}: expected lines like  "Calf Raise" = "heel_raises"')
    return table


def _load(args):
    """The LoadedLog of a file, or of every CSV in a folder, and the routine."""
    options = _read_options(args)
    try:
        if Path(args.log).is_dir():
            from .folders import validate_logs

            return validate_logs(args.log, **options), options["program"]
        from .log import validate_log

        return validate_log(args.log, **options), options["program"]
    except ValueError as exc:  # an option that does not fit (unknown format, bad map)
        raise _UsageError(str(exc)) from None


def run_check(args) -> int:
    loaded, _ = _load(args)
    problems = loaded.problems
    if args.quiet:
        problems = loaded.errors
    for line in format_problems(problems):
        print(line)
    if not loaded.readable:
        return EXIT_USAGE
    counts = count_by_severity(loaded.problems)
    print(
        f"{loaded.file}: {len(loaded.log)} rows loaded ({loaded.format} format); "
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['notice']} notices",
        file=sys.stderr,
    )
    return EXIT_OK if loaded.ok else EXIT_INVALID


def run_report(args) -> int:
    from .report import FORMATS, write_report

    formats = tuple(f.strip().lower() for f in args.format.split(",") if f.strip())
    if not formats or set(formats) - set(FORMATS):
        raise _UsageError(f"--format: expected {', '.join(FORMATS)}, got {args.format!r}")
    loaded, program = _load(args)
    for line in format_problems(loaded.errors):
        print(line, file=sys.stderr)
    if not loaded.readable:
        return EXIT_USAGE
    if not loaded.ok:
        if not args.drop_invalid:
            print(
                f"{loaded.file}: not reported; fix the errors above, or pass --drop-invalid "
                "to report on the valid rows",
                file=sys.stderr,
            )
            return EXIT_INVALID
        print(
            f"{loaded.file}: the {len(loaded.errors[['file', 'line']].drop_duplicates())} "
            "line(s) above were left "
            "out (--drop-invalid)",
            file=sys.stderr,
        )
    window = _window(args, loaded, program)
    if window is None:
        return EXIT_INVALID
    try:
        written = write_report(
            loaded.log,
            args.out,
            program=program,
            formats=formats,
            per_participant=args.per_participant,
            **window,
        )
    except ValueError as exc:  # an output folder beside the input log, a bad --until
        raise _UsageError(str(exc)) from None
    except OSError as exc:
        raise _UsageError(f"cannot write to {args.out}: {exc.strerror or exc}") from None
    for path in written:
        print(path)
    return EXIT_OK


def _window(args, loaded, program) -> dict | None:
    """The window options of ``report``, after printing their notices; None when the
    participants table has errors (printed)."""
    from .metrics import follow_up, stale_notice, window_notices

    window = {"weeks": args.weeks, "until": args.until}
    if args.participants is not None:
        from .participants import enrolment_problems, validate_participants

        table = validate_participants(
            args.participants,
            dayfirst=args.dayfirst,
            date_format=args.date_format,
            encoding=args.encoding,
        )
        problems = enrolment_problems(loaded.log, table.table, loaded.file, table.file)
        for line in format_problems(table.problems) + format_problems(problems):
            print(line, file=sys.stderr)
        if not table.readable:
            raise _UsageError(f"cannot read the participants table {args.participants}")
        if not (table.ok and count_by_severity(problems)["error"] == 0):
            print(f"{args.participants}: not reported; fix the errors above", file=sys.stderr)
            return None
        window["participants"] = table.table
    window = {name: value for name, value in window.items() if value is not None}
    try:
        spans = follow_up(loaded.log, program=program, **window)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    notices = window_notices(spans)
    if "until" not in window:
        stale = stale_notice(loaded.log)
        notices += [stale] if stale else []
    for notice in notices:
        print(f"{loaded.file}: notice: {notice}", file=sys.stderr)
    return window


if __name__ == "__main__":
    sys.exit(main())
