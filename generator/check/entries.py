"""Checks over all the entries of a catalogue (公开信息), once each has been read on its own
(:mod:`generator.check.entry`): ids used twice, 关联 and 替代 that name no entry, 审核
(先审后发) missing, and dates after today — a finding that depends on the day, reported but
never failing a build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from generator.check.diagnostics import Diagnostic, make
from generator.check.severity import Severity
from generator.model.entries import Entry


def check_entries(entries: Sequence[Entry], *, production: bool, today: dt.date) -> list[Diagnostic]:
    """What is wrong across ``entries`` (see the module); ``today`` in Beijing time."""
    out: list[Diagnostic] = []
    seen: dict[str, Entry] = {}
    for entry in entries:
        first = seen.setdefault(entry.id, entry)
        if first is not entry:
            out.append(_at(entry, "id", "duplicate-id", value=entry.id, other=first.file))
    for entry in entries:
        for other in entry.related:
            if other not in seen:
                out.append(_at(entry, "关联", "entry-related-unknown", value=other))
        replaced = entry.validity.replaced_by
        if replaced and replaced not in seen:
            out.append(_at(entry, "有效性", "entry-replacement-unknown", value=replaced))
        if entry.review is None:
            severity = Severity.ERROR if production else Severity.INFO
            out.append(_at(entry, "审核", "entry-review-missing", severity=severity))
        if entry.published > today.isoformat():
            out.append(_at(entry, "发布日期", "entry-future-date", date=entry.published, today=today.isoformat()))
    return out


def _at(entry: Entry, key: str, code: str, *, severity: Severity | None = None, **values: object) -> Diagnostic:
    line, column = entry.positions.get(key, (1, 1))
    return make(code, entry.file, line, column, element=key, severity=severity, **values)
