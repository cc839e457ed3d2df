"""The site's navigation: the home page, one section (tab) per area, then hand-written pages.

Item pages are deliberately *not* listed: the theme renders the whole navigation into
every page, so a navigation that grew with the number of items would make build time
and page size grow with N².
"""

from __future__ import annotations

from typing import Any

from generator.model.records import Catalogue
from generator.site.routes import HOME, Routes


def catalogue_nav(catalogue: Catalogue, routes: Routes, user_nav: list[Any]) -> list[Any]:
    """MkDocs ``nav`` entries: home, the areas, and the user's own entries after them."""
    nav: list[Any] = [{"首页": HOME}]
    for area in catalogue.areas:
        children: list[Any] = [routes.area(area)]  # the section's index page (navigation.indexes)
        children += [{c.title: routes.category(area, c)} for c in area.categories]
        children.append({"目录总表": routes.table(area)})
        nav.append({area.title: children})
    for entry in user_nav:
        target = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if target != HOME:
            nav.append(entry)
    return nav


def nav_pages(nav: Any, title: str = "") -> list[tuple[str, str]]:
    """(title, source path) of the Markdown pages listed in a ``nav`` setting."""
    if isinstance(nav, str):
        return [(title or nav, nav)] if nav.endswith(".md") and "://" not in nav else []
    if isinstance(nav, dict):
        return [page for key, value in nav.items() for page in nav_pages(value, str(key))]
    if isinstance(nav, list):
        return [page for entry in nav for page in nav_pages(entry, title)]
    return []
