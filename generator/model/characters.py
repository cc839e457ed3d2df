"""Characters an editor cannot see, and how messages name them.

Text pasted from Word, PDF or a web page brings characters along that an editor never
typed and cannot see: control characters (Word's line break is U+000B), zero-width
spaces, the marks that reverse the direction of text (U+202E), line separators. A message
names each by its code point and, for the common ones, its Chinese name:
``U+000B（垂直制表符）``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from enum import Enum

_NAMES: dict[str, str] = {
    "\x00": "空字符",
    "\t": "制表符",
    "\n": "换行符",
    "\x07": "响铃符",
    "\x08": "退格符",
    "\x0b": "垂直制表符",
    "\x0c": "换页符",
    "\r": "回车符",
    "\x1b": "转义符",
    " ": "空格",
    "\x7f": "删除符",
    "\x85": "下一行符",
    "\xa0": "不换行空格",
    "\xad": "软连字符",
    "\u061c": "阿拉伯字母标记",
    "\u180e": "蒙古文元音分隔符",
    "\u200b": "零宽空格",
    "\u200c": "零宽不连字",
    "\u200d": "零宽连字",
    "\u200e": "从左到右标记符",
    "\u200f": "从右到左标记符",
    "\u2028": "行分隔符",
    "\u2029": "段分隔符",
    "\u202a": "从左到右嵌入符",
    "\u202b": "从右到左嵌入符",
    "\u202c": "方向格式结束符",
    "\u202d": "从左到右覆盖符",
    "\u202e": "从右到左覆盖符",
    "\u2060": "词连接符",
    "\u2066": "从左到右隔离符",
    "\u2067": "从右到左隔离符",
    "\u2068": "首字符方向隔离符",
    "\u2069": "方向隔离结束符",
    "\u3000": "全角空格",
    "\ufeff": "零宽不换行空格",
}
#: The name of a character not in :data:`_NAMES`, by its Unicode category.
_KINDS = {"Cc": "控制字符", "Cf": "格式字符", "Zs": "空格", "Zl": "行分隔符", "Zp": "段分隔符"}


def describe(char: str) -> str:
    """``U+000B（垂直制表符）``: the code point of ``char`` and its Chinese name."""
    name = _NAMES.get(char) or _KINDS.get(unicodedata.category(char), "字符")
    return f"U+{ord(char):04X}（{name}）"


def is_blank(char: str) -> bool:
    """Whether ``char`` shows nothing: a space of any width, a control or format character, a line break."""
    return char.isspace() or unicodedata.category(char) in _KINDS


class Hidden(Enum):
    """How much a character an editor cannot see matters in a file gkml reads."""

    #: YAML cannot read it (a control character; a line or paragraph separator, read as a line break)
    CONTROL = "control"
    #: it shows nothing, or turns the text around (U+202E): what a page shows is not what the file says
    INVISIBLE = "invisible"
    #: a zero-width space or joiner, a soft hyphen: only breaks searching for the text
    ZERO_WIDTH = "zero-width"


_CANDIDATES = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\ufffe\uffff\U000e0000-\U000e007f]"
)
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\xad")


def hidden_kind(char: str) -> Hidden:
    """How much ``char`` (one :func:`hidden_characters` found) matters."""
    if char in _ZERO_WIDTH:
        return Hidden.ZERO_WIDTH
    if unicodedata.category(char) == "Cc" or char in "\u2028\u2029\ufffe\uffff":
        return Hidden.CONTROL
    return Hidden.INVISIBLE


def hidden_characters(text: str) -> Iterator[tuple[int, str]]:
    """Each character of ``text`` an editor cannot see (tab and line breaks aside), with its index."""
    for match in _CANDIDATES.finditer(text):
        yield match.start(), match[0]
