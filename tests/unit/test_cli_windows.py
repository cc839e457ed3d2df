"""What can be tested here of the Windows steps in the README: paths typed with backslashes, and output to a
console or file whose encoding is GBK (cp936) or narrower — never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .helpers import TREES

AS_OF = ("--today", "2024-06-01")


def gkml(*args: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=TREES, env=env, capture_output=True, timeout=120
    )


def test_a_path_with_backslashes_is_the_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.commands.main import main

    monkeypatch.chdir(TREES)
    assert main(["check", "two_bad_files\\保障性住房\\配后管理\\公租房资格复核.yaml", *AS_OF]) == 1
    assert (
        capsys.readouterr()
        .out.splitlines()[0]
        .startswith("two_bad_files/保障性住房/配后管理/公租房资格复核.yaml:5:1: 错误[yaml-tab]")
    )
    assert main(["check", "--catalogue", "two_bad_files\\", *AS_OF]) == 1
    assert capsys.readouterr().out.endswith("共 2 个错误、0 个警告、0 个提示。\n")


@pytest.mark.parametrize("encoding", ["cp936", "gbk", "ascii"])
def test_output_in_a_narrow_encoding_does_not_fail(encoding: str) -> None:
    # golden_site's warnings name the missing standard items with “›”, which GBK does not have
    done = gkml("check", "--catalogue", "golden_site", *AS_OF, encoding=encoding)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stderr == b""
    text = done.stdout.decode(encoding)
    assert "[standard-item-missing]" in text and " ? " in text
    if encoding != "ascii":
        assert "警告[standard-item-missing] 领域“保障性住房”缺少国家标准目录中的" in text
        assert text.rstrip().endswith("检查通过：2 个领域，4 个公开事项。")


def test_errors_of_arguments_in_gbk() -> None:
    done = gkml("check", "--format", "xml", encoding="cp936")
    assert done.returncode == 2
    assert "gkml check：错误：参数 --format：'xml' 不是可选的值" in done.stderr.decode("cp936")
