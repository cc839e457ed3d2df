"""Record, ``_meta.yaml`` and ``_site.yaml`` files as text, the way ``gkml new`` writes them.

The schema modeline first, then every key of :data:`generator.model.records.RECORD_FIELDS` that has a
value, in that order, each value in the plainest YAML that reads back to the same record
(:func:`record_yaml`). ``gkml check`` accepts what is written here, and loads it back to the
record it was written from.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import TypeVar

import yaml

from generator.exchange.cells import basis_reads_back
from generator.model.placeholders import TODO
from generator.model.records import (
    META_FIELDS,
    RECORD_FIELDS,
    SITE_FIELDS,
    Audience,
    Basis,
    Channel,
    ContentElement,
    FieldSpec,
    Record,
)
from generator.model.schema_files import RECORD_MODELINE, modeline

T = TypeVar("T")

#: The first line of an area's ``_meta.yaml`` (``catalogue/<area>/_meta.yaml``), and of a category's.
AREA_META_MODELINE = modeline("meta", 2)
CATEGORY_META_MODELINE = modeline("meta", 3)
SITE_MODELINE = modeline("site", 1)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar on one line, as record files are written: plain when that reads back
    the same, quoted otherwise (text with line breaks as a JSON string, a YAML double-quoted scalar)."""
    if "\n" in value or "\r" in value:
        return json.dumps(value, ensure_ascii=False)
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def _inline(values: Sequence[str]) -> str:
    """One value plain, several as a flow list (quoted where a comma or bracket would end an item)."""
    if len(values) == 1:
        return yaml_scalar(values[0])
    return yaml.safe_dump(list(values), allow_unicode=True, default_flow_style=True, width=1_000_000).strip()


def _basis_lines(basis: Basis) -> list[str]:
    if not basis.url and basis_reads_back(basis):
        return [f"  - {yaml_scalar(basis.text)}"]
    lines = [f"  - 标题: {yaml_scalar(basis.title)}"]
    if basis.doc_no:
        lines.append(f"    文号: {yaml_scalar(basis.doc_no)}")
    if basis.url:
        lines.append(f"    网址: {yaml_scalar(basis.url)}")
    return lines


def _channel_lines(channel: Channel) -> list[str]:
    head = yaml_scalar(channel.mark + channel.name)
    if channel.url:
        lines = [f"  - {head}:"]
        if channel.detail:
            lines.append(f"      栏目: {yaml_scalar(channel.detail)}")
        return [*lines, f"      网址: {yaml_scalar(channel.url)}"]
    if channel.detail:
        return [f"  - {head}: {yaml_scalar(channel.detail)}"]
    return [f"  - {head}"]


def _audience(audience: Audience) -> str:
    return audience.text


def _elements(value: object, kind: type[T]) -> Iterator[T]:
    """The elements of a record's tuple ``value``, each a ``kind`` (as the field's kind says)."""
    assert isinstance(value, tuple), value
    for element in value:
        assert isinstance(element, kind), element
        yield element


def _field_lines(spec: FieldSpec, value: object) -> list[str]:
    """The lines of one key, or none when the record has no value for it."""
    if value in (None, "", ()):
        return []
    key = spec.key
    if spec.kind == "date" and _DATE.match(str(value)):
        return [f"{key}: {value}"]  # the loader reads every value as text: no quotes, as editors write it
    if spec.kind in ("id", "text", "date"):
        return [f"{key}: {yaml_scalar(str(value))}"]
    if spec.kind == "order":
        return [f"{key}: {value}"]
    if spec.kind == "content":
        return [f"{key}:", *(f"  - {yaml_scalar(e.mark + e.text)}" for e in _elements(value, ContentElement))]
    if spec.kind == "basis":
        return [f"{key}:", *(line for b in _elements(value, Basis) for line in _basis_lines(b))]
    if spec.kind == "channels":
        return [f"{key}:", *(line for c in _elements(value, Channel) for line in _channel_lines(c))]
    if spec.kind == "audiences":
        return [f"{key}: {_inline([_audience(a) for a in _elements(value, Audience)])}"]
    if spec.kind in ("methods", "levels"):
        return [f"{key}: {_inline(list(_elements(value, str)))}"]
    raise ValueError(f"no YAML form for kind {spec.kind!r}")  # a new kind in model.py: write it here


def record_yaml(record: Record, comments: Sequence[str] = (), todo: Sequence[str] = ()) -> str:
    """The text of a record file: modeline, ``# comments``, ``# 待填写：`` lines, then the keys."""
    lines = [RECORD_MODELINE, *(f"# {c}" for c in comments), *(f"{TODO}{item}" for item in todo)]
    for spec in RECORD_FIELDS:
        lines += _field_lines(spec, getattr(record, spec.attr))
    return "\n".join(lines) + "\n"


def settings_yaml(values: dict[str, str], specs: tuple[FieldSpec, ...], first_line: str, comment: str = "") -> str:
    """A ``_meta.yaml`` or ``_site.yaml``: ``values`` by key, in the order of ``specs``."""
    lines = [first_line] + ([f"# {comment}"] if comment else [])
    for spec in specs:
        value = values.get(spec.key, "")
        if value != "":
            lines.append(f"{spec.key}: {value if spec.kind == 'order' else yaml_scalar(value)}")
    return "\n".join(lines) + "\n"


def meta_yaml(values: dict[str, str], *, area: bool, comment: str = "") -> str:
    """An area's or a category's ``_meta.yaml``."""
    return settings_yaml(values, META_FIELDS, AREA_META_MODELINE if area else CATEGORY_META_MODELINE, comment)


def site_yaml(values: dict[str, str], comment: str = "") -> str:
    """``_site.yaml``."""
    return settings_yaml(values, SITE_FIELDS, SITE_MODELINE, comment)
