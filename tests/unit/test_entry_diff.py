"""``gkml diff`` and entries (公开信息): added, removed and changed entries by id, with their title
and column, each changed key of the front matter and whether the body changed; in the text and
Markdown reports, and through git."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.commands import main as cli
from generator.edit.diff import diff_catalogues, format_human, format_markdown
from generator.load.catalogue import load_catalogue
from generator.model.records import Catalogue

from .helpers import TREES, formatted

COLUMN = "保障性住房/配给管理"
GUIDES = "保障性住房/办事指南"


def entry(item: str, entry_id: str, title: str, body: str, *, extra: str = "") -> str:
    return (
        f"---\nid: {entry_id}\n标题: {title}\n事项: {item}\n发布日期: 2025-03-12\n"
        f"发布机构: 示例县住房和城乡建设局住房保障股\n类别: 公示公告\n{extra}"
        "审核: {审核人: 李四, 审核日期: 2025-03-11}\n---\n\n" + body + "\n"
    )


NOTICE = entry("bzxzf-pjgl-zgsh", "pjgl-20250312-1", "关于第三批审核结果的公示", "经审核，现予公示。")
CORRECTION = entry("bzxzf-pjgl-zgsh", "pjgl-20250314-1", "关于公示的更正", "第 12 户更正为城关社区。")


def site(root: Path, entries: dict[str, str]) -> Path:
    """A copy of the golden catalogue with ``entries`` ({path in the catalogue: text})."""
    shutil.copytree(TREES / "golden_site", root)
    for rel, text in entries.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def load(root: Path) -> Catalogue:
    catalogue, diagnostics = load_catalogue(root, git_dates=False)
    assert catalogue is not None, formatted(diagnostics)
    return catalogue


BEFORE = {f"{COLUMN}/2025/公示.md": NOTICE, f"{COLUMN}/2025/更正.md": CORRECTION}


def test_entries_added_removed_and_changed(tmp_path: Path) -> None:
    old = load(site(tmp_path / "old", BEFORE))
    changed = NOTICE.replace("第三批审核结果的公示", "第三批承租资格审核结果的公示").replace(
        "现予公示", "现予公示五个工作日"
    )
    changed = changed.replace("类别: 公示公告\n", "类别: 公示公告\n文号: 示建保〔2025〕3号\n")
    guide = entry("bzxzf-bszn-gzfsq", "bszn-20250320-1", "公租房申请须知", "申请人携带户口簿办理。")
    new = load(site(tmp_path / "new", {f"{COLUMN}/2025/公示.md": changed, f"{GUIDES}/2025/须知.md": guide}))
    diff = diff_catalogues(old, new)
    assert not (diff.added or diff.removed or diff.moved or diff.changed)
    new_root, old_root = (tmp_path / "new").as_posix(), (tmp_path / "old").as_posix()
    assert format_human(diff, "HEAD") == "\n".join(
        [
            "与 HEAD 相比：新增 0 项，删除 0 项，移动 0 项，修改 0 项。公开信息：新增 1 条，删除 1 条，修改 1 条。",
            "",
            "新增公开信息（1）：",
            f"  保障性住房 › 办事指南 › 公租房申请须知［bszn-20250320-1］（{new_root}/{GUIDES}/2025/须知.md）",
            "",
            "删除公开信息（1）：",
            f"  保障性住房 › 配给管理 › 关于公示的更正［pjgl-20250314-1］（{old_root}/{COLUMN}/2025/更正.md）",
            "",
            "修改公开信息（1）：",
            f"  保障性住房 › 配给管理 › 关于第三批承租资格审核结果的公示［pjgl-20250312-1］"
            f"（{new_root}/{COLUMN}/2025/公示.md）",
            "    标题：关于第三批审核结果的公示 → 关于第三批承租资格审核结果的公示",
            "    文号：（空） → 示建保〔2025〕3号",
            "    正文：有修改",
        ]
    )
    markdown = format_markdown(diff)
    assert "### 新增公开信息（1）\n\n- 保障性住房 › 办事指南 › **公租房申请须知**［bszn-20250320-1］" in markdown
    assert "### 修改公开信息（1）" in markdown and "  - 正文：有修改\n" in markdown


def test_an_entry_moved_to_another_column_says_so(tmp_path: Path) -> None:
    old = load(site(tmp_path / "old", BEFORE))
    moved = CORRECTION.replace("事项: bzxzf-pjgl-zgsh", "事项: bzxzf-bszn-gzfsq")
    new = load(site(tmp_path / "new", {f"{COLUMN}/2025/公示.md": NOTICE, f"{GUIDES}/2025/更正.md": moved}))
    (change,) = diff_catalogues(old, new).entries_changed
    assert change.moved and not change.body_changed
    text = format_human(diff_catalogues(old, new))
    assert (
        "    栏目：保障性住房 › 配给管理 → 保障性住房 › 办事指南\n    事项：bzxzf-pjgl-zgsh → bzxzf-bszn-gzfsq\n"
        in text
    )


def test_the_same_entries_are_no_change(tmp_path: Path) -> None:
    old = load(site(tmp_path / "old", BEFORE))
    new = load(site(tmp_path / "new", BEFORE))
    diff = diff_catalogues(old, new)
    assert diff.empty and format_human(diff) == "没有事项变化。"


def test_markdown_escapes_an_entrys_title(tmp_path: Path) -> None:
    old = load(site(tmp_path / "old", {}))
    new = load(
        site(tmp_path / "new", {f"{COLUMN}/2025/a.md": NOTICE.replace("关于第三批审核结果的公示", "<b>*粗*</b>")})
    )
    assert "**&lt;b&gt;\\*粗\\*&lt;/b&gt;**［pjgl-20250312-1］" in format_markdown(diff_catalogues(old, new))


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        capture_output=True,
        check=True,
    )


def test_the_command_compares_entries_with_a_git_revision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        monkeypatch.delenv(name, raising=False)
    root = tmp_path / "repo"
    site(root / "catalogue", BEFORE)
    git(root, "init", "-q")
    git(root, "add", "catalogue")
    git(root, "commit", "-q", "-m", "catalogue")
    monkeypatch.chdir(root)
    (root / "catalogue" / COLUMN / "2025" / "更正.md").unlink()
    assert cli.main(["diff", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert out == (
        "与 HEAD 相比：新增 0 项，删除 0 项，移动 0 项，修改 0 项。公开信息：新增 0 条，删除 1 条，修改 0 条。\n\n"
        "删除公开信息（1）：\n"
        f"  保障性住房 › 配给管理 › 关于公示的更正［pjgl-20250314-1］（catalogue/{COLUMN}/2025/更正.md）\n"
    )
