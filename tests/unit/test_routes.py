"""Where pages live and the relative links between them, with directory and file URLs."""

from __future__ import annotations

import pytest

from generator.model.records import Area, Category, Record
from generator.site.routes import HOME, SEARCH, Routes

AREA = Area("保障性住房", "bzxzf", 1)
CATEGORY = Category("配给管理", "pjgl", 1)
RECORD = Record("bzxzf-gzf-zgsh", "公租房承租资格审核", (), (), "", "", (), (), (), ())

HOME_SRC = HOME
CATEGORY_SRC = "bzxzf/pjgl/index.md"
ITEM_SRC = "item/bzxzf-gzf-zgsh/index.md"
TABLE_SRC = "bzxzf/table/index.md"


def test_source_paths() -> None:
    assert Routes.area(AREA) == "bzxzf/index.md"
    assert Routes.table(AREA) == TABLE_SRC
    assert Routes.category(AREA, CATEGORY) == CATEGORY_SRC
    assert Routes.item(RECORD) == ITEM_SRC
    assert (HOME, SEARCH) == ("index.md", "search/index.md")


@pytest.mark.parametrize(
    ("src", "directory", "file"),
    [
        (HOME_SRC, "", "index.html"),
        (CATEGORY_SRC, "bzxzf/pjgl/", "bzxzf/pjgl/index.html"),
        (ITEM_SRC, "item/bzxzf-gzf-zgsh/", "item/bzxzf-gzf-zgsh/index.html"),
        (SEARCH, "search/", "search/index.html"),
    ],
)
def test_urls(src: str, directory: str, file: str) -> None:
    assert Routes(directory_urls=True).url(src) == directory
    assert Routes(directory_urls=False).url(src) == file


@pytest.mark.parametrize(
    ("from_src", "to_src", "directory", "file"),
    [
        (HOME_SRC, HOME_SRC, "./", "index.html"),
        (HOME_SRC, CATEGORY_SRC, "bzxzf/pjgl/", "bzxzf/pjgl/index.html"),
        (HOME_SRC, ITEM_SRC, "item/bzxzf-gzf-zgsh/", "item/bzxzf-gzf-zgsh/index.html"),
        (CATEGORY_SRC, HOME_SRC, "../../", "../../index.html"),
        (CATEGORY_SRC, CATEGORY_SRC, "./", "index.html"),
        (CATEGORY_SRC, ITEM_SRC, "../../item/bzxzf-gzf-zgsh/", "../../item/bzxzf-gzf-zgsh/index.html"),
        (CATEGORY_SRC, TABLE_SRC, "../table/", "../table/index.html"),
        (CATEGORY_SRC, "bzxzf/index.md", "../", "../index.html"),
        (ITEM_SRC, HOME_SRC, "../../", "../../index.html"),
        (ITEM_SRC, CATEGORY_SRC, "../../bzxzf/pjgl/", "../../bzxzf/pjgl/index.html"),
        (ITEM_SRC, "item/other/index.md", "../other/", "../other/index.html"),
        (ITEM_SRC, SEARCH, "../../search/", "../../search/index.html"),
    ],
)
def test_relative_hrefs(from_src: str, to_src: str, directory: str, file: str) -> None:
    assert Routes(directory_urls=True).href(from_src, to_src) == directory
    assert Routes(directory_urls=False).href(from_src, to_src) == file


def test_href_with_anchor() -> None:
    assert Routes().href(CATEGORY_SRC, ITEM_SRC, "basis") == "../../item/bzxzf-gzf-zgsh/#basis"
    assert Routes(False).href(ITEM_SRC, ITEM_SRC, "basis") == "index.html#basis"


def test_hrefs_never_start_at_the_site_root() -> None:
    """Relative links keep working in a sub-folder deployment and from file:// in a kiosk."""
    sources = [HOME_SRC, CATEGORY_SRC, ITEM_SRC, TABLE_SRC, SEARCH]
    for routes in (Routes(True), Routes(False)):
        for a in sources:
            for b in sources:
                assert not routes.href(a, b).startswith("/")
