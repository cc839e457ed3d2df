"""A build never fails because of the day it runs on: what depends on the day (an update date after
today, a stale column, an overdue item) is reported, and fails a strict build only when the bureau
makes it an error (README: 规则级别)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

from test_build import mkdocs_build  # tests/plugin is on sys.path (pytest prepends it)

FUTURE = "更新日期: 2099-01-01"


def _date_in_the_future(project: Path) -> Path:
    record = next((project / "catalogue").rglob("法律法规.yaml"))
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"(?m)^更新日期: .*$", FUTURE, text), encoding="utf-8")
    assert FUTURE in record.read_text(encoding="utf-8")
    return record


def test_a_date_after_today_is_reported_but_does_not_fail_a_strict_build(project: Path) -> None:
    _date_in_the_future(project)
    result = mkdocs_build(project, project / "site", quiet=False)
    assert result.returncode == 0, result.stderr
    assert "警告[date-future] 更新日期：更新日期 2099-01-01 晚于今天" in result.stderr
    assert (project / "site" / "index.html").is_file()


def test_a_bureau_that_makes_it_an_error_stops_the_build(project: Path) -> None:
    _date_in_the_future(project)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "      catalogue: catalogue\n", "      catalogue: catalogue\n      severity:\n        date-future: error\n"
        ),
        encoding="utf-8",
    )
    result = mkdocs_build(project, project / "site", quiet=False)
    assert result.returncode != 0
    assert "错误[date-future]" in result.stderr


def test_a_strict_zensical_build_does_not_fail_on_a_date_either(project: Path) -> None:
    _date_in_the_future(project)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--builder", "zensical", "--strict", "-d", str(project / "site")],
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert result.returncode == 0, result.stderr
    assert "警告[date-future]" in result.stderr


def test_a_catalogue_full_of_late_entries_still_builds_with_strict(project: Path) -> None:
    """时限核对: every entry of the example formed 120 days before it was published, on a site in
    production (where the findings are warnings, not notes): each is reported with its arithmetic,
    and the strict build still publishes the site."""
    site = project / "catalogue" / "_site.yaml"
    production = "党政机关标识: images/dzjg.png\n找错网址: https://zfwzzc.www.gov.cn/\n状态: 正式\n"
    site.write_text(site.read_text(encoding="utf-8") + production, encoding="utf-8")
    (project / "content" / "images").mkdir(exist_ok=True)
    (project / "content" / "images" / "dzjg.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for page in (project / "content").rglob("*.md"):  # the pages a county fills in before going live
        page.write_text(re.sub(r"【请填写[^】]*】", "示例", page.read_text(encoding="utf-8")), encoding="utf-8")
    for entry in (project / "catalogue").rglob("*.md"):
        text = entry.read_text(encoding="utf-8")
        published = re.search(r"(?m)^发布日期: (\S+)$", text)
        assert published is not None, entry
        formed = dt.date.fromisoformat(published[1]) - dt.timedelta(days=120)
        entry.write_text(re.sub(r"(?m)^形成日期: \S+$", f"形成日期: {formed}", text), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--strict", "-d", str(project / "site")],
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert result.returncode == 0, result.stderr
    late = [line for line in result.stderr.splitlines() if "警告[entry-late]" in line]
    assert len(late) > 150  # all but the entries whose 时限 sets no deadline (长期公开、及时)
    assert all("个工作日" in line and "截止日是形成日期" in line for line in late)
    assert (project / "site" / "index.html").is_file()
