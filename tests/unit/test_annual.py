"""年度报告 (``gkml report --year``): the 主动公开 figures from the entries, as Markdown, JSON and xlsx.

The fixture ``trees/report`` has 规范性文件 published and repealed across 2023–2026 (one amended,
one published and repealed in the same year, one with a 文号 of another year), a 规章 republished
from the ministry, a 解读 naming one of them, and entries of other 类别.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest

from generator.commands.main import main
from generator.commands.report import annual_file_names
from generator.exchange.annual import TO_FILL, AnnualFigures, annual_data, annual_figures, annual_markdown
from generator.exchange.annual_workbook import COUNTED_SHEET, MAIN_SHEET, OTHERS_SHEET, annual_xlsx
from generator.load.catalogue import load_catalogue
from generator.model.records import Catalogue

from .helpers import GOLDEN, TREES

TODAY = dt.date(2026, 6, 1)
STAMP = dt.datetime(2026, 6, 15)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    loaded, diagnostics = load_catalogue(TREES / "report", git_dates=False)
    assert loaded is not None, [d.format() for d in diagnostics]
    return loaded


def figures(catalogue: Catalogue, year: int) -> AnnualFigures:
    return annual_figures(catalogue, year, today=TODAY)


def ids(row: tuple[object, ...]) -> list[str]:
    return [e.id for e in row]  # type: ignore[attr-defined]


def test_the_figures_count_the_entries_of_each_kind_by_their_dates(catalogue: Catalogue) -> None:
    rules, documents = figures(catalogue, 2025).rows
    assert (rules.label, documents.label) == ("规章", "行政规范性文件")
    # 本年制发: 发布日期 in 2025; 本年废止: 已废止 dated in 2025 (己办法 was both); 现行有效 on 31 December
    # (戊办法 was amended, not repealed: still in force)
    assert ids(documents.issued) == ["zcwj-e", "zcwj-g", "zcwj-f"]
    assert ids(documents.repealed) == ["zcwj-d", "zcwj-g"]
    assert ids(documents.in_force) == ["zcwj-a", "zcwj-c", "zcwj-e", "zcwj-f"]
    assert (ids(rules.issued), ids(rules.repealed), ids(rules.in_force)) == (["zcwj-h"], [], ["zcwj-h"])
    earlier = figures(catalogue, 2024).rows[1]
    assert (ids(earlier.issued), ids(earlier.repealed)) == (["zcwj-c", "zcwj-d"], ["zcwj-b"])
    assert ids(earlier.in_force) == ["zcwj-a", "zcwj-c", "zcwj-d"]


@pytest.mark.parametrize("year", range(2021, 2029))
def test_in_force_is_last_year_in_force_plus_issued_minus_repealed(catalogue: Catalogue, year: int) -> None:
    this, last = figures(catalogue, year), figures(catalogue, year - 1)
    for row, before in zip(this.rows, last.rows, strict=True):
        assert row.in_force_before == before.in_force
        assert len(row.in_force) == len(before.in_force) + len(row.issued) - len(row.repealed), row.label
        assert row.balance


def test_the_other_statistics_count_what_was_published_in_the_year(catalogue: Catalogue) -> None:
    found = figures(catalogue, 2025)
    counts = dict(found.by_category())
    assert (counts["规范性文件"], counts["规章"], counts["政策解读"], counts["公示公告"]) == (3, 1, 1, 1)
    assert sum(counts.values()) == len(found.published) == 6
    assert ids(found.policies) == ["zcwj-h", "zcwj-e", "zcwj-g", "zcwj-f"]
    assert ids(found.interpreted) == ["zcwj-e"]  # named by the 解读's 关联


def test_the_markdown_of_a_year_is_its_golden_file(catalogue: Catalogue, update_goldens: bool) -> None:
    text = annual_markdown(figures(catalogue, 2025))
    path = GOLDEN / "report" / "annual-2025.md"
    if update_goldens:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
    assert "| 行政规范性文件 | 3 | 2 | 4 |" in text
    assert "| 行政许可 | 需另行填写 |" in text and "| 行政事业性收费 | 需另行填写 |" in text
    assert "文号年份为 2024，请核对是否为本年制发" in text  # 己办法: 示建规〔2024〕9号, published in 2025
    assert "规章只能由国务院部门" in text  # a county's 规章 row: the republished rule is listed to check


def test_a_year_without_entries_says_so_and_gives_no_figure(catalogue: Catalogue) -> None:
    empty = figures(catalogue, 2019)
    assert not empty.known
    text = annual_markdown(empty)
    assert "目录中没有发布日期在 2019 年的公开信息，gkml 无法得出这一年的任何数字" in text
    assert "| 规章 | 需另行填写 | 需另行填写 | 需另行填写 |" in text
    assert "| 行政规范性文件 | 需另行填写 | 需另行填写 | 需另行填写 |" in text
    assert "| 0 |" not in text and "计入的文件" not in text and "其他统计" not in text
    data = annual_data(empty)
    assert data["known"] is False and data["statistics"] is None
    assert data["policy"]["行政规范性文件"]["issued"] is None  # type: ignore[index]


def test_a_year_not_over_is_said_to_be_as_of_today(catalogue: Catalogue) -> None:
    text = annual_markdown(figures(catalogue, 2026))
    assert "> 2026 年尚未结束：以下数字截至 2026-06-01（北京时间）" in text
    assert "尚未结束" not in annual_markdown(figures(catalogue, 2025))
    assert annual_data(figures(catalogue, 2026))["as_of"] == "2026-06-01"


def test_figures_gkml_cannot_know_are_null_in_json_never_0(catalogue: Catalogue) -> None:
    data = annual_data(figures(catalogue, 2025))
    assert data["other_tables"] == {"行政许可": None, "行政处罚": None, "行政强制": None, "行政事业性收费": None}
    policy = data["policy"]["行政规范性文件"]  # type: ignore[index]
    assert (policy["issued"], policy["repealed"], policy["in_force"]) == (3, 2, 4)


# -- the workbook ------------------------------------------------------------------------------------------


def rows(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[tuple[object, ...]]:
    return [r for r in sheet.iter_rows(values_only=True) if any(v is not None for v in r)]


def test_the_workbook_has_the_national_tables_with_the_same_figures(catalogue: Catalogue) -> None:
    data = annual_xlsx(figures(catalogue, 2025), STAMP)
    assert annual_xlsx(figures(catalogue, 2025), STAMP) == data  # the same bytes every time
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == [MAIN_SHEET, COUNTED_SHEET, OTHERS_SHEET]
    main_rows = rows(book[MAIN_SHEET])
    assert ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数") in main_rows
    assert ("规章", 1, 0, 1) in main_rows and ("行政规范性文件", 3, 2, 4) in main_rows
    for label in ("行政许可", "行政处罚", "行政强制", "行政事业性收费"):
        assert (label, TO_FILL, None, None) in main_rows
    counted = rows(book[COUNTED_SHEET])
    issued = [r[-2] for r in counted if r[:2] == ("行政规范性文件", "本年制发")]
    assert issued == ["zcwj-e", "zcwj-g", "zcwj-f"]
    assert book.properties.created == STAMP


def test_the_workbook_of_a_year_without_entries_has_no_figure(catalogue: Catalogue) -> None:
    book = openpyxl.load_workbook(io.BytesIO(annual_xlsx(figures(catalogue, 2019), STAMP)))
    assert book.sheetnames == [MAIN_SHEET]
    main_rows = rows(book[MAIN_SHEET])
    assert ("行政规范性文件", TO_FILL, TO_FILL, TO_FILL) in main_rows
    assert not any(isinstance(v, int) for r in main_rows for v in r)


# -- the command -------------------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_prints_the_markdown_or_json(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(TREES)
    code, out, err = run(capsys, "report", "--catalogue", "report", "--year", "2025", "--today", "2026-06-01")
    assert code == 0 and out == annual_markdown(figures(catalogue, 2025)) and "--out" in err
    code, out, _ = run(capsys, "report", "--catalogue", "report", "--year", "2019", "--format", "json")
    assert code == 0 and json.loads(out)["known"] is False


def test_the_command_writes_markdown_and_xlsx_and_overwrites_only_when_told(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.chdir(TREES)
    out = tmp_path / "年报"
    args = ("report", "--catalogue", "report", "--year", "2025", "--today", "2026-06-01", "--out", str(out))
    code, printed, err = run(capsys, *args)
    markdown, xlsx = (out / name for name in annual_file_names(2025))
    assert code == 0 and printed == ""
    assert markdown.read_text(encoding="utf-8") == annual_markdown(figures(catalogue, 2025))
    assert ("行政规范性文件", 3, 2, 4) in rows(openpyxl.load_workbook(xlsx)[MAIN_SHEET])
    assert f"已写出：{markdown.as_posix()}" in err and f"已写出：{xlsx.as_posix()}" in err
    markdown.write_text("本单位改过的文字", encoding="utf-8")
    code, _, err = run(capsys, *args)
    assert code == 1 and "已经存在，未覆盖" in err and "没有写入任何文件" in err
    assert markdown.read_text(encoding="utf-8") == "本单位改过的文字"
    assert run(capsys, *args, "--force")[0] == 0
    assert markdown.read_text(encoding="utf-8") == annual_markdown(figures(catalogue, 2025))


def test_the_command_writes_nothing_into_the_catalogue(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.chdir(TREES)
    code, _, err = run(capsys, "report", "--catalogue", "report", "--year", "2025", "--out", "report/年报")
    assert code == 1 and "目录文件夹" in err
    assert not (TREES / "report" / "年报").exists()


@pytest.mark.parametrize("year", ["25", "二〇二五", "20255"])
def test_a_year_that_is_not_four_digits_is_refused(
    year: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(TREES)
    with pytest.raises(SystemExit) as stopped:
        main(["report", "--catalogue", "report", "--year", year])
    assert stopped.value.code == 2 and "应为四位数字" in capsys.readouterr().err
