"""Single-value elements: the id, plain text, 顺序 (a whole number) and dates."""

from __future__ import annotations

import datetime as dt
import re

from generator.check.record.reader import FieldReader, Spec
from generator.load.yamlfile import Path_
from generator.model.naming import is_valid_id

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_id(reader: FieldReader, value: object, path: Path_, spec: Spec) -> str | None:
    """A record id, as :mod:`generator.model.naming` defines it."""
    text = reader.text(value, path, spec)
    if text is not None and not is_valid_id(text):
        reader.report("bad-id", path, spec, value=text)
        return None
    return text


def read_text(reader: FieldReader, value: object, path: Path_, spec: Spec) -> str | None:
    """Any non-empty text."""
    return reader.text(value, path, spec)


def read_order(reader: FieldReader, value: object, path: Path_, spec: Spec) -> int | None:
    """A whole number that sorts items or folders."""
    text = reader.text(value, path, spec)
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        reader.report("order-format", path, spec, value=text)
        return None


def read_date(reader: FieldReader, value: object, path: Path_, spec: Spec) -> str | None:
    """A calendar date written YYYY-MM-DD."""
    text = reader.text(value, path, spec)
    if text is None:
        return None
    try:
        if not _DATE.match(text):  # fromisoformat also takes 20240305 and 2024-03-05T…
            raise ValueError(text)
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        reader.report("date-format", path, spec, value=text)
        return None
