"""``sitemap.xml``: every page of the site, for search engines and the inspection's crawlers.

The protocol (sitemaps.org 0.9) allows 50,000 addresses and 50 MB per file. A larger site
gets numbered parts (``sitemap-1.xml`` …, each also gzipped) and ``sitemap.xml`` becomes
their index, so the one address crawlers are given stays the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

#: The protocol's limits of one file.
MAX_URLS = 50_000
MAX_BYTES = 50 * 1000 * 1000
SITEMAP = "sitemap.xml"
_XMLNS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


@dataclass(frozen=True)
class SitemapEntry:
    """One page: its address (absolute when the site's address is known) and last change."""

    loc: str
    lastmod: str = ""  #: YYYY-MM-DD, or empty when unknown


def sitemap_xml(entries: Sequence[SitemapEntry]) -> str:
    """The sitemap document (sitemaps.org 0.9), entries in the order given."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f"<urlset {_XMLNS}>"]
    lines += [f"<url><loc>{escape(e.loc)}</loc>{_lastmod(e.lastmod)}</url>" for e in entries]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemap_files(entries: Sequence[SitemapEntry], base: str) -> dict[str, str]:
    """File name → text: ``sitemap.xml`` alone, or, beyond the protocol's limits, the index
    ``sitemap.xml`` and its parts; ``base`` is the site's address (``https://x/`` or ``/``) that
    the index's addresses of the parts start with."""
    whole = sitemap_xml(entries)
    if len(entries) <= MAX_URLS and len(whole.encode("utf-8")) <= MAX_BYTES:
        return {SITEMAP: whole}
    files: dict[str, str] = {}
    parts: list[SitemapEntry] = []
    # Chinese addresses are percent-encoded (three bytes a character, up to about 300 bytes an
    # entry), so 50,000 addresses stay far below 50 MB; each part is checked all the same.
    for number, start in enumerate(range(0, len(entries), MAX_URLS), 1):
        chunk = entries[start : start + MAX_URLS]
        name = f"sitemap-{number}.xml"
        files[name] = sitemap_xml(chunk)
        if len(files[name].encode("utf-8")) > MAX_BYTES:  # pragma: no cover - needs 1,000-byte addresses
            raise ValueError(f"{name} is larger than the sitemap protocol allows")
        parts.append(SitemapEntry(base + name, max((e.lastmod for e in chunk), default="")))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f"<sitemapindex {_XMLNS}>"]
    lines += [f"<sitemap><loc>{escape(p.loc)}</loc>{_lastmod(p.lastmod)}</sitemap>" for p in parts]
    lines.append("</sitemapindex>")
    files[SITEMAP] = "\n".join(lines) + "\n"
    return files


def _lastmod(date: str) -> str:
    return f"<lastmod>{date}</lastmod>" if date else ""
