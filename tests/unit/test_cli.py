"""``gkml check``: exit codes, the human and JSON output, ``--strict``; ``gkml`` on the real catalogue."""

from __future__ import annotations

import json

import pytest

from generator import cli
from generator.diagnostics import make
from generator.severity import Severity

from .helpers import CATALOGUE, TREES, read_expected

JSON_KEYS = {"file", "line", "column", "code", "severity", "element", "message", "hint"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    assert captured.err == ""
    return code, captured.out


@pytest.fixture(autouse=True)
def _in_trees(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(TREES)


def test_check_passes_on_a_valid_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", "--catalogue", "golden_site")
    assert code == 0
    assert out == "共 0 个错误、0 个警告、0 个提示。\n检查通过：2 个领域，4 个公开事项。\n"


def test_check_fails_and_lists_every_problem(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", "--catalogue", "two_bad_files")
    assert code == 1
    lines = out.splitlines()
    assert lines[:-1] == read_expected(TREES / "two_bad_files.expected")
    assert lines[-1] == "共 2 个错误、0 个警告、0 个提示。"
    assert "检查通过" not in out


def test_check_reports_a_missing_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", "--catalogue", "no_such_folder")
    assert code == 1
    assert out.startswith("no_such_folder:1:1: 错误[catalogue-missing] 找不到目录文件夹 no_such_folder")


def test_check_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", "--catalogue", "duplicate_id", "--format", "json")
    assert code == 1
    (entry,) = json.loads(out)
    assert set(entry) == JSON_KEYS
    assert entry == {
        "file": "duplicate_id/保障性住房/配给管理/公租房承租资格审核.yaml",
        "line": 1,
        "column": 5,
        "code": "duplicate-id",
        "severity": "error",
        "element": "id",
        "message": "id“bzxzf-gzf-zgsh”与 duplicate_id/保障性住房/配后管理/公租房资格复核.yaml 重复",
        "hint": "每个事项的 id 必须唯一：请给其中一个换一个新 id。",
    }


def test_check_json_is_sorted_and_complete(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", "--catalogue", "meta_invalid", "--format", "json")
    assert code == 1
    entries = json.loads(out)
    assert [(e["file"], e["line"], e["column"]) for e in entries] == sorted(
        (e["file"], e["line"], e["column"]) for e in entries
    )
    assert len(entries) == len(read_expected(TREES / "meta_invalid.expected"))
    for e in entries:
        assert set(e) == JSON_KEYS
        assert isinstance(e["line"], int) and isinstance(e["column"], int)
        assert e["severity"] in {"error", "warning", "info"}


def test_check_json_of_a_clean_catalogue_is_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", "--catalogue", "golden_site", "--format", "json")
    assert code == 0
    assert json.loads(out) == []


@pytest.mark.parametrize("strict", [False, True])
def test_notes_never_fail_the_check(capsys: pytest.CaptureFixture[str], strict: bool) -> None:
    argv = ["check", "--catalogue", "variant_only", *(["--strict"] if strict else [])]
    code, out = run(capsys, *argv)
    assert code == 0
    assert "提示[vocab-variant]" in out
    assert "共 0 个错误、0 个警告、1 个提示。" in out


@pytest.mark.parametrize(("strict", "expected"), [(False, 0), (True, 1)])
def test_warnings_fail_only_with_strict(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, strict: bool, expected: int
) -> None:
    """No rule emits a warning yet (they come with the editors' checks); the CLI must still honour them."""
    real = cli.load_catalogue

    def with_a_warning(folder, **kwargs):
        catalogue, diagnostics = real(folder, **kwargs)
        warning = make("vocab-variant", "golden_site/x.yaml", 3, 5, severity=Severity.WARNING, value="a", normal="b")
        return catalogue, [*diagnostics, warning]

    monkeypatch.setattr(cli, "load_catalogue", with_a_warning)
    argv = ["check", "--catalogue", "golden_site", *(["--strict"] if strict else [])]
    code, out = run(capsys, *argv)
    assert code == expected
    assert "golden_site/x.yaml:3:5: 警告[vocab-variant]" in out
    assert "共 0 个错误、1 个警告、0 个提示。" in out


def test_default_catalogue_folder(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CATALOGUE.parent)
    code, out = run(capsys, "check")
    assert code == 0, out
    assert "检查通过：" in out


def test_the_real_catalogue_passes_strict_check(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", "--catalogue", str(CATALOGUE), "--strict")
    assert code == 0, out
    assert out.splitlines()[-2].startswith("共 0 个错误、0 个警告、")


def test_a_command_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main([])
    assert exc.value.code == 2
    capsys.readouterr()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from generator import __version__

    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out == f"gkml {__version__}\n"
