"""Elements from a fixed vocabulary: 公开对象, 公开方式 and 公开层级.

对象 is 全社会 or 特定群体 (which group, in brackets: ``特定群体（申请人）``); 方式 and
层级 are lists of the standard's words, returned in the standard's order without repeats.
"""

from __future__ import annotations

import re

from generator.check.record.reader import FieldReader
from generator.load.yamlfile import Path_
from generator.model import vocab
from generator.model.records import Audience, FieldSpec

_AUDIENCE = re.compile(r"^(.+?)\s*[（(]\s*(.*?)\s*[）)]$")


def read_audiences(reader: FieldReader, value: object, path: Path_, spec: FieldSpec) -> tuple[Audience, ...]:
    """The 公开对象: a 特定群体 must say which group, 全社会 must not."""
    result = []
    for item, at in reader.one_or_many(value, path, spec):
        text = reader.text(item, at, spec)
        if text is None:
            continue
        match = _AUDIENCE.match(text)
        kind_text, group = (match.group(1), match.group(2)) if match else (text, "")
        kind = reader.choice(kind_text, at, spec, vocab.AUDIENCES, vocab.AUDIENCE_VARIANTS)
        if kind is None:
            continue
        if kind not in vocab.AUDIENCES:  # a placeholder (gkml import's 【待核实…】), kept whole
            result.append(Audience(text))
            continue
        if kind == vocab.AUDIENCE_GROUP and not group:
            reader.report("audience-group-missing", at, spec)
            continue
        if kind == vocab.AUDIENCE_PUBLIC and group:
            reader.report("audience-public-with-group", at, spec, group=group)
            continue
        result.append(Audience(kind, group if kind == vocab.AUDIENCE_GROUP else ""))
    return tuple(result)


def read_methods(reader: FieldReader, value: object, path: Path_, spec: FieldSpec) -> tuple[str, ...]:
    """The 公开方式 (主动, 依申请)."""
    return _choices(reader, value, path, spec, vocab.METHODS, vocab.METHOD_VARIANTS)


def read_levels(reader: FieldReader, value: object, path: Path_, spec: FieldSpec) -> tuple[str, ...]:
    """The 公开层级 (市级, 县级, 乡级)."""
    return _choices(reader, value, path, spec, vocab.LEVELS, vocab.LEVEL_VARIANTS)


def _choices(
    reader: FieldReader,
    value: object,
    path: Path_,
    spec: FieldSpec,
    allowed: tuple[str, ...],
    variants: dict[str, str],
) -> tuple[str, ...]:
    found = [reader.choice(item, at, spec, allowed, variants) for item, at in reader.one_or_many(value, path, spec)]
    kept = [v for v in dict.fromkeys(found) if v is not None and v not in allowed]  # placeholders, after
    return tuple(v for v in allowed if v in found) + tuple(kept)  # standard order, no repeats
