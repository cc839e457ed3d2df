"""The national standard catalogue, bundled as reference data (``generator/model/data/standard-catalogue.yaml``).

One :class:`StandardItem` per row of the 住房城乡建设领域基层政务公开标准目录 (five areas), with
channel, method, audience and level spellings normalised to :mod:`generator.model.vocab`.

Rows with ``verified`` False were reconstructed from the governing regulations and
neighbouring rows: plausible, not official text. Whoever shows a row to an editor must
say so (``gkml new`` writes the warning into the record it creates).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from generator.model import vocab

#: libyaml's safe loader, much faster, where PyYAML was built with it; else the pure-Python one.
_Loader: type[yaml.SafeLoader | yaml.CSafeLoader] = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader

DATA_FILE = "standard-catalogue.yaml"


@dataclass(frozen=True)
class StandardItem:
    """One row of the national standard catalogue."""

    area: str  #: 领域, e.g. 保障性住房
    level1: str  #: 一级事项
    level2: str  #: 二级事项
    level3: str  #: 三级事项 ("" when the row has none)
    content: tuple[tuple[str, bool], ...]  #: 公开内容: (element, required ●)
    basis: tuple[str, ...]  #: 公开依据, as printed ("《标题》（文号）")
    time_limit: str
    subject: str  #: the generic role the standard names, not a concrete department
    channels_required: tuple[str, ...]  #: ■ channels, names from :data:`generator.model.vocab.CHANNELS`
    channels_optional: tuple[str, ...]  #: □ channels
    audiences: tuple[str, ...]  #: from :data:`generator.model.vocab.AUDIENCES`
    methods: tuple[str, ...]  #: from :data:`generator.model.vocab.METHODS`
    levels: tuple[str, ...]  #: from :data:`generator.model.vocab.LEVELS`
    verified: bool  #: True: seen in a published copy; False: reconstructed, not official


def _normalised(values: Any, allowed: tuple[str, ...], variants: dict[str, str], what: str) -> tuple[str, ...]:
    result = []
    for value in values or ():
        normal = vocab.normalise(str(value), allowed, variants)
        if normal is None:
            raise ValueError(f"standard catalogue: unknown {what} {value!r}")
        if normal not in result:
            result.append(normal)
    return tuple(result)


def _item(area: str, row: dict[str, Any]) -> StandardItem:
    def text(key: str) -> str:
        value = row.get(key)
        return "" if value is None else str(value).strip()

    elements = row.get("content_elements") or []
    return StandardItem(
        area=area,
        level1=text("level1"),
        level2=text("level2"),
        level3=text("level3"),
        content=tuple((str(e["name"]).strip(), bool(e.get("required", True))) for e in elements),
        basis=tuple(str(b).strip() for b in row.get("basis") or []),
        time_limit=text("time_limit"),
        subject=text("subject"),
        channels_required=_normalised(row.get("channels_required"), vocab.CHANNELS, vocab.CHANNEL_VARIANTS, "channel"),
        channels_optional=_normalised(row.get("channels_optional"), vocab.CHANNELS, vocab.CHANNEL_VARIANTS, "channel"),
        audiences=_normalised(row.get("audience"), vocab.AUDIENCES, vocab.AUDIENCE_VARIANTS, "audience"),
        methods=_normalised(row.get("method"), vocab.METHODS, vocab.METHOD_VARIANTS, "method"),
        levels=_normalised(row.get("levels"), vocab.LEVELS, vocab.LEVEL_VARIANTS, "level"),
        verified=bool(row.get("verified", False)),
    )


def raw_data() -> dict[str, list[dict[str, Any]]]:
    """The bundled file as parsed YAML: ``{area: [row, …]}`` with the file's own keys."""
    text = resources.files("generator.model").joinpath("data").joinpath(DATA_FILE).read_text(encoding="utf-8")
    data: dict[str, list[dict[str, Any]]] = yaml.load(text, Loader=_Loader)  # a safe loader: plain data only
    return data


@cache
def _items_by_area() -> dict[str, tuple[StandardItem, ...]]:
    return {area: tuple(_item(area, row) for row in rows) for area, rows in raw_data().items()}


def standard_areas() -> tuple[str, ...]:
    """The areas (领域) of the standard catalogue, in the order of the national list."""
    return tuple(_items_by_area())


@cache
def standard_items(area: str | None = None) -> tuple[StandardItem, ...]:
    """The rows of one area (empty for an unknown area), or of all areas in order (cached)."""
    by_area = _items_by_area()
    if area is not None:
        return by_area.get(area, ())
    return tuple(item for items in by_area.values() for item in items)


def find_standard_item(area: str, level1: str, level2: str) -> StandardItem | None:
    """The row of ``area`` whose 一级事项 and 二级事项 are ``level1`` and ``level2``, if any."""
    for item in standard_items(area):
        if item.level1 == level1 and item.level2 == level2:
            return item
    return None
