"""The rules a government site is inspected on: identity block, required pages, true dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.check.freshness import latest_deadline, max_age
from generator.check.run import check_catalogue, check_content
from generator.load.catalogue import load_catalogue
from generator.model.records import Category
from generator.site.pages import BASE, Renderer
from generator.site.routes import Routes

from .helpers import RECORDS, formatted, write_tree

RECORD = (RECORDS / "valid_minimal.yaml").read_text(encoding="utf-8")
SITE = "单位名称: 示例县住房和城乡建设局\n电话: 0000-6123456\n"
IDENTITY = (
    "网站标识码: '1234000001'\nICP备案号: 示ICP备12345678号\n公安机关备案号: 示公网安备12345678901234号\n"
    "党政机关标识: images/dzjg.png\n找错网址: https://zfwzzc.www.gov.cn/\n网站地址: https://www.example.gov.cn/zjj/gkml/\n"
)


def tree(tmp_path: Path, site: str, record: str = RECORD, meta: str = "") -> Path:
    files = {"_site.yaml": site, "保障性住房/配给管理/公租房承租资格审核.yaml": record}
    if meta:
        files["保障性住房/配给管理/_meta.yaml"] = meta
    return write_tree(tmp_path / "catalogue", files)


def test_a_site_in_trial_needs_no_identity_block(tmp_path: Path) -> None:
    catalogue, diagnostics = load_catalogue(tree(tmp_path, SITE), git_dates=False)
    assert catalogue is not None and not catalogue.site.production
    assert formatted(diagnostics) == []


def test_a_site_in_production_must_show_every_identifier(tmp_path: Path) -> None:
    catalogue, diagnostics = load_catalogue(
        tree(tmp_path, "单位名称: 示例县住房和城乡建设局\n状态: 正式\n"), git_dates=False
    )
    assert catalogue is None
    codes = [(d.code, d.element) for d in diagnostics]
    assert codes == [
        ("site-identity-missing", "网站标识码"),
        ("site-identity-missing", "ICP备案号"),
        ("site-identity-missing", "公安机关备案号"),
        ("site-identity-missing", "党政机关标识"),
        ("site-identity-missing", "找错网址"),
        ("site-contact-missing", "电话"),
        ("site-url-missing", "网站地址"),
    ]
    assert diagnostics[0].message == "网站已设为正式运行，但缺少“网站标识码”"
    assert "政府网站每个页面底部都要列明网站标识码" in diagnostics[0].hint


def test_a_complete_site_in_production_passes(tmp_path: Path) -> None:
    catalogue, diagnostics = load_catalogue(tree(tmp_path, SITE + IDENTITY + "状态: 正式\n"), git_dates=False)
    assert catalogue is not None and catalogue.site.production
    assert formatted(diagnostics) == []


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("状态: 上线\n", "vocab-unknown"),
        ("找错网址: javascript:alert(1)\n", "url-scheme"),
        ("党政机关标识网址: //x.cn\n", "url-scheme"),
        ("网站标识码: '123400001'\n", "site-code-format"),  # nine digits
        ("网站标识码: 1234-000001\n", "site-code-format"),
    ],
)
def test_bad_site_settings_are_located(tmp_path: Path, line: str, code: str) -> None:
    _, diagnostics = load_catalogue(tree(tmp_path, SITE + line), git_dates=False)
    (d,) = diagnostics
    assert (d.code, d.line) == (code, 3)


def test_placeholders_are_notes_in_trial_and_errors_in_production(tmp_path: Path) -> None:
    docs = write_tree(
        tmp_path / "content", {"gongkai/guide.md": "# 指南\n\n- 地址：【请填写：办公地址】\n", "a.md": "# 好\n"}
    )
    (note,) = check_content(docs, production=False, shown="content")
    assert note.format().startswith(
        "content/gongkai/guide.md:3:6: 提示[content-placeholder] 页面中还有待填写的内容“【请填写：办公地址】”"
    )
    (error,) = check_content(docs, production=True, shown="content")
    assert error.severity.value == "error"


def test_the_example_pages_hold_placeholders_for_the_county(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    found = {d.file for d in check_content(root / "content", production=True, shown="content")}
    assert found == {"content/gongkai/guide.md", "content/gongkai/apply.md", "content/gongkai/annual-reports.md"}


def test_stale_columns_are_notes_in_trial_and_warnings_in_production(tmp_path: Path) -> None:
    record = RECORD + "更新日期: 2024-01-15\n"
    folder = tree(tmp_path, SITE, record)
    _, diagnostics = check_catalogue(folder, git_dates=False, today=dt.date(2025, 1, 15))
    (d,) = [d for d in diagnostics if d.code == "column-stale"]
    assert d.severity.value == "info"
    assert d.message == "栏目“配给管理”已 366 天没有更新（最近更新 2024-01-15），超过 365 天"
    _, diagnostics = check_catalogue(folder, git_dates=False, today=dt.date(2025, 1, 14))
    assert [d for d in diagnostics if d.code == "column-stale"] == []
    production = tree(tmp_path / "p", SITE + IDENTITY + "状态: 正式\n", record, meta="更新周期: 30\n")
    _, diagnostics = check_catalogue(production, git_dates=False, today=dt.date(2024, 2, 20))
    (d,) = [d for d in diagnostics if d.code == "column-stale"]
    assert d.severity.value == "warning" and "超过 30 天" in d.message
    assert d.file.endswith("保障性住房/配给管理/_meta.yaml")


def test_column_update_periods_follow_the_inspection_rules() -> None:
    assert max_age(Category("工作动态", "a", 1)) == 14
    assert max_age(Category("政策文件", "a", 1)) == 180
    assert max_age(Category("配给管理", "a", 1)) == 365
    assert max_age(Category("配给管理", "a", 1, max_age=7)) == 7


def test_periodic_time_limits_make_items_overdue(tmp_path: Path) -> None:
    record = RECORD.replace("信息形成或者变更之日起20个工作日内", "每年3月底前") + "更新日期: 2023-03-20\n"
    folder = tree(tmp_path, SITE, record)
    _, diagnostics = check_catalogue(folder, git_dates=False, today=dt.date(2024, 4, 2))
    (d,) = [d for d in diagnostics if d.code == "item-overdue"]
    assert d.message == "按公开时限“每年3月底前”，本事项最迟应在 2024-03-31 更新，最近更新为 2023-03-20"
    _, diagnostics = check_catalogue(folder, git_dates=False, today=dt.date(2024, 3, 30))
    assert [d for d in diagnostics if d.code == "item-overdue"] == []


def test_latest_deadline() -> None:
    assert latest_deadline("每年3月底前", dt.date(2024, 3, 31)) == (dt.date(2024, 3, 31), 365)
    assert latest_deadline("每年3月底前", dt.date(2024, 3, 30)) == (dt.date(2023, 3, 31), 365)
    assert latest_deadline("每季度公开", dt.date(2024, 5, 1)) == (dt.date(2024, 5, 1), 92)
    assert latest_deadline("实时", dt.date(2024, 5, 1)) is None


def test_the_footer_lists_the_identity_block_with_links_relative_to_each_page(tmp_path: Path) -> None:
    catalogue, _ = load_catalogue(
        tree(tmp_path, SITE + IDENTITY + "党政机关标识网址: https://bszs.conac.cn/x\n"), git_dates=False
    )
    assert catalogue is not None
    footer = Renderer(catalogue, Routes()).footer()
    assert f'<a href="{BASE}/sitemap/">网站地图</a>' in footer
    assert f'<img src="{BASE}/images/dzjg.png" alt="党政机关网站标识"' in footer
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">示ICP备12345678号</a>' in footer
    assert "registerSystemInfo?recordcode=12345678901234" in footer
    assert '<a href="https://zfwzzc.www.gov.cn/" rel="noopener">我为政府网站找错</a>' in footer
    assert "网站标识码：1234000001" in footer and "主办单位：示例县住房和城乡建设局" in footer


def test_the_badge_image_must_be_in_the_site(tmp_path: Path) -> None:
    catalogue, _ = load_catalogue(tree(tmp_path, SITE + IDENTITY), git_dates=False)
    assert catalogue is not None
    docs = write_tree(tmp_path / "content", {"index.md": "# 首页\n"})
    (d,) = check_content(docs, production=False, shown="content", site=catalogue.site)
    assert d.code == "site-image-missing" and d.file.endswith("catalogue/_site.yaml")
    assert (d.line, d.column) == (6, 9)  # the 党政机关标识 line (tree site_image_missing shows the whole message)
    assert d.message == "党政机关标识图片“images/dzjg.png”不存在" and "content/images/dzjg.png" in d.hint
    write_tree(docs, {"images/dzjg.png": b"\x89PNG"})
    assert check_content(docs, production=True, shown="content", site=catalogue.site) == []


def test_a_placeholder_written_as_code_is_quoted_not_left_to_fill_in(tmp_path: Path) -> None:
    """The guide shows what placeholders look like: in backticks or a fenced block they are not reported."""
    page = (
        "# 说明\n\n未填写时写成 `【请填写正文】`，例如：\n\n"
        "```yaml\n标题: 【请填写标题】\n```\n\n地址：【请填写：办公地址】\n"
    )
    docs = write_tree(tmp_path / "content", {"a.md": page})
    found = check_content(docs, production=True, shown="content")
    assert [(d.code, d.line, d.column) for d in found] == [("content-placeholder", 9, 4)]
