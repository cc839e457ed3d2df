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
part; it is understood only when every part is.
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
    body = _PART_LABEL.sub("", _PART_PREFIX.sub("", text.strip())).strip("。. ")
    if not body:
        return None
    if match := _MINIMUM.match(body):
        trigger = match["trigger"].strip()
        return TimeLimitPart("minimum", text.strip(), trigger, _number(match["n"]), _unit(match["unit"]))
    if _PERIODIC.match(body):
        return TimeLimitPart("periodic", text.strip())
    if (match := _PERIOD.match(body)) and _TAIL.match(match["tail"].strip()):
        trigger = match["trigger"].strip().removesuffix("之日起").strip()
        return TimeLimitPart("period", text.strip(), trigger, _number(match["n"]), _unit(match["unit"]))
    if _STANDING.search(body):
        return TimeLimitPart("standing", text.strip())
    return None


def parse_time_limit(text: str) -> tuple[TimeLimitPart, ...] | None:
    """Every part of ``text`` read, or None when any part is not in a recognised form."""
    parts = [p for p in _PART_SEPARATOR.split(text) if p.strip(" 。.")]
    parsed = tuple(part for part in map(parse_part, parts) if part is not None)
    if not parsed or len(parsed) < len(parts):
        return None
    return parsed
