"""Updating a previewed site after its entries changed (``gkml serve``).

A full build of a catalogue with 20,000 entries (公开信息) takes minutes; an editor who saves
one entry wants to see it at once. :class:`Preview` keeps what the last full build made — the
checked catalogue, the writer of its pages, the shells the builder drew (they do not depend on
the entries) and the folder the site is in — and, given the files that changed since
(:meth:`Preview.update`):

1. tells whether they are all entry files, or files beside them in a column's year folders
   (attachments). Anything else — an item, a ``_meta.yaml``, ``_site.yaml``, a folder of the
   catalogue, mkdocs.yml, content/, the theme — needs a full build (:attr:`Result.FULL`); so does
   any change to entries on a site with the staff page 公开情况 (plugin option ``report_page``),
   which shows every finding of the whole check;
2. reads the columns holding them again (:func:`generator.load.catalogue.read_entries`; an
   entry file unchanged since it was read, with its attachments, is not read again:
   :class:`~generator.load.cache.EntryCache`), looks again at the names and links in those
   columns' folders, and checks again what depends on more than one entry or on a whole column
   (:func:`generator.check.run.across_entries`);
3. on an error (with ``strict``, also on a warning that does not depend on the day) writes
   nothing: the site stays as it was, and the outcome says why, located (:attr:`Result.REFUSED`).
   The changes are kept and read again with the next ones;
4. otherwise writes again what shows a changed entry, and nothing else:

   * the entry's page and attachments (the folder of an entry that is gone is removed, with
     its attachments), and the pages of the entries it names or that name it (关联, 替代),
     before and after the change;
   * its column: the column's page, its further pages of entries (those no longer needed are
     removed), its Atom feed; the page of the item it is published under (before and after),
     and, when the number of the column's entries changed, the pages of the items that link
     to "all N entries" (:data:`~generator.site.pages.ITEM_ENTRIES`);
   * the home page (最近更新), the site's feed, the entries' downloads (converting only the
     entries that changed: :class:`~generator.exchange.entrydata.KeptTexts`) and, when a size
     they show changed, the pages linking to the downloads; ``sitemap.xml``; the search data
     (:class:`~generator.site.search_index.SearchIndex`, kept in memory: only the shards holding
     the changed entries' keys, their fragments and filter values; all of it when an entry is
     removed or dated before another, as the documents are then numbered again).

The site is then the same, byte for byte, as a full build of the catalogue as it now is
(tests/plugin/test_serve_incremental.py). A page that starts showing entries must be added to
step 4, or the test tells. Nothing here knows MkDocs: the adapter gives the changed paths and
shows the outcome (:mod:`generator.adapters.mkdocs.plugin`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import posixpath
import re
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from generator.check.diagnostics import Diagnostic, apply_severity, fails
from generator.check.freshness import beijing_today
from generator.check.placeholders import for_production
from generator.check.run import across_entries
from generator.check.severity import Severity
from generator.exchange.entrydata import KeptTexts
from generator.load.cache import EntryCache
from generator.load.catalogue import EntryReading, read_entries
from generator.load.names import name_problems
from generator.model.entries import ATTACHMENT_FOLDER, ENTRY_SUFFIX, YEAR_FOLDER, Entry, published_names
from generator.model.records import Area, Catalogue, Category
from generator.parallel import fork_call
from generator.site.downloads import ENTRIES, Download, site_downloads
from generator.site.pages import ITEM_ENTRIES
from generator.site.search_index import SearchIndex, write_files, write_index
from generator.site.writer import Job, PostProcess, SiteWriter

_YEAR = re.compile(YEAR_FOLDER)
#: Files that are records wherever they stand: one in a year folder is reported by the whole check.
_RECORD_SUFFIXES = (".yaml", ".yml")


class Result(Enum):
    """What :meth:`Preview.update` did."""

    FULL = "full"  #: nothing: the change needs a full build
    UPDATED = "updated"  #: the pages that show the changed entries were written again
    REFUSED = "refused"  #: nothing written: the changed entries have errors


@dataclass(frozen=True)
class Outcome:
    """What an update did, and what to show the editor."""

    result: Result
    #: The diagnostics of the changed files, and those elsewhere that the change brought (an
    #: entry naming one that is gone, say); on :attr:`Result.REFUSED` the errors are among them.
    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  #: the pages written, by source path
    removed: list[str] = field(default_factory=list)  #: the folders and files removed, site-relative


@dataclass
class _Column:
    """A column whose entries are read again."""

    area: Area
    category: Category
    folder: Path  #: as the catalogue's load named it
    changed: set[Path] = field(default_factory=set)  #: its entry files to read again in any case


class Preview:
    """A site built once in full, kept up to date as its entries change (see the module)."""

    def __init__(
        self,
        writer: SiteWriter,
        cache: EntryCache,
        site_dir: Path,
        shells: Mapping[str, str],
        *,
        hand_written: Sequence[str] = (),
        post_process: PostProcess | None = None,
        severity: Mapping[str, Severity] | None = None,
        strict: bool = False,
        diagnostics: Iterable[Diagnostic] = (),
        today: Callable[[], dt.date] = beijing_today,
    ) -> None:
        """``writer`` wrote the site in ``site_dir`` from ``shells``, ``cache`` kept the entry files the
        build read; ``hand_written``, ``post_process``, ``severity`` and ``strict`` as that build had
        them; ``diagnostics``: what the build reported (shown again only for the files that change)."""
        if cache.reading is None:
            raise ValueError("the cache has not read the catalogue")
        self.writer, self.cache, self.site_dir = writer, cache, site_dir
        self.reading: EntryReading = cache.reading
        self.shells = dict(shells)
        self.hand_written, self.post_process = list(hand_written), post_process
        self.severity, self.strict, self.today = severity, strict, today
        self._known = set(diagnostics)
        self._pending: set[str] = set()
        self._root = os.path.abspath(self.reading.folder)
        owners = {id(c): a for a in writer.catalogue.areas for c in a.categories}
        #: each column folder (absolute, as a string) → (its area, its category, the folder as read)
        self._columns: dict[str, tuple[Area, Category, Path]] = {
            os.path.abspath(folder): (owners[id(category)], category, folder)
            for folder, category in cache.columns.items()
            if id(category) in owners
        }
        self._kept = KeptTexts()
        self._entry_downloads(writer.catalogue)  # the entries converted once, now rather than on the first edit
        #: the search index of the site as built, made again meanwhile on the other core, kept to be updated
        self._search: Callable[[], SearchIndex] = fork_call(
            functools.partial(SearchIndex.build, writer.catalogue, writer.renderer.routes, writer.words)
        )

    # -- the update ---------------------------------------------------------------------------------
    def update(self, changed: Iterable[str | os.PathLike[str]]) -> Outcome:
        """Bring the site up to date with the files ``changed`` since the last update (paths of
        files or folders that were written, created, removed or moved, either side)."""
        paths = self._pending | {os.path.abspath(p) for p in changed}
        columns = self._scope(paths)
        if columns is None:
            return Outcome(Result.FULL)
        self._pending = paths
        if not columns:
            self._pending = set()
            return Outcome(Result.UPDATED)
        if self.writer.renderer.report is not None:  # the staff page 公开情况 shows every finding of the day
            return Outcome(Result.FULL)
        old = self.writer.catalogue
        reread, found = self._read(columns)
        catalogue = _with_columns(old, {id(c.category): new for c, new in zip(columns, reread, strict=True)})
        writer = self.writer.successor(catalogue)
        if writer.shell_sources() != self.writer.shell_sources():
            return Outcome(Result.FULL)  # a column's entries now fill a second page, or no longer do
        found = for_production(found + across_entries(catalogue, self.today()), catalogue.site.production)
        found = apply_severity(found, self.severity)
        changed_files = {self._shown(p) for c in columns for p in c.changed}
        shown = [d for d in found if d.file in changed_files or d not in self._known]
        if fails(found, strict=self.strict):
            return Outcome(Result.REFUSED, shown)
        written, removed = self._write(writer, columns, reread)
        self.writer, self._pending = writer, set()
        self._known.update(found)
        for column, category in zip(columns, reread, strict=True):
            self._columns[os.path.abspath(column.folder)] = (column.area, category, column.folder)
        return Outcome(Result.UPDATED, shown, written, removed)

    def _scope(self, paths: Iterable[str]) -> list[_Column] | None:
        """The columns to read again and, in each, what changed; None when a change is not to entries."""
        columns: dict[str, _Column] = {}
        for path in sorted(paths):
            try:
                parts = Path(os.path.relpath(path, self._root)).parts
            except ValueError:  # on another drive
                return None
            if len(parts) < 3 or ".." in parts or not _YEAR.match(parts[2]):
                return None
            key = os.path.join(self._root, parts[0], parts[1])
            owner = self._columns.get(key)
            if owner is None or not os.path.isdir(key) or Path(path).suffix.lower() in _RECORD_SUFFIXES:
                return None
            area, category, folder = owner
            column = columns.setdefault(key, _Column(area, category, folder))
            if len(parts) > 3 and parts[-1].endswith(ENTRY_SUFFIX) and ATTACHMENT_FOLDER not in parts[3:]:
                column.changed.add(folder.joinpath(*parts[2:]))  # read again even if its time and size are the same
            # else an attachment, a folder, an editor's file: an entry naming the attachment is read
            # again as its attachment changed (the cache compares them), the folder is looked at again
        return [columns[key] for key in sorted(columns)]

    def _read(self, columns: Sequence[_Column]) -> tuple[list[Category], list[Diagnostic]]:
        """The columns' categories with their entries read again, and what is wrong in their folders."""
        reading = self.reading
        reread = [dataclasses.replace(c.category, entries=[]) for c in columns]
        planned = [reading.column(category, c.folder) for category, c in zip(reread, columns, strict=True)]
        changed = {p for c in columns for p in c.changed}
        found = read_entries(reading, planned, self.cache, changed=changed)
        for column in planned:
            shown = f"{reading.shown}/{column.rel}"
            found += reading.gate.files(column.folder, shown, sizes=False)[1] + name_problems(column.folder, shown)
        return reread, found

    def _shown(self, path: Path) -> str:
        return f"{self.reading.shown}/{path.relative_to(self.reading.folder).as_posix()}"

    # -- what is written again ----------------------------------------------------------------------
    def _write(
        self, writer: SiteWriter, columns: Sequence[_Column], reread: Sequence[Category]
    ) -> tuple[list[str], list[str]]:
        """Write the pages that show the changed entries; remove what the site no longer has."""
        renderer = writer.renderer
        before = {e.id: e for c in columns for e in c.category.entries}
        after = {e.id: e for c in reread for e in c.entries}
        touched = {i for i, e in after.items() if before.get(i) is not e}  # read again, added or moved
        gone = set(before) - set(after)
        if not touched and not gone:  # an editor's file, an attachment no entry names: no page shows it
            return [], []
        links = renderer.links
        entries: set[str] = set(touched)
        items: set[str] = set()
        for entry_id in sorted(touched | gone):
            for version in (before.get(entry_id), after.get(entry_id)):
                if version is not None:
                    entries.update(version.related)
                    entries.add(version.validity.replaced_by)
                    items.add(version.item)
            entries.update(e.id for e in links.named_by.get(entry_id, ()))
            entries.update(e.id for e in links.replaces.get(entry_id, ()))
        removed = self._remove_entries(before, after, gone - set(links.by_id))
        jobs: list[Job] = []
        for column, category in zip(columns, reread, strict=True):
            if len(category.entries) != len(column.category.entries):  # "all N entries" on items with many
                items.update(i for i, listed in renderer.item_entries.items() if len(listed) > ITEM_ENTRIES)
            jobs += [("item", column.area, category, r) for r in category.records if r.id in items]
            removed += self._remove_list_pages(writer, column.area, column.category, category)
        jobs += [("entry", *_place(writer.catalogue, e), e) for e in (links.by_id.get(i) for i in sorted(entries)) if e]
        jobs += [("entries", column.area, category, None) for column, category in zip(columns, reread, strict=True)]
        writer.write_filled(self.site_dir, self.shells, jobs, post_process=self.post_process)
        pages = [renderer.home()] + [renderer.category(c.area, new) for c, new in zip(columns, reread, strict=True)]
        downloads = self._entry_downloads(writer.catalogue)
        shown_before = [_link_facts(d) for d in self.writer.downloads]
        downloads = [d for d in self.writer.downloads if d.group != ENTRIES] + downloads
        writer.write_downloads(self.site_dir, downloads)
        for path in sorted({d.path for d in self.writer.downloads} - {d.path for d in downloads}):
            removed += _remove(self.site_dir, path)
        if [_link_facts(d) for d in downloads] != shown_before:  # the sizes the table pages show
            pages += [p for p in writer.site_pages if p.kind in ("table", "disclosure")]
        for page in pages:
            writer.write_site_page(self.site_dir, self.shells, page, post_process=self.post_process)
        writer.write_feeds(self.site_dir, reread)
        writer.write_sitemap(self.site_dir, self.hand_written)
        self._write_search(writer)
        return _written(writer, jobs) + [p.src for p in pages], removed

    def _write_search(self, writer: SiteWriter) -> None:
        """Update the search data: the files holding what changed (all of it when an entry was
        removed or dated before another, which numbers the documents again)."""
        index = self._search()
        if not index.known:  # made by a forked child: its entries are the ones this process has
            index.remember(self.writer.catalogue)
        update = index.update(writer.catalogue, writer.renderer.routes)
        if update is None:
            index = SearchIndex.build(writer.catalogue, writer.renderer.routes, writer.words)
            write_index(self.site_dir, index)
        else:
            write_files(self.site_dir, *update)
        self._search = lambda: index

    def _remove_entries(self, before: Mapping[str, Entry], after: Mapping[str, Entry], gone: set[str]) -> list[str]:
        """Remove the folders of the entries ``gone``, and the attachments an entry no longer has."""
        removed: list[str] = []
        routes = self.writer.renderer.routes
        for entry_id in sorted(gone):
            removed += _remove(self.site_dir, posixpath.dirname(routes.dest(routes.entry_of(entry_id))))
        for entry_id in sorted(set(before) & set(after)):
            old, new = before[entry_id], after[entry_id]
            if old is not new:
                kept = {routes.attachment(new, n) for n in published_names(new.attachments)}
                for name in published_names(old.attachments):
                    if routes.attachment(old, name) not in kept:
                        removed += _remove(self.site_dir, routes.attachment(old, name))
        return removed

    def _remove_list_pages(self, writer: SiteWriter, area: Area, old: Category, new: Category) -> list[str]:
        """Remove a column's further pages of entries it no longer fills."""
        renderer, routes = writer.renderer, writer.renderer.routes
        removed: list[str] = []
        for number in range(renderer.page_count(new) + 1, renderer.page_count(old) + 1):
            removed += _remove(self.site_dir, posixpath.dirname(routes.dest(routes.column_page(area, old, number))))
        return removed

    def _entry_downloads(self, catalogue: Catalogue) -> list[Download]:
        renderer = self.writer.renderer
        name = self.writer.download_name
        return site_downloads(catalogue, name, renderer.routes, renderer.site_url, groups=(ENTRIES,), kept=self._kept)


def _with_columns(catalogue: Catalogue, replaced: Mapping[int, Category]) -> Catalogue:
    """``catalogue`` with the categories ``replaced`` (by the id of the one they replace)."""
    areas = [
        dataclasses.replace(a, categories=[replaced.get(id(c), c) for c in a.categories])
        if any(id(c) in replaced for c in a.categories)
        else a
        for a in catalogue.areas
    ]
    return dataclasses.replace(catalogue, areas=areas)


def _place(catalogue: Catalogue, entry: Entry) -> tuple[Area, Category]:
    """The area and column ``entry`` is published in."""
    for area in catalogue.areas:
        if area.title == entry.area:
            for category in area.categories:
                if category.title == entry.column and any(e is entry for e in category.entries):
                    return area, category
    raise LookupError(entry.id)


def _link_facts(download: Download) -> tuple[str, str, str, str, str]:
    """What a page linking to ``download`` shows of it."""
    return (download.path, download.label, download.size, download.filename, download.group)


def _written(writer: SiteWriter, jobs: Sequence[Job]) -> list[str]:
    routes, renderer = writer.renderer.routes, writer.renderer
    out: list[str] = []
    for kind, area, category, thing in jobs:
        if kind == "item":
            out.append(routes.item(thing))  # type: ignore[arg-type]
        elif kind == "entry":
            out.append(routes.entry(thing))  # type: ignore[arg-type]
        else:
            out += [routes.column_page(area, category, n) for n in range(2, renderer.page_count(category) + 1)]
    return out


def _remove(site_dir: Path, rel: str) -> list[str]:
    """Remove the file or folder ``rel`` of the site, then the folders it leaves empty."""
    path = site_dir / rel
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    else:
        return []
    parent = path.parent
    while parent != site_dir and site_dir in parent.parents and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
    return [rel]
