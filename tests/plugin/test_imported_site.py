"""A catalogue just imported from real-world tables (issue 18) builds in 试运行, placeholders visible on
its pages, so that a bureau can preview it at once; in 正式 the same catalogue does not build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "import"
#: Tables whose items differ, with placeholders in 内容, 层级, 方式, 对象 and 渠道.
TABLES = (
    "tables_two_merged.docx",
    "marks_absent.xls",
    "title_missing_area_inferred.xlsx",
    "levels_column_missing.xlsx",
)


def gkml(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=project, check=False
    )


def test_an_imported_catalogue_builds_in_trial_and_not_in_production(project: Path, tmp_path: Path) -> None:
    shutil.rmtree(project / "catalogue")
    for name in TABLES:
        done = gkml(project, "import", str(FIXTURES / name), "--report", str(tmp_path / "导入报告.md"))
        assert done.returncode == 0, done.stdout + done.stderr
    done = gkml(project, "build", "-q", "-d", str(tmp_path / "site"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "警告[record-placeholder]" in done.stdout + done.stderr
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "site" / "item").rglob("index.html"))
    assert "【待核实：原表未填写“公开层级”】" in pages  # the placeholder is visible where the value will be
    site = project / "catalogue" / "_site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "状态: 正式\n", encoding="utf-8")
    done = gkml(project, "build", "-q", "-d", str(tmp_path / "site2"))
    assert done.returncode == 1
    assert "错误[record-placeholder]" in done.stdout + done.stderr
