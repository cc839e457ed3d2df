"""The MkDocs adapter: MkDocs draws the theme, gkml's core writes its pages (wiring only).

MkDocs renders the stubs of :class:`~generator.site.writer.SiteWriter` (one per generated
page in the navigation, one shell for every item page) and the hand-written pages; after
the build the core writes every generated page from those shells. Other plugins'
``on_post_page`` handlers run on the core's pages too.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator.adapters.mkdocs.config import GkmlConfig
from generator.check.diagnostics import make, strict_severity
from generator.check.severity import Severity
from generator.settings import Settings, SettingsError
from generator.site.build import NotBuilt, prepare
from generator.site.guide import ERRORS_PAGE, common_errors_page
from generator.site.links import missing_item_links
from generator.site.nav import catalogue_nav
from generator.site.output import mark_site, refusal
from generator.site.shell import finish_page, relative_root
from generator.site.writer import PostProcess

log = logging.getLogger("mkdocs.plugins.gkml")
_LOG_LEVEL = {Severity.ERROR: logging.ERROR, Severity.WARNING: logging.WARNING, Severity.INFO: logging.INFO}


class GkmlPlugin(BasePlugin[GkmlConfig]):
    """``plugins: [gkml]`` in mkdocs.yml."""

    def __init__(self) -> None:
        self.settings: Settings | None = None  #: given by ``gkml build``; else made from the options
        self._user_nav: Any = None

    def on_config(self, config: Any) -> Any:
        try:
            settings = self.settings or Settings.from_options(config, self.config, Path(config.config_file_path).parent)
            refused = refusal(Path(config.site_dir), settings)  # `mkdocs build -d catalogue` would empty it
            if refused is not None:
                raise NotBuilt(refused)
            if self._user_nav is None:  # serve rebuilds: the nav the user wrote, not the one made last time
                self._user_nav = list(config.nav or [])
            site_url = config.site_url or ""
            built = prepare(
                settings, directory_urls=config.use_directory_urls, site_url=site_url, user_nav=self._user_nav
            )
        except (SettingsError, NotBuilt) as exc:
            for d in getattr(exc, "diagnostics", []):
                log.log(_LOG_LEVEL[strict_severity(d)], d.format())
            raise PluginError(str(exc)) from exc
        for d in built.diagnostics:
            log.log(_LOG_LEVEL[strict_severity(d)], d.format())  # what changes with the day: not for --strict
        self.built, self.settings_used = built, settings
        self.footer = built.renderer.footer()
        config.site_name = str(escape(built.catalogue.site.title))  # the theme prints it unescaped
        config.nav = catalogue_nav(built.catalogue, built.routes, self._user_nav)
        config.extra["gkml"] = built.routes.theme_links()
        mark_site(Path(config.site_dir))  # the folder is gkml's from now on, even if this build fails
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        for file in list(files):  # what the gate refused (links out of the project …): not published
            folder = Path(file.src_dir).resolve() if file.generated_by is None and file.src_dir else None
            if folder in self.built.publishable and file.src_uri not in self.built.publishable[folder]:
                files.remove(file)
        self.shells: dict[str, str] = {}
        self.stubs = {stub.src: stub for stub in self.built.writer.stubs()}
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
        for href, item in missing_item_links(output, dest, self.built.item_ids):
            file = f"{Path(config.docs_dir).name}/{src}"
            log.warning(make("content-item-missing", file, href=href, item=item).format())
        root, head = relative_root(dest), self.built.renderer.head()
        return finish_page(output, root, self.footer, head=head, language=self.settings_used.language)

    def on_post_build(self, config: Any) -> None:
        site = Path(config.site_dir)
        self.built.writer.write(site, self.shells, hand_written=self.hand_written, post_process=self._others(config))

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


def _replace(files: Files, file: File) -> None:
    """Add a generated page, dropping a hand-written page of the same path."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        log.warning(f"content/{existing.src_uri} 与自动生成的页面同名，已改用自动生成的页面。")
        files.remove(existing)
    files.append(file)
