"""sitemap.xml within the protocol's limits: a site of more than 50,000 pages (20,000 items and
200,000 entries make 230,000) gets numbered parts and sitemap.xml becomes their index."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.site.sitemap import MAX_URLS, SITEMAP, SitemapEntry, sitemap_files, sitemap_xml

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def pages(count: int) -> list[SitemapEntry]:
    return [SitemapEntry(f"https://zjj.example.gov.cn/info/x-{n}/", f"2025-{n % 12 + 1:02d}-01") for n in range(count)]


def test_a_site_within_the_limits_has_one_sitemap() -> None:
    entries = pages(MAX_URLS)
    assert sitemap_files(entries, "https://zjj.example.gov.cn/") == {SITEMAP: sitemap_xml(entries)}


def test_a_larger_site_gets_parts_of_at_most_50000_addresses_and_an_index() -> None:
    entries = pages(2 * MAX_URLS + 1)
    files = sitemap_files(entries, "https://zjj.example.gov.cn/")
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", SITEMAP]
    index = ET.fromstring(files[SITEMAP])
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    listed = [(s.findtext("s:loc", namespaces=NS), s.findtext("s:lastmod", namespaces=NS)) for s in index]
    assert listed == [
        ("https://zjj.example.gov.cn/sitemap-1.xml", "2025-12-01"),
        ("https://zjj.example.gov.cn/sitemap-2.xml", "2025-12-01"),
        ("https://zjj.example.gov.cn/sitemap-3.xml", "2025-05-01"),  # the one page left: n = 100,000
    ]
    found = []
    for number in (1, 2, 3):
        part = ET.fromstring(files[f"sitemap-{number}.xml"])
        locs = [u.findtext("s:loc", namespaces=NS) for u in part]
        assert len(locs) <= MAX_URLS
        found += locs
    assert found == [e.loc for e in entries]  # every page once, in order


def test_without_the_sites_address_the_index_points_from_the_root() -> None:
    files = sitemap_files(pages(MAX_URLS + 1), "/")
    assert "<loc>/sitemap-2.xml</loc>" in files[SITEMAP]
