"""The example catalogue shows every kind of 时限 finding a bureau will meet, each with its
working-day arithmetic, and still builds: the demonstration the guide and README point at."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.commands.main import main

ROOT = Path(__file__).resolve().parents[2]


def test_the_examples_report_shows_each_kind_of_finding(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["report", "--catalogue", str(ROOT / "catalogue"), "--today", "2026-12-03", "--format", "json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    text = json.dumps(report, ensure_ascii=False)
    for code_name, arithmetic in (
        ("entry-late", "截止日是形成日期 2024-12-16 之后的第 20 个工作日 2025-01-14"),
        ("interpretation-late", "发布于 2024-08-19，其后第 3 个工作日是 2024-08-22，本解读发布日期是 2024-08-27"),
        ("item-period-missing", "有 1 期没有发布信息：2025 年（截止 2025-12-31）"),
        ("column-no-entry", "栏目“供热服务类审批”的 1 个主动公开事项都还没有发布任何信息"),
        ("item-no-entry", "还没有发布任何信息"),
    ):
        assert f'"{code_name}"' in text, code_name
        assert arithmetic in text, code_name
