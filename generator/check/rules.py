"""Rules of 政务公开 that a well-formed record can still break.

* 主体 must name a concrete department (有关部门 / 相关单位 … is a warning), as the
  provincial work plans require;
* 时限 should be in one of the usual forms (:mod:`generator.model.timelimit`), so that
  overdue items can be found;
* no person's identifiers anywhere in the record (:mod:`generator.check.privacy`);
* no placeholder left by gkml new or gkml import (:mod:`generator.check.placeholders`).
"""

from __future__ import annotations

import re

from generator.check.diagnostics import Diagnostic, make
from generator.check.placeholders import record_placeholders
from generator.check.privacy import check_privacy
from generator.load.yamlfile import Path_, YamlDocument
from generator.model.records import RECORD_FIELDS
from generator.model.timelimit import ACCEPTED_FORMS, parse_time_limit

_SPECS = {f.attr: f for f in RECORD_FIELDS}
#: 主体 that names nobody: 有关部门, 相关单位, 各有关单位, 相关责任部门 …
_VAGUE_SUBJECT = re.compile(
    r"^(各|其他|其它)?(有关|相关|责任|主管)(责任|职能|业务|主管)?(部门|单位|科室|股室|机构)(等)?$"
)
_SUBJECT_SPLIT = re.compile(r"[、，,；;和及与]")


def check_record(doc: YamlDocument, public: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """The 政务公开 rules for one item file (``public``: the mobile numbers the bureau publishes).

    They read the file's own text values, so that they are reported in the same run as
    any structural error elsewhere in the file (an editor fixes everything at once).
    """
    return _subject(doc) + _time_limit(doc) + check_privacy(doc, public) + record_placeholders(doc)


def _report(doc: YamlDocument, code: str, path: Path_, element: str, **values: object) -> Diagnostic:
    line, column = doc.where(path)
    return make(code, doc.file, line, column, element=element, severity=None, **values)  # None: the code's own


def _text(doc: YamlDocument, attr: str) -> tuple[str, str] | None:
    """(key, stripped text) of the element ``attr`` when the file gives it as text."""
    key = _SPECS[attr].key
    value = doc.data.get(key) if isinstance(doc.data, dict) else None
    return (key, value.strip()) if isinstance(value, str) and value.strip() else None


def _subject(doc: YamlDocument) -> list[Diagnostic]:
    found = _text(doc, "subject")
    if found is None:
        return []
    key, subject = found
    parts = [p.strip() for p in _SUBJECT_SPLIT.split(subject) if p.strip()]
    if parts and all(_VAGUE_SUBJECT.match(p) for p in parts):
        return [_report(doc, "subject-vague", (key,), key, value=subject)]
    return []


def _time_limit(doc: YamlDocument) -> list[Diagnostic]:
    found = _text(doc, "time_limit")
    if found is None or parse_time_limit(found[1]) is not None:
        return []
    key, time_limit = found
    forms = "“" + "”“".join(ACCEPTED_FORMS) + "”"
    return [_report(doc, "time-limit-unparsed", (key,), key, value=time_limit, forms=forms)]
