"""个人隐私去标识化: people's identifiers are found however they are written, look-alikes are not,
and every text gkml publishes is scanned (records, _site.yaml, _meta.yaml, hand-written pages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check.pages import check_page
from generator.check.privacy import check_text, public_mobiles, scan
from generator.check.run import PAGE_SUFFIXES, check_files
from generator.load.catalogue import load_catalogue

from .helpers import CATALOGUE, ROOT, write_tree

ID, MOBILE, CARD = "privacy-id-number", "privacy-mobile", "privacy-bank-card"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # as written
        ("身份证号110101199003074514", [(ID, "1101**********4514", 4)]),
        ("11010119900307451x 末位小写", []),  # checksum says 4, not X
        ("身份证 11010519491231002X", [(ID, "1101**********002X", 4)]),
        ("编号110101199003074515", []),  # wrong checksum: not an ID number
        ("联系电话13812345678", [(MOBILE, "138****5678", 4)]),
        ("手机 +86 138-1234-5678", [(MOBILE, "138****5678", 3)]),
        ("卡号6222021234567890128", [(CARD, "6222***********0128", 2)]),
        ("卡号 6222 0212 3456 7890 128", [(CARD, "6222***********0128", 3)]),
        ("流水号6222021234567890123", []),  # fails Luhn
        # full-width digits
        ("手机１３８１２３４５６７８", [(MOBILE, "138****5678", 2)]),
        ("１１０１０５１９４９１２３１００２Ｘ", [(ID, "1101**********002X", 0)]),
        # split in the groups people write
        ("1101 0519 4912 3100 2X", [(ID, "1101**********002X", 0)]),
        ("110105-19491231-002X", [(ID, "1101**********002X", 0)]),
        ("110105 1949 1231 002X", [(ID, "1101**********002X", 0)]),
        ("110105\u30001949\u30001231\u3000002X", [(ID, "1101**********002X", 0)]),  # full-width spaces
        ("１３８－１２３４－５６７８", [(MOBILE, "138****5678", 0)]),
        ("138 1234 5678、139 1234 5678", [(MOBILE, "138****5678", 0), (MOBILE, "139****5678", 14)]),
        # invisible characters inside
        ("身份证1101051949\u200b1231002X", [(ID, "1101**********002X", 3)]),
        ("1381234\u00ad5678", [(MOBILE, "138****5678", 0)]),
        ("\u200b\u200b13812345678", [(MOBILE, "138****5678", 2)]),  # the place in the text as written
        # numbers that are not a person's
        ("办公电话0571-87654321", []),
        ("电话 0000-6123456、0000-6123457", []),
        ("《公共租赁住房管理办法》（住房和城乡建设部令第11号）", []),
        ("国办发〔2019〕54号，2019-05-15 起施行", []),
        ("2024-03-05 13812345678", [(MOBILE, "138****5678", 11)]),  # the date is not joined to it
        ("面积 4000 1000 1000 4000 2000 平方米", []),  # a row of numbers, not a card …
        ("卡号 4000 1000 1000 4000", [(CARD, "4000********4000", 3)]),  # … though four of them would pass Luhn
        ("序号2024030513812345670", []),  # 19 digits passing Luhn, but no bank's first digit
        ("网站标识码 0000000001，示公网安备00000000000000号", []),
        # links: numbers in them are the site's, except an ID number
        ("https://zjj.example.gov.cn/art/2024/13812345678.html", []),
        ("见 https://zjj.example.gov.cn/a/6222021234567890128 。", []),
        ("https://example.gov.cn/q?sfz=110101199003074514", [(ID, "1101**********4514", 29)]),
    ],
)
def test_identifiers(text: str, expected: list[tuple[str, str, int]]) -> None:
    assert [(f.code, f.masked, f.start) for f in scan(text)] == expected


def test_a_mobile_the_bureau_publishes_is_not_reported() -> None:
    public = public_mobiles("13812345678、139 0000 0000")
    assert public == {"13812345678", "13900000000"}
    assert scan("值班手机 138-1234-5678，139 0000 0000", public) == []
    assert [f.masked for f in scan("值班手机 13712345678", public)] == ["137****5678"]
    assert [f.code for f in scan("110101199003074514", public_mobiles("110101199003074514"))] == [ID]


def test_findings_are_located_at_their_line_and_column() -> None:
    text = "第一行\n  电话：１３８\u200b１２３４５６７８\n"
    (d,) = check_text(text, "a.md")
    assert (d.file, d.line, d.column, d.code) == ("a.md", 2, 6, MOBILE)
    assert d.message == "出现了手机号码（138****5678）"


def test_the_example_catalogue_and_pages_have_nothing_to_hide() -> None:
    public = frozenset[str]()
    texts = [p for p in CATALOGUE.rglob("*.y*ml")]
    texts += [p for p in (ROOT / "content").rglob("*") if p.suffix in PAGE_SUFFIXES]
    assert len(texts) > 100
    found = [(p.name, f) for p in texts for f in scan(p.read_text(encoding="utf-8"), public)]
    assert found == []


# -- every file kind, at the exact place -------------------------------------------------------------------

SITE = "单位名称: 示例县住房和城乡建设局\n地址: 示例县人民路 1 号（联系人 138 1234 5678）\n"
META = "# 栏目设置\n标题: 配给管理\n简介: 承办人身份证 110105-19491231-002X\n"


def test_site_and_meta_files_are_scanned_in_the_catalogue_and_alone(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"_site.yaml": SITE, "领域/_meta.yaml": META, "领域/栏目/_meta.yaml": "标题: 栏目\n"})
    _, diagnostics = load_catalogue(root, git_dates=False)
    expected = {
        ("_site.yaml", 2, 20, "地址", MOBILE),
        ("_meta.yaml", 3, 12, "简介", ID),
    }
    found = {(Path(d.file).name, d.line, d.column, d.element, d.code) for d in diagnostics if "privacy" in d.code}
    assert found == expected
    alone = check_files([root / "_site.yaml", root / "领域" / "_meta.yaml"])
    assert {(Path(d.file).name, d.line, d.column, d.element, d.code) for d in alone} == expected


def test_the_public_list_of_the_site_holds_for_every_file(tmp_path: Path) -> None:
    site = SITE + "公开电话:\n  - 138 1234 5678\n"
    root = write_tree(tmp_path, {"_site.yaml": site, "领域/_meta.yaml": "简介: 值班 13812345678\n"})
    _, diagnostics = load_catalogue(root, git_dates=False)
    assert [d for d in diagnostics if "privacy" in d.code] == []
    assert check_files([root / "_site.yaml", root / "领域" / "_meta.yaml"]) == []


def test_everything_in_a_page_is_published_front_matter_and_comments_too() -> None:
    page = "---\ntitle: 通知\ncontact: 13812345678\n---\n# 通知\n\n<!-- 经办人 13912345678 -->\n`13712345678`\n"
    found = [(d.line, d.column, d.code) for d in check_page(page, "content/a.md")]
    assert found == [(3, 10, MOBILE), (7, 10, MOBILE), (8, 2, MOBILE)]
    assert check_page(page, "content/a.md", public=public_mobiles("13812345678 13912345678 13712345678")) == []


def test_a_number_in_an_unparsable_record_is_reported_with_the_syntax_error(tmp_path: Path) -> None:
    """All problems in one run: a mobile number does not wait for the full-width colon to be fixed."""
    import shutil

    from generator.load.catalogue import load_catalogue

    root = Path(__file__).resolve().parents[2]
    shutil.copytree(root / "catalogue", tmp_path / "catalogue")
    record = tmp_path / "catalogue" / "保障性住房" / "法规政策" / "法律法规.yaml"
    text = record.read_text(encoding="utf-8").replace("时限: ", "时限：") + "备注: 联系人 １３８１２３４５６７８\n"
    record.write_text(text, encoding="utf-8")
    _, diagnostics = load_catalogue(tmp_path / "catalogue", git_dates=False)
    codes = sorted(d.code for d in diagnostics if d.file.endswith("法律法规.yaml"))
    assert codes == ["privacy-mobile", "yaml-fullwidth-colon"]
