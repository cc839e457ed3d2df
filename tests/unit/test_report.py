"""公开情况 (``gkml report``): the findings that depend on the day, gathered by rule, in three forms,
never blocking; the staff page renders the same report.

The fixture ``trees/report`` has known findings as of 2026-06-01: two stale columns, an overdue
item, an 更新日期 and a 发布日期 after that day. The golden files (``tests/golden/report/``) hold
the report of the rules gkml had before the deadline rules (:data:`CORE`), so that they do not
change when a rule is added; that every rule marked ``dated`` is reported is tested on its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from pathlib import Path

import pytest

from generator.check.diagnostics import Diagnostic
from generator.check.messages import MESSAGES
from generator.check.report import (
    Report,
    build_report,
    dated_codes,
    format_json,
    format_markdown,
    format_text,
)
from generator.check.run import check_catalogue
from generator.commands.main import main
from generator.model.records import Catalogue
from generator.site.pages import Renderer
from generator.site.routes import Routes

from .helpers import GOLDEN, TREES

TODAY = dt.date(2026, 6, 1)
#: The rules that depend on the day and were there before the deadline rules.
CORE = ("column-stale", "item-overdue", "date-future", "entry-future-date")
FORMS = {"findings.txt": format_text, "findings.md": format_markdown, "findings.json": format_json}


def checked(monkeypatch: pytest.MonkeyPatch, today: dt.date = TODAY) -> tuple[Catalogue, list[Diagnostic]]:
    """The fixture checked as of ``today``, its files shown as ``report/…``."""
    monkeypatch.chdir(TREES)
    catalogue, diagnostics = check_catalogue(Path("report"), today=today, git_dates=False)
    assert catalogue is not None, [d.format() for d in diagnostics]
    return catalogue, diagnostics


def core_report(monkeypatch: pytest.MonkeyPatch) -> Report:
    catalogue, diagnostics = checked(monkeypatch)
    return build_report(catalogue, diagnostics, TODAY, codes=CORE)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_each_form_of_the_report_is_its_golden_file(
    name: str, monkeypatch: pytest.MonkeyPatch, update_goldens: bool
) -> None:
    text = FORMS[name](core_report(monkeypatch))
    path = GOLDEN / "report" / name
    if update_goldens:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_the_report_lists_each_finding_of_the_day_under_its_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    report = core_report(monkeypatch)
    assert report.as_of == TODAY
    assert (report.areas, report.columns, report.items, report.entries) == (1, 3, 4, 13)
    found = {k.code: [f.diagnostic.file for f in k.findings] for k in report.kinds}
    assert found == {
        "column-stale": ["report/保障性住房/工作动态/_meta.yaml", "report/保障性住房/配给管理/_meta.yaml"],
        "item-overdue": ["report/保障性住房/配给管理/年度计划.yaml"],
        "date-future": ["report/保障性住房/配给管理/资格审核.yaml"],
        "entry-future-date": ["report/保障性住房/配给管理/2026/第二批公示.md"],
    }
    assert report.total == 5


def test_what_each_finding_is_about_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    subjects = {k.code: [f.subject for f in k.findings] for k in core_report(monkeypatch).kinds}
    overdue = subjects["item-overdue"][0]
    assert overdue is not None
    assert (overdue.kind, overdue.id, overdue.title) == ("item", "bzxzf-pjgl-ndjh", "年度配租计划")
    future = subjects["entry-future-date"][0]
    assert future is not None and (future.kind, future.id) == ("entry", "pjgl-l")
    assert [s.title for s in subjects["column-stale"] if s] == ["工作动态", "配给管理"]
    # the item-overdue message does not name the item: the report does
    assert "事项“年度配租计划”：按公开时限“每年3月底前”" in format_text(core_report(monkeypatch))


def test_every_rule_that_depends_on_the_day_is_reported_in_the_order_of_the_message_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    catalogue, diagnostics = checked(monkeypatch)
    report = build_report(catalogue, diagnostics, TODAY)
    assert [k.code for k in report.kinds] == [code for code, m in MESSAGES.items() if m.dated] == list(dated_codes())
    assert set(CORE) <= set(dated_codes())
    dated = [d for d in diagnostics if MESSAGES[d.code].dated]
    assert sorted(f.diagnostic.format() for k in report.kinds for f in k.findings) == sorted(d.format() for d in dated)
    assert any(d.code == "standard-item-missing" for d in diagnostics)  # found by the check, not dated: left out
    assert "standard-item-missing" not in format_json(report)


def test_the_report_does_not_depend_on_the_order_of_the_diagnostics(monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue, diagnostics = checked(monkeypatch)
    shuffled = list(diagnostics)
    random.Random(7).shuffle(shuffled)
    expected = format_json(build_report(catalogue, diagnostics, TODAY))
    assert format_json(build_report(catalogue, shuffled, TODAY)) == expected


def test_a_catalogue_with_nothing_to_catch_up_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue, _ = checked(monkeypatch)
    report = build_report(catalogue, [], TODAY, codes=CORE)
    text = format_text(report)
    assert "  共 0 项\n\n没有发现需要处理的问题。\n" in text
    assert "没有发现需要处理的问题。" in format_markdown(report)
    assert json.loads(format_json(report))["total"] == 0


def test_the_markdown_keeps_a_table_whole_whatever_a_message_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue, diagnostics = checked(monkeypatch)
    stale = next(d for d in diagnostics if d.code == "column-stale")
    odd = dataclasses.replace(stale, message="栏目“a|b”\n第二行", file="report/a`b.yaml")
    markdown = format_markdown(build_report(catalogue, [odd], TODAY, codes=CORE))
    row = next(line for line in markdown.splitlines() if "a`b.yaml" in line)
    assert row == "| ``report/a`b.yaml:1:1`` | 栏目“a\\|b” 第二行 |"


# -- the staff page ------------------------------------------------------------------------------------------


def test_the_staff_page_is_its_golden_file(monkeypatch: pytest.MonkeyPatch, update_goldens: bool) -> None:
    catalogue, diagnostics = checked(monkeypatch)
    report = build_report(catalogue, diagnostics, TODAY, codes=CORE)
    page = Renderer(catalogue, Routes()).report_page(report)
    assert (page.src, page.title, page.kind) == ("report/index.md", "公开情况", "report")
    assert page.description == "截至 2026-06-01 的公开情况（供本单位工作人员查看）。"
    path = GOLDEN / "report" / "page.html"
    if update_goldens:
        path.write_text(page.html, encoding="utf-8")
    assert page.html == path.read_text(encoding="utf-8")
    # each finding links to the page of what it is about
    assert '<a href="../info/pjgl-l/">公开信息“第二批资格审核结果公示”</a>' in page.html
    assert '<a href="../item/bzxzf-pjgl-ndjh/">事项“年度配租计划”</a>' in page.html
    assert '<a href="../bzxzf/gzdt/">栏目“工作动态”</a>' in page.html


def test_the_staff_page_is_there_only_when_asked_for_and_says_noindex(monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue, diagnostics = checked(monkeypatch)
    plain = Renderer(catalogue, Routes())
    assert "report" not in {p.kind for p in plain.site_pages()}
    staff = Renderer(catalogue, Routes(), report=build_report(catalogue, diagnostics, TODAY))
    assert [p.src for p in staff.site_pages() if p.kind == "report"] == ["report/index.md"]
    assert '<meta name="robots" content="noindex">' in staff.head("report/index.md")
    assert "noindex" not in staff.head("index.md")


# -- the command ---------------------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_prints_the_report_and_never_fails_on_findings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    catalogue, diagnostics = checked(monkeypatch)
    for form, write in (("text", format_text), ("markdown", format_markdown), ("json", format_json)):
        code, out, _ = run(capsys, "report", "--catalogue", "report", "--today", "2026-06-01", "--format", form)
        assert code == 0  # warnings among the findings (a date after today): still 0
        assert out == write(build_report(catalogue, diagnostics, TODAY))
    code, out, _ = run(capsys, "report", "--catalogue", "report", "--today", "2026-06-01")
    assert code == 0 and out.startswith("公开情况报告\n截至 2026-06-01（北京时间）。")


def test_the_same_day_gives_the_same_report_and_another_day_another(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(TREES)
    args = ("report", "--catalogue", "report", "--format", "json")
    first = run(capsys, *args, "--today", "2026-06-01")[1]
    assert run(capsys, *args, "--today", "2026-06-01")[1] == first
    later = json.loads(run(capsys, *args, "--today", "2026-09-01")[1])
    assert later["as_of"] == "2026-09-01" and json.loads(first)["as_of"] == "2026-06-01"
    stale = next(k for k in later["kinds"] if k["code"] == "column-stale")
    # by then 法规政策 is stale (its newest entry is of 2026-01-20) and 配给管理 no longer (updated 2026-07-01)
    assert [f["subject"]["title"] for f in stale["findings"]] == ["工作动态", "法规政策"]
    assert "entry-future-date" not in {k["code"] for k in later["kinds"] if k["count"]}


def test_a_rule_made_an_error_is_reported_not_a_reason_for_no_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins:\n  - gkml:\n      severity:\n        date-future: error\n", encoding="utf-8")
    monkeypatch.chdir(TREES)
    code, out, _ = run(
        capsys, "report", "--catalogue", "report", "--today", "2026-06-01", "--format", "json", "-f", str(config)
    )
    assert code == 0
    future = next(k for k in json.loads(out)["kinds"] if k["code"] == "date-future")
    assert [f["severity"] for f in future["findings"]] == ["error"]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("--catalogue", "duplicate_id"), "无法生成报告"),
        (("--catalogue", "no_such_folder"), "无法生成报告"),
        (("--catalogue", "report", "--out", "x"), "--out 只与 --year 一起使用"),
    ],
)
def test_bad_input_exits_with_2_and_says_why(
    argv: tuple[str, ...], said: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(TREES)
    code, out, err = run(capsys, "report", *argv)
    assert code == 2 and out == "" and said in err


def test_a_day_that_is_not_a_date_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(TREES)
    with pytest.raises(SystemExit) as stopped:
        main(["report", "--catalogue", "report", "--today", "2026-13-01"])
    assert stopped.value.code == 2
    assert "日期“2026-13-01”格式不对，应为 YYYY-MM-DD" in capsys.readouterr().err


def test_a_report_page_option_that_is_not_true_or_false_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins:\n  - gkml:\n      report_page: 是\n", encoding="utf-8")
    monkeypatch.chdir(TREES)
    code, out, err = run(capsys, "report", "--catalogue", "report", "-f", str(config))
    assert code == 2 and out == ""
    assert "gkml 插件的 report_page 设置应为 true 或 false，现在是“是”。" in err
