"""Writes every page and file gkml generates, into a site the builder has drawn the theme of.

The one page path (see :mod:`generator.site.shell`):

1. :meth:`SiteWriter.stubs`: the stub pages a builder renders (one per generated page
   in the navigation, one shell for all item pages);
2. the builder renders them, and everything hand-written, into the site folder;
3. :meth:`SiteWriter.write`: every generated page is its shell filled with the page's
   HTML, written over the stub's output; then the search index, the downloads and the
   sitemap.

Item pages are most of the site: they are rendered and written by forked workers in
batches (:mod:`generator.parallel`). The Excel/CSV/JSON downloads are made by a forked
child from the moment the stubs are planned, and joined before the table pages, which
link to them with their sizes, are written.
"""

from __future__ import annotations

import functools
import gzip
import io
import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import escape

from generator.model.records import Area, Catalogue, Category, Record
from generator.parallel import fork_call, fork_map
from generator.site import shell as s
from generator.site.downloads import Download, site_downloads
from generator.site.pages import GeneratedPage, Renderer
from generator.site.routes import SEARCH_INDEX
from generator.site.search_index import build_search_index
from generator.site.sitemap import SitemapEntry, sitemap_xml

#: Parts of the theme's layout that each kind of generated page leaves out.
HIDE: dict[str, tuple[str, ...]] = {
    "home": ("navigation", "toc"),
    "search": ("navigation", "toc"),
    "item": ("toc",),
    "table": ("toc",),
    "sitemap": ("toc",),
    "disclosure": ("toc",),
}
#: Kinds of generated pages that are not listed in the navigation.
NOT_IN_NAV = frozenset({"item", "search", "sitemap"})

NOT_FOUND = "404.html"  #: the theme's page for addresses that do not exist
_WRITE_BATCH = 250  # item pages rendered before a batch is written (bounds memory); also the least worth a fork

#: Run on each page before it is written: (HTML, source path) → HTML (other builders' plugins).
PostProcess = Callable[[str, str], str]


@dataclass(frozen=True)
class Stub:
    """A page for the builder to render: where it goes and its Markdown source."""

    src: str
    markdown: str
    in_nav: bool


@dataclass
class SiteWriter:
    """Writes the generated part of one build."""

    catalogue: Catalogue
    renderer: Renderer
    download_name: str = "catalogue"
    language: str = "zh"
    _pages: list[GeneratedPage] = field(default_factory=list, init=False)
    _downloads: Callable[[], list[Download]] | None = field(default=None, init=False)

    # -- before the builder runs ---------------------------------------------------------------
    def stubs(self) -> list[Stub]:
        """The stub pages the builder renders (and starts making the downloads meanwhile)."""
        self._downloads = fork_call(functools.partial(site_downloads, self.catalogue, self.download_name))
        self._pages = self.renderer.site_pages()
        stubs = [
            Stub(
                page.src,
                s.stub_markdown(
                    title=str(escape(page.title)),
                    description=str(escape(page.description)),
                    hide=HIDE.get(page.kind, ()),
                ),
                page.kind not in NOT_IN_NAV,
            )
            for page in self._pages
        ]
        first = self._first_item()
        if first is not None:
            item_stub = s.stub_markdown(title=s.TITLE, description=s.DESCRIPTION, hide=HIDE["item"])
            stubs.append(Stub(self.renderer.routes.item(first[2]), item_stub, False))
        return stubs

    def item_shell_src(self) -> str | None:
        """Where the item shell's stub lives (the first item's page), if there are items."""
        first = self._first_item()
        return self.renderer.routes.item(first[2]) if first else None

    def _first_item(self) -> tuple[Area, Category, Record] | None:
        return next(self._placed(), None)

    def _placed(self) -> Iterator[tuple[Area, Category, Record]]:
        return ((a, c, r) for a in self.catalogue.areas for c in a.categories for r in c.records)

    # -- after the builder ran ------------------------------------------------------------------
    def write(
        self,
        site_dir: Path,
        shells: Mapping[str, str],
        *,
        hand_written: Iterable[str] = (),
        post_process: PostProcess | None = None,
    ) -> None:
        """Write every generated page from ``shells`` (source path → the builder's HTML of its
        stub), then the search index, the downloads and the sitemap. ``hand_written`` are the
        source paths of the builder's own pages, for the sitemap."""
        footer = self.renderer.footer()
        routes = self.renderer.routes
        item_src = self.item_shell_src()
        if item_src is not None:
            canonical = self.renderer.page_url(item_src)
            item_shell = s.Shell.parse(shells[item_src], canonical=canonical)
            batches = list(_chunks(list(self._placed()), _WRITE_BATCH))
            write = functools.partial(self._write_items, site_dir, item_shell, footer, post_process)
            fork_map(write, batches, min_share=1)
        downloads = self._downloads() if self._downloads else []
        for download in downloads:
            _write_file(site_dir / download.path, download.data)
        tables = {routes.table(area): area for area in self.catalogue.areas}
        for page in self._pages:
            if page.src in tables:  # now that the downloads' sizes are known
                page = self.renderer.table(tables[page.src], downloads)
            html = s.Shell.parse(shells[page.src]).fill({s.CONTENT: page.html})
            self._emit(site_dir, page.src, html, footer, post_process)
        not_found = site_dir / NOT_FOUND  # served at any depth: links from the site's own path
        if not_found.is_file():
            root = urlsplit(self.renderer.site_url).path.rstrip("/")
            html = s.finish_page(not_found.read_text(encoding="utf-8"), root, footer, language=self.language)
            _write_file(not_found, html.encode("utf-8"))
        _write_file(site_dir / SEARCH_INDEX, build_search_index(self.catalogue, routes).encode("utf-8"))
        xml = sitemap_xml(self._sitemap(hand_written)).encode("utf-8")
        _write_file(site_dir / "sitemap.xml", xml)
        _write_file(site_dir / "sitemap.xml.gz", _gzip(xml))

    def _write_items(
        self,
        site_dir: Path,
        item_shell: s.Shell,
        footer: str,
        post_process: PostProcess | None,
        batch: list[tuple[Area, Category, Record]],
    ) -> None:
        """Render a batch of item pages, then write them with a few threads while this one
        waits: creating thousands of folders one after another spends most of its time
        waiting on the file system's journal, which concurrent writers share."""
        out = []
        for area, category, record in batch:
            page = self.renderer.item(area, category, record)
            values = {
                s.TITLE: str(escape(page.title)),
                s.DESCRIPTION: str(escape(page.description)),
                s.CANONICAL: self.renderer.page_url(page.src),
                s.CONTENT: page.html,
            }
            out.append((page.src, item_shell.fill(values)))
        with ThreadPoolExecutor(max_workers=8) as pool:
            emit = functools.partial(self._emit, site_dir, footer=footer, post_process=post_process)
            for _ in pool.map(emit, *zip(*out, strict=True)):  # re-raises a failure: the build fails
                pass

    def _emit(self, site_dir: Path, src: str, html: str, footer: str, post_process: PostProcess | None) -> None:
        dest = self.renderer.routes.dest(src)
        html = s.finish_page(html, s.relative_root(dest), footer, language=self.language)
        if post_process is not None:
            html = post_process(html, src)
        _write_file(site_dir / dest, html.encode("utf-8", errors="xmlcharrefreplace"))

    def _sitemap(self, hand_written: Iterable[str]) -> list[SitemapEntry]:
        """Every page: the generated ones in navigation order, the items, then the hand-written ones."""
        newest = self.catalogue.newest_date()  # a generated page changes when any record does
        url = self.renderer.page_url
        routes = self.renderer.routes
        entries = [SitemapEntry(url(p.src) or "/" + routes.url(p.src), newest) for p in self._pages]
        for _, _, record in self._placed():
            src = routes.item(record)
            entries.append(SitemapEntry(url(src) or "/" + routes.url(src), record.updated))
        generated = {p.src for p in self._pages}
        for src in sorted(set(hand_written) - generated):
            entries.append(SitemapEntry(url(src) or "/" + routes.url(src), ""))
        return entries


def _chunks(items: list[tuple[Area, Category, Record]], size: int) -> Iterable[list[tuple[Area, Category, Record]]]:
    return (items[i : i + size] for i in range(0, len(items), size))


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _gzip(data: bytes) -> bytes:
    """``data`` gzipped with no name and no timestamp: the same bytes every build."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as f:
        f.write(data)
    return buffer.getvalue()


def hand_written_sources(docs_dir: Path) -> list[str]:
    """Source paths (``guide/index.md``) of the Markdown pages in ``docs_dir``."""
    if not docs_dir.is_dir():
        return []
    return sorted(posixpath.join(*p.relative_to(docs_dir).parts) for p in docs_dir.rglob("*.md"))
