"""Charts drawn once: a figure rendered to pixels, then reused by every file that shows it.

A report lays out and renders each chart once (Agg, at the PNG files' resolution). The PNG
file, the report's dashboard (:func:`mosaic`: the dashboard charts two by two under a
title) and the PDF's chart pages (:func:`image_page`: two charts on an A4 page, as images
at that resolution) reuse the same pixels, so no chart is drawn twice.

>>> tiles = [np.zeros((2, 3, 4), np.uint8), np.zeros((4, 2, 4), np.uint8)]
>>> mosaic(tiles, columns=2, gap=1, title=np.zeros((1, 9, 4), np.uint8)).shape
(6, 7, 4)
"""

from __future__ import annotations

from os import PathLike

import numpy as np

from ._pdf_text import _A4_PORTRAIT

__all__ = ["image_page", "mosaic", "render", "title_strip", "write_png"]

_WHITE = 255
_PAGE_MARGIN = 0.45  # inches around the images of a PDF page
_PAGE_GAP = 0.3  # inches between two images of a PDF page
_TITLE_SIZE = 14.4  # points: "x-large", as the title of footstats.plot_dashboard


def render(fig, dpi: float) -> np.ndarray:
    """The figure drawn once at ``dpi``: its RGBA pixels (height x width x 4, uint8)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig.set_dpi(dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.array(canvas.buffer_rgba())  # a copy: the canvas may draw again


def write_png(pixels: np.ndarray, path: str | PathLike, dpi: float) -> None:
    """Write RGBA ``pixels`` as a PNG file that records ``dpi`` (as ``Figure.savefig`` does)."""
    from matplotlib.image import imsave

    imsave(path, pixels, format="png", dpi=dpi)


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
    """The ``tiles`` (RGBA pixels) on white, ``columns`` to a row in reading order, each in a
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


def image_page(images: list[np.ndarray], dpi: float):
    """An A4 figure holding ``images`` (RGBA pixels at ``dpi``) one under the other, centred,
    at their own aspect ratio and at most their size, scaled to fit the page; a PDF embeds
    the pixels themselves (no resampling)."""
    from matplotlib.figure import Figure

    page_width, page_height = _A4_PORTRAIT
    sizes = [(image.shape[1] / dpi, image.shape[0] / dpi) for image in images]
    room_height = page_height - 2 * _PAGE_MARGIN - _PAGE_GAP * (len(images) - 1)
    scale = min(
        1.0,
        (page_width - 2 * _PAGE_MARGIN) / max(width for width, _ in sizes),
        room_height / sum(height for _, height in sizes),
    )
    page = Figure(figsize=_A4_PORTRAIT)
    top = page_height - _PAGE_MARGIN
    for image, (width, height) in zip(images, sizes, strict=True):
        width, height = width * scale, height * scale
        left = (page_width - width) / 2
        box = (left, top - height, width, height)
        ax = page.add_axes([v / size for v, size in zip(box, _A4_PORTRAIT * 2, strict=True)])
        ax.imshow(image, interpolation="none", aspect="auto")
        ax.set_axis_off()
        top -= height + _PAGE_GAP
    return page


def _blank(height: int, width: int) -> np.ndarray:
    return np.full((height, width, 4), _WHITE, dtype=np.uint8)


def _fit(tile: np.ndarray, height: int, width: int) -> np.ndarray:
    """``tile`` at the top of a white ``height`` x ``width`` cell, centred across (a tile
    larger than the cell loses its edges, centred too)."""
    cell = _blank(height, width)
    rows, cols = min(tile.shape[0], height), min(tile.shape[1], width)
    top, left = 0, (width - cols) // 2
    skip = (tile.shape[1] - cols) // 2
    cell[top : top + rows, left : left + cols] = tile[:rows, skip : skip + cols]
    return cell
