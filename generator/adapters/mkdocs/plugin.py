"""The MkDocs adapter: MkDocs draws the theme, gkml's core writes its pages (wiring only).

MkDocs renders the stubs of :class:`~generator.site.writer.SiteWriter` (one per generated
page in the navigation, one shell for every item page) and the hand-written pages; after
the build the core writes every generated page from those shells. Other plugins'
``on_post_page`` handlers run on the core's pages too.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator.adapters.mkdocs.config import GkmlConfig
from generator.check.diagnostics import Diagnostic, has_errors, make, parse_severity_overrides, strict_severity
from generator.check.run import check_catalogue
from generator.check.severity import Severity
from generator.settings import Settings, SettingsError
from generator.site.downloads import download_name
from generator.site.guide import ERRORS_PAGE, common_errors_page
from generator.site.links import missing_item_links
from generator.site.nav import catalogue_nav, nav_pages
from generator.site.output import mark_site, refusal
from generator.site.pages import Renderer
from generator.site.routes import Routes
from generator.site.shell import finish_page, relative_root
from generator.site.writer import PostProcess, SiteWriter

log = logging.getLogger("mkdocs.plugins.gkml")
_LOG_LEVEL = {Severity.ERROR: logging.ERROR, Severity.WARNING: logging.WARNING, Severity.INFO: logging.INFO}


class GkmlPlugin(BasePlugin[GkmlConfig]):
    """``plugins: [gkml]`` in mkdocs.yml."""

    def __init__(self) -> None:
        self.settings: Settings | None = None  #: given by ``gkml build``; else made from the options
        self._user_nav: Any = None

    def on_config(self, config: Any) -> Any:
        project = Path(config.config_file_path).parent
        try:
            settings = self.settings or Settings.from_options(config, self.config, project)
        except SettingsError as exc:
            raise PluginError(str(exc)) from exc
        refused = refusal(Path(config.site_dir), settings)
        if refused is not None:  # `mkdocs build -d catalogue`: MkDocs would empty it
            raise PluginError(refused)
        severity, problems = parse_severity_overrides(settings.severity)
        if problems:
            raise PluginError("gkml 插件的 severity 设置有误：" + "；".join(problems) + "。")
        docs = Path(config.docs_dir)
        catalogue, diagnostics = check_catalogue(
            settings.catalogue, docs_dir=docs, docs_shown=docs.name, severity=severity, gate=settings.gate()
        )
        for d in diagnostics:
            log.log(_LOG_LEVEL[strict_severity(d)], d.format())  # what changes with the day: not for --strict
        if catalogue is None or has_errors(diagnostics):
            errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
            raise PluginError(f"目录中有 {errors} 个错误，网站未生成。请按上面的提示修改后重试。")
        if self._user_nav is None:  # serve rebuilds: the nav the user wrote, not the one made last time
            self._user_nav = list(config.nav or [])
        routes = Routes(directory_urls=config.use_directory_urls)
        extra = tuple(nav_pages(self._user_nav))
        renderer = Renderer(catalogue, routes, site_url=config.site_url or "", extra_pages=extra)
        self.writer = SiteWriter(catalogue, renderer, download_name(settings.catalogue.name), settings.language)
        self.item_ids = frozenset(r.id for r in catalogue.records)
        self.footer = renderer.footer()
        self.settings_used = settings
        config.site_name = str(escape(catalogue.site.title))  # the theme prints it unescaped
        config.nav = catalogue_nav(catalogue, routes, self._user_nav)
        config.extra["gkml"] = routes.theme_links()
        mark_site(Path(config.site_dir))  # the folder is gkml's from now on, even if this build fails
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        _drop_outside(files, config, self.settings_used)
        self.shells: dict[str, str] = {}
        self.stubs = {stub.src: stub for stub in self.writer.stubs()}
        for stub in self.stubs.values():
            inclusion = InclusionLevel.UNDEFINED if stub.in_nav else InclusionLevel.NOT_IN_NAV
            _replace(files, File.generated(config, stub.src, content=stub.markdown, inclusion=inclusion))
        _replace(files, File.generated(config, ERRORS_PAGE, content=common_errors_page()))
        self.hand_written = [f.src_uri for f in files.documentation_pages() if f.src_uri not in self.stubs]
        return files

    @event_priority(100)  # before other plugins: the shell is the theme's own output
    def on_post_page(self, output: str, page: Page, config: Any) -> str:
        src, dest = page.file.src_uri, page.file.dest_uri
        if src in self.stubs:
            self.shells[src] = output
            return output
        for href, item in missing_item_links(output, dest, self.item_ids):
            file = f"{Path(config.docs_dir).name}/{src}"
            log.warning(make("content-item-missing", file, href=href, item=item).format())
        return finish_page(output, relative_root(dest), self.footer, language=self.settings_used.language)

    def on_post_build(self, config: Any) -> None:
        site = Path(config.site_dir)
        self.writer.write(site, self.shells, hand_written=self.hand_written, post_process=self._others(config))

    def _others(self, config: Any) -> PostProcess | None:
        """Other plugins' ``on_post_page`` handlers, run on each page the core writes."""
        handlers = [h for h in config.plugins.events["post_page"] if getattr(h, "__self__", None) is not self]
        if not handlers:
            return None

        def run(html: str, src: str) -> str:
            page = Page(None, File.generated(config, src, content=""), config)
            for handler in handlers:
                html = handler(html, page=page, config=config)
            return html

        return run

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        server.watch(str(self.settings_used.catalogue))
        return server


def _drop_outside(files: Files, config: Any, settings: Settings) -> None:
    """Drop every file of the content and theme folders that the project's gate refuses
    (a link leading out of the project or nowhere, a page over its size limit); any such
    file fails the build, each named with the reason."""
    folders = {os.path.abspath(config.docs_dir): Path(config.docs_dir).name}
    if settings.theme_dir is not None:
        folders[os.path.abspath(settings.theme_dir)] = settings.theme_dir.name
    gate = settings.gate()
    allowed: dict[str, set[str]] = {}
    problems: list[Diagnostic] = []
    for folder, shown in folders.items():
        readable, refused = gate.files(Path(folder), shown)
        allowed[folder] = set(readable)
        problems += refused
    for file in list(files):
        folder = os.path.abspath(file.src_dir) if file.generated_by is None and file.src_dir else ""
        if folder in allowed and file.src_uri not in allowed[folder]:
            files.remove(file)
    for d in problems:
        log.error(d.format())
    if problems:
        raise PluginError(f"有 {len(problems)} 个文件不能发布（见上面的提示），网站未生成。")


def _replace(files: Files, file: File) -> None:
    """Add a generated page, dropping a hand-written page of the same path."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        log.warning(f"content/{existing.src_uri} 与自动生成的页面同名，已改用自动生成的页面。")
        files.remove(existing)
    files.append(file)
