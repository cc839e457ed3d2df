"""A build never fails because of the day it runs on: what depends on the day (an update date after
today, a stale column, an overdue item) is reported, and fails a strict build only when the bureau
makes it an error (README: 规则级别)."""

from __future__ import annotations

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
