"""``gkml export -o FILE`` overwrites nothing by surprise: an existing file only with --force, and
never a file in the records, the pages, the theme, gkml's code or git's data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.commands import main as cli

from .helpers import TREES


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository: mkdocs.yml, its catalogue, pages, theme files, gkml's code and git's data."""
    shutil.copytree(TREES / "content_valid", tmp_path, dirs_exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(
        "docs_dir: content\ntheme:\n  name: material\n  custom_dir: overrides\nplugins:\n  - gkml\n", encoding="utf-8"
    )
    for folder in ("overrides", "generator", ".git"):
        (tmp_path / folder).mkdir()
    (tmp_path / "README.md").write_text("# 本县政务公开目录\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def export(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(["export", *args])
    return code, capsys.readouterr().err


def test_an_existing_file_is_kept_unless_force_is_given(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = export(capsys, "--format", "csv", "-o", "README.md")
    assert code == 1
    assert err == "错误：README.md 已经存在，未覆盖。要覆盖它，请加 --force；或换一个文件名。\n"
    assert (repo / "README.md").read_text(encoding="utf-8") == "# 本县政务公开目录\n"
    code, err = export(capsys, "-o", "目录.csv")
    assert code == 0, err
    code, err = export(capsys, "-o", "目录.csv", "--force")
    assert code == 0 and err.startswith("已导出：目录.csv")


@pytest.mark.parametrize(
    ("output", "why"),
    [
        ("catalogue/_site.yaml", "它位于目录文件夹（事项记录）之内（{repo}/catalogue）"),
        ("catalogue/保障性住房/目录.json", "它位于目录文件夹（事项记录）之内（{repo}/catalogue）"),
        ("content/目录.xlsx", "它位于网站内容文件夹（手写页面）之内（{repo}/content）"),
        ("overrides/目录.csv", "它位于主题文件夹之内（{repo}/overrides）"),
        ("generator/目录.csv", "它位于程序文件夹（gkml 的代码）之内（{repo}/generator）"),
        (".git/目录.csv", "它位于仓库的版本数据文件夹（.git）之内（{repo}/.git）"),
    ],
)
@pytest.mark.parametrize("force", [False, True])
def test_nothing_is_written_into_the_repositorys_own_folders(
    repo: Path, capsys: pytest.CaptureFixture[str], output: str, why: str, force: bool
) -> None:
    before = (repo / "catalogue" / "_site.yaml").read_bytes()
    code, err = export(capsys, "--format", "json", "-o", output, *(["--force"] if force else []))
    assert code == 1
    assert err == f"错误：不能写入 {output}：{why.format(repo=repo)}，gkml 不在那里写入文件。请换一个位置。\n"
    assert (repo / "catalogue" / "_site.yaml").read_bytes() == before
    assert not (repo / output).exists() or output == "catalogue/_site.yaml"


def test_a_link_into_the_records_is_followed_to_where_it_writes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "导出.csv").symlink_to("catalogue/_site.yaml")
    code, err = export(capsys, "-o", "导出.csv", "--force")
    assert code == 1 and "它位于目录文件夹（事项记录）之内" in err
    assert (repo / "catalogue" / "_site.yaml").read_text(encoding="utf-8").startswith("单位名称")
