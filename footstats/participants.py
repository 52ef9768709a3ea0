"""One participant of a cohort log: what the notebooks' ``PARTICIPANT`` parameter selects."""

from __future__ import annotations

import pandas as pd

from ._columns import PARTICIPANT

__all__ = ["select_participant"]


def select_participant(log: pd.DataFrame, participant=None) -> pd.DataFrame:
    """The rows of ``participant``; the whole log when ``participant`` is None.

    Parameters
    ----------
    log : DataFrame
        The tidy log (:func:`footstats.read_log`).
    participant : optional
        A participant id as written in the log's ``participant`` column.

    Raises
    ------
    ValueError
        ``participant`` is given but the log has no participant column, or not that id
        (the message lists the ids it has).

    Examples
    --------
    >>> from io import StringIO
    >>> import footstats
    >>> text = "participant,date,exercise,sets\\np1,2026-03-02,Toe walking,6\\n"
    >>> text += "p2,2026-03-03,Toe walking,5\\n"
    >>> select_participant(footstats.read_log(StringIO(text)), "p2")["sets"].tolist()
    [5]
    """
    if participant is None:
        return log
    if PARTICIPANT not in log.columns:
        raise ValueError(
            f"PARTICIPANT = {participant!r}, but this log has no participant column: "
            "use None for a one-person log"
        )
    rows = log[log[PARTICIPANT] == participant]
    if rows.empty:
        ids = sorted(map(str, log[PARTICIPANT].dropna().unique()))
        shown = ", ".join(ids[:20]) + (f" ... ({len(ids)} in all)" if len(ids) > 20 else "")
        raise ValueError(f"participant {participant!r} is not in this log; it has: {shown}")
    return rows
