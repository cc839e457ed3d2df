"""公开时限 as written in real catalogues, read into (kind, trigger, n, unit)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.catalogue import load_catalogue
from generator.model.timelimit import parse_time_limit

CASES = {
    "信息形成或者变更之日起20个工作日内": [("period", "信息形成或者变更", 20, "工作日")],
    "信息形成（变更）20个工作日内": [("period", "信息形成（变更）", 20, "工作日")],
    "信息形成或者变更之日起20个工作日内予以公开": [("period", "信息形成或者变更", 20, "工作日")],
    "自收到申请之日起20个工作日内公开": [("period", "收到申请", 20, "工作日")],
    "分配结果确定后20个工作日内": [("period", "分配结果确定", 20, "工作日")],
    "办理完毕后五个工作日内": [("period", "办理完毕", 5, "工作日")],
    "二十个工作日内": [("period", "", 20, "工作日")],
    "十五日内": [("period", "", 15, "日")],
    "20工作日": [("period", "", 20, "工作日")],
    "实时": [("standing", "", None, "")],
    "每年3月底前": [("periodic", "", None, "")],
    "1.除处罚决定外其他内容：长期公开（动态调整）；2.处罚决定：20个工作日内。": [
        ("standing", "", None, ""),
        ("period", "", 20, "工作日"),
    ],
    "征求意见期限不得少于30日；征求意见情况和修改情况及时公布": [
        ("minimum", "征求意见期限", 30, "日"),
        ("standing", "", None, ""),
    ],
}


@pytest.mark.parametrize("text", list(CASES))
def test_usual_forms_are_read(text: str) -> None:
    parts = parse_time_limit(text)
    assert parts is not None
    assert [(p.kind, p.trigger, p.n, p.unit) for p in parts] == CASES[text]


@pytest.mark.parametrize("text", ["尽快", "随便写写", "按规定", "20个工作日内；尽快"])
def test_unusual_forms_are_not_guessed(text: str) -> None:
    assert parse_time_limit(text) is None


def test_every_time_limit_of_the_example_catalogue_is_understood() -> None:
    catalogue, _ = load_catalogue(Path(__file__).resolve().parents[2] / "catalogue", git_dates=False)
    assert catalogue is not None
    assert [r.time_limit for r in catalogue.records if parse_time_limit(r.time_limit) is None] == []
