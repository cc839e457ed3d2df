"""The MkDocs adapter: injects the generated catalogue pages into a MkDocs build.

This is wiring only. Loading, checking and rendering happen in the domain core
(:mod:`generator.catalogue`, :mod:`generator.render`); MkDocs 2.0 is announced to
drop plugins, and nothing outside this module and :mod:`generator.mkdocs_build`
imports MkDocs.

Generated pages are real MkDocs pages (so navigation, theme chrome, sitemap, link
validation of hand-written pages and live reload all work as usual) whose HTML is
rendered by gkml: they skip the Markdown pass, and item pages stay out of the
navigation, which keeps build time and page size linear in the number of items.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
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

from generator.catalogue import load_catalogue
from generator.diagnostics import Severity, has_errors
from generator.model import Catalogue
from generator.render import GeneratedPage, Renderer
from generator.routes import Routes
from generator.search_index import INDEX_PATH, build_search_index
from generator.sitenav import catalogue_nav

log = logging.getLogger("mkdocs.plugins.gkml")
_LOG_LEVEL = {Severity.ERROR: logging.ERROR, Severity.WARNING: logging.WARNING, Severity.INFO: logging.INFO}


class GkmlConfig(Config):
    catalogue = c.Type(str, default="catalogue")
    """The folder of YAML records, relative to mkdocs.yml."""


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
        elif kind in ("item", "table"):
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
    included) is that document with the sentinels replaced. The chrome is therefore
    byte for byte what the theme renders, at a fraction of the cost.
    """

    TEMPLATE = "gkml-item.html"
    _TITLE, _DESCRIPTION, _CANONICAL = (
        "\ue000gkml:title\ue000",
        "\ue000gkml:description\ue000",
        "\ue000gkml:canonical\ue000",
    )
    _CONTENT = "<h1>\ue000gkml:content\ue000</h1>"  # contains <h1>, so the theme adds no title of its own
    _SENTINELS = re.compile("|".join(re.escape(s) for s in (_TITLE, _DESCRIPTION, _CANONICAL, _CONTENT)))

    def __init__(self, env: Any) -> None:
        self.env = env
        self.parts: list[str] | None = None  # the shell, split at the sentinels
        self.slots: list[str] = []  # which sentinel stood between each two parts

    @pass_context
    def __call__(self, context: Any, page: PrerenderedPage) -> Markup:
        if self.parts is None:
            shell = self._render_shell(context, page)
            self.parts, self.slots = self._SENTINELS.split(shell), self._SENTINELS.findall(shell)
        values = {
            self._TITLE: page.title or "",
            self._DESCRIPTION: page.meta.get("description", ""),
            self._CANONICAL: page.canonical_url or "",
            self._CONTENT: page.content or "",
        }
        pieces = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:], strict=True):
            pieces += (values[slot], part)
        return Markup("".join(pieces))

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

    def _folder(self, config: Any) -> Path:
        return (Path(config.config_file_path).parent / self.config.catalogue).resolve()

    def on_config(self, config: Any) -> Any:
        folder = self._folder(config)
        catalogue, diagnostics = load_catalogue(folder)
        for d in diagnostics:
            log.log(_LOG_LEVEL[d.severity], d.format())
        if catalogue is None or has_errors(diagnostics):
            errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
            raise PluginError(f"目录中有 {errors} 个错误，网站未生成。请按上面的提示修改后重试。")
        self.catalogue = catalogue
        self.renderer = Renderer(catalogue, Routes(directory_urls=config.use_directory_urls))
        config.site_name = str(escape(catalogue.site.title))  # the theme prints it unescaped
        if self._user_nav is None:
            self._user_nav = list(config.nav or [])
        config.nav = catalogue_nav(catalogue, self.renderer.routes, self._user_nav)
        if not self._epoch_given:  # reproducible sitemap dates: the catalogue's own newest date
            newest = max((r.updated for r in catalogue.records if r.updated), default="2019-05-15")
            stamp = dt.datetime.fromisoformat(newest).replace(tzinfo=dt.timezone.utc)
            os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        assert self.renderer is not None and self.catalogue is not None
        updated = {self.renderer.routes.item(r): r.updated for r in self.catalogue.records}
        for generated in self.renderer.pages():
            existing = files.get_file_from_path(generated.src)
            if existing is not None:
                log.warning(f"content/{generated.src} 与自动生成的页面同名，已改用自动生成的页面。")
                files.remove(existing)
            inclusion = InclusionLevel.NOT_IN_NAV if generated.kind in ("item", "search") else InclusionLevel.UNDEFINED
            file = File.generated(config, generated.src, content="", inclusion=inclusion)
            PrerenderedPage(generated, file, config, updated.get(generated.src, ""))
            files.append(file)
        index = build_search_index(self.catalogue, self.renderer.routes)
        files.append(File.generated(config, INDEX_PATH, content=index))
        return files

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        assert self.renderer is not None
        env.globals["gkml_footer"] = self.renderer.footer("index.md")
        env.globals["gkml_item_page"] = _ItemShell(env)  # new for every build: serve rebuilds reuse nothing
        env.loader = ChoiceLoader([env.loader, DictLoader({_ItemShell.TEMPLATE: "{{ gkml_item_page(page) }}"})])
        return env

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        server.watch(str(self._folder(config)))
        return server
