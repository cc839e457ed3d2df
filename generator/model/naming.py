"""How records, columns and files are named: the form and length of an id, the ids and slugs gkml makes.

The one home of these rules: the checker, the editors' JSON Schema, the open-data schema,
``gkml new`` and ``gkml import`` all read them from here.
"""

from __future__ import annotations

import re

from generator.model.slugs import initials

#: The names Windows keeps for its devices: no file or folder can be called so, in any case, with any
#: extension (``con.yaml``, ``Nul``). An id or a slug names a folder of the site, so none may be one either.
WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in "123456789¹²³")}
)
_DEVICE_IDS = "|".join(sorted(name for name in WINDOWS_DEVICES if name.isascii()))
#: What an id may be: lowercase letters, digits and single hyphens, starting with a letter; no device name.
ID_PATTERN = re.compile(rf"^(?!(?:{_DEVICE_IDS})\s*$)[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
#: The longest id, in characters.
ID_MAX_LENGTH = 64
_ID_BASE_MAX = ID_MAX_LENGTH - 4  # room for a "-NN" suffix
#: The longest file name gkml makes, in characters (UTF-8: 3 bytes each, below the usual 255-byte limit).
FILE_NAME_MAX = 70
#: The file name of an item whose name leaves nothing usable.
FALLBACK_STEM = "新事项"
_UNSAFE_FILE_CHARS = str.maketrans(
    {"/": "／", "\\": "＼", ":": "：", "*": "＊", "?": "？", '"': "＂", "<": "＜", ">": "＞", "|": "｜"}
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# -- the folders of the built site that gkml or its theme writes --------------------------------------
# (generator/site/routes.py builds every generated page's path from these names)

SEARCH_FOLDER = "search"  #: the search page and its data
SITEMAP_FOLDER = "sitemap"  #: 网站地图
DISCLOSURE_FOLDER = "gongkai"  #: 政府信息公开 and its hand-written pages
ITEM_FOLDER = "item"  #: one page per item: item/<id>/
ENTRY_FOLDER = "info"  #: one page per entry (公开信息): info/<id>/, with its attachments
LIST_FOLDER = "page"  #: a column's further pages of entries: <area>/<column>/page/2/
FEED_FILE = "feed.xml"  #: the Atom feed of the site (at its root) and of each column (in its folder)
DOWNLOADS_FOLDER = "downloads"  #: the Excel, CSV and JSON exports
ASSETS_FOLDER = "assets"  #: the theme's and gkml's styles and scripts
GUIDE_FOLDER = "guide"  #: 使用说明, with the generated 常见错误 page
TABLE_FOLDER = "table"  #: an area's 目录总表: <area slug>/table/
REPORT_FOLDER = "report"  #: 公开情况, the staff page (plugin option report_page; absent by default)

#: The top folders of the built site that are not areas, and what they hold (for messages): an area
#: whose slug is one of them would share its address with that page, and one of the two would be lost.
SITE_FOLDERS: dict[str, str] = {
    SEARCH_FOLDER: "搜索页",
    SITEMAP_FOLDER: "网站地图",
    DISCLOSURE_FOLDER: "政府信息公开",
    ITEM_FOLDER: "事项页",
    ENTRY_FOLDER: "公开信息页",
    DOWNLOADS_FOLDER: "下载文件",
    ASSETS_FOLDER: "网站的样式和脚本",
    GUIDE_FOLDER: "使用说明",
    REPORT_FOLDER: "公开情况（工作人员页面）",
}
#: What gkml writes in an area's folder besides its columns (a column may not take these slugs).
AREA_FOLDERS: dict[str, str] = {TABLE_FOLDER: "目录总表"}


def is_windows_device(name: str) -> bool:
    """Whether Windows refuses ``name`` for a file or a folder (:data:`WINDOWS_DEVICES`: CON, nul.yaml, Com1.txt)."""
    return name.split(".", 1)[0].rstrip(" ").lower() in WINDOWS_DEVICES


def is_valid_id(text: str) -> bool:
    """Whether ``text`` is a well-formed id: :data:`ID_PATTERN` (no name Windows refuses: the item's page
    is the folder ``item/<id>/``), at most :data:`ID_MAX_LENGTH` characters."""
    return bool(ID_PATTERN.match(text)) and len(text) <= ID_MAX_LENGTH


def make_id(area_slug: str, category_slug: str, name: str, taken: set[str]) -> str:
    """``<area slug>-<category slug>-<pinyin initials of name>``, with -2, -3 … appended when taken."""
    base = f"{area_slug}-{category_slug}-{initials(name)}"[:_ID_BASE_MAX].rstrip("-")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def category_slug(title: str, taken: set[str]) -> str:
    """The slug of a new category: the initials of its title, made unique within its area, and none the
    site uses in an area (:data:`AREA_FOLDERS`) or Windows refuses."""
    base = initials(title)
    candidate, n = base, 2
    while candidate in taken or candidate in AREA_FOLDERS or is_windows_device(candidate):
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def file_stem(name: str) -> str:
    """A file name (without .yaml) for an item name: no path separators, characters or names Windows refuses."""
    stem = _CONTROL.sub("", name.translate(_UNSAFE_FILE_CHARS)).strip().lstrip("._").strip()
    stem = stem[:FILE_NAME_MAX].rstrip(". ") or FALLBACK_STEM
    return f"{stem}-1" if is_windows_device(stem) else stem
