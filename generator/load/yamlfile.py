"""Strict, line-aware YAML reading.

``load_yaml(path)`` returns the document as plain Python values (dict, list, str,
None) plus the line and column of every value and key, or diagnostics saying, in
Chinese, why the file cannot be read. It never raises for bad input.

Strictness, on purpose:

* every scalar stays a string: ``no``, ``on``, ``2024-03-05`` or ``20`` are never
  turned into booleans, dates or numbers behind the editor's back;
* a key written twice is an error (PyYAML silently keeps the last one);
* one document per file; no anchors or aliases;
* UTF-8 with or without BOM, LF or CRLF; GBK and UTF-16 are recognised and refused
  with a hint, never mis-decoded.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.check.diagnostics import Diagnostic, make
from generator.load.files import FileGate
from generator.load.plainyaml import read_plain
from generator.model.characters import Hidden, describe, hidden_characters, hidden_kind

#: libyaml's safe loader, much faster, where PyYAML was built with it; else the pure-Python one.
_Base: type[yaml.SafeLoader | yaml.CSafeLoader] = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
_NULL_TAG, _STR_TAG = "tag:yaml.org,2002:null", "tag:yaml.org,2002:str"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """The safe loader, told only whether a plain scalar is null: every other scalar stays a string,
    so matching each against the patterns of numbers, booleans and dates (a fifth of the time
    of composing a file) would be wasted."""

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _NULL_TAG if implicit[0] and value in _NULLS else _STR_TAG
        return str(super().resolve(kind, value, implicit))


Path_ = tuple[object, ...]


@dataclass
class YamlDocument:
    """A parsed file: its data and where each part of it stands."""

    file: str
    data: object
    #: (line, column), 1-based, of each value, keyed by its path (keys and list indices).
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: (line, column) of each mapping key, keyed by the path of its value.
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: The decoded text (line ends normalised), for checks that look at the file as a whole.
    text: str = ""

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column of ``path``; falls back to the nearest located parent."""
        table = self.key_positions if key else self.positions
        while path:
            if path in table:
                return table[path]
            if not key and path in self.key_positions:
                return self.key_positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


def decode(raw: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode file bytes as UTF-8 (BOM allowed) or explain why not."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, [make("encoding-utf16", file)]
    if b"\x00" in raw:
        return None, [make("file-binary", file)]
    notes = []
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
        notes.append(make("encoding-bom", file))
    try:
        return raw.decode("utf-8"), notes
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8")) + 1  # valid up to the bad byte
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            return None, [make("encoding-invalid", file, line, column, offset=exc.start + 1)]
        return None, [make("encoding-gbk", file, line, column)]


def read_yaml(
    path: Path, display: str | None = None, *, gate: FileGate | None = None
) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Read and parse one YAML file through ``gate`` (:mod:`generator.load.files`: where it may
    lie, how large it may be; without one, anywhere, at the default limits); ``display`` is
    the path shown in messages."""
    file = display or path.as_posix()
    raw, problems = (gate or FileGate()).read_bytes(path, file)
    if raw is None:
        return None, problems
    return parse_yaml(raw, file)


def parse_yaml(raw: bytes, file: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse YAML bytes into a :class:`YamlDocument`, or return located diagnostics."""
    text, problems = decode(raw, file)
    if text is None:
        return None, problems
    if "\r\n" in text:
        problems += _mixed_line_endings(text, file)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    hidden, unreadable = _hidden_characters(text, file)
    if unreadable:
        return None, problems + hidden
    problems += hidden
    if not text.strip():
        return None, [make("file-empty", file)]
    plain = read_plain(text)
    if plain is not None:  # the common plain form, read without PyYAML: the same values and positions
        data, positions, keys = plain
        return YamlDocument(file=file, data=data, positions=positions, key_positions=keys, text=text), problems
    return compose(text, file, problems)


def compose(text: str, file: str, problems: list[Diagnostic]) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse ``text`` (decoded, line ends normalised, no character that stops YAML) with PyYAML;
    ``problems``: what was found before, kept in front of the diagnostics."""
    lines = text.split("\n")
    try:
        documents = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_diagnostic(exc, lines, file)]
    except yaml.YAMLError as exc:  # errors without a mark (rare)
        return None, [make("yaml-syntax", file, problem=str(exc))]
    documents = [d for d in documents if d is not None]
    if not documents:
        return None, [make("file-empty", file)]
    if len(documents) > 1:
        line = _mark(documents[1].start_mark)[0]
        markers = [n for n in range(line, 0, -1) if lines[n - 1].startswith("---")]
        return None, [make("yaml-multiple-documents", file, markers[0] if markers else line, 1)]
    doc = YamlDocument(file=file, data=None, text=text)
    diagnostics: list[Diagnostic] = list(problems)
    doc.data = _Converter(doc, diagnostics).convert(documents[0], ())
    return doc, diagnostics


#: The most characters an editor cannot see reported in one file (a pasted page can hold thousands).
_MAX_HIDDEN = 100
_HIDDEN_CODES = {
    Hidden.CONTROL: "char-control",
    Hidden.INVISIBLE: "char-invisible",
    Hidden.ZERO_WIDTH: "char-zero-width",
}


def _hidden_characters(text: str, file: str) -> tuple[list[Diagnostic], bool]:
    """Each character in ``text`` an editor cannot see, where it stands (U+000B pasted from Word, a
    zero-width space, U+202E), and whether one of them keeps YAML from reading the file."""
    found = list(hidden_characters(text))
    out = []
    for index, char in found[:_MAX_HIDDEN]:
        out.append(make(_HIDDEN_CODES[hidden_kind(char)], file, *_position(text, index), char=describe(char)))
    return out, any(hidden_kind(char) is Hidden.CONTROL for _, char in found)


def _mixed_line_endings(text: str, file: str) -> list[Diagnostic]:
    """A warning at the first line that ends differently from the first line."""
    lines = text.split("\n")[:-1]  # every line that has an ending
    first = lines[0].endswith("\r")
    for number, line in enumerate(lines[1:], 2):
        if line.endswith("\r") != first:
            return [make("line-endings-mixed", file, number, len(line.rstrip("\r")) + 1)]
    return []


def _mark(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _position(text: str, index: int) -> tuple[int, int]:
    """Line and column (1-based) of the character at ``index`` of ``text``."""
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


#: An alias as written: ``*`` and the anchor's name, after a space, a list's dash, ``[`` or ``,``.
_ALIAS = re.compile(r"(?<=[\s\-\[,])\*[^\s,\[\]{}]+")


def _find_alias(text: str, start: int) -> re.Match[str] | None:
    """The first alias written from ``start`` on that is not in a comment (between two list items
    there is nothing else with text of its own)."""
    while alias := _ALIAS.search(text, start):
        line_start = max(start, text.rfind("\n", 0, alias.start()) + 1)
        if "#" not in text[line_start : alias.start()]:
            return alias
        start = text.find("\n", alias.end()) + 1 or len(text)
    return None


class _Converter:
    """Turns composed nodes into plain values, recording positions and duplicate keys."""

    def __init__(self, doc: YamlDocument, out: list[Diagnostic]) -> None:
        self.doc = doc
        self.out = out
        self.seen: set[int] = set()

    def convert(self, node: yaml.Node, path: Path_, at: tuple[int, int] | None = None) -> object:
        doc = self.doc
        if id(node) in self.seen:  # the composer hands an alias back as the anchored node
            line, column = at or _mark(node.start_mark)
            self.out.append(make("yaml-anchor", doc.file, line, column))
            return None
        self.seen.add(id(node))
        doc.positions[path] = _mark(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _NULL_TAG and not node.style:
                return None
            self._escaped_hidden(node)
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node, path)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        return None  # pragma: no cover - PyYAML has no other node kinds

    def _sequence(self, node: yaml.SequenceNode, path: Path_) -> list[object]:
        """The items of a list. An alias among them is reported where it is written (the composer
        hands it back as the anchored node, marked where the anchor is) and left out: the file is
        in error, and the other items are still checked, each at its own position."""
        items: list[object] = []
        cursor = node.start_mark.index  # where the text of the next item begins, at the earliest
        for item in node.value:
            if id(item) in self.seen:
                alias = _find_alias(self.doc.text, cursor)
                at = _position(self.doc.text, alias.start()) if alias else _mark(item.start_mark)
                self.out.append(make("yaml-anchor", self.doc.file, *at))
                cursor = alias.end() if alias else cursor
                continue
            items.append(self.convert(item, (*path, len(items))))
            cursor = item.end_mark.index
        return items

    def _escaped_hidden(self, node: yaml.ScalarNode) -> None:
        """Report a character an editor cannot see that a double-quoted scalar writes as an escape
        (``"\\u202e"``, ``"\\0"``), at the scalar; the ones written as they are were reported already."""
        if node.style != '"':
            return
        source = self.doc.text[node.start_mark.index : node.end_mark.index]
        for char in dict.fromkeys(char for _, char in hidden_characters(node.value)):
            if char not in source:
                code = "char-zero-width" if hidden_kind(char) is Hidden.ZERO_WIDTH else "char-invisible"
                self.out.append(make(code, self.doc.file, *_mark(node.start_mark), char=describe(char)))

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, object]:
        doc = self.doc
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            key_at = _mark(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                self.out.append(make("not-mapping", doc.file, *key_at))
                continue
            self._escaped_hidden(key_node)
            key = str(key_node.value).strip()
            key_path = (*path, key)
            if key in result:
                first_line = doc.key_positions[key_path][0]
                self.out.append(make("duplicate-key", doc.file, *key_at, element=key, key=key, first_line=first_line))
                continue
            doc.key_positions[key_path] = key_at
            result[key] = self.convert(value_node, key_path, key_at)
        return result


_FULLWIDTH_COLON_KEY = re.compile(r"^\s*(?:-\s*)?([^\s:：#'\"][^:：#]*?)\s*：")
_MISSING_SPACE = re.compile(r"^\s*(?:-\s*)?([^\s:#'\"\[{][^:#]*?):(?=[^\s/]|\u3000)")
#: A key's colon or a list item's dash followed by a no-break space (U+00A0, pasted from a web page or
#: Word) instead of the space YAML needs.
_NBSP_AFTER_COLON = re.compile(r"^\s*(?:-\xa0|(?:-\s*)?[^\s:#'\"\[{][^:#]*?:\xa0)")
#: Problems whose own position is where PyYAML gave up (often the end of the file);
#: the construct left open starts at the error's context mark.
_UNTERMINATED = ("found unexpected end of stream", "did not find expected ',' or", "while scanning a quoted scalar")
#: A key written without its colon: PyYAML notices on the next line (past the end of the file, for
#: the last line); the key starts at the context mark. Reported there when no pitfall explains it.
_KEY_WITHOUT_COLON = "could not find expected ':'"


def _syntax_diagnostic(exc: yaml.MarkedYAMLError, lines: list[str], file: str) -> Diagnostic:
    """Translate a PyYAML error into a located Chinese diagnostic with a concrete hint."""
    problem = exc.problem or ""
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and any(problem.startswith(p) for p in _UNTERMINATED):
        mark = exc.context_mark
    line, column = _mark(mark)
    if line > len(lines):  # PyYAML points past the last line: blame the last line with text
        line = max((n for n, text in enumerate(lines, 1) if text.strip()), default=1)
        column = 1
    # Editors' pitfalls first: look at the reported line and the lines just before it,
    # because PyYAML often notices a problem one line after its cause.
    for number in range(line, max(0, line - 3), -1):
        text = lines[number - 1] if 0 < number <= len(lines) else ""
        indent = text[: len(text) - len(text.lstrip())]
        if "\t" in indent or ("tab" in problem and number == line):
            return make("yaml-tab", file, number, text.index("\t") + 1 if "\t" in text else 1)
        if "\u3000" in indent:
            return make("yaml-fullwidth-space", file, number, text.index("\u3000") + 1)
        nbsp = _NBSP_AFTER_COLON.match(text)
        if "\xa0" in indent or nbsp:
            return make("yaml-nbsp", file, number, nbsp.end() if nbsp else text.index("\xa0") + 1)
        match = _FULLWIDTH_COLON_KEY.match(text)
        if match and ":" not in text.split("：", 1)[0]:
            return make("yaml-fullwidth-colon", file, number, text.index("：") + 1, key=match.group(1))
        match = _MISSING_SPACE.match(text)
        if match and number < line:
            return make("yaml-missing-space", file, number, match.end(1) + 1)
    if "alias" in problem or "anchor" in problem:
        return make("yaml-anchor", file, line, column)
    if problem.startswith(_KEY_WITHOUT_COLON) and exc.context_mark is not None:
        line, column = _mark(exc.context_mark)
    return make("yaml-syntax", file, line, column, problem=_translate(problem))


_QUOTE = "请给整个值加上引号，例如“备注: '*注：……'”"
#: PyYAML's (libyaml's and the pure-Python parser's) wording, by prefix, in Chinese.
_PROBLEMS = {
    "mapping values are not allowed": "这里不能出现“键: 值”：值中含有“: ”时请给整个值加上引号，否则请检查这一行的缩进",
    "block sequence entries are not allowed": "列表项“- ”不能和键写在同一行：请换行，并在“- ”前缩进两个空格",
    "mapping keys are not allowed": "值以“?”开头有特殊含义，" + _QUOTE,
    "could not find expected ':'": "找不到冒号“:”（可能是缩进不齐，或冒号写成了全角“：”）",
    "did not find expected key": "缩进不齐，找不到预期的键",
    "did not find expected '-' indicator": "列表项缩进不齐，找不到预期的“- ”",
    "did not find expected ',' or ']'": "方括号“[ ]”没有成对",
    "did not find expected ',' or '}'": "花括号“{ }”没有成对",
    "did not find expected alphabetic or numeric character": "值以“*”或“&”开头有特殊含义，" + _QUOTE,
    "did not find expected comment or line break": "值以“|”或“>”开头有特殊含义，" + _QUOTE,
    "did not find expected whitespace or line break": "值以“!”开头有特殊含义，" + _QUOTE,
    "did not find expected node content": "这里缺少内容",
    "found unexpected end of stream": "引号没有成对",
    "found character that cannot start any token": "值以“`”“@”“%”等符号开头，" + _QUOTE,
    "found unknown escape character": "双引号内出现了无效的转义字符“\\”（请改用单引号）",
    "found undefined tag handle": "值以“!”开头有特殊含义，" + _QUOTE,
    "expected <block end>": "这一行的缩进与上一行不一致",
    "expected ',' or ']'": "方括号“[ ]”没有成对",
    "expected ',' or '}'": "花括号“{ }”没有成对",
    "found unexpected ':'": "冒号“:”的位置不对，" + _QUOTE,
}


def _translate(problem: str) -> str:
    for english, chinese in _PROBLEMS.items():
        if problem.startswith(english):
            return chinese
    return "这一行的写法不符合 YAML 格式"
