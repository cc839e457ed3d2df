"""QR codes of page addresses, drawn at build time as inline SVG.

Column and item pages carry a QR code of their own address, so that a printed column
or item pinned up in a 公示栏 or 公开查阅点 leads a phone to the page. The code is
made here from the page's absolute URL (no web service is asked) with `segno`, a
pure-Python encoder without dependencies, as one small ``<svg>`` of a single path:
it scales to any print size and needs no image file.

The mask pattern is fixed rather than chosen by scoring all eight (the standard's
penalty rules): that is four times faster (about 1 ms a code, which matters with
thousands of item pages) and every mask gives a valid code; error correction is at
least level M (15 %), raised when the same code size allows more.
"""

from __future__ import annotations

import re

import segno
from markupsafe import Markup, escape

#: Mask pattern used for every code (see the module docstring).
MASK = 0
#: Quiet zone around the code, in modules: the four the standard asks for.
BORDER = 4


def qr_svg(url: str, label: str = "") -> Markup:
    """The QR code of ``url`` as an inline ``<svg>`` (black on white, one unit per module).

    ``label`` becomes the image's accessible name (``role="img"``); without one the
    code is hidden from assistive technology (the text next to it says what it is).
    """
    matrix = segno.make(url, error="m", micro=False, mask=MASK).matrix
    if label:
        attributes = f'role="img" aria-label="{escape(label)}"'
    else:
        attributes = 'aria-hidden="true" focusable="false"'
    size = len(matrix) + 2 * BORDER
    return Markup(
        f'<svg {attributes} shape-rendering="crispEdges" viewBox="0 0 {size} {size}" class="gkml-qr__code">'
        f'<path fill="#fff" d="M0 0h{size}v{size}h-{size}z"/><path stroke="#000" d="{_dark_path(matrix)}"/></svg>'
    )


_DARK_RUN = re.compile(rb"[^\x00]+")


def _dark_path(matrix: tuple[bytearray, ...]) -> str:
    """One path of horizontal strokes, one per run of dark modules, in relative moves.

    The same path segno's SVG writer draws, a third of the time: every item page has
    a code, so at 20,000 items this is seconds of build time.
    """
    parts = []
    x_end = y_last = None
    for row_number, row in enumerate(matrix):
        y = row_number + BORDER
        for run in _DARK_RUN.finditer(bytes(row)):
            x, length = run.start() + BORDER, run.end() - run.start()
            parts.append(f"M{x} {y}.5h{length}" if x_end is None else f"m{x - x_end} {y - y_last}h{length}")
            x_end, y_last = x + length, y
    return "".join(parts)
