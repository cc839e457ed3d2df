"""How much gkml reads at most: one home for every size limit.

A bureau's files are small (a record is a few kilobytes, a catalogue table a few hundred
rows); limits keep a mistaken or hostile file (a 50 MB record, a sheet formatted down to
row 1,048,576, a zip bomb) from taking the machine down. A county that needs more raises
them in mkdocs.yml (plugin option ``limits``; see the README).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB


@dataclass(frozen=True)
class Limits:
    """The limits in force for one run (the defaults unless the county set others)."""

    text_file_bytes: int = 1 * MIB  #: one record, _meta.yaml, _site.yaml or content page
    import_file_bytes: int = 20 * MIB  #: one table given to gkml import (as stored)
    import_unpacked_bytes: int = 200 * MIB  #: an .xlsx file's contents once unzipped
    import_rows: int = 20_000  #: rows read from one sheet
    import_columns: int = 200  #: columns read from one sheet
    cell_chars: int = 32_767  #: characters in one cell (Excel's own limit)
    attachment_bytes: int = 50 * MIB  #: one attachment of a published entry


DEFAULT_LIMITS = Limits()

#: Units a size may be written in (``2 MiB``, ``500KB``, ``1g``): all of them powers of 1024.
_UNITS = {"": 1, "b": 1, **dict.fromkeys(("k", "kb", "kib"), KIB), **dict.fromkeys(("m", "mb", "mib"), MIB)}
_UNITS.update(dict.fromkeys(("g", "gb", "gib"), GIB))
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$")


def limit_keys() -> tuple[str, ...]:
    """The option keys of :class:`Limits`, in the order the README lists them."""
    return tuple(f.name for f in fields(Limits))


def is_size(key: str) -> bool:
    """Whether limit ``key`` is a number of bytes (written with a unit) rather than a count."""
    return key.endswith("_bytes")


def format_size(size: int) -> str:
    """``size`` bytes for a reader: ``512 字节``, ``12.5 KiB``, ``1 MiB``, ``50.3 MiB``."""
    for unit, factor in (("GiB", GIB), ("MiB", MIB), ("KiB", KIB)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} 字节"


def format_limit(key: str, value: int) -> str:
    """A limit's value as it is written in mkdocs.yml (``1 MiB``, ``20000``)."""
    return format_size(value) if is_size(key) else str(value)


def parse_limits(options: Mapping[str, object]) -> tuple[Limits, list[str]]:
    """The plugin option ``limits`` (``{text_file_bytes: 2 MiB, import_rows: 50000}``) over the
    defaults, and what is wrong with it (in Chinese; a wrong entry keeps the default)."""
    known = limit_keys()
    values: dict[str, int] = {}
    problems: list[str] = []
    for key, raw in sorted(options.items(), key=lambda item: str(item[0])):
        if key not in known:
            problems.append(f"limits 中不认识的设置“{key}”（可用的设置：{'、'.join(known)}）")
            continue
        value = _parse_value(str(key), raw)
        if value is None:
            example = format_limit(str(key), getattr(DEFAULT_LIMITS, str(key)))
            form = "一个大小，例如“" + example + "”" if is_size(str(key)) else "一个正整数，例如“" + example + "”"
            problems.append(f"limits 中“{key}”的值“{raw}”无效，应为{form}")
            continue
        values[str(key)] = value
    return replace(DEFAULT_LIMITS, **values), problems


def _parse_value(key: str, raw: object) -> int | None:
    """A positive whole number of bytes (sizes may carry a unit) or of rows, columns, characters."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw if raw > 0 else None
    match = _SIZE.match(str(raw).lower()) if isinstance(raw, str) else None
    if match is None or (match[2] and not is_size(key)) or match[2] not in _UNITS:
        return None
    if "." in match[1] and not match[2]:
        return None
    value = int(float(match[1]) * _UNITS[match[2]])
    return value if value > 0 else None
