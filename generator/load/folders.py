"""A catalogue folder as ``gkml new`` and ``gkml import`` see it: areas, categories, ids, the bureau.

Lighter than :func:`generator.load.catalogue.load_catalogue`: titles and slugs are read as
the loader reads them, but records are not validated; problems are left to ``gkml check``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.check.diagnostics import Diagnostic
from generator.load.catalogue import SITE_FILE, load_meta, record_files, subfolders
from generator.load.files import FileGate
from generator.load.yamlfile import read_yaml

#: The bureau's name when ``_site.yaml`` does not give one.
DEFAULT_BUREAU = "本单位"


@dataclass
class CategoryFolder:
    """A category (一级事项) folder: its title and slug as the site shows them."""

    path: Path
    title: str
    slug: str
    order: int
    names: set[str] = field(default_factory=set)  #: 名称 and file stems of its records
    new: bool = False  #: not on disk yet: created with the record


@dataclass
class AreaFolder:
    """An area (领域) folder and its categories."""

    path: Path
    title: str
    slug: str
    order: int
    categories: list[CategoryFolder] = field(default_factory=list)


@dataclass
class CatalogueFolders:
    """What ``gkml new`` needs to know of a catalogue folder."""

    root: Path
    areas: list[AreaFolder]
    ids: set[str]
    bureau: str


def scan_catalogue(root: Path, gate: FileGate | None = None) -> CatalogueFolders:
    """Areas and categories (titles and slugs read as the catalogue loader reads them), every id, the bureau.

    Problems in the files are left to ``gkml check``: a record that cannot be read still
    has its id counted when the id can be read at all. Files are read through ``gate``
    (by default: inside ``root``), as the loader reads them.
    """
    gate = gate or FileGate.within(root)
    ignored: list[Diagnostic] = []
    areas: list[AreaFolder] = []
    ids: set[str] = set()
    for area_dir in subfolders(root, gate):
        meta = load_meta(area_dir, area_dir.as_posix(), ignored, gate=gate)
        area = AreaFolder(area_dir, meta.title, meta.slug, meta.order)
        for category_dir in subfolders(area_dir, gate):
            cmeta = load_meta(category_dir, category_dir.as_posix(), ignored, gate=gate)
            category = CategoryFolder(category_dir, cmeta.title, cmeta.slug, cmeta.order)
            for path in record_files(category_dir, gate):
                category.names.add(path.stem)
                doc, _ = read_yaml(path, gate=gate)
                data = doc.data if doc is not None else None
                if isinstance(data, dict):
                    if isinstance(data.get("id"), str):
                        ids.add(data["id"].strip())
                    if isinstance(data.get("名称"), str):
                        category.names.add(data["名称"].strip())
            area.categories.append(category)
        area.categories.sort(key=lambda c: (c.order, c.title))
        areas.append(area)
    areas.sort(key=lambda a: (a.order, a.title))
    return CatalogueFolders(root, areas, ids, _bureau(root, gate))


def _bureau(root: Path, gate: FileGate) -> str:
    doc, _ = read_yaml(root / SITE_FILE, gate=gate)
    data = doc.data if doc is not None else None
    name = data.get("单位名称") if isinstance(data, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else DEFAULT_BUREAU
