"""``sitemap.xml``: every page of the site, for search engines and the inspection's crawlers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class SitemapEntry:
    """One page: its address (absolute when the site's address is known) and last change."""

    loc: str
    lastmod: str = ""  #: YYYY-MM-DD, or empty when unknown


def sitemap_xml(entries: Iterable[SitemapEntry]) -> str:
    """The sitemap document (sitemaps.org 0.9), entries in the order given."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for entry in entries:
        lastmod = f"<lastmod>{entry.lastmod}</lastmod>" if entry.lastmod else ""
        lines.append(f"<url><loc>{escape(entry.loc)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
