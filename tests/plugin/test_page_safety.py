"""What a hand-written page may not publish stops the build before the builder reads the page:
an alias bomb in its front matter (which took MkDocs past 3 GB to a MemoryError), a script, a
file from another site, a person's mobile number."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

#: A "billion laughs": nine levels of nine aliases, 9⁹ strings once expanded (Material prints the title).
BOMB = "\n".join(
    [
        "---",
        'a: &a ["哈","哈","哈","哈","哈","哈","哈","哈","哈"]',
        *(f"{b}: &{b} [{','.join([f'*{a}'] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi", strict=True)),
        "title: *i",
        "---",
        "# 通知",
        "",
    ]
)
MEMORY = 2 * 1024**3  #: the build may not use more than this (bytes of address space)


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def gkml_build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "-d", str(project / "site"), *extra],
        capture_output=True,
        text=True,
        cwd=project,
        timeout=300,
        preexec_fn=_limited,
    )


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_an_alias_bomb_in_a_pages_front_matter_stops_the_build_with_located_errors(project: Path, builder: str) -> None:
    (project / "content" / "notice.md").write_text(BOMB, encoding="utf-8")
    result = gkml_build(project, "--builder", builder)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert "content/notice.md:3:8: 错误[yaml-anchor] 不支持 YAML 锚点和别名（& 和 *）" in result.stderr
    assert not (project / "site" / "notice").exists()


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            '# 统计\n\n<script src="https://tongji.example.com/t.js"></script>\n',
            "content/t.md:3:1: 错误[content-script]",
        ),
        (
            '# 视频\n\n<iframe src="https://video.example.com/embed/1"></iframe>\n',
            "content/t.md:3:14: 错误[content-external-resource]",
        ),
        ("# 值班\n\n值班手机：13812345678\n", "content/t.md:3:6: 错误[privacy-mobile]"),
    ],
)
def test_a_page_that_would_run_load_or_expose_something_stops_the_build(
    project: Path, page: str, expected: str
) -> None:
    (project / "content" / "t.md").write_text(page, encoding="utf-8")
    result = gkml_build(project)
    assert result.returncode == 1
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert not (project / "site" / "t").exists()


def test_a_duty_mobile_the_bureau_lists_as_public_is_published(project: Path) -> None:
    (project / "content" / "t.md").write_text("# 值班\n\n值班手机：13812345678\n", encoding="utf-8")
    site_file = project / "catalogue" / "_site.yaml"
    site_file.write_text(site_file.read_text(encoding="utf-8") + "公开电话: [13812345678]\n", encoding="utf-8")
    result = gkml_build(project)
    assert result.returncode == 0, result.stderr
    assert "值班手机：13812345678" in (project / "site" / "t" / "index.html").read_text(encoding="utf-8")
