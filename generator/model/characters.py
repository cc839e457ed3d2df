"""Characters an editor cannot see, and how messages name them.

Text pasted from Word, PDF or a web page brings characters along that an editor never
typed and cannot see: control characters (Word's line break is U+000B), zero-width
spaces, the marks that reverse the direction of text (U+202E), line separators. A message
names each by its code point and, for the common ones, its Chinese name:
``U+000B（垂直制表符）``.
"""

from __future__ import annotations

import unicodedata

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
    "\u200e": "从左到右标记",
    "\u200f": "从右到左标记",
    "\u2028": "行分隔符",
    "\u2029": "段分隔符",
    "\u202a": "从左到右嵌入",
    "\u202b": "从右到左嵌入",
    "\u202c": "方向嵌入结束",
    "\u202d": "从左到右覆盖",
    "\u202e": "从右到左覆盖",
    "\u2060": "词连接符",
    "\u2066": "从左到右隔离",
    "\u2067": "从右到左隔离",
    "\u2068": "首字符方向隔离",
    "\u2069": "方向隔离结束",
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
