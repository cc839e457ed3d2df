"""Fixtures for tests of the MkDocs integration: a copy of the project in a temp folder."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest

from generator.load.attachments import CACHE_FOLDER, AttachmentTexts

ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def example_cache() -> Path:
    """The text of the example's attachments, read once per run into this repository's own cache
    (``.gkml-cache/`` beside mkdocs.yml, as ``gkml check`` there does): reading them takes seconds."""
    texts = AttachmentTexts(ROOT / CACHE_FOLDER / "attachments")
    for path in sorted((ROOT / "catalogue").rglob("附件/*")):
        texts.read(path.read_bytes(), path.suffix)
    return ROOT / CACHE_FOLDER


def copy_project(dest: Path) -> Path:
    """mkdocs.yml, content/, overrides/ and catalogue/ of this repository, copied to ``dest``, with the
    cache of the attachments' text a county's project has after its first check."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("content", "overrides", "catalogue"):
        shutil.copytree(ROOT / folder, dest / folder)
    shutil.copytree(example_cache(), dest / CACHE_FOLDER)
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("GKML_CATALOGUE", raising=False)
