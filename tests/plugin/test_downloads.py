"""The site publishes the catalogue as Excel (official layout), CSV and JSON with its schema, and its
entries (公开信息) as CSV and JSON with their schema, links them from every area's table page and from
政府信息公开, and builds the same bytes every time."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.exchange import importer
from generator.load.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("catalogue.xlsx", "catalogue.csv", "catalogue.json", "catalogue.schema.json")
ENTRY_NAMES = ("catalogue-entries.csv", "catalogue-entries.json", "catalogue-entries.schema.json")
LINK = re.compile(r'<a href="([^"]+)" download="([^"]+)">([^<]+)</a>（([^）]+)）')


def copy_project(dest: Path) -> Path:
    """mkdocs.yml, content/, overrides/ and catalogue/ of this repository (not a git work tree: no git dates)."""
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("content", "overrides", "catalogue"):
        shutil.copytree(ROOT / folder, dest / folder)
    return dest


def build(project: Path, site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    project = copy_project(tmp_path_factory.mktemp("project"))
    first, second = tmp_path_factory.mktemp("site1"), tmp_path_factory.mktemp("site2")
    build(project, first)
    build(project, second)
    return project, first, second


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_downloads_are_published_and_the_same_in_every_build(sites: tuple[Path, Path, Path]) -> None:
    _, first, second = sites
    for name in NAMES + ENTRY_NAMES:
        assert (first / "downloads" / name).stat().st_size > 1000, name
        assert digest(first / "downloads" / name) == digest(second / "downloads" / name), name


def test_every_table_page_links_the_downloads_with_their_sizes(sites: tuple[Path, Path, Path]) -> None:
    project, site, _ = sites
    catalogue, _ = load_catalogue(project / "catalogue", git_dates=False)
    assert catalogue is not None
    for area in catalogue.areas:
        page = (site / area.slug / "table" / "index.html").read_text(encoding="utf-8")
        line = re.search(r'<p class="gkml-downloads">(.*?)</p>', page)
        assert line is not None, area.slug
        links = re.findall(r'<a href="([^"]+)" download="([^"]+)">([^<]+)</a>（([^）]+)）', line.group(1))
        assert [href for href, *_ in links] == [f"../../downloads/{name}" for name in NAMES]
        for href, _, _, size in links:
            target = (site / area.slug / "table" / href).resolve()
            assert target.is_file()
            assert re.fullmatch(r"\d+\u00a0(B|KB)|\d+\.\d\u00a0MB", size)
        assert links[0][1] == f"{catalogue.site.title}.xlsx"


def test_the_published_table_imports_back(sites: tuple[Path, Path, Path], tmp_path: Path) -> None:
    project, site, _ = sites
    parsed = importer.read_file(site / "downloads" / "catalogue.xlsx")
    assert not parsed.problems
    plan = importer.plan_import(parsed, project / "catalogue")
    assert not plan.writes and not plan.conflicts and not plan.problems


def test_table_pages_and_disclosure_link_the_entries_downloads(sites: tuple[Path, Path, Path]) -> None:
    project, site, _ = sites
    catalogue, _ = load_catalogue(project / "catalogue", git_dates=False)
    assert catalogue is not None
    pages = {site / area.slug / "table" / "index.html": "../../" for area in catalogue.areas}
    pages[site / "gongkai" / "index.html"] = "../"
    for page, up in pages.items():
        lines = re.findall(r'<p class="gkml-downloads">(.*?)</p>', page.read_text(encoding="utf-8"))
        assert len(lines) == 2, page
        assert lines[1].startswith("下载全部公开信息（开放数据）：")
        links = LINK.findall(lines[1])
        assert [href for href, *_ in links] == [f"{up}downloads/{name}" for name in ENTRY_NAMES]
        assert [label for _, _, label, _ in links] == ["公开信息 CSV", "公开信息 JSON", "JSON Schema 格式说明"]
        for href, _, _, size in links:
            assert (page.parent / href).resolve().is_file()
            assert re.fullmatch(r"\d+\u00a0(B|KB)|\d+\.\d\u00a0MB", size)
