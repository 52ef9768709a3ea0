"""Exports: the weekly tables (CSV, JSON), the charts (PNG, SVG, PDF) and a PDF report.

This is what ``footstats report LOG -o DIR`` writes (docs/cli.md):

``frequency.csv``
    ``[participant,] week, sessions, target_min, target_max, target_met``: every week.
``sets.csv``
    ``[participant,] week, exercise, sets_done, sets_prescribed, completion``: routine
    exercises by id, weeks with at least one session.
``pain.csv``
    ``[participant,] week, site, mean, min, max, n``.
``summary.json``
    :func:`footstats.summarize`: the headline figures (per participant and for the cohort
    when the log has participants).
charts
    ``frequency``, ``calendar``, ``completion``, ``sets``, ``pain``, ``adherence_vs_pain``
    and ``dashboard``, one file per chart and format (``dashboard.png``: the PNGs of the
    dashboard's four charts two by two under its title). With several participants the
    charts show the cohort (see :mod:`footstats.charts.plots`).
``report.pdf``
    For a physiotherapist: a page of figures in words, then the charts, two to an A4 page,
    as the images of their PNG files (each chart is drawn and compressed once, see
    ``_render.py`` and ``_pdf_images.py``).

With a ``participant`` column (a cohort) also:

``participants.csv``
    :func:`footstats.cohort_table`: per participant the window, sessions, adherence,
    streaks, last session, drop-out week, pain change and group.
``study_weeks.csv``
    :func:`footstats.study_week_adherence`: per study week the participants observed and
    the share on target.
cohort charts
    ``study_weeks``, ``adherence_spread``, ``pain_waterfall`` and
    ``adherence_vs_pain_change`` (see :mod:`footstats.charts.cohort_plots`), also on the PDF's
    cohort pages.
``participants/<id>/``
    With ``per_participant=True`` (``--per-participant``): each participant's own report,
    over the same window, in a folder named after the id made safe as a file name.

Every metric counts the follow-up window (:func:`footstats.follow_up`): ``weeks``,
``until`` and ``participants`` are passed on to the metrics.

Weeks are ISO dates of their Monday. Every file is written atomically (a temporary file in
the same folder, then ``os.replace``), CSV text cells are neutralised against formula
injection, and nothing is written over or next to the input log.

Every number in ``summary.json`` and the CSVs is rounded to 4 decimal places
(:data:`footstats.metrics.readable.DECIMALS`); whole numbers stay whole.

The folder holds one report at a time, replaced whole; only files footstats made are
removed; nothing is written over an input or outside the folder; a private log gives a
private report: the folder transaction is :mod:`footstats.report.folder`.

Why one module of about 750 lines: the tables, the charts, the PDF and the per-participant
folders of one report share the ``_Report`` cache of metric tables and chart pixels. The
chart list is in :mod:`footstats.charts.registry`, the words of the PDF in ``_pdf_text.py``,
the pixels' reuse in ``_render.py``, the PDF's chart pages in ``_pdf_images.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import cached_property
from io import BytesIO
from os import PathLike
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from footstats.charts import registry as charts
from footstats.charts import render as _render
from footstats.charts.dashboard import dashboard_title, draw_dashboard
from footstats.charts.sizes import figsize
from footstats.columns import (
    COMPLETION,
    DATE,
    END,
    PARTICIPANT,
    SESSION_DONE,
    START,
    WEEK,
)
from footstats.core.docstrings import fill_docs
from footstats.core.guards import expect_log
from footstats.core.progress import tracked
from footstats.errors import UsageError
from footstats.metrics import cohort, tables
from footstats.metrics.followup import (
    FollowUp,
    follow_up,
    stale_notice,
    window_argument,
    window_notices,
)
from footstats.metrics.readable import round_numbers, round_table
from footstats.report.folder import (
    Permissions,
    input_files,
    output_folder,
    write_one,
    write_staged,
)
from footstats.report.pdf_images import append_image_pages
from footstats.report.pdf_text import (
    _dropout_sentence,
    _long_date,
    _participant_line,
    _person_blocks,
    _reading_blocks,
    _routine_blocks,
    _text_pages,
)
from footstats.routine import Routine, deprecated_program, resolve_routine
from footstats.writing.files import atomic_path, check_not_input, write_csv, write_json

__all__ = [
    "CHARTS",
    "FORMATS",
    "export_charts",
    "export_report",
    "export_tables",
    "write_report",
]

# Chart names, sizes, plot functions and PDF pages: the registry of footstats.charts.registry.
CHARTS = charts.chart_names()
COHORT_CHARTS = charts.chart_names(cohort=True)
FORMATS = ("png", "svg", "pdf")
REPORT_PDF = "report.pdf"
PARTICIPANTS_FOLDER = "participants"

# Charts of the PDF, two to a page.
_PDF_CHART_PAGES = charts.pdf_pages()
_PDF_COHORT_PAGES = charts.pdf_pages(cohort=True)
_MAX_LISTED_PARTICIPANTS = 100  # beyond this the PDF refers to summary.json
DPI = 150  # the PNG files' resolution, and the PDF's chart pages'
_DASHBOARD_GAP = 0.15  # inches between the charts of the dashboard's PNG


# -- public functions -------------------------------------------------------------------------


def export_tables(
    log: pd.DataFrame,
    out_dir: str | PathLike,
    *,
    routine: Routine | None = None,
    window: FollowUp | pd.DataFrame | None = None,
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    program: Routine | None = None,
) -> list[Path]:
    """Write ``frequency.csv``, ``sets.csv``, ``pain.csv`` and ``summary.json`` to ``out_dir``.

    Parameters
    ----------
    {log}
    out_dir : str or path-like
        The output folder (created when missing); not the input log's folder.
    {routine}
    {window}

    Returns
    -------
    list of Path
        The files written, in the order above.

    Examples
    --------
    >>> import footstats, tempfile
    >>> paths = export_tables(footstats.load_sample(), tempfile.mkdtemp())
    >>> [p.name for p in paths]
    ['frequency.csv', 'sets.csv', 'pain.csv', 'summary.json']
    """
    routine = deprecated_program(routine, program)
    expect_log(log, "export_tables")
    report = _Report(log, routine, window_argument(window, weeks, until, participants, log))
    inputs = input_files(log, routine, participants, getattr(window, "participants", None))
    rights = Permissions.of(inputs)
    folder = output_folder(out_dir, inputs, rights)
    return write_staged(folder, report.write_tables, inputs=inputs, permissions=rights)


def export_charts(
    log: pd.DataFrame,
    out_dir: str | PathLike,
    *,
    routine: Routine | None = None,
    formats: str | Sequence[str] = ("png",),
    dpi: int = DPI,
    window: FollowUp | pd.DataFrame | None = None,
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    program: Routine | None = None,
) -> list[Path]:
    """Write every chart to ``out_dir``, one file per chart and format.

    Parameters
    ----------
    {log}
    out_dir : str or path-like
        The output folder (created when missing); not the input log's folder.
    {routine}
    formats : sequence of {"png", "svg", "pdf"}, default ("png",)
        File formats; the file extension selects the format.
    dpi : int, default 150
        Resolution of the PNG files.
    {window}

    Returns
    -------
    list of Path
        ``<chart>.<format>`` for every chart of :data:`CHARTS`, chart by chart.

    Examples
    --------
    >>> import footstats, tempfile
    >>> paths = export_charts(footstats.load_sample(), tempfile.mkdtemp(), formats=("svg",))
    >>> paths[0].name
    'frequency.svg'
    """
    routine = deprecated_program(routine, program)
    expect_log(log, "export_charts")
    formats = _check_formats(formats)
    report = _Report(log, routine, window_argument(window, weeks, until, participants, log))
    inputs = input_files(log, routine, participants, getattr(window, "participants", None))
    rights = Permissions.of(inputs)
    return write_staged(
        output_folder(out_dir, inputs, rights),
        lambda staging: report.write_charts(staging, formats, dpi),
        inputs=inputs,
        permissions=rights,
    )


def export_report(
    log: pd.DataFrame,
    path: str | PathLike,
    *,
    routine: Routine | None = None,
    window: FollowUp | pd.DataFrame | None = None,
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    program: Routine | None = None,
    patient: str | None = None,
    problems: pd.DataFrame | None = None,
) -> Path:
    """Write a multi-page PDF report for a physiotherapist.

    Page 1 gives, in words and numbers, the period, the sessions, the session adherence,
    the streaks, the sets done against the prescription, the change of pain per site
    (Farrar 2001 and IMMPACT), and the routine's prescription; with participants, the
    cohort figures and one line per participant. The next pages hold the charts, two to
    an A4 page. The PDF's Title, Author ("footstats"), Subject and CreationDate are set.

    Parameters
    ----------
    {log}
    path : str or path-like
        The PDF file (its folder is created when missing); not next to the input log.
    {routine}
    {window}
    patient : str, optional
        The patient's name or id, on page 1 and at the foot of every page.
    problems : DataFrame, optional
        The problems the log was read with (:func:`footstats.validate_log`'s
        ``.problems``): page 1 then counts the lines left out and gives their first reasons.

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import footstats, tempfile
    >>> out = Path(tempfile.mkdtemp()) / "report.pdf"
    >>> export_report(footstats.load_sample(), out).read_bytes()[:4]
    b'%PDF'
    """
    routine = deprecated_program(routine, program)
    expect_log(log, "export_report")
    if not str(path).strip():
        raise UsageError("path is empty: give the PDF file to write (its folder is created)")
    report = _Report(
        log,
        routine,
        window_argument(window, weeks, until, participants, log),
        patient=patient,
        problems=problems,
    )
    target = Path(path)
    inputs = input_files(log, routine, participants, getattr(window, "participants", None))
    check_not_input(target, inputs)
    rights = Permissions.of(inputs)
    output_folder(target.parent, inputs, rights)
    # under the folder's lock, as every report writing into that folder
    return write_one(target, report.write_pdf, inputs=inputs, permissions=rights)


def write_report(
    log: pd.DataFrame,
    out_dir: str | PathLike,
    *,
    routine: Routine | None = None,
    formats: str | Sequence[str] = ("png",),
    window: FollowUp | pd.DataFrame | None = None,
    per_participant: bool = False,
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    program: Routine | None = None,
    inputs: Iterable[str | PathLike] = (),
    patient: str | None = None,
    problems: pd.DataFrame | None = None,
) -> list[Path]:
    """Write the tables, the charts and ``report.pdf`` into ``out_dir``.

    With ``per_participant=True`` (a log with participants), also each participant's own
    report into ``out_dir/participants/<id>/``, over the same follow-up window.

    This is what ``footstats report LOG -o DIR`` does. The metrics are computed once for
    all the files.

    Parameters
    ----------
    {log}
    out_dir : str or path-like
        The output folder, created when missing; not the input log's folder.
    {routine}
    formats : sequence of {"png", "svg", "pdf"}, default ("png",)
        Chart file formats.
    {window}
    per_participant : bool, default False
        Also write one personal report per participant (see above).
    inputs : sequence of paths, optional
        Other files this report was made from (``footstats report`` gives its
        ``--participants``, ``--routine`` and ``--map`` files): never written over. The
        log's own file, and a routine or participants table given as a path, count anyway.
    patient : str, optional
        The patient's name or id (``footstats report --patient``), on page 1 of the PDF
        and at the foot of every page. Each per-participant report names its participant.
    problems : DataFrame, optional
        The problems the log was read with (:func:`footstats.validate_log`'s
        ``.problems``): page 1 then counts the lines left out and gives their first reasons.

    Returns
    -------
    list of Path
        Every file written: the tables, the charts, then ``report.pdf`` (then the
        per-participant reports).

    Examples
    --------
    >>> import footstats, tempfile
    >>> paths = write_report(footstats.load_sample(), tempfile.mkdtemp())
    >>> paths[-1].name
    'report.pdf'
    """
    routine = deprecated_program(routine, program)
    expect_log(log, "write_report")
    formats = _check_formats(formats)
    if per_participant and PARTICIPANT not in log.columns:
        raise UsageError("per_participant needs a log with a participant column")
    report = _Report(
        log,
        routine,
        window_argument(window, weeks, until, participants, log),
        patient=patient,
        problems=problems,
    )

    def write(staging: Path) -> list[Path]:
        written = [
            *report.write_tables(staging),
            *report.write_charts(staging, formats, DPI),
            report.write_pdf(staging / REPORT_PDF),
        ]
        if per_participant:
            written += report.write_personal_reports(staging / PARTICIPANTS_FOLDER, formats)
        return written

    files = input_files(log, routine, participants, getattr(window, "participants", None), *inputs)
    rights = Permissions.of(files)
    folder = output_folder(out_dir, files, rights)
    subfolders = (PARTICIPANTS_FOLDER,) if per_participant else ()
    return write_staged(
        folder, write, whole=True, inputs=files, permissions=rights, folders=subfolders
    )


def _check_formats(formats) -> tuple[str, ...]:
    if isinstance(formats, str):
        formats = (formats,)
    chosen = tuple(f.lower().lstrip(".") for f in formats)
    unknown = sorted(set(chosen) - set(FORMATS))
    if unknown or not chosen:
        raise UsageError(f"formats must be among {', '.join(FORMATS)}; got {formats!r}")
    return tuple(dict.fromkeys(chosen))


# -- the report -------------------------------------------------------------------------------


class _Report:
    """A log, its routine, its follow-up window and its metric tables, each computed once
    when first needed. The window is resolved once into the spans every table counts."""

    def __init__(
        self,
        log: pd.DataFrame,
        routine: Routine | None = None,
        window: FollowUp | pd.DataFrame | None = None,
        *,
        patient: str | None = None,
        problems: pd.DataFrame | None = None,
    ) -> None:
        self.log = log
        self.problems = problems
        self.routine: Routine = resolve_routine(routine, log)
        self.follow_up = follow_up(log, window, routine=self.routine)
        if patient is None and PARTICIPANT in log.columns and len(self.follow_up) == 1:
            # one participant's rows: their id names the patient, whichever path made them
            patient = self.follow_up[PARTICIPANT].iloc[0]
        self.patient = None if patient is None else (str(patient).strip() or None)
        # A metric's table, each computed once, over the spans resolved above.
        self.table = charts.tables_of(log, routine=self.routine, window=self.follow_up)
        # Each chart's pixels and compressed pixels by (chart, dpi), and each chart's
        # figure, made once (see pixels, image, figure).
        self._pixels: dict[tuple[str, int], Any] = {}
        self._images: dict[tuple[str, int], _render.Image] = {}
        self._figures: dict[str, Any] = {}

    @property
    def weekly(self) -> pd.DataFrame:
        return self.table(tables.weekly_frequency)

    @property
    def sessions(self) -> pd.DataFrame:
        return self.table(tables.session_table)

    @property
    def weekly_sets(self) -> pd.DataFrame:
        return self.table(tables.weekly_sets)

    @property
    def weekly_pain(self) -> pd.DataFrame:
        return self.table(tables.weekly_pain)

    @property
    def change(self) -> pd.DataFrame:
        return self.table(tables.pain_change)

    @property
    def adherence(self) -> pd.DataFrame:
        return self.table(tables.adherence_vs_pain)

    @cached_property
    def summary(self) -> dict:
        return tables.summarize(self.log, routine=self.routine, window=self.follow_up)

    @property
    def participants(self) -> int:
        """The participants of the follow-up: with rows, or enrolled in the participants
        table without any (one count for every figure and chart of the report)."""
        if PARTICIPANT not in self.log.columns:
            return 0
        return len(self.follow_up)

    @property
    def is_cohort(self) -> bool:
        """A log with a participant column and two participants or more (with rows, or
        enrolled in the participants table) gets the cohort files too; one participant's
        rows (:func:`footstats.select_participant`) get a personal report, never cohort
        charts of one person."""
        return PARTICIPANT in self.log.columns and len(self.follow_up) > 1

    @property
    def cohort_table(self) -> pd.DataFrame:
        return self.table(cohort.cohort_table)

    @property
    def study_weeks(self) -> pd.DataFrame:
        return self.table(cohort.study_week_adherence)

    @property
    def charts(self) -> tuple[str, ...]:
        return CHARTS + (COHORT_CHARTS if self.is_cohort else ())

    # -- tables

    def write_tables(self, folder: Path, *, cohort: bool = True) -> list[Path]:
        # One rounding rule for every number in the files (footstats.metrics.readable.DECIMALS).
        written = [
            write_csv(round_table(_iso_weeks(self.weekly)), folder / "frequency.csv"),
            write_csv(round_table(_iso_weeks(self.weekly_sets)), folder / "sets.csv"),
            write_csv(round_table(_iso_weeks(self.weekly_pain)), folder / "pain.csv"),
            write_json(round_numbers(self.summary), folder / "summary.json"),
        ]
        if cohort and self.is_cohort:
            written += [
                write_csv(round_table(self.cohort_table), folder / "participants.csv"),
                write_csv(round_table(self.study_weeks), folder / "study_weeks.csv"),
            ]
        return written

    # -- one report per participant

    def write_personal_reports(self, folder: Path, formats: tuple[str, ...]) -> list[Path]:
        """Each participant's own report in ``folder/<safe id>/``, over their window here."""
        if PARTICIPANT not in self.log.columns:
            raise UsageError("per_participant needs a log with a participant column")
        written: list[Path] = []
        taken: set[str] = set()
        spans = self.follow_up
        reports = tracked(spans[PARTICIPANT], len(spans), "footstats: reports", unit="participant")
        for i, participant in enumerate(reports):
            target = _inside(folder, _safe_name(participant, taken))
            own = self.log[self.log[PARTICIPANT] == participant]
            if isinstance(own[PARTICIPANT].dtype, pd.CategoricalDtype):
                own = own.assign(**{PARTICIPANT: own[PARTICIPANT].astype("str")})
            # the participant's span in the cohort: the same weeks as in the cohort's files
            personal = _Report(
                own,
                self.routine,
                spans.iloc[[i]].reset_index(drop=True),
            )
            target.mkdir(parents=True, exist_ok=True)
            written += [
                *personal.write_tables(target, cohort=False),
                *personal.write_charts(target, formats, DPI, cohort=False),
                personal.write_pdf(target / REPORT_PDF, cohort=False),
            ]
        return written

    # -- charts

    def write_charts(
        self, folder: Path, formats: tuple[str, ...], dpi: int, *, cohort: bool = True
    ) -> list[Path]:
        written = []
        for chart in self.charts if cohort else CHARTS:
            for fmt in formats:
                target = folder / f"{chart}.{fmt}"
                with atomic_path(target) as tmp:
                    if fmt == "png":
                        _render.write_png(self.image(chart, dpi), tmp, dpi)
                    else:  # a vector format draws the chart's figure itself
                        self.figure(chart).savefig(tmp, dpi=dpi)
                written.append(target)
        return written

    def image(self, chart: str, dpi: int = DPI) -> _render.Image:
        """``chart``'s pixels compressed once: its PNG file and its image in the PDF."""
        key = (chart, dpi)
        if key not in self._images:
            self._images[key] = _render.compress(self.pixels(chart, dpi))
        return self._images[key]

    def pixels(self, chart: str, dpi: int = DPI):
        """``chart`` rendered once at ``dpi`` (RGB pixels): its PNG file, a tile of the
        dashboard's PNG and an image of the PDF's chart pages."""
        key = (chart, dpi)
        if key not in self._pixels:
            if chart == charts.DASHBOARD:
                tiles = [self.pixels(each.name, dpi) for each in charts.dashboard_charts()]
                gap = round(_DASHBOARD_GAP * dpi)
                width = 2 * max(tile.shape[1] for tile in tiles) + gap
                title = _render.title_strip(self.dashboard_title, width, dpi)
                self._pixels[key] = _render.mosaic(tiles, columns=2, gap=gap, title=title)
            else:
                figure = self.figure(chart)  # at DPI, drawn as it is made
                if key not in self._pixels:
                    self._pixels[key] = _render.render(figure, dpi)
        return self._pixels[key]

    def figure(self, chart: str):
        """The (pyplot-free) figure holding ``chart``, made once.

        Its subplots are placed by one measuring pass (:func:`_render.fit`), then it is
        drawn at :data:`DPI`; when the pass finds no room or that drawing reaches the
        figure's edge (texts tied to the data, or wider than their subplot, move with the
        subplots: one pass may not place them), the chart is made again with constrained
        layout, as drawn before this pass existed. The dashboard's four charts are placed
        by constrained layout.
        """
        if chart not in self._figures:
            if chart == charts.DASHBOARD:
                self._figures[chart] = self._new_figure(chart, layout="constrained")
            else:
                figure = self._new_figure(chart)
                fitted = _render.fit(figure, DPI)
                pixels = _render.render(figure, DPI) if fitted else None
                if pixels is None or _render.reaches_edge(pixels):
                    figure = self._new_figure(chart, layout="constrained")
                    pixels = _render.render(figure, DPI)
                self._figures[chart] = figure
                self._pixels[(chart, DPI)] = pixels
        return self._figures[chart]

    def _new_figure(self, chart: str, layout: Literal["constrained"] | None = None) -> Any:
        from matplotlib.figure import Figure

        size = figsize(chart, len(self.routine.exercises))
        figure = Figure(figsize=size, layout=layout)
        if chart == charts.DASHBOARD:
            draw_dashboard(figure, self.table, routine=self.routine, title=self.dashboard_title)
        else:
            self.draw(chart, figure.add_subplot())
        return figure

    @property
    def dashboard_title(self) -> str:
        return dashboard_title(self.log, self.routine, None, self.follow_up)

    def draw(self, chart: str, ax) -> None:
        charts.draw(chart, ax, self.table, routine=self.routine)

    # -- PDF

    def write_pdf(self, target: Path, *, cohort: bool = True) -> Path:
        _defer_font_subsetting()
        from matplotlib.backends.backend_pdf import PdfPages

        pages = _PDF_CHART_PAGES + (_PDF_COHORT_PAGES if cohort and self.is_cohort else ())
        text_pages = _text_pages(self.summary_blocks())
        total = len(text_pages) + len(pages)
        words = BytesIO()
        with PdfPages(words) as pdf:
            for number, page in enumerate(text_pages, start=1):
                _text_footer(page, self.footer(number, total))
                pdf.savefig(page)
            info = pdf.infodict()
            info["Title"] = f"footstats report: {self.routine.name}"
            info["Author"] = "footstats"
            info["Subject"] = self.subject
            info["Keywords"] = "home exercise, adherence, sets, pain"
            info["CreationDate"] = datetime.now(UTC)
        # The charts as compressed for their PNG files, two to a page, each with its
        # caption, and the patient and the page number at the foot of the page.
        images = [[self.image(name) for name in names] for names in pages]
        captions = [[charts.caption(name) for name in names] for names in pages]
        footers = [self.footer(len(text_pages) + i, total) for i in range(1, len(pages) + 1)]
        with atomic_path(target) as tmp:
            tmp.write_bytes(
                append_image_pages(
                    words.getvalue(), images, DPI, captions=captions, footers=footers
                )
            )
        return target

    def footer(self, number: int, total: int) -> str:
        """The foot of page ``number``: the report, the patient (when given), the page."""
        who = f" · Patient: {self.patient}" if self.patient else ""
        return f"footstats report{who} · page {number} of {total}"

    @property
    def subject(self) -> str:
        period = self.period_text or "no sessions yet"
        who = f", {self.participants} participants" if self.participants > 1 else ""
        return f"Sessions, sets and pain{who}: {period}"

    @property
    def period_text(self) -> str | None:
        """The follow-up window in words: its first and last day and its weeks."""
        spans = self.follow_up
        if spans.empty or "date" not in self.log.columns or self.log.empty:
            return None
        first, last = spans[START].min(), spans[END].max()
        weeks = max((last.to_period("W") - first.to_period("W")).n + 1, 0)
        notes = [f"{weeks} weeks"]
        latest = self.log[DATE].max()
        if pd.notna(latest) and latest.normalize() < last:
            notes.append(f"last entry {_long_date(latest)}")
        monday = last - pd.Timedelta(days=last.weekday())
        if last.weekday() != 6:  # the window ends before a Sunday: that week is in progress
            notes.append(f"the week of {_long_date(monday)} is in progress")
        return f"{_long_date(first)} to {_long_date(last)} ({'; '.join(notes)})"

    @property
    def notices(self) -> list[str]:
        """The window's notices: rows outside it, and a personal log whose window ends at
        an entry more than a week old (the weeks since are not counted)."""
        notices = window_notices(self.follow_up)
        ends = self.follow_up[END]
        personal = PARTICIPANT not in self.log.columns and len(ends) and not self.log.empty
        # the window ends at the last entry: say when that is more than a week ago
        if personal and ends.iloc[0] == self.log[DATE].max().normalize():
            stale = stale_notice(self.log)
            notices += [stale] if stale else []
        return notices

    def summary_blocks(self) -> list[tuple[str, str]]:
        """Page-1 content as (style, text) blocks; see :func:`_text_pages` for the styles."""
        blocks = [("title", "Home-exercise report"), ("subtitle", self.routine.name)]
        if self.patient:
            blocks.append(("body", f"Patient: {self.patient}."))
        blocks.append(("body", f"Period: {self.period_text or 'nothing logged yet'}."))
        blocks += _reading_blocks(self.log, self.problems, self.notices)
        entries = self.summary.get("participants", [self.summary])
        if len(entries) == 1:  # one person, with or without a participant column
            blocks += _person_blocks(entries[0], self.weekly, self.routine)
            blocks += self._sets_blocks()
        else:
            blocks += self._cohort_blocks()
        blocks += _routine_blocks(self.routine)
        blocks += [
            (
                "note",
                "Baseline = mean of a site's pain reports in its first 14 days, latest = mean "
                "of those in its last 14 days. Clinically important improvement (Farrar 2001): "
                "a fall of at least 2 points or 30 %. IMMPACT bands of reduction: < 10 % none, "
                "10-30 % minimal, 30-50 % moderate, >= 50 % substantial. Sessions and pain are "
                "shown side by side: an association, not evidence that the routine caused a "
                "change.",
            ),
            ("note", f"Made by footstats on {_long_date(datetime.now())}."),
        ]
        return blocks

    def _sets_blocks(self) -> list[tuple[str, str]]:
        blocks = [("heading", "Sets (in the sessions done)")]
        if self.weekly_sets.empty:
            habit_only = SESSION_DONE in self.log.columns
            text = (
                "This log records whole sessions only (a habit-tracker export), so there are "
                "no per-exercise sets to show."
                if habit_only
                else "No sets logged yet."
            )
            return [*blocks, ("body", text)]
        per_exercise = tables.exercise_completion(self.table(tables.session_sets))
        mean_completion = self.weekly_sets[COMPLETION].mean() * 100
        blocks.append(
            (
                "body",
                f"Mean completion {mean_completion:.0f} % of the prescribed sets per session, "
                "the mean of the completion chart's cells. Sets count up to the prescription "
                "(per side): more than prescribed counts as 100 % and never makes up for "
                "a missed set.",
            )
        )
        names = {e.id: e.name for e in self.routine.exercises}
        for row in per_exercise.itertuples(index=False):
            counted, prescribed = int(row.sets_counted), int(row.sets_prescribed)
            share = f" ({counted / prescribed * 100:.0f} %)" if prescribed else ""
            extra = int(row.sets_done) - counted
            beyond = f"; {extra} more beyond the prescription" if extra > 0 else ""
            blocks.append(
                (
                    "item",
                    f"{names.get(row.exercise, row.exercise)}: {counted} of {prescribed} sets"
                    f"{share}, done in {int(row.sessions_with)} of {int(row.sessions)} "
                    f"sessions{beyond}",
                )
            )
        return blocks

    def _cohort_blocks(self) -> list[tuple[str, str]]:
        cohort = self.summary["cohort"]
        entries = self.summary["participants"]
        median = cohort["median_adherence_pct"]
        share = cohort["share_clinically_important"]
        blocks = [
            ("heading", "Cohort"),
            ("body", f"Participants: {cohort['participants']}."),
            (
                "body",
                "Median session adherence: "
                + ("not available" if median is None else f"{median:.0f} %")
                + ".",
            ),
            (
                "body",
                "Clinically important improvement of pain at one site or more: "
                + (
                    "no pain reports"
                    if share is None
                    else f"{share * 100:.0f} % of the participants who reported pain"
                )
                + ".",
            ),
            ("body", _dropout_sentence(self.cohort_table)),
            ("heading", "Participants"),
        ]
        for entry in entries[:_MAX_LISTED_PARTICIPANTS]:
            blocks.append(("item", _participant_line(entry)))
        if len(entries) > _MAX_LISTED_PARTICIPANTS:
            rest = len(entries) - _MAX_LISTED_PARTICIPANTS
            blocks.append(("note", f"... and {rest} more participants: see summary.json."))
        return blocks


def _defer_font_subsetting() -> None:
    """Let ``fontTools.subset`` load when first used, not with matplotlib's PDF backend.

    The backend imports it at once (0.14-0.2 s of CPU, 3-4 % of a one-year report) but
    uses it only to embed TrueType fonts (``pdf.fonttype`` 42); the report's text pages
    use Type 3 fonts (matplotlib's default), which never touch it. The module is made a
    lazy one (:class:`importlib.util.LazyLoader`): it runs on its first attribute access,
    so a Type 42 PDF gets the same module, loaded then. Nothing is done when it is
    loaded already or cannot be found.
    """
    import importlib.util
    import sys

    name = "fontTools.subset"
    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)
    except ImportError:
        return
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    sys.modules["fontTools"].subset = module  # type: ignore[attr-defined]  # as import does


def _text_footer(page, text: str) -> None:
    """``text`` at the foot of a text page, as on the chart pages."""
    page.text(0.5, 0.25 / 11.69, text, ha="center", fontsize=8, color="0.35", parse_math=False)


def _iso_weeks(table: pd.DataFrame) -> pd.DataFrame:
    """The table with its week column as ISO date text (``2026-03-02``)."""
    if WEEK not in table.columns:
        return table
    return table.assign(**{WEEK: table[WEEK].dt.strftime("%Y-%m-%d")})


# -- per-participant folders ------------------------------------------------------------------

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10))}
_RESERVED |= {f"LPT{i}" for i in range(10)}


def _safe_name(participant, taken: set[str]) -> str:
    """A folder name for a participant id: letters, digits, ``.``, ``_`` and ``-`` only,
    no leading dot, not a reserved device name, unique (case-insensitively) in ``taken``."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", "" if pd.isna(participant) else str(participant))
    name = name.strip("._-")[:80] or "participant"
    if name.split(".")[0].upper() in _RESERVED:
        name = f"_{name}"
    unique, n = name, 1
    while unique.lower() in taken:
        n += 1
        unique = f"{name}-{n}"
    taken.add(unique.lower())
    return unique


def _inside(folder: Path, name: str) -> Path:
    """``folder / name``, checked to stay inside ``folder``."""
    target = folder / name
    if not target.resolve().is_relative_to(folder.resolve()):
        raise UsageError(f"participant folder {name!r} would leave {folder}")
    return target


fill_docs(globals())  # after the definitions, not a decorator: see footstats.core.docstrings
