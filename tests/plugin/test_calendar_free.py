"""Publishing never depends on the calendar: the example in 正式 (identity, address and pages filled
in), checked as of a day long after its last update so that its columns are stale and entries late,
still passes ``gkml check --strict`` and ``gkml build --strict`` (the command both CI files run) with
the dated findings shown; a county that opts in (``severity: {column-stale: error}``) is stopped, and
a failed build names the rule that failed it and why (an error; a warning under ``--strict``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.commands import main as cli

LATER = "2031-06-01"  # years after the example's newest entry: every column is stale
IDENTITY = (
    "状态: 正式\n网站地址: https://www.example.gov.cn/zjj/gkml/\n党政机关标识: images/dzjg.png\n"
    "找错网址: https://zfwzzc.www.gov.cn/\n"
)
#: A 1×1 PNG: the 党政机关标识 image a site in production shows.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000000301"
    "0100c9fe92ef0000000049454e44ae426082"
)


@pytest.fixture
def production(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example made ready for production: what the inspection requires is there."""
    site = project / "catalogue" / "_site.yaml"
    text = re.sub(r"(?m)^网站地址:.*\n", "", site.read_text(encoding="utf-8"))
    site.write_text(text + IDENTITY, encoding="utf-8")
    (project / "content" / "images").mkdir(exist_ok=True)
    (project / "content" / "images" / "dzjg.png").write_bytes(PNG)
    for page in (project / "content").rglob("*.md"):
        page.write_text(re.sub(r"【请填写[^】]*】", "示例", page.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.chdir(project)
    return project


def with_severity(project: Path, setting: str) -> Path:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  - gkml:\n", f"  - gkml:\n      severity: {{{setting}}}\n", 1)
    other = project / "mkdocs-severity.yml"
    other.write_text(text, encoding="utf-8")
    return other


def test_stale_columns_in_production_pass_a_strict_check_and_are_shown(
    production: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["check", "--strict", "--today", LATER])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "警告[column-stale]" in out  # shown, not failing
    assert "检查通过" in out


def test_stale_columns_in_production_pass_a_strict_build(production: Path, capfd: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["build", "--strict", "--today", LATER, "-d", "site"])
    err = capfd.readouterr().err
    assert code == 0, err
    assert "警告[column-stale]" in err  # shown, not failing
    assert (production / "site" / "index.html").is_file()


def test_a_county_that_opts_in_is_stopped_and_told_which_rule(
    production: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    config = with_severity(production, "column-stale: error")
    code = cli.main(["build", "-f", config.name, "--today", LATER, "-d", "site"])
    err = capfd.readouterr().err
    assert code == 1
    lines = err.splitlines()
    start = lines.index("失败的原因（按规则）：")
    assert re.fullmatch(
        r"  规则 column-stale（栏目长期未更新）：\d+ 个错误（县里在 severity 中把它设为 error）", lines[start + 1]
    )
    assert lines[start + 2].startswith("随日期变化的发现（")
    assert "不影响发布，用 gkml report 查看" in lines[start + 2]
    assert not (production / "site").exists()


def test_a_warning_fails_a_strict_build_and_the_reason_says_strict(
    production: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    record = min(p for p in (production / "catalogue").rglob("*.yaml") if not p.name.startswith("_"))
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"(?m)^主体: .*$", "主体: 有关部门", text, count=1), encoding="utf-8")
    code = cli.main(["build", "--strict", "--today", LATER, "-d", "site"])
    err = capfd.readouterr().err
    assert code == 1
    assert "  规则 subject-vague（" in err
    assert "个警告（使用了 --strict：警告也阻止发布）" in err
    code = cli.main(["build", "--today", LATER, "-d", "site"])  # without --strict: published
    assert code == 0, capfd.readouterr().err
