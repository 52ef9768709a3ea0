"""Pages of chart images appended to a PDF, with the images' bytes as compressed once.

The report's first pages (its words) are drawn by matplotlib's PDF backend. Its chart pages
hold the charts' PNG images, two to an A4 page: drawn through a matplotlib figure, every
image would be compressed again (half of the PDF's time). Here each chart page is written
directly, each image with the compressed rows of its PNG file (:class:`_render.Image`:
FlateDecode with the PNG predictors), as an *incremental update* of the PDF (ISO 32000-1,
7.5.6): the images, the pages, a new page tree and their cross-reference section follow the
original file, whose bytes are kept as they are.

>>> from footstats.charts.render import compress
>>> import numpy as np
>>> from matplotlib.backends.backend_pdf import PdfPages
>>> from matplotlib.figure import Figure
>>> from io import BytesIO
>>> text = BytesIO()
>>> with PdfPages(text) as pdf:
...     pdf.savefig(Figure())
>>> image = compress(np.zeros((2, 3, 3), np.uint8))
>>> pdf = append_image_pages(text.getvalue(), [[image, image]], dpi=150)
>>> pdf.count(b"/Type /Page "), pdf.count(b"/Subtype /Image")
(2, 2)
"""

from __future__ import annotations

import re
import textwrap

from footstats.charts.render import Image
from footstats.errors import ExportError
from footstats.report.pdf_text import _A4_PORTRAIT

__all__ = ["append_image_pages"]

_PAGE_MARGIN = 0.45  # inches around the images of a page
_PAGE_GAP = 0.3  # inches between two images of a page
_POINTS = 72  # to an inch
_CAPTION_SIZE, _CAPTION_LEADING = 8.5, 11  # points
_CAPTION_CHARS = 118  # Helvetica 8.5 pt across the page's width
_FOOTER_SIZE = 8
_FOOTER_ROOM = 0.3  # inches kept free at the foot of the page


def append_image_pages(
    pdf: bytes,
    pages: list[list[Image]],
    dpi: float,
    *,
    captions: list[list[str]] | None = None,
    footers: list[str] | None = None,
) -> bytes:
    """``pdf`` (a complete PDF file) with one more A4 page for each list of ``pages``.

    The images of a page (at ``dpi``) stand one under the other, centred, at their own
    aspect ratio and at most their size, scaled to fit the page; their pixels are embedded
    as they are (no resampling). ``captions`` (one text per image) are written under their
    image, ``footers`` (one per page) at the foot of the page, in Helvetica (characters
    outside Windows-1252 are written as ``?``).
    """
    update = _Update(pdf)
    for i, images in enumerate(pages):
        texts = captions[i] if captions is not None else [""] * len(images)
        update.add_page(images, dpi, texts, footers[i] if footers is not None else "")
    return update.finish()


def _caption_lines(text: str) -> list[str]:
    return textwrap.wrap(text, width=_CAPTION_CHARS) if text else []


def _layout(
    images: list[Image], dpi: float, captions: list[str] | None = None
) -> list[tuple[float, float, float, float]]:
    """Each image's place on the page: (left, bottom, width, height) in points, leaving
    room under each image for its caption and at the foot of the page for the footer."""
    page_width, page_height = _A4_PORTRAIT
    captions = captions if captions is not None else [""] * len(images)
    room_for_text = [len(_caption_lines(c)) * _CAPTION_LEADING / _POINTS for c in captions]
    sizes = [(image.width / dpi, image.height / dpi) for image in images]
    room_height = (
        page_height
        - 2 * _PAGE_MARGIN
        - _FOOTER_ROOM
        - _PAGE_GAP * (len(images) - 1)
        - sum(room_for_text)
    )
    scale = min(
        1.0,
        (page_width - 2 * _PAGE_MARGIN) / max(width for width, _ in sizes),
        room_height / sum(height for _, height in sizes),
    )
    boxes = []
    top = page_height - _PAGE_MARGIN
    for (width, height), text_room in zip(sizes, room_for_text, strict=True):
        width, height = width * scale, height * scale
        left = (page_width - width) / 2
        x, y, w, h = (v * _POINTS for v in (left, top - height, width, height))
        boxes.append((x, y, w, h))
        top -= height + text_room + _PAGE_GAP
    return boxes


def _pdf_text(text: str) -> bytes:
    """``text`` as a PDF string in Windows-1252 (the font's encoding), escaped."""
    shown = "".join(c if c.isprintable() else " " for c in text)  # no line break forged
    raw = shown.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _text_at(x: float, y: float, size: float, text: str) -> bytes:
    return b"BT /F1 %.1f Tf %.2f %.2f Td %s Tj ET" % (size, x, y, _pdf_text(text))


class _Update:
    """New objects after a PDF file's last byte, then their cross-reference section."""

    def __init__(self, pdf: bytes):
        self.parts = [pdf if pdf.endswith(b"\n") else pdf + b"\n"]
        self.length = len(self.parts[0])
        self.offsets: dict[int, int] = {}  # object number -> where it starts
        self._font: int | None = None
        self.previous = int(_match(rb"startxref\s+(\d+)\s+%%EOF\s*$", pdf)[1])
        self.trailer = pdf[pdf.rindex(b"trailer") : pdf.rindex(b"startxref")]
        self.size = int(_match(rb"/Size (\d+)", self.trailer)[1])
        objects = _xref(pdf, self.previous)
        root = _object(pdf, objects, int(_match(rb"/Root (\d+) 0 R", self.trailer)[1]))
        self.tree = int(_match(rb"/Pages (\d+) 0 R", root)[1])
        self.kids = _match(rb"/Kids \[([^\]]*)\]", _object(pdf, objects, self.tree))[1].split()
        self.kids = [b" ".join(self.kids[i : i + 3]) for i in range(0, len(self.kids), 3)]

    def new(self) -> int:
        self.size += 1
        return self.size - 1

    def write(self, number: int, head: bytes, stream: bytes | None = None) -> None:
        body = b"%d 0 obj\n%s\n" % (number, head)
        if stream is not None:
            body += b"stream\n%s\nendstream\n" % stream
        body += b"endobj\n"
        self.offsets[number] = self.length
        self.parts.append(body)
        self.length += len(body)

    def font(self) -> int:
        """The Helvetica font object of the captions, written once."""
        if self._font is None:
            self._font = self.new()
            self.write(
                self._font,
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                b"/Encoding /WinAnsiEncoding >>",
            )
        return self._font

    def add_page(
        self, images: list[Image], dpi: float, captions: list[str], footer: str = ""
    ) -> None:
        names, drawing = [], []
        boxes = _layout(images, dpi, captions)
        page_width = _A4_PORTRAIT[0] * _POINTS
        for caption, (_, bottom, _, _) in zip(captions, boxes, strict=True):
            y = bottom - _CAPTION_LEADING
            for line in _caption_lines(caption):
                drawing.append(_text_at(_PAGE_MARGIN * _POINTS, y, _CAPTION_SIZE, line))
                y -= _CAPTION_LEADING
        if footer:
            width = len(footer) * _FOOTER_SIZE * 0.5  # Helvetica's mean width, near enough
            drawing.append(_text_at((page_width - width) / 2, 0.25 * _POINTS, _FOOTER_SIZE, footer))
        for i, (image, box) in enumerate(zip(images, boxes, strict=True)):
            number = self.new()
            self.write(
                number,
                b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                b"/BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 "
                b"/Colors 3 /BitsPerComponent 8 /Columns %d >> /Length %d >>"
                % (image.width, image.height, image.width, len(image.rows)),
                image.rows,
            )
            names.append(b"/Im%d %d 0 R" % (i, number))
            left, bottom, width, height = box
            drawing.append(
                b"q %.3f 0 0 %.3f %.3f %.3f cm /Im%d Do Q" % (width, height, left, bottom, i)
            )
        contents = self.new()
        self.write(contents, b"<< /Length %d >>" % len(b"\n".join(drawing)), b"\n".join(drawing))
        page = self.new()
        width, height = (v * _POINTS for v in _A4_PORTRAIT)
        fonts = b""
        if any(captions) or footer:
            fonts = b"/Font << /F1 %d 0 R >> " % self.font()
        self.write(
            page,
            b"<< /Type /Page /Parent %d 0 R /MediaBox [ 0 0 %.2f %.2f ] "
            b"/Resources << %s/XObject << %s >> /ProcSet [ /PDF /Text /ImageC ] >> "
            b"/Contents %d 0 R >>" % (self.tree, width, height, fonts, b" ".join(names), contents),
        )
        self.kids.append(b"%d 0 R" % page)

    def finish(self) -> bytes:
        self.write(
            self.tree,
            b"<< /Type /Pages /Kids [ %s ] /Count %d >>" % (b" ".join(self.kids), len(self.kids)),
        )
        xref = [b"xref"]
        numbers = sorted(self.offsets)
        for start, count in _runs(numbers):
            xref.append(b"%d %d" % (start, count))
            xref += [b"%010d 00000 n\r" % self.offsets[n] for n in range(start, start + count)]
        trailer = re.sub(rb"/Size \d+", b"/Size %d" % self.size, self.trailer.rstrip())
        trailer = re.sub(rb"\s*/Prev \d+", b"", trailer)  # the file's, if it had one
        trailer = re.sub(rb">>$", b"/Prev %d >>" % self.previous, trailer)
        tail = b"\n".join([*xref, trailer, b"startxref", b"%d" % self.length, b"%%EOF\n"])
        return b"".join([*self.parts, tail])


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted object numbers as (first, count) runs of consecutive numbers."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and runs[-1][0] + runs[-1][1] == n:
            runs[-1][1] += 1
        else:
            runs.append([n, 1])
    return [(first, count) for first, count in runs]


def _xref(pdf: bytes, start: int) -> dict[int, int]:
    """The offsets of the objects in the cross-reference table at ``start``."""
    tokens = pdf[start : pdf.index(b"trailer", start)].split()
    if tokens[:1] != [b"xref"]:
        raise ExportError("cannot add pages to this PDF: no cross-reference table")
    offsets, i = {}, 1
    while i < len(tokens):
        first, count = int(tokens[i]), int(tokens[i + 1])
        for n in range(count):
            offset, _, kind = tokens[i + 2 + 3 * n : i + 5 + 3 * n]
            if kind == b"n":
                offsets[first + n] = int(offset)
        i += 2 + 3 * count
    return offsets


def _object(pdf: bytes, offsets: dict[int, int], number: int) -> bytes:
    start = offsets[number]
    return pdf[start : pdf.index(b"endobj", start)]


def _match(pattern: bytes, data: bytes) -> re.Match:
    found = re.search(pattern, data)
    if found is None:
        raise ExportError(f"cannot add pages to this PDF: {pattern!r} not found")
    return found
