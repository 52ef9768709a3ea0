"""Charts drawn once: a figure rendered to pixels, compressed once, reused by every file.

A report lays out and renders each chart once (Agg, at the PNG files' resolution) and
compresses its pixels once (:func:`compress`). The PNG file (:meth:`Image.png`) and the
PDF's chart pages (``_pdf_images.py``: the same compressed rows, as PDF images) reuse those
bytes; the report's dashboard (:func:`mosaic`: the dashboard charts two by two under a
title) reuses the pixels. No chart is drawn or compressed twice. A chart's subplots are
placed by one measuring pass (:func:`fit`) rather than constrained layout's two;
:func:`reaches_edge` tells when that pass did not suffice.

>>> tiles = [np.zeros((2, 3, 3), np.uint8), np.zeros((4, 2, 3), np.uint8)]
>>> mosaic(tiles, columns=2, gap=1, title=np.zeros((1, 9, 3), np.uint8)).shape
(6, 7, 3)
>>> compress(np.zeros((2, 3, 3), np.uint8)).png(dpi=150)[:8]
b'\\x89PNG\\r\\n\\x1a\\n'
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

import numpy as np

__all__ = [
    "Image",
    "compress",
    "fit",
    "mosaic",
    "render",
    "reaches_edge",
    "title_strip",
    "write_png",
]

_WHITE = 255
_PAD = 3 / 72  # inches between a figure's edge and its outermost text (constrained layout's)
_TITLE_SIZE = 14.4  # points: "x-large", as the title of footstats.plot_dashboard
# zlib level of the PNG files and the PDF's images. Measured on a one-year report's seven
# charts (filter "none" on every row, as below): level 3 compresses in half the time of
# level 6 and a third of Pillow's PNG encoder (which tries every filter on every row), for
# files about as large as Pillow's. Charts are mostly flat colour, which deflate handles well
# without a filter.
_LEVEL = 3
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_RGB = 2  # PNG colour type


def render(fig, dpi: float) -> np.ndarray:
    """The figure drawn once at ``dpi``: its RGB pixels (height x width x 3, uint8). A chart's
    figure is opaque (a white background), so nothing is lost with the alpha channel."""
    fig.set_dpi(dpi)
    canvas = _canvas(fig)
    canvas.draw()
    return np.array(canvas.buffer_rgba())[..., :3]  # a copy: the canvas may draw again


def _canvas(fig):
    """The figure's Agg canvas, made once: its renderer (one per size and dpi) keeps the
    sizes of the texts it measured, so drawing after :func:`fit` measures none again."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    return fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)


def fit(fig, dpi: float) -> bool:
    """Move the subplots of ``fig`` so that everything drawn around them (titles, axis
    labels, tick labels, legends, colorbars) ends :data:`_PAD` inside the figure's edges.

    One measuring pass at ``dpi`` (the figure's extent with its text) and one subplot layout
    from it: the texts around the subplots keep their size in inches while the subplots
    grow or shrink, so the space they need is the same after the move. Constrained layout
    measures the same texts twice (and costs about twice as much). False, and the figure
    left as it was, when the texts leave no room for the subplots. Texts tied to the data
    or wider than their subplot move with the subplots, so one pass may not place them: see
    :func:`reaches_edge`.
    """
    fig.set_dpi(dpi)
    ink = fig.get_tightbbox(_canvas(fig).get_renderer())  # inches
    width, height = fig.get_size_inches()
    now = fig.subplotpars
    left = now.left + (_PAD - ink.x0) / width
    right = now.right + (width - _PAD - ink.x1) / width
    bottom = now.bottom + (_PAD - ink.y0) / height
    top = now.top + (height - _PAD - ink.y1) / height
    if not (left < right and bottom < top):
        return False
    fig.subplots_adjust(left=left, right=right, bottom=bottom, top=top)
    return True


def reaches_edge(pixels: np.ndarray) -> bool:
    """Whether anything but white is drawn on the outermost rows or columns of pixels."""
    edges = (pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1])
    return any((edge != _WHITE).any() for edge in edges)


@dataclass(frozen=True)
class Image:
    """RGB pixels compressed once: ``rows`` is the zlib stream of every row of pixels, each
    led by the PNG filter type 0 ("none"); a PNG file's image data and a PDF image's data
    (FlateDecode with the PNG predictors) alike."""

    width: int
    height: int
    rows: bytes

    def png(self, dpi: float) -> bytes:
        """The PNG file of the image, recording ``dpi`` (as ``Figure.savefig`` does)."""
        per_metre = round(dpi / 0.0254)
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, _RGB, 0, 0, 0)
        return b"".join(
            (
                _PNG_SIGNATURE,
                _chunk(b"IHDR", header),
                _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
                _chunk(b"IDAT", self.rows),
                _chunk(b"IEND", b""),
            )
        )


def compress(pixels: np.ndarray) -> Image:
    """RGB ``pixels`` (height x width x 3, uint8) compressed once (see :class:`Image`)."""
    height, width, _ = pixels.shape
    rows = np.zeros((height, 1 + 3 * width), np.uint8)  # column 0: filter type 0
    rows[:, 1:] = pixels.reshape(height, 3 * width)
    return Image(width, height, zlib.compress(rows.tobytes(), _LEVEL))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return b"".join(
        (struct.pack(">I", len(data)), kind, data, struct.pack(">I", zlib.crc32(kind + data)))
    )


def title_strip(title: str, width: int, dpi: float) -> np.ndarray:
    """``title`` in bold, centred on a white strip ``width`` pixels wide (its lines' height)."""
    from matplotlib.figure import Figure

    lines = title.count("\n") + 1
    height = (lines * _TITLE_SIZE * 1.3 + 16) / 72  # inches: the lines and a margin
    fig = Figure(figsize=(width / dpi, height))
    fig.text(0.5, 0.5, title, ha="center", va="center", fontsize=_TITLE_SIZE, fontweight="bold")
    return render(fig, dpi)


def mosaic(
    tiles: list[np.ndarray], *, columns: int, gap: int, title: np.ndarray | None = None
) -> np.ndarray:
    """The ``tiles`` (RGB pixels) on white, ``columns`` to a row in reading order, each in a
    cell as wide as the widest tile and as tall as the tallest of its row, ``gap`` pixels
    apart, under ``title`` (centred; see :func:`title_strip`)."""
    cell_width = max(tile.shape[1] for tile in tiles)
    width = columns * cell_width + (columns - 1) * gap
    blocks = [] if title is None else [_fit(title, title.shape[0], width)]
    for start in range(0, len(tiles), columns):
        row = tiles[start : start + columns]
        height = max(tile.shape[0] for tile in row)
        cells = [_fit(tile, height, cell_width) for tile in row]
        cells += [_blank(height, cell_width)] * (columns - len(row))
        spaced = [part for cell in cells for part in (cell, _blank(height, gap))][:-1]
        if blocks:
            blocks.append(_blank(gap, width))
        blocks.append(np.concatenate(spaced, axis=1))
    return np.concatenate(blocks, axis=0)


def _blank(height: int, width: int) -> np.ndarray:
    return np.full((height, width, 3), _WHITE, dtype=np.uint8)


def _fit(tile: np.ndarray, height: int, width: int) -> np.ndarray:
    """``tile`` at the top of a white ``height`` x ``width`` cell, centred across (a tile
    larger than the cell loses its edges, centred too)."""
    cell = _blank(height, width)
    rows, cols = min(tile.shape[0], height), min(tile.shape[1], width)
    top, left = 0, (width - cols) // 2
    skip = (tile.shape[1] - cols) // 2
    cell[top : top + rows, left : left + cols] = tile[:rows, skip : skip + cols]
    return cell


def write_png(image: Image, path: str | PathLike, dpi: float) -> None:
    """Write ``image`` as a PNG file that records ``dpi``."""
    Path(path).write_bytes(image.png(dpi))
