"""An area or a column never loses its page to another one at the same address.

The site's own folders (``search/``, an area's ``table/`` …) are refused by the loader
(tree fixture ``slug_reserved``); the folders and pages of ``content/`` are known only
with the site's hand-written pages, so ``gkml check`` and the build refuse them there.
"""

from __future__ import annotations

from pathlib import Path

from generator.check.run import check_catalogue
from generator.model.naming import AREA_FOLDERS, SITE_FOLDERS
from generator.model.records import Area
from generator.site.downloads import DOWNLOADS_DIR
from generator.site.guide import ERRORS_PAGE
from generator.site.routes import DISCLOSURE, SEARCH, SEARCH_INDEX, SITEMAP, Routes

from .helpers import formatted, write_tree

SITE = "单位名称: 示例县住房和城乡建设局\n"


def test_an_area_named_like_a_hand_written_page_or_folder_is_an_error(tmp_path: Path, valid_minimal: str) -> None:
    catalogue = write_tree(
        tmp_path / "catalogue",
        {
            "_site.yaml": SITE,
            "关于我们/_meta.yaml": "标题: 关于我们\nslug: about\n",
            "关于我们/配给管理/a.yaml": valid_minimal,
            "保障性住房/配给管理/b.yaml": valid_minimal.replace("id: bzxzf-pjgl-gzfzgsh", "id: other"),
        },
    )
    pages = {
        "About.md": "# 关于\n",
        "bzxzf/notes.md": "# 说明\n",
        "images/dzjg.png": b"\x89PNG",
        "index.md": "# 首页\n",
    }
    docs = write_tree(tmp_path / "content", pages)
    result, diagnostics = check_catalogue(catalogue, git_dates=False, docs_dir=docs, docs_shown="content")
    assert result is None
    shown = [line.replace(tmp_path.as_posix() + "/", "") for line in formatted(diagnostics)]
    assert [line for line in shown if "[slug-content]" in line] == [
        "catalogue/保障性住房:1:1: 错误[slug-content] slug：网址别名“bzxzf”与手写页面 content/bzxzf/ 的网址相同，"
        "其中一个页面会丢失（提示：请在这个文件夹的 _meta.yaml 中写“slug: bzxzf-2”，另取一个网址别名；"
        "或者给手写页面改名。）",
        "catalogue/关于我们/_meta.yaml:2:7: 错误[slug-content] slug：网址别名“about”与手写页面 content/About.md "
        "的网址相同，其中一个页面会丢失（提示：请在这个文件夹的 _meta.yaml 中写“slug: about-2”，另取一个网址别名；"
        "或者给手写页面改名。）",
    ]


def test_the_folders_the_checker_protects_are_the_routes_folders() -> None:
    """One list: every generated page outside the areas lives in a folder the checker refuses as a slug."""
    generated = [SEARCH, SEARCH_INDEX, SITEMAP, DISCLOSURE, ERRORS_PAGE, f"{DOWNLOADS_DIR}/catalogue.xlsx"]
    generated.append(Routes.item_of("bzxzf-pjgl-gzfzgsh"))
    assert {src.split("/")[0] for src in generated} <= set(SITE_FOLDERS)
    assert Routes.table(Area("保障性住房", "bzxzf", 1)).split("/")[1] in AREA_FOLDERS
