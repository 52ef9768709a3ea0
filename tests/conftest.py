"""Shared test set-up: a non-interactive backend for the library tests and no figure leaks.

Agg is chosen here, not by exporting MPLBACKEND for the whole run, so that notebook
kernels started by nbval keep their inline backend and still draw figures.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")
