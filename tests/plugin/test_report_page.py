"""The staff page 公开情况 (``report/``): absent from the public site unless the plugin option
``report_page`` turns it on; then in no navigation, sitemap or search, ``noindex``, stating the day
it is as of, and the same site byte for byte for the same ``--today``.

The project is small (the catalogue of ``tests/fixtures/trees/report``, the example's theme
files), so that each build takes a second or two.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from test_build import tree_digest  # tests/plugin is on sys.path (pytest prepends it)
from test_serve_incremental import serve_build

from generator.check.freshness import beijing_today
from generator.site.incremental import Result

ROOT = Path(__file__).resolve().parents[2]
PAGE = "report/index.html"
NOINDEX = '<meta name="robots" content="noindex">'


def small_project(dest: Path, *, report_page: bool) -> Path:
    """A project with the report fixture as its catalogue; the staff page on when ``report_page``."""
    dest.mkdir(parents=True)
    shutil.copytree(ROOT / "tests" / "fixtures" / "trees" / "report", dest / "catalogue")
    with (dest / "catalogue" / "_site.yaml").open("a", encoding="utf-8") as site:
        site.write("网站地址: https://zjj.example.gov.cn/\n")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    (dest / "content").mkdir()
    (dest / "content" / "about.md").write_text("# 关于本站\n\n本站的说明。\n", encoding="utf-8")
    option = "\n      report_page: true" if report_page else ""
    (dest / "mkdocs.yml").write_text(
        "site_name: 测试\n"
        "docs_dir: content\n"
        "theme:\n  name: material\n  custom_dir: overrides\n  language: zh\n  font: false\n"
        f"plugins:\n  - gkml:\n      catalogue: catalogue{option}\n"
        "nav:\n  - 关于本站: about.md\n",
        encoding="utf-8",
    )
    return dest


def gkml_build(project: Path, site: Path, *extra: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-f", "mkdocs.yml", "-d", str(site), *extra],
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def staff(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The project with the staff page, and its site built as of 2026-06-01."""
    project = small_project(tmp_path_factory.mktemp("staff") / "project", report_page=True)
    site = project.parent / "site"
    gkml_build(project, site, "--today", "2026-06-01")
    return project, site


def test_the_public_site_has_no_staff_page(tmp_path: Path) -> None:
    project = small_project(tmp_path / "project", report_page=False)
    gkml_build(project, tmp_path / "site", "--today", "2026-06-01")
    assert not (tmp_path / "site" / "report").exists()
    assert "report/" not in (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")


def test_the_staff_page_states_its_day_and_lists_the_findings(staff: tuple[Path, Path]) -> None:
    html = (staff[1] / PAGE).read_text(encoding="utf-8")
    assert NOINDEX in html
    assert '截至 <strong><time datetime="2026-06-01">2026-06-01</time></strong>（北京时间）' in html
    assert '<a href="../item/bzxzf-pjgl-ndjh/">事项“年度配租计划”</a>' in html
    assert "<code>catalogue/保障性住房/配给管理/年度计划.yaml:1:1</code>" in html  # relative to the project
    assert '<link rel="canonical" href="https://zjj.example.gov.cn/report/"' in html


def test_the_staff_page_is_in_no_navigation_sitemap_or_search(staff: tuple[Path, Path]) -> None:
    site = staff[1]
    assert "report/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "report/" not in (site / "search" / "index.js").read_text(encoding="utf-8")
    assert "公开情况" not in (site / "sitemap" / "index.html").read_text(encoding="utf-8")
    for page in ("index.html", "about/index.html", "bzxzf/pjgl/index.html", "item/bzxzf-pjgl-ndjh/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert 'href="report/' not in html and "/report/" not in html, page
        assert NOINDEX not in html, page


def test_the_same_day_builds_the_same_site_byte_for_byte(staff: tuple[Path, Path], tmp_path: Path) -> None:
    project, site = staff
    again = tmp_path / "again"
    gkml_build(project, again, "--today", "2026-06-01")
    assert tree_digest(again) == tree_digest(site)
    later = tmp_path / "later"
    gkml_build(project, later, "--today", "2026-09-01")
    ours, theirs = tree_digest(site), tree_digest(later)
    assert sorted(ours) == sorted(theirs)
    changed = [name for name in ours if ours[name] != theirs[name]]
    assert changed == [PAGE, PAGE + ".gz"]  # only the staff page tells the day (and its copy for nginx)
    assert "2026-09-01" in (later / PAGE).read_text(encoding="utf-8")


def test_a_plain_mkdocs_build_is_as_of_today_in_beijing(tmp_path: Path) -> None:
    project = small_project(tmp_path / "project", report_page=True)
    before = beijing_today()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        cwd=project,
    )
    after = beijing_today()
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / PAGE).read_text(encoding="utf-8")
    assert any(f'<time datetime="{day.isoformat()}">' in html for day in {before, after})


def test_serve_rebuilds_the_whole_site_when_an_entry_changes(tmp_path: Path) -> None:
    project = small_project(tmp_path / "project", report_page=True)
    preview = serve_build(project, tmp_path / "served")
    try:
        entry = project / "catalogue" / "保障性住房" / "工作动态" / "2026" / "春季检查.md"
        entry.write_text(entry.read_text(encoding="utf-8").replace("正文", "全文"), encoding="utf-8")
        assert preview.update([entry]).result is Result.FULL  # the staff page shows every finding of the day
    finally:
        load_config(str(project / "mkdocs.yml")).plugins.on_shutdown()


def test_zensical_builds_the_same_staff_page(staff: tuple[Path, Path], tmp_path: Path) -> None:
    project, site = staff
    other = tmp_path / "zensical"
    gkml_build(project, other, "--today", "2026-06-01", "--builder", "zensical")
    html = (other / PAGE).read_text(encoding="utf-8")
    assert NOINDEX in html
    body = (site / PAGE).read_text(encoding="utf-8")
    start, end = "<h1>公开情况</h1>", "</article>"
    assert html[html.index(start) : html.index(end)] == body[body.index(start) : body.index(end)]
    assert "report/" not in (other / "sitemap.xml").read_text(encoding="utf-8")
