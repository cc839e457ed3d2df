"""Links from hand-written pages to item pages that do not exist."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection

from generator.model.naming import ITEM_FOLDER

_ITEM_LINK = re.compile(rf'href="([^"#:?]*{ITEM_FOLDER}/[^"]*)"')


def missing_item_links(html: str, dest: str, item_ids: Collection[str]) -> list[tuple[str, str]]:
    """(link, id) of each link in ``html`` (the page at ``dest`` in the site) to an item page
    whose id is not in ``item_ids``."""
    here = posixpath.dirname(dest)
    missing = []
    for href in _ITEM_LINK.findall(html):
        parts = posixpath.normpath(posixpath.join(here, href.split("#")[0])).split("/")
        if parts[0] == ITEM_FOLDER and len(parts) >= 2 and parts[1] not in item_ids:
            missing.append((href, parts[1]))
    return missing
