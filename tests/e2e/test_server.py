"""The site as nginx serves it with the shipped configuration (deploy/nginx/, tests/e2e/webserver.py):
no page of any kind breaks the strict Content-Security-Policy, in normal and 长辈版 mode; 长辈版 is
still remembered across pages under it; each kind of file gets its headers (security headers, cache,
charset) and is sent from its pre-compressed .gz; an unknown address gets the site's 404 page.

Every page opened through the ``pages`` fixture also fails its test on any CSP violation
(conftest.py: ``securitypolicyviolation`` events and the console's reports).
"""

from __future__ import annotations

import gzip
import importlib.util
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]


def _configs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gkml_deploy_configs", ROOT / "deploy" / "configs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


configs = _configs()


def not_found_url(site: Any) -> str:
    return f"{site.url}no-such-page/at/all/"


def fetch(url: str, *, gzip_ok: bool = True) -> tuple[int, Any, bytes]:
    """Status, headers and body (as sent) of a GET of ``url``."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def the_file(site: Any, url: str) -> Path:
    path = site.path_of(url).lstrip("/")
    return Path(site.dir) / (path + "index.html" if not path or path.endswith("/") else path)


def asset(site: Any, pattern: str) -> str:
    """The URL of the one file of the site matching ``pattern`` (a glob from its root)."""
    found = sorted(Path(site.dir).glob(pattern))
    assert len(found) == 1, (pattern, found)
    return site.url + found[0].relative_to(site.dir).as_posix()


# -- Content-Security-Policy in the browser ----------------------------------------------


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_no_page_kind_breaks_the_content_security_policy(
    site: Any, page_urls: dict[str, str], pages: Any, elder: bool
) -> None:
    urls = {**page_urls, "404": not_found_url(site)}
    for kind, url in urls.items():
        page = pages.open(elder=elder)
        response = page.goto(url)
        assert response is not None and response.status == (404 if kind == "404" else 200), kind
        assert response.headers["content-security-policy"] == configs.csp_value(), kind
        if kind == "home":  # the search scripts and data, loaded on focus, are scripts too
            page.locator(".md-content").get_by_role("searchbox").focus()
        page.wait_for_load_state("networkidle")
        root = page.locator("html")
        expect(root).to_have_class(re.compile(r"\bgkml-js\b"))  # head.js ran
        assert page.evaluate("document.documentElement.classList.contains('gkml-elder')") is elder, kind
        # the theme's storage helpers, from head.js, point at the site's root (the theme's bundle reads them)
        served = urlsplit(url)  # page 2 of a list comes from a second site (conftest.py: list_page_url)
        assert page.evaluate("window.__md_scope.href") == f"{served.scheme}://{served.netloc}{urlsplit(site.url).path}"
        watch = pages.watch(page)
        assert not watch.csp, f"{kind}: {watch.csp}"
        # nothing the page asks for is missing (the document itself excepted on the 404 page). Known: the
        # theme's bundle looks for a sitemap.xml beside every <link rel="alternate"> (it reads them as
        # other languages of the site), so a column's Atom feed makes it ask for <column>/sitemap.xml.
        missing = [m for m in watch.console if (kind != "404" or url not in m) and "/sitemap.xml]" not in m]
        assert not missing, f"{kind}: {missing}"


def test_elder_mode_is_remembered_across_pages_under_the_policy(
    site: Any, page_urls: dict[str, str], pages: Any
) -> None:
    page = pages.open()
    page.goto(site.home_url())
    button = page.locator("header [data-gkml-elder]")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    for kind in ("item", "entry", "search"):
        page.goto(page_urls[kind])
        assert page.evaluate("document.documentElement.classList.contains('gkml-elder')"), kind
        expect(page.locator("header [data-gkml-elder]")).to_have_attribute("aria-pressed", "true")
    page.locator("header [data-gkml-elder]").click()
    page.goto(site.home_url())
    assert not page.evaluate("document.documentElement.classList.contains('gkml-elder')")
    assert not pages.watch(page).csp


def test_the_404_page_is_the_sites_own_with_its_styles_and_way_on(site: Any, pages: Any) -> None:
    page = pages.open()
    response = page.goto(not_found_url(site))
    assert response is not None and response.status == 404
    expect(page.locator("article h1")).to_have_text("404 - 找不到页面")
    page.wait_for_load_state("networkidle")
    css = [u for u in pages.watch(page).requests if urlsplit(u).path.endswith(".css")]
    assert css and all(u.startswith(site.url) for u in css), css
    # the theme's styles apply: the header has its colour, not the browser's default
    assert page.locator("header.md-header").evaluate("e => getComputedStyle(e).position") != "static"
    page.get_by_role("link", name="首页").last.click()
    expect(page).to_have_url(site.home_url())


# -- headers and compression (no browser) --------------------------------------------------


def test_every_answer_carries_the_security_headers(site: Any, page_urls: dict[str, str]) -> None:
    urls = [
        page_urls["home"],
        page_urls["item"],
        asset(site, "assets/gkml/gkml.*.css"),
        asset(site, "assets/javascripts/bundle.*.min.js"),
        site.url + "search/index.js",
        site.url + "sitemap.xml",
        not_found_url(site),
    ]
    for url in urls:
        _status, headers, _body = fetch(url)
        for header in configs.HEADERS:
            assert headers[header.name] == header.value, (url, header.name)
        assert headers["Server"] == "nginx", "no version number"


@pytest.mark.parametrize(
    ("kind", "cache", "content_type"),
    [
        ("page", configs.CACHE_OTHERS, "text/html; charset=utf-8"),
        ("gkml.css", configs.CACHE_FINGERPRINTED, "text/css; charset=utf-8"),
        ("gkml.js", configs.CACHE_FINGERPRINTED, "application/javascript; charset=utf-8"),
        ("search.js", configs.CACHE_FINGERPRINTED, "application/javascript; charset=utf-8"),
        ("bundle", configs.CACHE_FINGERPRINTED, "application/javascript; charset=utf-8"),
        ("theme css", configs.CACHE_FINGERPRINTED, "text/css; charset=utf-8"),
        ("search manifest", configs.CACHE_OTHERS, "application/javascript; charset=utf-8"),
        ("sitemap", configs.CACHE_OTHERS, "text/xml; charset=utf-8"),
    ],
)
def test_each_kind_of_file_is_sent_compressed_with_its_cache_and_charset(
    site: Any, page_urls: dict[str, str], kind: str, cache: str, content_type: str
) -> None:
    url = {
        "page": page_urls["item"],
        "gkml.css": asset(site, "assets/gkml/gkml.*.css"),
        "gkml.js": asset(site, "assets/gkml/gkml.*.js"),
        "search.js": asset(site, "assets/gkml/search.*.js"),
        "bundle": asset(site, "assets/javascripts/bundle.*.min.js"),
        "theme css": asset(site, "assets/stylesheets/main.*.min.css"),
        "search manifest": site.url + "search/index.js",
        "sitemap": site.url + "sitemap.xml",
    }[kind]
    status, headers, body = fetch(url)
    assert status == 200
    assert headers["Cache-Control"] == cache
    assert headers["Content-Type"] == content_type
    assert headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in (headers["Vary"] or "")
    file = the_file(site, url)
    assert body == file.with_name(file.name + ".gz").read_bytes(), "sent from the build's .gz file as it is"
    assert gzip.decompress(body) == file.read_bytes()
    # a client that does not take gzip gets the file itself
    status, headers, body = fetch(url, gzip_ok=False)
    assert status == 200 and headers["Content-Encoding"] is None and body == file.read_bytes()


def test_an_unknown_address_gets_status_404_and_the_sites_404_page(site: Any) -> None:
    status, headers, body = fetch(not_found_url(site), gzip_ok=False)
    assert status == 404
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == configs.CACHE_OTHERS
    assert body == (Path(site.dir) / "404.html").read_bytes()


def test_the_marker_file_and_other_dot_files_are_not_served(site: Any) -> None:
    status, _headers, body = fetch(site.url + ".gkml-site", gzip_ok=False)
    assert status == 404 and body == (Path(site.dir) / "404.html").read_bytes()


def test_files_the_site_never_uses_are_not_shipped(site: Any) -> None:
    shipped = [p.relative_to(site.dir).as_posix() for p in Path(site.dir).rglob("*") if p.is_file()]
    assert not [p for p in shipped if p.endswith(".map")]
    assert not [p for p in shipped if p.startswith(("assets/javascripts/lunr/", "assets/javascripts/workers/"))]
    unfingerprinted = [p for p in shipped if p.startswith("assets/gkml/") and p.count(".") < 2]
    assert not unfingerprinted, "gkml's assets carry a content hash in their name"
