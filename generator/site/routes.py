"""Where each generated page lives, and relative links between pages.

Paths are MkDocs-style source paths (``item/<id>/index.md``); URLs follow the
``use_directory_urls`` choice (``item/<id>/`` or ``item/<id>/index.html``), so links
work on a web server and, with file URLs, from ``file://`` in a kiosk.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from generator.model.entries import Entry
from generator.model.naming import (
    DISCLOSURE_FOLDER,
    ENTRY_FOLDER,
    FEED_FILE,
    ITEM_FOLDER,
    LIST_FOLDER,
    REPORT_FOLDER,
    SEARCH_FOLDER,
    SITEMAP_FOLDER,
    TABLE_FOLDER,
)
from generator.model.records import Area, Category, Record

# The folders are named in generator/model/naming.py, where the checker reads them too:
# an area or a column whose slug is one of them is refused.
HOME = "index.md"
SEARCH = f"{SEARCH_FOLDER}/index.md"
#: The search page's query parameter: ``search/?q=…`` (overrides/assets/gkml/search.js reads it from the form).
SEARCH_QUERY = "q"
#: The search data, a script (so that it loads from file:// too), fetched on the first search.
SEARCH_INDEX = f"{SEARCH_FOLDER}/index.js"
#: The rest of the search data (shards, result fragments, filter values: generator/site/search_index.py).
SEARCH_DATA = f"{SEARCH_FOLDER}/d"
SITEMAP = f"{SITEMAP_FOLDER}/index.md"
#: Entries per page of a column's list (the first page is the column's own).
ENTRIES_PER_PAGE = 20
DISCLOSURE = f"{DISCLOSURE_FOLDER}/index.md"  #: 政府信息公开
#: 公开情况: the staff page (plugin option ``report_page``), in no navigation, sitemap or search.
REPORT = f"{REPORT_FOLDER}/index.md"
#: The hand-written pages of 政府信息公开 every county fills in (content/gongkai/), linked from its home.
DISCLOSURE_PAGES = {
    "guide": f"{DISCLOSURE_FOLDER}/guide.md",
    "apply": f"{DISCLOSURE_FOLDER}/apply.md",
    "reports": f"{DISCLOSURE_FOLDER}/annual-reports.md",
}


@dataclass(frozen=True)
class Routes:
    directory_urls: bool = True
    #: The search page's query parameter (for templates: ``routes.search_query``).
    search_query: ClassVar[str] = SEARCH_QUERY

    # -- source paths ------------------------------------------------------------------
    @staticmethod
    def home() -> str:
        return HOME

    @staticmethod
    def search() -> str:
        return SEARCH

    @staticmethod
    def sitemap() -> str:
        return SITEMAP

    @staticmethod
    def area(area: Area) -> str:
        return f"{area.slug}/index.md"

    @staticmethod
    def table(area: Area) -> str:
        return f"{area.slug}/{TABLE_FOLDER}/index.md"

    @staticmethod
    def category(area: Area, category: Category) -> str:
        return f"{area.slug}/{category.slug}/index.md"

    @staticmethod
    def item(record: Record) -> str:
        return Routes.item_of(record.id)

    @staticmethod
    def item_of(record_id: str) -> str:
        """The page of the item whose id is ``record_id``."""
        return f"{ITEM_FOLDER}/{record_id}/index.md"

    @staticmethod
    def entry(entry: Entry) -> str:
        """The page of an entry (公开信息); its attachments are published beside it."""
        return Routes.entry_of(entry.id)

    @staticmethod
    def entry_of(entry_id: str) -> str:
        return f"{ENTRY_FOLDER}/{entry_id}/index.md"

    @staticmethod
    def column_page(area: Area, category: Category, number: int) -> str:
        """Page ``number`` of a column's list of entries (the first is the column's own page)."""
        if number <= 1:
            return Routes.category(area, category)
        return f"{area.slug}/{category.slug}/{LIST_FOLDER}/{number}/index.md"

    @staticmethod
    def feed(area: Area | None = None, category: Category | None = None) -> str:
        """Where the Atom feed of a column (or, without one, of the whole site) lives, site-relative."""
        if area is None or category is None:
            return FEED_FILE
        return f"{area.slug}/{category.slug}/{FEED_FILE}"

    @staticmethod
    def attachment(entry: Entry, name: str) -> str:
        """Where attachment file ``name`` (made safe by :func:`attachment_name`) of ``entry`` lives."""
        return f"{ENTRY_FOLDER}/{entry.id}/{name}"

    # -- URLs --------------------------------------------------------------------------
    def url(self, src: str) -> str:
        """Site-relative URL of a page (``''`` for the home page in directory mode)."""
        return _url(src, self.directory_urls)

    def theme_links(self) -> dict[str, str]:
        """What the theme's own templates link to (the header's search box), given to them
        by the adapters as ``config.extra.gkml``: URLs relative to the site root."""
        return {"search": self.url(SEARCH), "query": SEARCH_QUERY, "index": SEARCH_INDEX}

    def dest(self, src: str) -> str:
        """The file that holds page ``src`` in the built site (``item/<id>/index.html``)."""
        url = self.url(src)
        return f"{url}index.html" if not url or url.endswith("/") else url

    def root(self, src: str) -> str:
        """Relative path from page ``src`` to the site's root folder, ending in ``/``."""
        return posixpath.relpath(".", _folder_of_page(src, self.directory_urls) or ".") + "/"

    def href(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """Relative link from page ``from_src`` to page ``to_src``."""
        link = _href(from_src, to_src, self.directory_urls)
        return f"{link}#{anchor}" if anchor else link


_INDEX_NAMES = ("index.md", "README.md")


def _url(src: str, directory_urls: bool) -> str:
    """Where MkDocs puts the page of ``src``: ``a/index.md`` → ``a/``; ``a/b.md`` → ``a/b/``, or
    without directory URLs ``a/index.html`` and ``a/b.html``."""
    if posixpath.basename(src) in _INDEX_NAMES:
        folder = posixpath.dirname(src)
        if directory_urls:
            return f"{folder}/" if folder else ""
        return f"{folder}/index.html" if folder else "index.html"
    stem = src.removesuffix(".md")
    return f"{stem}/" if directory_urls else f"{stem}.html"


@lru_cache(maxsize=65536)
def _folder_of_page(src: str, directory_urls: bool) -> str:
    url = _url(src, directory_urls)
    return url.rstrip("/") if directory_urls else posixpath.dirname(url)


@lru_cache(maxsize=65536)
def _href(from_src: str, to_src: str, directory_urls: bool) -> str:
    here = _folder_of_page(from_src, directory_urls) or "."
    target = _url(to_src, directory_urls)
    if directory_urls:
        rel = posixpath.relpath(target.rstrip("/") or ".", here)
        return "./" if rel == "." else f"{rel}/"
    return posixpath.relpath(target, here)
