"""Placeholders left in items and entries: what ``gkml new`` and ``gkml import`` wrote for the
editor to replace (【请填写标题】, （请写明具体股室）, 请填写具体栏目名称 …, the one table is
:data:`generator.model.placeholders.PLACEHOLDER_PATTERNS`), 内容 of a new item too.

Each is reported where it stands, as a warning; a site in production (状态: 正式) must not publish
them, so :func:`for_production` makes them errors there (the one place that knows the site's state:
the catalogue loader). Comments are not read: the optional lines ``gkml new`` writes commented out
hold placeholders too, and are not published.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

from generator.check.diagnostics import Diagnostic, make
from generator.check.severity import Severity
from generator.load.yamlfile import Path_, YamlDocument
from generator.model.placeholders import find_placeholders

#: The codes of the findings of this module (and of the entries' placeholders, found with the entry).
PLACEHOLDER_CODES = frozenset({"record-placeholder", "entry-placeholder"})


def _strings(value: object, path: Path_) -> Iterator[tuple[Path_, str]]:
    """Every text value below ``value`` with its path (keys of mappings are not values)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(inner, (*path, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _strings(inner, (*path, i))


def record_placeholders(doc: YamlDocument) -> list[Diagnostic]:
    """The placeholders among the values of an item file, each where it stands."""
    out: list[Diagnostic] = []
    for path, text in _strings(doc.data, ()):
        for match in find_placeholders(text):
            line, column = doc.where(path)
            element = str(path[0]) if path else ""
            out.append(make("record-placeholder", doc.file, line, column, element=element, text=match[0]))
    return out


def for_production(diagnostics: Sequence[Diagnostic], production: bool) -> list[Diagnostic]:
    """``diagnostics`` with the placeholders' findings made errors when the site is in production."""
    if not production:
        return list(diagnostics)
    return [dataclasses.replace(d, severity=Severity.ERROR) if d.code in PLACEHOLDER_CODES else d for d in diagnostics]
