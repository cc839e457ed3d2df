"""The privacy scan of attachments' text: a PDF, Word or Excel file published with an entry is
scanned like a page, its findings said at the attachment's 文件 line of the entry, naming the
attachment and where in it; what cannot be read is a note; the text is read once per content
(a cache beside mkdocs.yml), from forked workers too."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import nsdecls
from docx.oxml.parser import parse_xml
from pypdf import PdfReader, PdfWriter

from generator.check import privacy
from generator.check.diagnostics import Diagnostic
from generator.check.entry import validate_entry
from generator.check.run import check_catalogue
from generator.commands import main as cli
from generator.load import attachments, catalogue
from generator.load.attachments import AttachmentTexts, extract
from generator.load.entries import read_entry_file
from generator.load.files import FileGate
from generator.model.entries import Entry

from .helpers import CATALOGUE, diag_order
from .minipdf import pdf

# -- the data: a fictional person's numbers -------------------------------------------------------------------


def _valid_id(first17: str) -> str:
    """An ID number the scanner takes for one: the check digit its own validation accepts."""
    return next(first17 + c for c in "0123456789X" if privacy._valid_id_number(first17 + c))


ID = _valid_id("11010519491231002")  # 11010519491231002X
ID_MASKED = "1101**********002X"
MOBILE, MOBILE_MASKED = "13812345678", "138****5678"
DUTY = "13900001111"  #: the bureau's duty mobile, listed as 公开电话

ITEM = "bzxzf-pjgl-zgsh"
ENTRY = """\
---
id: pjgl-20250312-1
标题: 关于第三批公租房承租资格审核结果的公示
事项: bzxzf-pjgl-zgsh
发布日期: 2025-03-12
发布机构: 示例县住房和城乡建设局住房保障股
类别: 公示公告
附件:
  - {名称: 审核结果名单, 文件: 附件/名单.pdf}
  - 附件/名单.docx
  - 附件/名单.xlsx
---

经审核，第三批 25 户申请家庭符合公租房承租条件，现予公示。
"""
SHOWN = "保障性住房/配给管理/2025/公示.md"
PDF_AT, DOCX_AT, XLSX_AT = f"{SHOWN}:9:22", f"{SHOWN}:10:5", f"{SHOWN}:11:5"


def a_pdf() -> bytes:
    return pdf(
        [
            f"第三批公租房承租资格审核结果\n申请人 张三 身份证号 {ID}\n联系电话 {MOBILE}",
            f"咨询请拨打住房保障股值班手机 {DUTY}",
        ]
    )


def a_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("公租房承租资格审核结果名单")
    document.add_paragraph("")  # an empty paragraph is not counted
    document.add_paragraph(f"张三，身份证号 {ID}。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "姓名", "联系电话"
    table.cell(1, 0).text, table.cell(1, 1).text = "李四", MOBILE
    document.sections[0].header.paragraphs[0].text = f"联系人手机 {MOBILE}"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def a_xlsx(rows: int = 1) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "名单"
    sheet.append(["姓名", "身份证号", "联系电话"])
    for _ in range(rows):
        sheet.append(["张三", ID, int(MOBILE)])  # a mobile typed as a number
    hidden = workbook.create_sheet("备用")
    hidden.sheet_state = "hidden"
    hidden["D4"] = f"{DUTY}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def column(tmp_path: Path) -> Path:
    """A column with the entry and its three attachments."""
    folder = tmp_path / "保障性住房" / "配给管理"
    files = {"名单.pdf": a_pdf(), "名单.docx": a_docx(), "名单.xlsx": a_xlsx()}
    (folder / "2025" / "附件").mkdir(parents=True)
    for name, data in files.items():
        (folder / "2025" / "附件" / name).write_bytes(data)
    (folder / "2025" / "公示.md").write_text(ENTRY, encoding="utf-8")
    return folder


def check(
    root: Path, texts: AttachmentTexts | None = None, *, name: str = "公示.md"
) -> tuple[Entry | None, list[Diagnostic]]:
    """Check one entry of the column under ``root`` as the loader does, its attachments scanned."""
    path = root / "保障性住房" / "配给管理" / "2025" / name
    gate = FileGate.within(root)
    entry_file, problems = read_entry_file(path, path.relative_to(root).as_posix(), gate)
    assert entry_file is not None, problems
    texts = texts if texts is not None else AttachmentTexts()
    entry, more = validate_entry(entry_file, {ITEM}, gate, frozenset({DUTY}), texts=texts)
    return entry, sorted([*problems, *more], key=diag_order)


def said(diagnostics: list[Diagnostic]) -> list[str]:
    """Where, severity, code and message of each diagnostic (the hints are tested once, below)."""
    return [f"{d.where} {d.severity.label}[{d.code}] {d.element}：{d.message}" for d in diagnostics]


def replace_attachment(column: Path, name: str, data: bytes) -> None:
    (column / "2025" / "附件" / name).write_bytes(data)


# -- what is found, and where ------------------------------------------------------------------------------


def test_the_numbers_in_each_attachment_are_said_at_its_line_naming_where_they_stand(
    column: Path, tmp_path: Path
) -> None:
    entry, diagnostics = check(tmp_path)
    assert entry is None  # an ID number is an error, as in a page
    assert said(diagnostics) == [
        f"{PDF_AT} 错误[privacy-id-number] 附件：附件“附件/名单.pdf”第 1 页出现了居民身份证号码（{ID_MASKED}）",
        f"{PDF_AT} 错误[privacy-mobile] 附件：附件“附件/名单.pdf”第 1 页出现了手机号码（{MOBILE_MASKED}）",
        f"{DOCX_AT} 错误[privacy-id-number] 附件：附件“附件/名单.docx”第 2 段出现了居民身份证号码（{ID_MASKED}）",
        f"{DOCX_AT} 错误[privacy-mobile] 附件：附件“附件/名单.docx”第 1 个表格第 2 行第 2 列出现了手机号码"
        f"（{MOBILE_MASKED}）",
        f"{DOCX_AT} 错误[privacy-mobile] 附件：附件“附件/名单.docx”页眉出现了手机号码（{MOBILE_MASKED}）",
        f"{XLSX_AT} 错误[privacy-id-number] 附件：附件“附件/名单.xlsx”工作表“名单”的 B2 单元格出现了居民身份证号码"
        f"（{ID_MASKED}）",
        f"{XLSX_AT} 错误[privacy-mobile] 附件：附件“附件/名单.xlsx”工作表“名单”的 C2 单元格出现了手机号码"
        f"（{MOBILE_MASKED}）",
    ]
    # the same hint as for the same number in a page
    assert diagnostics[0].hint == f"网站上不得公开个人身份证号码：请删除，需要时只写“{ID_MASKED}”这样去标识化的形式。"


def test_the_bureaus_public_mobile_is_not_reported_in_an_attachment(column: Path, tmp_path: Path) -> None:
    _, diagnostics = check(tmp_path)
    assert not any(DUTY[-4:] in d.message for d in diagnostics)  # page 2 of the PDF, the hidden sheet
    replace_attachment(column, "名单.pdf", pdf([f"值班手机 {DUTY}，投诉手机 13700002222"]))
    _, diagnostics = check(tmp_path)
    assert [d.message for d in diagnostics if "名单.pdf" in d.message] == [
        "附件“附件/名单.pdf”第 1 页出现了手机号码（137****2222）"
    ]


def test_a_hidden_sheet_is_scanned_too(column: Path, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(a_xlsx()))
    workbook["备用"]["D4"] = "13700002222"
    out = io.BytesIO()
    workbook.save(out)
    replace_attachment(column, "名单.xlsx", out.getvalue())
    _, diagnostics = check(tmp_path)
    assert "附件“附件/名单.xlsx”工作表“备用”的 D4 单元格出现了手机号码（137****2222）" in [
        d.message for d in diagnostics
    ]


def test_a_clean_attachment_says_nothing_and_an_ofd_or_image_is_not_read(column: Path, tmp_path: Path) -> None:
    replace_attachment(column, "名单.pdf", pdf(["公示期限：2025年3月12日至3月18日。联系电话：0000-6123456"]))
    replace_attachment(column, "名单.docx", _docx_of("审核结果见附表。"))
    replace_attachment(column, "名单.xlsx", _xlsx_of("无"))
    (column / "2025" / "附件" / "名单.ofd").write_bytes(f"{ID}".encode())
    (column / "2025" / "公示.md").write_text(ENTRY.replace("附件/名单.xlsx", "附件/名单.ofd"), encoding="utf-8")
    entry, diagnostics = check(tmp_path)
    assert diagnostics == []
    assert entry is not None and [a.kind for a in entry.attachments] == ["PDF", "Word", "OFD"]


def _docx_of(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx_of(text: str) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = text
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_the_readers_give_the_chinese_text_back() -> None:
    text = extract(pdf([f"申请人 张三 身份证号 {ID}"]), ".pdf")
    assert [(p.where, p.text.strip()) for p in text.passages] == [("第 1 页", f"申请人 张三 身份证号 {ID}")]
    assert PdfReader(io.BytesIO(pdf(["公租房"]))).pages[0].extract_text().strip() == "公租房"
    assert (text.unreadable, text.cut) == ("", "")


def _with_footnote(data: bytes, text: str) -> bytes:
    """A Word file with a footnotes part holding ``text`` (python-docx writes none)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    note = f'<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>'
    footnotes = f'<w:footnotes xmlns:w="{w}">{note}</w:footnotes>'
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    relationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "[Content_Types].xml":
                override = f'<Override PartName="/word/footnotes.xml" ContentType="{content_type}"/></Types>'
                content = content.replace(b"</Types>", override.encode())
            elif item.filename == "word/_rels/document.xml.rels":
                rel = f'<Relationship Id="rIdNote" Type="{relationship}" Target="footnotes.xml"/></Relationships>'
                content = content.replace(b"</Relationships>", rel.encode())
            target.writestr(item, content)
        target.writestr("word/footnotes.xml", footnotes)
    return out.getvalue()


def test_word_comments_footnotes_first_page_headers_and_tracked_changes_are_read(column: Path, tmp_path: Path) -> None:
    document = docx.Document()
    revised = document.add_paragraph("联系电话：")
    revised._p.append(
        parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="甲"><w:r><w:delText>{MOBILE}</w:delText></w:r></w:del>')
    )
    revised._p.append(
        parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="甲"><w:r><w:t>0000-6123456</w:t></w:r></w:ins>')
    )
    noted = document.add_paragraph("审核意见")
    document.add_comment(noted.runs, text="经办人手机 13700002222", author="乙")
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "联系人 13600003333"
    section.footer.paragraphs[0].text = f"承办人身份证 {ID}"
    out = io.BytesIO()
    document.save(out)
    replace_attachment(column, "名单.docx", _with_footnote(out.getvalue(), "注：13500004444"))
    _, diagnostics = check(tmp_path)
    assert [d.message for d in diagnostics if "名单.docx" in d.message] == [
        f"附件“附件/名单.docx”页脚出现了居民身份证号码（{ID_MASKED}）",
        "附件“附件/名单.docx”批注出现了手机号码（137****2222）",
        f"附件“附件/名单.docx”第 1 段出现了手机号码（{MOBILE_MASKED}）",  # deleted, but still in the file
        "附件“附件/名单.docx”脚注出现了手机号码（135****4444）",
        "附件“附件/名单.docx”页眉出现了手机号码（136****3333）",
    ]


def test_numbers_in_neighbouring_cells_of_a_word_table_are_not_joined() -> None:
    document = docx.Document()
    row = document.add_table(rows=1, cols=2).rows[0]
    row.cells[0].text, row.cells[1].text = "138", "12345678"  # 138 and 12345678, not 13812345678
    out = io.BytesIO()
    document.save(out)
    assert extract(out.getvalue(), ".docx").passages == ()


# -- what cannot be read: a note at the attachment ----------------------------------------------------------


def _encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf([f"身份证号 {ID}"]))))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.4\n%%EOF\n", "无法打开（文件可能已损坏，或不是真正的 PDF 文件）"),
        (b"\x00" * 64, "无法打开（文件可能已损坏，或不是真正的 PDF 文件）"),
        (_encrypted("open-secret"), "设置了打开密码，无法读取"),
        (pdf([None, None]), "没有可以复制的文字（可能是扫描件或图片）"),
    ],
    ids=["damaged", "not-a-pdf", "password", "scanned"],
)
def test_a_pdf_whose_text_cannot_be_read_is_a_located_note_with_a_hint(
    column: Path, tmp_path: Path, data: bytes, reason: str
) -> None:
    replace_attachment(column, "名单.pdf", data)
    _, diagnostics = check(tmp_path)
    notes = [d for d in diagnostics if "名单.pdf" in d.message]
    assert [d.format() for d in notes] == [
        f"{PDF_AT}: 提示[entry-attachment-unreadable] 附件：附件“附件/名单.pdf”{reason}，其中的个人信息"
        "（身份证号码、手机号码、银行卡号）未能检查（提示：请人工核对其中有没有个人信息；如有可以复制文字、"
        "没有打开密码的版本（例如由 Word 直接另存为的 PDF），请改用那个版本。）"
    ]


def test_a_pdf_that_only_restricts_printing_is_read(column: Path, tmp_path: Path) -> None:
    replace_attachment(column, "名单.pdf", _encrypted(""))
    _, diagnostics = check(tmp_path)
    assert [d.message for d in diagnostics if "名单.pdf" in d.message] == [
        f"附件“附件/名单.pdf”第 1 页出现了居民身份证号码（{ID_MASKED}）"
    ]


def test_scanned_pages_among_text_pages_are_named(column: Path, tmp_path: Path) -> None:
    replace_attachment(column, "名单.pdf", pdf([f"身份证号 {ID}", None, None, "第四页", None]))
    _, diagnostics = check(tmp_path)
    assert [d.message for d in diagnostics if "名单.pdf" in d.message] == [
        "附件“附件/名单.pdf”第 2-3、5 页没有可以复制的文字（可能是扫描的图片），其中的个人信息（身份证号码、手机号码、"
        "银行卡号）未能检查",
        f"附件“附件/名单.pdf”第 1 页出现了居民身份证号码（{ID_MASKED}）",
    ]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("名单.docx", b"PK\x03\x04 not a zip", "无法打开（文件可能已损坏，或不是真正的 Word 文件）"),
        ("名单.xlsx", a_docx(), "无法打开（文件可能已损坏，或不是真正的 Excel 文件）"),
    ],
)
def test_a_damaged_word_or_excel_file_is_a_note(
    column: Path, tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    replace_attachment(column, name, data)
    _, diagnostics = check(tmp_path)
    assert [d.message for d in diagnostics if name in d.message] == [
        f"附件“附件/{name}”{reason}，其中的个人信息（身份证号码、手机号码、银行卡号）未能检查"
    ]


def test_a_word_file_that_unzips_past_the_limit_is_not_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attachments, "MAX_UNPACKED", 1000)
    text = extract(a_docx(), ".docx")
    assert text.passages == ()
    assert text.unreadable.startswith("解压后有 ") and text.unreadable.endswith("，超过了 1000 字节 的上限，未读取")


# -- bounded work --------------------------------------------------------------------------------------------


def test_a_long_pdf_is_read_up_to_the_page_limit_and_says_so(
    column: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(attachments, "MAX_PAGES", 2)
    replace_attachment(column, "名单.pdf", pdf(["第一页", "第二页", f"身份证号 {ID}"]))
    _, diagnostics = check(tmp_path)
    assert [d.format() for d in diagnostics if "名单.pdf" in d.message] == [
        f"{PDF_AT}: 提示[entry-attachment-truncated] 附件：附件“附件/名单.pdf”超过 2 页，只读取了前 2 页，"
        "其余部分没有检查个人信息（提示：请人工核对其余部分有没有个人信息，或者把附件拆成几个较小的文件。）"
    ]


def test_text_past_the_character_limit_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attachments, "MAX_CHARS", 30_000)
    text = extract(pdf([f"身份证号 {ID}" + "公示" * 15_000, f"身份证号 {ID}", "第三页"]), ".pdf")
    assert [p.where for p in text.passages] == ["第 1 页"]  # the beginning of page 1, up to the limit
    assert text.cut == "的文字超过 3 万字，只读取了前 3 万字"


def test_a_sheet_is_read_up_to_the_cell_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attachments, "MAX_CELLS", 5)
    text = extract(a_xlsx(rows=3), ".xlsx")
    assert [p.where for p in text.passages] == ["工作表“名单”的 B2 单元格"]  # A1 B1 C1 A2 B2, not C2
    assert text.cut == "超过 5 个单元格，只读取了前 5 个"


def test_a_list_of_many_people_is_summed_up_after_the_first_of_each_kind(column: Path, tmp_path: Path) -> None:
    replace_attachment(column, "名单.xlsx", a_xlsx(rows=25))
    _, diagnostics = check(tmp_path)
    found = [d for d in diagnostics if "名单.xlsx" in d.message]
    assert [d.code for d in found].count("privacy-id-number") == 20
    assert [d.code for d in found].count("privacy-mobile") == 20
    assert [d.format() for d in found if d.code == "entry-attachment-more-findings"] == [
        f"{XLSX_AT}: 提示[entry-attachment-more-findings] 附件：附件“附件/名单.xlsx”中另有身份证号码 5 处、"
        "手机号码 5 处没有逐一列出（提示：每种个人信息只列出前 20 处；请删除附件中的全部个人信息，再重新检查。）"
    ]


# -- the cache ------------------------------------------------------------------------------------------------


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The suffix of each attachment whose text is read (not taken from the cache)."""
    calls: list[str] = []
    real = attachments.extract

    def counting(data: bytes, suffix: str) -> attachments.AttachmentText:
        calls.append(suffix)
        return real(data, suffix)

    monkeypatch.setattr(attachments, "extract", counting)
    return calls


def test_the_second_check_reads_the_text_from_the_cache(column: Path, tmp_path: Path, extractions: list[str]) -> None:
    cache = tmp_path / "project" / ".gkml-cache" / "attachments"
    cache.parent.parent.mkdir()
    _, first = check(tmp_path, AttachmentTexts(cache))
    assert sorted(extractions) == [".docx", ".pdf", ".xlsx"]
    files = sorted(p.relative_to(cache).as_posix() for p in cache.rglob("*") if p.is_file())
    assert len(files) == 3 and all(len(f.split("/")[1].split(".")[0]) == 64 for f in files)  # by sha256
    assert (cache.parent / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172")
    extractions.clear()
    _, second = check(tmp_path, AttachmentTexts(cache))
    assert extractions == []
    assert said(second) == said(first)
    # a changed attachment is read again; the others still come from the cache
    replace_attachment(column, "名单.pdf", pdf([f"身份证号 {ID}"]))
    check(tmp_path, AttachmentTexts(cache))
    assert extractions == [".pdf"]


def test_a_garbage_cache_file_is_ignored_and_rewritten(column: Path, tmp_path: Path, extractions: list[str]) -> None:
    cache = tmp_path / ".gkml-cache" / "attachments"
    _, first = check(tmp_path, AttachmentTexts(cache))
    garbage = [b"", b"\xff\xfe not utf-8", b"[1, 2", b'{"reader": "gkml 0", "passages": []}', b"[" * 100_000]
    for path, junk in zip(sorted(cache.rglob("*.json")), garbage, strict=False):
        path.write_bytes(junk)
    extractions.clear()
    _, again = check(tmp_path, AttachmentTexts(cache))
    assert sorted(extractions) == [".docx", ".pdf", ".xlsx"]
    assert said(again) == said(first)
    extractions.clear()
    check(tmp_path, AttachmentTexts(cache))
    assert extractions == []  # rewritten


def test_without_a_cache_folder_nothing_is_written(column: Path, tmp_path: Path, extractions: list[str]) -> None:
    before = sorted(tmp_path.rglob("*"))
    check(tmp_path, AttachmentTexts(None))
    check(tmp_path, AttachmentTexts(None))
    assert len(extractions) == 6
    assert sorted(tmp_path.rglob("*")) == before


def test_a_cache_folder_that_is_a_link_elsewhere_is_not_written_into(
    column: Path, tmp_path: Path, extractions: list[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / ".gkml-cache").symlink_to(elsewhere, target_is_directory=True)
    _, diagnostics = check(tmp_path, AttachmentTexts(tmp_path / "project" / ".gkml-cache" / "attachments"))
    assert list(elsewhere.iterdir()) == []
    assert len(diagnostics) == 7


# -- the whole catalogue: gkml check, forked workers -------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The example project with one entry (公租房管理实施细则) whose attachment lists a person, the
    bureau's duty mobile public (the example's other entries and attachments are left out: fast)."""
    root = tmp_path / "县住建局"
    shutil.copytree(CATALOGUE, root / "catalogue", ignore=lambda folder, names: [n for n in names if n.isdigit()])
    (root / "mkdocs.yml").write_text("site_name: 示例\nplugins:\n  - gkml\n", encoding="utf-8")
    site = root / "catalogue" / "_site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + f"公开电话: {DUTY}\n", encoding="utf-8")
    rules = "保障性住房/法规政策/2025/公租房管理实施细则.md"
    (root / "catalogue" / rules).parent.mkdir()
    shutil.copy(CATALOGUE / rules, root / "catalogue" / rules)
    (root / "catalogue" / rules).parent.joinpath("附件").mkdir()
    (root / "catalogue" / rules).parent.joinpath("附件", "实施细则全文.pdf").write_bytes(a_pdf())
    return root


def _scanned(diagnostics: list[Diagnostic]) -> list[str]:
    return [f"{d.where} {d.code} {d.message}" for d in diagnostics if "附件“" in d.message]


RULES = "保障性住房/法规政策/2025/公租房管理实施细则.md:11:23"
EXPECTED = [
    f"{RULES} privacy-id-number 附件“附件/实施细则全文.pdf”第 1 页出现了居民身份证号码（{ID_MASKED}）",
    f"{RULES} privacy-mobile 附件“附件/实施细则全文.pdf”第 1 页出现了手机号码（{MOBILE_MASKED}）",
]


def test_gkml_check_keeps_the_cache_beside_mkdocs_yml(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project)
    catalogue_files = sorted(p for p in (project / "catalogue").rglob("*"))
    assert cli.main(["check", "--today", "2025-06-01"]) == 1
    out = capsys.readouterr().out
    assert f"catalogue/{EXPECTED[0].replace(' privacy-id-number ', ': 错误[privacy-id-number] 附件：')}" in out
    key = hashlib.sha256(a_pdf()).hexdigest()
    assert (project / ".gkml-cache" / "attachments" / key[:2] / f"{key}.pdf.json").is_file()
    assert sorted(p for p in (project / "catalogue").rglob("*")) == catalogue_files  # nothing written there


def test_forked_workers_share_the_cache(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = project / "catalogue" / "保障性住房" / "法规政策" / "2025"
    entry = (rules / "公租房管理实施细则.md").read_text(encoding="utf-8")
    for n in range(2, 6):  # more entries, each with its own attachment
        (rules / "附件" / f"名单{n}.pdf").write_bytes(pdf([f"第 {n} 批 身份证号 {ID}"]))
        text = entry.replace("fgzc-20250310-1", f"fgzc-20250310-{n}").replace("实施细则全文.pdf", f"名单{n}.pdf")
        (rules / f"细则{n}.md").write_text(text, encoding="utf-8")
    monkeypatch.setattr(catalogue, "_ENTRIES_PER_WORKER", 1)  # one worker per entry (forked where possible)
    cache = project / ".gkml-cache" / "attachments"
    runs = []
    for _ in range(2):
        loaded, diagnostics = check_catalogue(project / "catalogue", git_dates=False, attachment_cache=cache)
        assert loaded is None
        runs.append(_scanned(diagnostics))
    assert runs[0] == runs[1]
    assert len(runs[0]) == 2 + 4
    assert len(list(cache.rglob("*.pdf.json"))) == 5
    assert not any(p.name.endswith(".tmp") for p in cache.rglob("*"))


def test_the_catalogue_reports_attachments_as_pages_are(project: Path) -> None:
    loaded, diagnostics = check_catalogue(project / "catalogue", git_dates=False)
    assert loaded is None
    shown = (project / "catalogue").as_posix()
    assert _scanned(diagnostics) == [f"{shown}/{line}" for line in EXPECTED]
    assert not os.path.exists(project / ".gkml-cache")  # no cache asked for


def test_export_import_and_diff_load_without_reading_attachments(project: Path, extractions: list[str]) -> None:
    """Only checks and builds (check_catalogue) read attachments: what publishes nothing needs no scan."""
    loaded, diagnostics = catalogue.load_catalogue(project / "catalogue", git_dates=False)
    assert loaded is not None and _scanned(diagnostics) == []
    assert extractions == []


# -- the text the site's search holds ------------------------------------------------------------------------


def test_search_reads_a_word_file_as_it_reads_now_without_tracked_deletions() -> None:
    document = docx.Document()
    revised = document.add_paragraph("办理地点：")
    revised._p.append(
        parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="甲"><w:r><w:delText>旧址东楼</w:delText></w:r></w:del>')
    )
    revised._p.append(
        parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="甲"><w:r><w:t>政务服务中心</w:t></w:r></w:ins>')
    )
    document.add_table(rows=1, cols=1).rows[0].cells[0].text = "申请材料清单"
    out = io.BytesIO()
    document.save(out)
    words = extract(out.getvalue(), ".docx").words
    assert "办理地点：政务服务中心" in words and "申请材料清单" in words
    assert "旧址东楼" not in words  # deleted: still scanned for identifiers, but not what a reader sees


def test_search_holds_the_first_20000_characters_and_they_come_from_the_cache(tmp_path: Path) -> None:
    pages = ["第一页的正文" * 2000, "第二页的正文" * 2000, "第三页不在检索范围内"]
    data = pdf(pages)
    text = extract(data, ".pdf")
    assert len(text.words) <= attachments.SEARCH_CHARS + 1 and "第三页" not in text.words
    assert text.words.startswith("第一页的正文")
    cache = AttachmentTexts(tmp_path / ".gkml-cache" / "attachments")
    assert cache.read(data, ".pdf") == text
    assert cache.read(data, ".pdf").words == text.words  # read back from the cache file
    assert len(list((tmp_path / ".gkml-cache" / "attachments").rglob("*.json"))) == 1
