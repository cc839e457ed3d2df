"""Working days on the State Council's published schedule, 2024–2026 (holidays and make-up
workdays), counted as the Civil Code counts (arts. 201–203); the bureau's own years; a year
nobody knows; the due dates of periodic time limits."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest

from generator.model.timelimit import Cycle, parse_time_limit, read_cycle
from generator.model.workdays import UnknownYear, WorkCalendar, YearSchedule, package_years

D = dt.date.fromisoformat
CALENDAR = WorkCalendar()

#: (formed, N working days) → the deadline: the N-th working day after the day of 形成.
WORKING_DAY_LIMITS = [
    # the worked examples of the issue
    ("2025-04-30", 20, "2025-06-03"),  # 劳动节 5.1–5.5 and 端午 5.31–6.2
    ("2026-02-13", 5, "2026-02-27"),  # 春节 2.15–2.23
    ("2024-09-30", 3, "2024-10-10"),  # 国庆 10.1–10.7
    # make-up Saturdays and Sundays are working days
    ("2024-02-03", 1, "2024-02-04"),  # Sunday worked before 春节
    ("2024-02-08", 2, "2024-02-18"),  # 2.9, then 春节 2.10–2.17, then Sunday 2.18 worked
    ("2024-04-06", 1, "2024-04-07"),  # Sunday worked after 清明
    ("2024-04-27", 1, "2024-04-28"),  # Sunday worked before 劳动节
    ("2024-05-10", 1, "2024-05-11"),  # Saturday worked after 劳动节
    ("2024-09-13", 1, "2024-09-14"),  # Saturday worked before 中秋
    ("2024-09-27", 1, "2024-09-29"),  # Sunday worked before 国庆 (Saturday 9.28 is off)
    ("2024-10-11", 1, "2024-10-12"),  # Saturday worked after 国庆
    ("2025-01-24", 1, "2025-01-26"),  # Sunday worked before 春节
    ("2025-02-07", 1, "2025-02-08"),  # Saturday worked after 春节
    ("2025-04-25", 1, "2025-04-27"),  # Sunday worked before 劳动节
    ("2025-09-26", 1, "2025-09-28"),  # Sunday worked before 国庆
    ("2025-10-10", 1, "2025-10-11"),  # Saturday worked after 国庆
    ("2025-12-31", 1, "2026-01-04"),  # 元旦 1.1–1.3, then Sunday 1.4 worked: across the year's end
    ("2026-02-13", 1, "2026-02-14"),  # Saturday worked before 春节
    ("2026-04-30", 3, "2026-05-08"),  # 劳动节 5.1–5.5
    ("2026-09-24", 3, "2026-09-30"),  # 中秋 9.25–9.27
    # formed on a holiday: the working days after it count, nothing else changes
    ("2024-10-03", 1, "2024-10-08"),
    ("2024-10-03", 20, "2024-11-01"),
    ("2025-01-29", 1, "2025-02-05"),  # 春节 1.28–2.4
    ("2025-10-01", 3, "2025-10-11"),  # 国庆 and 中秋 10.1–10.8, then 10.9, 10.10 and Saturday 10.11 worked
    ("2026-02-17", 5, "2026-02-28"),  # 2.24–2.27, then Saturday 2.28 worked
    # formed on a make-up workday, or on a weekend
    ("2025-02-08", 1, "2025-02-10"),
    ("2024-06-08", 1, "2024-06-11"),  # the weekend, then 端午 on Monday 6.10
]


@pytest.mark.parametrize(("formed", "n", "due"), WORKING_DAY_LIMITS)
def test_the_nth_working_day_after_formation(formed: str, n: int, due: str) -> None:
    assert CALENDAR.add_workdays(D(formed), n) == D(due)
    assert CALENDAR.deadline(D(formed), n, "工作日") == (D(due), D(due))


MAKE_UP_DAYS = [
    "2024-02-04",
    "2024-02-18",
    "2024-04-07",
    "2024-04-28",
    "2024-05-11",
    "2024-09-14",
    "2024-09-29",
    "2024-10-12",
    "2025-01-26",
    "2025-02-08",
    "2025-04-27",
    "2025-09-28",
    "2025-10-11",
    "2026-01-04",
    "2026-02-14",
    "2026-02-28",
    "2026-05-09",
    "2026-09-20",
    "2026-10-10",
]


@pytest.mark.parametrize("day", MAKE_UP_DAYS)
def test_a_make_up_saturday_or_sunday_is_a_working_day(day: str) -> None:
    assert D(day).weekday() >= 5
    assert CALENDAR.is_workday(D(day))
    assert chinese_calendar.is_workday(D(day))  # as the package says, asked day by day


@pytest.mark.parametrize(
    "day", ["2024-02-12", "2024-05-01", "2024-10-07", "2025-01-28", "2025-06-02", "2025-10-08", "2026-02-23"]
)
def test_a_holiday_on_a_weekday_is_no_working_day(day: str) -> None:
    assert D(day).weekday() < 5
    assert not CALENDAR.is_workday(D(day))


def test_every_day_the_package_knows_is_read_as_it_says() -> None:
    """The tables read once agree with the package's own answer, day by day, 2004–2026."""
    first, last = dt.date(min(package_years()), 1, 1), dt.date(max(package_years()), 12, 31)
    days = (first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    assert [d for d in days if CALENDAR.is_workday(d) != chinese_calendar.is_workday(d)] == []
    assert (first.year, last.year) == (2004, 2026)


def test_counting_with_a_binary_search_is_counting_day_by_day() -> None:
    """The N-th working day after every day of 2024–2026, as a loop over the days would find it."""
    for n in (1, 3, 5, 20):
        for offset in range(0, 3 * 365 - 60, 7):
            start = dt.date(2024, 1, 1) + dt.timedelta(days=offset)
            day, left = start, n
            while left:
                day += dt.timedelta(days=1)
                left -= chinese_calendar.is_workday(day)
            assert CALENDAR.add_workdays(start, n) == day, (start, n)


#: (formed, N, unit) → (the last day as counted, the working day the limit ends on)
CALENDAR_DAY_LIMITS = [
    ("2024-09-01", 30, "日", "2024-10-01", "2024-10-08"),  # ends in 国庆: moved to the next working day
    ("2025-01-01", 30, "日", "2025-01-31", "2025-02-05"),  # ends in 春节
    ("2026-01-16", 1, "个月", "2026-02-16", "2026-02-24"),  # one month, ends in 春节
    ("2024-06-01", 7, "日", "2024-06-08", "2024-06-11"),  # a Saturday, then Sunday and 端午 Monday
    ("2024-09-04", 10, "日", "2024-09-14", "2024-09-14"),  # a make-up Saturday: worked, not moved
    ("2024-01-31", 1, "个月", "2024-02-29", "2024-02-29"),  # no February 31st: the month's last day
    ("2025-03-12", 15, "天", "2025-03-27", "2025-03-27"),
    ("2024-10-01", 1, "周", "2024-10-08", "2024-10-08"),  # formed on a holiday: counted from the next day
    ("2025-02-28", 1, "年", "2026-02-28", "2026-02-28"),  # a make-up Saturday a year later
]


@pytest.mark.parametrize(("formed", "n", "unit", "last", "due"), CALENDAR_DAY_LIMITS)
def test_a_limit_in_calendar_days_ending_on_a_day_off_moves_to_the_next_working_day(
    formed: str, n: int, unit: str, last: str, due: str
) -> None:
    assert CALENDAR.deadline(D(formed), n, unit) == (D(last), D(due))


#: (deadline, published) → working days late: published on the N-th working day after the deadline
#: (a day off counts as the next working day).
LATENESS = [
    ("2025-06-03", "2025-06-03", 0),
    ("2025-06-03", "2025-05-20", 0),
    ("2025-06-03", "2025-06-04", 1),
    ("2025-06-03", "2025-06-05", 2),
    ("2024-09-30", "2024-10-03", 1),  # in 国庆: as on 10.8, the first working day after the deadline
    ("2024-09-30", "2024-10-08", 1),
    ("2024-09-30", "2024-10-12", 5),  # 10.8–10.11 and Saturday 10.12 worked
    ("2026-02-27", "2026-03-02", 2),  # Saturday 2.28 worked, then Monday 3.2
    ("2025-12-31", "2026-01-05", 2),  # 元旦, Sunday 1.4 worked, Monday 1.5
]


@pytest.mark.parametrize(("deadline", "published", "late"), LATENESS)
def test_working_days_late(deadline: str, published: str, late: int) -> None:
    assert CALENDAR.workdays_late(D(deadline), D(published)) == late


def test_working_days_between_two_days() -> None:
    assert CALENDAR.count_workdays(D("2024-09-30"), D("2024-10-12")) == 5
    assert CALENDAR.count_workdays(D("2025-12-30"), D("2026-01-05")) == 3  # 12.31, 1.4, 1.5
    assert CALENDAR.count_workdays(D("2024-01-01"), D("2024-01-01")) == 0
    assert CALENDAR.count_workdays(D("2023-12-31"), D("2026-12-31")) == sum(
        chinese_calendar.is_workday(dt.date(2024, 1, 1) + dt.timedelta(days=n)) for n in range(365 * 3 + 1)
    )


# -- a year nobody knows, and the bureau's years --------------------------------------------------------------


def test_a_year_nobody_knows_is_never_guessed() -> None:
    with pytest.raises(UnknownYear) as raised:
        CALENDAR.add_workdays(D("2026-12-20"), 20)  # runs into 2027
    assert raised.value.year == 2027
    with pytest.raises(UnknownYear):
        CALENDAR.is_workday(D("2027-01-04"))
    with pytest.raises(UnknownYear):
        CALENDAR.deadline(D("2026-12-15"), 30, "日")
    assert CALENDAR.add_workdays(D("2026-12-01"), 20) == D("2026-12-29")  # all in 2026: known
    assert not CALENDAR.knows(2027) and CALENDAR.source(2027) == ""


#: A made-up 2027, as a bureau would copy it from the notice (these are not the real dates).
BUREAU_2027 = YearSchedule(
    holidays=frozenset(
        [D("2027-01-01"), D("2027-01-02"), D("2027-01-03")] + [D("2027-02-06") + dt.timedelta(days=n) for n in range(8)]
    ),
    workdays=frozenset([D("2027-02-20")]),
)


def test_the_bureaus_year_is_used_where_the_package_knows_none() -> None:
    calendar = WorkCalendar({2027: BUREAU_2027}, file="catalogue/_calendar.yaml")
    assert calendar.add_workdays(D("2026-12-15"), 20) == D("2027-01-13")  # 12 in 2026, 8 in 2027 after 元旦
    assert calendar.add_workdays(D("2027-02-05"), 1) == D("2027-02-15")  # 春节 2.6–2.13, Sunday 2.14 off
    assert calendar.is_workday(D("2027-02-20"))  # the make-up Saturday
    assert calendar.source(2027) == "catalogue/_calendar.yaml" and calendar.source(2026) == "chinese-calendar"


def test_the_bureaus_year_wins_over_the_packages() -> None:
    """A year the bureau lists replaces the package's entirely (a notice amended after the package)."""
    amended = WorkCalendar({2025: YearSchedule(holidays=frozenset([D("2025-10-01")]))})
    assert amended.is_workday(D("2025-10-02"))  # a holiday in the package, not in the bureau's 2025
    assert not amended.is_workday(D("2025-10-01"))
    assert not amended.is_workday(D("2025-09-28"))  # the package's make-up Sunday is not the bureau's
    assert CALENDAR.is_workday(D("2025-09-28"))


def test_calendars_are_equal_by_their_years_and_file() -> None:
    assert WorkCalendar({2027: BUREAU_2027}, file="a") == WorkCalendar({2027: BUREAU_2027}, file="a")
    assert WorkCalendar() != WorkCalendar({2027: BUREAU_2027})


# -- periodic time limits ----------------------------------------------------------------------------------------

CYCLES = {
    "每年3月底前": Cycle(12, 3, 0),
    "每年3月31日前公开上一年度情况": Cycle(12, 3, 31),
    "每季度第一个月10日前公开上一季度情况": Cycle(3, 1, 10),
    "每季度": Cycle(3),
    "每季度结束后15日内": Cycle(3, after=15, after_unit="日"),
    "每月10日前": Cycle(1, 1, 10),
    "每月结束后10个工作日内": Cycle(1, after=10, after_unit="工作日"),
    "每半年": Cycle(6),
    "每周": Cycle(0),
    "按年": Cycle(12),
}


@pytest.mark.parametrize("text", list(CYCLES))
def test_periodic_time_limits_are_read(text: str) -> None:
    (part,) = parse_time_limit(text) or ()
    assert read_cycle(part) == CYCLES[text]


@pytest.mark.parametrize(
    "text", ["每年第一季度", "每年13月前", "每季度第四个月10日前", "每月32日前", "每年3月底前（第2批）"]
)
def test_periodic_time_limits_not_understood_set_no_due_date(text: str) -> None:
    parts = parse_time_limit(text)
    assert parts is not None and [read_cycle(p) for p in parts] == [None]


#: (time limit, first entry, today) → the periods counted: (name, first day counted, due date)
PERIODS = [
    (
        "每季度第一个月10日前公开上一季度情况",
        "2025-01-15",
        "2026-01-20",
        [
            ("2025 年第 2 季度", "2025-01-11", "2025-04-10"),
            ("2025 年第 3 季度", "2025-04-11", "2025-07-10"),
            ("2025 年第 4 季度", "2025-07-11", "2025-10-10"),
            ("2026 年第 1 季度", "2025-10-11", "2026-01-12"),  # 1.10 is a Saturday
        ],
    ),
    (
        "每年3月底前",
        "2024-03-20",
        "2026-06-30",
        [
            ("2024 年", "2023-04-01", "2024-04-01"),  # 3.31 a Sunday
            ("2025 年", "2024-04-02", "2025-03-31"),
            ("2026 年", "2025-04-01", "2026-03-31"),
        ],
    ),
    (
        "每月",
        "2025-04-15",
        "2025-07-15",
        [
            ("2025 年 4 月", "2025-04-01", "2025-04-30"),
            ("2025 年 5 月", "2025-05-01", "2025-06-03"),  # 5.31 端午: moved past 6.2
            ("2025 年 6 月", "2025-06-04", "2025-06-30"),
        ],
    ),
    (
        "每周",
        "2025-09-24",
        "2025-10-07",
        [
            ("2025 年第 39 周", "2025-09-22", "2025-09-28"),  # a week: due on its Sunday (here a make-up workday)
            ("2025 年第 40 周", "2025-09-29", "2025-10-05"),  # not moved past 国庆 into the next week
        ],
    ),
    (
        "每季度结束后15日内",
        "2025-02-01",
        "2025-10-16",
        [
            ("2025 年第 1 季度", "2025-01-16", "2025-04-15"),
            ("2025 年第 2 季度", "2025-04-16", "2025-07-15"),
            ("2025 年第 3 季度", "2025-07-16", "2025-10-15"),
        ],
    ),
    (
        "每半年",
        "2024-01-01",
        "2025-01-05",
        [
            ("2023 年下半年", "2023-07-01", "2024-01-02"),  # 12.31 a Sunday, 1.1 元旦
            ("2024 年上半年", "2024-01-03", "2024-07-01"),
            ("2024 年下半年", "2024-07-02", "2024-12-31"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "first", "today", "expected"), PERIODS)
def test_the_periods_of_a_periodic_time_limit(
    text: str, first: str, today: str, expected: list[tuple[str, str, str]]
) -> None:
    (part,) = parse_time_limit(text) or ()
    cycle = read_cycle(part)
    assert cycle is not None
    periods = [(p.label, p.opens.isoformat(), p.due.isoformat()) for p in CALENDAR.periods(cycle, D(first), D(today))]
    assert periods == expected


def test_a_period_due_today_is_not_yet_counted() -> None:
    periods = list(CALENDAR.periods(Cycle(1), D("2025-04-15"), D("2025-06-30")))
    assert [p.label for p in periods] == ["2025 年 4 月", "2025 年 5 月"]


def test_periods_stop_before_a_year_nobody_knows_when_none_is_due() -> None:
    """Today in 2026: the period due in 2027 is not asked for, so 2027 is not needed."""
    periods = list(CALENDAR.periods(Cycle(12, 3, 31), D("2026-01-10"), D("2026-12-31")))
    assert [p.label for p in periods] == ["2026 年"]
    with pytest.raises(UnknownYear):
        list(CALENDAR.periods(Cycle(1), D("2026-11-10"), D("2027-03-01")))
