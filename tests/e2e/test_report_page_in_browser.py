"""The staff page 公开情况 in the browser: accessible (axe-core, normal and 长辈版) and not scrolling
sideways on a phone, on a copy of the example built with the plugin option ``report_page``."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT, run_gkml  # tests/e2e is on sys.path (pytest prepends it)
from playwright.sync_api import expect
from test_accessibility import BLOCKING
from test_phone_layout import OVERFLOWING, WIDTHS, page_widths


@pytest.fixture(scope="module")
def report_url(tmp_path_factory: pytest.TempPathFactory, http_server: Any) -> Iterator[str]:
    root = tmp_path_factory.mktemp("e2e-report")
    for folder in ("content", "overrides", "catalogue"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns(".*"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      catalogue: catalogue\n" in config
    (root / "mkdocs.yml").write_text(
        config.replace("      catalogue: catalogue\n", "      catalogue: catalogue\n      report_page: true\n"),
        encoding="utf-8",
    )
    site = root / "site"
    result = run_gkml("build", "-f", str(root / "mkdocs.yml"), "-d", str(site), "--today", "2026-12-03")
    if result.returncode != 0:
        pytest.fail(f"gkml build with report_page failed (exit {result.returncode}):\n{result.stderr}")
    yield http_server(site) + "report/"


@pytest.mark.parametrize("mode", ["normal", "elder"])
def test_the_staff_page_has_no_serious_accessibility_violation(
    report_url: str, pages: Any, artifacts: Any, mode: str
) -> None:
    page = pages.open(elder=mode == "elder")
    page.goto(report_url)
    expect(page.locator("article h1")).to_have_text("公开情况")
    violations = Axe().run(page).response["violations"]
    lines = [f"{v['id']} [{v['impact']}] ×{len(v['nodes'])}: {v['help']}" for v in violations]
    (artifacts / f"axe-report-{mode}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not [v for v in violations if v["impact"] in BLOCKING], lines


@pytest.mark.parametrize("width", WIDTHS)
def test_the_staff_page_does_not_scroll_sideways_on_a_phone(report_url: str, pages: Any, width: int) -> None:
    page = pages.open({"width": width, "height": 800})
    page.goto(report_url)
    expect(page.locator("article h1")).to_be_visible()
    widths = page_widths(page)
    assert widths["scrollWidth"] <= widths["innerWidth"], page.evaluate(OVERFLOWING)
