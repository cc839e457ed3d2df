"""What ``gkml check`` and the MkDocs build check: one entry point for both.

* :func:`check_catalogue`: a whole catalogue folder: every file, the tree, duplicate
  ids, blank columns and coverage of the national standard;
* :func:`check_files`: single files, for editors' tools that check what they touch
  (duplicate ids and coverage need the whole catalogue: use the folder for those).

The plugin's options in mkdocs.yml (the rules' severities, limits) are read by
:mod:`generator.settings`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from generator.check.coverage import missing_standard_items
from generator.check.deadlines import deadline_findings
from generator.check.diagnostics import Diagnostic, apply_severity, has_errors, make
from generator.check.entries import check_entries
from generator.check.freshness import beijing_today, future_dates, overdue_items, stale_columns
from generator.check.pages import check_page
from generator.check.privacy import public_mobiles
from generator.check.record import validate_record
from generator.check.severity import Severity
from generator.check.site_address import address_notes
from generator.load.addresses import content_slug_problems
from generator.load.attachments import AttachmentTexts
from generator.load.cache import EntryCache
from generator.load.calendar import CALENDAR_FILE, read_calendar_file
from generator.load.catalogue import META_FILE, SITE_FILE, published_mobiles, read_catalogue, settings_fields
from generator.load.files import FileGate
from generator.load.yamlfile import read_yaml
from generator.model.records import META_FIELDS, SITE_FIELDS, Catalogue, Site
from generator.profiling import phase


def check_catalogue(
    folder: Path,
    *,
    git_dates: bool = True,
    today: dt.date | None = None,
    docs_dir: Path | None = None,
    docs_shown: str = "",
    severity: Mapping[str, Severity] | None = None,
    gate: FileGate | None = None,
    attachment_cache: Path | None = None,
    entry_cache: EntryCache | None = None,
) -> tuple[Catalogue | None, list[Diagnostic]]:
    """Load and check the catalogue in ``folder`` (see :func:`generator.load.catalogue.load_catalogue`),
    compare it with the national standard, check its dates as of ``today`` (by default today in
    Beijing) and, given the site's hand-written pages (``docs_dir``, shown as ``docs_shown``), those
    pages too.

    ``severity`` is the bureau's choice of severities (see
    :func:`generator.check.diagnostics.parse_severity_overrides`); the catalogue is None
    whenever an error remains, also one a bureau made an error. Every file is read through
    ``gate`` (:meth:`generator.settings.Settings.gate`; by default: inside ``folder`` and
    ``docs_dir``, at the default limits). The attachments' text is scanned too, and kept in ``attachment_cache``
    (:meth:`generator.settings.Settings.attachment_cache`; None: read every time); entry files
    read before and unchanged since are taken from ``entry_cache`` (:mod:`generator.load.cache`)."""
    gate = gate or FileGate.within(folder, *([docs_dir] if docs_dir is not None else []))
    with phase("load"):
        catalogue, diagnostics = read_catalogue(
            folder,
            git_dates=git_dates,
            severity=severity,
            gate=gate,
            attachments=AttachmentTexts(attachment_cache),
            entry_cache=entry_cache,
        )
    if catalogue is not None:  # everything in one run: also when the loader found errors
        # Records or entries with errors were left out: what depends on all of them (coverage of the
        # national standard, dates) is checked once they are read, not guessed from the rest.
        complete = not any(d.severity is Severity.ERROR and Path(d.file).name not in _SETTINGS for d in diagnostics)
        diagnostics += address_notes(catalogue.site)
        if complete:
            diagnostics += missing_standard_items(catalogue)
            day = today or beijing_today()
            diagnostics += future_dates(catalogue, day) + overdue_items(catalogue, day) + across_entries(catalogue, day)
        if docs_dir is not None and docs_dir.is_dir():
            diagnostics += content_slug_problems(catalogue.areas, docs_dir, docs_shown or docs_dir.as_posix())
            site = catalogue.site
            diagnostics += check_content(docs_dir, production=site.production, shown=docs_shown, site=site, gate=gate)
        diagnostics = apply_severity(diagnostics, severity)
        if has_errors(diagnostics):  # any error, also a rule made an error by the bureau, a page left unfilled
            catalogue = None
    return catalogue, diagnostics


#: The settings files: an error in one of them leaves every record and entry read.
_SETTINGS = frozenset({SITE_FILE, META_FILE, CALENDAR_FILE})


def across_entries(catalogue: Catalogue, day: dt.date) -> list[Diagnostic]:
    """What is checked over the entries (公开信息) and columns of a loaded catalogue as of ``day``:
    ids used twice, 关联 and 替代 naming no entry, 审核, columns left unchanged too long, and the
    deadlines (:mod:`generator.check.deadlines`: late entries and 解读, missing periods, blank items).
    A change to one entry can change these anywhere: ``gkml serve`` checks them again after an
    entry changed (:mod:`generator.site.incremental`)."""
    production = catalogue.site.production
    entries = check_entries(catalogue.entries, production=production, today=day)
    return stale_columns(catalogue, day) + entries + deadline_findings(catalogue, day)


#: What the required pages a county must fill in (content/gongkai/…) mark as still to be written.
PLACEHOLDER = re.compile(r"【请填写[^】]*】")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


#: The hand-written pages: what MkDocs reads as Markdown, and HTML files (published as they are).
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".html", ".htm")


def check_content(
    docs_dir: Path, *, production: bool, shown: str = "", site: Site | None = None, gate: FileGate | None = None
) -> list[Diagnostic]:
    """The hand-written pages: placeholders left in them are errors once the site is in
    production (a required page that still says 【请填写…】 fails the inspection), notes
    before; the 党政机关标识 image that ``site`` names must be there; and what no page may
    publish (:func:`generator.check.pages.check_page`: front matter, scripts, files from
    other sites, people's identifiers but the mobile numbers ``site`` publishes).

    Every file of ``docs_dir`` goes through ``gate`` (by default: inside ``docs_dir``): a
    link leading out of the project or nowhere, or a page over the size limit, is an error
    here, before any builder publishes it."""
    gate = gate or FileGate.within(docs_dir)
    severity = Severity.ERROR if production else Severity.INFO
    public = public_mobiles(site.public_phones) if site is not None else frozenset()
    out = []
    shown_docs = shown or docs_dir.as_posix()
    if site is not None and site.conac_image and not (docs_dir / site.conac_image).is_file():
        site_file = site.file or SITE_FILE
        out.append(
            make(
                "site-image-missing",
                site_file,
                *site.at("党政机关标识"),
                element="党政机关标识",
                value=site.conac_image,
                docs=shown_docs,
            )
        )
    readable, refused = gate.files(docs_dir, shown_docs)
    out += refused
    for rel in (rel for rel in readable if Path(rel).suffix.lower() in PAGE_SUFFIXES):
        path, file = docs_dir / rel, f"{shown_docs}/{rel}"
        raw, problems = gate.read_bytes(path, file)
        try:
            text = raw.decode("utf-8") if raw is not None else None
        except UnicodeDecodeError:
            text = None
        if text is None:
            out += problems
            continue  # MkDocs reports pages it cannot decode itself
        out += check_page(text, file, public=public, markdown=not path.suffix.lower().startswith(".htm"))
        for number, column, placeholder in page_placeholders(text):
            out.append(make("content-placeholder", file, number, column, severity=severity, text=placeholder))
    return out


def page_placeholders(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, column, text) of each 【请填写…】 left in a page, but those written as code (between
    backticks, or in a fenced block): a page that shows what a placeholder looks like (the guide)
    quotes it, it is not a blank to fill in."""
    fence = ""
    for number, line in enumerate(text.splitlines(), 1):
        opening = _FENCE.match(line)
        if opening and (not fence or opening[1].startswith(fence)):
            fence = "" if fence else opening[1]
            continue
        if fence:
            continue
        quoted = [m.span() for m in _CODE_SPAN.finditer(line)]
        for match in PLACEHOLDER.finditer(line):
            if not any(start <= match.start() < end for start, end in quoted):
                yield number, match.start() + 1, match[0]


def check_files(
    paths: list[Path], *, severity: Mapping[str, Severity] | None = None, gate: FileGate | None = None
) -> list[Diagnostic]:
    """Check each file on its own: item records, ``_meta.yaml``, ``_site.yaml`` and ``_calendar.yaml`` (with the
    bureau's ``severity`` of the rules, as :func:`check_catalogue`), read through ``gate``
    (by default anywhere: the files are named on purpose; at the default limits)."""
    out: list[Diagnostic] = []
    for path in paths:
        if path.name == CALENDAR_FILE:
            out += read_calendar_file(path, path.as_posix(), gate)[1]
            continue
        doc, problems = read_yaml(path, path.as_posix(), gate=gate)
        out += problems
        if doc is None:
            continue
        public = published_mobiles(path)
        if path.name == META_FILE:
            out += settings_fields(doc, META_FIELDS, public)[1]
        elif path.name == SITE_FILE:
            out += settings_fields(doc, SITE_FIELDS)[1]
        else:
            out += validate_record(doc, public)[1]
    return apply_severity(out, severity)
