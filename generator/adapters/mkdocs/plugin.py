"""The MkDocs adapter: MkDocs draws the theme, gkml's core writes its pages (wiring only).

MkDocs renders the stubs of :class:`~generator.site.writer.SiteWriter` (one per generated
page in the navigation, one shell for every item page) and the hand-written pages; after
the build the core writes every generated page from those shells. Other plugins'
``on_post_page`` handlers run on the core's pages too.

Under ``mkdocs serve`` / ``gkml serve`` MkDocs keeps this plugin from one build to the next (it
has ``on_startup``): after a change to entries only, the dev server's rebuild is the core's
update of the pages that show them (:mod:`generator.site.incremental`) instead of a full build.
"""

from __future__ import annotations

import functools
import gc
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import is_error_template

from generator.adapters.mkdocs.config import GkmlConfig
from generator.adapters.mkdocs.watch import Changes, record_changes, stop, watch_catalogue
from generator.check.diagnostics import Diagnostic, make, parse_severity_overrides, strict_severity
from generator.check.severity import Severity
from generator.check.site_address import config_file_site_url
from generator.load.cache import EntryCache
from generator.profiling import phase
from generator.settings import Settings, SettingsError
from generator.site.assets import asset_names, compressible, precompress, publish_assets
from generator.site.build import NotBuilt, prepare
from generator.site.guide import ERRORS_PAGE, common_errors_page
from generator.site.incremental import Outcome, Preview, Result
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
        self.settings: Settings | None = None  #: given by ``gkml build`` for one build; else made from the options
        self._user_nav: Any = None
        self._made_nav: Any = None
        self._serving = False
        self._entry_cache: EntryCache | None = None
        self.preview: Preview | None = None  #: under ``serve``: the site of the last build, kept up to date
        self._observers: list[Any] = []  #: what watches the catalogue under ``serve``
        #: what the last build's check found (``gkml build`` names the rules that failed it)
        self.diagnostics: list[Diagnostic] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """The start of ``mkdocs build`` or ``serve``. With this event MkDocs keeps the plugin from one
        build to the next of ``serve`` (and for the rest of the process): what one build left is reset."""
        self._serving = command == "serve"
        self._entry_cache = EntryCache() if self._serving else None
        self.preview = None

    def on_shutdown(self) -> None:
        stop(self._observers)
        self._serving, self._entry_cache, self.preview, self._observers = False, None, None, []

    def on_config(self, config: Any) -> Any:
        self.preview = None  # a full build: the site the preview kept is going
        given, self.settings = self.settings, None
        try:
            settings = given or Settings.from_options(config, self.config, Path(config.config_file_path).parent)
            refused = refusal(Path(config.site_dir), settings)  # `mkdocs build -d catalogue` would empty it
            if refused is not None:
                raise NotBuilt(refused)
            if self._user_nav is None or config.nav is not self._made_nav:  # not the nav made last time
                self._user_nav = list(config.nav or [])
            built = prepare(
                settings,
                directory_urls=config.use_directory_urls,
                user_nav=self._user_nav,
                entry_cache=self._entry_cache,
            )
        except (SettingsError, NotBuilt) as exc:
            self.diagnostics = list(getattr(exc, "diagnostics", []))
            for d in getattr(exc, "diagnostics", []):
                log.log(_LOG_LEVEL[strict_severity(d)], d.format())
            raise PluginError(str(exc)) from exc
        built.diagnostics += config_file_site_url(Path(config.config_file_path))  # the address is in _site.yaml
        self.diagnostics = built.diagnostics
        for d in built.diagnostics:
            log.log(_LOG_LEVEL[strict_severity(d)], d.format())  # what changes with the day: not for --strict
        self.built, self.settings_used = built, settings
        self.footer = built.renderer.footer()
        config.site_name = str(escape(built.catalogue.site.title))  # the theme prints it unescaped
        # The one address: 网站地址 in _site.yaml (the theme's canonical links); none without it, also
        # under `serve`, whose own local address MkDocs put here (the pages' links are relative).
        if self._serving:  # MkDocs put its own address here: the preview is served from its path
            built.writer.served_from = urlsplit(config.site_url or "/").path
        config.site_url = built.catalogue.site.url or None
        config.nav = self._made_nav = catalogue_nav(built.catalogue, built.routes, self._user_nav)
        self.assets = asset_names(settings.theme_dir)
        config.extra["gkml"] = {**built.routes.theme_links(), "assets": self.assets}
        mark_site(Path(config.site_dir))  # the folder is gkml's from now on, even if this build fails
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        for file in list(files):  # what the gate refused (links out of the project …): not published
            folder = Path(file.src_dir).resolve() if file.generated_by is None and file.src_dir else None
            if folder in self.built.publishable and file.src_uri not in self.built.publishable[folder]:
                files.remove(file)
        self.shells: dict[str, str] = {}
        self.stubs = {stub.src: stub for stub in self.built.writer.stubs()}
        self.built.writer.start_search(Path(config.site_dir))  # MkDocs has emptied the folder
        for stub in self.stubs.values():
            inclusion = InclusionLevel.UNDEFINED if stub.in_nav else InclusionLevel.NOT_IN_NAV
            _replace(files, File.generated(config, stub.src, content=stub.markdown, inclusion=inclusion))
        _replace(files, File.generated(config, ERRORS_PAGE, content=common_errors_page()))
        self.hand_written = [f.src_uri for f in files.documentation_pages() if f.src_uri not in self.stubs]
        return files

    def on_template_context(self, context: Any, template_name: str, config: Any) -> Any:
        """The 404 page of the preview links the theme's files from where the preview serves them (MkDocs
        links an error page's from the site address's path, which is the published site's)."""
        served_from = self.built.writer.served_from if self._serving else None
        if served_from is not None and is_error_template(template_name):
            context["base_url"] = served_from
        return context

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
        site, others = Path(config.site_dir), self._others(config)
        compress = self.settings_used.precompress and config.use_directory_urls and not self._serving
        self.built.writer.compress = compress  # its pages get their .gz as they are written
        self.built.writer.write(site, self.shells, hand_written=self.hand_written, post_process=others)
        with phase("assets"):
            publish_assets(site, self.assets)
        if compress:  # for a web server's gzip_static: not for file:// nor the preview
            with phase("precompress"):
                precompress(site, compressible(site, skip=self.built.writer.compressed))
        if self._serving and self._entry_cache is not None:
            self.preview = Preview(
                self.built.writer,
                self._entry_cache,
                site,
                self.shells,
                hand_written=self.hand_written,
                post_process=others,
                severity=parse_severity_overrides(self.settings_used.severity)[0],
                strict=bool(config.strict),
                diagnostics=self.built.diagnostics,
            )
            # What the preview keeps is millions of objects that live until the next full build: out
            # of the collector's sight, a collection during an update takes milliseconds, not seconds.
            gc.unfreeze()
            gc.collect()
            gc.freeze()

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
        catalogue = str(self.settings_used.catalogue)
        changes = record_changes(server)
        if changes is None:  # not MkDocs' server as gkml knows it: full builds, the catalogue polled
            server.watch(catalogue)
            return server
        self._observers = watch_catalogue(server, catalogue, changes)
        if self._observers:
            log.info(f"监视目录文件夹的改动：{catalogue}")
        else:
            server.watch(catalogue)
        server.builder = functools.partial(self._rebuild, server.builder, changes)
        return server

    def _rebuild(self, full: Callable[[], None], changes: Changes) -> None:
        """The dev server's rebuild: an update of the pages that show the changed entries when only
        entries changed, else a full build (``full``)."""
        changed, preview = changes.take(), self.preview
        if preview is not None and changed:
            started = time.perf_counter()
            try:
                outcome = preview.update(changed)
            except Exception:  # whatever went wrong (a bug, a full disk), a full build makes the site whole
                log.debug("update failed", exc_info=True)
                log.warning("只更新受影响的页面时出错，改为重新生成整个网站。")
                outcome = Outcome(Result.FULL)
            if outcome.result is not Result.FULL:
                _report(outcome, time.perf_counter() - started)
                return
        full()


def _replace(files: Files, file: File) -> None:
    """Add a generated page, dropping a hand-written page of the same path."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        log.warning(f"content/{existing.src_uri} 与自动生成的页面同名，已改用自动生成的页面。")
        files.remove(existing)
    files.append(file)


def _report(outcome: Outcome, seconds: float) -> None:
    """Say what an update did: the diagnostics to show, then one line."""
    for d in outcome.diagnostics:
        log.log(_LOG_LEVEL[strict_severity(d)], d.format())
    if outcome.result is Result.REFUSED:
        errors = sum(1 for d in outcome.diagnostics if strict_severity(d) is not Severity.INFO)
        log.error(f"有 {errors} 个问题，页面未更新（网站仍是修改前的样子）。请按上面的提示修改，保存后自动重试。")
    else:
        log.info(f"已更新 {len(outcome.written)} 个页面（只重新生成受影响的页面，用时 {seconds:.2f} 秒）。")
