"""Pure renderers: catalogue → HTML pages (no file is written here).

Every page's body is produced from a Jinja2 template in ``generator/site/templates`` with
autoescaping on, so text from records always renders as text. Only http(s) and
site-relative URLs become links (:func:`generator.check.record.is_link_url`).
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import quote, urljoin

import jinja2
import markdown  # type: ignore[import-untyped]
from markupsafe import Markup, escape

from generator.check.record import is_link_url
from generator.check.report import Finding, Kind, Report
from generator.exchange import table as official
from generator.model import vocab
from generator.model.entries import POLICY_CATEGORIES, REPEALED, VALID, Entry, Links, published_names, size_text
from generator.model.records import RECORD_FIELDS, Area, Catalogue, Category, Record, label
from generator.site.downloads import Download, download_links
from generator.site.qr import qr_svg
from generator.site.routes import DISCLOSURE, DISCLOSURE_PAGES, ENTRIES_PER_PAGE, HOME, REPORT, SEARCH, SITEMAP, Routes
from generator.site.shell import BASE

#: Anchors of the item page sections: ASCII, stable, one per element.
SECTION_IDS: dict[str, str] = {f.attr: f.attr.replace("_", "-") for f in RECORD_FIELDS}


@dataclass(frozen=True)
class GeneratedPage:
    """One page of the site: where it goes, its title and its HTML body."""

    src: str
    title: str
    html: str
    kind: str  # home | area | table | category | item | search
    anchors: frozenset[str] = frozenset()
    description: str = ""


@dataclass(frozen=True)
class PageContext:
    """What a template needs to link from the page being rendered."""

    src: str
    routes: Routes

    def href(self, to_src: str, anchor: str = "") -> str:
        return self.routes.href(self.src, to_src, anchor)

    @property
    def root(self) -> str:
        """The relative path to the site's root folder (``../``), for scripts that build links."""
        return self.routes.root(self.src)

    def href_file(self, path: str) -> str:
        """Relative link to a file of the site that is not a page (``feed.xml``), percent-encoded."""
        return self.root + quote(path)


def _safe_url(url: str) -> str | None:
    return url if url and is_link_url(url) else None


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # a renderer lives for one build: no need to look at each template's file on every page
    )
    env.filters["safe_url"] = _safe_url
    env.globals.update(vocab=vocab, label=label, section_ids=SECTION_IDS, qr=qr_svg, VALID=VALID, REPEALED=REPEALED)
    return env


#: Entries an item page lists (the newest); the column lists them all.
ITEM_ENTRIES = 5
#: Entries the home page lists under 最近更新.
HOME_ENTRIES = 10
#: What an entry's body may use of Markdown (as hand-written pages).
BODY_EXTENSIONS = ("tables", "sane_lists", "fenced_code", "attr_list", "def_list")

_BLANK_LINES = re.compile(r"\n\s*\n+")
#: A relative path with no dot segment, scheme, query or fragment, and a site address whose path has
#: no dot segment and that has no query or fragment: joining them is appending one to the other.
_PLAIN_PATH = re.compile(r"(?:[\w~-][\w.~-]*/)*(?:[\w~-][\w.~-]*)?")
_PLAIN_BASE = re.compile(r"https?://[^/?#\s]+(?:/[\w~-][\w.~-]*)*/")
_INDENT = re.compile(r"\n\s+")


class Renderer:
    """Renders every generated page of a catalogue."""

    def __init__(
        self,
        catalogue: Catalogue,
        routes: Routes,
        *,
        site_url: str = "",
        extra_pages: tuple[tuple[str, str], ...] = (),
        report: Report | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.routes = routes
        self._crumbs: dict[tuple[str, str, int], Markup] = {}
        #: The site's public address (``site_url``): column and item pages show a QR code of theirs.
        self.site_url = site_url
        #: Hand-written pages (title, source path) for the site map.
        self.extra_pages = extra_pages
        #: 公开情况 as of the build's day: the staff page is written when given (plugin option report_page)
        self.report = report
        self._urls: dict[str, str] = {}  #: page_url's answers (the same for every catalogue of one site)

    @cached_property
    def env(self) -> jinja2.Environment:
        return _environment()

    def for_catalogue(self, catalogue: Catalogue) -> Renderer:
        """A renderer of ``catalogue`` with this one's settings and compiled templates (``gkml serve``
        renders the pages an entry's change touches with the catalogue as it is now)."""
        other = Renderer(
            catalogue, self.routes, site_url=self.site_url, extra_pages=self.extra_pages, report=self.report
        )
        if "env" in self.__dict__:
            other.__dict__["env"] = self.env
        other._urls = self._urls
        return other

    def _render(self, template: str, src: str, **values: object) -> str:
        html = self.env.get_template(template).render(
            page=PageContext(src, self.routes),
            site=self.catalogue.site,
            catalogue=self.catalogue,
            routes=self.routes,
            page_url=self.page_url(src),
            **values,
        )
        return _BLANK_LINES.sub("\n", html).strip() + "\n"

    def page_url(self, src: str) -> str:
        """The absolute address of page ``src`` (``''`` when the site's address is not known)."""
        if not self.site_url:
            return ""
        known = self._urls.get(src)
        if known is None:
            base, url = self.site_url.rstrip("/") + "/", self.routes.url(src)
            if _PLAIN_PATH.fullmatch(url) and _PLAIN_BASE.fullmatch(base):
                known = base + url  # what urljoin gives for these, in a fraction of the time
            else:
                known = urljoin(base, url)
            self._urls[src] = known
        return known

    def item(self, area: Area, category: Category, record: Record) -> GeneratedPage:
        src = self.routes.item(record)
        crumbs = self._item_crumbs(src, area, category)
        entries = self.item_entries.get(record.id, [])
        html = self._render(
            "item.html",
            src,
            area=area,
            category=category,
            record=record,
            crumbs=crumbs,
            entries=entries[:ITEM_ENTRIES],
            more_entries=len(entries) > ITEM_ENTRIES,
        )
        return GeneratedPage(
            src,
            record.title,
            html,
            "item",
            frozenset(SECTION_IDS.values()),
            description=f"{area.title} › {category.title} › {record.title}：{record.time_limit}",
        )

    def _item_crumbs(self, src: str, area: Area, category: Category) -> Markup:
        """The breadcrumbs of an item page. Relative links depend only on the page's depth,
        the same for every item, so they are rendered once per category."""
        key = (area.slug, category.slug, src.count("/"))
        if key not in self._crumbs:
            page = PageContext(src, self.routes)
            trail = [
                ("首页", page.href(HOME)),
                (area.title, page.href(self.routes.area(area))),
                (category.title, page.href(self.routes.category(area, category))),
            ]
            macros: Any = self.env.get_template("_macros.html").module
            self._crumbs[key] = Markup(macros.crumbs(trail))
        return self._crumbs[key]

    def category(self, area: Area, category: Category) -> GeneratedPage:
        """A column: its newest entries (the first of their pages), then its items."""
        src = self.routes.category(area, category)
        html = self._render(
            "category.html",
            src,
            area=area,
            category=category,
            entries=category.entries[:ENTRIES_PER_PAGE],
            pages=self._pages(src, area, category),
            feed=PageContext(src, self.routes).href_file(self.routes.feed(area, category)),
        )
        return GeneratedPage(src, category.title, html, "category", description=category.description)

    def entry_lists(self, area: Area, category: Category) -> Iterator[GeneratedPage]:
        """The further pages of a column's entries (page 2 on; the first is the column's page)."""
        for number in range(2, self.page_count(category) + 1):
            src = self.routes.column_page(area, category, number)
            start = (number - 1) * ENTRIES_PER_PAGE
            html = self._render(
                "entries.html",
                src,
                area=area,
                category=category,
                number=number,
                entries=category.entries[start : start + ENTRIES_PER_PAGE],
                pages=self._pages(src, area, category),
            )
            title = f"{category.title}（第 {number} 页）"
            yield GeneratedPage(src, title, html, "entries", description=category.description)

    @staticmethod
    def page_count(category: Category) -> int:
        """How many pages a column's list of entries takes (one at least: the column's own)."""
        return max(1, -(-len(category.entries) // ENTRIES_PER_PAGE))

    def _pages(self, src: str, area: Area, category: Category) -> list[tuple[int, str]]:
        numbers = range(1, self.page_count(category) + 1)
        return [(n, self.routes.href(src, self.routes.column_page(area, category, n))) for n in numbers]

    def head(self, src: str = "") -> str:
        """What goes into the ``<head>`` of page ``src`` (any page when empty): the links to the
        Atom feeds a reader discovers — the site's, and on a column's pages the column's — and on
        the staff page 公开情况 a ``noindex``. Links start with :data:`BASE`, the page's way to the site root."""
        links = [(f"{self.catalogue.site.title}：最新信息", self.routes.feed())]
        column = self._column_of.get(src)
        if column is not None:
            links.append((f"{column[1].title}：最新信息", self.routes.feed(*column)))
        robots = '<meta name="robots" content="noindex">' if src == REPORT else ""  # the staff page
        return robots + "".join(
            f'<link rel="alternate" type="application/atom+xml" title="{escape(title)}" href="{BASE}/{quote(path)}">'
            for title, path in links
        )

    @cached_property
    def _column_of(self) -> dict[str, tuple[Area, Category]]:
        found = {}
        for area in self.catalogue.areas:
            for category in area.categories:
                for number in range(1, self.page_count(category) + 1):
                    found[self.routes.column_page(area, category, number)] = (area, category)
        return found

    def entry(self, area: Area, category: Category, entry: Entry) -> GeneratedPage:
        """The page of one entry: its facts, body, attachments, validity and related entries."""
        src = self.routes.entry(entry)
        page = PageContext(src, self.routes)
        crumbs = self._item_crumbs(src, area, category)
        attachments = [
            (a.name, page.href_file(self.routes.attachment(entry, name)), a.kind, size_text(a.size))
            for a, name in zip(entry.attachments, published_names(entry.attachments), strict=True)
        ]
        links = self.links
        item = self._items.get(entry.item)
        markdown = entry.markdown
        html = self._render(
            "entry.html",
            src,
            entry=entry,
            crumbs=crumbs,
            body=Markup(self._markdown(markdown)) if markdown.strip() else "",
            attachments=attachments,
            replacement=links.by_id.get(entry.validity.replaced_by),
            replaced=links.replaces.get(entry.id, ()),
            related=links.related(entry),
            item_title=item.title if item is not None else entry.item,
            is_policy=entry.category in POLICY_CATEGORIES,
        )
        description = entry.summary or f"{entry.publisher} · {entry.published}"
        return GeneratedPage(src, entry.title, html, "entry", description=description)

    def _markdown(self, text: str) -> str:
        converter = self._converter
        converter.reset()
        return str(converter.convert(text))

    @cached_property
    def _converter(self) -> markdown.Markdown:
        return markdown.Markdown(extensions=list(BODY_EXTENSIONS))

    @cached_property
    def links(self) -> Links:
        """How the entries name each other, both ways."""
        return Links.of(self.catalogue.entries)

    @cached_property
    def _items(self) -> dict[str, Record]:
        return {r.id: r for r in self.catalogue.records}

    @cached_property
    def item_entries(self) -> dict[str, list[Entry]]:
        """Each item's entries, newest first."""
        found: dict[str, list[Entry]] = {}
        for entry in self.catalogue.entries:  # each column's newest first
            found.setdefault(entry.item, []).append(entry)
        return found

    def area(self, area: Area) -> GeneratedPage:
        src = self.routes.area(area)
        return GeneratedPage(
            src, area.title, self._render("area.html", src, area=area), "area", description=area.description
        )

    def table(self, area: Area, downloads: list[Download] | None = None) -> GeneratedPage:
        """The area's official table, linking to ``downloads`` (the whole catalogue as files)."""
        src = self.routes.table(area)
        has_level3 = any(r.level3 for r in area.records)
        links = download_links(downloads, src) if downloads else []
        title = f"{area.title}{official.TITLE_SUFFIX}"
        header = official.header_rows(official.official_columns(has_level3))
        html = self._render(
            "table.html",
            src,
            area=area,
            title=title,
            header=header,
            has_level3=has_level3,
            tick=official.TICK,
            downloads=links,
        )
        return GeneratedPage(src, title, html, "table")

    def home(self) -> GeneratedPage:
        entries = heapq.nlargest(HOME_ENTRIES, self.catalogue.entries, key=lambda e: (e.published, e.id))
        html = self._render("home.html", HOME, recent=self.catalogue.recent(), recent_entries=entries)
        return GeneratedPage(HOME, "首页", html, "home", description=self.catalogue.site.intro)

    def search(self) -> GeneratedPage:
        html = self._render("search.html", SEARCH)
        description = "按名称、内容或拼音搜索公开事项，并按领域、公开方式、对象、主体和层级筛选。"
        return GeneratedPage(SEARCH, "搜索", html, "search", description=description)

    def disclosure(self, downloads: list[Download] | None = None, *, deferred: bool = False) -> GeneratedPage:
        """政府信息公开: the platform's home (指南, 法定主动公开内容 = the catalogue and its open data,
        依申请公开, 年报), linking to ``downloads`` (``deferred``: without its body, see :meth:`site_pages`)."""
        links = download_links(downloads, DISCLOSURE) if downloads else []
        html = "" if deferred else self._render("disclosure.html", DISCLOSURE, pages=DISCLOSURE_PAGES, downloads=links)
        description = "政府信息公开指南、法定主动公开内容、依申请公开和政府信息公开工作年度报告。"
        return GeneratedPage(DISCLOSURE, "政府信息公开", html, "disclosure", description=description)

    def sitemap(self, extra: tuple[tuple[str, str], ...] = ()) -> GeneratedPage:
        """网站地图: every page of the site; ``extra`` are hand-written pages as (title, source path)."""
        html = self._render("sitemap.html", SITEMAP, extra=extra)
        return GeneratedPage(SITEMAP, "网站地图", html, "sitemap", description="本网站全部栏目和公开事项的列表。")

    def report_page(self, report: Report) -> GeneratedPage:
        """公开情况: the findings that depend on the day, as of ``report.as_of``, each linked to the page of
        the entry, item or column it is about (the staff page: not in the navigation, sitemap or search)."""
        page = PageContext(REPORT, self.routes)
        columns = {f"{a.slug}/{c.slug}": (a, c) for a in self.catalogue.areas for c in a.categories}
        kinds: list[tuple[Kind, list[tuple[Finding, str]]]] = []
        for kind in report.found:
            rows = []
            for finding in kind.findings:
                subject, href = finding.subject, ""
                if subject is not None and subject.kind == "entry":
                    href = page.href(self.routes.entry_of(subject.id))
                elif subject is not None and subject.kind == "item":
                    href = page.href(self.routes.item_of(subject.id))
                elif subject is not None and subject.id in columns:
                    href = page.href(self.routes.category(*columns[subject.id]))
                rows.append((finding, href))
            kinds.append((kind, rows))
        html = self._render("report.html", REPORT, report=report, kinds=kinds)
        description = f"截至 {report.as_of.isoformat()} 的公开情况（供本单位工作人员查看）。"
        return GeneratedPage(REPORT, "公开情况", html, "report", description=description)

    def footer(self) -> str:
        """The identity block shown at the bottom of every page.

        It is rendered once and placed in the theme's chrome, so its links start with
        :data:`BASE`, which the theme replaces by each page's path to the site root.
        """
        return _INDENT.sub("\n", self._render("footer.html", HOME, base=BASE)).strip()

    def site_pages(self, *, deferred: bool = False) -> list[GeneratedPage]:
        """Every page but the item pages, in navigation order (home, then per area:
        overview, columns, table; then search). ``deferred``: the pages that link to the
        downloads with their sizes (the tables, 政府信息公开) without their body, which is
        rendered once the downloads are made (:meth:`table`, :meth:`disclosure`)."""
        pages = [self.home()]
        for area in self.catalogue.areas:
            pages.append(self.area(area))
            pages.extend(self.category(area, category) for category in area.categories)
            if deferred:
                src = self.routes.table(area)
                pages.append(GeneratedPage(src, f"{area.title}{official.TITLE_SUFFIX}", "", "table"))
            else:
                pages.append(self.table(area))
        pages.append(self.disclosure(deferred=deferred))
        pages.append(self.search())
        pages.append(self.sitemap(self.extra_pages))
        if self.report is not None:
            pages.append(self.report_page(self.report))
        return pages

    def entry_pages(self) -> Iterator[GeneratedPage]:
        """The page of every entry, then the further pages of every column's list of entries."""
        for area in self.catalogue.areas:
            for category in area.categories:
                for entry in category.entries:
                    yield self.entry(area, category, entry)
        for area in self.catalogue.areas:
            for category in area.categories:
                yield from self.entry_lists(area, category)

    def item_pages(self) -> Iterator[GeneratedPage]:
        """The page of every record, one at a time, in catalogue order."""
        for area in self.catalogue.areas:
            for category in area.categories:
                for record in category.records:
                    yield self.item(area, category, record)

    def pages(self) -> list[GeneratedPage]:
        """Every generated page: :meth:`site_pages`, then :meth:`item_pages` and :meth:`entry_pages`."""
        return self.site_pages() + list(self.item_pages()) + list(self.entry_pages())
