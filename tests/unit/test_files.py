"""The one gate for the files gkml reads (generator/load/files.py): nothing from outside the
repository through a link, a located message for a dangling link, a special file or a file
over its limit, and the limits a county may raise in mkdocs.yml."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from generator.commands import main as cli
from generator.load.files import FileGate
from generator.load.yamlfile import read_yaml
from generator.model.limits import DEFAULT_LIMITS, MIB, Limits, format_limit, limit_keys, parse_limits

from .helpers import ROOT, TREES, formatted

SECRET = "TOKEN=ghp_不应出现在任何提示中"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository folder with a file beside it (outside) holding a secret."""
    (tmp_path / "repo").mkdir()
    (tmp_path / "secret.yaml").write_text(f"名称: {SECRET}\n", encoding="utf-8")
    return tmp_path / "repo"


def test_a_link_to_a_file_outside_the_repository_is_not_read(repo: Path) -> None:
    os.symlink("../secret.yaml", repo / "a.yaml")
    doc, problems = read_yaml(repo / "a.yaml", "catalogue/a.yaml", gate=FileGate.within(repo))
    assert doc is None
    assert formatted(problems) == [
        "catalogue/a.yaml:1:1: 错误[file-outside] 这是一个链接，指向仓库以外的“../secret.yaml”，"
        "gkml 不读取也不发布仓库以外的文件（提示：请把文件本身复制到仓库中（不要用链接），或删除这个链接。）"
    ]
    assert "TOKEN" not in str(problems)


def test_a_link_to_an_absolute_path_outside_is_refused_before_anything_is_read(repo: Path) -> None:
    os.symlink("/proc/self/environ", repo / "environ.md")
    assert [d.code for d in FileGate.within(repo).problems(repo / "environ.md", "content/environ.md")] == [
        "file-outside"
    ]


def test_a_link_inside_the_repository_is_read(repo: Path) -> None:
    (repo / "real.yaml").write_text("名称: 甲\n", encoding="utf-8")
    os.symlink("real.yaml", repo / "alias.yaml")
    doc, problems = read_yaml(repo / "alias.yaml", "alias.yaml", gate=FileGate.within(repo))
    assert doc is not None and doc.data == {"名称": "甲"} and problems == []


def test_a_file_in_a_linked_folder_outside_the_repository_is_not_read(repo: Path) -> None:
    (repo.parent / "elsewhere").mkdir()
    (repo.parent / "elsewhere" / "b.yaml").write_text("名称: 乙\n", encoding="utf-8")
    os.symlink("../elsewhere", repo / "column")
    doc, problems = read_yaml(repo / "column" / "b.yaml", "column/b.yaml", gate=FileGate.within(repo))
    assert doc is None and [d.code for d in problems] == ["file-outside"]


def test_a_dangling_link_is_a_located_message(repo: Path) -> None:
    os.symlink("gone.yaml", repo / "a.yaml")
    _, problems = read_yaml(repo / "a.yaml", "catalogue/a.yaml", gate=FileGate.within(repo))
    assert formatted(problems) == [
        "catalogue/a.yaml:1:1: 错误[file-link-broken] 这是一个链接，但它指向的“gone.yaml”不存在"
        "（提示：请改正或删除这个链接（文件是否已改名、移动或删除？）。）"
    ]


def test_an_oversize_record_is_refused_quickly_with_its_size_the_limit_and_how_to_raise_it(repo: Path) -> None:
    big = repo / "big.yaml"
    with big.open("wb") as f:
        f.write(b"\xe5\x90\x8d\xe7\xa7\xb0: ")
        f.truncate(50 * MIB)
    start = time.monotonic()
    doc, problems = read_yaml(big, "catalogue/big.yaml", gate=FileGate.within(repo))
    assert time.monotonic() - start < 1
    assert doc is None
    assert formatted(problems) == [
        "catalogue/big.yaml:1:1: 错误[file-too-large] 文件有 50 MiB（52,428,800 字节），超过了 1 MiB 的上限，未读取"
        "（提示：请检查是否误把其他内容粘贴或保存进了这个文件；确实需要更大的文件时，"
        "可在 mkdocs.yml 中 gkml 插件的 limits 设置下调大 text_file_bytes，例如“text_file_bytes: 51 MiB”"
        "（见 README 的“限制”）。）"
    ]


def test_gkml_check_refuses_a_50_mb_record_quickly_unless_mkdocs_yml_raises_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(TREES / "content_valid" / "catalogue", tmp_path / "catalogue")
    big = tmp_path / "catalogue" / "保障性住房" / "配给管理" / "大文件.yaml"
    with big.open("wb") as f:
        f.write("名称: 大文件\n".encode())
        f.truncate(50 * MIB)
    monkeypatch.chdir(tmp_path)
    start = time.monotonic()
    assert cli.main(["check", "--today", "2024-06-01"]) == 1
    assert time.monotonic() - start < 5
    out = capsys.readouterr().out
    assert "catalogue/保障性住房/配给管理/大文件.yaml:1:1: 错误[file-too-large] 文件有 50 MiB（52,428,800 字节）" in out
    (tmp_path / "mkdocs.yml").write_text(
        "plugins:\n  - gkml:\n      limits:\n        text_file_bytes: 64 MiB\n", encoding="utf-8"
    )
    assert cli.main(["check", "--today", "2024-06-01"]) == 1
    out = capsys.readouterr().out
    assert "file-too-large" not in out
    assert "大文件.yaml:1:1: 错误[file-binary]" in out  # read now: its NUL bytes are what is wrong


def test_gkml_import_reads_the_limits_set_in_mkdocs_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "表格.csv").write_text("序号,公开事项\n" + "1,法律法规\n" * 300, encoding="utf-8")  # 4.4 KiB
    (tmp_path / "mkdocs.yml").write_text(
        "plugins:\n  - gkml:\n      limits:\n        import_file_bytes: 2 KiB\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert cli.main(["import", "表格.csv", "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "表格.csv: 错误[file-too-large] 文件有 4.4 KiB（4,520 字节），超过了 2 KiB 的上限，未读取" in out
    assert "调大 import_file_bytes，例如“import_file_bytes: 5 KiB”" in out


def test_a_raised_limit_lets_the_file_be_read(repo: Path) -> None:
    (repo / "a.yaml").write_text("名称: " + "长" * 400_000 + "\n", encoding="utf-8")  # 1.2 MB
    assert [d.code for d in read_yaml(repo / "a.yaml", gate=FileGate.within(repo))[1]] == ["file-too-large"]
    gate = FileGate.within(repo, limits=Limits(text_file_bytes=2 * MIB))
    doc, problems = read_yaml(repo / "a.yaml", gate=gate)
    assert doc is not None and problems == []


def test_a_special_file_is_not_read(repo: Path) -> None:
    os.mkfifo(repo / "a.yaml")  # reading a pipe would wait forever
    _, problems = read_yaml(repo / "a.yaml", "a.yaml", gate=FileGate.within(repo))
    assert [d.message for d in problems] == ["无法读取文件：这不是普通文件（可能是设备、管道或套接字）"]


def test_a_folder_given_outside_the_project_is_read_a_linked_one_inside_is_not(tmp_path: Path) -> None:
    project, given = tmp_path / "project", tmp_path / "given"
    for folder in (project, given):
        folder.mkdir()
        (folder / "a.yaml").write_text("名称: 甲\n", encoding="utf-8")
    os.symlink("../given", project / "linked")
    gate = FileGate.within(project, given)
    assert gate.problems(given / "a.yaml", "given/a.yaml") == []
    assert FileGate.within(project, project / "linked").problems(project / "linked" / "a.yaml", "x") != []


def test_a_gate_without_folders_reads_a_file_named_on_the_command_line_anywhere(repo: Path) -> None:
    doc, problems = read_yaml(repo.parent / "secret.yaml")
    assert doc is not None and problems == []


def test_walking_a_folder_lists_what_may_be_read_and_reports_each_link_out_once(repo: Path) -> None:
    (repo / "pages").mkdir()
    (repo / "pages" / "a.md").write_text("# 甲\n", encoding="utf-8")
    (repo.parent / "elsewhere").mkdir()
    for name in ("b.md", "c.png"):
        (repo.parent / "elsewhere" / name).write_text("乙", encoding="utf-8")
    os.symlink("../elsewhere", repo / "linked-out")
    os.symlink("pages", repo / "linked-in")
    os.symlink("..", repo / "pages" / "loop")  # a cycle is walked once
    os.symlink("missing.png", repo / "broken.png")
    os.symlink("/etc/passwd", repo / "passwd.md")
    files, problems = FileGate.within(repo).files(repo, "content")
    assert files == ["linked-in/a.md", "pages/a.md"]
    assert [(d.file, d.code) for d in problems] == [
        ("content/broken.png", "file-link-broken"),
        ("content/linked-out", "file-outside"),
        ("content/passwd.md", "file-outside"),
    ]


def test_the_readme_lists_every_limit_with_its_default() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### 限制", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `(\w+)` \| ([^|]+?) \|", section, flags=re.M))
    assert rows == {key: format_limit(key, getattr(DEFAULT_LIMITS, key)) for key in limit_keys()}


def test_limits_are_read_with_units_and_wrong_settings_are_explained() -> None:
    limits, problems = parse_limits({"text_file_bytes": "2 MiB", "import_rows": 50000, "import_file_bytes": "512KB"})
    assert (limits.text_file_bytes, limits.import_rows, limits.import_file_bytes) == (2 * MIB, 50000, 512 * 1024)
    assert problems == []
    limits, problems = parse_limits({"text_file_byte": 1, "import_rows": "10 MiB", "cell_chars": 0})
    assert limits == DEFAULT_LIMITS
    assert problems == [
        "limits 中“cell_chars”的值“0”无效，应为一个正整数，例如“32767”",
        "limits 中“import_rows”的值“10 MiB”无效，应为一个正整数，例如“20000”",
        "limits 中不认识的设置“text_file_byte”（可用的设置：text_file_bytes、import_file_bytes、"
        "import_unpacked_bytes、import_rows、import_columns、cell_chars、attachment_bytes）",
    ]
