"""A fast reader for the plainest YAML, the form almost every entry's front matter takes.

An entry's front matter is a dozen ``键: 值`` lines, perhaps ``关联: [a, b]``,
``审核: {审核人: 张三, 审核日期: 2025-03-11}`` or a short indented block. Composing it with
PyYAML (libyaml's parser, then PyYAML's resolver and our position-keeping converter in
Python) took about half of ``gkml check`` at 200,000 entries. :func:`read_plain` reads only
that plain subset, with the same values and the same positions as
:func:`generator.load.yamlfile.parse_yaml` would give, and answers None for anything else
(quotes, anchors, tags, block scalars, multi-line values, deeper nesting, a duplicate key,
a comment after a value, a character YAML treats specially …), which PyYAML then reads as
before. ``tests/unit/test_plainyaml.py`` compares the two on generated documents.
"""

from __future__ import annotations

import re

Path_ = tuple[object, ...]
Positions = dict[Path_, tuple[int, int]]

_KEY = r"[A-Za-z\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff]*"
#: A plain scalar that means the same in block and flow context: no character YAML treats
#: specially anywhere in it (ASCII ``:`` ``#`` ``,`` brackets, quotes …), none at its start
#: (``-`` ``?`` ``&`` ``*`` ``!`` ``|`` ``>`` ``%`` ``@`` `````), no space at either end, and no
#: character PyYAML would not print or would take for a line break (C0/C1 controls, U+2028 …).
_NEVER = "\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ud800-\\udfff\\ufeff\\ufffe\\uffff:,\\[\\]{}#'\"\\\\"
_SCALAR = rf"[^\s\-?&*!|>%@`{_NEVER}](?:[^\t{_NEVER}]*[^\s{_NEVER}])?"
#: In block context (not inside brackets) a value may also hold ``:`` before a character that is
#: not a space and ``#`` after one that is not (an address: ``https://x.gov.cn/a#b``).
_BLOCK_SCALAR = rf"[^\s\-?&*!|>%@`{_NEVER}](?:(?:[^\t{_NEVER}]|:(?=[^\s:])|(?<=[^\s])#)*[^\s{_NEVER}])?"
_TOP = re.compile(rf"({_KEY}):(?: ({_BLOCK_SCALAR}|\[[^\]]*\]|\{{[^}}]*\}}))?")
_NESTED_KEY = re.compile(rf"  ({_KEY}):(?: ({_BLOCK_SCALAR}))?")
_ITEM = re.compile(rf"((?:  )?)- ({_BLOCK_SCALAR})")
_ITEM_PAIR = re.compile(rf"((?:  )?)- ({_KEY}): ({_BLOCK_SCALAR})")
_PAIR = re.compile(rf"()({_KEY}): ({_BLOCK_SCALAR})")
#: ``[{…}, {…}]``: a list of flow mappings (attachments), each without brackets inside.
_MAPPINGS = re.compile(r"(?: *\{[^{}\[\]]*\} *,)* *\{[^{}\[\]]*\} *")
_MAPPING = re.compile(r"\{([^{}]*)\}")
_FLOW_ITEM = re.compile(rf" *({_SCALAR}) *")
_FLOW_PAIR = re.compile(rf" *({_KEY}): ({_SCALAR}) *")
#: Characters PyYAML refuses or takes for a line break wherever they stand, comments included.
_NOT_PLAIN_ANYWHERE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_NULLS = frozenset({"~", "null", "Null", "NULL"})


def read_plain(text: str) -> tuple[dict[str, object], Positions, Positions] | None:
    """``(data, positions, key_positions)`` of ``text`` (line ends normalised) when it is a plain
    mapping this module reads, else None."""
    if _NOT_PLAIN_ANYWHERE.search(text):
        return None
    lines = text.split("\n")
    data: dict[str, object] = {}
    positions: Positions = {}
    keys: Positions = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        number = index + 1
        index += 1
        if not line or line.startswith("#"):
            continue
        top = _TOP.fullmatch(line)
        if top is None or top[1] in data:
            return None
        key, value = top[1], top[2]
        if not data:
            positions[()] = (number, 1)
        keys[(key,)] = (number, 1)
        at = len(key) + 3  # the column of the value, after "key: "
        if value is None:
            if line.endswith(" "):
                return None
            block = []
            while index < len(lines) and lines[index].startswith(("  ", "- ")):
                block.append(lines[index])
                index += 1
            if not block:
                data[key] = None
                positions[(key,)] = (number, len(key) + 2)
            elif (found := _block(block, number + 1, key, positions, keys)) is None:
                return None
            else:
                data[key] = found
        elif value.startswith("["):
            items = _flow_items(value[1:-1], number, at + 1, (key,), positions, keys)
            if items is None:
                return None
            data[key] = items
            positions[(key,)] = (number, at)
        elif value.startswith("{"):
            pairs = _flow_pairs(value[1:-1], number, at + 1, (key,), positions, keys)
            if pairs is None:
                return None
            data[key] = pairs
            positions[(key,)] = (number, at)
        else:
            data[key] = None if value in _NULLS else value
            positions[(key,)] = (number, at)
    return (data, positions, keys) if data else None


def _block(
    block: list[str], first: int, key: str, positions: Positions, keys: Positions
) -> dict[str, object] | list[object] | None:
    """The indented block under ``key:`` (its first line is line ``first``): a mapping of plain
    values two spaces in, a list of plain values (``- x``, at the key's indent or two in) or a
    list of such mappings (``- 名称: x`` and ``  文件: y`` below it)."""
    if _ITEM_PAIR.fullmatch(block[0]):
        return _mappings(block, first, key, positions, keys)
    if _ITEM.fullmatch(block[0]):
        indent = len(block[0]) - len(block[0].lstrip(" "))
        items: list[object] = []
        for offset, line in enumerate(block):
            match = _ITEM.fullmatch(line)
            if match is None or len(match[1]) != indent:
                return None
            items.append(None if match[2] in _NULLS else match[2])
            positions[(key, offset)] = (first + offset, indent + 3)
        positions[(key,)] = (first, indent + 1)
        return items
    mapping: dict[str, object] = {}
    for offset, line in enumerate(block):
        match = _NESTED_KEY.fullmatch(line)
        if match is None or match[2] is None or match[1] in mapping:
            return None
        mapping[match[1]] = None if match[2] in _NULLS else match[2]
        keys[(key, match[1])] = (first + offset, 3)
        positions[(key, match[1])] = (first + offset, len(match[1]) + 5)
    positions[(key,)] = (first, 3)
    return mapping


def _mappings(block: list[str], first: int, key: str, positions: Positions, keys: Positions) -> list[object] | None:
    """A block list of mappings of plain values."""
    indent = len(block[0]) - len(block[0].lstrip(" "))
    inner = " " * (indent + 2)
    items: list[dict[str, object]] = []
    for offset, line in enumerate(block):
        number = first + offset
        if (match := _ITEM_PAIR.fullmatch(line)) and len(match[1]) == indent:
            items.append({})
            positions[(key, len(items) - 1)] = (number, indent + 3)
        elif not (line.startswith(inner) and (match := _PAIR.fullmatch(line, len(inner)))) or not items:
            return None
        name, mapping = match[2], items[-1]
        if name in mapping:
            return None
        mapping[name] = None if match[3] in _NULLS else match[3]
        keys[(key, len(items) - 1, name)] = (number, indent + 3)
        positions[(key, len(items) - 1, name)] = (number, indent + 5 + len(name))
    positions[(key,)] = (first, indent + 1)
    return list(items)


def _flow_items(
    inner: str, line: int, column: int, path: Path_, positions: Positions, keys: Positions
) -> list[object] | None:
    """``[a, b]``'s or ``[{k: v}, {…}]``'s items (``inner`` starts at ``column``)."""
    if not inner.strip(" "):
        return [] if not inner else None
    if "{" in inner:
        if not _MAPPINGS.fullmatch(inner):
            return None
        mappings: list[object] = []
        for match in _MAPPING.finditer(inner):
            item_path = (*path, len(mappings))
            found = _flow_pairs(match[1], line, column + match.start(1), item_path, positions, keys)
            if found is None:
                return None
            mappings.append(found)
            positions[item_path] = (line, column + match.start())
        return mappings
    items: list[object] = []
    start = 0
    for part in inner.split(","):
        item = _FLOW_ITEM.fullmatch(part)
        if item is None:
            return None
        items.append(None if item[1] in _NULLS else item[1])
        item_path = (*path, len(items) - 1)
        positions[item_path] = (line, column + start + item.start(1))
        start += len(part) + 1
    return items


def _flow_pairs(
    inner: str, line: int, column: int, path: Path_, positions: Positions, keys: Positions
) -> dict[str, object] | None:
    """``{k: v, …}``'s pairs (``inner`` starts at ``column``)."""
    if not inner.strip(" "):
        return {} if not inner else None
    pairs: dict[str, object] = {}
    start = 0
    for part in inner.split(","):
        match = _FLOW_PAIR.fullmatch(part)
        if match is None or match[1] in pairs:
            return None
        pairs[match[1]] = None if match[2] in _NULLS else match[2]
        pair_path = (*path, match[1])
        keys[pair_path] = (line, column + start + match.start(1))
        positions[pair_path] = (line, column + start + match.start(2))
        start += len(part) + 1
    return pairs
