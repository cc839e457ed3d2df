"""What every builder's adapter does before the builder runs: check the catalogue and the
files to publish, and set up the writer of gkml's pages (:class:`~generator.site.writer.SiteWriter`).

The adapters (generator/adapters/) only translate: their configuration into
:class:`~generator.settings.Settings`, :class:`Prepared` into the builder's terms.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.check.diagnostics import Diagnostic, has_errors, parse_severity_overrides
from generator.check.freshness import beijing_today
from generator.check.report import build_report
from generator.check.run import check_catalogue
from generator.check.severity import Severity
from generator.load.attachments import CACHE_FOLDER, AttachmentTexts, attachment_words
from generator.load.cache import EntryCache
from generator.model.records import Catalogue
from generator.profiling import phase
from generator.settings import Settings
from generator.site.cache import BUILD_CACHE, BuildCache
from generator.site.downloads import download_name
from generator.site.nav import nav_pages
from generator.site.pages import Renderer
from generator.site.routes import Routes
from generator.site.writer import SiteWriter


class NotBuilt(Exception):
    """The site cannot be built; the message (Chinese) says why, ``diagnostics`` the details."""

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics)


@dataclass
class Prepared:
    """A checked catalogue and what writes its pages."""

    catalogue: Catalogue
    routes: Routes
    renderer: Renderer
    writer: SiteWriter
    diagnostics: list[Diagnostic]
    #: for each folder a builder publishes (content/, the theme folder): the files it may publish
    publishable: dict[Path, frozenset[str]]

    @property
    def item_ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.catalogue.records)


def prepare(
    settings: Settings,
    *,
    directory_urls: bool,
    user_nav: Sequence[Any],
    entry_cache: EntryCache | None = None,
) -> Prepared:
    """Check everything a build publishes as of ``settings.today`` (by default today in Beijing) and set
    up the writer (with the staff page 公开情况 when ``settings.report_page``); raises :class:`NotBuilt`.
    ``entry_cache`` keeps the entry files read, for the next build (``gkml serve``)."""
    severity, problems = parse_severity_overrides(settings.severity)
    if problems:
        raise NotBuilt("gkml 插件的 severity 设置有误：" + "；".join(problems) + "。")
    gate = settings.gate()
    docs = settings.docs_dir
    today = settings.today or beijing_today()  # the day of the checks and of the staff page: one for both
    with phase("check"):
        catalogue, diagnostics = check_catalogue(
            settings.catalogue,
            today=today,
            docs_dir=docs,
            docs_shown=docs.name,
            severity=severity,
            gate=gate,
            attachment_cache=settings.attachment_cache(),
            entry_cache=entry_cache,
        )
        publishable: dict[Path, frozenset[str]] = {}
        for folder in (docs, settings.theme_dir):
            if folder is not None:
                readable, refused = gate.files(folder, folder.name)  # links out of the project, oversize pages
                publishable[folder.resolve()] = frozenset(readable)
                diagnostics += refused
    if catalogue is None or has_errors(diagnostics):
        errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
        raise NotBuilt(f"有 {errors} 个错误，网站未生成。请按上面的提示修改后重试。", diagnostics)
    routes = Routes(directory_urls=directory_urls)
    report = build_report(catalogue, diagnostics, today, root=settings.project) if settings.report_page else None
    extra_pages = tuple(nav_pages(list(user_nav)))
    # the public address is the catalogue's (网站地址 in _site.yaml): canonical links, sitemap, QR codes
    renderer = Renderer(catalogue, routes, site_url=catalogue.site.url, extra_pages=extra_pages, report=report)
    cache = BuildCache(settings.project / CACHE_FOLDER / BUILD_CACHE)  # QR codes and downloads, for the next build
    writer = SiteWriter(catalogue, renderer, download_name(settings.catalogue.name), settings.language, cache)
    writer.words = functools.partial(attachment_words, AttachmentTexts(settings.attachment_cache()))
    return Prepared(catalogue, routes, renderer, writer, diagnostics, publishable)
