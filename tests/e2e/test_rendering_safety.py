"""Rendering safety: text from records and settings is shown as text and never runs.

A tiny catalogue (the real ``_site.yaml`` and one area/category of the example, with a
single record full of markup) is built with ``gkml build`` and opened in Chromium.
A ``javascript:`` link target is refused by ``gkml check`` and makes ``gkml build``
fail without touching the site built before.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE_DIR = ROOT / "catalogue"

XSS_NAME = "<script>alert(1)</script>"
XSS_CONTENT = "<img src=x onerror=alert(1)>"
XSS_BASIS_TITLE = "《<i>示例</i>办法》"
XSS_URL = 'https://example.gov.cn/doc?a="><img/src="y"/onerror=alert(3)>'  # no blanks: those are refused
XSS_TIME = "信息形成之日起20个工作日内<svg onload=alert(4)>"
XSS_SUBJECT = '示例县住房和城乡建设局"><script>alert(5)</script>'
XSS_COLUMN = '<a href="javascript:alert(6)">点我</a>'
XSS_NOTE = "</dd></dl><script>alert(7)</script>"
RECORD_ID = "xss-probe"


def record_yaml(*, basis_url: str = XSS_URL, extra_basis: str = "") -> str:
    return f"""\
id: {RECORD_ID}
名称: '{XSS_NAME}'
内容:
  - '●{XSS_CONTENT}'
  - 〇<b>可选</b>内容
依据:
  - 《中华人民共和国政府信息公开条例》（国务院令第711号）
  - 标题: {XSS_BASIS_TITLE}
    网址: '{basis_url}'
{extra_basis}时限: '{XSS_TIME}'
主体: '{XSS_SUBJECT}'
方式: 主动
渠道:
  - ■政府网站:
      栏目: '{XSS_COLUMN}'
      网址: https://zjj.example.gov.cn/
  - □两微一端
对象: 全社会
层级: 县级
更新日期: 2026-01-01
备注: '{XSS_NOTE}'
"""


def tiny_catalogue(folder: Path, record: str, *, site_yaml: str | None = None) -> tuple[Path, str, str]:
    """``_site.yaml``, the first area and its first category (with their ``_meta.yaml``), one record.

    Returns the catalogue folder and the area and category folder names.
    """
    area_dir = next(p for p in sorted(CATALOGUE_DIR.iterdir()) if p.is_dir() and not p.name.startswith(("_", ".")))
    category_dir = next(p for p in sorted(area_dir.iterdir()) if p.is_dir() and not p.name.startswith(("_", ".")))
    target = folder / area_dir.name / category_dir.name
    target.mkdir(parents=True)
    if site_yaml is None:
        shutil.copy(CATALOGUE_DIR / "_site.yaml", folder / "_site.yaml")
    else:
        (folder / "_site.yaml").write_text(site_yaml, encoding="utf-8")
    for source, dest in ((area_dir, folder / area_dir.name), (category_dir, target)):
        if (source / "_meta.yaml").exists():
            shutil.copy(source / "_meta.yaml", dest / "_meta.yaml")
    (target / "probe.yaml").write_text(record, encoding="utf-8")
    return folder, area_dir.name, category_dir.name


def build(gkml: Any, catalogue: Path, site_dir: Path) -> Any:
    return gkml("build", "--catalogue", str(catalogue), "-d", str(site_dir))


#: Anything on the page that markup from the records could have produced.
INJECTED = """() => ({
  scripts: [...document.scripts].filter(s => /alert/.test(s.textContent + ' ' + s.src)).map(s => s.outerHTML),
  handlers: [...document.querySelectorAll('*')]
      .filter(el => [...el.attributes].some(a => a.name.toLowerCase().startsWith('on')))
      .map(el => el.outerHTML.slice(0, 120)),
  images: [...document.querySelectorAll('img[src=x], img[src=y], svg[onload]')].map(el => el.outerHTML),
  jsLinks: [...document.querySelectorAll('a[href]')]
      .filter(a => a.href.trim().toLowerCase().startsWith('javascript:')).map(a => a.outerHTML),
})"""


def assert_nothing_injected(page: Any) -> None:
    found = page.evaluate(INJECTED)
    assert found == {"scripts": [], "handlers": [], "images": [], "jsLinks": []}, f"on {page.url}: {found}"


@pytest.fixture(scope="module")
def markup_site(tmp_path_factory: pytest.TempPathFactory, gkml: Any, http_server: Any) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("markup")
    catalogue, area, category = tiny_catalogue(base / "catalogue", record_yaml())
    site_dir = base / "site"
    result = build(gkml, catalogue, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return {"url": http_server(site_dir), "dir": site_dir, "catalogue": catalogue, "area": area, "category": category}


def test_markup_in_a_record_is_shown_literally_on_its_page(markup_site: dict[str, Any], pages: Any) -> None:
    page = pages.open()
    watch = pages.watch(page)
    page.goto(f"{markup_site['url']}item/{RECORD_ID}/")
    main = page.locator("article.md-content__inner")

    expect(main.get_by_role("heading", level=1)).to_have_text(XSS_NAME)
    expect(main.get_by_text(XSS_CONTENT)).to_be_visible()
    expect(main).to_contain_text(f"●{XSS_CONTENT}")
    expect(main).to_contain_text("〇<b>可选</b>内容")
    expect(main).to_contain_text(XSS_TIME)
    expect(main).to_contain_text(XSS_SUBJECT)
    expect(main).to_contain_text(XSS_COLUMN)
    expect(main).to_contain_text(XSS_NOTE)
    expect(page.locator("img[src=x]")).to_have_count(0)
    expect(page.locator("img[src=y]")).to_have_count(0)

    # the link keeps its whole (odd but http) address as the target, and its title as text
    basis_link = main.get_by_role("link", name=XSS_BASIS_TITLE)
    expect(basis_link).to_have_attribute("href", XSS_URL)

    page.mouse.wheel(0, 2000)  # the header then shows the page title
    assert_nothing_injected(page)
    assert watch.dialogs == []


@pytest.mark.parametrize("where", ["home", "area", "column", "table"])
def test_markup_in_a_record_is_shown_literally_in_lists(markup_site: dict[str, Any], pages: Any, where: str) -> None:
    page = pages.open()
    watch = pages.watch(page)
    page.goto(markup_site["url"])
    if where != "home":
        page.locator("ul.gkml-tiles--areas a").first.click()  # the area
    if where == "column":
        page.locator("ul.gkml-tiles a").first.click()
    elif where == "table":
        page.get_by_role("link", name="查看目录总表（标准格式）").click()
    expect(page.locator("article h1")).to_be_visible()
    if where != "area":  # the area page lists columns, not items
        expect(page.locator("article").get_by_text(XSS_NAME, exact=True).first).to_be_visible()
    assert_nothing_injected(page)
    assert watch.dialogs == []


def test_markup_in_a_record_is_shown_literally_in_search_results(markup_site: dict[str, Any], pages: Any) -> None:
    page = pages.open()
    watch = pages.watch(page)
    page.goto(f"{markup_site['url']}search/?q=script")
    results = page.locator("#gkml-search-results")
    expect(results.locator(".gkml-search-count")).to_have_text("找到 1 个结果（事项 1 个）")
    expect(results.locator(".gkml-result__title")).to_have_text(XSS_NAME)
    page.locator(".md-content").get_by_role("searchbox").fill("onerror")
    expect(results.locator(".gkml-result__snippet")).to_contain_text(XSS_CONTENT)
    assert_nothing_injected(page)

    desk = pages.open({"width": 1280, "height": 800})
    desk.goto(markup_site["url"])
    desk.locator("header").get_by_role("searchbox").fill("alert")
    expect(desk.locator("header .gkml-inline-results .gkml-result__title")).to_have_text(XSS_NAME)
    assert_nothing_injected(desk)
    assert watch.dialogs == [] and pages.watch(desk).dialogs == []


def test_markup_in_site_settings_is_shown_literally(tmp_path: Path, gkml: Any, http_server: Any, pages: Any) -> None:
    """单位名称 and 网站名称 appear on every page (title bar, heading, footer)."""
    site_yaml = (
        "单位名称: '示例县<img src=x onerror=alert(8)>住建局'\n"
        "网站名称: '示例县<script>alert(9)</script>目录'\n"
        "简介: '<b>简介</b>'\n"
    )
    catalogue, _area, _category = tiny_catalogue(tmp_path / "catalogue", record_yaml(), site_yaml=site_yaml)
    result = build(gkml, catalogue, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    url = http_server(tmp_path / "site")
    page = pages.open()
    watch = pages.watch(page)
    for path in ("", f"item/{RECORD_ID}/", "search/"):
        page.goto(url + path)
        assert_nothing_injected(page)
    page.goto(url)
    expect(page.locator("article h1")).to_have_text("示例县<script>alert(9)</script>目录")
    expect(page.locator("footer")).to_contain_text("主办单位：示例县<img src=x onerror=alert(8)>住建局")
    expect(page.locator("header")).to_contain_text("示例县<script>alert(9)</script>目录")
    assert watch.dialogs == []


# -- link targets other than http(s) ---------------------------------------------------------

BAD_URLS = (
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
)


def test_check_reports_every_non_http_link_target_as_an_error(tmp_path: Path, gkml: Any) -> None:
    extra = "".join(f"  - 标题: 《第{i}号文件》\n    网址: '{url}'\n" for i, url in enumerate(BAD_URLS[1:], start=2))
    catalogue, _area, _category = tiny_catalogue(
        tmp_path / "catalogue", record_yaml(basis_url=BAD_URLS[0], extra_basis=extra)
    )
    human = gkml("check", "--catalogue", str(catalogue))
    assert human.returncode == 1, human.stdout + human.stderr
    assert "错误[url-scheme]" in human.stdout
    for url in BAD_URLS:
        assert f"网址“{url}”不是 http:// 或 https:// 开头" in human.stdout, human.stdout

    report = gkml("check", "--catalogue", str(catalogue), "--format", "json")
    assert report.returncode == 1
    diagnostics = json.loads(report.stdout)
    refused = [d for d in diagnostics if d["code"] == "url-scheme"]
    assert len(refused) == len(BAD_URLS), diagnostics
    assert all(d["severity"] == "error" and d["element"] == "依据" for d in refused)
    assert all(d["file"].endswith("/probe.yaml") and d["line"] > 1 for d in refused)


def test_check_refuses_a_javascript_channel_address(tmp_path: Path, gkml: Any) -> None:
    record = record_yaml().replace("网址: https://zjj.example.gov.cn/", "网址: 'javascript:alert(1)'")
    catalogue, _area, _category = tiny_catalogue(tmp_path / "catalogue", record)
    report = gkml("check", "--catalogue", str(catalogue), "--format", "json")
    assert report.returncode == 1
    refused = [d for d in json.loads(report.stdout) if d["code"] == "url-scheme"]
    assert [(d["severity"], d["element"]) for d in refused] == [("error", "渠道")]


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_javascript_link_fails_the_build_and_keeps_the_previous_site(tmp_path: Path, gkml: Any) -> None:
    good, _area, _category = tiny_catalogue(tmp_path / "good", record_yaml())
    site_dir = tmp_path / "site"
    first = build(gkml, good, site_dir)
    assert first.returncode == 0, first.stdout + first.stderr
    before = snapshot(site_dir)
    inode = site_dir.stat().st_ino
    assert f"item/{RECORD_ID}/index.html" in before

    bad, _area, _category = tiny_catalogue(tmp_path / "bad", record_yaml(basis_url="javascript:alert(1)"))
    check = gkml("check", "--catalogue", str(bad))
    assert check.returncode == 1
    assert "错误[url-scheme]" in check.stdout and "javascript:alert(1)" in check.stdout

    second = build(gkml, bad, site_dir)
    assert second.returncode != 0, "a record with a javascript: link must not be published"
    assert "javascript:alert(1)" in second.stderr + second.stdout
    assert "未被改动" in second.stderr  # tells the editor the published site is untouched
    assert site_dir.stat().st_ino == inode
    assert snapshot(site_dir) == before
    assert not any(
        'href="javascript:' in (site_dir / path).read_text(encoding="utf-8", errors="replace").lower()
        for path in before
        if path.endswith(".html")
    )
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")], "build left temporary folders"
