"""The build cache (.gkml-cache/build/): QR codes and download files reused by the next build, by
content, with the same site byte for byte as a build without it."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import generator
from generator.load.attachments import CACHE_FOLDER
from generator.site.cache import BUILD_CACHE, DOWNLOADS, QR_FILE

RECORD = "catalogue/保障性住房/办事指南/保障性住房申请办事指南.yaml"


def gkml_build(project: Path, site: str) -> dict[str, dict[str, float]]:
    """Build ``project`` into ``site`` with the copy of gkml made for the project (the cache's keys
    include gkml's own source: the same for every build of a test); the profile's phases by key."""
    code = project.parent / "code"
    if not code.exists():
        shutil.copytree(
            Path(generator.__file__).parent, code / "generator", ignore=shutil.ignore_patterns("__pycache__")
        )
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-d", site, "--today", "2026-06-01", "--profile", "json"],
        capture_output=True,
        text=True,
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(code)},
    )
    assert result.returncode == 0, result.stderr
    return {p["key"]: p for p in json.loads(result.stdout)["phases"]}


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def change_one_record(project: Path) -> None:
    record = project / RECORD
    text = record.read_text(encoding="utf-8")
    assert "时限: 信息形成或者变更之日起20个工作日内" in text
    record.write_text(text.replace("之日起20个工作日内", "之日起15个工作日内"), encoding="utf-8")


def test_a_build_after_one_record_changed_reuses_the_cache_and_equals_a_cold_build(project: Path) -> None:
    cache = project / CACHE_FOLDER / BUILD_CACHE
    shutil.rmtree(cache, ignore_errors=True)  # the project is copied with this repository's cache
    cold = gkml_build(project, "cold")
    assert cold["qr"]["calls"] > 0
    assert (cache / QR_FILE).is_file()
    assert sorted(p.name.split("-")[0] for p in (cache / DOWNLOADS).iterdir()) == ["catalogue", "entries"]

    change_one_record(project)
    warm = gkml_build(project, "warm")
    assert "qr" not in warm  # every page's address is the same: every code is reused
    # one version of each group is kept (both made again: each group's key covers the whole catalogue)
    assert sorted(p.name.split("-")[0] for p in (cache / DOWNLOADS).iterdir()) == ["catalogue", "entries"]

    shutil.rmtree(project / CACHE_FOLDER / BUILD_CACHE)
    again = gkml_build(project, "again")
    assert again["qr"]["calls"] == cold["qr"]["calls"]
    assert digest(project / "warm") == digest(project / "again")
    assert digest(project / "cold") != digest(project / "warm")  # the change is in the site


def test_download_files_are_taken_from_the_cache_when_what_they_are_made_from_is_the_same(project: Path) -> None:
    """A build of an unchanged catalogue publishes the cache's copy of each download file (marked here)
    instead of making it again; a change to the catalogue makes the catalogue's files again."""
    cache = project / CACHE_FOLDER / BUILD_CACHE
    shutil.rmtree(cache, ignore_errors=True)
    gkml_build(project, "cold")
    marked = {}
    for kept in (cache / DOWNLOADS).iterdir():
        (csv,) = [p for p in kept.iterdir() if p.suffix == ".csv"]
        csv.write_bytes(f"{kept.name}: taken from the cache\n".encode())
        marked[csv.name] = csv.read_bytes()
    gkml_build(project, "unchanged")
    assert {name: (project / "unchanged" / "downloads" / name).read_bytes() for name in marked} == marked
    change_one_record(project)
    gkml_build(project, "changed")
    assert all((project / "changed" / "downloads" / name).read_bytes() != data for name, data in marked.items())


def test_a_damaged_cache_is_ignored(project: Path) -> None:
    cache = project / CACHE_FOLDER / BUILD_CACHE
    shutil.rmtree(cache, ignore_errors=True)
    gkml_build(project, "cold")
    (cache / QR_FILE).write_text("{not json", encoding="utf-8")
    for kept in (cache / DOWNLOADS).iterdir():
        for file in kept.iterdir():
            file.unlink()  # a folder of the right name with its files gone
    phases = gkml_build(project, "again")
    assert phases["qr"]["calls"] > 0
    assert digest(project / "cold") == digest(project / "again")


def test_a_damaged_code_in_the_cache_is_made_again(project: Path) -> None:
    """A cache of the right version whose codes cannot be read (one not deflated, one not base64)
    gives the same site: what cannot be read is drawn again."""
    cache = project / CACHE_FOLDER / BUILD_CACHE
    shutil.rmtree(cache, ignore_errors=True)
    gkml_build(project, "cold")
    kept = json.loads((cache / QR_FILE).read_text(encoding="utf-8"))
    first, *rest = sorted(kept["codes"])
    kept["codes"][first] = base64.b64encode(b"<svg>not deflated</svg>").decode("ascii")
    (cache / QR_FILE).write_text(json.dumps(kept), encoding="utf-8")
    assert gkml_build(project, "one")["qr"]["calls"] == 1
    kept["codes"][rest[0]] = "%%% not base64"
    (cache / QR_FILE).write_text(json.dumps(kept), encoding="utf-8")
    assert gkml_build(project, "all")["qr"]["calls"] > 1
    assert digest(project / "cold") == digest(project / "one") == digest(project / "all")
