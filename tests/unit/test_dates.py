"""Findings that depend on the day: reported as of today in Beijing, never failing a check or a build
on their own (publishing never depends on the calendar) unless the bureau makes them errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.check.diagnostics import fails, make
from generator.check.freshness import beijing_today
from generator.check.messages import MESSAGES
from generator.check.run import check_catalogue
from generator.commands import main as cli

from .helpers import ROOT, formatted, write_tree

SITE = "单位名称: 示例县住房和城乡建设局\n电话: 0000-6123456\n"
PRODUCTION = SITE + (
    "网站标识码: '1234000001'\nICP备案号: 示ICP备12345678号\n公安机关备案号: 示公网安备12345678901234号\n"
    "党政机关标识: images/dzjg.png\n找错网址: https://zfwzzc.www.gov.cn/\n状态: 正式\n"
    "网站地址: https://www.example.gov.cn/zjj/gkml/\n"
)
AS_OF = dt.date(2024, 6, 1)


def catalogue(tmp_path: Path, site: str, *records: str) -> Path:
    files = {"_site.yaml": site}
    for n, record in enumerate(records):
        files[f"保障性住房/配给管理/{n}.yaml"] = record.replace("id: bzxzf-pjgl-gzfzgsh", f"id: bzxzf-pjgl-{n}")
    return write_tree(tmp_path / "catalogue", files)


def dated(diagnostics: list[object], root: Path) -> list[str]:
    """The findings of the dated rules, as an editor reads them (paths relative to ``root``)."""
    lines = formatted(d for d in diagnostics if MESSAGES[d.code].dated)  # type: ignore[attr-defined]
    return [line.replace(root.as_posix() + "/", "") for line in lines]


def test_an_update_date_after_today_is_reported_at_its_line(tmp_path: Path, valid_minimal: str) -> None:
    folder = catalogue(tmp_path, SITE, valid_minimal + "更新日期: 2099-01-01\n")
    result, diagnostics = check_catalogue(folder, git_dates=False, today=AS_OF)
    assert result is not None  # a warning: the site is still built
    assert dated(diagnostics, tmp_path) == [
        "catalogue/保障性住房/配给管理/0.yaml:17:7: 警告[date-future] 更新日期：更新日期 2099-01-01 晚于今天"
        "（2024-06-01，北京时间）（提示：请改为事项实际修改的日期，不要预先填写：伪造更新日期是单项否决。"
        "判断栏目是否长期未更新时不计这个日期。）"
    ]


def test_a_date_after_today_does_not_hide_a_stale_column(tmp_path: Path, valid_minimal: str) -> None:
    folder = catalogue(
        tmp_path, SITE, valid_minimal + "更新日期: 2020-01-01\n", valid_minimal + "更新日期: 2099-01-01\n"
    )
    _, diagnostics = check_catalogue(folder, git_dates=False, today=AS_OF)
    (stale,) = [d for d in diagnostics if d.code == "column-stale"]
    assert stale.message == "栏目“配给管理”已 1613 天没有更新（最近更新 2020-01-01），超过 365 天"
    assert [d.line for d in diagnostics if d.code == "date-future"] == [17]


def test_today_is_the_day_in_beijing() -> None:
    """A CI machine runs on UTC: at 17:30 UTC it is already the next day in Beijing."""
    utc = dt.timezone.utc
    assert beijing_today(dt.datetime(2024, 6, 1, 15, 59, tzinfo=utc)) == dt.date(2024, 6, 1)
    assert beijing_today(dt.datetime(2024, 6, 1, 17, 30, tzinfo=utc)) == dt.date(2024, 6, 2)
    assert beijing_today(dt.datetime(2024, 6, 2, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))) == dt.date(
        2024, 6, 2
    )


def test_every_today_is_beijings() -> None:
    """One helper for "today": no part of gkml takes the machine's own date."""
    sources = {p: p.read_text(encoding="utf-8") for p in (ROOT / "generator").rglob("*.py")}
    found = [p.name for p, text in sources.items() if "date.today(" in text or ".now()" in text]
    assert found == []


def test_dated_rules_are_marked_in_the_message_table() -> None:
    assert {"column-stale", "date-future", "item-overdue"} <= {c for c, m in MESSAGES.items() if m.dated}
    assert not MESSAGES["subject-vague"].dated


def test_strict_fails_on_warnings_but_not_on_those_of_the_day() -> None:
    stale = make("column-stale", "a/_meta.yaml", value="配给管理", days=400, date="2023-01-01", limit=365)
    vague = make("subject-vague", "a.yaml", 6, 5, value="有关部门")
    assert not fails([stale], strict=True) and not fails([stale])
    assert fails([stale, vague], strict=True) and not fails([stale, vague])


# -- the command: --strict, and the bureau's opt-in --------------------------------------------------------

OVERDUE = "每年3月底前"


def _project(tmp_path: Path, valid_minimal: str, severity: str = "") -> tuple[Path, Path]:
    record = valid_minimal.replace("信息形成或者变更之日起20个工作日内", OVERDUE) + "更新日期: 2020-01-01\n"
    folder = catalogue(tmp_path, PRODUCTION, record, valid_minimal + "更新日期: 2099-01-01\n")
    config = tmp_path / "mkdocs.yml"
    severity = ", ".join(["standard-item-missing: info", *([severity] if severity else [])])  # a small catalogue
    config.write_text(f"plugins:\n  - gkml:\n      severity: {{{severity}}}\n", encoding="utf-8")
    return folder, config


def test_a_site_in_production_passes_strict_check_on_any_day(
    tmp_path: Path, valid_minimal: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, config = _project(tmp_path, valid_minimal)
    code = cli.main(["check", str(folder), "-f", str(config), "--strict", "--today", "2024-06-01"])
    out = capsys.readouterr().out
    assert code == 0, out
    for found in ("警告[column-stale]", "警告[item-overdue]", "警告[date-future]"):
        assert found in out  # reported all the same
    assert "检查通过" in out


@pytest.mark.parametrize("code", ["column-stale", "item-overdue", "date-future"])
def test_a_bureau_that_makes_a_dated_rule_an_error_fails_on_it(
    tmp_path: Path, valid_minimal: str, capsys: pytest.CaptureFixture[str], code: str
) -> None:
    folder, config = _project(tmp_path, valid_minimal, severity=f"{code}: error")
    assert cli.main(["check", str(folder), "-f", str(config), "--today", "2024-06-01"]) == 1
    out = capsys.readouterr().out
    assert f"错误[{code}]" in out and "检查通过" not in out
