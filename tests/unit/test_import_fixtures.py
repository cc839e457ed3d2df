"""``gkml import`` of real-world catalogue tables (issue 18): ``tests/fixtures/import/``.

Each table (xlsx, xls, docx, html; written by ``tests/fixtures/import/make_fixtures.py``) is imported
the way ``gkml import`` does without ``--strict``; ``<table>.expected`` holds the exact record files,
the messages and the migration report. A case is added by adding the table to the script, running it,
and writing its ``.expected`` with ``GKML_UPDATE_IMPORT_FIXTURES=1`` (then reading it through).

Beyond the exact output, every table is held to the rules of the issue:

* no text lost: every piece of text of every data cell is found in the records written, in the
  messages or in the report (up to the standard spelling of a vocabulary word and bracket widths);
* nothing invented: no mark, level, method or audience that neither the cell nor the national
  standard's item gives (a guess is always said);
* the figures of the report add up, and the result passes ``gkml check`` and builds in 试运行, with
  every placeholder reported (an error in 正式).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.exchange import importer, migration
from generator.exchange import table as t
from generator.exchange.rows import Parsed
from generator.model import vocab
from generator.model.placeholders import find_placeholders

from .helpers import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "import"
SUFFIXES = (".xlsx", ".xls", ".docx", ".html", ".htm")
TABLES = sorted(p.name for p in FIXTURES.iterdir() if p.suffix.lower() in SUFFIXES)
UPDATE = os.environ.get("GKML_UPDATE_IMPORT_FIXTURES") == "1"


def imported(path: Path, into: Path) -> tuple[Parsed, importer.Plan, str]:
    """Read and plan ``path`` as gkml import does; the rendered outcome (records, messages, report)."""
    parsed = importer.read_file(path, lenient=True)
    plan = importer.plan_import(parsed, into)
    problems = parsed.problems + plan.problems
    report = migration.file_report(parsed, plan, problems)
    parts = ["## 事项文件", ""]
    for planned in plan.files:
        if planned.kind == "record":
            parts += [f"### {planned.path.relative_to(into).as_posix()}", planned.text]
    parts += ["## 问题", "", *[p.format() for p in problems], "", "## 报告", "", migration.markdown([report])]
    return parsed, plan, "\n".join(parts)


# -- no text lost, nothing invented ------------------------------------------------------------------------

_PIECES = re.compile(r"[\s、，,；;:：（）()【】“”\"/／|]+")
_MARKS = "●〇○◯■□√✓▲◆"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text).translate(str.maketrans({"(": "（", ")": "）", "[": "〔", "]": "〕"}))


def pieces(text: str) -> list[str]:
    """The pieces of a cell's text that must be found somewhere: split at separators, marks taken off."""
    out = []
    for piece in _PIECES.split(text.replace("\r", "\n")):
        piece = piece.strip(_MARKS + " ")
        if piece and not piece.isdigit():
            out.append(piece)
    return out


def _standard_spelling(piece: str) -> str | None:
    """The standard word ``piece`` is a spelling of (主动公开 → 主动, 一微一端 → 两微一端), if any."""
    for group in t.TICK_GROUPS:
        value = t.tick_value(group, piece) or t.guessed_value(group, piece)
        if value:
            return value
    return vocab.normalise(piece, vocab.CHANNELS, vocab.CHANNEL_VARIANTS)


def source_cells(path: Path) -> list[tuple[str, int, int, str]]:
    """(sheet, row, column, text) of every data cell of the catalogue tables of ``path`` (not the
    header rows and the 序号 column, which are the table's structure)."""
    return [(sheet, row, col, text) for sheet, row, col, text, _ in _cells(path)]


def _cells(path: Path) -> list[tuple[str, int, int, str, str]]:
    """(sheet, row, column, text, the value its √ column stands for or "") of every data cell."""
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".xls":
        grids, _ = importer.read_xls_grids(raw, path.name)
    elif suffix == ".docx":
        grids, _ = importer._word_grids(raw, path.name, importer.DEFAULT_LIMITS)
    elif suffix in (".html", ".htm"):
        grids, _ = importer.read_html_grids(raw, path.name)
    else:
        grids, _ = importer.read_xlsx(raw, path.name)
    out = []
    for grid in grids:
        for section in importer.find_sections(grid):
            importer.map_columns(grid, section, lenient=True)
            seq = section.columns.get(t.SEQ)
            values = {col: column.value for ticks in section.tick_columns.values() for col, column in ticks}
            for row in range(section.first, section.end + 1):
                for col in grid.filled(row):
                    if col != seq:
                        out.append((grid.name, row, col, grid.raw(row, col), values.get(col, "")))
    return out


def lost_text(path: Path, haystack: str) -> list[str]:
    """The pieces of the data cells of ``path`` found neither in ``haystack`` nor as a standard word there."""
    flat = _flat(haystack)
    lost = []
    for sheet, row, col, text in source_cells(path):
        for piece in pieces(text):
            if _flat(piece) in flat:
                continue
            normal = _standard_spelling(piece)
            if normal is not None and _flat(normal) in flat:
                continue
            lost.append(f"{sheet} 第 {row} 行第 {col} 列：{piece}")
    return lost


def invented(parsed: Parsed, problems_text: str) -> list[str]:
    """Values of the records that neither the row's cells, the standard's item nor a said guess give."""
    out = []
    for item in parsed.items:
        record = item.record
        source = _flat(" ".join(_row_texts(item)))
        said = _flat(problems_text)
        allowed = set()
        if item.standard is not None:
            allowed |= {*item.standard.levels, *item.standard.methods, *item.standard.audiences}
        for value in (*record.levels, *record.methods, *(a.kind for a in record.audiences)):
            if find_placeholders(value) or value in allowed or _flat(value) in source or _flat(value) in said:
                continue
            if any(_standard_spelling(p) == value for p in pieces(" ".join(_row_texts(item)))):
                continue
            if value in _tick_headers(item):
                continue
            out.append(f"{item.source}：{value}")
    return out


_ROWS: dict[tuple[str, str, int], list[str]] = {}
_HEADERS: dict[tuple[str, str, int], set[str]] = {}


def _row_texts(item: importer.Item) -> list[str]:
    return _ROWS.get((item.file, item.sheet, item.row), [])


def _tick_headers(item: importer.Item) -> set[str]:
    return _HEADERS.get((item.file, item.sheet, item.row), set())


def _remember(path: Path) -> None:
    """The texts of each row and the values of the √ columns ticked in it (for :func:`invented`)."""
    for sheet, row, _, text, value in _cells(path):
        _ROWS.setdefault((path.name, sheet, row), []).append(text)
        if value:
            _HEADERS.setdefault((path.name, sheet, row), set()).add(value)


# -- the tests ----------------------------------------------------------------------------------------------


def test_at_least_twelve_tables_in_every_format() -> None:
    assert len(TABLES) >= 12
    assert {Path(n).suffix.lower() for n in TABLES} >= {".xlsx", ".xls", ".docx", ".html"}


@pytest.mark.parametrize("name", TABLES)
def test_table_imports_as_expected(name: str, tmp_path: Path) -> None:
    path = FIXTURES / name
    _, _, rendered = imported(path, tmp_path / "catalogue")
    expected = path.with_name(name + ".expected")
    if UPDATE:
        expected.write_text(rendered, encoding="utf-8", newline="\n")
    assert rendered == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", TABLES)
def test_no_text_lost_and_nothing_invented(name: str, tmp_path: Path) -> None:
    path = FIXTURES / name
    parsed, plan, rendered = imported(path, tmp_path / "catalogue")
    assert lost_text(path, rendered) == []
    _remember(path)
    problems = "\n".join(p.format() for p in parsed.problems + plan.problems)
    assert invented(parsed, problems) == []


@pytest.mark.parametrize("name", TABLES)
def test_report_figures_add_up(name: str, tmp_path: Path) -> None:
    parsed, plan, _ = imported(FIXTURES / name, tmp_path / "catalogue")
    r = migration.file_report(parsed, plan, parsed.problems + plan.problems)
    assert r.rows_read == r.records + r.unnamed + r.notes + r.failed
    assert r.records == r.written + r.unchanged + r.conflicts + r.refused
    assert r.written == r.new + r.overwritten
    assert r.placeholder_total == sum(r.placeholders.values())
    assert len(r.unnamed_rows) == r.unnamed
    text = migration.markdown([r])
    assert f"读取 {r.rows_read} 行" in text and migration.summary([r]) in text


def test_corpus_figures(tmp_path: Path) -> None:
    """Rows in / records out / placeholders / guesses over the whole corpus (printed for the issue's note)."""
    reports = []
    for name in TABLES:
        parsed, plan, _ = imported(FIXTURES / name, tmp_path / name)
        reports.append(migration.file_report(parsed, plan, parsed.problems + plan.problems))
    rows = sum(r.rows_read for r in reports)
    records = sum(r.records for r in reports)
    placeholders, guesses = sum(r.placeholder_total for r in reports), sum(r.guess_total for r in reports)
    print(
        f"\n{len(reports)} tables: {rows} rows in, {records} records out, "
        f"{placeholders} placeholders, {guesses} guesses"
    )
    assert records == sum(r.written for r in reports)  # every row with a name became a record file


#: Tables whose items differ: imported together into one catalogue, it is checked and built.
TOGETHER = (
    "tables_two_merged.docx",
    "marks_absent.xls",
    "title_missing_area_inferred.xlsx",
    "levels_column_missing.xlsx",
)


def import_together(folder: Path, report: Path) -> None:
    """The tables of :data:`TOGETHER` into one catalogue, as gkml import does."""
    from generator.commands import main as cli

    for name in TOGETHER:
        assert cli.main(["import", str(FIXTURES / name), "--into", str(folder), "--report", str(report)]) == 0


@pytest.mark.parametrize("name", [n for n in TABLES if n != "privacy_mobile_in_cell.xlsx"])
def test_every_placeholder_is_reported_by_gkml_check(name: str, tmp_path: Path) -> None:
    """A warning in 试运行 (the catalogue loads), an error in 正式."""
    from generator.check.run import check_catalogue
    from generator.commands import main as cli

    folder = tmp_path / "catalogue"
    assert cli.main(["import", str(FIXTURES / name), "--into", str(folder), "--report", str(tmp_path / "r.md")]) == 0
    lines = [line for p in sorted(folder.rglob("*.yaml")) for line in p.read_text(encoding="utf-8").splitlines()]
    placeholders = [m[0] for line in lines if not line.startswith("#") for m in find_placeholders(line)]
    catalogue, diagnostics = check_catalogue(folder, git_dates=False)
    assert catalogue is not None
    reported = [d for d in diagnostics if d.code == "record-placeholder"]
    assert sorted(d.message.split("“", 1)[1][:-1] for d in reported) == sorted(placeholders)
    assert {d.severity.value for d in reported} <= {"warning"}
    site = folder / "_site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "状态: 正式\n", encoding="utf-8")
    catalogue, diagnostics = check_catalogue(folder, git_dates=False)
    reported = [d for d in diagnostics if d.code == "record-placeholder"]
    assert len(reported) == len(placeholders) and {d.severity.value for d in reported} <= {"error"}


def test_the_migration_report_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import_together(tmp_path / "catalogue", tmp_path / "报告.md")
    out = capsys.readouterr().out
    assert "导入报告：" in out and "合计：读取 1 行，得到 1 个事项，写入 1 个事项文件；待核实 2 处" in out
    text = (tmp_path / "报告.md").read_text(encoding="utf-8")
    assert text.startswith("# 导入报告（gkml import）\n\n## levels_column_missing.xlsx\n")


def test_a_mobile_number_in_a_cell_is_written_and_reported_like_anywhere_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Kept verbatim (nothing a bureau wrote is dropped), an error at its cell, an error of gkml check
    until it is removed: the site cannot be built with it."""
    from generator.check.run import check_catalogue
    from generator.commands import main as cli

    folder = tmp_path / "catalogue"
    source = FIXTURES / "privacy_mobile_in_cell.xlsx"
    assert cli.main(["import", str(source), "--into", str(folder), "--strict"]) == 1
    assert not folder.exists()
    assert cli.main(["import", str(source), "--into", str(folder)]) == 1
    out = capsys.readouterr().out
    assert (
        "privacy_mobile_in_cell.xlsx, 保障性住房, 第 5 行, 第 7 列（列标 G）: 错误[privacy-mobile] "
        "主体：出现了手机号码（138****8000）" in out
    )
    assert "已原样写入事项文件" in out
    written = (folder / "保障性住房" / "配给管理" / "分配结果.yaml").read_text(encoding="utf-8")
    assert "联系人手机13800138000" in written
    catalogue, diagnostics = check_catalogue(folder, git_dates=False)
    assert catalogue is None
    assert [d.code for d in diagnostics if d.severity.value == "error"] == ["privacy-mobile"]


def test_strict_mode_refuses_what_it_would_have_to_keep_or_guess(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.commands import main as cli

    folder = tmp_path / "catalogue"
    assert cli.main(["import", str(FIXTURES / "channels_as_spoken.docx"), "--into", str(folder), "--strict"]) == 1
    out = capsys.readouterr().out
    assert not folder.exists()
    assert "错误[channel-unknown] 公开渠道和载体：“高新区(掇刀区)政府网站”不是标准公开渠道" in out
    assert "有错误，未写入任何文件。" in out
    assert cli.main(["import", str(FIXTURES / "header_spaces_breaks.xlsx"), "--into", str(folder), "--strict"]) == 0


def test_the_area_can_be_given(tmp_path: Path) -> None:
    from generator.commands import main as cli

    folder = tmp_path / "catalogue"
    source = FIXTURES / "title_missing_area_inferred.xlsx"
    assert (
        cli.main(
            ["import", str(source), "--into", str(folder), "--area", "城市综合执法", "--report", str(tmp_path / "r.md")]
        )
        == 0
    )
    assert (folder / "城市综合执法" / "绿化管理" / "损坏城市树木花草.yaml").is_file()
    assert "推断" in (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "领域（由事项推断）" not in (tmp_path / "r.md").read_text(encoding="utf-8")


def test_a_notice_is_pointed_to_gkml_new(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    from generator.commands import main as cli

    document = docx.Document()
    document.add_paragraph("关于公布2024年第一批公租房分配结果的通知")
    document.add_paragraph("各有关单位：现将分配结果公布如下。")
    path = tmp_path / "通知.docx"
    document.save(str(path))
    assert cli.main(["import", str(path), "--into", str(tmp_path / "catalogue")]) != 0
    out = capsys.readouterr()
    assert "gkml new --entry" in out.out + out.err
