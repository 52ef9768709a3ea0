"""The charts: ``plots`` and ``cohort_plots`` (Axes-level plot functions), ``registry`` (every
chart listed once: its table, its plot function, where it goes) and ``render`` (a figure
rendered and compressed once, reused by every file).
"""
