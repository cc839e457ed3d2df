"""The example builds with Zensical (Material's successor) drawing the theme: the core
writes the same pages as under MkDocs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_build import mkdocs_build, tree_digest  # tests/plugin is on sys.path (pytest prepends it)

from generator.load.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_ZENSICAL_SKIP_TARGET = '<a id="__skip" tabindex="-1"></a>'  # the theme's "跳转至" link lands here
_FOOTER = re.compile(r'<div class="md-copyright gkml-footer">(.*?)</div>\s*</div>', re.S)


def zensical_build(site: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "--builder", "zensical", "-d", str(site), *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("zensical") / "site"
    result = zensical_build(site)
    assert result.returncode == 0, result.stderr
    assert "网站已生成（Zensical）" in result.stderr
    return site


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("mkdocs") / "site"
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


def test_zensical_builds_every_page_and_file_of_the_example(zensical_site: Path) -> None:
    catalogue, _ = load_catalogue(ROOT / "catalogue")
    assert catalogue is not None
    for record in catalogue.records:
        assert (zensical_site / "item" / record.id / "index.html").is_file(), record.id
    for area in catalogue.areas:
        assert (zensical_site / area.slug / "table" / "index.html").is_file()
        for category in area.categories:
            assert (zensical_site / area.slug / category.slug / "index.html").is_file()
    for name in (
        "index.html",
        "search/index.html",
        "search/index.js",
        "sitemap/index.html",
        "sitemap.xml",
        "gongkai/index.html",
        "guide/errors/index.html",
        "downloads/catalogue.xlsx",
        "404.html",
    ):
        assert (zensical_site / name).is_file(), name


def test_the_core_writes_the_same_content_and_footer_under_either_builder(
    zensical_site: Path, mkdocs_site: Path
) -> None:
    pages = [p.relative_to(mkdocs_site).as_posix() for p in mkdocs_site.rglob("index.html")]
    assert len(pages) > 140
    for name in pages:
        ours, theirs = ((site / name).read_text(encoding="utf-8") for site in (mkdocs_site, zensical_site))
        if name.startswith(("item/", "bzxzf/", "search/", "sitemap/")) or name == "index.html":
            theirs = theirs.replace(_ZENSICAL_SKIP_TARGET, "")
            assert [a.strip() for a in _ARTICLE.findall(ours)] == [a.strip() for a in _ARTICLE.findall(theirs)], name
        assert [f.strip() for f in _FOOTER.findall(ours)] == [f.strip() for f in _FOOTER.findall(theirs)], name
    assert (mkdocs_site / "search/index.js").read_bytes() == (zensical_site / "search/index.js").read_bytes()


def test_every_zensical_page_is_finished(zensical_site: Path) -> None:
    """No sentinel of the shells is left; every page has the identity footer and says zh-CN."""
    for page in zensical_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "\ue000" not in html and "<!--gkml:footer-->" not in html, page
        assert '<html lang="zh-CN"' in html, page
        assert "主办单位：示例县住房和城乡建设局" in html, page


def test_zensical_builds_the_same_site_twice(zensical_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = zensical_build(again)
    assert result.returncode == 0, result.stderr
    assert tree_digest(again) == tree_digest(zensical_site)


def test_a_broken_record_stops_the_zensical_build_with_located_messages(project: Path) -> None:
    record = next((project / "catalogue").rglob("法律法规.yaml"))
    record.write_text(record.read_text(encoding="utf-8").replace("时限: ", "时限："), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--builder", "zensical", "-d", str(project / "site")],
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert result.returncode == 1
    assert "法律法规.yaml" in result.stderr and "错误[" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists() and not list(project.glob(".site.gkml-*"))
