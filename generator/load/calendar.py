"""The bureau's holiday file, ``catalogue/_calendar.yaml``: the State Council's 节假日安排 for years
the package ``chinese-calendar`` does not know yet (or to correct one), as
:class:`generator.model.workdays.WorkCalendar` uses them.

Copied by an editor from the 国务院办公厅 notice each November::

    2027:
      放假:
        - 2027-01-01 至 2027-01-03      # 元旦
        - 2027-02-06 至 2027-02-13      # 春节
      调休上班: [2027-02-14, 2027-02-20]

A year is a key; under it ``放假`` lists the days off and ``调休上班`` the weekend days worked
instead, each a date (``2027-01-01``) or a range of dates (``2027-02-06 至 2027-02-13``; also
``~`` or ``到``), every day in that year. Weekends need not be listed: a Saturday or Sunday is a
day off unless it is a 调休上班 day. A year listed here replaces the package's year entirely.

The file only feeds the check of deadlines, which never blocks publishing: what is wrong in it
is a warning, never an error (``--strict`` still fails on it, as it is not a finding of the day).
A year with a mistake that could make its days wrong (a date that cannot be read or lies in
another year, a day both off and worked, a key not understood, no days off at all) is not used:
the package's year counts instead, or, if it has none, the year is unknown and the deadlines
that need it are not checked (and said so) — never guessed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from pathlib import Path

from generator.check.diagnostics import Diagnostic, make
from generator.check.record.keys import suggest_key
from generator.check.severity import Severity
from generator.load.files import FileGate
from generator.load.yamlfile import YamlDocument, read_yaml
from generator.model.workdays import WorkCalendar, YearSchedule

CALENDAR_FILE = "_calendar.yaml"
HOLIDAYS = "放假"
WORKDAYS = "调休上班"
KEYS = (HOLIDAYS, WORKDAYS)
_YEAR = re.compile(r"^(19|20|21)\d\d$")
_DATE = r"\d{4}-\d{2}-\d{2}"
_ENTRY = re.compile(rf"^\s*(?P<first>{_DATE})\s*(?:(?:至|到|~|～)\s*(?P<last>{_DATE})\s*)?$")
_WEEKDAYS = "一二三四五六日"
_W = Severity.WARNING


def load_calendar(folder: Path, shown: str, gate: FileGate) -> tuple[WorkCalendar, list[Diagnostic]]:
    """The working-day calendar of the catalogue in ``folder`` (shown as ``shown``): the package's
    years and those of ``_calendar.yaml`` when there is one, read through ``gate``; and what is
    wrong with the file (warnings)."""
    file = f"{shown}/{CALENDAR_FILE}"
    path = folder / CALENDAR_FILE
    if not os.path.lexists(path):
        return WorkCalendar(file=file), []
    if not gate.readable(path):
        return WorkCalendar(file=file), []  # a link leading out or nowhere: reported with the folder's links
    years, out = read_calendar_file(path, file, gate)
    return WorkCalendar(years, file=file), out


def read_calendar_file(
    path: Path, file: str, gate: FileGate | None = None
) -> tuple[dict[int, YearSchedule], list[Diagnostic]]:
    """The usable years of the calendar file ``path`` (shown as ``file``), read through ``gate``, and
    what is wrong with it (warnings)."""
    doc, problems = read_yaml(path, file, gate=gate)
    out = [_warning(d) for d in problems if d.code != "file-empty"]  # only comments: no year of its own yet
    if doc is None:
        return {}, out
    return read_years(doc, out), out


def read_years(doc: YamlDocument, out: list[Diagnostic]) -> dict[int, YearSchedule]:
    """The years of a parsed calendar file that can be used; problems go to ``out``."""
    data = doc.data
    if data is None:
        return {}
    if not isinstance(data, dict):
        out.append(make("not-mapping", doc.file, *doc.where(()), severity=_W))
        return {}
    years: dict[int, YearSchedule] = {}
    for key, value in data.items():
        if not _YEAR.match(str(key)):
            out.append(make("calendar-year-invalid", doc.file, *doc.where((key,), key=True), value=key))
            continue
        schedule = _read_year(doc, str(key), value, out)
        if schedule is not None:
            years[int(key)] = schedule
    return years


def _read_year(doc: YamlDocument, key: str, value: object, out: list[Diagnostic]) -> YearSchedule | None:
    """One year's days, or None when a mistake makes them doubtful (reported)."""
    year = int(key)
    before = len(out)
    if not isinstance(value, dict):
        at = doc.where((key,))
        out.append(
            make(
                "wrong-type",
                doc.file,
                *at,
                element=key,
                severity=_W,
                key=key,
                expected="“放假”和“调休上班”两项",
                found=_kind(value),
                example=f"{key}: {{放假: [{key}-01-01], 调休上班: []}}",
            )
        )
        return None
    days: dict[str, dict[dt.date, tuple[int, int]]] = {HOLIDAYS: {}, WORKDAYS: {}}
    for name, listed in value.items():
        if name not in KEYS:
            suggestion = suggest_key(str(name), KEYS)
            at = doc.where((key, name), key=True)
            out.append(make("calendar-key-unknown", doc.file, *at, element=key, key=name, suggestion=suggestion))
            continue
        items = listed if isinstance(listed, list) else [] if listed is None else [listed]
        for index, item in enumerate(items):
            path = (key, name, index) if isinstance(listed, list) else (key, name)
            at = doc.where(path)
            for day in _days(doc, path, item, year, out):
                days[str(name)].setdefault(day, at)
    for day, at in sorted(days[WORKDAYS].items()):
        if day in days[HOLIDAYS]:
            other = days[HOLIDAYS][day][0]
            out.append(make("calendar-day-conflict", doc.file, *at, element=key, date=day, other=other))
        elif day.weekday() < 5:
            weekday = _WEEKDAYS[day.weekday()]
            out.append(make("calendar-workday-weekday", doc.file, *at, element=key, date=day, weekday=weekday))
    doubtful = any(d.code != "calendar-workday-weekday" for d in out[before:])
    if not doubtful and not days[HOLIDAYS]:
        out.append(make("calendar-year-empty", doc.file, *doc.where((key,), key=True), element=key, year=year))
        return None
    if doubtful:
        return None
    return YearSchedule(frozenset(days[HOLIDAYS]), frozenset(days[WORKDAYS]))


def _days(doc: YamlDocument, path: tuple[object, ...], item: object, year: int, out: list[Diagnostic]) -> list[dt.date]:
    """The days of one listed date or range (none, reported, when it cannot be read)."""
    at = doc.where(path)
    match = _ENTRY.match(item) if isinstance(item, str) else None
    try:
        first = dt.date.fromisoformat(match["first"]) if match else None
        last = dt.date.fromisoformat(match["last"]) if match and match["last"] else first
    except ValueError:
        first = last = None
    if first is None or last is None or last < first:
        out.append(make("calendar-date-invalid", doc.file, *at, element=str(path[0]), value=_shown(item)))
        return []
    if first.year != year or last.year != year:
        out.append(make("calendar-date-outside-year", doc.file, *at, element=str(path[0]), value=item, year=year))
        return []
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def _shown(item: object) -> str:
    return item if isinstance(item, str) else "（一组内容）" if isinstance(item, (dict, list)) else "（空）"


def _kind(value: object) -> str:
    return "一组列表" if isinstance(value, list) else "空的" if value in (None, "") else f"“{value}”"


def _warning(d: Diagnostic) -> Diagnostic:
    """What makes the file unreadable, as a warning: the calendar never blocks publishing."""
    return dataclasses.replace(d, severity=_W) if d.severity is Severity.ERROR else d
