"""ASCII slugs from Chinese titles (pinyin), for readable and stable URLs and anchors.

pypinyin is imported when a title is first converted (its dictionaries take a sixth of a second to
load): ``gkml check`` of a catalogue whose folders all give their ``slug`` never needs it.
"""

from __future__ import annotations

import re
from functools import lru_cache

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def pinyin_syllables(text: str) -> tuple[str, ...]:
    """Tone-less pinyin syllables of the Han characters in ``text``; other runs kept as words.

    The text is segmented into words first, as pypinyin itself does (so polyphones are
    read by their word: 重建 chong jian), and each word is converted once per process:
    catalogue titles reuse a small vocabulary, which makes this several times faster
    than converting every title whole.
    """
    from pypinyin.seg.simpleseg import seg as segment

    return tuple(s for word in segment(text) for s in _word_syllables(word))


@lru_cache(maxsize=65536)
def _word_syllables(word: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    words = lazy_pinyin(word, style=Style.NORMAL, errors=lambda s: s)  # text without pinyin is kept as one word
    return tuple(w.lower() for w in words if w.strip())


def initials(text: str) -> str:
    """Pinyin initials of ``text`` as a slug, e.g. 保障性住房 → bzxzf."""
    letters = "".join(s[0] for s in pinyin_syllables(text) if s[0].isascii() and s[0].isalnum())
    return letters or "x"


def slugify(text: str, sep: str = "-") -> str:
    """Full-pinyin slug of a heading, e.g. 公开依据 → gong-kai-yi-ju.

    Usable as the ``slugify`` of Python-Markdown's toc extension, so that headings in
    hand-written pages get ASCII anchors instead of ``_1``, ``_2``.
    """
    joined = sep.join(pinyin_syllables(text))
    return _NON_SLUG.sub(sep, joined.lower()).strip(sep) or "section"
