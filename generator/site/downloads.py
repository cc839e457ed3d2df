"""The exports the site publishes (``downloads/<name>.xlsx``, ``.csv``, ``.json`` and the JSON Schema),
and the links to them from a page."""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.model.naming import DOWNLOADS_FOLDER
from generator.model.records import Catalogue

DOWNLOADS_DIR = DOWNLOADS_FOLDER
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class Download:
    """One published file."""

    path: str  #: where it lives on the site (``downloads/catalogue.xlsx``)
    data: bytes
    label: str  #: how the link names it
    filename: str  #: the name a browser saves it under

    @property
    def size(self) -> str:
        """Its size as people read it: 36 KB, 1.2 MB."""
        n = len(self.data)
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
    """The downloads :func:`site_downloads` makes, without their data."""
    saved = catalogue.site.title
    base = f"{DOWNLOADS_DIR}/{name}"
    return [
        Download(f"{base}.xlsx", b"", "Excel 标准目录表", f"{saved}.xlsx"),
        Download(f"{base}.csv", b"", "CSV", f"{saved}.csv"),
        Download(f"{base}.json", b"", "JSON 开放数据", f"{saved}.json"),
        Download(f"{base}.schema.json", b"", "JSON Schema 格式说明", f"{name}.schema.json"),
    ]


def site_downloads(catalogue: Catalogue, name: str = "catalogue") -> list[Download]:
    """The Excel table (official layout), the CSV, the JSON and its schema, in the order the links show them."""
    from generator.exchange import export, opendata  # openpyxl is slow to import: only where it is used

    makers: tuple[Callable[[], bytes], ...] = (
        lambda: export.xlsx_bytes(catalogue),
        lambda: export.csv_bytes(catalogue),
        lambda: opendata.json_text(catalogue).encode("utf-8"),
        lambda: opendata.export_schema_json().encode("utf-8"),
    )
    return [
        dataclasses.replace(planned, data=make())
        for planned, make in zip(planned_downloads(catalogue, name), makers, strict=True)
    ]


@dataclass(frozen=True)
class Link:
    """A link to a download from one page."""

    href: str
    label: str
    size: str  #: number and unit kept on one line
    filename: str


def download_links(downloads: list[Download], page_src: str) -> list[Link]:
    """Relative links from the page whose source is ``page_src`` (``bzxzf/table/index.md``) to ``downloads``."""
    here = posixpath.dirname(page_src) or "."
    return [
        Link(posixpath.relpath(d.path, here), d.label, d.size.replace(" ", "\u00a0"), d.filename) for d in downloads
    ]
