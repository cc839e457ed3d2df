"""A page's absolute address (canonical link, sitemap, feeds) is what joining the site's address and
the page's path gives, also for hand-written pages with odd names: the shortcut that skips urljoin
for plain paths must never give another address."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from generator.model.records import Catalogue, Site
from generator.site.pages import Renderer
from generator.site.routes import Routes

SITES = (
    "https://zjj.example.gov.cn/gkml/",
    "https://zjj.example.gov.cn/gkml",
    "http://127.0.0.1:8000/",
    "https://example.gov.cn/a/./b/",  # dot segments in the site's own path
    "https://example.gov.cn/gk?x=1",
)
SOURCES = (
    "index.md",
    "item/bzxzf-pjgl-zgsh/index.md",
    "info/pjgl-20250312-1/index.md",
    "bzxzf/pjgl/page/2/index.md",
    "gongkai/guide.md",
    "指南/办事流程.md",
    "a:b.md",
    "./x.md",
    "../x.md",
    "a b/c.md",
    "a?b.md",
    "a#b.md",
    ".hidden/x.md",
    "a//b.md",
)


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("site_url", SITES)
def test_page_url_is_urljoin(site_url: str, directory_urls: bool) -> None:
    routes = Routes(directory_urls=directory_urls)
    renderer = Renderer(Catalogue(Site("局", "网站"), []), routes, site_url=site_url)
    for src in SOURCES:
        expected = urljoin(site_url.rstrip("/") + "/", routes.url(src))
        assert renderer.page_url(src) == expected, src
        assert renderer.page_url(src) == expected, src  # as remembered
