"""The vocabulary every layer shares: problem codes and the problems table, the cell
parsers, the input guards of public functions and the docstrings' shared parameter texts.

Nothing here reads a file or computes a metric; every other subpackage may import it.
"""
