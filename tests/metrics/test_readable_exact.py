"""footstats.metrics.readable, exactly: every sentence and figure of the headline table and of
the charts' key figures, from hand-made summaries and tables.

Written for ``make mutate`` (issue 27). The summaries are dicts written out here (the
shape :func:`footstats.summarize` returns), so each expected text is worked out by hand
from a few numbers: ``4 sessions / 5 weeks = 0.8 a week``, ``6.5 -> 4.5 = -2.0 points``.

Equivalent mutants: the ``observed=True`` of the completion sentence's and the adherence
spread's groupbys is left out of the mutants (``[tool.mutmut]``: pandas 3's default, written
for pandas 2.2; exercises without a row have NaN means, which ``idxmax``/``idxmin`` skip).
The waterfall's ``fillna(False)`` (a boolean column's sum skips missing values) and the
headline table's ``zip(*rows, strict=True)`` (pairs only) were removed as redundant.
Left alive: ``round_numbers``'s last ``isinstance(value, float) and math.isfinite(value)``
branch for a ``kind in _LEAVES`` float is never reached.
Left alive too: ``kind = None`` in ``round_numbers`` skips the fast path for the common
leaves, and the general branches below give the same value for each of them.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from footstats.errors import UsageError
from footstats.metrics.readable import (
    DECIMALS,
    headline_table,
    key_figures,
    period_words,
    round_numbers,
    round_table,
)


def change(baseline, latest, points, pct, important, band) -> dict:
    return {
        "baseline": baseline,
        "latest": latest,
        "change": points,
        "change_pct": pct,
        "clinically_important": important,
        "band": band,
    }


def person(**fields) -> dict:
    entry = {
        "first_date": "2026-03-02",
        "last_date": "2026-04-01",
        "weeks": 5,
        "sessions": 4,
        "adherence_pct": 40.0,
        "current_streak": 1,
        "longest_streak": 2,
        "pain": {"back": change(6.5, 4.5, -2.0, -30.769, True, "moderate")},
    }
    return {**entry, **fields}


def values(table: pd.DataFrame) -> dict:
    assert list(table.columns) == ["value"]
    return table["value"].to_dict()


# -- the rounding rule -------------------------------------------------------------------


def test_decimals_is_four():
    assert DECIMALS == 4


def test_round_numbers_rounds_floats_at_any_depth_and_leaves_the_rest():
    value = {
        "a": 2 / 3,
        "b": [1 / 3, 7, True, None, "x", (0.123456, [5.55555])],
        "c": {"d": 1.00005},  # halves of the 4th decimal: Python's round
        "e": float("inf"),
        "f": float("nan"),
    }
    out = round_numbers(value)
    assert out["a"] == 0.6667 and out["b"][:5] == [0.3333, 7, True, None, "x"]
    assert out["b"][5] == (0.1235, [5.5556]) and type(out["b"][5]) is tuple
    assert type(out["b"]) is list and out["c"] == {"d": round(1.00005, 4)}
    assert out["e"] == math.inf and math.isnan(out["f"])


def test_round_numbers_passes_its_decimals_down():
    assert round_numbers({"a": [2 / 3, (1 / 3,)], "b": 0.125}, 2) == {
        "a": [0.67, (0.33,)],
        "b": 0.12,
    }
    assert round_numbers(2 / 3, decimals=1) == 0.7
    assert round_numbers(7) == 7 and type(round_numbers(7)) is int
    assert round_numbers(True) is True


def test_round_numbers_of_numpy_floats_and_other_values():
    assert round_numbers(np.float64(2 / 3)) == 0.6667
    assert round_numbers(np.float64(2 / 3), 1) == 0.7
    assert math.isinf(round_numbers(np.float64("inf")))
    assert round_numbers(np.int64(5)) == 5
    assert round_numbers({"x": np.float32(0.5)}) == {"x": 0.5}
    assert round_numbers(frozenset({1})) == frozenset({1})


def test_round_table_rounds_float_columns_only():
    frame = pd.DataFrame(
        {
            "site": ["back", "hip"],
            "mean": [11 / 3, 0.123456],
            "n": [3, 4],
            "share": pd.array([1 / 3, None], dtype="Float64"),
            "small": np.array([0.55555, 1.0], dtype="float32"),
        }
    )
    out = round_table(frame)
    assert out["mean"].tolist() == [3.6667, 0.1235]
    assert out["share"].tolist()[0] == 0.3333 and out["share"].isna().tolist() == [False, True]
    assert out["small"].tolist()[0] == pytest.approx(0.5556, abs=1e-6)
    assert out["n"].tolist() == [3, 4] and out["site"].tolist() == ["back", "hip"]
    assert frame["mean"].tolist() == [11 / 3, 0.123456]  # a copy: the table is untouched
    assert round_table(frame, 1)["mean"].tolist() == [3.7, 0.1]
    whole = pd.DataFrame({"n": [1, 2], "site": ["a", "b"]})
    assert round_table(whole) is whole


# -- the headline table of one person ----------------------------------------------------


def test_headline_table_of_one_person():
    assert values(headline_table(person())) == {
        "Period": "2 Mar 2026 - 1 Apr 2026 (5 weeks)",
        "Sessions": "4 (0.8 a week on average)",
        "Session adherence": "40 %",
        "Current streak on target": "1 week",
        "Longest streak on target": "2 weeks",
        "Back pain (0-10)": "6.5 -> 4.5: -2.0 points (-31 %), clinically important, moderate",
    }


def test_headline_table_of_one_week_nothing_logged_and_no_pain():
    table = values(
        headline_table(
            person(
                first_date=None,
                weeks=1,
                sessions=3,
                adherence_pct=None,
                current_streak=None,
                longest_streak=0,
                pain={},
            )
        )
    )
    assert table == {
        "Period": "nothing logged yet",
        "Sessions": "3 (3.0 a week on average)",
        "Session adherence": "not available",
        "Current streak on target": "-",
        "Longest streak on target": "0 weeks",
        "Pain (0-10)": "no pain reports",
    }
    one = values(headline_table(person(weeks=1, last_date="2026-03-08", sessions=1)))
    assert one["Period"] == "2 Mar 2026 - 8 Mar 2026 (1 week)"
    assert one["Sessions"] == "1 (1.0 a week on average)"


def test_headline_table_without_weeks_has_no_average():
    assert values(headline_table(person(weeks=0, sessions=0)))["Sessions"] == "0"


def test_headline_table_rounds_half_adherence_to_even_and_pain_to_one_decimal():
    table = values(
        headline_table(
            person(
                adherence_pct=87.5,
                sessions=7,
                weeks=3,
                pain={
                    "knee": change(3.25, 1.04, -2.21, -68.0, True, "substantial"),
                    "hip": change(2.0, 2.5, 0.5, 25.0, False, "none"),
                    "back": change(0.0, 1.0, 1.0, None, False, None),
                    "heel": change(None, 2.0, None, None, False, None),
                    "toe": change(2.0, None, None, None, False, None),
                    "ankle": change(4.0, 4.0, 0.0, 0.0, False, "none"),
                },
            )
        )
    )
    assert table["Session adherence"] == "88 %"
    assert table["Sessions"] == "7 (2.3 a week on average)"
    assert table["Knee pain (0-10)"] == (
        "3.2 -> 1.0: -2.2 points (-68 %), clinically important, substantial"
    )
    assert table["Hip pain (0-10)"] == (
        "2.0 -> 2.5: +0.5 points (+25 %), not clinically important, no reduction"
    )
    assert table["Back pain (0-10)"] == (
        "0.0 -> 1.0: +1.0 points (no % change from a baseline of 0), not clinically important"
    )
    assert table["Heel pain (0-10)"] == "not enough reports to compare"
    assert table["Toe pain (0-10)"] == "not enough reports to compare"
    assert table["Ankle pain (0-10)"] == (
        "4.0 -> 4.0: no change, not clinically important, no reduction"
    )
    assert list(table)[-6:] == [
        f"{s} pain (0-10)" for s in ("Knee", "Hip", "Back", "Heel", "Toe", "Ankle")
    ]


# -- the headline table of a cohort ------------------------------------------------------


def cohort_summary(entries: list[dict], share=0.5, median=62.5) -> dict:
    return {
        "participants": entries,
        "cohort": {
            "participants": len(entries),
            "median_adherence_pct": median,
            "share_clinically_important": share,
        },
    }


P1 = {"participant": "p1", **person()}
P2 = {
    "participant": "p2",
    **person(
        weeks=1,
        sessions=1,
        adherence_pct=50.0,
        longest_streak=0,
        pain={
            "back": change(None, 3.0, None, None, False, None),
            "knee": change(4.04, 3.96, -0.08, -2.0, False, "none"),
            "hip": change(2.0, None, None, None, False, None),
        },
    ),
}


def test_headline_table_of_a_cohort_is_the_cohort_then_one_line_each():
    assert values(headline_table(cohort_summary([P1, P2]))) == {
        "Participants": "2",
        "Median session adherence": "62 %",  # 62.5 to the even 62
        "Clinically important improvement of pain": "50 % of the participants who reported pain",
        "p1": "4 sessions in 5 weeks; adherence 40 %; longest streak 2 weeks; back 6.5 -> 4.5",
        "p2": "1 session in 1 week; adherence 50 %; longest streak 0 weeks; knee 4.0 -> 4.0",
    }


def test_headline_table_of_a_cohort_without_pain_or_adherence():
    table = values(headline_table(cohort_summary([P1, P2], share=None, median=None)))
    assert table["Median session adherence"] == "not available"
    assert table["Clinically important improvement of pain"] == "no pain reports"
    none = {"participant": 7, **person(longest_streak=None, adherence_pct=None, pain={})}
    table = values(headline_table(cohort_summary([P1, none], share=1 / 3)))
    assert table["7"] == "4 sessions in 5 weeks; adherence not available; longest streak -"
    assert table["Clinically important improvement of pain"] == (
        "33 % of the participants who reported pain"
    )


def test_headline_table_of_one_participant_of_a_cohort():
    summary = cohort_summary([P1, P2])
    table = values(headline_table(summary, participant="p2"))
    assert list(table)[:2] == ["Participant", "Period"]
    assert table["Participant"] == "p2"
    assert table["Sessions"] == "1 (1.0 a week on average)"
    assert table["Knee pain (0-10)"] == (
        "4.0 -> 4.0: -0.1 points (-2 %), not clinically important, no reduction"
    )
    assert values(headline_table(summary, participant="p1")) == {
        "Participant": "p1",
        **values(headline_table(person())),
    }


def test_a_cohort_of_one_is_that_participants_table():
    table = values(headline_table(cohort_summary([P2])))
    assert table == values(headline_table(cohort_summary([P1, P2]), participant="p2"))


def test_an_unknown_participant_names_the_known_ones():
    with pytest.raises(UsageError) as info:
        headline_table(cohort_summary([P1, P2]), participant="p9")
    assert str(info.value) == "participant 'p9' is not in the summary (p1, p2)"


def test_headline_table_refuses_what_is_not_a_summary():
    with pytest.raises(UsageError, match="headline_table expects the dict of footstats.summarize"):
        headline_table({"sessions": 3})


# -- key figures ----------------------------------------------------------------------------


def sessions_on(*days: str) -> pd.DataFrame:
    dates = pd.to_datetime(list(days)).astype("datetime64[us]")
    return pd.DataFrame({"date": dates, "line": range(2, 2 + len(days))})


def test_calendar_of_one_day_and_of_several():
    assert key_figures(sessions_on("2026-03-02"), "calendar") == (
        "1 session from 2 Mar to 2 Mar 2026."
    )
    # two sessions on one day (morning and evening) are one day of the calendar
    assert key_figures(sessions_on("2026-03-02 07:00", "2026-03-02 18:00"), "calendar") == (
        "2 sessions from 2 Mar to 2 Mar 2026."
    )
    assert key_figures(sessions_on("2026-03-02", "2026-03-04"), "calendar") == (
        "2 sessions from 2 Mar to 4 Mar 2026; the longest time between two sessions: "
        "2 days (2 Mar to 4 Mar)."
    )
    # days 2, 5, 14 (twice), 23 Mar, unsorted: gaps of 3, 9 and 9 days; the first is named
    table = sessions_on("2026-03-23", "2026-03-02", "2026-03-05", "2026-03-14", "2026-03-14")
    assert key_figures(table, "calendar") == (
        "5 sessions from 2 Mar to 23 Mar 2026; the longest time between two sessions: "
        "9 days (5 Mar to 14 Mar)."
    )


def test_calendar_across_a_year():
    table = sessions_on("2025-12-30", "2026-01-02", "2026-01-03")
    assert key_figures(table, "calendar") == (
        "3 sessions from 30 Dec to 3 Jan 2026; the longest time between two sessions: "
        "3 days (30 Dec to 2 Jan)."
    )


def test_completion_names_the_routines_exercises():
    weekly = pd.DataFrame(
        {
            "week": pd.to_datetime(["2026-03-02"] * 3 + ["2026-03-09"] * 3),
            "exercise": pd.Categorical(["toe_walking", "heel_raises", "calf"] * 2),
            "completion": [1.0, 0.25, 0.5, 0.5, 0.25, 0.1],
        }
    )
    # means: toe walking 75 %, heel raises 25 %, calf (no routine name) 30 %; all 43.3 %
    assert key_figures(weekly, "completion") == (
        "Mean completion 43 % of the prescribed sets per session; highest Toe walking "
        "(75 %), lowest Heel raises (25 %)."
    )
    weekly["completion"] = [0.1, 0.5, 0.9, 0.1, 0.5, 0.9]
    assert key_figures(weekly, "completion") == (
        "Mean completion 50 % of the prescribed sets per session; highest calf "
        "(90 %), lowest Toe walking (10 %)."
    )
    weekly["completion"] = [0.9, 0.5, 0.1, 0.9, 0.5, 0.1]
    assert key_figures(weekly, "completion") == (
        "Mean completion 50 % of the prescribed sets per session; highest Toe walking "
        "(90 %), lowest calf (10 %)."
    )


def test_completion_names_exercises_by_the_routine_given(recwarn):
    from footstats.routine import load_routine

    routine = load_routine()
    renamed = routine.__class__(
        **{
            **{f: getattr(routine, f) for f in routine.__dataclass_fields__},
            "exercises": tuple(
                e.__class__(
                    **{**{f: getattr(e, f) for f in e.__dataclass_fields__}, "name": e.id.upper()}
                )
                for e in routine.exercises
            ),
        }
    )
    weekly = pd.DataFrame(
        {"exercise": pd.Categorical(["toe_walking", "heel_raises"]), "completion": [1.0, 0.5]}
    )
    assert key_figures(weekly, "completion", routine=renamed) == (
        "Mean completion 75 % of the prescribed sets per session; highest TOE_WALKING "
        "(100 %), lowest HEEL_RAISES (50 %)."
    )
    with pytest.warns(DeprecationWarning):
        old = key_figures(weekly, "completion", program=renamed)
    assert old == key_figures(weekly, "completion", routine=renamed)


def test_study_weeks_sum_the_groups_of_a_week():
    study = pd.DataFrame(
        {
            "group": ["a", "b", "a", "b", "a"],
            "week_index": [1, 1, 2, 2, 3],
            "observed": [2, 1, 2, 2, 1],
            "on_target": [1, 1, 0, 1, 1],
        }
    )
    assert key_figures(study, "study_weeks") == (
        "On target in study week 1: 67 % of 3 participants; in week 3: 100 % of 1 participant."
    )


def test_adherence_spread_with_and_without_groups():
    table = pd.DataFrame({"adherence_pct": [25.0, 75.0, np.nan, 40.0]})
    assert key_figures(table, "adherence_spread") == (
        "Median session adherence 40 % (from 25 to 75 %)."
    )
    # a group of the categories without a participant is not shown
    table["group"] = pd.Categorical(
        ["home", "clinic", "home", "clinic"], categories=["clinic", "home", "work"]
    )
    assert key_figures(table, "adherence_spread") == (
        "Median session adherence 40 % (from 25 to 75 %); clinic 58 %, home 25 %."
    )


def test_pain_waterfall_counts_the_important_among_those_with_reports():
    table = pd.DataFrame(
        {
            "participant": ["p1", "p2", "p3", "p4"],
            "knee_change": [-4.0, 0.0, np.nan, -3.0],
            "knee_important": pd.array([True, False, pd.NA, pd.NA], dtype="boolean"),
            "hip_change": [np.nan] * 4,
            "hip_important": pd.array([pd.NA] * 4, dtype="boolean"),
            "back_change": [-2.0, -2.5, 1.0, np.nan],
            "back_important": pd.array([True, True, False, pd.NA], dtype="boolean"),
        }
    )
    assert key_figures(table, "pain_waterfall") == (
        "Clinically important improvement (participants with reports): knee 1 of 3, back 2 of 3."
    )
    no_pain = table[["participant", "hip_change", "hip_important"]]
    assert key_figures(no_pain, "pain_waterfall") == "No participant with pain reports."
    assert key_figures(table[["participant"]], "pain_waterfall") == (
        "No participant with pain reports."
    )


def test_an_unknown_chart_lists_the_known_ones_and_an_empty_table_says_so():
    with pytest.raises(UsageError) as info:
        key_figures(sessions_on("2026-03-02"), "pie")
    assert str(info.value) == (
        "no key figures for chart 'pie'; expected one of calendar, completion, study_weeks, "
        "adherence_spread, pain_waterfall"
    )
    for chart in ("calendar", "completion", "study_weeks", "adherence_spread", "pain_waterfall"):
        assert key_figures(pd.DataFrame(), chart) == "Nothing to show yet."


def test_completion_names_exercises_by_the_routine_the_table_carries():
    from footstats.routine import load_routine

    routine = load_routine()
    renamed = routine.__class__(
        **{
            **{f: getattr(routine, f) for f in routine.__dataclass_fields__},
            "exercises": tuple(
                e.__class__(
                    **{**{f: getattr(e, f) for f in e.__dataclass_fields__}, "name": e.id.upper()}
                )
                for e in routine.exercises
            ),
        }
    )
    weekly = pd.DataFrame(
        {"exercise": pd.Categorical(["toe_walking", "heel_raises"]), "completion": [1.0, 0.5]}
    )
    weekly.attrs["routine"] = renamed  # as footstats.weekly_sets leaves it
    # no routine given: the table's own names it (not the packaged "Toe walking")
    assert key_figures(weekly, "completion") == (
        "Mean completion 75 % of the prescribed sets per session; highest TOE_WALKING "
        "(100 %), lowest HEEL_RAISES (50 %)."
    )


def test_study_weeks_share_of_those_judged_and_a_week_none_judged():
    study = pd.DataFrame(
        {
            "week_index": [1, 2, 3],
            "observed": [3, 3, 2],
            "active": [3, 2, 1],
            "judged": [3, 2, 0],
            "on_target": [2, 1, 0],
            "share_on_target": [2 / 3, 0.5, np.nan],
        }
    )
    # week 1: 2 of 3 judged on target (67 %); week 3: 2 observed but none judged yet
    assert key_figures(study, "study_weeks") == (
        "On target in study week 1: 67 % of 3 participants; "
        "in week 3: none judged yet (the week is in progress)."
    )
    # the share is of those judged (1 of 2: 50 %), not of those observed (1 of 3: 33 %)
    assert key_figures(study.iloc[:2], "study_weeks") == (
        "On target in study week 1: 67 % of 3 participants; in week 2: 50 % of 2 participants."
    )


def test_period_words_prefer_the_windows_start_and_end_to_the_entries():
    entry = {
        "start": "2026-03-02",
        "end": "2026-03-29",
        "weeks": 4,
        "first_date": "2026-03-04",
        "last_date": "2026-03-20",
    }
    # the window (2-29 March), not the first and last entries (4 and 20 March)
    assert period_words(entry) == "2 Mar 2026 - 29 Mar 2026 (4 weeks; last entry 20 Mar 2026)"
    # without a window: the entries' days
    entry.update(start=None, end=None)
    assert period_words(entry) == "4 Mar 2026 - 20 Mar 2026 (4 weeks)"
