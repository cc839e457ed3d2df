"""argparse in Chinese: its own texts translated, help aligned by display width.

argparse looks its texts up through the module-level ``_`` and ``ngettext`` (gettext) at the
moment it needs them; while a :class:`ChineseArgumentParser` parses or formats its help,
:func:`chinese` puts a lookup in this module's table there (and puts gettext back after), so the
usage line, the section titles, ``-h``'s help and every error message (Python 3.10 to 3.13) read
in Chinese, while option names stay as they are. A text the table does not know stays English
rather than fail; other parsers in the same process (pytest's) are not affected.

:class:`ChineseHelpFormatter` measures text by display width: a CJK character takes two
columns of a terminal, so padding and wrapping by ``len`` would misalign the help column.
"""

from __future__ import annotations

import argparse
import builtins
import contextlib
import re
import unicodedata
from collections.abc import Iterator
from typing import Any, NoReturn

#: argparse's texts (the union of Python 3.10–3.13) and how gkml says them.
TEXTS: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "subcommands": "命令",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    " (default: %(default)s)": "（默认：%(default)s）",
    "%(heading)s:": "%(heading)s：",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s：注意：%(message)s\n",
    "the following arguments are required: %s": "缺少参数 %s",
    "unrecognized arguments: %s": "不认识的参数 %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r 不是可选的值（可选：%(choices)s）",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)": (
        "%(value)r 不是可选的值，是不是要写 %(closest)r？（可选：%(choices)s）"
    ),
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的值（应为 %(type)s）",
    "expected one argument": "后面要写一个值",
    "expected at most one argument": "后面最多写一个值",
    "expected at least one argument": "后面至少要写一个值",
    "expected %s argument": "后面要写 %s 个值",
    "expected %s arguments": "后面要写 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "not allowed with argument %s": "不能与 %s 一起使用",
    "one of the arguments %s is required": "需要 %s 中的一个",
    "ignored explicit argument %r": "多余的值 %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令 %(parser_name)r（可用的命令：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unexpected option string: %s": "不认识的选项 %s",
    "argument '%(argument_name)s' is deprecated": "参数“%(argument_name)s”已不再使用",
    "option '%(option)s' is deprecated": "选项“%(option)s”已不再使用",
    "command '%(parser_name)s' is deprecated": "命令“%(parser_name)s”已不再使用",
}


def translate(text: str) -> str:
    """The Chinese of an argparse text, or the text itself when the table does not know it."""
    return TEXTS.get(text, text)


def translate_plural(singular: str, plural: str, n: int) -> str:
    """``ngettext`` for argparse: Chinese has one form."""
    return translate(singular if n == 1 else plural)


@contextlib.contextmanager
def chinese() -> Iterator[None]:
    """argparse speaks Chinese within the ``with`` block (also when it ends by ``SystemExit``)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = translate, translate_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


#: argparse 3.10's text of an argument's error, which it does not look up (later versions do).
_ARGUMENT_ERROR = re.compile(r"argument (\S+): (.*)", re.DOTALL)


def display_width(text: str) -> int:
    """The columns ``text`` takes on a terminal: two for wide and full-width characters."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


#: A token of text that may not be broken: a run of narrow non-space characters, one wide character
#: (with the closing punctuation after it, which may not start a line), or a run of spaces.
_TOKEN = re.compile(r"[ \t\n]+|[^\s\u1100-\uffff]+|.[）。，、；：？！”’》」』…]*", re.DOTALL)


def wrap(text: str, width: int) -> list[str]:
    """``text`` (whitespace collapsed) as lines of at most ``width`` columns, broken between words or
    between CJK characters, never before closing punctuation."""
    lines: list[str] = []
    line, used = "", 0
    for token in _TOKEN.findall(" ".join(text.split())):
        if token.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        size = display_width(token)
        if line and used + size > width:
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + token, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _measure(obj: Any) -> int:
    """``len`` for argparse's usage layout: the display width of a text, the length of anything else."""
    return display_width(obj) if isinstance(obj, str) else builtins.len(obj)


def _is_command_list(action: argparse.Action) -> bool:
    """The subcommands' action without a help of its own: its commands are listed under its section title."""
    return isinstance(action, argparse._SubParsersAction) and not action.help


class ChineseHelpFormatter(argparse.HelpFormatter):
    """argparse's help layout with widths measured in terminal columns, section titles with a full-width colon."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headings: set[str] = set()

    def start_section(self, heading: str | None) -> None:
        """As argparse's, remembering the title so that :meth:`format_help` can give it a full-width colon."""
        if heading:
            self._headings.add(heading)
        super().start_section(heading)

    def format_help(self) -> str:
        """The help text, each section title followed by “：”."""
        text = super().format_help()
        for heading in self._headings:
            text = re.sub(rf"(?m)^(\s*){re.escape(heading)}:$", rf"\1{heading}：", text)
        return text

    def _format_usage(self, *args: Any, **kwargs: Any) -> str:
        # argparse wraps and indents the usage line by ``len``, which it looks up in its module first:
        # measuring by display width there keeps a usage with CJK metavars (and the prefix 用法：) aligned
        argparse.len = _measure  # type: ignore[attr-defined]
        try:
            return str(super()._format_usage(*args, **kwargs))
        finally:
            del argparse.len  # type: ignore[attr-defined]

    def add_argument(self, action: argparse.Action) -> None:
        """As argparse's, measuring the invocations (each at its own indent) by display width."""
        if action.help is not argparse.SUPPRESS:
            lengths = [self._current_indent + display_width(self._format_action_invocation(action))]
            for sub in self._subactions(action):
                lengths.append(self._current_indent + display_width(self._format_action_invocation(sub)))
            if _is_command_list(action):
                lengths = lengths[1:] or [0]
            self._action_max_length = max(self._action_max_length, *lengths)
            self._add_item(self._format_action, [action])

    def _format_action(self, action: argparse.Action) -> str:
        if _is_command_list(action):  # no line of its own: the commands, one a line
            return self._join_parts([self._format_action(sub) for sub in self._subactions(action)])
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        action_width = help_position - self._current_indent - 2
        header = self._format_action_invocation(action)
        indent = " " * self._current_indent
        first_indent = 0
        if not action.help:
            parts = [f"{indent}{header}\n"]
        elif display_width(header) <= action_width:
            parts = [f"{indent}{_pad(header, action_width)}  "]
        else:
            parts = [f"{indent}{header}\n"]
            first_indent = help_position
        if action.help and action.help.strip():
            lines = self._split_lines(self._expand_help(action), help_width)
            if lines:
                parts.append(" " * first_indent + lines[0] + "\n")
                parts += [" " * help_position + line + "\n" for line in lines[1:]]
        elif not parts[0].endswith("\n"):
            parts.append("\n")
        parts += [self._format_action(sub) for sub in self._iter_indented_subactions(action)]
        return self._join_parts(parts)

    def _subactions(self, action: argparse.Action) -> Iterator[argparse.Action]:
        """The subactions of ``action`` (the commands), indented as the other entries of a command list."""
        if not _is_command_list(action):
            yield from self._iter_indented_subactions(action)
            return
        yield from action._get_subactions()  # type: ignore[attr-defined]

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, max(width - display_width(indent), 11)))


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Chinese and lays its help out by display width (also its subparsers)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        with chinese():  # the help of -h is looked up here
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        """As argparse's (its title is looked up in Chinese)."""
        with chinese():
            return super().add_subparsers(**kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        """As argparse's, in Chinese (also the arguments it does not know)."""
        with chinese():
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        """As argparse's, in Chinese (errors, ``-h``)."""
        with chinese():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        """The usage line, in Chinese."""
        with chinese():
            return super().format_usage()

    def format_help(self) -> str:
        """The help, in Chinese."""
        with chinese():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        """Usage and the error in Chinese on standard error, exit status 2."""
        match = _ARGUMENT_ERROR.fullmatch(message)
        if match:
            message = translate("argument %(argument_name)s: %(message)s") % {
                "argument_name": match[1],
                "message": match[2],
            }
        with chinese():
            super().error(message)
