"""时限核对: whether information was published in time, on the official calendar of working days.

What is found, each as of ``today`` (Beijing time) and each with its working-day arithmetic in
the message:

* ``entry-late``: an entry (公开信息) published after the deadline its item's 时限 sets, counted
  from its 形成日期 (:mod:`generator.model.workdays` counts: the day of 形成 not counted, N working
  days = the N-th working day after it, a limit in days ending on a day off moves to the next
  working day). Entries without a 形成日期 are not checked (the field says so);
* ``interpretation-late``: a 政策解读 published more than
  :data:`~generator.model.entries.INTERPRETATION_WORKDAYS` working days after the policy its 关联
  names (of several, the newest: a 解读 of a decision amending an older policy names both);
* ``item-period-missing``: a periodic item (每月, 每季度, 每年3月底前 …) with periods in which
  nothing was published;
* ``item-no-entry``, ``column-no-entry``, ``catalogue-no-entry``: 主动公开 items with no entry at
  all (the blank columns of the inspection), said once per column when the whole column is
  blank, and once for the catalogue when nothing has been published anywhere yet (a site in
  production; one still in 试运行 without any entry is being built and is told nothing);
* ``calendar-year-unknown``: a year whose holidays neither ``_calendar.yaml`` nor the package
  knows, once per year, counting what could not be checked for it. Nothing is guessed.

Entries dated after today (``entry-future-date``, :mod:`generator.check.entries`) and a 形成日期
after the 发布日期 (``entry-formed-after-published``, :mod:`generator.check.entry`) are found
where they were before; such entries are not checked here again.

Which part of an item's 时限 applies to an entry:

* a part labelled for some information (``2.处罚决定：20个工作日内``) applies to the entries whose
  title contains its label; when no labelled part fits, every part of the 时限 applies;
* a standing part among them (实时, 及时, 长期公开) sets no deadline: the entry is not checked
  (a time limit that is partly 及时 cannot tell which information is late);
* a ``minimum`` (征求意见期限不得少于30日) is how long something stays open, not a deadline to
  publish: ignored;
* a period (``20个工作日内``, ``30日内``, ``3个月内``) counts from the entry's 形成日期, whatever
  event the 时限 names (分配结果确定后, 收到申请之日起: the 形成日期 is that event); of several,
  the latest deadline counts (an entry is late only when it is late for every part);
* a periodic part sets no deadline for one entry: its item is checked period by period.

A period of a periodic item counts as covered when an entry of the item was published after the
previous period's due date and no later than its own (:meth:`WorkCalendar.periods`). Periods
count from the one the item's first entry falls in (a bureau that began publishing on gkml last
year is not asked for the years before), and only once their due date has passed (today is not
late). An item with no entry at all is a blank item, not a periodic one with missing periods.

None of this fails a build or ``--strict``: the message table marks every rule here ``dated``.
On a site in 试运行 the findings are notes, in production warnings (as for stale columns).
"""

from __future__ import annotations

import datetime as dt
import functools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from generator.check.diagnostics import Diagnostic, make
from generator.check.severity import Severity
from generator.model.entries import INTERPRETATION, INTERPRETATION_WORKDAYS, POLICY_CATEGORIES, Entry
from generator.model.records import Catalogue, Record
from generator.model.timelimit import Cycle, TimeLimitPart, parse_time_limit, read_cycle
from generator.model.workdays import CALENDAR_UNITS, WORKING_DAYS, UnknownYear, WorkCalendar, package_years

#: The method of items that must be published without being asked (主动公开).
ACTIVE = "主动"
#: The calendar file named when no loader gave one.
DEFAULT_CALENDAR_FILE = "_calendar.yaml"
#: How many missing periods a message names (the count says how many there are).
SHOWN_PERIODS = 8


@dataclass
class _Unchecked:
    """What could not be checked for want of one year's holidays."""

    entries: set[str] = field(default_factory=set)
    interpretations: set[str] = field(default_factory=set)
    items: set[str] = field(default_factory=set)


@dataclass
class _Context:
    calendar: WorkCalendar
    today: dt.date
    severity: Severity
    unknown: dict[int, _Unchecked] = field(default_factory=dict)

    def unchecked(self, year: int) -> _Unchecked:
        return self.unknown.setdefault(year, _Unchecked())


def deadline_findings(catalogue: Catalogue, today: dt.date) -> list[Diagnostic]:
    """Everything the module describes, for ``catalogue`` as of ``today``."""
    severity = Severity.WARNING if catalogue.site.production else Severity.INFO
    context = _Context(catalogue.calendar, today, severity)
    limits = {r.id: _rule(r.time_limit) for r in catalogue.records}
    entries = catalogue.entries
    out: list[Diagnostic] = []
    as_of = today.isoformat()
    for entry in entries:  # 200,000 in a large catalogue: the cheap tests first
        rule = limits.get(entry.item)
        if rule is None or not entry.formed or entry.published > as_of or entry.formed > entry.published:
            continue
        parts, periods, days = rule
        if parts:  # labelled parts: which apply depends on the title
            periods = applicable(parts, entry.title)
            days = max((p.n or 0 for p in periods), default=0)
        if periods and _days_between(entry.formed, entry.published) > days:
            out += _late_entry(entry, periods, context)
    out += _late_interpretations(entries, context)
    out += _missing_periods(catalogue, entries, context)
    out += blank_items(catalogue)
    out += _unknown_years(context)
    return out


def _checkable(entry: Entry, as_of: str) -> bool:
    """Whether the entry's dates can be checked as of the day ``as_of`` (ISO): those after it, or
    formed after published, are reported elsewhere."""
    return entry.published <= as_of and (not entry.formed or entry.formed <= entry.published)


def _at(entry: Entry, key: str) -> tuple[int, int]:
    return entry.positions.get(key, (1, 1))


# -- late entries ---------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _limit_parts(text: str) -> tuple[TimeLimitPart, ...]:
    """A 时限 read (catalogues repeat the same few): its parts, none when it is not understood."""
    return parse_time_limit(text) or ()


@functools.lru_cache(maxsize=4096)
def _rule(text: str) -> tuple[tuple[TimeLimitPart, ...], tuple[TimeLimitPart, ...], int]:
    """What a 时限 asks of every entry: (its parts when some are labelled, and which apply then depends
    on the entry's title; else none), the periods that apply, and the most days of them (N working
    days, or N days, after a day are at least N days after it: an entry published within as many
    days is in time, whatever the calendar)."""
    parts = _limit_parts(text)
    if any(p.label for p in parts):
        return parts, (), 0
    periods = applicable(parts, "")
    return (), periods, max((p.n or 0 for p in periods), default=0)


def _days_between(first: str, last: str) -> int:
    return (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days


def applicable(parts: Sequence[TimeLimitPart], title: str) -> tuple[TimeLimitPart, ...]:
    """The periods of a 时限 that set the deadline of an entry titled ``title`` (none: not checked),
    as the module describes."""
    labelled = [p for p in parts if p.label and not p.label.startswith("除") and p.label in title]
    candidates = labelled or list(parts)
    if any(p.kind == "standing" for p in candidates):
        return ()
    return tuple(
        p for p in candidates if p.kind == "period" and p.n and (p.unit == WORKING_DAYS or p.unit in CALENDAR_UNITS)
    )


def _late_entry(entry: Entry, periods: tuple[TimeLimitPart, ...], context: _Context) -> list[Diagnostic]:
    """``entry-late`` for an entry published more days after its 形成日期 than any of ``periods`` has."""
    formed, published = dt.date.fromisoformat(entry.formed), dt.date.fromisoformat(entry.published)
    calendar = context.calendar
    try:
        ends = [(calendar.deadline(formed, p.n or 0, p.unit), p) for p in periods]
        (last, due), part = max(ends, key=lambda found: found[0][1])
        if published <= due:
            return []
        late = calendar.workdays_late(due, published)
    except UnknownYear as unknown:
        context.unchecked(unknown.year).entries.add(entry.file or entry.id)
        return []
    n, unit = part.n or 0, part.unit
    if unit == WORKING_DAYS:
        deadline = f"形成日期 {formed} 之后的第 {n} 个工作日 {due}"
    elif last == due:
        deadline = f"形成日期 {formed} 之后 {n} {_unit(unit)} {due}"
    else:
        deadline = f"形成日期 {formed} 之后 {n} {_unit(unit)} {last} 逢休息日，顺延到下一个工作日 {due}"
    return [
        make(
            "entry-late",
            entry.file,
            *_at(entry, "发布日期"),
            element="发布日期",
            severity=context.severity,
            late=late,
            deadline=deadline,
            limit=part.text,
            published=published,
            formed=formed,
            due=due,
        )
    ]


def _unit(unit: str) -> str:
    return "日" if unit in ("天", "自然日") else unit


# -- 解读 ------------------------------------------------------------------------------------------------------


def _late_interpretations(entries: Sequence[Entry], context: _Context) -> list[Diagnostic]:
    """A 政策解读 published later than :data:`INTERPRETATION_WORKDAYS` working days after the newest policy
    it names (a 关联 to what is not a policy, such as a 通知公告, is not counted)."""
    policies = {e.id: e for e in entries if e.category in POLICY_CATEGORIES}
    n = INTERPRETATION_WORKDAYS
    as_of = context.today.isoformat()
    out = []
    for entry in entries:
        if entry.category != INTERPRETATION or not _checkable(entry, as_of):
            continue
        named = [policies[i] for i in entry.related if i in policies]
        if not named:
            continue
        policy = max(named, key=lambda e: (e.published, e.id))  # the newest it names: what it was written for
        published, policy_date = dt.date.fromisoformat(entry.published), dt.date.fromisoformat(policy.published)
        if published <= policy_date + dt.timedelta(days=n):
            continue
        try:
            due = context.calendar.add_workdays(policy_date, n)
            late = context.calendar.workdays_late(due, published)
        except UnknownYear as unknown:
            context.unchecked(unknown.year).interpretations.add(entry.file or entry.id)
            continue
        if late:
            out.append(
                make(
                    "interpretation-late",
                    entry.file,
                    *_at(entry, "发布日期"),
                    element="发布日期",
                    severity=context.severity,
                    late=late,
                    policy=policy.title,
                    policy_id=policy.id,
                    policy_date=policy_date,
                    n=n,
                    due=due,
                    published=published,
                )
            )
    return out


# -- periodic items ----------------------------------------------------------------------------------------


def item_cycle(record: Record) -> tuple[TimeLimitPart, Cycle] | None:
    """The periodic part of an item's 时限 its entries are checked against (of several, the one with
    the longest periods: the most lenient), or None."""
    cycles = [(p, c) for p in _limit_parts(record.time_limit) if (c := read_cycle(p)) is not None]
    return max(cycles, key=lambda found: found[1].months or 0.25, default=None)


def _missing_periods(catalogue: Catalogue, entries: Iterable[Entry], context: _Context) -> list[Diagnostic]:
    cycles = {r.id: found for r in catalogue.records if (found := item_cycle(r)) is not None}
    if not cycles:
        return []
    as_of = context.today.isoformat()
    published: dict[str, list[str]] = {}  # ISO dates: their order is the days' order
    for entry in entries:
        if entry.item in cycles and entry.published <= as_of:
            published.setdefault(entry.item, []).append(entry.published)
    out = []
    for record in catalogue.records:
        dates = published.get(record.id)
        if not dates:
            continue
        part, cycle = cycles[record.id]
        dates.sort()
        missing = []
        try:
            for period in context.calendar.periods(cycle, dt.date.fromisoformat(dates[0]), context.today):
                if bisect_right(dates, period.due.isoformat()) == bisect_left(dates, period.opens.isoformat()):
                    missing.append(period)
        except UnknownYear as unknown:
            context.unchecked(unknown.year).items.add(record.id)
        if missing:
            shown = "、".join(f"{p.label}（截止 {p.due}）" for p in missing[:SHOWN_PERIODS])
            more = "等" if len(missing) > SHOWN_PERIODS else ""
            out.append(
                make(
                    "item-period-missing",
                    record.file,
                    element="时限",
                    severity=context.severity,
                    value=record.name,
                    limit=part.text,
                    count=len(missing),
                    periods=shown + more,
                    first=dates[0],
                    id=record.id,
                )
            )
    return out


# -- blank items and columns ---------------------------------------------------------------------------------


def blank_items(catalogue: Catalogue) -> list[Diagnostic]:
    """主动公开 items with no entry at all: per item, per column when the whole column is blank, and
    one note when the catalogue has no entry anywhere (a new catalogue is not flooded; on a site still
    in 试运行, not even that)."""
    severity = Severity.WARNING if catalogue.site.production else Severity.INFO
    active = [r for r in catalogue.records if ACTIVE in r.methods]
    if not active:
        return []
    if not any(a.entries for a in catalogue.areas):
        if not catalogue.site.production:
            return []  # a site being built (试运行) is not told what it is still building
        folder = catalogue.site.file.rpartition("/")[0] or "."
        return [make("catalogue-no-entry", folder, count=len(active))]
    out = []
    for area in catalogue.areas:
        for category in area.categories:
            blank = [r for r in category.records if ACTIVE in r.methods]
            if not blank:
                continue
            if not category.entries:
                where = category.where or category.title
                out.append(make("column-no-entry", where, severity=severity, value=category.title, count=len(blank)))
                continue
            used = {e.item for e in category.entries}
            for record in blank:
                if record.id not in used:
                    out.append(
                        make(
                            "item-no-entry",
                            record.file,
                            severity=severity,
                            value=record.name,
                            limit=record.time_limit,
                            id=record.id,
                        )
                    )
    return out


# -- years nobody knows ------------------------------------------------------------------------------------


def _unknown_years(context: _Context) -> list[Diagnostic]:
    file = context.calendar.file or DEFAULT_CALENDAR_FILE
    official = package_years()
    known = f"{min(official)}—{max(official)}"
    out = []
    for year, unchecked in sorted(context.unknown.items()):
        what = [
            f"{len(unchecked.entries)} 条信息的公开时限" if unchecked.entries else "",
            f"{len(unchecked.interpretations)} 条政策解读的发布时间" if unchecked.interpretations else "",
            f"{len(unchecked.items)} 个定期公开事项的各期" if unchecked.items else "",
        ]
        out.append(
            make(
                "calendar-year-unknown",
                file,
                year=year,
                what="、".join(w for w in what if w),
                calendar=file,
                known=known,
            )
        )
    return out
