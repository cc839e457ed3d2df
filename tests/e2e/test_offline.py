"""The offline kiosk build (``gkml build --offline``) works from ``file://``: navigation and search."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from generator.load.catalogue import load_catalogue

CATALOGUE_DIR = Path(__file__).resolve().parents[2] / "catalogue"
MOBILE = {"width": 375, "height": 812}


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory, gkml: Any) -> Path:
    site = tmp_path_factory.mktemp("kiosk") / "site"
    result = gkml("build", "--offline", "-d", str(site))
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def kiosk_page(browser: Any) -> Iterator[tuple[Any, list[str], list[str]]]:
    context = browser.new_context(viewport=MOBILE, locale="zh-CN")
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, requests, errors
    context.close()


def test_navigation_and_search_work_from_file_urls(offline_site: Path, kiosk_page: Any) -> None:
    page, requests, errors = kiosk_page
    catalogue, _ = load_catalogue(CATALOGUE_DIR)
    assert catalogue is not None
    area = catalogue.areas[0]
    category = area.categories[0]
    record = category.records[0]

    page.goto((offline_site / "index.html").as_uri())
    assert page.locator("h1").first.inner_text()
    page.locator(f'.md-content a[href="{area.slug}/index.html"]').first.click()
    assert page.url.endswith(f"/{area.slug}/index.html")
    page.locator(f'.md-content a[href="{category.slug}/index.html"]').first.click()
    assert page.url.endswith(f"/{area.slug}/{category.slug}/index.html")
    page.locator(f'.md-content a[href="../../item/{record.id}/index.html"]').first.click()
    assert page.url.endswith(f"/item/{record.id}/index.html")
    assert page.locator("h1").first.inner_text() == record.title

    page.goto((offline_site / "search" / "index.html").as_uri() + "?q=gzf")
    results = page.locator("#gkml-search-results a")
    results.first.wait_for()
    first = results.first.get_attribute("href") or ""
    assert first.endswith("/index.html") and "item/" in first
    results.first.click()
    assert "/item/" in page.url and page.url.endswith("/index.html")

    # published information too: a 文号 typed without its brackets finds its entry first, with the 文号 shown
    entry = next(e for e in catalogue.entries if "〔" in e.doc_no)
    typed = entry.doc_no.replace("〔", "").replace("〕", " ").removesuffix("号")
    page.goto((offline_site / "search" / "index.html").as_uri() + "?q=" + quote(typed))
    first = page.locator("#gkml-search-results .gkml-result").first
    first.wait_for()
    assert (first.locator("a").get_attribute("href") or "").endswith(f"info/{entry.id}/index.html")
    assert entry.doc_no in first.inner_text()

    assert errors == []
    assert [u for u in requests if urlsplit(u).scheme not in ("file", "data", "blob")] == []
