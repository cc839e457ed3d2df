"""Where each generated page lives, and relative links between pages.

Paths are MkDocs-style source paths (``item/<id>/index.md``); URLs follow the
``use_directory_urls`` choice (``item/<id>/`` or ``item/<id>/index.html``), so links
work on a web server and, with file URLs, from ``file://`` in a kiosk.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from generator.model import Area, Category, Record

HOME = "index.md"
SEARCH = "search/index.md"


@dataclass(frozen=True)
class Routes:
    directory_urls: bool = True

    # -- source paths ------------------------------------------------------------------
    @staticmethod
    def area(area: Area) -> str:
        return f"{area.slug}/index.md"

    @staticmethod
    def table(area: Area) -> str:
        return f"{area.slug}/table/index.md"

    @staticmethod
    def category(area: Area, category: Category) -> str:
        return f"{area.slug}/{category.slug}/index.md"

    @staticmethod
    def item(record: Record) -> str:
        return f"item/{record.id}/index.md"

    # -- URLs --------------------------------------------------------------------------
    def url(self, src: str) -> str:
        """Site-relative URL of a page (``''`` for the home page in directory mode)."""
        folder = posixpath.dirname(src)
        if self.directory_urls:
            return f"{folder}/" if folder else ""
        return f"{folder}/index.html" if folder else "index.html"

    def href(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """Relative link from page ``from_src`` to page ``to_src``."""
        link = _relative(posixpath.dirname(from_src) or ".", posixpath.dirname(to_src) or ".", self.directory_urls)
        return f"{link}#{anchor}" if anchor else link


@lru_cache(maxsize=65536)
def _relative(here: str, there: str, directory_urls: bool) -> str:
    """Link from folder ``here`` to the page in folder ``there`` (every site page is an index)."""
    rel = posixpath.relpath(there, here)
    if directory_urls:
        return "./" if rel == "." else f"{rel}/"
    return "index.html" if rel == "." else f"{rel}/index.html"
