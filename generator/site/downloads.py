"""The exports the site publishes, and the links to them from a page.

The catalogue (``downloads/<name>.xlsx``, ``.csv``, ``.json`` and its JSON Schema) and, when the
site publishes entries, the entries (公开信息) as open data (``downloads/<name>-entries.json``, its
JSON Schema and ``-entries.csv``: :mod:`generator.exchange.entrydata`). Each download belongs to
a group (:data:`CATALOGUE`, :data:`ENTRIES`): a page lists each group on its own line.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.model.naming import DOWNLOADS_FOLDER
from generator.model.records import Catalogue
from generator.site.cache import BuildCache, content_key
from generator.site.routes import Routes

if TYPE_CHECKING:
    from generator.exchange.entrydata import KeptTexts

DOWNLOADS_DIR = DOWNLOADS_FOLDER
#: The groups of downloads: the catalogue's files and the entries' files.
CATALOGUE, ENTRIES = "catalogue", "entries"
#: What the entries' files add to the base name (``catalogue-entries.json``).
ENTRIES_SUFFIX = "-entries"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class Download:
    """One published file."""

    path: str  #: where it lives on the site (``downloads/catalogue.xlsx``)
    data: bytes
    label: str  #: how the link names it
    filename: str  #: the name a browser saves it under
    group: str = CATALOGUE  #: :data:`CATALOGUE` or :data:`ENTRIES`
    #: A file holding its bytes (the build cache's copy), when ``data`` is left empty: the files of
    #: 200,000 entries are hundreds of MB, not to be sent from the process that made them and held.
    source: str = ""
    length: int = -1  #: the bytes of ``source``

    @property
    def byte_count(self) -> int:
        """How many bytes the file has."""
        return self.length if self.source else len(self.data)

    @property
    def size(self) -> str:
        """Its size as people read it: 36 KB, 1.2 MB."""
        n = self.byte_count
        if n < 1024:
            return f"{n} B"
        if n < 1024 * 1024:
            return f"{round(n / 1024)} KB"
        return f"{n / 1024 / 1024:.1f} MB"


def download_name(catalogue_folder: str) -> str:
    """The base name of the published files: the catalogue folder's name when it is plain ASCII."""
    name = posixpath.basename(catalogue_folder.replace("\\", "/").rstrip("/"))
    return name if _SAFE_NAME.match(name) else "catalogue"


def planned_downloads(catalogue: Catalogue, name: str = "catalogue") -> list[Download]:
    """The downloads :func:`site_downloads` makes, without their data: the catalogue's, then
    (when there are entries) the entries'."""
    saved = catalogue.site.title
    base = f"{DOWNLOADS_DIR}/{name}"
    planned = [
        Download(f"{base}.xlsx", b"", "Excel 标准目录表", f"{saved}.xlsx"),
        Download(f"{base}.csv", b"", "CSV", f"{saved}.csv"),
        Download(f"{base}.json", b"", "JSON 开放数据", f"{saved}.json"),
        Download(f"{base}.schema.json", b"", "JSON Schema 格式说明", f"{name}.schema.json"),
    ]
    if catalogue.entries:
        entries, bureau = f"{base}{ENTRIES_SUFFIX}", catalogue.site.bureau
        planned += [
            Download(f"{entries}.csv", b"", "公开信息 CSV", f"{bureau}公开信息.csv", ENTRIES),
            Download(f"{entries}.json", b"", "公开信息 JSON", f"{bureau}公开信息.json", ENTRIES),
            Download(
                f"{entries}.schema.json", b"", "JSON Schema 格式说明", f"{name}{ENTRIES_SUFFIX}.schema.json", ENTRIES
            ),
        ]
    return planned


def site_downloads(
    catalogue: Catalogue,
    name: str = "catalogue",
    routes: Routes | None = None,
    site_url: str = "",
    *,
    groups: Collection[str] = (CATALOGUE, ENTRIES),
    kept: KeptTexts | None = None,
) -> list[Download]:
    """The Excel table (official layout), the CSV, the JSON and its schema, then the entries' CSV,
    JSON and its schema, in the order the links show them (of ``groups`` only). ``routes`` say where
    the entries' pages and attachments are (the site's own choice of URLs); ``site_url`` is the
    site's address, if known; ``kept``: the entries converted before (``gkml serve``)."""
    from generator.exchange import entrydata, export, opendata  # openpyxl is slow to import: only where used

    where = routes or Routes()
    addresses = entrydata.Addresses(
        page=lambda entry: where.url(where.entry(entry)),
        attachment=where.attachment,
        site=site_url.rstrip("/") + "/" if site_url else "",
    )
    makers: tuple[Callable[[], bytes], ...] = (
        lambda: export.xlsx_bytes(catalogue),
        lambda: export.csv_bytes(catalogue),
        lambda: opendata.json_text(catalogue).encode("utf-8"),
        lambda: opendata.export_schema_json().encode("utf-8"),
        lambda: entrydata.csv_bytes(catalogue, addresses, kept),
        lambda: entrydata.json_bytes(catalogue, addresses, kept),
        lambda: entrydata.schema_json().encode("utf-8"),
    )
    planned = planned_downloads(catalogue, name)
    return [
        dataclasses.replace(p, data=make())
        for p, make in zip(planned, makers[: len(planned)], strict=True)
        if p.group in groups
    ]


def cached_downloads(
    catalogue: Catalogue, name: str, routes: Routes, site_url: str, cache: BuildCache
) -> list[Download]:
    """:func:`site_downloads`, each group's files taken from ``cache`` when everything they are made
    from is as when they were kept (:func:`generator.site.cache.content_key`), else made and kept.
    What the cache holds is given by reference (:attr:`Download.source`), its bytes left there: the
    files of 200,000 entries are hundreds of MB, made in another process and not to be sent back
    whole; only what the cache could not keep travels as bytes."""
    found: list[Download] = []
    planned = planned_downloads(catalogue, name)
    for group in (CATALOGUE, ENTRIES):
        mine = [p for p in planned if p.group == group]
        if not mine:
            continue
        key = content_key(group, name, site_url, routes, *_made_from(catalogue, group))
        names = [posixpath.basename(p.path) for p in mine]
        kept = cache.downloads(group, key, names)
        if kept is None:
            made = site_downloads(catalogue, name, routes, site_url, groups=(group,))
            cache.keep_downloads(group, key, [(n, d.data) for n, d in zip(names, made, strict=True)])
            kept = cache.downloads(group, key, names)  # kept whole or not at all (renamed into place)
            if kept is None:
                found += made
                continue
        found += [
            dataclasses.replace(p, data=b"", source=str(path), length=size)
            for p, (path, size) in zip(mine, kept, strict=True)
        ]
    return found


def _made_from(catalogue: Catalogue, group: str) -> tuple[object, ...]:
    """What the files of ``group`` are made from: the site's settings and the areas, columns and
    records (the catalogue's files have no entries: its columns are taken without them); the
    entries' files, everything."""
    if group == ENTRIES:
        return (catalogue,)
    areas = [
        dataclasses.replace(a, categories=[dataclasses.replace(c, entries=[]) for c in a.categories])
        for a in catalogue.areas
    ]
    return (catalogue.site, areas)


@dataclass(frozen=True)
class Link:
    """A link to a download from one page."""

    href: str
    label: str
    size: str  #: number and unit kept on one line
    filename: str
    group: str = CATALOGUE


def download_links(downloads: list[Download], page_src: str) -> list[Link]:
    """Relative links from the page whose source is ``page_src`` (``bzxzf/table/index.md``) to ``downloads``."""
    here = posixpath.dirname(page_src) or "."
    return [
        Link(posixpath.relpath(d.path, here), d.label, d.size.replace(" ", "\u00a0"), d.filename, d.group)
        for d in downloads
    ]
