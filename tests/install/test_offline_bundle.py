"""``gkml bundle`` makes a folder from which gkml installs into a fresh virtual environment without PyPI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from installing import ROOT, offline_env


def test_the_bundle_installs_without_pypi(bundle: Path, tmp_path: Path) -> None:
    names = {p.name.split("-")[0].lower() for p in bundle.glob("*.whl")}
    assert {"gkml", "mkdocs", "mkdocs_material", "openpyxl", "pypinyin", "setuptools"} <= names
    assert "pip install --no-index --find-links" in (bundle / "安装说明.txt").read_text(encoding="utf-8")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    env = offline_env()
    install = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-index", "--find-links", str(bundle), "gkml"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stdout + install.stderr

    gkml = str(venv / "bin" / "gkml")
    shown = subprocess.run([gkml, "--help"], env=env, capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0 and shown.stdout.startswith("用法：gkml"), shown.stderr
    # the installed wheel, not this clone: its data files (standard catalogue, schemas, templates) are in it
    checked = subprocess.run(
        [gkml, "check", "--catalogue", "catalogue", "--today", "2026-01-01", "-q"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "检查通过：5 个领域，93 个公开事项" in checked.stdout
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import generator; print(generator.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(venv))
