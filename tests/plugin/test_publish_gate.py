"""What a build publishes from content/ and the theme folder goes through the same gate as what
gkml reads (generator/load/files.py): a link leading out of the repository (to a CI job's
environment, the system's accounts, a secret beside the repository) or nowhere stops the
build with a located Chinese message, under MkDocs (gkml build and mkdocs build) and Zensical;
a page over the size limit too, unless the county raised the limit in mkdocs.yml."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.commands import main as cli

SECRET = "DEPLOY_TOKEN=ghp_0123456789abcdef"
OUTSIDE = (
    "这是一个链接，指向仓库以外的“{target}”，gkml 不读取也不发布仓库以外的文件"
    "（提示：请把文件本身复制到仓库中（不要用链接），或删除这个链接。）"
)


@pytest.fixture
def repo(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example project (tests/plugin/conftest.py), the current folder, with a secret beside it."""
    (tmp_path / "secret.md").write_text(f"# 部署\n\n{SECRET}\n", encoding="utf-8")
    monkeypatch.chdir(project)
    return project


def outside(file: str, target: str) -> str:
    return f"{file}:1:1: 错误[file-outside] " + OUTSIDE.format(target=target)


def gkml_build(capfd: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(["build", *args])
    return code, capfd.readouterr().err


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_content_links_leading_out_stop_the_build_and_nothing_is_published(
    repo: Path, capfd: pytest.CaptureFixture[str], builder: str
) -> None:
    os.symlink("/proc/self/environ", repo / "content" / "环境变量.txt")
    os.symlink("../../../secret.md", repo / "content" / "guide" / "部署.md")
    os.symlink("没有这个文件.png", repo / "content" / "旧标识.png")
    code, err = gkml_build(capfd, "--builder", builder, "-d", "site")
    assert code == 1
    assert outside("content/环境变量.txt", "/proc/self/environ") in err
    assert outside("content/guide/部署.md", "../../../secret.md") in err
    assert (
        "content/旧标识.png:1:1: 错误[file-link-broken] 这是一个链接，但它指向的“没有这个文件.png”不存在"
        "（提示：请改正或删除这个链接（文件是否已改名、移动或删除？）。）"
    ) in err
    assert "DEPLOY_TOKEN" not in err and "Traceback" not in err
    assert not (repo / "site").exists()


def test_mkdocs_build_itself_stops_at_a_content_link_leading_out(repo: Path) -> None:
    os.symlink("../../secret.md", repo / "content" / "部署.md")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", "site"], capture_output=True, text=True, cwd=repo
    )
    assert result.returncode == 1
    assert outside("content/部署.md", "../../secret.md") in result.stderr
    assert "DEPLOY_TOKEN" not in result.stderr
    assert not list((repo / "site").rglob("部署*"))


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_a_theme_file_leading_out_stops_the_build(repo: Path, capfd: pytest.CaptureFixture[str], builder: str) -> None:
    """The theme folder (overrides/) is published too (its assets) and read as templates."""
    os.symlink("/etc/passwd", repo / "overrides" / "accounts.css")
    code, err = gkml_build(capfd, "--builder", builder, "-d", "site")
    assert code == 1
    assert outside("overrides/accounts.css", "/etc/passwd") in err
    assert not (repo / "site").exists()


def test_a_link_inside_the_repository_is_published(repo: Path, capfd: pytest.CaptureFixture[str]) -> None:
    os.symlink("guide/new-item.md", repo / "content" / "新增事项.md")
    code, err = gkml_build(capfd, "-d", "site")
    assert code == 0, err
    assert "新增事项" in (repo / "site" / "新增事项" / "index.html").read_text(encoding="utf-8")


def _big_page(repo: Path) -> None:
    head = "# 大页面\n\n".encode()
    (repo / "content" / "大页面.md").write_bytes(head + b"x" * (3 * 1024 * 1024 + 1 - len(head)))


def test_a_page_over_the_limit_stops_the_build_and_the_county_may_raise_it(
    repo: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    _big_page(repo)
    code, err = gkml_build(capfd, "-d", "site")
    assert code == 1
    assert (
        "content/大页面.md:1:1: 错误[file-too-large] 文件有 3 MiB（3,145,729 字节），超过了 1 MiB 的上限，未读取"
        "（提示：请检查是否误把其他内容粘贴或保存进了这个文件；确实需要更大的文件时，可在 mkdocs.yml 中 gkml 插件的"
        " limits 设置下调大 text_file_bytes，例如“text_file_bytes: 4 MiB”（见 README 的“限制”）。）\n"
    ) in err
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "      catalogue: catalogue\n",
            "      catalogue: catalogue\n      limits:\n        text_file_bytes: 4 MiB\n",
        ),
        encoding="utf-8",
    )
    code, err = gkml_build(capfd, "-d", "site")
    assert code == 0, err
    assert (repo / "site" / "大页面" / "index.html").is_file()


@pytest.mark.parametrize(
    ("limits", "problem"),
    [
        ("{text_file: 2 MiB}", "limits 中不认识的设置“text_file”（可用的设置：text_file_bytes、"),
        ("{text_file_bytes: 很大}", "limits 中“text_file_bytes”的值“很大”无效，应为一个大小，例如“1 MiB”"),
        ("4 MiB", "gkml 插件的 limits 设置应为“名称: 值”的列表"),
    ],
)
def test_wrong_limits_are_explained_by_build_and_check(
    repo: Path, capfd: pytest.CaptureFixture[str], limits: str, problem: str
) -> None:
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("      catalogue: catalogue\n", f"      catalogue: catalogue\n      limits: {limits}\n"),
        encoding="utf-8",
    )
    code, err = gkml_build(capfd, "-d", "site")
    assert code == 1 and problem in err and "Traceback" not in err
    assert cli.main(["check"]) == 2
    err = capfd.readouterr().err
    assert err.startswith("mkdocs.yml 中gkml 插件的 limits 设置") and problem in err
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", "site"], capture_output=True, text=True)
    assert result.returncode == 1 and problem in result.stderr
