"""Reading logs: bytes to the tidy log, every row loaded or reported with its line.

``csvfile`` (bytes to a raw table with physical line numbers, ``typed`` its fast path for
whole numbers), ``dialect`` (how a log is written), ``validation`` (raw columns to the tidy
log and its problems), ``log`` (``read_log``, ``validate_log``, ``check_log``), ``batch`` and
``folders`` (folders of logs), ``participants`` (a study's participants table).
"""
