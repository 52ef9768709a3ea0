"""Parameter texts shared by many docstrings, written once (seaborn's ``_docstrings`` pattern).

A docstring names a shared parameter by a line holding only its key in braces, indented as
the parameter would be::

    def weekly_pain(log, *, routine=None, weeks=None, until=None, participants=None):
        '''Pain per ISO week and site.

        Parameters
        ----------
        {log}
        {routine}
        {window}
        '''

    fill_docs(globals())  # once, at the end of the module

:func:`fill_doc` replaces each such line with the text of :data:`PARAMS`, indented the same;
:func:`fill_docs` does it for every function a module defines. The module-end call rather
than a decorator keeps the functions undecorated: mutmut 3 (``make mutate``) does not
mutate decorated functions.
Only whole lines are replaced, so braces elsewhere in a docstring (``{"png", "svg"}``) are
left alone; an unknown key fails at import, not in the help text.
"""

from __future__ import annotations

import inspect
import re
import textwrap

__all__ = ["PARAMS", "fill_doc", "fill_docs"]

PARAMS = {
    "log": """\
log : DataFrame
    The tidy log of :func:`footstats.read_log`.""",
    "cohort_log": """\
log : DataFrame
    The tidy log of :func:`footstats.read_log`, with a ``participant`` column.""",
    "routine": """\
routine : Routine, optional
    The routine; None means the one the log was read with (``log.attrs["routine"]``),
    otherwise the packaged foot routine.
program : Routine, optional
    Deprecated: the old name of ``routine`` (a DeprecationWarning).""",
    "window": """\
window : FollowUp or DataFrame, optional
    The follow-up window (:class:`footstats.FollowUp`), or its spans already resolved by
    :func:`footstats.follow_up`; rows dated outside it are not counted. None: ``weeks``,
    ``until`` and ``participants`` below, else the window :func:`footstats.select_participant`
    fixed for the log's rows, else each participant's first row to the log's last.
weeks, until, participants : optional
    Shorthands for ``window=FollowUp(weeks=..., until=..., participants=...)``.""",
    "exercise_names": """\
routine : Routine, optional
    The routine, for readable exercise names (None: the one the table was counted with).
program : Routine, optional
    Deprecated: the old name of ``routine`` (a DeprecationWarning).""",
    "participant": """\
participant : str, optional
    Draw this participant only; with several participants and none chosen, the cohort
    (see :mod:`footstats.charts.plots`).""",
    "pain_site": """\
site : str, optional
    The pain site; by default the first one with a change for anyone.""",
    "export": """\
export : Export
    The file (:class:`footstats.importers.base.Export`): its raw table (header names as
    written, every value a str, an int64 ``line``), its name for the problems, its folder,
    its text and the file layer's problems.""",
    "importer_options": """\
options : ReadOptions
    The reading options: ``dayfirst`` / ``date_format`` / ``excel_dates`` read an export
    re-saved by a spreadsheet (dates not written as the app writes them).""",
    "read_options": """\
options : ReadOptions, optional
    Every reading option in one object (:class:`footstats.ReadOptions`); or give them as
    keyword arguments (below), not both.
routine : Routine or path, optional
    The routine exercises are matched against; the packaged foot routine by default.
dayfirst : bool, default False
    Accept day-first dates such as ``03/04/2026`` (3 April). Without it, and without
    ``date_format``, only ISO dates (``2026-04-03``, ``2026-04-03 07:30``) and the dates an
    app writes itself are read; anything else is an error, never a guess.
date_format : str, optional
    An explicit ``strftime`` format for the dates, e.g. ``"%m/%d/%Y"``.
encoding : str, optional
    The file's encoding when it is not UTF-8 (UTF-8 and UTF-16 with a BOM are detected).
format : str, optional
    Force a format (``"footstats"`` or an app's, such as ``"strong"``: every name in
    docs/exports.md).
exercise_map : dict, optional
    Exercise names as written -> routine exercise (id or name), for names the routine's
    aliases do not cover.
habit : str, optional
    For a Loop Habit Tracker export: the habit that is the routine.
excel_dates : bool, default False
    Accept Excel serial day numbers (``45356``) as dates.
today : date, optional
    The date after which dates are "in the future" (default: today).
timezone : str, optional
    The time zone (IANA name, ``"Europe/Berlin"``) to read times an export writes in UTC
    (Fitbod); without it they are read as written, with a notice.
program : Routine or path, optional
    Deprecated: the old name of ``routine`` (a DeprecationWarning).""",
    "ax": """\
ax : matplotlib Axes, optional
    Where to draw; a new figure is made when None.""",
}

_TOKEN = re.compile(r"^(?P<indent>[ \t]*)\{(?P<key>\w+)\}[ \t]*$", re.MULTILINE)


def fill_doc(func):
    """Put the shared parameter texts into ``func``'s docstring; return ``func``.

    >>> @fill_doc
    ... def f(log):
    ...     '''Parameters
    ...     ----------
    ...     {log}
    ...     '''
    >>> print(f.__doc__.splitlines()[3])
            The tidy log of :func:`footstats.read_log`.
    """
    if func.__doc__:  # None under python -OO
        func.__doc__ = _TOKEN.sub(_text, func.__doc__)
    return func


def _text(match: re.Match) -> str:
    key = match["key"]
    if key not in PARAMS:
        raise KeyError(f"no shared parameter text {key!r}; known: {', '.join(PARAMS)}")
    return textwrap.indent(PARAMS[key], match["indent"])


def fill_docs(namespace: dict) -> None:
    """:func:`fill_doc` for every function defined in the module whose ``globals()`` is
    ``namespace`` (not those it imports)."""
    module = namespace["__name__"]
    for value in list(namespace.values()):
        if inspect.isfunction(value) and value.__module__ == module:
            fill_doc(value)
