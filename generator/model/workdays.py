"""Working days on the official calendar: the State Council's holidays and make-up workdays.

Every year the 国务院办公厅 publishes the next year's 节假日安排: the days off (放假) and the
weekend days worked instead (调休上班). A working day is a Monday to Friday that is not a day off,
or a weekend day that is a make-up workday. Two sources, the bureau's first:

* the bureau's own years (``catalogue/_calendar.yaml``, read by :mod:`generator.load.calendar`):
  for a year the package does not know yet (an intranet machine may never get a newer one),
  or to correct one; a year the bureau lists replaces the package's year entirely;
* the package ``chinese-calendar`` (maintained yearly; 2004 onwards), whose tables
  (``chinese_calendar.constants``) are read once, not called day by day.

A year neither knows raises :class:`UnknownYear`: nothing is ever guessed.

Counting (民法典 第二百零一条、第二百零三条), as :class:`WorkCalendar` does it:

* the day something happens (an entry's 形成日期) is not counted: a limit starts the next day;
* N working days end on the N-th working day after that day (a 形成日期 on a holiday changes
  nothing: the working days after it are counted);
* a limit in calendar days (日, 个月, 年) ends N days (months, years: the same day of the month,
  or the month's last day) after that day; when that last day is not a working day, it ends on
  the next working day;
* something done after its deadline is late by N working days when it was done on the N-th
  working day after the deadline (on a day off: as on the next working day).

Periodic time limits (:class:`generator.model.timelimit.Cycle`) give a due date per period
(:meth:`WorkCalendar.periods`): a period's information is due by the day the time limit says,
moved to the next working day when that day is off (weeks excepted: a week's due day is its Sunday).

Pure: no files are read here. Fast: each year's working days are listed once, as sorted day
numbers; every question is then a binary search.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import functools
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from generator.model.timelimit import Cycle

#: Units of a limit in calendar days (民法典: 日; 天 and 自然日 as catalogues also write).
CALENDAR_UNITS = ("日", "天", "自然日", "周", "个月", "年")
WORKING_DAYS = "工作日"
#: The package the official years come from, as messages name it.
PACKAGE = "chinese-calendar"


class UnknownYear(Exception):
    """A year whose holidays neither the bureau's calendar file nor the package knows."""

    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year


@dataclass(frozen=True)
class YearSchedule:
    """One year's 节假日安排: the days off (any weekday) and the make-up workdays (weekend days worked)."""

    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()


@functools.cache
def package_years() -> Mapping[int, YearSchedule]:
    """The years the package ``chinese-calendar`` knows, read from its tables once."""
    from chinese_calendar import constants  # type: ignore[import-untyped]

    holidays: dict[int, set[dt.date]] = {}
    workdays: dict[int, set[dt.date]] = {}
    for day in constants.holidays:
        holidays.setdefault(day.year, set()).add(day)
    for day in constants.workdays:
        workdays.setdefault(day.year, set()).add(day)
    return {
        year: YearSchedule(frozenset(holidays[year]), frozenset(workdays.get(year, ())))
        for year in range(min(holidays), max(holidays) + 1)
        if year in holidays
    }


@dataclass(frozen=True)
class Period:
    """One period of a periodic time limit: what it is called, and the days its information counts in."""

    label: str  #: 2025 年第 1 季度
    opens: dt.date  #: the first day that counts for it (the day after the previous period's due date)
    due: dt.date  #: the last: its due date, on a working day


@dataclass(frozen=True)
class WorkCalendar:
    """Working days from the bureau's years (``bureau``, read from ``file``) and the package's."""

    bureau: Mapping[int, YearSchedule] = field(default_factory=dict)
    file: str = ""  #: the bureau's calendar file, as messages show it
    official: Mapping[int, YearSchedule] | None = field(default=None, compare=False, repr=False)
    #: year → the ordinals of its working days, sorted (filled as years are asked about)
    _days: dict[int, list[int]] = field(default_factory=dict, init=False, compare=False, repr=False)
    #: (cycle, the first day of a period) → its due date (the items of a catalogue share a few cycles)
    _dues: dict[tuple[Cycle, dt.date], dt.date] = field(default_factory=dict, init=False, compare=False, repr=False)

    # -- which years are known ------------------------------------------------------------------------
    def schedule(self, year: int) -> YearSchedule:
        """The holidays of ``year`` (the bureau's when it lists the year); :class:`UnknownYear` if none."""
        if year in self.bureau:
            return self.bureau[year]
        official = package_years() if self.official is None else self.official
        if year in official:
            return official[year]
        raise UnknownYear(year)

    def knows(self, year: int) -> bool:
        """Whether the holidays of ``year`` are known."""
        try:
            self.schedule(year)
        except UnknownYear:
            return False
        return True

    def source(self, year: int) -> str:
        """Where ``year`` comes from: the calendar file, the package, or '' (unknown)."""
        if year in self.bureau:
            return self.file or "bureau"
        return PACKAGE if self.knows(year) else ""

    def _workdays(self, year: int) -> list[int]:
        days = self._days.get(year)
        if days is None:
            schedule = self.schedule(year)
            first = dt.date(year, 1, 1).toordinal()
            days = [
                o
                for o in range(first, dt.date(year, 12, 31).toordinal() + 1)
                if _working(dt.date.fromordinal(o), schedule)
            ]
            self._days[year] = days
        return days

    # -- days -----------------------------------------------------------------------------------------
    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day."""
        return _working(day, self.schedule(day.year))

    def next_workday(self, day: dt.date) -> dt.date:
        """``day`` when it is a working day, else the first working day after it."""
        year = day.year
        days = self._workdays(year)
        i = bisect_left(days, day.toordinal())
        while i == len(days):
            year, i = year + 1, 0
            days = self._workdays(year)
        return dt.date.fromordinal(days[i])

    def add_workdays(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``day`` (``day`` itself not counted, whatever it is); ``n`` ≥ 1."""
        if n < 1:
            raise ValueError(n)
        year = day.year
        days = self._workdays(year)
        i = bisect_right(days, day.toordinal())
        while i + n > len(days):
            n -= len(days) - i
            year, i = year + 1, 0
            days = self._workdays(year)
        return dt.date.fromordinal(days[i + n - 1])

    def count_workdays(self, after: dt.date, until: dt.date) -> int:
        """How many working days there are after ``after``, up to and including ``until``."""
        if until <= after:
            return 0
        total = 0
        for year in range(after.year, until.year + 1):
            days = self._workdays(year)
            low = bisect_right(days, after.toordinal()) if year == after.year else 0
            high = bisect_right(days, until.toordinal()) if year == until.year else len(days)
            total += high - low
        return total

    def workdays_late(self, deadline: dt.date, done: dt.date) -> int:
        """How many working days late something done on ``done`` is for ``deadline``: N when ``done`` is
        the N-th working day after the deadline (a day off counts as the next working day); 0 when
        it is not late."""
        if done <= deadline:
            return 0
        return self.count_workdays(deadline, done - dt.timedelta(days=1)) + 1

    # -- limits ---------------------------------------------------------------------------------------
    def calendar_end(self, day: dt.date, n: int, unit: str) -> tuple[dt.date, dt.date]:
        """The end of a limit of ``n`` ``unit`` (日, 天, 自然日, 周, 个月, 年) counted from the day after
        ``day``: (the day it falls on, the working day it ends on: the same, or the next working day)."""
        last = add_calendar(day, n, unit)
        return last, self.next_workday(last)

    def deadline(self, day: dt.date, n: int, unit: str) -> tuple[dt.date, dt.date]:
        """The end of a limit of ``n`` ``unit`` after ``day``, in working days or calendar days:
        (the last day as counted, the working day it ends on). For working days both are the same."""
        if unit == WORKING_DAYS:
            end = self.add_workdays(day, n)
            return end, end
        return self.calendar_end(day, n, unit)

    # -- periods --------------------------------------------------------------------------------------
    def periods(self, cycle: Cycle, first: dt.date, until: dt.date) -> Iterator[Period]:
        """The periods of ``cycle`` from the one ``first`` counts in, while their due date is before
        ``until``. A period counts the days after the previous period's due date, to its own."""
        start = _period_start(_period_start(first, cycle.months) - dt.timedelta(days=1), cycle.months)
        start = _period_start(start - dt.timedelta(days=1), cycle.months)  # two periods back: dues may lag
        previous: dt.date | None = None
        while True:
            if previous is not None and _earliest_due(cycle, start) >= until:
                return  # (its year's holidays not needed)
            due = self._due(cycle, start)
            if previous is not None and due >= first:
                if due >= until:
                    return
                yield Period(_label(start, cycle.months), previous + dt.timedelta(days=1), due)
            previous = due
            start = _next_start(start, cycle.months)

    def _due(self, cycle: Cycle, start: dt.date) -> dt.date:
        """The due date of the period that starts on ``start``."""
        due = self._dues.get((cycle, start))
        if due is None:
            if cycle.after:
                end = _next_start(start, cycle.months) - dt.timedelta(days=1)
                due = self.deadline(end, cycle.after, cycle.after_unit)[1]
            else:
                due = _earliest_due(cycle, start)
                due = due if cycle.months == 0 else self.next_workday(due)
            self._dues[(cycle, start)] = due
        return due


def _earliest_due(cycle: Cycle, start: dt.date) -> dt.date:
    """The due date of the period that starts on ``start`` as the time limit writes it, before a day
    off moves it (a week's is its Sunday, never moved: a moved one could reach the next week's)."""
    end = _next_start(start, cycle.months) - dt.timedelta(days=1)
    if cycle.after:
        unit = "日" if cycle.after_unit == WORKING_DAYS else cycle.after_unit  # N working days: N days at least
        return add_calendar(end, cycle.after, unit)
    if cycle.months == 0:
        return end
    year, month = divmod(start.month - 1 + (cycle.month or cycle.months) - 1, 12)
    year, month = start.year + year, month + 1
    last = _calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(cycle.day or last, last))


def _working(day: dt.date, schedule: YearSchedule) -> bool:
    if day in schedule.workdays:
        return True
    return day.weekday() < 5 and day not in schedule.holidays


def add_calendar(day: dt.date, n: int, unit: str) -> dt.date:
    """The day ``n`` ``unit`` after ``day``: days (日, 天, 自然日), weeks, or months and years to the
    same day of the month (its last day when the month is shorter: 民法典 第二百零二条)."""
    if unit in ("日", "天", "自然日"):
        return day + dt.timedelta(days=n)
    if unit == "周":
        return day + dt.timedelta(weeks=n)
    months = n * 12 if unit == "年" else n if unit == "个月" else None
    if months is None:
        raise ValueError(unit)
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def _period_start(day: dt.date, months: int) -> dt.date:
    """The first day of the period of ``months`` (0: a week from Monday) that ``day`` is in."""
    if months == 0:
        return day - dt.timedelta(days=day.weekday())
    return dt.date(day.year, (day.month - 1) // months * months + 1, 1)


def _next_start(start: dt.date, months: int) -> dt.date:
    if months == 0:
        return start + dt.timedelta(weeks=1)
    year, month = divmod(start.month - 1 + months, 12)
    return dt.date(start.year + year, month + 1, 1)


def _label(start: dt.date, months: int) -> str:
    """How messages name the period that starts on ``start``."""
    if months == 12:
        return f"{start.year} 年"
    if months == 6:
        return f"{start.year} 年{'上' if start.month == 1 else '下'}半年"
    if months == 3:
        return f"{start.year} 年第 {(start.month - 1) // 3 + 1} 季度"
    if months == 1:
        return f"{start.year} 年 {start.month} 月"
    year, week, _ = start.isocalendar()
    return f"{year} 年第 {week} 周"
