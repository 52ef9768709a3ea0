"""Writing files safely: ``files`` (atomic writes, locks, defused CSV cells) and ``append``
(new rows at the end of a user's log, in the log's own dialect, never harming it).
"""
