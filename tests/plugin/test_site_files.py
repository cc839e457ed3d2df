"""The files a build publishes, as a web server with a strict Content-Security-Policy needs them: no page
carries an inline script or style, gkml's assets are named by their content and every page names
existing ones, the theme's unused files are left out, and a ``.gz`` copy sits beside each text file
(not with ``precompress: false``, nor in the ``--offline`` build for file://)."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_project  # tests/plugin is on sys.path (pytest prepends it)

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL)
GKML_ASSET = re.compile(r'(?:href|src)="([^"]*assets/gkml/[^"]+)"')


def gzip_copies(site: Path) -> list[str]:
    """The .gz files of ``site`` but MkDocs' own sitemap.xml.gz (a file of the sitemap protocol, always there)."""
    return [
        p.relative_to(site).as_posix() for p in site.rglob("*.gz") if p.relative_to(site).as_posix() != "sitemap.xml.gz"
    ]


def gkml_build(project: Path, site: Path, *extra: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site), *extra],
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("files") / "project")


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    site = project.parent / "site"
    gkml_build(project, site)
    return site


def test_no_page_carries_an_inline_script_or_style(site: Path) -> None:
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for attributes, body in SCRIPT.findall(html):
            if "application/json" in attributes or "application/ld+json" in attributes:
                continue  # data, never run
            assert "src=" in attributes and not body.strip(), (page, attributes, body[:80])
        assert "<style" not in html, page
        assert not re.search(r"<[^>]+\sstyle=", html), page
        assert not re.search(r"<[^>]+\son[a-z]+=", html), page  # no event handler attributes either


def test_every_page_names_gkmls_assets_by_their_content(site: Path) -> None:
    named: set[str] = set()
    for page in (site / "index.html", site / "404.html", *sorted((site / "item").glob("*/index.html"))[:3]):
        for href in GKML_ASSET.findall(page.read_text(encoding="utf-8")):
            file = (page.parent / href).resolve() if not href.startswith("/") else None
            name = href.rsplit("/", 1)[1]
            assert re.fullmatch(r"[a-z]+\.[0-9a-f]{8}\.(css|js)", name), href
            assert file is None or file.is_file(), href
            named.add(name)
    published = {p.name for p in (site / "assets" / "gkml").iterdir() if p.suffix != ".gz"}
    assert named <= published and len(published) == 5, (named, published)  # gkml.css, head, gkml, search, filters


def test_the_themes_unused_files_are_not_published(site: Path) -> None:
    assets = site / "assets"
    assert not list(assets.rglob("*.map"))
    assert not (assets / "javascripts" / "lunr").exists()
    assert not (assets / "javascripts" / "workers").exists()


def test_each_text_file_has_a_gzip_copy_of_the_same_bytes(site: Path) -> None:
    for name in ("index.html", "404.html", "sitemap.xml", "search/index.js", "feed.xml"):
        file = site / name
        assert gzip.decompress((site / f"{name}.gz").read_bytes()) == file.read_bytes(), name
    for css in (site / "assets").rglob("*.css"):
        assert css.with_name(css.name + ".gz").is_file(), css
    assert not list(site.rglob("*.pdf.gz")) and not list(site.rglob("*.png.gz"))


def test_precompress_false_writes_no_gzip_copies(project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    other = tmp_path / "project"
    copy_project(other)
    (other / "mkdocs.yml").write_text(
        text.replace("      catalogue: catalogue\n", "      catalogue: catalogue\n      precompress: false\n"),
        encoding="utf-8",
    )
    assert "precompress: false" in (other / "mkdocs.yml").read_text(encoding="utf-8")
    gkml_build(other, tmp_path / "site")
    assert not gzip_copies(tmp_path / "site")
    assert (tmp_path / "site" / "index.html").is_file()


def test_the_offline_build_has_no_gzip_copies_and_the_same_assets(project: Path, tmp_path: Path) -> None:
    gkml_build(project, tmp_path / "kiosk", "--offline")
    assert not gzip_copies(tmp_path / "kiosk")
    assert len(list((tmp_path / "kiosk" / "assets" / "gkml").iterdir())) == 5
