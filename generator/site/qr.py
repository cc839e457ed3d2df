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

import itertools
import re
import zlib
from functools import cache
from typing import Any, cast

import segno
from markupsafe import Markup, escape
from segno import consts, encoder

from generator.profiling import phase

#: Mask pattern used for every code (see the module docstring).
MASK = 0
#: Quiet zone around the code, in modules: the four the standard asks for.
BORDER = 4
#: segno's table of data bits by version and error level (its keys are segno's constants;
#: mypy infers only ``object`` for the nested table).
_CAPACITY = cast("dict[int, dict[int | None, int]]", consts.SYMBOL_CAPACITY)
#: segno's table of error correction blocks by version and error level (typed ``object`` there).
_ECC = cast("dict[int, dict[int, tuple[Any, ...]]]", consts.ECC)
#: segno's error levels by their constant: its typed ``make`` takes the name.
_ERROR_NAMES = {level: name for name, level in consts.ERROR_MAPPING.items()}


def qr_svg(url: str, label: str = "") -> Markup:
    """The QR code of ``url`` as an inline ``<svg>`` (black on white, one unit per module).

    ``label`` becomes the image's accessible name (``role="img"``); without one the
    code is hidden from assistive technology (the text next to it says what it is).
    """
    key = f"{label}\n{url}"
    known = _unpacked(_known.get(key))
    if known is not None:
        _reused.add(key)
        return Markup(known)
    with phase("qr"):
        code = _qr_svg(url, label)
    _made[key] = str(code)
    return code


#: Codes kept by the last build (:mod:`generator.site.cache`), by label and address, each deflated
#: (:func:`pack`); the codes this process made, and the keys of those it took from there, since
#: :func:`take_codes` last took them.
_known: dict[str, bytes] = {}
_made: dict[str, str] = {}
_reused: set[str] = set()


def pack(svg: str) -> bytes:
    """A code's SVG as a build holds and keeps it: deflated, a quarter of its size."""
    return zlib.compress(svg.encode("utf-8"), level=1)


def _unpacked(packed: bytes | None) -> str | None:
    """The SVG :func:`pack` made ``packed`` of (None: none, or a damaged cache: made again)."""
    try:
        return None if packed is None else zlib.decompress(packed).decode("utf-8")
    except (zlib.error, UnicodeDecodeError):
        return None


def reuse_codes(known: dict[str, bytes]) -> None:
    """Let :func:`qr_svg` answer from ``known`` (codes an earlier build made, by ``label\\naddress``,
    each as :func:`pack` made it)."""
    global _known
    _known = known
    _made.clear()
    _reused.clear()


def take_codes() -> tuple[dict[str, str], set[str]]:
    """The codes made and the keys of the codes reused since the last call (in this process)."""
    made, reused = dict(_made), set(_reused)
    _made.clear()
    _reused.clear()
    return made, reused


def known_code(key: str) -> bytes | None:
    """A code given to :func:`reuse_codes`, by its key (as :func:`pack` made it)."""
    return _known.get(key)


def _qr_svg(url: str, label: str) -> Markup:
    matrix = qr_matrix(url)
    if label:
        attributes = f'role="img" aria-label="{escape(label)}"'
    else:
        attributes = 'aria-hidden="true" focusable="false"'
    size = len(matrix) + 2 * BORDER
    return Markup(
        f'<svg {attributes} shape-rendering="crispEdges" viewBox="0 0 {size} {size}" class="gkml-qr__code">'
        f'<path fill="#fff" d="M0 0h{size}v{size}h-{size}z"/><path stroke="#000" d="{_dark_path(matrix)}"/></svg>'
    )


def qr_matrix(url: str) -> tuple[bytearray, ...]:
    """The modules of ``url``'s code: exactly ``segno.make(url, error="m", micro=False, mask=MASK).matrix``.

    segno places the codeword bits one by one and masks the symbol module by module; for
    thousands of pages that is most of the cost. Here the data modules of each version are
    found once (in segno's placement order, with their mask bits), and every code is its
    version's template with the final message's bits written in. A test compares the
    result with segno's own for many addresses.
    """
    version, error, codewords = _byte_mode_codewords(url) or _segno_codewords(url)
    width, source, gather, flips, count = _placement(version, error)
    data = _final_message(version, error, codewords)[:count].ljust(count, b"\0")  # the bits of the data modules
    masked = (int.from_bytes(data, "big") ^ flips).to_bytes(count, "big")  # each bit XOR its mask bit
    flat = bytes(map((masked + source).__getitem__, gather))
    return tuple(bytearray(flat[i : i + width]) for i in range(0, width * width, width))


def _segno_codewords(text: str) -> tuple[int, int, bytes]:
    """The version, error level and data codewords segno chooses and writes for ``text``."""
    segments = encoder.prepare_data(text, None, None)
    version = encoder.find_version(segments, consts.ERROR_LEVEL_M, eci=False, micro=False)
    error = encoder.boost_error_level(version, consts.ERROR_LEVEL_M, segments, False, is_sa=False)
    buff = encoder.Buffer()
    for segment in segments:
        encoder.write_segment(buff, segment, None, encoder.version_range(version), False)
    capacity = _CAPACITY[version][error]
    encoder.write_terminator(buff, capacity, None, len(buff))
    encoder.write_padding_bits(buff, version, len(buff))
    encoder.write_pad_codewords(buff, version, capacity, len(buff))
    bits = bytes(buff.getbits())
    return version, error, int(bits.translate(_AS_DIGITS), 2).to_bytes(len(bits) // 8, "big")


#: What segno writes in alphanumeric mode (a text of these only is not in byte mode).
_ALPHANUMERIC = frozenset(consts.ALPHANUMERIC_CHARS.decode("ascii"))


def _byte_mode_codewords(text: str) -> tuple[int, int, bytes] | None:
    """:func:`_segno_codewords` for an ASCII text segno writes as one segment in byte mode (every
    web address with a lower-case letter), computed as one number: segno appends every bit of
    the mode, the length and each character in turn, most of a code's time. None for other texts."""
    if not text.isascii() or set(text) <= _ALPHANUMERIC:
        return None
    data = text.encode("ascii")
    for version in range(1, 41):
        length_bits = 8 if version < 10 else 16  # the character count indicator in byte mode
        used = 4 + length_bits + 8 * len(data)
        if _CAPACITY[version][consts.ERROR_LEVEL_M] >= used:
            break
    else:
        return None
    error = consts.ERROR_LEVEL_M
    for better in (consts.ERROR_LEVEL_Q, consts.ERROR_LEVEL_H):  # as segno.encoder.boost_error_level
        if _CAPACITY[version][better] < used:
            break
        error = better
    capacity = _CAPACITY[version][error]
    value = (_BYTE_MODE << length_bits | len(data)) << 8 * len(data) | int.from_bytes(data, "big")
    ended = used + min(4, capacity - used)  # the terminator: up to four 0 bits
    ended += 8 - ended % 8  # 0 bits to the codeword's end; on a boundary segno adds a whole 0 codeword
    words = (value << (ended - used)).to_bytes(ended // 8, "big")
    padding = max(0, capacity // 8 - ended // 8)
    return version, error, words + (_PAD_CODEWORDS * padding)[:padding]


_BYTE_MODE = 0b0100  #: the mode indicator of byte mode
_PAD_CODEWORDS = b"\xec\x11"  #: written in turn after the data (ISO/IEC 18004:2015, 7.4.10)

#: Bytes of 0 and 1 as the text of a binary number, and back.
_AS_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_AS_BITS = bytes.maketrans(b"01", b"\x00\x01")


def _final_message(version: int, error: int, data: bytes) -> bytes:
    """The bits (bytes of 0 and 1) of ``segno.encoder.make_final_message(version, error, buff)`` for a
    QR Code (not Micro QR) whose data codewords are ``data``: they and their Reed–Solomon error
    codewords, interleaved by block, then the remainder bits. The same arithmetic, with the
    codewords taken as binary numbers instead of bit by bit."""
    codewords = iter(data)
    data_blocks, error_blocks = [], []
    log = consts.GALIOS_LOG
    for info in _ECC[version][error]:
        error_words = info.num_total - info.num_data
        rows, bits_out = _generator_rows(error_words), 8 * error_words
        for _ in range(info.num_blocks):
            block = bytes(itertools.islice(codewords, info.num_data))
            data_blocks.append(block)
            # segno.encoder.make_blocks' synthetic division, the block and its remainder as one number:
            # byte k, when not zero, adds (XOR) the generator times it to the bytes after it
            remainder = int.from_bytes(block, "big") << bits_out
            for shift in range(8 * (len(block) - 1) + bits_out, bits_out - 1, -8):
                coefficient = (remainder >> shift) & 0xFF
                if coefficient:
                    remainder ^= rows[log[coefficient]] << (shift - bits_out)
            error_blocks.append((remainder & ((1 << bits_out) - 1)).to_bytes(error_words, "big"))
    words = bytes(
        word
        for blocks in (data_blocks, error_blocks)
        for word in itertools.chain.from_iterable(itertools.zip_longest(*blocks))
        if word is not None
    )
    message = format(int.from_bytes(words, "big"), f"0{8 * len(words)}b").encode("ascii").translate(_AS_BITS)
    return message + b"\0" * _REMAINDER_BITS.get(version, 0)


@cache
def _generator_rows(error_words: int) -> list[int]:
    """For each logarithm ``lc`` of a coefficient, the generator polynomial of ``error_words`` error
    codewords times that coefficient, as one number (its bytes: ``GALIOS_EXP[lc + GEN_POLY[n]]``)."""
    generator, exp = consts.GEN_POLY[error_words], consts.GALIOS_EXP
    return [int.from_bytes(bytes(exp[lc + g] for g in generator), "big") for lc in range(255)]


#: Remainder bits after the final message, by version (ISO/IEC 18004:2015, 7.6; as segno writes them).
_REMAINDER_BITS = {
    **dict.fromkeys((2, 3, 4, 5, 6), 7),
    **dict.fromkeys((14, 15, 16, 17, 18, 19, 20, 28, 29, 30, 31, 32, 33, 34), 3),
    **dict.fromkeys((21, 22, 23, 24, 25, 26, 27), 4),
}


@cache
def _placement(version: int, error: int) -> tuple[int, bytes, list[int], int, int]:
    """A version's symbol as one gather: its width; the modules that are not data (flat, row by
    row); for each module of the symbol where to take it from (data modules from the masked data
    bits, in placement order, the others from the modules after them); the mask bits of the data
    modules as one number (byte k from the left: data module k); how many data modules there are."""
    template, positions, flips = _layout(version, error)
    width = len(template)
    flat_template = b"".join(template)
    count = len(positions)
    gather = [count + cell for cell in range(width * width)]
    for k, (i, j) in enumerate(positions):
        gather[i * width + j] = k
    return width, flat_template, gather, int.from_bytes(bytes(flips), "big"), count


@cache
def _layout(version: int, error: int) -> tuple[tuple[bytes, ...], list[tuple[int, int]], list[int]]:
    """A version's symbol without data (function patterns, format and version information),
    its data modules in placement order, and whether mask pattern 0 flips each of them."""
    width = encoder.calc_matrix_size(version)
    blank = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(blank, width, width)
    encoder.add_alignment_patterns(blank, width, width)
    positions = []
    for right in range(width - 1, 0, -2):  # two-module columns, right to left, up and down in turn
        if right <= 6:
            right -= 1  # the vertical timing pattern is skipped
        for vertical in range(width):
            for z in (0, 1):
                j = right - z
                upwards = (right & 2 == 0) ^ (j < 6)
                i = width - 1 - vertical if upwards else vertical
                if blank[i][j] == 0x2:  # not a function module
                    positions.append((i, j))
    sample = segno.make("x", version=version, error=_ERROR_NAMES[error], mask=MASK, boost_error=False, micro=False)
    flips = [1 if (i + j) % 2 == 0 else 0 for i, j in positions]  # mask pattern 0: (i + j) mod 2 = 0
    return tuple(bytes(row) for row in sample.matrix), positions, flips


_DARK_RUN = re.compile(rb"[^\x00]+")


def _dark_path(matrix: tuple[bytearray, ...]) -> str:
    """One path of horizontal strokes, one per run of dark modules, in relative moves.

    The same path segno's SVG writer draws, a third of the time: every item page has
    a code, so at 20,000 items this is seconds of build time.
    """
    parts = []
    x_end: int | None = None  # where the last run ended (None before the first)
    y_last = 0
    for row_number, row in enumerate(matrix):
        y = row_number + BORDER
        for run in _DARK_RUN.finditer(bytes(row)):
            x, length = run.start() + BORDER, run.end() - run.start()
            parts.append(f"M{x} {y}.5h{length}" if x_end is None else f"m{x - x_end} {y - y_last}h{length}")
            x_end, y_last = x + length, y
    return "".join(parts)
