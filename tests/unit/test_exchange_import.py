"""``gkml import``: a bureau's table in the official layout → record files, and located messages for what
cannot be mapped (never a traceback).

The official-layout workbook is built here with openpyxl, the way real copies look: a title line,
two header rows in the spellings of real copies (特定群众, 依申请公开, 县(区)级, 乡、村级, the legend
printed inside the header cell), the 一级事项 merged over its items, ●/〇 with line breaks, a ■/□
list on one line, √ columns, a legend line under the table.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from generator.check.diagnostics import format_human, has_errors
from generator.commands import main as cli
from generator.edit.scaffold import WEBSITE_COLUMN_PLACEHOLDER, make_id
from generator.exchange import export, importer, opendata
from generator.load.catalogue import load_catalogue
from generator.model.records import Audience, Basis, Channel, ContentElement, Record

from .helpers import CATALOGUE

BUREAU = "示例县住房和城乡建设局"
TITLE = f"{BUREAU}保障性住房领域基层政务公开标准目录"
SUBJECT = "示例县住房和城乡建设局住房保障股"
LAW = "《中华人民共和国政府信息公开条例》（国务院令第711号）"
RENTAL = "《公共租赁住房管理办法》（住房和城乡建设部令第11号）"
HEADERS = {
    "A": "序号",
    "D": "公开内容（要素）\n（“●”表示必选项，“〇”表示可选项）",
    "E": "公开依据",
    "F": "公开时限",
    "G": "公开主体",
    "H": "公开渠道和载体（“■”表示必选项，“□”表示可选项）",
}
GROUPS = (
    ("B", "C", "公开事项", ("一级事项", "二级事项")),
    ("I", "J", "公开对象", ("全社会", "特定群众")),
    ("K", "L", "公开方式", ("主动", "依申请公开")),
    ("M", "N", "公开层级", ("县(区)级", "乡、村级")),
)
ROWS = [
    [1, "法规政策", "法律法规", "●文件名称\n●文号\n〇发布日期", LAW, "信息形成或者变更之日起20个工作日内", SUBJECT,
     "■政府网站 □两微一端 ■公开查阅点", "√", None, "√", None, "√", None],
    [2, None, "政策文件", "●文件名称 ●文号", f"{LAW}、{RENTAL}", "信息形成或者变更之日起20个工作日内", SUBJECT,
     "■政府网站（政府信息公开专栏）\n□政务服务中心", "√", None, "√", None, "√", "√"],
    [3, "配给管理", "公租房承租资格审核", "●申请条件\n〇审核结果", RENTAL, "自收到申请之日起20个工作日内", SUBJECT,
     "■其他_书面答复", None, "√（申请人）", None, "√", "√", None],
]  # fmt: skip


def header(ws: object, top: int = 2) -> None:
    """The two header rows of the official layout, from row ``top``."""
    for col, text in HEADERS.items():
        ws[f"{col}{top}"] = text  # type: ignore[index]
        ws.merge_cells(f"{col}{top}:{col}{top + 1}")  # type: ignore[attr-defined]
    for first, last, group, subs in GROUPS:
        ws[f"{first}{top}"] = group  # type: ignore[index]
        ws.merge_cells(f"{first}{top}:{last}{top}")  # type: ignore[attr-defined]
        ws[f"{first}{top + 1}"], ws[f"{last}{top + 1}"] = subs  # type: ignore[index]


def official_workbook() -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "住建局标准目录"
    ws["A1"] = TITLE
    ws.merge_cells("A1:N1")
    header(ws)
    for r, row in enumerate(ROWS, start=4):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, value)
    ws.merge_cells("B4:B5")
    ws["A7"] = "注：“●”表示必选项，“〇”表示可选项；“■”表示必选项，“□”表示可选项。"
    ws.merge_cells("A7:N7")
    return wb


def save(wb: Workbook, path: Path) -> Path:
    wb.save(path)
    return path


@pytest.fixture
def official(tmp_path: Path) -> Path:
    return save(official_workbook(), tmp_path / "标准目录.xlsx")


def expected_records() -> list[Record]:
    website = Channel("政府网站", True, WEBSITE_COLUMN_PLACEHOLDER)
    common = {"subject": SUBJECT, "methods": ("主动",), "area": "保障性住房"}
    return [
        Record(
            id=make_id("bzxzf", "fgzc", "法律法规", set()),
            name="法律法规",
            content=(ContentElement("文件名称", True), ContentElement("文号", True), ContentElement("发布日期", False)),
            basis=(Basis("《中华人民共和国政府信息公开条例》", "国务院令第711号"),),
            time_limit="信息形成或者变更之日起20个工作日内",
            channels=(website, Channel("两微一端", False), Channel("公开查阅点", True)),
            audiences=(Audience("全社会"),),
            levels=("县级",),
            order=1,
            category="法规政策",
            **common,  # type: ignore[arg-type]
        ),
        Record(
            id="bzxzf-fgzc-zcwj",
            name="政策文件",
            content=(ContentElement("文件名称", True), ContentElement("文号", True)),
            basis=(
                Basis("《中华人民共和国政府信息公开条例》", "国务院令第711号"),
                Basis("《公共租赁住房管理办法》", "住房和城乡建设部令第11号"),
            ),
            time_limit="信息形成或者变更之日起20个工作日内",
            channels=(Channel("政府网站", True, "政府信息公开专栏"), Channel("政务服务中心", False)),
            audiences=(Audience("全社会"),),
            levels=("县级", "乡级"),
            order=2,
            category="法规政策",
            **common,  # type: ignore[arg-type]
        ),
        Record(
            id="bzxzf-pjgl-gzfczzgsh",
            name="公租房承租资格审核",
            content=(ContentElement("申请条件", True), ContentElement("审核结果", False)),
            basis=(Basis("《公共租赁住房管理办法》", "住房和城乡建设部令第11号"),),
            time_limit="自收到申请之日起20个工作日内",
            subject=SUBJECT,
            methods=("依申请",),
            channels=(Channel("其他", True, "书面答复"),),
            audiences=(Audience("特定群体", "申请人"),),
            levels=("县级",),
            order=1,
            area="保障性住房",
            category="配给管理",
        ),
    ]


def run(*argv: str) -> int:
    return cli.main(list(argv))


def loaded(folder: Path) -> dict[str, Record]:
    catalogue, diagnostics = load_catalogue(folder, git_dates=False)
    assert catalogue is not None, format_human(diagnostics)
    return {r.id: dataclasses.replace(r, file="") for r in catalogue.records}


# -- the official layout ------------------------------------------------------------------------------------


def test_official_table_imports_into_the_expected_records(
    official: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "catalogue"
    assert run("import", str(official), "--into", str(folder)) == 0
    out = capsys.readouterr().out
    assert loaded(folder) == {r.id: r for r in expected_records()}
    # the bureau comes from the title line; folders get 标题, slug and the table's order
    assert "单位名称: 示例县住房和城乡建设局" in (folder / "_site.yaml").read_text(encoding="utf-8")
    meta = (folder / "保障性住房" / "配给管理" / "_meta.yaml").read_text(encoding="utf-8")
    assert meta.startswith("# yaml-language-server: $schema=../../../generator/schemas/meta.schema.json\n")
    assert "标题: 配给管理\nslug: pjgl\n顺序: 2\n" in meta
    # what the table cannot say is filled with a visible placeholder, said per row, and marked in the file
    assert (
        "标准目录.xlsx, 住建局标准目录, 第 4 行, 第 8 列（列标 H）: 警告[website-placeholder] 公开渠道和载体："
        f"政府网站渠道没有写明具体栏目，已填入“{WEBSITE_COLUMN_PLACEHOLDER}”" in out
    )
    text = (folder / "保障性住房" / "法规政策" / "法律法规.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../generator/schemas/record.schema.json\n")
    assert f"# 待填写：政府网站渠道的具体栏目（现为“{WEBSITE_COLUMN_PLACEHOLDER}”）" in text
    assert "共 0 个错误、1 个警告、0 个提示。" in out


def test_import_passes_gkml_check(official: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "catalogue"
    assert run("import", str(official), "--into", str(folder)) == 0
    assert run("check", str(folder), "-f", str(tmp_path / "none.yml")) == 0
    assert "检查通过：1 个领域，3 个公开事项。" in capsys.readouterr().out


def test_variants_of_real_copies(tmp_path: Path) -> None:
    """Marks in one line or unmarked, values in one column, no merges, look-alike marks, enumerations."""
    wb = Workbook()
    ws = wb.active
    ws.title = "保障性住房"  # no title line: the sheet names the area
    heads = ["序 号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道",
             "公开对象", "公开方式", "公开层级", "咨询电话"]  # fmt: skip
    ws.append(heads)
    ws.append(
        [
            1,
            "法规政策",
            "法律法规",
            "1.文件名称\n2.文号",
            f"1.{LAW}",
            "20个工作日",
            SUBJECT,
            "政府网站（政府信息公开）、公开查阅点",
            "全社会",
            "主动公开",
            "县（区）级、乡镇级",
            "0000-1234567",
        ]
    )
    ws.append(
        [
            2,
            None,
            "政策文件",
            "●文件名称 ○文号",
            LAW,
            "20个工作日",
            SUBJECT,
            "■政府门户网站（专栏） □其它（书面答复）",
            "特定群众（申请人）",
            "依申请",
            "县级",
            None,
        ]
    )
    parsed = importer.read_file(save(wb, tmp_path / "t.xlsx"))
    assert not has_errors(parsed.problems), format_human(parsed.problems)
    first, second = (item.record for item in parsed.items)
    assert [i.category for i in parsed.items] == ["法规政策", "法规政策"]  # an empty 一级事项 continues the one above
    assert first.content == (ContentElement("文件名称", True), ContentElement("文号", True))
    assert first.basis == (Basis("《中华人民共和国政府信息公开条例》", "国务院令第711号"),)
    assert first.channels == (Channel("政府网站", True, "政府信息公开"), Channel("公开查阅点", True))
    assert (first.methods, first.levels) == (("主动",), ("县级", "乡级"))
    assert second.content == (ContentElement("文件名称", True), ContentElement("文号", False))
    assert second.channels == (Channel("政府网站", True, "专栏"), Channel("其他", False, "书面答复"))
    assert second.audiences == (Audience("特定群体", "申请人"),)
    codes = sorted(p.code for p in parsed.problems)
    assert codes == ["channels-unmarked", "column-unknown", "content-unmarked"]


def test_csv_from_excel_on_chinese_windows_is_read(tmp_path: Path) -> None:
    """Excel saves CSV as GB18030 there: read with a note; one header row with 公开对象/全社会 …"""
    catalogue, _ = load_catalogue(CATALOGUE, git_dates=False)
    assert catalogue is not None
    source = tmp_path / "目录.csv"
    source.write_bytes(export.csv_text(catalogue).encode("gb18030"))
    parsed = importer.read_file(source)
    assert [p.code for p in parsed.problems] == ["csv-encoding"]
    assert len(parsed.items) == len(catalogue.records)


# -- never overwrite, dry run ---------------------------------------------------------------------------------


def test_dry_run_writes_nothing_and_shows_what_it_would(
    official: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "catalogue"
    assert run("import", str(official), "--into", str(folder), "--dry-run") == 0
    assert not folder.exists()
    captured = capsys.readouterr()
    assert f"# ==> {folder.as_posix()}/保障性住房/配给管理/公租房承租资格审核.yaml" in captured.out
    assert "id: bzxzf-pjgl-gzfczzgsh\n名称: 公租房承租资格审核\n" in captured.out
    assert "预览（--dry-run）：未写入任何文件。" in captured.err


def test_no_overwrite_without_force(official: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "catalogue"
    assert run("import", str(official), "--into", str(folder)) == 0
    target = folder / "保障性住房" / "法规政策" / "法律法规.yaml"
    edited = target.read_text(encoding="utf-8").replace("# 由 gkml import", "# 编辑过\n# 由 gkml import")
    target.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    # the same table again: every record is there and equal, nothing is written
    assert run("import", str(official), "--into", str(folder)) == 0
    assert "3 个事项与目录中已有的相同，未改动。" in capsys.readouterr().out
    # a changed row: reported, not written, exit 1
    wb = load_workbook(official)
    wb.active["F4"] = "信息形成之日起10个工作日内"
    changed = save(wb, tmp_path / "改过.xlsx")
    assert run("import", str(changed), "--into", str(folder)) == 1
    out = capsys.readouterr().out
    assert "以下 1 个事项在目录中已存在且内容不同，未覆盖（要用表格中的内容覆盖，请加 --force）：" in out
    assert f"{target.as_posix()}（编号 bzxzf-fgzc-flfg） ← 住建局标准目录 第 4 行" in out
    assert target.read_text(encoding="utf-8") == edited
    # --force: overwritten, the file's own comments kept
    assert run("import", str(changed), "--into", str(folder), "--force") == 0
    text = target.read_text(encoding="utf-8")
    assert "时限: 信息形成之日起10个工作日内" in text and "# 编辑过" in text
    assert loaded(folder)["bzxzf-fgzc-flfg"].time_limit == "信息形成之日起10个工作日内"


def test_a_record_moved_to_another_column_replaces_its_old_file_only_with_force(tmp_path: Path) -> None:
    folder = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, folder)
    catalogue, _ = load_catalogue(folder, git_dates=False)
    assert catalogue is not None
    source = tmp_path / "moved.xlsx"
    source.write_bytes(export.xlsx_bytes(catalogue))
    wb = load_workbook(source)
    ws = wb["保障性住房"]
    ws.unmerge_cells("B4:B5")
    ws["B5"] = "重大决策"  # 政策文件 now belongs to 重大决策 (the next rows' column)
    wb.save(source)
    old = folder / "保障性住房" / "法规政策" / "政策文件.yaml"
    plan = importer.plan_import(importer.read_file(source), folder)
    assert [p.path for p in plan.conflicts] == [old] and not plan.writes
    plan = importer.plan_import(importer.read_file(source), folder, force=True)
    importer.write_plan(plan)
    assert not old.exists()
    # its entries stay where they were: the check says where to move them
    _, diagnostics = load_catalogue(folder, git_dates=False)
    moved = [d for d in diagnostics if d.code == "entry-item-elsewhere"]
    assert moved and all("移到 " + str(folder) + "/保障性住房/重大决策/ 下" in d.format() for d in moved)
    old_column, new_column = folder / "保障性住房" / "法规政策", folder / "保障性住房" / "重大决策"
    for entry in sorted(old_column.glob("20??/*.md")):  # the item's entries, with their attachments
        text = entry.read_text(encoding="utf-8")
        if "事项: bzxzf-fgzc-zcwj" not in text:
            continue
        for name in re.findall(r"文件: (附件/[^,}\s]+)", text):
            target = new_column / entry.parent.name / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(entry.parent / name, target)
        (new_column / entry.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.move(entry, new_column / entry.parent.name / entry.name)
    assert loaded(folder)["bzxzf-fgzc-zcwj"].category == "重大决策"


# -- malformed input: located messages, exit 1, no traceback, nothing written ---------------------------------


def import_messages(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    folder = tmp_path / "out"
    assert run("import", str(path), "--into", str(folder), "--strict") == 1
    assert not folder.exists()
    return capsys.readouterr().out.splitlines()


def test_unknown_marks_and_ticks_and_empty_cells(
    official: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = load_workbook(official)
    ws = wb.active
    ws["D4"] = "●文件名称\n◆文号"
    ws["H5"] = "▲政府网站"
    ws["N3"] = "州级"
    ws["N5"] = "√"
    ws["G6"] = None
    ws["K4"] = "是的"
    assert import_messages(save(wb, tmp_path / "marks.xlsx"), tmp_path, capsys) == [
        "marks.xlsx, 住建局标准目录, 第 3 行, 第 14 列（列标 N）: 警告[column-unknown] 不认识的列“公开层级/州级”，"
        "这一列的内容不会导入（提示：标准目录的列：序号、一级事项、二级事项、三级事项、公开内容（要素）、公开依据、"
        "公开时限、公开主体、公开渠道和载体、公开对象、公开方式、公开层级。本地增加的列（如咨询电话）可以不管；"
        "如果这一列应当导入，请把列标题改成标准写法。）",
        "marks.xlsx, 住建局标准目录, 第 4 行, 第 4 列（列标 D）: 错误[mark-unknown] 公开内容（要素）："
        "有不认识的标记“◆”（“◆文号”）（提示：必选项前加“●”，可选项前加“〇”；其他符号不能作为标记。）",
        "marks.xlsx, 住建局标准目录, 第 4 行, 第 8 列（列标 H）: 警告[website-placeholder] 公开渠道和载体："
        "政府网站渠道没有写明具体栏目，已填入“请填写具体栏目名称”（提示：标准目录表格中没有栏目这一项："
        "导入后请在事项文件中改为本单位网站的具体栏目，或在表格的“渠道说明（gkml）”列写“政府网站: 栏目名称”"
        "后重新导入。）",
        "marks.xlsx, 住建局标准目录, 第 4 行, 第 11 列（列标 K）: 错误[tick-invalid] 公开方式/主动："
        "“是的”不是“√”（提示：适用的格子打“√”，不适用的留空。）",
        "marks.xlsx, 住建局标准目录, 第 5 行, 第 8 列（列标 H）: 错误[mark-unknown] 公开渠道和载体："
        "有不认识的标记“▲”（“▲政府网站”）（提示：必选渠道前加“■”，可选渠道前加“□”；其他符号不能作为标记。）",
        "marks.xlsx, 住建局标准目录, 第 5 行, 第 14 列（列标 N）: 错误[tick-unknown-column] "
        "在不认识的列“公开层级/州级”中打了“√”，无法导入（提示：公开层级下面的列只能是市级、县级、乡级"
        "（也认得“县(区)级”、“乡、村级”、“镇街(园区)级”等写法）。请把列标题改成标准写法。）",
        "marks.xlsx, 住建局标准目录, 第 6 行, 第 7 列（列标 G）: 错误[cell-empty] 公开主体：没有填写"
        "（提示：每个事项都要填写公开主体。）",
        "共 5 个错误、2 个警告、0 个提示。",
        "有错误，未写入任何文件。请按上面的提示修改后重新导入。",
    ]


def test_missing_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "保障性住房"
    ws.append(["法规政策", "法律法规", "●文件名称"])
    assert import_messages(save(wb, tmp_path / "t.xlsx"), tmp_path, capsys)[0] == (
        "t.xlsx, 保障性住房: 错误[header-missing] 找不到表头行（提示：表格上方应有“序号”“公开事项”“公开内容（要素）”"
        "“公开依据”“公开时限”“公开主体”“公开渠道和载体”等列标题，与标准目录的格式一致。）"
    )


def test_missing_column(official: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = load_workbook(official)
    wb.active["F2"] = "发布时间"
    messages = import_messages(save(wb, tmp_path / "t.xlsx"), tmp_path, capsys)
    assert (
        "t.xlsx, 住建局标准目录, 第 2 行: 错误[column-missing] 表头中缺少“公开时限”列（提示：标准目录的列："
        in "\n".join(messages)
    )


def two_areas(tmp_path: Path, *, merge_across: bool) -> Path:
    """Two tables in one sheet, each under its title; optionally a 一级事项 merge running into the second."""
    wb = official_workbook()
    ws = wb.active
    ws.unmerge_cells("A7:N7")
    ws["A7"] = None
    ws["A8"] = f"{BUREAU}农村危房改造领域基层政务公开标准目录"
    ws.merge_cells("A8:N8")
    header(ws, top=9)
    ws.append(
        [
            1,
            "计划实施",
            "任务分配",
            "●任务分配情况",
            "《中华人民共和国预算法》",
            "信息形成之日起20个工作日内",
            "示例县住房和城乡建设局村镇建设股",
            "■政府网站（农村危房改造）",
            "√",
            None,
            "√",
            None,
            "√",
            None,
        ]
    )
    if merge_across:
        ws["B11"] = None
        ws.merge_cells("B6:B11")
    return save(wb, tmp_path / "two.xlsx")


def test_two_tables_in_one_sheet_are_two_areas(tmp_path: Path) -> None:
    parsed = importer.read_file(two_areas(tmp_path, merge_across=False))
    assert not has_errors(parsed.problems), format_human(parsed.problems)
    assert [(i.area, i.category, i.record.name) for i in parsed.items][-2:] == [
        ("保障性住房", "配给管理", "公租房承租资格审核"),
        ("农村危房改造", "计划实施", "任务分配"),
    ]


def test_merged_cells_spanning_two_areas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    messages = import_messages(two_areas(tmp_path, merge_across=True), tmp_path, capsys)
    assert (
        "two.xlsx, 住建局标准目录, 第 6 行, 第 2 列（列标 B）: 错误[merge-spans-sections] "
        "合并单元格 B6:B11 跨越了两张表格"
        f"（第 8 行起是另一张表格：“{BUREAU}农村危房改造领域基层政务公开标准目录”）"
        "（提示：一个合并单元格只能在同一个领域的表格之内：请取消合并，在各自的表格里分别填写。）"
    ) in messages
    assert sum("错误" in m for m in messages[:-2]) == 1  # not also each consequence of it


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "坏.xlsx",
            b"this is not a zip",
            "坏.xlsx: 错误[file-not-xlsx] 文件不是有效的 Excel（.xlsx）文件：文件内容不是 Excel 工作簿的格式"
            "（提示：文件可能已损坏，或只是改了扩展名；请用 Excel 或 WPS 打开后另存为 .xlsx。）",
        ),
        (
            "旧.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
            "旧.xls: 错误[file-not-xls] 文件不是有效的旧版 Excel（.xls）文件：无法按 .xls 格式读取（CompDocError）"
            "（提示：文件可能已损坏、加了密码，或只是改了扩展名；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。）",
        ),
        (
            "目录.docx",
            b"PK",
            "目录.docx: 错误[file-not-docx] 文件不是有效的 Word（.docx）文件："
            "不是 Word 文档（.docx 实际上是一个 zip 压缩包，这个文件不是）"
            "（提示：文件可能已损坏，或只是改了扩展名；请用 Word 或 WPS 打开后另存为 .docx（Word 文档）。）",
        ),
        (
            "目录.txt",
            b"x",
            "目录.txt: 错误[file-type] 不支持“.txt”文件（提示：请使用标准目录格式的 Excel 表格（.xlsx、.xls）、"
            "CSV 文件（.csv）、Word 文档（.docx）、从网站保存的网页（.html、.htm），"
            "或 gkml export 导出的 JSON 文件（.json）。）",
        ),
        (
            "目录.json",
            b"{",
            "目录.json: 错误[json-invalid] 不是有效的 JSON 文件：第 1 行第 2 列："
            "Expecting property name enclosed in double quotes"
            "（提示：JSON 导入只接受 gkml export --format json 导出的文件。）",
        ),
        (
            "空.csv",
            "序号,二级事项\n".encode(),
            "空.csv: 错误[header-missing] 找不到表头行（提示：表格上方应有“序号”“公开事项”“公开内容（要素）”“公开依据”"
            "“公开时限”“公开主体”“公开渠道和载体”等列标题，与标准目录的格式一致。）",
        ),
    ],
)
def test_unreadable_files(
    name: str, content: bytes, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert import_messages(path, tmp_path, capsys)[0] == message


def test_a_word_document_renamed_to_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    path = tmp_path / "目录.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert import_messages(path, tmp_path, capsys)[0].startswith("目录.xlsx: 错误[file-word] 这是 Word 文件")


def test_json_that_is_not_a_gkml_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"a": 1}', encoding="utf-8")
    assert import_messages(path, tmp_path, capsys)[0].startswith(
        "x.json: 错误[json-not-export] 文件中没有“格式: gkml 政务公开标准目录”，不是 gkml 导出的 JSON 文件"
    )


def test_bad_gkml_columns_are_located(official: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = load_workbook(official)
    ws = wb.active
    ws["O3"] = "编号（gkml）"
    ws["P3"] = "顺序（gkml）"
    ws["Q3"] = "更新日期（gkml）"
    ws["O4"], ws["P4"], ws["Q4"] = "Bad_ID", "第一", "2024/3/5"
    ws["O5"] = ws["O6"] = "same-id"
    messages = "\n".join(import_messages(save(wb, tmp_path / "t.xlsx"), tmp_path, capsys))
    # the checker's own codes and messages: the same mistake reads the same in a record file and in a table
    at = "t.xlsx, 住建局标准目录, 第"
    assert f"{at} 4 行, 第 15 列（列标 O）: 错误[bad-id] 编号（gkml）：id“Bad_ID”格式不对" in messages
    assert f"{at} 4 行, 第 16 列（列标 P）: 错误[order-format] 顺序（gkml）：顺序“第一”应为整数" in messages
    assert f"{at} 4 行, 第 17 列（列标 Q）: 错误[date-format] 更新日期（gkml）：日期“2024/3/5”格式不对" in messages
    assert (
        f"{at} 6 行, 第 15 列（列标 O）: 错误[duplicate-id] 编号（gkml）：id“same-id”与 住建局标准目录 第 5 行 重复"
        in messages
    )


def test_rows_that_are_not_items_are_skipped_with_a_warning(tmp_path: Path) -> None:
    wb = official_workbook()
    ws = wb.active
    ws["A8"] = ws["A7"].value  # the legend moves down a row; row 7: a heading across the table
    ws.merge_cells("A8:N8")
    ws["A7"] = "二、其他事项"
    parsed = importer.read_file(save(wb, tmp_path / "t.xlsx"))
    assert len(parsed.items) == 3
    assert [p.format() for p in parsed.problems if p.code == "row-skipped"] == [
        "t.xlsx, 住建局标准目录, 第 7 行, 第 1 列（列标 A）: 警告[row-skipped] 这一行不是事项行"
        "（只有一段文字：“二、其他事项”），已跳过"
        "（提示：事项行要在各列分别填写；说明文字请放在表格下方，以“注：”开头。）"
    ]


def test_a_column_given_twice(official: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = load_workbook(official)
    wb.active["N3"] = "县级"  # 县(区)级 and 县级 are the same column
    messages = import_messages(save(wb, tmp_path / "t.xlsx"), tmp_path, capsys)
    assert messages[0] == (
        "t.xlsx, 住建局标准目录, 第 3 行, 第 14 列（列标 N）: 错误[column-duplicate] “公开层级/县级”列出现了两次"
        "（另见第 13 列）"
        "（提示：请删除或改名其中一列。）"
    )


def test_json_problems_are_located_by_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalogue, _ = load_catalogue(CATALOGUE, git_dates=False)
    assert catalogue is not None
    document = json.loads(opendata.json_text(catalogue))
    document["领域"][0]["一级事项"][0]["事项"][0]["渠道"][0]["渠道"] = "政府门户"
    path = tmp_path / "目录.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    messages = import_messages(path, tmp_path, capsys)
    assert messages[0].startswith(
        "目录.json, 领域[0].一级事项[0].事项[0]: 错误[channel-unknown] 渠道：“政府门户”不是标准公开渠道"
    )
    document["领域"][0]["一级事项"][0]["事项"][1]["内容"] = "●文件名称"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert import_messages(path, tmp_path, capsys)[0].startswith(
        "目录.json, 领域[0].一级事项[0].事项[1].内容: 错误[json-format] 不符合 gkml 导出格式：“内容”的类型不对"
    )
