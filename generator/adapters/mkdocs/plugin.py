"""The MkDocs adapter: injects the generated catalogue pages into a MkDocs build.

This is wiring only. Loading, checking and rendering happen in the domain core
(:mod:`generator.load.catalogue`, :mod:`generator.site.pages`); MkDocs 2.0 is announced to
drop plugins, and nothing outside this module and :mod:`generator.adapters.mkdocs.build`
imports MkDocs.

Home, area, column, table and search pages are real MkDocs pages whose HTML gkml
has rendered (they skip the Markdown pass). Item pages, one per record and the bulk
of the site, stay out of the navigation, so the theme would render the same
document for each of them but for title, description, canonical URL and content.
The theme therefore renders one of them, with sentinels in those places (the
*shell*); every other item page is that shell filled in and written after the
build. Live reload rebuilds everything as before, the sitemap lists every item,
links to items from hand-written pages are checked, and the chrome is the theme's.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import posixpath
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, pass_context
from markupsafe import Markup, escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator.check.diagnostics import Severity, has_errors, set_severity_overrides
from generator.check.run import check_catalogue
from generator.model.records import Area, Catalogue, Category, Record
from generator.parallel import fork_call, fork_map
from generator.site.downloads import download_links, download_name, fill_sizes, planned_downloads, site_downloads
from generator.site.guide import common_errors_page
from generator.site.nav import catalogue_nav
from generator.site.pages import BASE, GeneratedPage, Renderer
from generator.site.routes import Routes
from generator.site.search_index import INDEX_PATH, build_search_index

log = logging.getLogger("mkdocs.plugins.gkml")
_LOG_LEVEL = {Severity.ERROR: logging.ERROR, Severity.WARNING: logging.WARNING, Severity.INFO: logging.INFO}


ERRORS_PAGE = "guide/errors.md"  #: the editors' guide to common mistakes, generated from the rules
_ITEM_LINK = re.compile(r'href="([^"#:?]*item/[^"]*)"')


_WRITE_BATCH = 250  # pages rendered before a batch is written (bounds memory); also the least worth a fork


def _nav_pages(nav: Any, title: str = "") -> list[tuple[str, str]]:
    """(title, source path) of the Markdown pages listed in a MkDocs ``nav`` setting."""
    if isinstance(nav, str):
        return [(title or nav, nav)] if nav.endswith(".md") and "://" not in nav else []
    if isinstance(nav, dict):
        return [page for key, value in nav.items() for page in _nav_pages(value, str(key))]
    if isinstance(nav, list):
        return [page for entry in nav for page in _nav_pages(entry, title)]
    return []


def _write_page(folder: Path, html: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_bytes(html.encode("utf-8", errors="xmlcharrefreplace"))


class GkmlConfig(Config):
    catalogue = c.Type(str, default="catalogue")
    """The folder of YAML records, relative to mkdocs.yml."""
    severity = c.Type(dict, default={})
    """Severity per rule, e.g. ``{subject-vague: error}`` (``gkml check`` reads it too)."""


class PrerenderedPage(Page):
    """A MkDocs page whose HTML body gkml has already rendered."""

    def __init__(self, generated: GeneratedPage, file: File, config: Any, update_date: str = "") -> None:
        super().__init__(str(escape(generated.title)), file, config)  # the theme prints titles unescaped
        self.generated = generated
        if update_date:
            self.update_date = update_date

    def read_source(self, config: Any) -> None:
        self.markdown = ""
        kind = self.generated.kind
        self.meta = {"description": str(escape(self.generated.description))} if self.generated.description else {}
        if kind in ("home", "search"):
            self.meta["hide"] = ["navigation", "toc"]
        elif kind in ("item", "table", "sitemap", "disclosure"):
            self.meta["hide"] = ["toc"]
        if kind == "item":
            self.meta["template"] = _ItemShell.TEMPLATE

    def render(self, config: Any, files: Files) -> None:
        self.content = self.generated.html
        self.present_anchor_ids = set(self.generated.anchors)


class _ItemShell:
    """Fills item pages into the theme's HTML, rendered once per build.

    Every item page lives at ``item/<id>/`` and is outside the navigation, so the
    theme produces the same document for each of them except for the title, the
    description, the canonical URL and the content. The first item page is rendered
    by the theme with sentinels in those four places; every item page (the first one
    included) is that document with the sentinels replaced. The chrome is what the
    theme renders, with its indentation removed (item pages are most of the site's
    bytes, and most of the theme's bytes are indentation).
    """

    TEMPLATE = "gkml-item.html"
    _TITLE, _DESCRIPTION, _CANONICAL = (
        "\ue000gkml:title\ue000",
        "\ue000gkml:description\ue000",
        "\ue000gkml:canonical\ue000",
    )
    _CONTENT = "<h1>\ue000gkml:content\ue000</h1>"  # contains <h1>, so the theme adds no title of its own
    _SENTINELS = re.compile("|".join(re.escape(s) for s in (_TITLE, _DESCRIPTION, _CANONICAL, _CONTENT)))
    _INDENT = re.compile(r"\n\s+")

    def __init__(self, env: Any) -> None:
        self.env = env
        self.parts: list[str] | None = None  # the shell, split at the sentinels
        self.slots: list[str] = []  # which sentinel stood between each two parts

    @pass_context
    def __call__(self, context: Any, page: PrerenderedPage) -> Markup:
        if self.parts is None:
            shell = self._render_shell(context, page)
            if "<pre" in shell or "<textarea" in shell:  # whitespace would matter: keep it
                self.parts = self._SENTINELS.split(shell)
            else:
                self.parts = [self._INDENT.sub("\n", part) for part in self._SENTINELS.split(shell)]
            self.slots = self._SENTINELS.findall(shell)
        return Markup(self.fill(page.title or "", page.meta.get("description", ""), page.canonical_url, page.content))

    def fill(self, title: str, description: str, canonical_url: str | None, content: str | None) -> str:
        """The item page for these (already escaped) values."""
        assert self.parts is not None, "the theme has not rendered the shell yet"
        values = {
            self._TITLE: title,
            self._DESCRIPTION: description,
            self._CANONICAL: canonical_url or "",
            self._CONTENT: content or "",
        }
        pieces = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:], strict=True):
            pieces += (values[slot], part)
        return "".join(pieces)

    def _render_shell(self, context: Any, page: PrerenderedPage) -> str:
        saved = (page.title, page.content, page.meta, page.canonical_url)
        page.title, page.content = self._TITLE, self._CONTENT
        page.meta = {**page.meta, "description": self._DESCRIPTION}
        page.canonical_url = self._CANONICAL if page.canonical_url else None
        try:
            return self.env.get_template("main.html").render(context.get_all())
        finally:
            page.title, page.content, page.meta, page.canonical_url = saved


class GkmlPlugin(BasePlugin[GkmlConfig]):
    """``plugins: [gkml]`` in mkdocs.yml."""

    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.renderer: Renderer | None = None
        self._user_nav: Any = None
        self._epoch_given = "SOURCE_DATE_EPOCH" in os.environ
        self._deferred: list[tuple[Area, Category, Record]] = []  # records whose pages are written after the build
        self._shell: _ItemShell | None = None
        self._downloads: Any = None  # waits for the downloads being made (see on_files)
        self._item_ids: frozenset[str] = frozenset()

    #: Tests set this to have the theme render every item page (to compare with the shell).
    _THEME_RENDERS_EVERY_ITEM = False

    def _folder(self, config: Any) -> Path:
        return (Path(config.config_file_path).parent / self.config.catalogue).resolve()

    def on_config(self, config: Any) -> Any:
        folder = self._folder(config)
        problems = set_severity_overrides(self.config.severity)
        if problems:
            raise PluginError("gkml 插件的 severity 设置有误：" + "；".join(problems) + "。")
        docs = Path(config.docs_dir)
        catalogue, diagnostics = check_catalogue(folder, docs_dir=docs, docs_shown=docs.name)
        for d in diagnostics:
            log.log(_LOG_LEVEL[d.severity], d.format())
        if catalogue is None or has_errors(diagnostics):
            errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
            raise PluginError(f"目录中有 {errors} 个错误，网站未生成。请按上面的提示修改后重试。")
        self.catalogue = catalogue
        self._item_ids = frozenset(r.id for r in catalogue.records)
        if self._user_nav is None:
            self._user_nav = list(config.nav or [])
        self.renderer = Renderer(
            catalogue,
            Routes(directory_urls=config.use_directory_urls),
            site_url=config.site_url or "",
            extra_pages=tuple(_nav_pages(self._user_nav)),
        )
        config.site_name = str(escape(catalogue.site.title))  # the theme prints it unescaped
        config.nav = catalogue_nav(catalogue, self.renderer.routes, self._user_nav)
        if not self._epoch_given:  # reproducible sitemap dates: the catalogue's own newest date
            newest = max((r.updated for r in catalogue.records if r.updated), default="2019-05-15")
            stamp = dt.datetime.fromisoformat(newest).replace(tzinfo=dt.timezone.utc)
            os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        assert self.renderer is not None and self.catalogue is not None
        routes = self.renderer.routes
        # The catalogue as Excel (official layout), CSV and JSON, linked from each area's table page.
        # Making them takes long (the Excel file above all) and nothing else needs them until the
        # end: a forked child makes them while this process builds the pages; the table pages
        # carry placeholders for their sizes until then (see on_post_build).
        name = download_name(self.config.catalogue)
        self._downloads = fork_call(functools.partial(site_downloads, self.catalogue, name))
        planned = planned_downloads(self.catalogue, name)
        for download in planned:
            self._replace(files, None, download.path)
        self.renderer.env.globals["gkml_downloads"] = functools.partial(download_links, planned)
        items = self.renderer.item_pages()
        pages = self.renderer.site_pages()
        shell = next(items, None)  # the one item page the theme renders (see _ItemShell)
        if shell is not None:
            pages.append(shell)
        if self._THEME_RENDERS_EVERY_ITEM:
            pages.extend(items)
        placed = [(a, c, r) for a in self.catalogue.areas for c in a.categories for r in c.records]
        self._deferred = [] if self._THEME_RENDERS_EVERY_ITEM else placed[1:]
        self._replace(files, File.generated(config, ERRORS_PAGE, content=common_errors_page()))
        updated = {routes.item(r): r.updated for r in self.catalogue.records}
        for generated in pages:  # item pages last: the sitemap lists the deferred ones after all others
            hidden = generated.kind in ("item", "search", "sitemap")
            inclusion = InclusionLevel.NOT_IN_NAV if hidden else InclusionLevel.UNDEFINED
            file = File.generated(config, generated.src, content="", inclusion=inclusion)
            PrerenderedPage(generated, file, config, updated.get(generated.src, ""))
            self._replace(files, file)
        for _, _, record in self._deferred:
            self._replace(files, None, routes.item(record))
        index = build_search_index(self.catalogue, routes)
        files.append(File.generated(config, INDEX_PATH, content=index))
        return files

    @staticmethod
    def _replace(files: Files, file: File | None, src: str = "") -> None:
        """Add a generated page (or reserve its path), dropping a hand-written page of the same path."""
        existing = files.get_file_from_path(file.src_uri if file else src)
        if existing is not None:
            log.warning(f"content/{existing.src_uri} 与自动生成的页面同名，已改用自动生成的页面。")
            files.remove(existing)
        if file is not None:
            files.append(file)

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        assert self.renderer is not None
        self._shell = _ItemShell(env)  # new for every build: serve rebuilds reuse nothing
        env.globals["gkml_footer"] = self.renderer.footer()
        env.globals["gkml_base"] = BASE
        env.globals["gkml_item_page"] = self._shell
        env.globals["gkml_sitemap"] = [(self._canonical(r), r.updated) for _, _, r in self._deferred]
        env.loader = ChoiceLoader([env.loader, DictLoader({_ItemShell.TEMPLATE: "{{ gkml_item_page(page) }}"})])
        return env

    def on_page_content(self, html: str, page: Page, config: Any, files: Files) -> str:
        """Warn about links from hand-written pages to items that do not exist."""
        if isinstance(page, PrerenderedPage) or self.catalogue is None:
            return html
        here = posixpath.dirname(page.file.dest_uri)
        for href in _ITEM_LINK.findall(html):
            target = posixpath.normpath(posixpath.join(here, href.split("#")[0]))
            parts = target.split("/")
            if parts[0] == "item" and len(parts) >= 2 and parts[1] not in self._item_ids:
                log.warning(f"content/{page.file.src_uri} 链接到不存在的事项 '{href}'（编号 {parts[1]}）。")
        return html

    def on_post_build(self, config: Any) -> None:
        """Write every item page but the one the theme rendered, from the shell.

        The pages are independent, so batches of them are shared among forked workers
        (:mod:`generator.parallel`), which inherit the catalogue and the shell.
        """
        batches = [self._deferred[i : i + _WRITE_BATCH] for i in range(0, len(self._deferred), _WRITE_BATCH)]
        fork_map(functools.partial(self._write_items, config), batches, min_share=1)
        self._write_downloads(config)

    def _write_downloads(self, config: Any) -> None:
        """Write the downloads made meanwhile, and their sizes into the table pages."""
        assert self.renderer is not None and self.catalogue is not None and self._downloads is not None
        downloads = self._downloads()
        site = Path(config.site_dir)
        for download in downloads:
            path = site / download.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(download.data)
        routes = self.renderer.routes
        for area in self.catalogue.areas:
            page = site / posixpath.dirname(routes.table(area)) / "index.html"
            html = page.read_text(encoding="utf-8")
            page.write_text(fill_sizes(html, downloads), encoding="utf-8")

    def _write_items(self, config: Any, entries: list[tuple[Area, Category, Record]]) -> None:
        """Render ``entries``, then write them with a few threads while this one waits:
        creating thousands of folders one after another spends most of its time waiting
        on the file system's journal, which concurrent writers share (rendering meanwhile
        would keep the writers waiting for the interpreter lock)."""
        assert self.renderer is not None and self._shell is not None
        site = Path(config.site_dir)
        batch = []
        for area, category, record in entries:
            page = self.renderer.item(area, category, record)
            title, description = str(escape(page.title)), str(escape(page.description))
            html = self._shell.fill(title, description, self._canonical(record), page.html)
            batch.append((site / posixpath.dirname(page.src), html))
        with ThreadPoolExecutor(max_workers=8) as pool:
            for _ in pool.map(_write_page, *zip(*batch, strict=True)):  # re-raises a failure: the build fails
                pass

    def _canonical(self, record: Record) -> str | None:
        """The canonical URL MkDocs gives the item's page (None without a ``site_url``)."""
        assert self.renderer is not None
        return self.renderer.page_url(self.renderer.routes.item(record)) or None

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        server.watch(str(self._folder(config)))
        return server
