"""The app: footstats for people who do not code (``footstats app [LOG]``, ``make app``).

Voilà serves the packaged notebook ``footstats/data/footstats.ipynb`` as a web page with
no code visible; the notebook's one cell calls :func:`show`. The page lets a person pick
the sample or upload a log (and, optionally, their own routine), says in plain words what
loaded and lists every problem line by line, shows the headline figures
(:func:`footstats.headline_table`), the dashboard and each chart with its "how to read it"
text, lets them choose a participant when the log has several, and offers the PDF report
and a zip of the charts and tables for download. For a cohort (a log with a ``participant``
column) it takes a participants table (uploaded, or ``FOOTSTATS_APP_PARTICIPANTS``), lists
every participant with their figures and shows the four cohort charts. Dates written
day-first or month-first are read when the person says so in plain words.

Idle kernels are culled: a page closed (or reloaded) leaves a kernel of 240-330 MB behind,
which the server shuts down after :data:`CULL_IDLE_SECONDS` without activity.

Everything shown comes from :func:`footstats.write_report`, run once per choice into a
temporary folder: the charts on the page are its PNG files, the download is its PDF and
the zip holds its tables and charts; the folder is deleted afterwards. The user's files are
only read. The log given on the command line reaches the notebook through the environment
variable ``FOOTSTATS_APP_LOG`` (and a routine through ``FOOTSTATS_APP_ROUTINE``).
"""

from __future__ import annotations

import base64
import html
import io
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from footstats.columns import PARTICIPANT
from footstats.core.problems import SHOWN_PROBLEMS, counted_by_kind
from footstats.metrics import tables as metrics
from footstats.metrics.cohort import cohort_table
from footstats.metrics.followup import FOLLOW_UP, FollowUp, select_participant
from footstats.metrics.readable import headline_table
from footstats.notebook import plain_message, table
from footstats.reading.log import SAMPLE, LoadedLog, validate_log
from footstats.reading.participants import read_participants
from footstats.report.write import REPORT_PDF, write_report
from footstats.routine import Routine, RoutineError, load_routine, resolve_routine

__all__ = [
    "APP_NOTEBOOK",
    "CHART_GUIDES",
    "CULL_IDLE_SECONDS",
    "CULL_INTERVAL_SECONDS",
    "DATE_ORDERS",
    "LOG_ENV",
    "PARTICIPANTS_ENV",
    "ROUTINE_ENV",
    "AppOutputs",
    "loaded_in_words",
    "make_outputs",
    "problems_html",
    "problems_in_words",
    "show",
    "voila_command",
    "voila_environment",
]

APP_NOTEBOOK = Path(__file__).with_name("data") / "footstats.ipynb"
LOG_ENV = "FOOTSTATS_APP_LOG"
ROUTINE_ENV = "FOOTSTATS_APP_ROUTINE"
PARTICIPANTS_ENV = "FOOTSTATS_APP_PARTICIPANTS"
# A kernel without activity for this long is shut down (checked every CULL_INTERVAL_SECONDS).
CULL_IDLE_SECONDS = 600
CULL_INTERVAL_SECONDS = 60
# The page's template (Voilà's lab template without its CDN style sheets), found by Voilà
# through JUPYTER_PATH, and Voilà's settings (voila.json), through JUPYTER_CONFIG_PATH: both
# set by voila_environment.
TEMPLATE = "footstats"
TEMPLATE_ROOT = Path(__file__).with_name("data") / "jupyter"
CONFIG_ROOT = Path(__file__).with_name("data") / "jupyter-config"
# The largest file the page takes: an upload travels in one websocket message, which
# Tornado caps at 10 MiB unless told otherwise (a bigger upload was dropped without a
# word). voila.json raises the cap to this, and the page says it.
UPLOAD_LIMIT_BYTES = 256 * 1024 * 1024
# How the dates of the log are written, in words -> the reading options that say so.
DATE_ORDERS: dict[str, dict[str, Any]] = {
    "year-month-day (2026-04-03)": {},
    "day first (03/04/2026 is 3 April)": {"dayfirst": True},
    "month first (04/03/2026 is April 3)": {"date_format": "%m/%d/%Y"},
}
_DATE_ADVICE = ", or choose how your dates are written above"
SAMPLE_CHOICE = "The sample log (made-up data)"
EVERYONE = "Everyone (the cohort)"

# chart -> (heading, how to read it); the dashboard first, then the charts of notebooks 02-04.
CHART_GUIDES = {
    "dashboard": (
        "Everything at a glance",
        "Sessions per week (top left), how complete the sessions were (top right), pain per "
        "week (bottom left) and sessions beside pain (bottom right). Each is shown larger "
        "below, with how to read it.",
    ),
    "frequency": (
        "How often: sessions per week",
        "Each bar is one week. Blue bars met the target, orange bars did not; the green "
        "band is the target. A week with no session shows an orange × on the axis. Look "
        "for a steady row of blue bars; a run of orange is worth talking about (holiday, "
        "illness, pain?).",
    ),
    "calendar": (
        "Calendar of session days",
        "Each column is a week (Monday at the top), each square a day: blue for a day with "
        "a session, grey for a day without. A regular pattern is easier to keep up than "
        "bursts; whole grey columns are weeks without a session.",
    ),
    "completion": (
        "How complete: sets done, by exercise and week",
        "Rows are the routine's exercises, columns are weeks. The number is the percentage "
        "of the prescribed sets done that week; bright yellow is 100 %, darker is lower, "
        "blank is a week without a session. A row that is often dark points to an exercise "
        "that is skipped or cut short.",
    ),
    "sets": (
        "Sets done against the prescription, in total",
        "One bar per exercise over the whole log. The outline is what was prescribed for "
        "the sessions done, the blue bar what was done, green beyond the outline extra "
        "sets. The label gives done / prescribed (percentage).",
    ),
    "pain": (
        "Is it working: pain per week",
        "One colour per body site, on the 0-10 scale. The line is the weekly average, the "
        "shaded band the lowest to highest report of the week. The dotted line is where "
        "the site started; below the dash-dot line the fall is clinically important (2 "
        "points or 30 %).",
    ),
    "adherence_vs_pain": (
        "Sessions beside pain",
        "Light blue bars are sessions per week (left axis), the lines the weekly average "
        "pain per site (right axis). Pain falling after regular weeks is an association, "
        "not proof that the routine caused it: use it to start a conversation with your "
        "physiotherapist.",
    ),
}

# the cohort's charts (a log with several participants, everyone chosen), first on the page
COHORT_GUIDES = {
    "study_weeks": (
        "Who keeps going: adherence by study week",
        "Study week 1 is each participant's first week. The points are the share of the "
        "participants followed that week who met the weekly target; the grey steps count "
        "the participants still followed. A falling share with a steady count means people "
        "are stopping.",
    ),
    "adherence_spread": (
        "The spread of adherence",
        "One dot per participant, a box per group (the middle half of the participants, the "
        "line at the median). Groups side by side describe the cohort; they do not test which "
        "group does better.",
    ),
    "pain_waterfall": (
        "Each participant's change of pain, ranked",
        "One bar per participant with pain reports, from the largest fall (left) to the "
        "largest rise (right). A fall of at least 2 points or 30 % is clinically important.",
    ),
    "adherence_vs_pain_change": (
        "Adherence and change of pain",
        "One point per participant. A cloud sloping down would mean those who did more "
        "sessions tended to improve more: an association, not proof.",
    ),
}

# severity -> what happened to the line, in words
_OUTCOME = {
    "error": "not loaded: fix this line in your file",
    "warning": "loaded, but please check it",
    "notice": "loaded; nothing to do",
}


# -- plain words --------------------------------------------------------------------------------


def problems_in_words(problems: pd.DataFrame, date_advice: str = _DATE_ADVICE) -> pd.DataFrame:
    """The problems of a log as a table for people: line, column, value, problem, outcome.

    Examples
    --------
    >>> from io import StringIO
    >>> text = "date,exercise,sets,pain_back\\n2026-03-02,Toe walking,6,11\\n"
    >>> loaded = validate_log(StringIO(text))
    >>> problems_in_words(loaded.problems).iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'Line': 2, 'Column': 'pain_back', 'Value': '11',
     'What footstats found': '11 is outside 0–10 (pain is a 0–10 rating)',
     'What happened': 'not loaded: fix this line in your file'}
    """
    return pd.DataFrame(
        {
            "Line": problems["line"],
            "Column": problems["column"],
            "Value": problems["value"],
            "What footstats found": problems["message"].map(
                lambda message: plain_message(str(message), date_advice)
            ),
            "What happened": problems["severity"].map(_OUTCOME).fillna(problems["severity"]),
        }
    ).reset_index(drop=True)


def loaded_in_words(loaded: LoadedLog, routine: Routine | None = None) -> str:
    """One or two sentences: what loaded, over which days, and what to do about problems.

    Examples
    --------
    >>> from io import StringIO
    >>> text = "date,exercise,sets\\n2026-03-02,Toe walking,6\\n2026-03-04,Toe walking,x\\n"
    >>> loaded_in_words(validate_log(StringIO(text)))  # doctest: +ELLIPSIS
    '<buffer>: 1 row loaded, 1 session from 2 Mar 2026 to 2 Mar 2026. 1 line with errors was...'
    """
    name = Path(loaded.file).name
    if not loaded.readable:
        return f"{name}: could not be opened. {_first_message(loaded.problems)}"
    counts = loaded.problems["severity"].value_counts()
    rows = len(loaded.log)
    text = f"{name}: {_plural(rows, 'row')} loaded"
    if rows:
        sessions = len(metrics.session_table(loaded.log, routine=routine))
        first, last = loaded.log["date"].min(), loaded.log["date"].max()
        text += f", {_plural(sessions, 'session')} from {_day(first)} to {_day(last)}"
    text += "."
    if loaded.dialect:
        text += f" Read as {loaded.dialect}."
    errors = loaded.errors[["file", "line"]].drop_duplicates()  # a folder: lines of each file
    if len(errors):
        text += (
            f" {_plural(len(errors), 'line')} with errors {'was' if len(errors) == 1 else 'were'}"
            " left out: the figures below use the rows that loaded. Fix the lines listed"
            " below and load the file again."
        )
    others = [_plural(int(counts.get(severity, 0)), severity) for severity in ("warning", "notice")]
    others = [o for o in others if not o.startswith("0 ")]
    if others:
        text += f" {' and '.join(others)}: see the table below."
    elif not len(errors):
        text += " No problems found."
    return text


# -- the files ---------------------------------------------------------------------------------


@dataclass
class AppOutputs:
    """What the page shows and offers: the charts, the headline table and the downloads."""

    charts: dict[str, bytes]  # chart -> PNG
    headline: pd.DataFrame
    pdf: bytes
    zip: bytes
    files: list[str] = field(default_factory=list)  # the names inside the zip
    participants: pd.DataFrame | None = None  # a cohort, everyone chosen: one row each


def make_outputs(
    log: pd.DataFrame,
    routine: Routine | None = None,
    participant: Any = None,
    window: FollowUp | None = None,
    problems: pd.DataFrame | None = None,
) -> AppOutputs:
    """Run :func:`footstats.write_report` into a temporary folder and keep its files in memory.

    With ``participant``, only that participant's rows are reported, over the window they
    have in the whole log (:func:`footstats.select_participant`): the same figures as in
    the report of everyone. ``window``: the follow-up window (:class:`footstats.FollowUp`).
    ``problems``: those of the file read, said on page 1 of the report of the whole log
    (as ``footstats report`` does; a participant's own report, as with
    ``--per-participant``, does not list them).
    """
    routine = resolve_routine(routine, log)
    log = select_participant(log, participant, window, routine=routine)
    spans = log.attrs[FOLLOW_UP]  # resolved once, on the whole log
    summary = metrics.summarize(log, routine=routine, window=spans)
    people = None
    if participant is None and PARTICIPANT in log.columns and log[PARTICIPANT].nunique() > 1:
        people = cohort_table(log, routine=routine, window=spans)
    with tempfile.TemporaryDirectory(prefix="footstats-app-") as tmp:
        written = write_report(
            log,
            Path(tmp) / "report",
            routine=routine,
            window=spans,
            problems=problems if participant is None else None,
        )
        charts = {p.stem: p.read_bytes() for p in written if p.suffix == ".png"}
        pdf = next(p for p in written if p.name == REPORT_PDF).read_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in written:
                if path.name != REPORT_PDF:
                    archive.write(path, arcname=path.name)
    return AppOutputs(
        charts={chart: charts[chart] for chart in _GUIDES if chart in charts},
        headline=headline_table(summary),
        pdf=pdf,
        zip=buffer.getvalue(),
        files=[p.name for p in written if p.name != REPORT_PDF],
        participants=people,
    )


_GUIDES = {**COHORT_GUIDES, **CHART_GUIDES}  # a cohort's own charts first


def voila_command(
    port: int | None = None,
    *,
    open_browser: bool = True,
    token: str | None = None,
    cull_idle: int = CULL_IDLE_SECONDS,
    cull_interval: int = CULL_INTERVAL_SECONDS,
) -> list[str]:
    """The command that serves the app with Voilà on 127.0.0.1 (``footstats app`` runs it).

    The page needs a token in its URL (random unless ``token`` is given), so other users
    of the computer cannot open it; the browser Voilà opens has it. A page's kernel that
    is idle for ``cull_idle`` seconds (a page closed or reloaded) is shut down; the server
    looks every ``cull_interval`` seconds.
    """
    import sys

    command = [
        sys.executable,
        "-m",
        "voila",
        str(APP_NOTEBOOK),
        "--Voila.ip=127.0.0.1",
        "--token" if token is None else f"--token={token}",
        f"--template={TEMPLATE}",
        "--theme=light",
        "--show_tracebacks=False",
        f"--MappingKernelManager.cull_idle_timeout={cull_idle}",
        f"--MappingKernelManager.cull_interval={cull_interval}",
    ]
    if port is not None:
        command += [f"--port={port}", "--Voila.port_retries=0"]
    if not open_browser:
        command.append("--no-browser")
    return command


def voila_environment(environ: dict[str, str] | None = None) -> dict[str, str]:
    """The environment :func:`voila_command` runs in: ``environ`` (default: this process's)
    with footstats' page template first on ``JUPYTER_PATH`` and its Voilà settings (the
    upload limit) on ``JUPYTER_CONFIG_PATH``.

    >>> voila_environment({})["JUPYTER_PATH"] == str(TEMPLATE_ROOT)
    True
    """
    env = dict(os.environ if environ is None else environ)
    for name, folder in (("JUPYTER_PATH", TEMPLATE_ROOT), ("JUPYTER_CONFIG_PATH", CONFIG_ROOT)):
        env[name] = os.pathsep.join([str(folder), *filter(None, [env.get(name)])])
    return env


# -- the page ----------------------------------------------------------------------------------


class _App:
    """The widgets of the page and what happens when a choice changes."""

    def __init__(
        self, log_path: str | None, routine_path: str | None, participants_path: str | None = None
    ):
        import ipywidgets as widgets

        self.widgets = widgets
        self.sources: dict[str, str | tuple[str, bytes]] = {}  # label -> path or upload
        if log_path:
            self.sources[Path(log_path).name or log_path] = log_path
        sample = resources.files("footstats") / "data" / SAMPLE
        self.sources[SAMPLE_CHOICE] = (SAMPLE, sample.read_bytes())
        self.routine_path = routine_path
        self.routine: Routine | None = None
        self.loaded: LoadedLog | None = None
        self.table: pd.DataFrame | None = None  # the participants table, once read
        self.quiet = False  # True while the code itself changes a dropdown

        self.choice = widgets.Dropdown(
            options=[*self.sources], description="Log:", layout=widgets.Layout(width="420px")
        )
        self.upload = _upload(widgets, ".csv,.txt,.tsv", "log")
        self.routine_upload = _upload(widgets, ".toml", "routine", width="220px")
        self.routine_text = widgets.HTML()
        self.dates = widgets.Dropdown(
            options=list(DATE_ORDERS),
            description="Dates in the log are written:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="520px"),
        )
        self.dates.add_class("footstats-dates")
        self.table_upload = _upload(widgets, ".csv,.txt", "participants", width="260px")
        self.table_text = widgets.HTML()
        self.table_text.add_class("footstats-table-text")
        self.participant = widgets.Dropdown(
            description="Participant:", layout=widgets.Layout(width="420px", display="none")
        )
        # The follow-up window: which weeks count (weeks with no session count as missed).
        self.until = widgets.Dropdown(
            options=[("the last entry", None), ("today", "today")],
            description="Count weeks up to:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="300px"),
        )
        self.weeks = widgets.BoundedIntText(
            value=0,
            min=0,
            max=520,
            description="Programme length in weeks (0: not set):",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="340px"),
        )
        self.window_text = widgets.HTML()
        self.window_text.add_class("footstats-window")
        self.status = widgets.HTML()
        self.status.add_class("footstats-status")
        self.problems = widgets.HTML()
        self.problems.add_class("footstats-problems")
        self.results = widgets.VBox()

        self.choice.observe(self._on_choice, names="value")
        self.upload.observe(self._on_upload, names="value")
        self.routine_upload.observe(self._on_routine, names="value")
        self.dates.observe(self._on_dates, names="value")
        self.table_upload.observe(self._on_table, names="value")
        self.participant.observe(self._on_participant, names="value")
        self.until.observe(self._on_participant, names="value")
        self.weeks.observe(self._on_participant, names="value")

        intro = widgets.HTML(
            _STYLE + "<h1>footstats</h1><p>Is the home-exercise routine being done, and is it "
            "working? Pick a log or upload your own (a CSV file, one row per exercise per "
            "session; files up to "
            f"{UPLOAD_LIMIT_BYTES // (1024 * 1024)} MB). Everything stays on this computer; "
            "your file is only read.</p>"
        )
        self.page = widgets.VBox(
            [
                intro,
                widgets.HBox([self.choice, self.upload]),
                widgets.HBox([self.routine_upload, self.routine_text]),
                self.dates,
                widgets.HBox([self.table_upload, self.table_text]),
                self.participant,
                widgets.HBox([self.until, self.weeks]),
                self.window_text,
                self.status,
                self.problems,
                self.results,
            ],
            layout=widgets.Layout(max_width="1000px", padding="0 1em"),
        )
        self.page.add_class("footstats-app")
        self._load_routine(routine_path)
        if participants_path:
            self._load_table(participants_path, Path(participants_path).name)
        self._load(self.sources[self.choice.value])

    # -- events

    def _on_choice(self, change):
        if not self.quiet and change["new"] in self.sources:
            self._load(self.sources[change["new"]])

    def _on_upload(self, change):
        if not change["new"]:
            return
        uploaded = change["new"][0]
        name = Path(uploaded["name"]).name
        label = f"{name} (uploaded)"
        self.sources[label] = (name, bytes(uploaded["content"]))
        self.quiet = True  # new options reset the value: load once, below
        try:
            self.choice.options = [*self.sources]
            self.choice.value = label
        finally:
            self.quiet = False
        self._load(self.sources[label])

    def _on_routine(self, change):
        if not change["new"]:
            return
        uploaded = change["new"][0]
        name = Path(uploaded["name"]).name
        with tempfile.TemporaryDirectory(prefix="footstats-app-") as tmp:
            # the file is saved under a name of footstats' choosing: the person's file name
            # may be too long for this file system (the upload vanished without a word)
            path = Path(tmp) / "routine.toml"
            path.write_bytes(bytes(uploaded["content"]))
            self._load_routine(path, label=name)
        self._load(self.sources[self.choice.value])

    def _on_dates(self, change):
        self._load(self.sources[self.choice.value])

    def _on_table(self, change):
        if not change["new"]:
            return
        uploaded = change["new"][0]
        buffer = io.BytesIO(bytes(uploaded["content"]))
        buffer.name = Path(uploaded["name"]).name
        self._load_table(buffer, buffer.name)
        if self.loaded is not None:
            self._show_outputs()

    def _load_table(self, source, name: str) -> None:
        """Read a participants table: its starts, ends and groups set each one's window."""
        try:
            self.table = read_participants(source, **DATE_ORDERS[self.dates.value])
        except ValueError as exc:  # LogError: every problem, with its line and column
            self.table = None
            self.table_text.value = _paragraph(
                f"This participants table cannot be used: {plain_message(str(exc))}", error=True
            )
            return
        self.table_text.value = _paragraph(
            f"Participants table: {name}, {_plural(len(self.table), 'participant')}."
        )

    def _on_participant(self, change):
        if not self.quiet and self.loaded is not None:
            self._show_outputs()

    # -- steps

    def _load_routine(self, path, label: str | None = None) -> None:
        try:
            self.routine = load_routine(path)
        except RoutineError as exc:
            message = str(exc).replace(str(path), label) if label else str(exc)
            self.routine = self.routine or load_routine()
            self.routine_text.value = _paragraph(
                f"This routine file cannot be used: {message}. Still using: {self.routine.name}.",
                error=True,
            )
            return
        self.routine_text.value = _paragraph(f"Routine: {self.routine.name}.")

    def _load(self, source: str | tuple[str, bytes]) -> None:
        if isinstance(source, tuple):
            name, content = source
            buffer = io.BytesIO(content)
            buffer.name = name  # problems then name the file the person picked
            self.loaded = validate_log(buffer, routine=self.routine, **self._dates())
        elif Path(source).is_dir():  # a folder of logs, one participant a file
            from footstats.reading.folders import validate_logs

            self.loaded = validate_logs(source, routine=self.routine, **self._dates())
        else:
            self.loaded = validate_log(source, routine=self.routine, **self._dates())
        loaded = self.loaded
        self.status.value = _paragraph(
            loaded_in_words(loaded, self.routine), error=not loaded.ok or not loaded.readable
        )
        self.problems.value = problems_html(loaded.problems)
        self._set_participants()
        self._show_outputs()

    def chosen(self) -> Any:
        """The participant chosen, None for everyone (the list shows "Everyone" by name)."""
        value = self.participant.value
        return None if value == "" else value

    def _dates(self) -> dict[str, Any]:
        return DATE_ORDERS[self.dates.value]

    def window(self) -> FollowUp:
        """The follow-up window chosen on the page (up to a day, a programme's weeks, the
        participants table)."""
        return FollowUp(
            until=self.until.value, weeks=self.weeks.value or None, participants=self.table
        )

    def _window_notices(self, window: FollowUp) -> list[str]:
        log = select_participant(self._loaded.log, self.chosen(), window, routine=self.routine)
        notices = metrics.window_notices(log.attrs[FOLLOW_UP])
        stale = None if window.until is not None else metrics.stale_notice(log)
        if stale:
            notices.append(stale.replace("use --until today", "choose 'today' above"))
        notices = [plain_message(notice) for notice in notices]
        return [notice[0].upper() + notice[1:] + "." for notice in notices]

    @property
    def _loaded(self) -> LoadedLog:
        if self.loaded is None:
            raise RuntimeError("no log loaded yet")  # the page loads one before it shows
        return self.loaded

    def _set_participants(self) -> None:
        log = self._loaded.log
        if PARTICIPANT not in log.columns or log[PARTICIPANT].nunique() < 2:
            self.quiet = True
            try:
                self.participant.options = [(EVERYONE, "")]
            finally:
                self.quiet = False
            self.participant.layout.display = "none"
            return
        ids = sorted(log[PARTICIPANT].dropna().unique().tolist(), key=str)
        self.quiet = True
        try:
            self.participant.options = [(EVERYONE, ""), *[(str(i), i) for i in ids]]
            self.participant.value = ""  # None would show a blank list
        finally:
            self.quiet = False
        self.participant.layout.display = "flex"

    def _show_outputs(self) -> None:
        widgets = self.widgets
        log = self._loaded.log
        if log.empty:
            self.results.children = [
                widgets.HTML(_paragraph("Nothing loaded, so there is nothing to chart yet."))
            ]
            return
        self.results.children = [widgets.HTML(_paragraph("Drawing the charts..."))]
        window = self.window()
        try:
            self.window_text.value = _paragraph(" ".join(self._window_notices(window)))
            outputs = make_outputs(
                log, self.routine, self.chosen(), window, problems=self._loaded.problems
            )
        except (ValueError, OSError) as exc:
            self.results.children = [
                widgets.HTML(_paragraph(f"The report could not be made: {exc}", error=True))
            ]
            return
        stem = Path(self._loaded.file).stem or "log"
        if self.chosen() is not None:
            stem += f"_{self.chosen()}"
        downloads = widgets.HTML(
            "<h2>Take it to your physiotherapist</h2><p>"
            + _download_link(
                outputs.pdf, f"{stem}_report.pdf", "application/pdf", "Download the PDF report"
            )
            + _download_link(
                outputs.zip,
                f"{stem}_charts_and_tables.zip",
                "application/zip",
                "Download the charts and tables (zip)",
            )
            + "</p>"
        )
        children = [
            widgets.HTML("<h2>The headline figures</h2>" + _headline_html(outputs.headline)),
            downloads,
        ]
        if outputs.participants is not None:
            columns = [c for c in _PEOPLE if c in outputs.participants.columns]
            people = table(outputs.participants[columns])._repr_html_()
            listing = widgets.HTML(
                "<h2>Participants</h2><p>One row per participant over their follow-up window "
                "(a week without a session counts as 0). The drop-out week is the study week of "
                "the last session when only empty weeks follow it. Choose a participant above "
                "for their own charts and report.</p>" + people
            )
            listing.add_class("footstats-participants")
            children.append(listing)
        for chart, png in outputs.charts.items():
            heading, guide = _GUIDES[chart]
            children += [
                widgets.HTML(f"<h2>{html.escape(heading)}</h2>"),
                widgets.Image(
                    value=png, format="png", layout=widgets.Layout(max_width="100%", height="auto")
                ),
                widgets.HTML(_paragraph(f"How to read it: {guide}")),
            ]
        self.results.children = children


def problems_html(problems: pd.DataFrame, shown: int = SHOWN_PROBLEMS) -> str:
    """The page's list of problems: the first ``shown`` line by line, then the rest counted
    by kind (as ``footstats check`` does: 300,000 bad rows made a 112 MB page).

    >>> from io import StringIO
    >>> from footstats import validate_log
    >>> rows = "".join(f"2026-03-{day:02},heel_raises,3,,,,12\\n" for day in range(2, 9))
    >>> loaded = validate_log(StringIO("date,exercise,sets,reps,seconds,side,pain_back\\n" + rows))
    >>> page = problems_html(loaded.problems, shown=2)
    >>> page.count("</tr>") - 1, "and 5 more problems: 5 error(s) in pain_back" in page
    (2, True)
    """
    if problems.empty:
        return ""
    table = problems_in_words(problems.head(shown)).to_html(index=False, escape=True)
    more = ""
    if len(problems) > shown:
        rest = problems.iloc[shown:]
        more = _paragraph(
            f"... and {len(rest):,} more problems: {counted_by_kind(rest)}. Fix the first "
            "ones (often one mistake repeated) and load the file again, or run "
            "footstats check on it to list every one."
        )
    return (
        "<h3>Problems, line by line</h3><p>Lines are numbered as in a text editor "
        "(line 1 is the header); the column is as written in your file.</p>" + table + more
    )


def show(log: str | None = None, routine: str | None = None, participants: str | None = None):
    """Build the app's page (the notebook's one cell); defaults from the environment."""
    log = log or os.environ.get(LOG_ENV) or None
    routine = routine or os.environ.get(ROUTINE_ENV) or None
    participants = participants or os.environ.get(PARTICIPANTS_ENV) or None
    return _App(log, routine, participants).page


_PEOPLE = [
    "participant",
    "group",
    "start",
    "end",
    "weeks",
    "sessions",
    "adherence_pct",
    "last_session",
    "dropout_week",
]

# what each upload button says (ipywidgets appends a file count, hidden by the style below)
_UPLOADS = {
    "log": "Upload a log",
    "routine": "Your own routine file",
    "participants": "Participants table (CSV)",
}


def _upload(widgets, accept: str, kind: str, width: str | None = None):
    button = widgets.FileUpload(
        accept=accept,
        description=_UPLOADS[kind],
        multiple=False,
        layout=widgets.Layout(width=width) if width else widgets.Layout(),
    )
    button.add_class("footstats-upload")
    button.add_class(f"footstats-upload-{kind}")
    return button


_STYLE = """<style>
.footstats-app table { border-collapse: collapse; margin: 0.4em 0 1em 0; }
.footstats-app th, .footstats-app td {
    border: 1px solid #c8c8c8; padding: 4px 10px; text-align: left; vertical-align: top;
}
.footstats-app th { background: #eef2f7; }
.footstats-app h2 { margin-top: 1.4em; }
.footstats-upload { font-size: 0 !important; }
.footstats-upload i { font-size: 13px; margin-right: 0.4em; }
.footstats-upload::after { font-size: 13px; }
.footstats-upload-log::after { content: "Upload a log"; }
.footstats-upload-routine::after { content: "Your own routine file"; }
.footstats-upload-participants::after { content: "Participants table (CSV)"; }
.footstats-app a.footstats-download {
    display: inline-block; padding: 6px 14px; margin: 0 1em 0.5em 0; border-radius: 4px;
    background: #0b6aa2; color: white; font-weight: bold; text-decoration: none;
}
</style>"""


# -- small helpers -----------------------------------------------------------------------------


def _download_link(content: bytes, filename: str, mime: str, label: str) -> str:
    data = base64.b64encode(content).decode("ascii")
    return (
        f'<a download="{html.escape(filename)}" href="data:{mime};base64,{data}" '
        'class="footstats-download">'
        f"{html.escape(label)}</a>"
    )


def _headline_html(table: pd.DataFrame) -> str:
    return table.to_html(header=False, escape=True)


def _paragraph(text: str, *, error: bool = False) -> str:
    style = ' style="color: #a40000"' if error else ""
    return f"<p{style}>{html.escape(text)}</p>"


def _first_message(problems: pd.DataFrame) -> str:
    return str(problems["message"].iloc[0]) if len(problems) else ""


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" + ("" if n == 1 else "s")


def _day(value) -> str:
    value = pd.Timestamp(value)
    return f"{value.day} {value:%b %Y}"
