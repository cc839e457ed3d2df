"""``gkml build --profile``: where a build's time goes, by phase (no timing thresholds here:
those live in benchmarks/)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.load.attachments import CACHE_FOLDER
from generator.profiling import PHASES
from generator.site.cache import BUILD_CACHE

ROOT = Path(__file__).resolve().parents[2]

#: The phases every build of the example goes through (``swap``: an existing site is replaced).
EVERY_BUILD = set(PHASES) - {"swap"}


def gkml_build(project: Path, site: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """A cold build: without the QR codes and downloads a build before kept (.gkml-cache/build/)."""
    shutil.rmtree(project / CACHE_FOLDER / BUILD_CACHE, ignore_errors=True)
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "-d", str(site), "--today", "2026-06-01", *extra],
        capture_output=True,
        text=True,
        cwd=project,
    )


def test_the_profile_names_every_phase_in_chinese_and_its_figures_add_up(project: Path) -> None:
    site = project / "site"
    first = gkml_build(project, site, "--profile")
    assert first.returncode == 0, first.stderr
    report = first.stderr[first.stderr.index("构建用时") :]
    for key in EVERY_BUILD:
        assert PHASES[key] in report, key
    assert "各阶段合计" in report and "实测总计" in report

    again = gkml_build(project, site, "--profile", "json")  # over the site built before: it is replaced
    assert again.returncode == 0, again.stderr
    figures = json.loads(again.stdout)
    phases = {p["key"]: p for p in figures["phases"]}
    assert set(phases) == set(PHASES)
    assert [p["key"] for p in figures["phases"]] == [k for k in PHASES if k in phases]  # the documented order
    assert all(p["label"] == PHASES[p["key"]] for p in figures["phases"])
    assert phases["qr"]["calls"] > 0 and phases["downloads"]["cpu_s"] > 0
    # the phases split the build: their wall times are the build's, their CPU times all of it
    assert figures["sum_wall_s"] == pytest.approx(figures["total_wall_s"], abs=0.05)
    assert figures["sum_cpu_s"] == pytest.approx(figures["total_cpu_s"], rel=0.1, abs=0.3)
    assert (site / "index.html").is_file()


def test_the_work_of_forked_children_is_counted_in_its_phases(project: Path) -> None:
    """1,000 items: the item pages are shared with a forked child, the downloads and the search
    index made by others; what they spent is in their phases, not lost and not counted twice."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import synth
    finally:
        sys.path.pop(0)
    shutil.rmtree(project / "catalogue")
    synth.write_catalogue(project / "catalogue", 1000)
    result = gkml_build(project, project / "site", "--profile", "json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    phases = {p["key"]: p for p in figures["phases"]}
    for key in ("render", "write", "downloads", "search"):
        assert phases[key]["child_wall_s"] > 0, key
    assert figures["sum_wall_s"] == pytest.approx(figures["total_wall_s"], abs=0.05)
    assert figures["sum_cpu_s"] == pytest.approx(figures["total_cpu_s"], rel=0.1, abs=0.3)
