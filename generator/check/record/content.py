"""内容: each line marked ● (required) or 〇 (optional), with text after the mark."""

from __future__ import annotations

from generator.check.record.reader import FieldReader
from generator.load.yamlfile import Path_
from generator.model import vocab
from generator.model.records import ContentElement, FieldSpec

_OPTIONAL_MARKS = (vocab.CONTENT_OPTIONAL, *vocab.CONTENT_OPTIONAL_VARIANTS)


def read_content(reader: FieldReader, value: object, path: Path_, spec: FieldSpec) -> tuple[ContentElement, ...]:
    """The content elements; a line without a mark, or a mark without text, is reported."""
    result = []
    for item, at in reader.one_or_many(value, path, spec):
        text = reader.text(item, at, spec)
        if text is None:
            continue
        mark, rest = text[0], text[1:].strip()
        if mark in (vocab.CONTENT_REQUIRED, *_OPTIONAL_MARKS) and not rest:
            reader.report("content-text-missing", at, spec, value=text)
        elif mark == vocab.CONTENT_REQUIRED:
            result.append(ContentElement(rest, True))
        elif mark in _OPTIONAL_MARKS:
            result.append(ContentElement(rest, False))
        else:
            reader.report("content-mark", at, spec, value=text, text=text.lstrip("●〇○◯ "))
    return tuple(result)
