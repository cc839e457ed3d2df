"""Lists of phone numbers (``公开电话`` of ``_site.yaml``)."""

from __future__ import annotations

import re

from generator.check.record.reader import FieldReader
from generator.load.yamlfile import Path_
from generator.model.records import FieldSpec

#: What separates numbers written on one line (as a table cell gives them back to ``gkml import``).
_BETWEEN = re.compile(r"[、，,；;]")


def read_phones(reader: FieldReader, value: object, path: Path_, spec: FieldSpec) -> str | None:
    """One or more phone numbers, as a list or one text separated by “、”: kept as one text, separated by “、”."""
    numbers: list[str] = []
    for item, at in reader.one_or_many(value, path, spec):
        text = reader.text(item, at, spec)
        if text is not None:
            numbers += [n.strip() for n in _BETWEEN.split(text) if n.strip()]
    return "、".join(numbers) or None
