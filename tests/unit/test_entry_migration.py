"""``gkml import --entries``: information published on the old site, from a CMS list (.csv, .xlsx) and
saved notice pages (UTF-8, GBK with and without ``<meta charset>``), into entries of the catalogue
``trees/golden_site``, with the redirect map and the report — compared with ``fixtures/migration/expected``
(regenerate with ``--update-goldens`` after an intended change, and read the diff)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check.run import check_catalogue
from generator.check.severity import Severity
from generator.commands import main as cli
from generator.edit import entry_migration as em
from generator.exchange.entrylist import read_entry_list
from generator.load.files import FileGate
from generator.load.folders import scan_catalogue
from generator.model.limits import DEFAULT_LIMITS

from .helpers import FIXTURES, ROOT, TREES

MIGRATION = FIXTURES / "migration"
EXPECTED = MIGRATION / "expected"
PAGES = ("art_1_1.html", "gbk_notice.htm", "no_meta_gbk.html")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (mkdocs.yml, content/, overrides/, the golden catalogue) with the fixtures in in/."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for folder in ("content", "overrides"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copytree(TREES / "golden_site", tmp_path / "catalogue")
    shutil.copytree(MIGRATION, tmp_path / "in", ignore=shutil.ignore_patterns("expected"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _import_both(capsys: pytest.CaptureFixture[str]) -> list[tuple[int, str, str]]:
    pages = [arg for name in PAGES for arg in ("--pages", f"in/pages/{name}")]
    common = ["--catalogue", "catalogue", "--redirects", "out/旧网址.map"]
    return [
        _run(capsys, "import", "in/list_variants.csv", "--entries", *pages, *common, "--report", "out/报告-csv.md"),
        _run(capsys, "import", "in/list_variants.xlsx", "--entries", *common, "--report", "out/报告-xlsx.md"),
    ]


def _new_files(project: Path) -> dict[str, str]:
    before = {p.relative_to(TREES / "golden_site").as_posix() for p in (TREES / "golden_site").rglob("*")}
    found = {
        f"catalogue/{p.relative_to(project / 'catalogue').as_posix()}": p.read_text(encoding="utf-8")
        for p in sorted((project / "catalogue").rglob("*.md"))
        if p.relative_to(project / "catalogue").as_posix() not in before
    }
    found |= {f"out/{p.name}": p.read_text(encoding="utf-8") for p in sorted((project / "out").iterdir())}
    return found


def test_lists_and_pages_become_the_expected_entries_map_and_reports(
    project: Path, capsys: pytest.CaptureFixture[str], update_goldens: bool
) -> None:
    results = _import_both(capsys)
    assert [code for code, _, _ in results] == [1, 1]  # rows were left: said by the exit status
    written = _new_files(project)
    if update_goldens:
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for rel, text in written.items():
            (EXPECTED / rel).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / rel).write_text(text, encoding="utf-8", newline="\n")
    expected = {
        p.relative_to(EXPECTED).as_posix(): p.read_text(encoding="utf-8") for p in EXPECTED.rglob("*") if p.is_file()
    }
    assert sorted(written) == sorted(expected)
    for rel, text in expected.items():
        assert written[rel] == text, rel


def test_the_reports_figures_add_up(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _import_both(capsys)
    report = (project / "out/报告-csv.md").read_text(encoding="utf-8")
    # 9 rows read: 5 written, 1 unplaced, 2 invalid (no title, date unreadable), 1 duplicate
    left = "与前面的行重复 1、缺少标题或发布日期无法识别 2、未能确定所属事项 1"
    assert f"| in/list_variants.csv | 信息列表 | 9 | 5 | — | {left} |" in report
    # 3 pages: one gave a row its body, two are entries of their own
    assert "| in/pages/art_1_1.html | 网页 | 1 | 0 | 1 | 0 |" in report
    assert report.rstrip().endswith(
        "合计：读取信息列表 9 行、网页 3 个；已写入 7 条公开信息；未能确定所属事项 1 条、"
        "缺少标题或发布日期无法识别 2 条、"
        "与前面的行重复 1 条、此前已经导入（未改动） 0 条；推定 12 处；待填写 1 处；跳转 2 条。"
    )
    for row in csv.reader(io.StringIO((MIGRATION / "list_variants.csv").read_text(encoding="utf-8-sig"))):
        if row and row[0] in ("5", "7", "8"):  # the rows left are in the report with every cell
            assert all(cell in report for cell in row if cell), row


def test_importing_again_writes_nothing_and_says_so(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _import_both(capsys)
    first = _new_files(project)
    code, out, _ = _run(
        capsys, "import", "in/list_variants.csv", "--entries", "--pages", "in/pages", "--catalogue", "catalogue"
    )
    assert code == 1
    assert {k: v for k, v in _new_files(project).items() if k.startswith("catalogue/")} == {
        k: v for k, v in first.items() if k.startswith("catalogue/")
    }
    assert "已写入 0 条公开信息" in out and "此前已经导入（未改动） 7 条" in out


def test_the_result_passes_check_lists_each_placeholder_and_builds_on_trial(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blank = ("column-no-entry", "item-no-entry")
    _import_both(capsys)
    catalogue, diagnostics = check_catalogue(project / "catalogue", git_dates=False)
    assert catalogue is not None, [d.format() for d in diagnostics if d.severity is Severity.ERROR]
    assert len(catalogue.entries) == 10
    placeholders = sorted((Path(d.file).name, d.line) for d in diagnostics if d.code == "entry-placeholder")
    assert placeholders == [("公租房申请办事指南 （第二版）.md", 18), ("关于公租房配租结果的补充说明.md", 19)]
    assert {d.severity for d in diagnostics if d.code == "entry-placeholder"} == {Severity.WARNING}
    assert [d.format() for d in diagnostics if d.code in blank] == []  # no blank column or item from day one
    # as a county runs it (its own process: what a build prints goes to a terminal or a log)
    build = [sys.executable, "-m", "generator", "build", "--catalogue", "catalogue", "-d", "site"]
    result = subprocess.run(
        build, cwd=project, capture_output=True, text=True, env=os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site/info/pjgl-20240520-1/index.html").is_file()
    page = (project / "site/info/pjgl-20240520-1/index.html").read_text(encoding="utf-8")
    assert "第三批 25 户" in page and "主办单位" not in page.split("gkml-entry")[1][:2000]


def test_blank_items_are_found_from_the_imported_entries(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "import", "in/list_variants.xlsx", "--entries", "--catalogue", "catalogue")
    _, diagnostics = check_catalogue(project / "catalogue", git_dates=False)
    found = [(Path(d.file).name, d.code) for d in diagnostics if d.code in ("column-no-entry", "item-no-entry")]
    assert found == [("公租房配租结果.yaml", "item-no-entry")]  # the one item of the list's columns left without


def test_an_id_number_in_an_imported_page_is_reported_by_check(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = _run(
        capsys,
        "import",
        "in/list_variants.xlsx",
        "--entries",
        "--pages",
        "in/pages/art_1_20.html",
        "--catalogue",
        "catalogue",
    )
    assert code == 1  # one row names no item of the catalogue
    entry = project / "catalogue/保障性住房/配给管理/2024/公租房承租资格审核（第四批）结果公示.md"
    assert "110101199003074514" in entry.read_text(encoding="utf-8")  # the page gave the row its body
    catalogue, diagnostics = check_catalogue(project / "catalogue", git_dates=False)
    assert catalogue is None
    found = [d for d in diagnostics if d.file.endswith(entry.name) and d.severity is Severity.ERROR]
    assert [d.code for d in found] == ["privacy-id-number"], [d.format() for d in found]


def test_an_id_number_or_mobile_in_a_list_cell_is_reported_by_check(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "in/联系人.csv").write_text(
        "标题,发布日期,栏目,网址,联系人\n关于某事的公示,2024-05-20,办事指南,https://www.example.gov.cn/a.html,"
        "张三 110101199003074514 13812345678\n",
        encoding="utf-8",
    )
    assert _run(capsys, "import", "in/联系人.csv", "--entries", "--catalogue", "catalogue")[0] == 0
    catalogue, diagnostics = check_catalogue(project / "catalogue", git_dates=False)
    assert catalogue is None
    found = [(Path(d.file).name, d.line, d.code) for d in diagnostics if d.severity is Severity.ERROR]
    assert found == [("关于某事的公示.md", 5, "privacy-id-number"), ("关于某事的公示.md", 5, "privacy-mobile")]


def test_a_redirect_map_that_cannot_be_read_is_said_and_nothing_is_written(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "旧网址.map").write_bytes("map 旧".encode("gbk"))
    code, _, err = _run(
        capsys, "import", "in/list_variants.csv", "--entries", "--redirects", "旧网址.map", "--catalogue", "catalogue"
    )
    assert code == 1
    assert err.startswith("错误：无法读取已有的跳转表 旧网址.map（不是 UTF-8 文本或没有读取权限），未写入任何文件。")
    assert not list((project / "catalogue").rglob("*.md"))


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["import", "in/list_variants.csv"],
            "in/list_variants.csv: 错误[file-entry-list] 这是旧网站导出的信息列表（标题、发布日期、栏目、网址），"
            "不是标准目录表格（提示：把旧网站已发布的信息导入为公开信息，请用 gkml import --entries "
            "in/list_variants.csv；导入标准目录请用标准目录格式的表格。）",
        ),
        (
            ["import", "in/pages/gbk_notice.htm"],
            "in/pages/gbk_notice.htm: 错误[file-notice-page] 这是旧网站上一条信息（通知、公告等）的网页，"
            "不是标准目录表格（提示：把它导入为公开信息，请用 gkml import --entries in/pages/gbk_notice.htm"
            "（可以是放这些网页的文件夹）；"
            "Word 公文请用 gkml new --entry 事项id --from 文件.docx。）",
        ),
        (
            ["new", "--entry", "bzxzf-pjgl-zgsh", "--from", "in/list_variants.csv"],
            "错误：in/list_variants.csv 是表格文件，不是公文。导入标准目录表格请用 gkml import in/list_variants.csv；"
            "旧网站导出的信息列表（标题、发布日期、栏目、网址）请用 gkml import --entries in/list_variants.csv；"
            "--from 只读取通知、公告等 Word 公文（.docx）。",
        ),
        (
            ["new", "--entry", "bzxzf-pjgl-zgsh", "--from", "in/pages/art_1_1.html"],
            "错误：in/pages/art_1_1.html 是网页。旧网站上保存下来的信息网页请用 "
            "gkml import --entries in/pages/art_1_1.html 导入"
            "（也可以写放网页的文件夹）；--from 只读取通知、公告等 Word 公文（.docx）。",
        ),
    ],
)
def test_a_list_or_a_notice_page_given_to_the_wrong_command_names_the_right_one(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    code, out, err = _run(capsys, *argv, "--catalogue", "catalogue")
    assert code == 2
    assert (out + err).strip() == expected
    assert not list((project / "catalogue").rglob("*.md"))


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "header_missing.csv",
            "标题,发布日期\n",
            [],
        ),
        (
            "header_none.csv",
            "姓名,电话\n甲,乙\n",
            ["header_none.csv: 错误[entries-no-header] 文件中没有找到信息列表的表头"],
        ),
        (
            "date_column_missing.csv",
            "标题,网址\n关于某事的通知,https://www.example.gov.cn/a.html\n",
            ["date_column_missing.csv, 第 1 行: 错误[entries-column-missing] 信息列表缺少“发布日期”列"],
        ),
    ],
)
def test_a_list_that_cannot_be_read_is_a_located_chinese_error(
    tmp_path: Path, name: str, text: str, expected: list[str]
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    found = read_entry_list(path, path.read_bytes(), name, DEFAULT_LIMITS)
    assert [d.format().split("（提示")[0] for d in found.problems] == expected
    assert all("（提示：" in d.format() for d in found.problems)


def test_an_unknown_file_type_is_a_located_chinese_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "in/列表.pdf").write_bytes(b"%PDF-1.4")
    code, out, _ = _run(capsys, "import", "in/列表.pdf", "--entries", "--catalogue", "catalogue")
    assert code == 1
    assert out.splitlines()[0] == (
        "in/列表.pdf: 错误[entries-file-type] 不支持“.pdf”文件（提示：gkml import --entries 读取旧网站导出的信息列表"
        "（.xlsx、.xls、.csv）和保存的信息网页（.html、.htm，或放网页的文件夹）。）"
    )


def test_nothing_is_written_through_a_year_folder_linking_out_of_the_catalogue(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (project / "catalogue/保障性住房/配给管理/2024").symlink_to(outside, target_is_directory=True)
    code, _, err = _run(capsys, "import", "in/list_variants.csv", "--entries", "--catalogue", "catalogue")
    assert code == 1
    assert err.startswith("错误：catalogue/保障性住房/配给管理/2024 是指向目录文件夹以外的链接，gkml 不通过它写入")
    assert list(outside.iterdir()) == []
    assert not list((project / "catalogue").rglob("*.md"))


def test_dry_run_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(
        capsys,
        *("import", "in/list_variants.csv", "--entries", "--pages", "in/pages", "--dry-run"),
        *("--redirects", "out/旧网址.map", "--catalogue", "catalogue"),
    )
    assert code == 1
    assert "# ==> catalogue/保障性住房/配给管理/2024/关于第三批公租房承租资格审核结果的公示.md" in out
    assert "预览（--dry-run）：没有写入任何文件。" in err and "将写入 7 条公开信息" in err
    assert not (project / "out").exists() and not list((project / "catalogue").rglob("*.md"))


# -- any cell: no traceback, no text lost -----------------------------------------------------------------------

_CHARS = st.sampled_from(list("公租房配给管理办事指南通知关于的第一二三 ,，\"'<>#:：/>〔〕()（）\n\t-=+@ab019"))
_CELL = st.text(_CHARS, max_size=24)
_COLUMN = st.sampled_from(
    ["配给管理", "办事指南", "政府信息公开 > 保障性住房 > 配给管理", "领导信箱", "", "燃气经营许可"]
)
_DATE = st.sampled_from(["2024-05-20", "2024/6/3", "2024年3月1日", "二〇二四年", "", "2024-13-40"])
_URL = st.sampled_from(["https://www.example.gov.cn/art/1.html", "/art/2.html", "", "javascript:alert(1)"])
_ROW = st.tuples(_CELL, _DATE, _CELL, _COLUMN, _URL, _CELL)


def _plain(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(_ROW, min_size=1, max_size=6))
def test_any_list_cells_import_without_traceback_and_without_losing_text(rows: list[tuple[str, ...]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(TREES / "golden_site", root / "catalogue")
        out = io.StringIO()
        csv.writer(out).writerows([["标题", "发布日期", "文号", "栏目", "网址", "备注"], *rows])
        path = root / "list.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        lists, pages, problems = em.read_sources([path], FileGate(), DEFAULT_LIMITS)
        gate = FileGate.within(root / "catalogue")
        plan = em.plan_migration(lists, pages, scan_catalogue(root / "catalogue", gate), gate)
        report = em.report_markdown(plan)
        em.write_entries(plan, root / "catalogue")
        assert all("（提示：" in d.format() for d in problems + plan.problems)
        figures = plan.figures[path.as_posix()]
        assert figures.read == figures.written + sum(figures.left.values())
        for planned in plan.writes:
            text = planned.path.read_text(encoding="utf-8")
            front = text.split("\n---\n", 1)[0]
            values = yaml.safe_load(front.removeprefix("---\n"))
            kept = _plain(front) + _plain(" ".join(str(v) for v in values.values()))
            for cell in planned.incoming.text.split(" | "):
                assert _plain(cell) in kept or _plain(cell) in _plain(planned.incoming.url), (cell, text)
        for left in plan.left:
            assert _plain(left.incoming.text) in _plain(report)


# -- placing a row by its column ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "title", "item", "guess"),
    [
        ("政府信息公开 > 保障性住房 > 配给管理", "关于第三批公租房承租资格审核结果的公示", "bzxzf-pjgl-zgsh", "title"),
        (
            "政府信息公开＞保障性住房＞配给管理",
            "2024年公租房配租结果",
            "bzxzf-pjgl-pzjg",
            "title",
        ),  # full-width separators
        ("首页/信息公开/办事指南", "申请须知", "bzxzf-bszn-gzfsq", ""),  # the column's title, one item
        ("公租房申请办事指南", "申请须知", "bzxzf-bszn-gzfsq", ""),  # an item's name
        ("配租结果", "某某公示", "bzxzf-pjgl-pzjg", ""),  # an item's 三级事项
        ("燃 气 经 营 许 可", "年检情况", "szfw-rqjy-xkzhf", ""),  # spaces inside
        ("燃气经营许可专栏", "年检情况", "szfw-rqjy-xkzhf", "variant"),  # a word a CMS adds
    ],
)
def test_a_column_is_matched_to_its_item(column: str, title: str, item: str, guess: str) -> None:
    from generator.exchange.entryplace import Placer, catalogue_places

    gate = FileGate.within(TREES / "golden_site")
    placer = Placer(catalogue_places(scan_catalogue(TREES / "golden_site", gate), gate))
    placement = placer.place(column, title)
    assert placement.item is not None and placement.item.id == item
    assert placement.guess == guess


@pytest.mark.parametrize(
    ("column", "title", "reason"),
    [
        ("领导信箱", "局长信箱答复", "unknown"),
        ("", "某通知", "unknown"),
        ("配给管理", "关于开展住房保障政策宣传的通知", "ambiguous"),  # two items, the title names neither
    ],
)
def test_a_column_that_fits_no_item_or_several_is_not_placed(column: str, title: str, reason: str) -> None:
    from generator.exchange.entryplace import Placer, catalogue_places

    gate = FileGate.within(TREES / "golden_site")
    placer = Placer(catalogue_places(scan_catalogue(TREES / "golden_site", gate), gate))
    placement = placer.place(column, title)
    assert placement.item is None and placement.reason == reason
    assert len(placement.candidates) == (2 if reason == "ambiguous" else 0)


def test_a_page_nesting_thousands_of_elements_is_read_and_keeps_its_text() -> None:
    from generator.edit.entry_pages import read_old_page

    deep = "<html><head><title>通知</title></head><body>" + "<div>" * 5000 + "<p>正文内容</p>" + "</div>" * 5000
    page = read_old_page(deep.encode("utf-8"), "deep.html")
    assert page.title == "通知" and page.body == "正文内容\n"


_HTML_CHARS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div class='content'>",
        "</div>",
        "<br>",
        "<b>",
        "<table><tr><td>",
        "文",
        "字",
        "&amp;",
        "<",
        ">",
        "\n",
    ]
)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(_HTML_CHARS, max_size=40), encoding=st.sampled_from(["utf-8", "gbk", "gb18030"]))
def test_any_saved_page_is_read_without_traceback(parts: list[str], encoding: str) -> None:
    from generator.edit.entry_pages import read_old_page

    html = "<html><head><title>关于某事的通知</title></head><body>" + "".join(parts) + "</body></html>"
    page = read_old_page(html.encode(encoding), "page.html")
    assert page.title == "关于某事的通知"
    assert page.body == "" or page.body.endswith("\n")
