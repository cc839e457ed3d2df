"""``gkml diff``: comparing two catalogues item by item, the text and Markdown reports, and
the command against a temporary git repository (revision extracted, bad revisions, broken
records).

The catalogues are copies of ``tests/fixtures/trees/golden_site`` with a few item files
edited as text, as an editor would edit them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.commands import main as cli
from generator.edit.diff import (
    CatalogueDiff,
    ElementChange,
    EntryChange,
    ItemChange,
    ItemRef,
    diff_catalogues,
    escape_markdown,
    format_human,
    format_markdown,
)
from generator.load.catalogue import load_catalogue
from generator.model.records import FIELDS_BY_KEY, Catalogue

from .helpers import TREES, formatted

GUIDE = "保障性住房/办事指南/公租房申请办事指南.yaml"
REVIEW = "保障性住房/配给管理/公租房承租资格审核.yaml"
RESULT = "保障性住房/配给管理/公租房配租结果.yaml"
GAS = "市政服务/燃气经营许可/燃气经营许可证核发.yaml"


# -- helpers -----------------------------------------------------------------------------------


def copy_site(root: Path) -> Path:
    """A fresh copy of the golden catalogue at ``root``."""
    shutil.copytree(TREES / "golden_site", root)
    return root


def edit(root: Path, rel: str, old: str, new: str) -> None:
    """Replace ``old`` (which must occur exactly once) in an item file."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def load(root: Path) -> Catalogue:
    catalogue, diagnostics = load_catalogue(root, git_dates=False)
    assert catalogue is not None, formatted(diagnostics)
    return catalogue


@pytest.fixture
def sides(tmp_path: Path) -> tuple[Path, Path]:
    """Two identical copies of the golden catalogue: (old, new)."""
    return copy_site(tmp_path / "old"), copy_site(tmp_path / "new")


def compare(sides: tuple[Path, Path]) -> CatalogueDiff:
    old, new = sides
    return diff_catalogues(load(old), load(new))


def element_lines(sides: tuple[Path, Path]) -> list[str]:
    """The element lines of the one changed item, as ``format_human`` prints them."""
    diff = compare(sides)
    assert not (diff.added or diff.removed or diff.moved)
    assert len(diff.changed) == 1
    lines = format_human(diff).splitlines()
    start = lines.index(next(line for line in lines if line.startswith("修改"))) + 2
    return [line.strip() for line in lines[start:]]


# -- diff_catalogues ---------------------------------------------------------------------------


def test_identical_catalogues_have_no_changes(sides: tuple[Path, Path]) -> None:
    diff = compare(sides)
    assert diff == CatalogueDiff()
    assert diff.empty
    assert format_human(diff) == "没有事项变化。"
    assert format_markdown(diff) == "## 政务公开目录变化\n\n没有事项变化。\n"


def test_scalar_change_uses_the_elements_key_and_label(sides: tuple[Path, Path]) -> None:
    edit(sides[1], REVIEW, "之日起20个工作日内", "之日起15个工作日内")
    (item,) = compare(sides).changed
    spec = FIELDS_BY_KEY["时限"]
    assert item.elements == (
        ElementChange(
            spec.key, spec.label, old="信息形成或者变更之日起20个工作日内", new="信息形成或者变更之日起15个工作日内"
        ),
    )
    assert item.old.id == item.new.id == "bzxzf-pjgl-zgsh"


def test_content_entries_added_removed_and_mark_changed(sides: tuple[Path, Path]) -> None:
    edit(
        sides[1],
        REVIEW,
        "  - ●申请条件\n  - ●审核结果\n  - 〇轮候情况\n",
        "  - ●审核结果\n  - ●轮候情况\n  - 〇退出情况\n",
    )
    (change,) = compare(sides).changed[0].elements
    assert change.is_list
    assert change.changed == (EntryChange("〇轮候情况", "●轮候情况", "改为必选"),)
    assert change.added == ("〇退出情况",)
    assert change.removed == ("●申请条件",)
    assert element_lines(sides) == ["内容：〇轮候情况 → ●轮候情况（改为必选）；+ 〇退出情况；- ●申请条件"]


def test_channel_mark_change_is_shown_without_the_details(sides: tuple[Path, Path]) -> None:
    edit(sides[1], REVIEW, "  - ■公开查阅点:", "  - □公开查阅点:")
    assert element_lines(sides) == ["渠道：■公开查阅点 → □公开查阅点（改为可选）"]


def test_channel_detail_change_shows_both_versions(sides: tuple[Path, Path]) -> None:
    edit(sides[1], REVIEW, "栏目: 政府信息公开 > 保障性住房 > 配给管理", "栏目: 政府信息公开 > 住房保障 > 配给管理")
    url = "https://zjj.example.gov.cn/zfxxgk/bzxzf/pjgl/"
    assert element_lines(sides) == [
        f"渠道：■政府网站（政府信息公开 > 保障性住房 > 配给管理，{url}）"
        f" → ■政府网站（政府信息公开 > 住房保障 > 配给管理，{url}）"
    ]


def test_list_elements_added_and_removed(sides: tuple[Path, Path]) -> None:
    edit(sides[1], REVIEW, "方式: [主动, 依申请]", "方式: 主动")
    edit(sides[1], REVIEW, "层级: [县级, 乡级]", "层级: [市级, 县级, 乡级]")
    edit(sides[1], REVIEW, "  - 特定群体（申请人）\n", "  - 特定群体（承租人）\n")
    edit(sides[1], REVIEW, "  - 《中华人民共和国政府信息公开条例》（国务院令第711号）\n", "")
    assert element_lines(sides) == [
        "依据：- 《中华人民共和国政府信息公开条例》（国务院令第711号）",
        "方式：- 依申请",
        "对象：特定群体（申请人） → 特定群体（承租人）",
        "层级：+ 市级",
    ]


def test_reordered_entries(sides: tuple[Path, Path]) -> None:
    edit(sides[1], REVIEW, "  - ●申请条件\n  - ●审核结果\n", "  - ●审核结果\n  - ●申请条件\n")
    assert element_lines(sides) == ["内容：条目顺序调整"]


def test_optional_elements_appearing_and_disappearing(sides: tuple[Path, Path]) -> None:
    edit(sides[1], RESULT, "备注: 配租结果公示期为5个工作日。\n", "")
    edit(sides[1], RESULT, "层级: 县级\n", "层级: 县级\n顺序: 2\n")
    assert element_lines(sides) == ["顺序：（空） → 2", "备注：配租结果公示期为5个工作日。 → （空）"]


def test_a_rename_is_a_change_not_an_addition(sides: tuple[Path, Path]) -> None:
    edit(sides[1], GUIDE, "名称: 公租房申请办事指南", "名称: 公共租赁住房申请办事指南")
    diff = compare(sides)
    assert (diff.added, diff.removed, diff.moved) == ((), (), ())
    assert element_lines(sides) == ["名称：公租房申请办事指南 → 公共租赁住房申请办事指南"]
    assert diff.changed[0].new.title == "公共租赁住房申请办事指南"


def test_a_moved_item_is_moved_and_changed_only_when_edited(sides: tuple[Path, Path]) -> None:
    new = sides[1]
    (new / RESULT).rename(new / "保障性住房/办事指南/公租房配租结果.yaml")
    diff = compare(sides)
    (item,) = diff.moved
    assert diff.changed == ()
    assert (item.old.place, item.new.place) == ("保障性住房 › 配给管理", "保障性住房 › 办事指南")
    assert item.new.title == "公租房配租 › 配租结果"
    edit(new, "保障性住房/办事指南/公租房配租结果.yaml", "  - ●房源信息\n", "")
    diff = compare(sides)
    assert diff.moved[0].new.id == "bzxzf-pjgl-pzjg"
    assert [c.key for c in diff.changed[0].elements] == ["内容"]


def test_a_file_renamed_in_its_category_is_a_change(sides: tuple[Path, Path]) -> None:
    new = sides[1]
    (new / RESULT).rename(new / "保障性住房/配给管理/配租结果.yaml")
    diff = compare(sides)
    assert diff.moved == ()
    (item,) = diff.changed
    assert item.file_renamed and item.elements == ()
    assert f"    文件：{sides[0].as_posix()}/{RESULT} → {new.as_posix()}/保障性住房/配给管理/配租结果.yaml" in (
        format_human(diff).splitlines()
    )


def add_copy(root: Path, rel: str, new_rel: str, new_id: str) -> None:
    """Add an item file made from ``rel`` with another id, as ``new_rel``."""
    text = (root / rel).read_text(encoding="utf-8")
    record_id = text.splitlines()[0].removeprefix("id: ")
    (root / new_rel).write_text(text.replace(record_id, new_id), encoding="utf-8")


def test_items_are_listed_in_catalogue_order(sides: tuple[Path, Path]) -> None:
    new = sides[1]
    add_copy(new, GAS, "市政服务/燃气经营许可/b.yaml", "a-first-by-id")
    add_copy(new, REVIEW, "保障性住房/配给管理/b.yaml", "m-middle")
    add_copy(new, GUIDE, "保障性住房/办事指南/b.yaml", "z-last-by-id")
    add_copy(new, GUIDE, "保障性住房/办事指南/c.yaml", "y-before-z")
    added = compare(sides).added
    assert [(r.area, r.category, r.id) for r in added] == [
        ("保障性住房", "办事指南", "y-before-z"),
        ("保障性住房", "办事指南", "z-last-by-id"),
        ("保障性住房", "配给管理", "m-middle"),
        ("市政服务", "燃气经营许可", "a-first-by-id"),
    ]


def test_escape_markdown() -> None:
    assert escape_markdown("a|b*c_d`e<f>g") == r"a\|b\*c\_d\`e&lt;f&gt;g"
    assert escape_markdown("[x](y) ~z~ #1 \\ &") == r"\[x\](y) \~z\~ \#1 \\ &amp;"
    assert escape_markdown("第一行\n  第二行") == "第一行 第二行"


def test_markdown_escapes_values() -> None:
    ref = ItemRef("x", "名称_一", "", "领域", "栏目", "catalogue/领域/栏目/a_b.yaml")
    change = ElementChange("时限", "公开时限", old="20个工作日内", new="*15*个工作日内|<立即>")
    diff = CatalogueDiff(changed=(ItemChange(ref, ref, (change,)),))
    assert format_markdown(diff).splitlines()[-2:] == [
        r"- 领域 › 栏目 › **名称\_一**（catalogue/领域/栏目/a\_b.yaml）",
        r"  - 时限：20个工作日内 → \*15\*个工作日内\|&lt;立即&gt;",
    ]


# -- the command, in a temporary git repository -------------------------------------------------


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose one commit holds the golden catalogue in ``catalogue/``; cwd is its top."""
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        monkeypatch.delenv(name, raising=False)
    root = tmp_path / "repo"
    root.mkdir()
    (root / "README.md").write_text("示例\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "README.md")
    git(root, "commit", "-q", "-m", "readme")
    git(root, "tag", "before-catalogue")
    copy_site(root / "catalogue")
    # a second item beside the one the pull request deletes, so that no column is left empty
    add_copy(root / "catalogue", GAS, "市政服务/燃气经营许可/燃气经营许可证变更.yaml", "szfw-rqjy-xkzbg")
    git(root, "add", "catalogue")
    git(root, "commit", "-q", "-m", "catalogue")
    monkeypatch.chdir(root)
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["diff", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def make_pull_request_changes(root: Path) -> None:
    """Edit 时限, delete a file, add a file, rename an item: a typical pull request."""
    cat = root / "catalogue"
    edit(cat, REVIEW, "之日起20个工作日内", "之日起15个工作日内")
    (cat / GAS).unlink()
    text = (cat / GUIDE).read_text(encoding="utf-8")
    new_item = text.replace("bzxzf-bszn-gzfsq", "bzxzf-bszn-bzxzlzf").replace("公租房申请", "保障性租赁住房申请")
    (cat / "保障性住房/办事指南/保障性租赁住房申请办事指南.yaml").write_text(new_item, encoding="utf-8")
    edit(cat, GUIDE, "名称: 公租房申请办事指南", "名称: 公共租赁住房申请办事指南")


EXPECTED_HUMAN = """\
与 HEAD 相比：新增 1 项，删除 1 项，移动 0 项，修改 2 项。

新增事项（1）：
  保障性住房 › 办事指南 › 保障性租赁住房申请办事指南（catalogue/保障性住房/办事指南/保障性租赁住房申请办事指南.yaml）

删除事项（1）：
  市政服务 › 燃气经营许可 › 燃气经营许可证核发（catalogue/市政服务/燃气经营许可/燃气经营许可证核发.yaml）

修改（2）：
  保障性住房 › 办事指南 › 公共租赁住房申请办事指南（catalogue/保障性住房/办事指南/公租房申请办事指南.yaml）
    名称：公租房申请办事指南 → 公共租赁住房申请办事指南
  保障性住房 › 配给管理 › 公租房承租资格审核（catalogue/保障性住房/配给管理/公租房承租资格审核.yaml）
    时限：信息形成或者变更之日起20个工作日内 → 信息形成或者变更之日起15个工作日内
"""

EXPECTED_MARKDOWN = """\
## 政务公开目录变化

与 origin/main 相比：新增 1 项，删除 1 项，移动 1 项，修改 2 项。

### 新增事项（1）

- 保障性住房 › 办事指南 › **保障性租赁住房申请办事指南**（catalogue/保障性住房/办事指南/保障性租赁住房申请办事指南.yaml）

### 删除事项（1）

- 市政服务 › 燃气经营许可 › **燃气经营许可证核发**（catalogue/市政服务/燃气经营许可/燃气经营许可证核发.yaml）

### 移动（1）

- **公租房配租 › 配租结果**：保障性住房 › 配给管理 → 保障性住房 › 办事指南（catalogue/保障性住房/配给管理/公租房配租结果.yaml → catalogue/保障性住房/办事指南/公租房配租结果.yaml）

### 修改（2）

- 保障性住房 › 办事指南 › **公共租赁住房申请办事指南**（catalogue/保障性住房/办事指南/公租房申请办事指南.yaml）
  - 名称：公租房申请办事指南 → 公共租赁住房申请办事指南
- 保障性住房 › 配给管理 › **公租房承租资格审核**（catalogue/保障性住房/配给管理/公租房承租资格审核.yaml）
  - 时限：信息形成或者变更之日起20个工作日内 → 信息形成或者变更之日起15个工作日内
  - 渠道：■政府网站（政府信息公开 &gt; 保障性住房 &gt; 配给管理，https://zjj.example.gov.cn/zfxxgk/bzxzf/pjgl/） → ■政府网站（政府信息公开 &gt; 保障性住房 &gt; 配给管理，https://zjj.example.gov.cn/zfxxgk/bzxzf/pjgl/index\\_new.html）
"""  # noqa: E501 - the report's lines are long by nature


def test_diff_against_head(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_pull_request_changes(repo)
    code, out, err = run(capsys)
    assert (code, err) == (0, "")
    assert out == EXPECTED_HUMAN


def test_diff_markdown_for_a_pull_request(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "branch", "-q", "-m", "main")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(repo, "switch", "-q", "-c", "topic")
    make_pull_request_changes(repo)
    cat = repo / "catalogue"
    edit(cat, REVIEW, "/bzxzf/pjgl/\n", "/bzxzf/pjgl/index_new.html\n")
    git(repo, "mv", f"catalogue/{RESULT}", "catalogue/保障性住房/办事指南/公租房配租结果.yaml")
    git(repo, "add", "catalogue")
    git(repo, "commit", "-q", "-m", "pull request")  # committed changes are compared too
    code, out, err = run(capsys, "origin/main", "--format", "markdown")
    assert (code, err) == (0, "")
    assert out == EXPECTED_MARKDOWN


def test_no_changes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys) == (0, "没有事项变化。\n", "")
    assert run(capsys, "HEAD", "--format", "markdown") == (0, "## 政务公开目录变化\n\n没有事项变化。\n", "")


def test_from_a_subfolder(repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "docs").mkdir()
    monkeypatch.chdir(repo / "docs")
    edit(repo / "catalogue", REVIEW, "之日起20个工作日内", "之日起15个工作日内")
    code, out, _ = run(capsys, "--catalogue", "../catalogue")
    assert code == 0
    assert (
        "  保障性住房 › 配给管理 › 公租房承租资格审核（../catalogue/保障性住房/配给管理/公租房承租资格审核.yaml）"
        in out
    )
    assert "修改（1）：" in out


def test_a_revision_without_the_catalogue_has_everything_added(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "before-catalogue")
    assert code == 0
    assert out.splitlines()[0] == "与 before-catalogue 相比：新增 5 项，删除 0 项，移动 0 项，修改 0 项。"


def test_a_bad_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for ref in ("no-such-branch", "--help-me"):
        code, out, err = run(capsys, "--", ref)
        assert (code, out) == (2, "")
        assert err == f"找不到 git 版本“{ref}”，请检查分支名或提交号（例如 origin/main、HEAD~1）。\n"


def test_outside_a_git_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside"
    copy_site(outside / "catalogue")
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    code, out, err = run(capsys)
    assert (code, out) == (2, "")
    assert err == "当前文件夹不在 git 仓库中，无法与 git 版本比较。\n"


def test_a_broken_record_in_the_working_tree(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo / "catalogue", REVIEW, "时限: 信息形成或者变更之日起20个工作日内\n", "")
    code, out, err = run(capsys)
    assert (code, out) == (2, "")
    assert re.fullmatch(
        r"工作区的目录有错误，无法比较：共 1 个错误、\d+ 个警告、\d+ 个提示。"
        r"请先运行 gkml check --catalogue catalogue 查看并修正。\n",
        err,
    )


def test_a_broken_record_at_the_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo / "catalogue", REVIEW, "名称: 公租房承租资格审核\n", "")
    edit(repo / "catalogue", GUIDE, "时限: 信息形成或者变更之日起20个工作日内\n", "")
    git(repo, "commit", "-q", "-a", "-m", "broken")
    git(repo, "revert", "--no-edit", "HEAD")
    code, out, err = run(capsys, "HEAD~1")
    assert (code, out) == (2, "")
    assert re.match(r"版本 HEAD~1 的目录有错误，无法比较：共 2 个错误、\d+ 个警告、\d+ 个提示。", err)
    assert "Traceback" not in err


def test_help_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["diff", "--help"])
    out = capsys.readouterr().out
    assert "比较的 git 版本" in out and "合并请求" in out
