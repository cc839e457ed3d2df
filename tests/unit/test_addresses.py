"""An area or a column never loses its page to another one at the same address.

The site's own folders (``search/``, an area's ``table/`` …) are refused by the loader
(tree fixture ``slug_reserved``); the folders and pages of ``content/`` are known only
with the site's hand-written pages, so ``gkml check`` and the build refuse them there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check.run import check_catalogue
from generator.model.naming import AREA_FOLDERS, SITE_FOLDERS, category_slug, file_stem, is_valid_id, is_windows_device
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


# -- names Windows refuses -----------------------------------------------------------------------------------
# (made at test time: a file called con.yaml in this repository would keep Windows users from checking it out)


def test_names_windows_refuses_are_errors_wherever_they_stand(tmp_path: Path, valid_minimal: str) -> None:
    folder = write_tree(
        tmp_path / "catalogue",
        {
            "_site.yaml": SITE,
            "保障性住房/_meta.yaml": "标题: 保障性住房\nslug: prn\n",
            "保障性住房/配给管理/con.yaml": valid_minimal,
            "保障性住房/Aux/说明.yaml": valid_minimal.replace("id: bzxzf-pjgl-gzfzgsh", "id: other"),
            "保障性住房/配给管理/LPT1.txt": "附件\n",
        },
    )
    catalogue, diagnostics = check_catalogue(folder, git_dates=False)
    assert catalogue is None
    hint = "（提示：CON、PRN、AUX、NUL、COM1～COM9、LPT1～LPT9 不论大小写、带不带扩展名都不能用作名称：请改名，例如"
    shown = [line.replace(tmp_path.as_posix() + "/", "") for line in formatted(diagnostics)]
    assert [line for line in shown if "[name-windows]" in line] == [
        f"catalogue/保障性住房/Aux:1:1: 错误[name-windows] {message('Aux')}{hint}“Aux-1”。）",
        f"catalogue/保障性住房/_meta.yaml:2:7: 错误[name-windows] slug：{message('prn')}{hint}“prn-2”。）",
        f"catalogue/保障性住房/配给管理/LPT1.txt:1:1: 错误[name-windows] {message('LPT1.txt')}{hint}“LPT1-1.txt”。）",
        f"catalogue/保障性住房/配给管理/con.yaml:1:1: 错误[name-windows] {message('con.yaml')}{hint}“con-1.yaml”。）",
    ]


def message(name: str) -> str:
    return f"“{name}”是 Windows 的保留设备名，Windows 电脑无法检出或保存以它为名的文件或文件夹"


@pytest.mark.parametrize("name", ["con", "CON", "nul.yaml", "Com1", "lpt9.txt", "aux ", "com¹"])
def test_windows_device_names(name: str) -> None:
    assert is_windows_device(name)


@pytest.mark.parametrize("name", ["console", "con-1", "com10", "lpt0", "nula", "配给管理", "a.con"])
def test_names_that_only_look_like_devices(name: str) -> None:
    assert not is_windows_device(name)


def test_gkml_never_makes_such_a_name() -> None:
    assert not is_valid_id("nul") and is_valid_id("nul-1")
    assert category_slug("普瑞能", set()) == "prn-2"  # its initials, prn, are a device name
    assert category_slug("投案办理额", set()) == "table-2"  # the area's table page
    assert file_stem("CON") == "CON-1"
