"""Entries (公开信息): one Markdown file with front matter, in a column's year folder, read and
checked on its own (check.entry) and across the catalogue (check.entries); their Atom feeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser  # type: ignore[import-untyped]
import pytest

from generator.check.entries import check_entries
from generator.check.entry import validate_entry
from generator.load.entries import entry_paths, read_entry_file
from generator.load.files import FileChanged, FileGate, os_reason
from generator.model.entries import Entry
from generator.model.limits import DEFAULT_LIMITS, Limits
from generator.model.records import Audience, Basis, Channel, ContentElement, Record
from generator.site.feeds import Feed, atom_xml

ITEM = Record(
    id="bzxzf-pjgl-zgsh",
    name="公租房承租资格审核",
    content=(ContentElement("审核结果", True),),
    basis=(Basis("《公共租赁住房管理办法》"),),
    time_limit="信息形成或者变更之日起20个工作日内",
    subject="示例县住房和城乡建设局住房保障股",
    methods=("主动",),
    channels=(Channel("政府网站", True, "政府信息公开"),),
    audiences=(Audience("全社会"),),
    levels=("县级",),
)
GOOD = """\
---
id: pjgl-20250312-1
标题: 关于第三批公租房承租资格审核结果的公示
事项: bzxzf-pjgl-zgsh
发布日期: 2025-03-12
形成日期: 2025-03-05
发布机构: 示例县住房和城乡建设局住房保障股
文号: 示建保〔2025〕3号
类别: 公示公告
附件: [{名称: 审核结果名单, 文件: 附件/名单.pdf}]
审核: {审核人: 李四, 审核日期: 2025-03-11}
---

经审核，第三批 25 户申请家庭符合公租房承租条件，现予公示。
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check(path: Path, root: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[Entry | None, list[str]]:
    gate = FileGate.within(root, limits=limits)
    entry_file, problems = read_entry_file(path, path.relative_to(root).as_posix(), gate)
    if entry_file is None:
        return None, [d.format() for d in problems]
    entry, more = validate_entry(entry_file, {ITEM.id: ITEM}, gate)
    return entry, [d.format() for d in [*problems, *more]]


@pytest.fixture
def column(tmp_path: Path) -> Path:
    folder = tmp_path / "保障性住房" / "配给管理"
    write(folder, "2025/附件/名单.pdf", "%PDF-1.4\n%%EOF\n")
    return folder


def test_a_complete_entry_is_read_with_its_attachment(column: Path, tmp_path: Path) -> None:
    path = write(column, "2025/第三批公示.md", GOOD)
    assert entry_paths(column) == [path]
    entry, problems = check(path, tmp_path)
    assert problems == []
    assert entry is not None
    assert (entry.id, entry.item, entry.published, entry.formed, entry.start) == (
        "pjgl-20250312-1",
        "bzxzf-pjgl-zgsh",
        "2025-03-12",
        "2025-03-05",
        "2025-03-05",
    )
    assert [(a.name, a.path, a.kind, a.size) for a in entry.attachments] == [
        ("审核结果名单", "附件/名单.pdf", "PDF", 15)
    ]
    assert entry.markdown.strip().startswith("经审核")
    assert entry.positions["发布日期"] == (5, 1)


def test_a_long_body_is_published_as_checked_or_not_at_all(column: Path, tmp_path: Path) -> None:
    """A long body stays in its file until a page needs it (the memory of 200,000 entries); what is
    read then is what was checked, or the build stops with a reason in Chinese instead of publishing
    text no check has seen (say an ID number typed into the file while a long build runs)."""
    body = "\r\n".join(f"第{n}段：经审核，第三批公租房承租资格审核结果公示如下。" for n in range(40)) + "\r\n"
    path = write(column, "2025/第三批公示.md", "\ufeff" + GOOD.replace("\n", "\r\n") + body)
    entry, problems = check(path, tmp_path)
    assert entry is not None, problems
    assert [p.split(": ", 1)[1].split("（")[0] for p in problems] == ["提示[encoding-bom] 文件开头有 BOM"]
    assert not isinstance(entry.body, str)  # left in the file
    assert entry.markdown.endswith("第39段：经审核，第三批公租房承租资格审核结果公示如下。\n")
    assert entry.markdown.count("\r") == 0
    edited = path.read_text(encoding="utf-8").replace("第7段", "身份证号 110101199003071234 第7段")
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(FileChanged) as raised:
        _ = entry.markdown
    assert os_reason(raised.value) == "文件在检查之后被修改过，请重新构建"
    assert raised.value.filename == str(path.resolve())


def test_entries_live_in_year_folders_and_attachments_are_not_entries(column: Path) -> None:
    write(column, "2025/附件/说明.md", GOOD)
    write(column, "说明.md", GOOD)
    write(column, "草稿/说明.md", GOOD)
    assert entry_paths(column) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("事项: bzxzf-pjgl-zgsh", "事项: bzxzf-pjgl-pzjg"),
            "4:5: 错误[entry-item-unknown] 事项：“bzxzf-pjgl-pzjg”不是本栏目的公开事项",
        ),
        (("类别: 公示公告", "类别: 公告"), "9:5: 错误[vocab-unknown] 类别："),
        (
            ("形成日期: 2025-03-05", "形成日期: 2025-03-20"),
            "6:7: 错误[entry-formed-after-published] 形成日期 2025-03-20 晚于发布日期 2025-03-12",
        ),
        (("发布日期: 2025-03-12", "发布日期: 2025-02-30"), "5:7: 错误[date-format] 发布日期："),
        (
            ("文件: 附件/名单.pdf", "文件: 附件/名单.exe"),
            "错误[entry-attachment-type] 附件：附件“附件/名单.exe”的类型不能发布",
        ),
        (
            ("文件: 附件/名单.pdf", "文件: ../../名单.pdf"),
            "错误[entry-attachment-outside] 附件：附件“../../名单.pdf”不在信息文件所在的文件夹中",
        ),
        (
            ("文件: 附件/名单.pdf", "文件: 附件/没有.pdf"),
            "错误[entry-attachment-missing] 附件：附件“附件/没有.pdf”不存在",
        ),
        (("标题: ", "题目: "), "错误[unknown-key]"),
    ],
)
def test_each_problem_is_located_in_chinese(
    column: Path, tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    path = write(column, "2025/公示.md", GOOD.replace(*change))
    entry, problems = check(path, tmp_path)
    assert entry is None
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("保障性住房/配给管理/2025/") for p in problems), problems


def test_an_entry_without_front_matter_or_body_is_refused(column: Path, tmp_path: Path) -> None:
    entry, problems = check(write(column, "2025/a.md", "经审核……\n"), tmp_path)
    assert entry is None and problems == [
        "保障性住房/配给管理/2025/a.md:1:1: 错误[entry-front-matter-missing] 信息文件开头没有用 --- 括起来的信息要素"
        "（标题、事项、发布日期……）（提示：文件第一行写 ---，接着每行写一个要素（如“标题: 关于……的通知”），"
        "再写一行 ---，下面是正文；可以用 gkml new --entry 生成。）"
    ]
    body_less = GOOD[: GOOD.rindex("---") + 4]
    entry, problems = check(write(column, "2025/b.md", body_less), tmp_path)
    assert entry is None and any("[entry-body-empty]" in p for p in problems)


def test_an_attachment_over_the_limit_is_refused_with_its_size(column: Path, tmp_path: Path) -> None:
    path = write(column, "2025/公示.md", GOOD)
    entry, problems = check(path, tmp_path, Limits(attachment_bytes=10))
    assert entry is None
    assert any("[file-too-large]" in p and p.startswith("保障性住房/配给管理/2025/公示.md:10:") for p in problems), (
        problems
    )


def test_a_personal_id_number_in_the_body_is_an_error(column: Path, tmp_path: Path) -> None:
    path = write(column, "2025/公示.md", GOOD + "申请人身份证号 11010519491231002X。\n")
    entry, problems = check(path, tmp_path)
    assert entry is None and any("[privacy-id-number]" in p for p in problems)


def test_a_repealed_policy_needs_its_date(column: Path, tmp_path: Path) -> None:
    text = GOOD.replace("类别: 公示公告", "类别: 规范性文件\n有效性: {状态: 已废止}")
    entry, problems = check(write(column, "2025/a.md", text), tmp_path)
    assert entry is None and any("[entry-validity-date] 有效性：有效性为“已废止”时要写明日期" in p for p in problems)


def _entry(id_: str, **values: object) -> Entry:
    base: dict[str, object] = {
        "title": "通知",
        "item": ITEM.id,
        "published": "2025-03-12",
        "publisher": "示例县住房和城乡建设局",
        "category": "通知公告",
        "file": f"c/2025/{id_}.md",
    }
    return Entry(id=id_, **{**base, **values})  # type: ignore[arg-type]


TODAY = dt.date(2025, 6, 1)


def test_across_entries_unknown_links_and_ids_used_twice_are_errors() -> None:
    from generator.model.entries import Review, Validity

    review = Review("李四", "2025-03-11")
    entries = [
        _entry("a", review=review, related=("nope",)),
        _entry("b", review=review, validity=Validity("已废止", "2025-05-01", "gone")),
        _entry("a", review=review),
    ]
    found = sorted(d.code for d in check_entries(entries, production=True, today=TODAY))
    assert found == ["duplicate-id", "entry-related-unknown", "entry-replacement-unknown"]


def test_review_is_required_in_production_and_a_note_before() -> None:
    entries = [_entry("a")]
    (production,) = check_entries(entries, production=True, today=TODAY)
    (trial,) = check_entries(entries, production=False, today=TODAY)
    assert (production.code, production.severity.value, trial.severity.value) == (
        "entry-review-missing",
        "error",
        "info",
    )


def test_a_future_date_is_a_date_relative_finding_not_an_error() -> None:
    from generator.check.diagnostics import date_relative
    from generator.model.entries import Review

    (finding,) = check_entries(
        [_entry("a", published="2025-07-01", review=Review("李四", "2025-03-11"))], production=True, today=TODAY
    )
    assert finding.code == "entry-future-date" and finding.severity.value == "warning" and date_relative(finding)


def test_feeds_parse_cleanly_newest_first_with_absolute_links() -> None:
    entries = [_entry("a", published="2025-03-01"), _entry("b", published="2025-04-01", title="关于<测试>&公示")]
    xml = atom_xml(
        Feed("示例县住房和城乡建设局 · 配给管理", "bzxzf/pjgl/feed.xml", "bzxzf/pjgl/", entries),
        author="示例县住房和城乡建设局",
        url=lambda path: "https://zjj.example.gov.cn/" + path,
        entry_url=lambda e: f"https://zjj.example.gov.cn/info/{e.id}/",
    )
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.title for e in parsed.entries] == ["关于<测试>&公示", "通知"]
    assert parsed.entries[0].link == "https://zjj.example.gov.cn/info/b/"
    assert parsed.feed.links[0].href == "https://zjj.example.gov.cn/bzxzf/pjgl/feed.xml"
    assert xml == atom_xml(
        Feed("示例县住房和城乡建设局 · 配给管理", "bzxzf/pjgl/feed.xml", "bzxzf/pjgl/", list(reversed(entries))),
        author="示例县住房和城乡建设局",
        url=lambda path: "https://zjj.example.gov.cn/" + path,
        entry_url=lambda e: f"https://zjj.example.gov.cn/info/{e.id}/",
    ), "the same entries give the same feed"


# -- entries in a whole catalogue ------------------------------------------------------------
EXAMPLE = Path(__file__).parents[2] / "catalogue"


def _example_with(tmp_path: Path) -> Path:
    """A copy of the example catalogue (its items and entries)."""
    import shutil

    folder = tmp_path / "catalogue"
    shutil.copytree(EXAMPLE, folder)
    return folder


def _load(folder: Path) -> tuple[object, list[str]]:
    from generator.load.catalogue import load_catalogue

    catalogue, diagnostics = load_catalogue(folder, git_dates=False)
    return catalogue, [d.format() for d in diagnostics if d.code.startswith("entry-")]


def test_the_example_catalogue_loads_its_entries_into_their_columns(tmp_path: Path) -> None:
    from generator.load.catalogue import load_catalogue

    catalogue, _ = load_catalogue(EXAMPLE, git_dates=False)
    assert catalogue is not None and catalogue.entries
    for area in catalogue.areas:
        for category in area.categories:
            ids = {r.id for r in category.records}
            assert all(e.item in ids and e.column == category.title for e in category.entries)
            dates = [e.published for e in category.entries]
            assert dates == sorted(dates, reverse=True)  # newest first


def test_an_entry_outside_a_year_folder_is_reported_not_dropped_silently(tmp_path: Path) -> None:
    folder = _example_with(tmp_path)
    column = folder / "保障性住房" / "配给管理"
    write(column, "资格审核结果公示.md", GOOD)
    write(column, "草稿/另一条.md", GOOD.replace("pjgl-20250312-1", "pjgl-20250312-9"))
    catalogue, problems = _load(folder)
    shown = folder.as_posix()
    assert catalogue is None
    assert problems == [
        f"{shown}/保障性住房/配给管理/草稿/另一条.md:1:1: 错误[entry-outside-year] "
        "信息文件不在年份文件夹中，不会发布"
        f"（提示：信息文件放在栏目文件夹下按发布年份命名的文件夹里（如 {shown}/保障性住房/配给管理/2025/），"
        "附件放在其中的“附件”文件夹；可以用 gkml new --entry 生成。）",
        f"{shown}/保障性住房/配给管理/资格审核结果公示.md:1:1: 错误[entry-outside-year] "
        "信息文件不在年份文件夹中，不会发布"
        f"（提示：信息文件放在栏目文件夹下按发布年份命名的文件夹里（如 {shown}/保障性住房/配给管理/2025/），"
        "附件放在其中的“附件”文件夹；可以用 gkml new --entry 生成。）",
    ]


def test_an_attachment_no_entry_names_is_a_note(tmp_path: Path) -> None:
    folder = _example_with(tmp_path)
    write(folder / "保障性住房" / "配给管理", "2025/附件/旧名单.pdf", "%PDF-1.4\n%%EOF\n")
    catalogue, problems = _load(folder)
    assert catalogue is not None
    assert [p for p in problems if "entry-attachment-unused" in p] == [
        f"{folder.as_posix()}/保障性住房/配给管理/2025/附件/旧名单.pdf:1:1: 提示[entry-attachment-unused] "
        "附件“旧名单.pdf”没有被任何信息引用，不会发布（提示：在信息文件的“附件:”中写上它，或者删除这个文件（撤下信息时附件也要删除）。）"
    ]


def test_the_entries_of_an_item_with_errors_are_not_told_to_name_another(tmp_path: Path) -> None:
    """One mistyped 方式 in an item: one error, in the item's file; not one more in each of its
    entries saying that their 事项 does not exist, with a hint to name another item."""
    folder = _example_with(tmp_path)
    record = folder / "农村危房改造" / "政策解读" / "本级政策解读（具体规定）.yaml"
    mistyped = record.read_text(encoding="utf-8").replace("方式: 主动\n", "方式: 主动公开吧\n")
    record.write_text(mistyped, encoding="utf-8")
    from generator.load.catalogue import load_catalogue

    catalogue, diagnostics = load_catalogue(folder, git_dates=False)
    assert catalogue is None
    assert [d.format().split(": ", 1)[1] for d in diagnostics if d.severity.value == "error"] == [
        "错误[vocab-unknown] 方式：“主动公开吧”不是有效的方式（提示：可选值：主动、依申请。）"
    ]


def test_an_entry_under_an_item_of_another_column_says_where_it_belongs(tmp_path: Path) -> None:
    folder = _example_with(tmp_path)
    wrong = GOOD.replace("bzxzf-pjgl-zgsh", "bzxzf-fgzc-zcwj").replace(
        "附件: [{名称: 审核结果名单, 文件: 附件/名单.pdf}]\n", ""
    )
    write(folder / "保障性住房" / "配给管理", "2025/放错了.md", wrong)
    catalogue, problems = _load(folder)
    assert catalogue is None
    assert [p.split(": ", 1)[1] for p in problems if "elsewhere" in p] == [
        "错误[entry-item-elsewhere] 事项：事项“bzxzf-fgzc-zcwj”在栏目“法规政策”中，不在本栏目"
        "（提示：信息文件要放在它所属事项的栏目文件夹中：把本文件（连同它的附件）"
        f"移到 {folder.as_posix()}/保障性住房/法规政策/ 下的年份文件夹；"
        "事项换了栏目时，它的信息也要一起移过去。）"
    ]
