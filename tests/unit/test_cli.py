"""``gkml check``: exit codes, the human and JSON output, ``--strict``; ``gkml`` on the real catalogue."""

from __future__ import annotations

import json

import pytest

from generator.check.diagnostics import make
from generator.commands import main as cli
from generator.load.catalogue import load_catalogue

from .helpers import CATALOGUE, TREES, read_expected

JSON_KEYS = {"file", "line", "column", "code", "severity", "element", "message", "hint"}


#: The fixture trees' records were last updated in the first half of 2024: check them as of then,
#: so that whether a column is stale does not depend on the day the tests run.
AS_OF = ("--today", "2024-06-01")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = cli.main([*argv, *AS_OF] if argv[:1] == ("check",) else list(argv))
    captured = capsys.readouterr()
    assert captured.err == ""
    return code, captured.out


@pytest.fixture(autouse=True)
def _in_trees(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(TREES)


def test_check_passes_on_a_valid_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", "--catalogue", "golden_site", "-f", "partial.mkdocs.yml")
    assert code == 0
    assert out.endswith("共 0 个错误、0 个警告、2 个提示。\n检查通过：2 个领域，4 个公开事项。\n")


def test_missing_standard_items_are_one_warning_per_area(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", "--catalogue", "golden_site")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(
        "golden_site/保障性住房/_meta.yaml:1:1: 警告[standard-item-missing] "
        "领域“保障性住房”缺少国家标准目录中的 19 个事项（共 20 个）：法规政策 › 法律法规、法规政策 › 政策文件、"
    )
    assert "建设管理 › 竣工项目清单（参考）" in lines[0]  # reconstructed rows are marked as such
    assert lines[1].startswith("golden_site/市政服务/_meta.yaml:1:1: 警告[standard-item-missing] 领域“市政服务”缺少")
    assert lines[2] == "共 0 个错误、2 个警告、0 个提示。"


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
    # the errors are in settings files: every record was read, so coverage is checked in the same run
    assert [e["code"] for e in entries if e["code"] != "standard-item-missing"] == [
        line.split("[")[1].split("]")[0] for line in read_expected(TREES / "meta_invalid.expected")
    ]
    assert [e["code"] for e in entries].count("standard-item-missing") == 1
    for e in entries:
        assert set(e) == JSON_KEYS
        assert isinstance(e["line"], int) and isinstance(e["column"], int)
        assert e["severity"] in {"error", "warning", "info"}


def test_check_json_of_a_clean_catalogue_is_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", "--catalogue", "golden_site", "--format", "json", "-f", "partial.mkdocs.yml")
    assert code == 0
    assert {(e["code"], e["severity"]) for e in json.loads(out)} == {("standard-item-missing", "info")}


@pytest.mark.parametrize("strict", [False, True])
def test_notes_never_fail_the_check(capsys: pytest.CaptureFixture[str], strict: bool) -> None:
    argv = ["check", "--catalogue", "variant_only", "-f", "partial.mkdocs.yml", *(["--strict"] if strict else [])]
    code, out = run(capsys, *argv)
    assert code == 0
    assert "提示[vocab-variant]" in out
    assert "共 0 个错误、0 个警告、2 个提示。" in out


@pytest.mark.parametrize(("strict", "expected"), [(False, 0), (True, 1)])
def test_warnings_fail_only_with_strict(capsys: pytest.CaptureFixture[str], strict: bool, expected: int) -> None:
    code, out = run(capsys, "check", "--catalogue", "golden_site", *(["--strict"] if strict else []))
    assert code == expected
    assert "共 0 个错误、2 个警告、0 个提示。" in out


def test_github_format_annotates_the_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", "--catalogue", "two_bad_files", "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == len(read_expected(TREES / "two_bad_files.expected"))
    for line in lines:
        assert line.startswith("::error file=two_bad_files/"), line
        assert ",line=" in line and ",col=" in line and ",title=错误[" in line


def test_github_format_escapes_what_would_end_the_command() -> None:
    from generator.check.diagnostics import format_github

    d = make("vocab-variant", "a,b:c.yaml", 2, 3, element="渠道", value="x%y\nz", normal="n")
    (line,) = format_github([d]).splitlines()
    assert line.startswith("::notice file=a%2Cb%3Ac.yaml,line=2,col=3,title=提示[vocab-variant] 渠道::")
    assert "x%25y%0Az" in line


def test_severity_of_a_rule_can_be_raised(capsys: pytest.CaptureFixture[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins:\n  - gkml:\n      severity:\n        standard-item-missing: error\n", encoding="utf-8")
    code, out = run(capsys, "check", "--catalogue", "golden_site", "-f", str(config))
    assert code == 1
    assert "共 2 个错误、0 个警告、0 个提示。" in out


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("no-such-rule: error", "severity 中不认识的规则“no-such-rule”"),
        ("wrong-type: warning", "规则“wrong-type”是格式错误，不能改变级别"),
        ("subject-vague: fatal", "规则“subject-vague”的级别“fatal”无效，可用 error、warning、info"),
    ],
)
def test_bad_severity_settings_are_explained(tmp_path, setting: str, message: str, capsys) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"plugins:\n  - gkml:\n      severity:\n        {setting}\n", encoding="utf-8")
    assert cli.main(["check", "--catalogue", "golden_site", "-f", str(config)]) == 2
    assert message in capsys.readouterr().err


def test_single_files_are_checked_on_their_own(capsys: pytest.CaptureFixture[str]) -> None:
    from .helpers import RECORDS

    good, bad = RECORDS / "valid_minimal.yaml", RECORDS / "主体_vague.yaml"
    code, out = run(capsys, "check", str(good), str(bad), "--strict")
    assert code == 1
    assert "警告[subject-vague]" in out
    assert out.splitlines()[-1] == "共 0 个错误、1 个警告、0 个提示。"
    code, out = run(capsys, "check", str(good))
    assert code == 0 and out.endswith("检查通过：1 个文件。\n")


def test_default_catalogue_folder(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CATALOGUE.parent)
    code, out = run(capsys, "check")
    assert code == 0, out
    assert "检查通过：" in out


def test_the_real_catalogue_passes_strict_check(capsys: pytest.CaptureFixture[str]) -> None:
    catalogue, _ = load_catalogue(CATALOGUE)
    assert catalogue is not None
    # checked as of its newest date (AS_OF is before its records' and entries' dates: they would be in the future)
    code = cli.main(["check", "--catalogue", str(CATALOGUE), "--strict", "--today", catalogue.newest_change()])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.splitlines()[-2].startswith("共 0 个错误、0 个警告、")  # the example covers the whole standard


def test_gkml_alone_prints_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 0
    assert "\n命令：\n  check " in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from generator import __version__

    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out == f"gkml {__version__}\n"
