"""The example site builds through MkDocs the way a bureau's CI would build it."""

from __future__ import annotations

import gzip
import hashlib
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest

from generator.load.catalogue import load_catalogue
from generator.model.naming import AREA_FOLDERS, SITE_FOLDERS

ROOT = Path(__file__).resolve().parents[2]


def mkdocs_build(project: Path, site: Path, *extra: str, quiet: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            *(["-q"] if quiet else []),  # -q also hides warnings from --strict
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site),
            *extra,
        ],
        capture_output=True,
        text=True,
        cwd=project,
    )


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site, quiet=False)  # -q would hide the warnings --strict fails on
    assert result.returncode == 0, result.stderr
    return site


def test_strict_build_has_a_column_page_per_category_and_a_page_per_item(built: Path) -> None:
    catalogue, _ = load_catalogue(ROOT / "catalogue")
    assert catalogue is not None
    for area in catalogue.areas:
        assert (built / area.slug / "index.html").is_file()
        assert (built / area.slug / "table" / "index.html").is_file()
        for category in area.categories:
            page = (built / area.slug / category.slug / "index.html").read_text(encoding="utf-8")
            for record in category.records:
                assert f'href="../../item/{record.id}/"' in page
    items = sorted(p.name for p in (built / "item").iterdir())
    assert items == sorted(r.id for r in catalogue.records)
    assert len(items) >= 80


def test_item_pages_are_not_in_the_navigation(built: Path) -> None:
    # navigation.prune: a page carries the navigation of its own area only
    page = (built / "bzxzf" / "index.html").read_text(encoding="utf-8")
    nav = page[page.index('class="md-nav md-nav--primary') :]
    nav = nav[: nav.index('data-md-type="toc"')]  # the primary sidebar ends where the toc sidebar starts
    assert 'href="fgzc/"' in nav, "the area's columns are in the navigation"
    assert "item/" not in nav, "items are not"


class _Loads(HTMLParser):
    """Collects the URLs a page makes the browser fetch (not the links a reader may follow)."""

    FETCHING_LINKS: ClassVar[set[str]] = {
        "stylesheet",
        "preload",
        "preconnect",
        "dns-prefetch",
        "modulepreload",
        "icon",
        "manifest",
    }

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.urls.append(a["src"] or "")
        if tag == "link" and set((a.get("rel") or "").split()) & self.FETCHING_LINKS:
            self.urls.append(a.get("href") or "")


def test_no_page_loads_anything_from_another_host(built: Path) -> None:
    for page in built.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        parser = _Loads()
        parser.feed(html)
        external = [u for u in parser.urls if re.match(r"^(https?:)?//", u)]
        assert not external, (page, external)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page


def test_the_same_catalogue_builds_the_same_site_byte_for_byte(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = mkdocs_build(ROOT, again)
    assert result.returncode == 0, result.stderr
    assert tree_digest(again) == tree_digest(built)


def test_item_pages_do_not_depend_on_which_item_the_theme_drew_the_shell_at(built: Path, project: Path) -> None:
    """The theme renders the item shell once, at the first item; every item page is that
    shell filled in. Making another item the first one must change no item page: nothing
    of the item the shell was drawn at (title, description, address) stays in the others."""
    category = project / "catalogue" / "保障性住房" / "法规政策"
    for name, order in (("法律法规.yaml", "顺序: 2"), ("政策文件.yaml", "顺序: 1")):
        record = category / name
        text = record.read_text(encoding="utf-8")
        record.write_text(re.sub(r"顺序: \d+", order, text), encoding="utf-8")
    other = project / "other-site"
    result = mkdocs_build(project, other)
    assert result.returncode == 0, result.stderr
    ours, theirs = tree_digest(built), tree_digest(other)
    items = sorted(name for name in ours if name.startswith("item/"))
    assert len(items) >= 80 and items == sorted(name for name in theirs if name.startswith("item/"))
    assert {name: ours[name] for name in items} == {name: theirs[name] for name in items}
    column = "bzxzf/fgzc/index.html"
    assert ours[column] != theirs[column], "the column lists the items in the new order"


#: The example's 网站地址 (catalogue/_site.yaml): a site in a sub-folder of the bureau's portal.
EXAMPLE_ADDRESS = "https://www.example.gov.cn/zjj/gkml/"


def test_sitemap_lists_every_page_with_its_update_date(built: Path) -> None:
    catalogue, _ = load_catalogue(ROOT / "catalogue")
    assert catalogue is not None and catalogue.site.url == EXAMPLE_ADDRESS
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    for record in catalogue.records:
        entry = f"<url><loc>{EXAMPLE_ADDRESS}item/{record.id}/</loc><lastmod>{record.updated}</lastmod></url>"
        assert entry in sitemap, record.id
    assert f"<loc>{EXAMPLE_ADDRESS}bzxzf/fgzc/</loc>" in sitemap
    assert f"<loc>{EXAMPLE_ADDRESS}guide/new-item/</loc>" in sitemap, "hand-written pages too"
    assert "127.0.0.1" not in sitemap
    assert gzip.decompress((built / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap


@pytest.mark.parametrize(
    ("page", "path"),
    [
        ("index.html", ""),
        ("bzxzf/fgzc/index.html", "bzxzf/fgzc/"),
        ("item/bzxzf-pjgl-gzfczzgsh/index.html", "item/bzxzf-pjgl-gzfczzgsh/"),
        ("guide/new-item/index.html", "guide/new-item/"),
    ],
)
def test_canonical_links_and_qr_codes_follow_the_address_in_site_yaml(built: Path, page: str, path: str) -> None:
    """The one address (网站地址 in _site.yaml, with its sub-folder): the theme's canonical link of
    generated and hand-written pages, and the QR code of column and item pages (its payload too)."""
    from tests.unit.test_qr import decode, qr_urls

    html = (built / page).read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{EXAMPLE_ADDRESS}{path}">' in html
    if page.startswith(("bzxzf/", "item/")):
        assert qr_urls(html) == [EXAMPLE_ADDRESS + path]
        (svg,) = re.findall(r'<figure class="gkml-qr">.*?(<svg .*?</svg>)', html, re.S)
        assert decode(svg) == [EXAMPLE_ADDRESS + path]
    assert "127.0.0.1" not in html


def test_a_failed_build_leaves_the_published_site_untouched(project: Path) -> None:
    site = project / "site"
    ok = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert ok.returncode == 0, ok.stderr
    before = tree_digest(site)
    record = next((project / "catalogue").rglob("法律法规.yaml"))
    record.write_text(record.read_text(encoding="utf-8").replace("时限: ", "时限："), encoding="utf-8")
    failed = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert failed.returncode == 1
    assert "法律法规.yaml" in failed.stderr and "错误[" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert "原有网站" in failed.stderr
    assert tree_digest(site) == before
    assert not list(project.glob(".site.gkml-*")), "no staging folder is left behind"


def test_a_hand_written_link_to_a_missing_item_fails_the_strict_build(project: Path) -> None:
    catalogue, _ = load_catalogue(project / "catalogue")
    assert catalogue is not None
    good = catalogue.records[5].id
    (project / "content" / "guide" / "links.md").write_text(
        f"# 链接\n\n[有](../../item/{good}/) [没有](../../item/no-such-item/#basis)\n", encoding="utf-8"
    )
    result = mkdocs_build(project, project / "site", quiet=False)
    assert result.returncode != 0
    expected = (
        "content/guide/links.md:1:1: 警告[content-item-missing] "
        "链接到不存在的事项 '../../item/no-such-item/#basis'（编号 no-such-item）"
    )
    assert expected in result.stderr
    assert f"（编号 {good}）" not in result.stderr


def test_a_large_catalogue_builds_every_item_page_the_same_way_twice(project: Path, tmp_path: Path) -> None:
    """1,000 items: item pages are shared among forked workers; nothing may be lost or
    differ between builds."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import synth
    finally:
        sys.path.pop(0)
    shutil.rmtree(project / "catalogue")
    synth.write_catalogue(project / "catalogue", 1000)
    sites = [tmp_path / "one", tmp_path / "two"]
    for site in sites:
        result = mkdocs_build(project, site)
        assert result.returncode == 0, result.stderr
    catalogue, _ = load_catalogue(project / "catalogue", git_dates=False)
    assert catalogue is not None and len(catalogue.records) == 1000
    assert sorted(p.name for p in (sites[0] / "item").iterdir()) == sorted(r.id for r in catalogue.records)
    record = catalogue.records[-1]
    page = (sites[0] / "item" / record.id / "index.html").read_text(encoding="utf-8")
    assert f"<h1>{record.title}</h1>" in page and "</html>" in page
    assert tree_digest(sites[0]) == tree_digest(sites[1])


def test_every_page_links_the_site_map_which_lists_every_item(built: Path) -> None:
    catalogue, _ = load_catalogue(ROOT / "catalogue")
    assert catalogue is not None
    sitemap = (built / "sitemap" / "index.html").read_text(encoding="utf-8")
    for record in catalogue.records:
        assert f'href="../item/{record.id}/"' in sitemap
    for page, link in (("index.html", "./sitemap/"), ("bzxzf/fgzc/index.html", "../../sitemap/")):
        assert f'<a href="{link}">网站地图</a>' in (built / page).read_text(encoding="utf-8"), page
    item = next((built / "item").iterdir()) / "index.html"
    assert '<a href="../../sitemap/">网站地图</a>' in item.read_text(encoding="utf-8")


def test_the_disclosure_platform_pages_are_built(built: Path) -> None:
    home = (built / "gongkai" / "index.html").read_text(encoding="utf-8")
    for link in ("guide/", "apply/", "annual-reports/"):
        assert f'href="{link}"' in home
        assert (built / "gongkai" / link / "index.html").is_file()
    assert "法定主动公开内容" in home and 'href="../bzxzf/pjgl/"' in home


def test_other_plugins_post_process_gkml_pages_too(project: Path) -> None:
    """Pages written by gkml go through other plugins' ``on_post_page`` like any other
    page (tested with mkdocs-minify-plugin, a supported plugin: see README)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("plugins:\n", "plugins:\n  - minify:\n      minify_html: true\n"), encoding="utf-8")
    site = project / "site"
    result = mkdocs_build(project, site, quiet=False)
    assert result.returncode == 0, result.stderr
    for page in ("item/bzxzf-fgzc-flfg/index.html", "bzxzf/fgzc/index.html", "guide/index.html", "index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "\n" not in html.strip(), f"{page} is minified"
    item = (site / "item/bzxzf-fgzc-flfg/index.html").read_text(encoding="utf-8")
    assert "法律法规" in item and "主办单位：示例县住房和城乡建设局" in item


def test_every_folder_of_the_site_is_one_the_checker_keeps_areas_out_of(built: Path) -> None:
    """An area's slug is a top folder of the site, a column's a folder of its area: every other folder the
    build writes is one the checker refuses as a slug, so no page of an area or a column can be overwritten."""
    catalogue, _ = load_catalogue(ROOT / "catalogue")
    assert catalogue is not None
    areas = {area.slug: area for area in catalogue.areas}
    hand_written = {p.name for p in (ROOT / "content").iterdir() if p.is_dir()}
    top = {p.name for p in built.iterdir() if p.is_dir()}
    assert top - set(areas) <= set(SITE_FOLDERS) | hand_written
    for slug, area in areas.items():
        folders = {p.name for p in (built / slug).iterdir() if p.is_dir()}
        assert folders - {c.slug for c in area.categories} <= set(AREA_FOLDERS), slug


def test_an_area_at_the_address_of_a_site_page_stops_the_build(project: Path) -> None:
    meta = project / "catalogue" / "保障性住房" / "_meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("slug: bzxzf", "slug: search"), encoding="utf-8")
    result = mkdocs_build(project, project / "site", quiet=False)
    assert result.returncode != 0
    assert "catalogue/保障性住房/_meta.yaml:" in result.stderr
    assert "错误[slug-reserved] slug：网址别名“search”与网站的搜索页（search/）同名" in result.stderr
    assert not (project / "site").exists()
