"""footstats.core.docstrings: the shared parameter texts, written once and put into docstrings."""

from __future__ import annotations

import re

import pytest

import footstats
from footstats.core.docstrings import PARAMS, fill_doc


def test_fill_doc_puts_the_text_in_at_the_token_lines_indentation():
    @fill_doc
    def f():
        """Parameters
        ----------
        {ax}
        formats : sequence of {"png", "svg"}
        """

    lines = f.__doc__.splitlines()
    assert lines[2:4] == [
        "        ax : matplotlib Axes, optional",
        "            Where to draw; a new figure is made when None.",
    ]
    assert lines[4] == '        formats : sequence of {"png", "svg"}'  # not a token line


def test_fill_doc_refuses_an_unknown_key_and_keeps_no_docstring_as_none():
    def f():
        """{nonsense}"""

    with pytest.raises(KeyError, match="no shared parameter text 'nonsense'"):
        fill_doc(f)

    def g():
        pass

    assert fill_doc(g).__doc__ is None


def test_every_public_function_has_its_shared_texts_filled_in():
    token = re.compile(r"^\s*\{\w+\}\s*$", re.M)
    for name in footstats.__all__:
        doc = getattr(footstats, name).__doc__ or ""
        assert not token.search(doc), name
    window = PARAMS["window"].splitlines()[1].strip()
    for function in (footstats.weekly_pain, footstats.write_report, footstats.cohort_table):
        assert window in function.__doc__
    assert PARAMS["ax"].splitlines()[1].strip() in footstats.plot_pain_waterfall.__doc__
