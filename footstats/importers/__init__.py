"""Readers of other apps' exports, each producing the footstats log format.

One module per foreign format and this small explicit dispatcher (no import by name).
"""

from __future__ import annotations

FOOTSTATS = "footstats"

# format name -> importer module; each module has NAME, matches(header), to_log(frame, ...)
FORMATS: dict = {}


def detect_format(header: list[str]) -> str:
    """The name of the format whose header this is; ``"footstats"`` when none matches."""
    for name, module in FORMATS.items():
        if module.matches(header):
            return name
    return FOOTSTATS
