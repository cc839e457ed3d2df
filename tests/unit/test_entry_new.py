"""``gkml new --entry``: a new entry (公开信息) under an item, from the command line or from a
Word notice (``--from``); and the other way round, ``gkml import`` given a notice."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches

from generator.check.pages import check_page
from generator.commands import main as cli
from generator.commands import new as new_command
from generator.edit.entry_scaffold import guess_category, next_entry_id
from generator.edit.entry_word import MarkdownWriter, find_doc_no, find_title, normalise_doc_no
from generator.exchange.wordfile import Paragraph
from generator.load.catalogue import load_catalogue

from .helpers import CATALOGUE, formatted

TODAY = dt.date(2025, 3, 12)
ITEM = "bzxzf-pjgl-gzfczzgsh"  # 保障性住房 › 配给管理 (slug pjgl) › 公租房承租资格审核
COLUMN = Path("保障性住房") / "配给管理"


@pytest.fixture
def catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the real catalogue to write into, on a fixed day."""
    monkeypatch.setattr(new_command, "beijing_today", lambda: TODAY)
    return Path(shutil.copytree(CATALOGUE, tmp_path / "catalogue"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0"))
        + chunk(b"IEND", b"")
    )


def notice_docx(path: Path, *, doc_no: str = "示建发[2025]12号", images: int = 1) -> Path:
    """A notice laid out as 公文 are: 发文机关标志, 文号 and title centred, then the text."""
    document = docx.Document()
    for text in ("示例县住房和城乡建设局文件", doc_no, "关于开展2025年公租房资格年审的通知"):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("各乡镇人民政府：")
    document.add_heading("一、年审对象", level=1)
    paragraph = document.add_paragraph("已承租公租房的家庭，名单见")
    paragraph.add_run("附表").bold = True
    paragraph.add_run("。")
    document.add_paragraph("提交户口簿", style="List Bullet")
    document.add_paragraph("提交收入证明 *原件*", style="List Number")
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "乡镇", (0, 1): "户数|合计", (1, 0): "城关镇", (1, 1): "3"}.items():
        table.cell(row, col).text = text
    for _ in range(images):
        document.add_picture(io.BytesIO(_png()), width=Inches(1))
    document.add_paragraph("示例县住房和城乡建设局\n2025年3月12日")
    document.save(path)
    return path


def table_docx(path: Path) -> Path:
    """A catalogue table saved from Word."""
    document = docx.Document()
    document.add_paragraph("示例县保障性住房领域基层政务公开标准目录")
    headers = ["序号", "公开事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体"]
    table = document.add_table(rows=3, cols=len(headers))
    for col, header in enumerate(headers):
        table.cell(0, col).text = header
    for row in (1, 2):
        for col, text in enumerate(
            [str(row), "公租房承租资格审核", "●审核结果", "《公共租赁住房管理办法》", "20个工作日", "住建局"]
        ):
            table.cell(row, col).text = text
    document.save(path)
    return path


# -- the command ------------------------------------------------------------------------------------


EXPECTED = """\
---
# 由 gkml new --entry 生成。标有“请填写”的地方请改成实际内容，带“# ”的行是可选的要素：
# 需要时删除行首的“# ”并改写示例值。改完后运行 gkml check 检查。
id: pjgl-20250312-1
标题: 关于第四批公租房承租资格审核结果的公示
事项: bzxzf-pjgl-gzfczzgsh
发布日期: 2025-03-12
# 形成日期：信息形成或者变更的日期（公开时限从这一天起算）；不填则按发布日期，不核对是否按时公开。
# 形成日期: 2025-03-05
发布机构: 示例县住房和城乡建设局住房保障股
# 文号：发文字号，文号年份用六角括号〔〕。
# 文号: 示建保〔2025〕3号
类别: 通知公告
"""


def test_a_new_entry_is_written_in_the_items_column_and_year(
    catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    title = "关于第四批公租房承租资格审核结果的公示"
    code, out, err = run(capsys, "new", "--catalogue", str(catalogue), "--entry", ITEM, "--title", title)
    assert (code, err) == (0, "")
    path = catalogue / COLUMN / "2025" / f"{title}.md"
    assert out.splitlines()[:5] == [
        f"已创建公开信息：{path.as_posix()}",
        f"  事项：{ITEM}（保障性住房 › 配给管理 › 公租房承租资格审核）",
        "  id：pjgl-20250312-1",
        f"  标题：{title}",
        "  类别：通知公告（按栏目推定）",
    ]
    text = path.read_text(encoding="utf-8")
    assert text.startswith(EXPECTED)
    assert "\n# 审核: {审核人: 李四, 审核日期: 2025-03-11}\n---\n\n【请填写正文】\n" in text
    assert "有效性" not in text  # only policies have one
    loaded, diagnostics = load_catalogue(catalogue, git_dates=False)
    assert loaded is not None, formatted(diagnostics)
    (entry,) = [e for e in loaded.entries if e.id == "pjgl-20250312-1"]
    assert (entry.title, entry.item, entry.published, entry.category) == (title, ITEM, "2025-03-12", "通知公告")
    (placeholder,) = [d for d in diagnostics if d.file.endswith(f"/{title}.md")]  # the body is still to write
    assert (placeholder.code, placeholder.severity.value, placeholder.line) == ("entry-placeholder", "warning", 28)


def test_the_next_entry_of_the_day_gets_the_next_number_and_nothing_is_overwritten(
    catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("new", "--catalogue", str(catalogue), "--entry", ITEM)
    assert run(capsys, *args)[0] == 0  # no title: the file is named by the id
    first = catalogue / COLUMN / "2025" / "pjgl-20250312-1.md"
    assert "标题: 【请填写标题】" in first.read_text(encoding="utf-8")
    assert run(capsys, *args, "--title", "租金调整")[0] == 0
    assert "id: pjgl-20250312-2" in (catalogue / COLUMN / "2025" / "租金调整.md").read_text(encoding="utf-8")
    before = (catalogue / COLUMN / "2025" / "租金调整.md").read_bytes()
    code, out, err = run(capsys, *args, "--title", "租金调整")
    assert (code, out) == (2, "")
    assert err.startswith("错误：文件 ") and "已经存在，gkml 不覆盖已有文件。请用 --title 换一个标题" in err
    assert (catalogue / COLUMN / "2025" / "租金调整.md").read_bytes() == before


def test_an_unknown_item_names_the_closest_ids(catalogue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "new", "--catalogue", str(catalogue), "--entry", "bzxzf-pjgl-gzfczgsh")
    assert (code, out) == (2, "")
    assert err.startswith(
        "错误：目录中没有 id 为“bzxzf-pjgl-gzfczgsh”的公开事项。是不是：bzxzf-pjgl-gzfczzgsh（配给管理 › "
    )
    code, _, err = run(capsys, "new", "--catalogue", str(catalogue), "--entry", "公租房承租资格审核")
    assert code == 2 and "是不是：bzxzf-pjgl-gzfczzgsh（配给管理 › 公租房承租资格审核）？" in err  # its name


def test_entry_options_do_not_mix_with_item_options(catalogue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "new", "--catalogue", str(catalogue), "--entry", ITEM, "--name", "x")
    assert code == 2 and "不能与 --name 一起使用" in err
    code, _, err = run(capsys, "new", "--catalogue", str(catalogue), "--title", "x")
    assert code == 2 and "请同时写 --entry 事项id" in err


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_dry_run_writes_nothing(catalogue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(catalogue)
    code, out, err = run(capsys, "new", "--catalogue", str(catalogue), "--entry", ITEM, "--dry-run")
    assert code == 0 and out.startswith("---\n") and "预览（--dry-run）：未写入任何文件。" in err
    assert files(catalogue) == before


@pytest.mark.parametrize(
    ("column", "category"),
    [
        ("政策解读", "政策解读"),
        ("办事指南", "办事指南"),
        ("法规政策", "规范性文件"),
        ("部门文件", "规范性文件"),
        ("公示公告", "公示公告"),
        ("审核结果公示", "公示公告"),
        ("通知公告", "通知公告"),
        ("配给管理", "通知公告"),
    ],
)
def test_the_category_is_guessed_from_the_column(column: str, category: str) -> None:
    assert guess_category(column) == category


def test_a_policy_column_offers_validity(catalogue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    loaded, _ = load_catalogue(catalogue, git_dates=False)
    assert loaded is not None
    policy = next(c for a in loaded.areas for c in a.categories if c.title == "法规政策" and c.records)
    assert run(capsys, "new", "--catalogue", str(catalogue), "--entry", policy.records[0].id)[0] == 0
    (path,) = [p for p in (catalogue / policy.area / "法规政策" / "2025").glob("*-20250312-1.md")]
    text = path.read_text(encoding="utf-8")
    assert "类别: 规范性文件\n" in text and "# 有效性: {状态: 已废止" in text


def test_ids_count_the_entries_of_the_whole_catalogue() -> None:
    assert next_entry_id("pjgl", TODAY, set()) == "pjgl-20250312-1"
    assert next_entry_id("pjgl", TODAY, {"pjgl-20250312-1", "pjgl-20250312-3"}) == "pjgl-20250312-2"
    assert next_entry_id("2024", TODAY, set()) == "info-2024-20250312-1"  # an id starts with a letter


# -- --from a Word notice --------------------------------------------------------------------------


def test_a_word_notice_gives_the_title_doc_no_and_body(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = notice_docx(tmp_path / "通知.docx", images=2)
    code, out, err = run(capsys, "new", "--catalogue", str(catalogue), "--entry", ITEM, "--from", str(source))
    assert (code, err) == (0, ""), err
    path = catalogue / COLUMN / "2025" / "关于开展2025年公租房资格年审的通知.md"
    assert "  文号：示建发〔2025〕12号" in out
    assert "注意：Word 文件中的 2 张图片没有转入正文。" in out
    text = path.read_text(encoding="utf-8")
    assert "标题: 关于开展2025年公租房资格年审的通知\n" in text and "文号: 示建发〔2025〕12号\n" in text
    body = text.split("\n---\n", 1)[1]
    assert body == (
        "\n示例县住房和城乡建设局文件\n\n"
        "各乡镇人民政府：\n\n"
        "## 一、年审对象\n\n"
        "已承租公租房的家庭，名单见**附表**。\n\n"
        "- 提交户口簿\n\n"
        "1. 提交收入证明 \\*原件\\*\n\n"
        "| 乡镇 | 户数\\|合计 |\n| --- | --- |\n| 城关镇 | 3 |\n\n"
        "示例县住房和城乡建设局  \n2025年3月12日\n"
    )
    loaded, diagnostics = load_catalogue(catalogue, git_dates=False)
    assert loaded is not None, formatted(diagnostics)
    (entry,) = [e for e in loaded.entries if e.title == "关于开展2025年公租房资格年审的通知"]
    assert entry.doc_no == "示建发〔2025〕12号"


def test_a_title_given_wins_over_the_notices(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = notice_docx(tmp_path / "通知.docx", images=0)
    args = ("new", "--catalogue", str(catalogue), "--entry", ITEM, "--from", str(source), "--title", "年审通知")
    code, out, _ = run(capsys, *args)
    assert code == 0 and "图片" not in out
    text = (catalogue / COLUMN / "2025" / "年审通知.md").read_text(encoding="utf-8")
    assert "标题: 年审通知\n" in text
    assert "关于开展2025年公租房资格年审的通知" not in text.split("\n---\n", 1)[1]  # the notice's title line is gone


def test_a_catalogue_table_or_a_spreadsheet_is_for_gkml_import(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files(catalogue)
    args = ("new", "--catalogue", str(catalogue), "--entry", ITEM, "--from")
    code, _, err = run(capsys, *args, str(table_docx(tmp_path / "目录.docx")))
    assert code == 2 and "主要是一张标准目录表格" in err and "gkml import" in err
    for name in ("目录.xlsx", "目录.xls", "目录.csv"):
        (tmp_path / name).write_bytes(b"x")
        code, _, err = run(capsys, *args, str(tmp_path / name))
        assert code == 2 and err.startswith("错误：") and f"请用 gkml import {(tmp_path / name).as_posix()}" in err
    assert files(catalogue) == before


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("坏.docx", b"not a zip", "不是 Word 文档"),
        ("旧.doc", b"\xd0\xcf\x11\xe0", "旧版 Word 文件（.doc）"),
        ("通知.pdf", b"%PDF", "不支持“.pdf”文件"),
        ("没有.docx", None, "找不到文件"),
    ],
)
def test_a_file_that_is_no_notice_is_one_chinese_line(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes | None, expected: str
) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    code, out, err = run(capsys, "new", "--catalogue", str(catalogue), "--entry", ITEM, "--from", str(tmp_path / name))
    assert (code, out) == (2, "") and err.startswith("错误：") and expected in err and "Traceback" not in err


def test_a_docx_that_inflates_past_the_limit_is_refused(tmp_path: Path) -> None:
    from generator.edit.entry_word import EntryWordError, convert_docx
    from generator.model.limits import Limits

    raw = notice_docx(tmp_path / "通知.docx").read_bytes()
    with pytest.raises(EntryWordError, match="解压后有"):
        convert_docx(raw, "通知.docx", Limits(import_unpacked_bytes=1000))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    with pytest.raises(EntryWordError, match="DOCTYPE"):
        convert_docx(bomb.getvalue(), "b.docx", Limits())


# -- title, 文号, Markdown ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("示建发〔2025〕12号", "示建发〔2025〕12号"),
        ("示建发[2025]12号", "示建发〔2025〕12号"),
        ("示建发（2025）12号", "示建发〔2025〕12号"),
        ("示建发(2025) 第 12 号", "示建发〔2025〕12号"),
        ("示建发【２０２５】０１２号", "示建发〔2025〕12号"),
        ("示建发2025年12号", None),
    ],
)
def test_doc_numbers_are_normalised(written: str, normal: str | None) -> None:
    assert normalise_doc_no(written) == normal


def test_the_title_and_doc_no_are_found_near_the_top() -> None:
    paragraphs = [
        Paragraph("示例县住房和城乡建设局文件", centred=True),
        Paragraph("文号：示建发[2025]3号   签发人：张三", centred=True),
        Paragraph("公租房租金调整公告", bold=True),
        Paragraph("关于调整公租房租金的通知"),
    ]
    assert find_doc_no(paragraphs) == ("示建发〔2025〕3号", "文号：示建发[2025]3号   签发人：张三")
    assert find_title(paragraphs, paragraphs[1].text) == "关于调整公租房租金的通知"  # 关于… first
    assert find_title(paragraphs[:3], paragraphs[1].text) == "公租房租金调整公告"  # then bold, not the 发文机关标志
    assert find_title([Paragraph("正文第一段。")]) == ""
    body = [Paragraph("根据示建发〔2025〕3号文件要求，现通知如下。")]
    assert find_doc_no(body) == ("", "")  # a 文号 cited in the text is not the notice's


def markdown(html: str) -> str:
    writer = MarkdownWriter()
    writer.feed(html)
    writer.close()
    return "\n\n".join(md for _, md in writer.blocks())


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<h1>一、总则</h1><h3>（一）</h3><h6>x</h6>", "## 一、总则\n\n#### （一）\n\n###### x"),
        ("<p>  第一段  </p><p></p><p>第二段</p>", "第一段\n\n第二段"),
        ("<p>甲<strong>乙</strong>丙<em>丁</em></p>", "甲**乙**丙*丁*"),
        ("<p><strong> </strong>甲</p>", "甲"),
        ("<p>一<br />二</p>", "一  \n二"),
        ("<ul><li>甲<ul><li>乙</li></ul></li><li>丙</li></ul>", "- 甲\n    - 乙\n- 丙"),
        ("<ol><li>甲</li><li>乙</li></ol>", "1. 甲\n2. 乙"),
        (
            "<table><tr><td><p>a|b</p></td><td colspan='2'><p>c</p></td></tr><tr><td>1</td></tr></table>",
            "| a\\|b | c |  |\n| --- | --- | --- |\n| 1 |  |  |",
        ),
        ('<p><a href="https://www.example.gov.cn/a">原文</a></p>', "[原文](https://www.example.gov.cn/a)"),
        ('<p><a href="javascript:alert(1)">点此</a><a id="_Toc1"></a></p>', "点此"),
        ("<p>&lt;script&gt;alert(1)&lt;/script&gt; a_b *c* [d](e) `f` &amp;copy;</p>", None),
        ("<p># 不是标题</p><p>1. 不是列表</p><p>- 不是列表</p>", "\\# 不是标题\n\n1\\. 不是列表\n\n\\- 不是列表"),
        ('<p>图<img src="" /></p><p><img src="" /></p>', "图"),
    ],
)
def test_html_becomes_markdown(html: str, expected: str | None) -> None:
    result = markdown(html)
    if expected is not None:
        assert result == expected
    else:  # text that looks like markup stays text: nothing that runs, no link, no emphasis
        assert result == "&lt;script&gt;alert(1)&lt;/script&gt; a\\_b \\*c\\* \\[d\\](e) \\`f\\` &amp;copy;"
        assert check_page(result, "x.md") == []


# -- gkml import, given a notice -----------------------------------------------------------------------


def test_import_sends_a_notice_to_gkml_new_and_reads_a_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    into = tmp_path / "catalogue"
    code, out, err = run(capsys, "import", str(notice_docx(tmp_path / "通知.docx")), "--into", str(into))
    err += out
    assert code != 0 and "通知.docx: 错误[file-word-notice] 这是一份 Word 公文（通知、公告等），不是标准目录表格" in err
    assert "gkml new --entry 事项id --from 文件.docx" in err
    assert not into.exists() or not any(into.rglob("*.yaml"))
    code, out, err = run(capsys, "import", str(table_docx(tmp_path / "目录.docx")), "--into", str(into))
    assert code == 0, err + out
    assert "读取 2 行：事项 2 行" in out
    assert sorted(p.name for p in (into / "保障性住房" / "配给管理").glob("公租房*.yaml")) == [
        "公租房承租资格审核.yaml",
        "公租房承租资格审核（2）.yaml",
    ]
