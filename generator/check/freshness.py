"""Dates that are true: columns that have not changed for too long, items that are overdue.

The inspection of government websites (国办秘函〔2019〕19号) counts columns that are
not updated: 动态、要闻 within two weeks, 通知公告、政策文件 within six months, and
columns that should be updated but have long been idle. A column's last update is the
newest 更新日期 of its items (taken from git unless a record sets it).

Items with a periodic 时限 (每年3月底前, 每季度, 每月 …) are overdue when their last
update is older than one period before the latest deadline (items with entries are checked
period by period from their entries instead: :mod:`generator.check.deadlines`).

On a site in 试运行 these are notes; on a site in production (``状态: 正式``) they
are warnings. Nothing here changes a date: forging update dates is a veto item.

An 更新日期 after today is reported too, and no date after today counts: a column whose
newest date is in the future is judged by its newest date that is not.

"Today" is the day in Beijing (:func:`beijing_today`), wherever the check runs (CI machines
run on UTC). What is found here changes with the day, not with the catalogue: the message
table marks these rules as dated, and ``--strict`` does not fail on them unless a bureau
makes them errors (:func:`generator.check.diagnostics.fails`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from generator.check.diagnostics import Diagnostic, make
from generator.check.severity import Severity
from generator.model.records import Catalogue, Category, Record
from generator.model.timelimit import parse_time_limit

#: Column title words → days a column may stay unchanged (checked in this order).
MAX_AGE_BY_TITLE: tuple[tuple[tuple[str, ...], int], ...] = (
    (("动态", "要闻", "新闻"), 14),
    (("政策", "法规", "文件", "通知", "公告"), 180),
)
DEFAULT_MAX_AGE = 365
#: China Standard Time, all year (no daylight saving time since 1991): no time zone database needed.
BEIJING = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")

_PERIODS: tuple[tuple[str, int], ...] = (
    ("每半年", 183),
    ("每季度", 92),
    ("季度", 92),
    ("按季", 92),
    ("每月", 31),
    ("按月", 31),
    ("每周", 7),
    ("每年", 365),
    ("年度", 365),
    ("按年", 365),
)
_YEARLY_DEADLINE = re.compile(r"每年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")


def beijing_today(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Beijing, the day a county's editors and inspectors live in (``now``: the
    moment to take, with its time zone; the present by default)."""
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(BEIJING).date()


def max_age(category: Category) -> int:
    """How many days the column may stay unchanged (its 更新周期, or by its title)."""
    if category.max_age is not None:
        return category.max_age
    for words, days in MAX_AGE_BY_TITLE:
        if any(w in category.title for w in words):
            return days
    return DEFAULT_MAX_AGE


def stale_columns(catalogue: Catalogue, today: dt.date) -> list[Diagnostic]:
    """A note (warning in production) per column unchanged for longer than it may be."""
    severity = Severity.WARNING if catalogue.site.production else Severity.INFO
    out = []
    for area in catalogue.areas:
        for category in area.categories:
            dates = [r.updated for r in category.records] + [e.published for e in category.entries]
            newest = max((d for d in dates if _known(d, today)), default="")
            if not newest:
                continue
            days = (today - dt.date.fromisoformat(newest)).days
            limit = max_age(category)
            if days > limit:
                where = category.where or category.title
                out.append(
                    make(
                        "column-stale",
                        where,
                        severity=severity,
                        value=category.title,
                        days=days,
                        date=newest,
                        limit=limit,
                    )
                )
    return out


def future_dates(catalogue: Catalogue, today: dt.date) -> list[Diagnostic]:
    """A warning per record whose 更新日期 is after ``today``, at its line. (A date from git is a
    commit's: after ``today`` only when the check looks at an earlier day with ``--today``.)"""
    out = []
    for record in catalogue.records:
        if record.updated_at is not None and not _known(record.updated, today):
            at = record.updated_at
            out.append(make("date-future", record.file, *at, element="更新日期", value=record.updated, today=today))
    return out


def _known(date: str, today: dt.date) -> bool:
    """Whether ``date`` (ISO) is a date to count: given, and not after ``today``."""
    return bool(date) and date <= today.isoformat()


def latest_deadline(text: str, today: dt.date) -> tuple[dt.date, int] | None:
    """The latest deadline on or before ``today`` of a periodic time limit, and its period in days."""
    match = _YEARLY_DEADLINE.search(text)
    if match:
        month = int(match[1])
        if not 1 <= month <= 12:
            return None
        year = today.year
        for candidate_year in (year, year - 1):
            last_day = calendar.monthrange(candidate_year, month)[1]
            day = min(int(match[2]), last_day) if match[2] else last_day
            deadline = dt.date(candidate_year, month, day)
            if deadline <= today:
                return deadline, 365
        return None
    for word, days in _PERIODS:
        if word in text:
            return today, days
    return None


def overdue_items(catalogue: Catalogue, today: dt.date) -> list[Diagnostic]:
    """A note (warning in production) per item whose periodic 时限 has passed unmet. An item with
    entries (公开信息) is judged by them instead, period by period (``item-period-missing``,
    :mod:`generator.check.deadlines`): publishing an entry does not change the item's file."""
    severity = Severity.WARNING if catalogue.site.production else Severity.INFO
    published = {e.item for e in catalogue.entries}
    out = []
    for record in catalogue.records:
        due = _due(record, today) if record.id not in published else None
        if due is not None:
            out.append(
                make(
                    "item-overdue",
                    record.file,
                    element="时限",
                    severity=severity,
                    limit=record.time_limit,
                    due=due.isoformat(),
                    date=record.updated,
                )
            )
    return out


def _due(record: Record, today: dt.date) -> dt.date | None:
    """The date by which the record should have been updated, when that has passed."""
    if not _known(record.updated, today):
        return None
    parts = parse_time_limit(record.time_limit) or ()
    updated = dt.date.fromisoformat(record.updated)
    for part in parts:
        if part.kind != "periodic":
            continue
        found = latest_deadline(part.text, today)
        if found is None:
            continue
        deadline, period = found
        if (deadline - updated).days > period:
            return deadline - dt.timedelta(days=period) if deadline == today else deadline
    return None
