"""Which web addresses the areas and columns may take: their slugs are their folders in the site.

An area's slug is a top folder of the site (``bzxzf/``), a column's a folder inside its
area's (``bzxzf/pjgl/``). A slug that another area (or column of the same area) has, or
that names a folder the site itself uses (``search/``, an area's ``table/``, a folder of
hand-written pages), would put two pages at one address, and one of them would be lost
without a word: each is an error, located where the slug comes from (the ``slug`` line of
the folder's ``_meta.yaml``, its ``标题`` line when the slug is made from the title, or the
folder itself).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from generator.check.diagnostics import Diagnostic, make
from generator.model.naming import SITE_FOLDERS, is_windows_device
from generator.model.records import Area, Category


def slug_problems(items: Sequence[Area] | Sequence[Category], site_folders: Mapping[str, str]) -> list[Diagnostic]:
    """Slugs of ``items`` (the areas, or the columns of one area) that are taken: by one of the site's
    own ``site_folders`` (folder → what it holds: :data:`generator.model.naming.SITE_FOLDERS` or
    :data:`~generator.model.naming.AREA_FOLDERS`), by Windows (a device name), or by an earlier item."""
    taken = {name: f"{label}（{name}/）" for name, label in site_folders.items()}
    out = reserved_slugs(items, taken, "slug-reserved")
    for item in items:
        if is_windows_device(item.slug):
            out.append(
                make("name-windows", item.where, *item.slug_at, element="slug", value=item.slug, fixed=f"{item.slug}-2")
            )
    seen: dict[str, str] = {}
    for item in items:
        if item.slug in seen and item.slug not in taken:
            at = item.slug_at
            out.append(make("slug-duplicate", item.where, *at, element="slug", value=item.slug, other=seen[item.slug]))
        seen.setdefault(item.slug, item.title)
    return out


def reserved_slugs(items: Sequence[Area] | Sequence[Category], taken: Mapping[str, str], code: str) -> list[Diagnostic]:
    """``code`` for each item whose slug is a key of ``taken`` (slug → what already has that address)."""
    return [
        make(
            code,
            item.where,
            *item.slug_at,
            element="slug",
            value=item.slug,
            taken=taken[item.slug],
            suggestion=f"{item.slug}-2",
        )
        for item in items
        if item.slug in taken
    ]


def content_slug_problems(areas: Sequence[Area], docs_dir: Path, shown: str) -> list[Diagnostic]:
    """Areas whose slug is the address of a hand-written folder or page at the top of ``docs_dir``
    (shown as ``shown``): ``content/about/`` or ``content/about.md`` has the address ``about/``.
    Folders the site itself uses (``content/gongkai/``) are refused as slugs anyway."""
    taken: dict[str, str] = {}
    for path in sorted(docs_dir.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir():
            name, page = path.name, f"{shown}/{path.name}/"
        elif path.suffix == ".md" and path.stem not in ("index", "README"):
            name, page = path.stem, f"{shown}/{path.name}"
        else:
            continue
        if name.lower() not in SITE_FOLDERS:  # lower case: Windows and macOS do not tell About/ from about/
            taken.setdefault(name.lower(), page)
    return reserved_slugs(areas, taken, "slug-content")
