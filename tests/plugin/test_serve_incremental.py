"""``gkml serve`` after an entry (公开信息) changed: only the pages that show it are written again,
and the site is then the same, byte for byte, as a full build of the catalogue as it now is.

The dev server's rebuild is driven here without a server: a build as ``serve`` makes it (the
plugin keeps a :class:`~generator.site.incremental.Preview`), then the files are changed and the
preview is told which, as the server's file watcher tells the plugin. A real ``gkml serve``
showing an edited entry: tests/plugin/test_serve.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.site.incremental import Preview, Result

COLUMN = Path("catalogue/保障性住房/法规政策")
POLICY = COLUMN / "2025/公租房管理实施细则.md"  # fgzc-20250310-1: replaces one, named by a 解读 and a 指南
NOTICE = COLUMN / "2025/新市民青年人住房保障工作的通知.md"  # fgzc-20250514-1: named by a 解读
EXPLAINED = Path("catalogue/保障性住房/政策解读/2025/新市民青年人住房保障工作解读.md")


def serve_build(project: Path, site: Path) -> Preview:
    """Build ``project`` into ``site`` as ``gkml serve`` does; the preview the plugin keeps."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    preview = config.plugins["gkml"].preview
    assert isinstance(preview, Preview)
    return preview


def full_build(project: Path, site: Path) -> dict[str, bytes]:
    """Every file of a full build of ``project`` (as ``mkdocs build`` makes it: nothing kept)."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    return files(site)


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def folders(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir()}


def same_site(project: Path, updated: Path, reference: Path) -> None:
    """The updated site and a full build of ``project`` into ``reference`` hold the same files with
    the same bytes, and the same folders (but the .gz copies for nginx, which a preview does not keep,
    and the 404 page's links, from the site address's path when published, from ``/`` in a preview)."""
    ours, theirs = files(updated), full_build(project, reference)
    ours, theirs = ({k: v for k, v in site.items() if not k.endswith(".gz")} for site in (ours, theirs))
    address = yaml.safe_load((project / "catalogue" / "_site.yaml").read_text(encoding="utf-8"))["网站地址"]
    published_from = re.escape(urlsplit(address).path).encode()
    assert published_from != b"/"  # the example is published below a path: the test shows the difference
    theirs["404.html"] = re.sub(b'"' + published_from, b'"/', theirs["404.html"])  # links, form, theme config
    missing, extra = sorted(set(theirs) - set(ours)), sorted(set(ours) - set(theirs))
    differ = sorted(name for name in set(ours) & set(theirs) if ours[name] != theirs[name])
    assert (missing, extra, differ) == ([], [], []), "the updated site is not what a full build makes"
    assert folders(updated) == folders(reference)


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.fixture
def served(project: Path, tmp_path: Path) -> Iterator[tuple[Preview, Path]]:
    site = tmp_path / "served"
    yield serve_build(project, site), site
    load_config(str(project / "mkdocs.yml")).plugins.on_shutdown()  # MkDocs keeps the plugin: leave it clean


def page(site: Path, entry_id: str) -> str:
    return (site / "info" / entry_id / "index.html").read_text(encoding="utf-8")


def test_edits_add_and_delete_give_the_site_a_full_build_gives(
    served: tuple[Preview, Path], project: Path, tmp_path: Path
) -> None:
    preview, site = served
    # A title and a 关联 changed in one save: the policy's page, the pages naming it (a 解读, a 指南,
    # the policy it replaces), the 解读 that no longer names the notice, and the notice's page.
    policy = edit(
        project / POLICY, "标题: 示例县公共租赁住房管理实施细则", "标题: 示例县公共租赁住房管理实施细则（修订）"
    )
    explained = edit(project / EXPLAINED, "关联: [fgzc-20250514-1]", "关联: [fgzc-20250310-1]")
    outcome = preview.update([policy, explained])
    assert outcome.result is Result.UPDATED, outcome.diagnostics
    assert "实施细则（修订）" in page(site, "fgzc-20190601-1")  # 已废止 names what replaces it
    assert "新市民、青年人住房保障工作的通知" not in page(site, explained_id(project))
    assert "info/fgzc-20250310-1/index.md" in outcome.written
    assert set(outcome.written) == {  # and nothing else
        "info/fgzc-20250310-1/index.md",
        "info/fgzc-20190601-1/index.md",  # replaced by it
        "info/bszn-20250407-1/index.md",  # a 指南 naming it
        "info/zcjd-20250312-1/index.md",  # a 解读 naming it
        "info/zcjd-20250516-1/index.md",  # the 解读 now naming it instead of the notice
        "info/fgzc-20250514-1/index.md",  # the notice, no longer named
        "item/bzxzf-fgzc-zcwj/index.md",  # the items they are published under, with their latest entries
        "item/bzxzf-zcjd-zcjd/index.md",
        "bzxzf/fgzc/index.md",  # the two columns
        "bzxzf/zcjd/index.md",
        "index.md",  # 最近更新
    }
    same_site(project, site, tmp_path / "full-1")

    # A new entry, with an attachment, naming the notice: its page, the notice's, the column, home, feeds.
    added = project / COLUMN / "2025/新增通知.md"
    attachment = project / COLUMN / "2025/附件/新增通知附件.pdf"
    attachment.write_bytes((project / COLUMN / "2025/附件/实施细则全文.pdf").read_bytes())
    added.write_text(
        "---\nid: fgzc-20251201-1\n标题: 关于公租房租金调整听证的通知\n事项: bzxzf-fgzc-zcwj\n发布日期: 2025-12-01\n"
        "发布机构: 示例县住房和城乡建设局\n类别: 通知公告\n关联: [fgzc-20250514-1]\n"
        "附件: [{名称: 听证安排, 文件: 附件/新增通知附件.pdf}]\n"
        "审核: {审核人: 王五, 审核日期: 2025-11-28}\n---\n\n定于2025年12月15日举行公租房租金调整听证会。\n",
        encoding="utf-8",
    )
    # … and, in the same save, the policy's attachment replaced by a larger file, its entry unchanged.
    replaced = project / COLUMN / "2025/附件/实施细则全文.pdf"
    replaced.write_bytes(replaced.read_bytes() + b"%" + b"0" * 4096 + b"\n")
    outcome = preview.update([added, attachment, replaced])
    assert outcome.result is Result.UPDATED, outcome.diagnostics
    assert "关于公租房租金调整听证的通知" in page(site, "fgzc-20250514-1")
    assert (site / "info/fgzc-20251201-1/新增通知附件.pdf").is_file()
    assert (site / "info/fgzc-20250310-1/实施细则全文.pdf").read_bytes() == replaced.read_bytes()
    same_site(project, site, tmp_path / "full-2")

    # The entry deleted, and its attachment: its folder is gone, nothing links to it.
    added.unlink()
    attachment.unlink()
    outcome = preview.update([added, attachment])
    assert outcome.result is Result.UPDATED, outcome.diagnostics
    assert not (site / "info/fgzc-20251201-1").exists()
    assert "info/fgzc-20251201-1" in outcome.removed
    same_site(project, site, tmp_path / "full-3")


def explained_id(project: Path) -> str:
    match = re.search(r"^id: (\S+)$", (project / EXPLAINED).read_text(encoding="utf-8"), re.MULTILINE)
    assert match is not None
    return match[1]


def test_a_bad_edit_is_reported_where_it_is_and_leaves_the_site(served: tuple[Preview, Path], project: Path) -> None:
    preview, site = served
    before = files(site)
    bad = edit(project / POLICY, "发布日期: 2025-03-10", "发布日期: 2025-13-10")
    outcome = preview.update([bad])
    assert outcome.result is Result.REFUSED
    errors = [d for d in outcome.diagnostics if d.severity.value == "error"]
    assert errors, outcome.diagnostics
    assert errors[0].file.endswith("法规政策/2025/公租房管理实施细则.md") and errors[0].line == 5
    assert re.search(r"[\u4e00-\u9fff]", errors[0].format()), "said in Chinese"
    assert files(site) == before, "the site stays as it was"

    # Deleting an entry another one names is refused too: the 解读's 关联 would name nothing.
    (project / NOTICE).unlink()
    outcome = preview.update([project / NOTICE])
    assert outcome.result is Result.REFUSED
    assert any(d.code == "entry-related-unknown" and d.file.endswith(EXPLAINED.name) for d in outcome.diagnostics)
    assert files(site) == before

    # Fixed: the earlier change is read again with this one, and the site is updated.
    edit(project / POLICY, "发布日期: 2025-13-10", "发布日期: 2025-03-11")
    edit(project / EXPLAINED, "关联: [fgzc-20250514-1]", "关联: [fgzc-20250310-1]")
    outcome = preview.update([project / EXPLAINED])
    assert outcome.result is Result.UPDATED, outcome.diagnostics
    assert "2025-03-11" in page(site, "fgzc-20250310-1")
    assert not (site / "info/fgzc-20250514-1").exists()


def test_other_changes_need_a_full_build_and_an_editors_file_nothing(
    served: tuple[Preview, Path], project: Path
) -> None:
    preview, site = served
    before = files(site)
    swap = project / COLUMN / "2025/.公租房管理实施细则.md.swp"  # vim's, beside the entry it edits
    swap.write_bytes(b"b0VIM 9.0")
    outcome = preview.update([swap])
    assert (outcome.result, outcome.written, outcome.diagnostics) == (Result.UPDATED, [], [])
    assert files(site) == before
    item = edit(project / COLUMN / "政策文件.yaml", "名称: 政策文件", "名称: 政策文件（修订）")
    assert preview.update([item]).result is Result.FULL
    assert preview.update([project / "content/index.md"]).result is Result.FULL
    assert preview.update([project / COLUMN / "2025/记录.yaml"]).result is Result.FULL
    assert files(site) == before
