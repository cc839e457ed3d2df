"""公开时限: the time limit as written, read into a structured value.

Catalogues write the same few forms in many spellings::

    信息形成或者变更之日起20个工作日内      period   trigger=信息形成或者变更  n=20  unit=工作日
    信息形成（变更）20个工作日内            period   trigger=信息形成（变更）
    分配结果确定后20个工作日内              period   trigger=分配结果确定
    20个工作日 / 20工作日                   period   trigger=''（未写明起算点）
    征求意见期限不得少于30日                minimum  n=30 unit=日
    实时 / 及时公布 / 长期公开（动态调整）   standing
    每年3月底前 / 每季度 / 每月             periodic

A time limit with several parts (``1.…；2.处罚决定：20个工作日内``) is read part by
part; it is understood only when every part is. A part's label (``处罚决定``) is kept: the
check of deadlines applies a labelled part to the entries whose title names it.

A periodic part is read further by :func:`read_cycle` (how long a period is, when in it or
after it its information is due); :mod:`generator.model.workdays` turns that into due dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

TimeLimitKind = Literal["period", "minimum", "standing", "periodic"]

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_NUMBER = r"\d+|[一二两三四五六七八九十]{1,3}"
_UNIT = r"个?工作日|个?自然日|日|天|个月|周|年"
_PERIOD = re.compile(
    rf"^(?:自|从|于)?(?P<trigger>.*?)(?:之日起|之日|起|后|以后)?\s*(?P<n>{_NUMBER})\s*(?P<unit>{_UNIT})"
    r"(?:内|以内|之内)?(?P<tail>.*)$"
)
_MINIMUM = re.compile(rf"^(?P<trigger>.*?)(?:不得少于|不少于|至少)\s*(?P<n>{_NUMBER})\s*(?P<unit>{_UNIT})(?P<tail>.*)$")
_STANDING = re.compile(r"(实时|即时|及时|长期|常态化|动态(?:调整|更新)|随时)")
_PERIODIC = re.compile(r"^(每年|每半年|每季度|每月|每周|年度|季度|按年|按季|按月)")
#: What may follow a period and still be the same time limit (e.g. 予以公开, 公开, 完成).
_TAIL = re.compile(r"^[，,。]?\s*(予以)?(公开|公布|发布|更新|完成)?[。.]?$")
_PART_SEPARATOR = re.compile(r"[；;]|\s(?=\d+[.、．])")
_PART_PREFIX = re.compile(r"^\s*(?:\d+[.、．]|[（(]\d+[）)])\s*")
_PART_LABEL = re.compile(r"^[^：:，,。]{1,20}[：:]\s*")

#: The forms accepted, for the editors' hint.
ACCEPTED_FORMS = (
    "信息形成或者变更之日起20个工作日内",
    "分配结果确定后20个工作日内",
    "20个工作日内",
    "征求意见期限不得少于30日",
    "实时 / 及时 / 长期公开",
    "每年3月底前",
)


@dataclass(frozen=True)
class TimeLimitPart:
    """One part of a time limit."""

    kind: TimeLimitKind
    text: str
    trigger: str = ""  #: the event the period counts from (信息形成或者变更); '' when not written
    n: int | None = None
    unit: str = ""  #: 工作日, 日, 个月, 年 …
    label: str = ""  #: what the part is for, when it says so (``2.处罚决定：…`` → 处罚决定)


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        text = "一" + text
    if len(text) == 3 and text[1] == "十":  # 二十五
        return _CN_DIGITS[text[0]] * 10 + _CN_DIGITS[text[2]]
    if len(text) == 2 and text[1] == "十":  # 二十
        return _CN_DIGITS[text[0]] * 10
    if len(text) == 2 and text[0] == "一" and text[1] != "十":  # 十五 → 一五
        return 10 + _CN_DIGITS[text[1]]
    return _CN_DIGITS.get(text, 0)


def _unit(text: str) -> str:
    return text.removeprefix("个") if text in ("个工作日", "个自然日") else text


def parse_part(text: str) -> TimeLimitPart | None:
    """Read one part of a time limit, or None when its form is not recognised."""
    unnumbered = _PART_PREFIX.sub("", text.strip())
    labelled = _PART_LABEL.match(unnumbered)
    label = labelled[0].strip().rstrip("：:").strip() if labelled else ""
    body = unnumbered[labelled.end() :].strip("。. ") if labelled else unnumbered.strip("。. ")
    if not body:
        return None
    if match := _MINIMUM.match(body):
        trigger = match["trigger"].strip()
        return TimeLimitPart("minimum", text.strip(), trigger, _number(match["n"]), _unit(match["unit"]), label)
    if _PERIODIC.match(body):
        return TimeLimitPart("periodic", text.strip(), label=label)
    if (match := _PERIOD.match(body)) and _TAIL.match(match["tail"].strip()):
        trigger = match["trigger"].strip().removesuffix("之日起").strip()
        return TimeLimitPart("period", text.strip(), trigger, _number(match["n"]), _unit(match["unit"]), label)
    if _STANDING.search(body):
        return TimeLimitPart("standing", text.strip(), label=label)
    return None


def parse_time_limit(text: str) -> tuple[TimeLimitPart, ...] | None:
    """Every part of ``text`` read, or None when any part is not in a recognised form."""
    parts = [p for p in _PART_SEPARATOR.split(text) if p.strip(" 。.")]
    parsed = tuple(part for part in map(parse_part, parts) if part is not None)
    if not parsed or len(parsed) < len(parts):
        return None
    return parsed


# -- periodic time limits ------------------------------------------------------------------------------

#: The words a periodic time limit starts with → the months of its period (0: a week).
_CYCLE_MONTHS: tuple[tuple[str, int], ...] = (
    ("每半年", 6),
    ("每年", 12),
    ("年度", 12),
    ("按年", 12),
    ("每季度", 3),
    ("季度", 3),
    ("按季", 3),
    ("每月", 1),
    ("按月", 1),
    ("每周", 0),
)
_BEFORE = r"\s*(?:前|以前|之前)"
_DAY = r"\s*(?:(?P<day>\d{1,2})\s*[日号]|(?P<end>底|末))?"
#: ``3月底前``, ``3月31日前`` (of a year): the month of the period and the day.
_IN_YEAR = re.compile(rf"^\s*(?P<month>\d{{1,2}})\s*月{_DAY}{_BEFORE}")
#: ``第一个月10日前`` (of a quarter, a half year or a year).
_IN_PERIOD = re.compile(rf"^\s*第\s*(?P<month>{_NUMBER})\s*个月{_DAY}{_BEFORE}")
#: ``10日前`` (of a month).
_IN_MONTH = re.compile(rf"^\s*(?P<day>\d{{1,2}})\s*[日号]{_BEFORE}")
#: ``结束后15日内``, ``后10个工作日内``: after the period ends.
_AFTER = re.compile(
    rf"^\s*(?:结束|期满|末)?\s*(?:之)?后\s*(?P<n>{_NUMBER})\s*(?P<unit>个?工作日|日|天)\s*(?:内|以内|之内)?"
)

#: What a periodic time limit may not say besides what was read: a number, an ordinal (第一季度).
_UNREAD = re.compile(r"\d|第\s*[一二两三四五六七八九十]")


@dataclass(frozen=True)
class Cycle:
    """A periodic time limit read: the length of its periods and when each period's information is due.

    Periods follow the calendar: years from January, half years from January and July, quarters
    from January, April, July and October, months, and weeks from Monday. A period's information is
    due by its last day, unless the time limit says otherwise: a day in the period (``month`` and
    ``day``: ``每年3月31日前`` is the 31st of the period's third month; ``每季度第一个月10日前`` the
    10th of its first month), or some days after it ends (``after`` and ``after_unit``:
    ``每季度结束后15日内``).
    """

    months: int  #: 12, 6, 3 or 1; 0 for a week
    month: int = 0  #: the month of the period the due day is in (1 = its first); 0: its last month
    day: int = 0  #: the due day of that month; 0: the month's last day
    after: int = 0  #: due this many days after the period ends (``month`` and ``day`` then 0)
    after_unit: str = ""  #: 工作日 or 日


def read_cycle(part: TimeLimitPart) -> Cycle | None:
    """The period and due day of a ``periodic`` part, or None when its text says more than is
    understood (a number left unread: better no check than a wrong one)."""
    if part.kind != "periodic":
        return None
    body = _PART_LABEL.sub("", _PART_PREFIX.sub("", part.text.strip()), count=1).strip()
    for word, months in _CYCLE_MONTHS:
        if body.startswith(word):
            return _cycle(body[len(word) :], months)
    return None


def _cycle(rest: str, months: int) -> Cycle | None:
    cycle = Cycle(months)
    if match := _AFTER.match(rest):
        cycle = Cycle(months, after=_number(match["n"]), after_unit=_unit(match["unit"]).replace("天", "日"))
    elif months and (match := _IN_PERIOD.match(rest)):
        cycle = Cycle(months, _number(match["month"]), int(match["day"] or 0))
    elif months == 12 and (match := _IN_YEAR.match(rest)):
        cycle = Cycle(months, int(match["month"]), int(match["day"] or 0))
    elif months == 1 and (match := _IN_MONTH.match(rest)):
        cycle = Cycle(months, 1, int(match["day"]))
    else:
        match = None
    rest = rest[match.end() :] if match else rest
    if _UNREAD.search(rest) or not 0 <= cycle.month <= months or not 0 <= cycle.day <= 31:
        return None
    if cycle.after == 0 and cycle.after_unit:
        return None
    return cycle
