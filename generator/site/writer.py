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
child from the moment the stubs are planned, and joined before the table pages and
政府信息公开, which link to them with their sizes, are written.
"""

from __future__ import annotations

import functools
import posixpath
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote, urljoin, urlsplit

from markupsafe import escape

from generator.model.entries import Entry, published_names
from generator.model.records import Area, Catalogue, Category, Record
from generator.parallel import fork_call, fork_map
from generator.profiling import Figures, collected, merge, phase, timed
from generator.site import qr
from generator.site import shell as s
from generator.site.assets import gzipped, write_compressed
from generator.site.cache import BuildCache
from generator.site.downloads import Download, cached_downloads
from generator.site.feeds import Feed, atom_xml
from generator.site.pages import GeneratedPage, Renderer
from generator.site.routes import ENTRIES_PER_PAGE
from generator.site.search_index import AttachmentWords, write_search_files
from generator.site.sitemap import SitemapEntry, sitemap_files

#: Parts of the theme's layout that each kind of generated page leaves out.
HIDE: dict[str, tuple[str, ...]] = {
    "home": ("navigation", "toc"),
    "search": ("navigation", "toc"),
    "item": ("toc",),
    "table": ("toc",),
    "sitemap": ("toc",),
    "disclosure": ("toc",),
    "entries": ("toc",),
    "report": ("navigation", "toc"),
}
#: Kinds of generated pages that are not listed in the navigation.
NOT_IN_NAV = frozenset({"item", "search", "sitemap", "report"})
#: Kinds of generated pages left out of ``sitemap.xml``: the staff page 公开情况 (it has ``noindex`` too).
NOT_IN_SITEMAP = frozenset({"report"})
#: The pages outside the navigation filled from one shell each, by kind of shell: items and
#: entries (``item/<id>/``, ``info/<id>/``: the same depth, the same chrome), and a column's
#: further pages of entries (``<area>/<column>/page/<n>/``).
ITEM_SHELL, LIST_SHELL = "item", "entries"

R = TypeVar("R")

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
    #: What the last build kept (QR codes, downloads) and this one keeps (:mod:`generator.site.cache`).
    cache: BuildCache = field(default_factory=lambda: BuildCache(None))
    #: The text of an entry's attachments, searched with its body (None: by their names only).
    words: AttachmentWords | None = None
    _pages: list[GeneratedPage] = field(default_factory=list, init=False)
    _downloads: Callable[[], list[Download]] | None = field(default=None, init=False)
    _search: Callable[[], None] | None = field(default=None, init=False)  #: started by :meth:`start_search`
    downloads: list[Download] = field(default_factory=list, init=False)  #: as written
    #: Each column's part of the sitemap (its entries' and further pages), by the id of its category.
    _sitemap_kept: dict[int, tuple[Category, list[SitemapEntry]]] = field(default_factory=dict, init=False)
    #: This build's QR codes, to keep: each SVG compressed (a quarter of the text; at 200,000 entries
    #: the codes would hold some 450 MB of the building process otherwise).
    _codes: dict[str, bytes] = field(default_factory=dict, init=False)
    #: Whether each page gets its pre-compressed copy (``.gz``, for nginx's gzip_static) as it is written.
    compress: bool = field(default=False, init=False)
    #: The path the site is served from when it is not the site address's (a preview at ``/``): the
    #: 404 page, shown at any depth, links the theme's files from there.
    served_from: str | None = field(default=None, init=False)
    #: The files (site-relative) whose copy was made as they were written: not to be read back for it.
    compressed: set[str] = field(default_factory=set, init=False)

    # -- before the builder runs ---------------------------------------------------------------
    def stubs(self) -> list[Stub]:
        """The stub pages the builder renders (and starts making the downloads meanwhile)."""
        routes, site_url = self.renderer.routes, self.renderer.site_url
        cache = self.cache

        def make() -> list[Download]:  # sent back small: the files the cache holds are sent as references
            return cached_downloads(self.catalogue, self.download_name, routes, site_url, cache)

        self._downloads = _joined(fork_call(collected(timed("downloads", make))))
        with phase("plan"):
            qr.reuse_codes(self.cache.qr_codes())
            self._pages = self.renderer.site_pages(deferred=True)  # the tables are rendered with the downloads
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
        for kind, src in self.shell_sources().items():
            shell = s.stub_markdown(title=s.TITLE, description=s.DESCRIPTION, hide=HIDE[kind])
            stubs.append(Stub(src, shell, False))
        return stubs

    def start_search(self, site_dir: Path) -> None:
        """Start writing the search data into ``site_dir`` on the other core now, while the builder
        renders its pages (a builder that has emptied ``site_dir`` and will not empty it again may
        call this; otherwise :meth:`write` starts it)."""
        self._search = self._searched(site_dir)

    def _searched(self, site_dir: Path) -> Callable[[], None]:
        """Wait for the search data written into ``site_dir`` by a child started now (on the other core)."""
        return _joined(fork_call(collected(functools.partial(self.write_search, site_dir))))

    def shell_sources(self) -> dict[str, str]:
        """Where the stub of each shell lives (:data:`ITEM_SHELL`: the first item's page;
        :data:`LIST_SHELL`: the first page 2 of a column's entries), for the shells needed."""
        routes = self.renderer.routes
        found = {}
        first = next(self._placed(), None)
        if first is not None:
            found[ITEM_SHELL] = routes.item(first[2])
        listed = next(((a, c) for a, c in self._columns() if len(c.entries) > ENTRIES_PER_PAGE), None)
        if listed is not None:
            found[LIST_SHELL] = routes.column_page(*listed, 2)
        return found

    def _placed(self) -> Iterator[tuple[Area, Category, Record]]:
        return ((a, c, r) for a in self.catalogue.areas for c in a.categories for r in c.records)

    def _columns(self) -> Iterator[tuple[Area, Category]]:
        return ((a, c) for a in self.catalogue.areas for c in a.categories)

    def jobs(self) -> list[Job]:
        """Every page filled from a shell: items, entries, columns' further pages of entries."""
        jobs: list[Job] = [("item", a, c, r) for a, c, r in self._placed()]
        for area, category in self._columns():
            jobs += [("entry", area, category, e) for e in category.entries]
        for area, category in self._columns():
            jobs.append(("entries", area, category, None))
        return jobs

    def successor(self, catalogue: Catalogue) -> SiteWriter:
        """The writer of ``catalogue``, this writer's catalogue with other entries (公开信息) but the
        same items, columns and settings (``gkml serve`` after an entry changed): the same pages in
        the navigation (their list is kept, not rendered again), the same downloads until
        :meth:`write_downloads` is given new ones, the templates already compiled."""
        other = SiteWriter(catalogue, self.renderer.for_catalogue(catalogue), self.download_name, self.language)
        other._pages, other.downloads, other._sitemap_kept = self._pages, self.downloads, self._sitemap_kept
        other.words = self.words
        return other

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
        search = self._search or self._searched(site_dir)
        self._search = None
        self.write_filled(site_dir, shells, self.jobs(), post_process=post_process)
        with phase("feeds"):
            self.write_feeds(site_dir)
        with phase("wait"):
            downloads = self._downloads() if self._downloads else []
        with phase("downloads_write"):
            self.write_downloads(site_dir, downloads)
        with phase("site_pages"):
            for page in self._pages:
                self.write_site_page(site_dir, shells, page, post_process=post_process)
        not_found = site_dir / NOT_FOUND  # served at any depth: links from the site's own path
        if not_found.is_file():
            served_from = urlsplit(self.renderer.site_url).path if self.served_from is None else self.served_from
            root = served_from.rstrip("/")
            html = not_found.read_text(encoding="utf-8")
            html = s.finish_page(html, root, self.footer, head=self.renderer.head(), language=self.language)
            _write_file(not_found, html.encode("utf-8"))
        with phase("wait"):
            search()
        with phase("sitemap"):
            self.write_sitemap(site_dir, hand_written)
        self._keep_codes(*self._taken_codes())
        if self.cache.folder is not None:
            with phase("cache"):
                codes = self._codes
                self.cache.keep_qr_codes((key, codes[key]) for key in sorted(codes))

    def _taken_codes(self) -> tuple[dict[str, bytes], set[str]]:
        """The QR codes this process made since it last asked (compressed: the workers that write
        the pages send them back so, and hold them so until their share is done), and the keys of
        those it reused; nothing when no cache keeps them."""
        made, reused = qr.take_codes()
        if self.cache.folder is None:
            return {}, set()
        return {key: qr.pack(svg) for key, svg in made.items()}, reused

    def _keep_codes(self, made: dict[str, bytes], reused: set[str]) -> None:
        """Note the QR codes of this build's pages (``made``, compressed, or reused), for the next build."""
        if self.cache.folder is not None:
            self._codes.update(made)
            self._codes.update((key, qr.known_code(key) or qr.pack("")) for key in reused)

    def write_search(self, site_dir: Path) -> None:
        """The search data of items and entries (:mod:`generator.site.search_index`)."""
        with phase("search"):
            write_search_files(site_dir, self.catalogue, self.renderer.routes, self.words)

    @property
    def site_pages(self) -> list[GeneratedPage]:
        """The pages of the navigation, as :meth:`stubs` rendered them (before the downloads were made)."""
        return self._pages

    @functools.cached_property
    def footer(self) -> str:
        """The identity block of every page (:meth:`Renderer.footer`)."""
        return self.renderer.footer()

    def write_filled(
        self, site_dir: Path, shells: Mapping[str, str], jobs: Sequence[Job], *, post_process: PostProcess | None = None
    ) -> None:
        """Write the pages of ``jobs`` (:meth:`jobs`), each filled into its shell, and the entries'
        attachments (shared among forked workers when there are many)."""
        filled = {
            kind: s.Shell.parse(shells[src], canonical=self.renderer.page_url(src))
            for kind, src in self.shell_sources().items()
        }
        batches = list(_chunks(list(jobs), _WRITE_BATCH))
        write = functools.partial(self._write_batch, site_dir, filled, self.footer, post_process)
        with phase("pages"):
            for (made, reused, compressed), figures in fork_map(
                lambda b: collected(functools.partial(write, b))(), batches, min_share=1
            ):
                merge(figures)
                self._keep_codes(made, reused)
                self.compressed.update(compressed)

    def write_downloads(self, site_dir: Path, downloads: list[Download]) -> None:
        """Write ``downloads`` (and keep them: the table pages and 政府信息公开 link to them with their sizes)."""
        self.downloads = downloads
        for download in downloads:
            if download.source:
                (site_dir / download.path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(download.source, site_dir / download.path)
            else:
                _write_file(site_dir / download.path, download.data)

    def write_site_page(
        self,
        site_dir: Path,
        shells: Mapping[str, str],
        page: GeneratedPage,
        *,
        post_process: PostProcess | None = None,
    ) -> None:
        """Write a page of the navigation (:meth:`Renderer.site_pages`) into its own shell; a
        table page and 政府信息公开 are rendered again with the sizes of the downloads."""
        if page.kind == "table":
            area = next(a for a in self.catalogue.areas if self.renderer.routes.table(a) == page.src)
            page = self.renderer.table(area, self.downloads)
        elif page.kind == "disclosure":
            page = self.renderer.disclosure(self.downloads)
        html = s.Shell.parse(shells[page.src]).fill({s.CONTENT: page.html})
        self._emit(site_dir, page.src, html, self.footer, post_process)

    def write_sitemap(self, site_dir: Path, hand_written: Iterable[str]) -> None:
        """``sitemap.xml`` (with its parts, beyond 50,000 pages), each with its gzipped copy
        (``hand_written``: the builder's own pages); parts of an earlier, larger site are removed."""
        base = self.renderer.site_url.rstrip("/") + "/" if self.renderer.site_url else "/"
        files = sitemap_files(self._sitemap(hand_written), base)
        for old in site_dir.glob("sitemap-*.xml*"):
            if old.name.removesuffix(".gz") not in files:
                old.unlink()
        for name, xml in files.items():
            data = xml.encode("utf-8")
            _write_file(site_dir / name, data)
            _write_file(site_dir / f"{name}.gz", gzipped(data))

    def _write_batch(
        self,
        site_dir: Path,
        shells: Mapping[str, s.Shell],
        footer: str,
        post_process: PostProcess | None,
        batch: list[Job],
    ) -> tuple[dict[str, bytes], set[str], list[str]]:
        """Render a batch of pages filled from shells, then write them (and the entries'
        attachments) one after another: on threads, each page's Python (finishing, encoding)
        waited for the GIL, and 20,000 items took 3 s longer on tmpfs and no less on disk
        (benchmarks/README.md). Returns the QR codes made and reused (:meth:`_taken_codes`) and
        the pages given their pre-compressed copy."""
        out: list[tuple[str, str]] = []
        copies: list[tuple[Path, str]] = []
        with phase("render"):
            self._render_batch(shells, batch, out, copies)
        with phase("write"):
            for src, html in out:
                self._emit(site_dir, src, html, footer, post_process)
            for source, dest in copies:
                _copy_file(site_dir, source, dest)
        compressed = [self.renderer.routes.dest(src) for src, _ in out] if self.compress else []
        return (*self._taken_codes(), compressed)

    def _render_batch(
        self,
        shells: Mapping[str, s.Shell],
        batch: list[Job],
        out: list[tuple[str, str]],
        copies: list[tuple[Path, str]],
    ) -> None:
        """Render the pages of ``batch`` into ``out`` (source path, HTML); the attachments to copy into ``copies``."""
        for kind, area, category, thing in batch:
            if kind == "item":
                pages = [self.renderer.item(area, category, thing)]  # type: ignore[arg-type]
            elif kind == "entry":
                entry: Entry = thing  # type: ignore[assignment]
                pages = [self.renderer.entry(area, category, entry)]
                names = published_names(entry.attachments)
                routes = self.renderer.routes
                copies += [
                    (Path(a.source), routes.attachment(entry, n)) for a, n in zip(entry.attachments, names, strict=True)
                ]
            else:
                pages = list(self.renderer.entry_lists(area, category))
            shell = shells[ITEM_SHELL if kind in ("item", "entry") else LIST_SHELL] if pages else None
            for page in pages:
                values = {
                    s.TITLE: str(escape(page.title)),
                    s.DESCRIPTION: str(escape(page.description)),
                    s.CANONICAL: self.renderer.page_url(page.src),
                    s.CONTENT: page.html,
                }
                out.append((page.src, shell.fill(values)))  # type: ignore[union-attr]

    def write_feeds(self, site_dir: Path, columns: Sequence[Category] | None = None) -> None:
        """The Atom feed of the whole site and of each column (of ``columns`` only, when given)."""
        routes, site = self.renderer.routes, self.catalogue.site
        feeds = [Feed(f"{site.title}：最新信息", routes.feed(), routes.url(routes.home()), self.catalogue.entries)]
        for area, category in self._columns():
            if columns is not None and not any(category is c for c in columns):
                continue
            page = routes.url(routes.category(area, category))
            feeds.append(Feed(f"{category.title}：最新信息", routes.feed(area, category), page, category.entries))
        for feed in feeds:
            url = functools.partial(self._feed_link, feed)
            entry_url = functools.partial(self._entry_link, url)
            xml = atom_xml(feed, author=site.bureau, url=url, entry_url=entry_url)
            _write_file(site_dir / feed.path, xml.encode("utf-8"))

    def _entry_link(self, url: Callable[[str], str], entry: Entry) -> str:
        routes = self.renderer.routes
        return url(routes.url(routes.entry(entry)))

    def _feed_link(self, feed: Feed, path: str) -> str:
        """A link in ``feed`` to ``path`` (site-relative): absolute when the site's address is
        known, else relative to the feed (feed readers resolve it against the feed's address)."""
        if self.renderer.site_url:
            return urljoin(self.renderer.site_url.rstrip("/") + "/", quote(path))
        link = posixpath.relpath(path or ".", posixpath.dirname(feed.path) or ".")
        return quote(link + "/" if not path or path.endswith("/") else link)  # a folder's address keeps its /

    def _emit(self, site_dir: Path, src: str, html: str, footer: str, post_process: PostProcess | None) -> None:
        dest = self.renderer.routes.dest(src)
        head = self.renderer.head(src)
        html = s.finish_page(html, s.relative_root(dest), footer, head=head, language=self.language)
        if post_process is not None:
            html = post_process(html, src)
        data = html.encode("utf-8", errors="xmlcharrefreplace")
        _write_file(site_dir / dest, data)
        if self.compress:
            write_compressed(site_dir / dest, data)
            self.compressed.add(dest)  # (in a forked worker, :meth:`_write_batch` returns them)

    def _sitemap(self, hand_written: Iterable[str]) -> list[SitemapEntry]:
        """Every page: the generated ones in navigation order, the items, then the hand-written ones."""
        newest = self.catalogue.newest_change()  # a generated page changes when any record or entry does
        url = self.renderer.page_url
        routes = self.renderer.routes
        pages = [p for p in self._pages if p.kind not in NOT_IN_SITEMAP]
        entries = [SitemapEntry(url(p.src) or "/" + routes.url(p.src), newest) for p in pages]
        for _, _, record in self._placed():
            src = routes.item(record)
            entries.append(SitemapEntry(url(src) or "/" + routes.url(src), record.updated))
        kept: dict[int, tuple[Category, list[SitemapEntry]]] = {}
        for area, category in self._columns():
            found = self._sitemap_kept.get(id(category))
            if found is None or found[0] is not category:  # a column's part, once for each state of it
                listed = []
                for entry in category.entries:
                    src = routes.entry(entry)
                    lastmod = entry.validity.date or entry.published
                    listed.append(SitemapEntry(url(src) or "/" + routes.url(src), lastmod))
                for number in range(2, self.renderer.page_count(category) + 1):
                    src = routes.column_page(area, category, number)
                    listed.append(SitemapEntry(url(src) or "/" + routes.url(src), category.updated))
                found = (category, listed)
            kept[id(category)] = found
            entries += found[1]
        self._sitemap_kept = kept
        generated = {p.src for p in self._pages}
        for src in sorted(set(hand_written) - generated):
            entries.append(SitemapEntry(url(src) or "/" + routes.url(src), ""))
        return entries


#: One page (or, for ``entries``, a column's further pages of entries) to fill from a shell:
#: its kind (``item``, ``entry``, ``entries``), where it is, and what.
Job = tuple[str, Area, Category, "Record | Entry | None"]


def _joined(wait: Callable[[], tuple[R, dict[str, Figures]]]) -> Callable[[], R]:
    """``wait`` for a result of :func:`~generator.profiling.collected`: its phases go into the profile."""

    def result() -> R:
        value, figures = wait()
        merge(figures)
        return value

    return result


def _chunks(items: list[Job], size: int) -> Iterable[list[Job]]:
    return (items[i : i + size] for i in range(0, len(items), size))


def _copy_file(site_dir: Path, source: Path, dest: str) -> None:
    """Publish an attachment (checked by the gate when the catalogue was read)."""
    _write_file(site_dir / dest, source.read_bytes())


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def hand_written_sources(docs_dir: Path) -> list[str]:
    """Source paths (``guide/index.md``) of the Markdown pages in ``docs_dir``."""
    if not docs_dir.is_dir():
        return []
    return sorted(posixpath.join(*p.relative_to(docs_dir).parts) for p in docs_dir.rglob("*.md"))
