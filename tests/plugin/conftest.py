"""Fixtures for tests of the MkDocs integration: a copy of the project in a temp folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def copy_project(dest: Path) -> Path:
    """mkdocs.yml, content/, overrides/ and catalogue/ of this repository, copied to ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("content", "overrides", "catalogue"):
        shutil.copytree(ROOT / folder, dest / folder)
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("GKML_CATALOGUE", raising=False)
