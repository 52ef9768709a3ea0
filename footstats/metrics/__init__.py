"""The numbers: the week grid, the follow-up window, the metric tables, the cohort view and
the readable figures.

``weeks`` (integer keys of a log's rows and its week grid), ``followup`` (each participant's
follow-up window), ``tables`` (the weekly metrics and ``summarize``), ``cohort`` (one row per
participant, study weeks), ``readable`` (the headline figures in words, one rounding rule).
"""
