"""What ``gkml new`` leaves for the editor to write (items and entries) is found by ``gkml check``:
a warning while the site is on trial (试运行), an error in production (正式), each where it stands."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.check.run import check_catalogue
from generator.check.severity import Severity
from generator.commands import main as cli
from generator.commands import new as new_command
from generator.model.placeholders import PLACEHOLDER_MARKERS, find_placeholders

from .helpers import CATALOGUE

TODAY = dt.date(2025, 3, 12)


@pytest.fixture
def catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example catalogue with one new item (no standard row) and one new entry."""
    folder = Path(shutil.copytree(CATALOGUE, tmp_path / "catalogue"))
    import generator.check.freshness as freshness

    monkeypatch.setattr(freshness, "beijing_today", lambda: TODAY)
    if hasattr(new_command, "beijing_today"):
        monkeypatch.setattr(new_command, "beijing_today", lambda: TODAY)
    argv = ["new", "--catalogue", str(folder), "-y"]
    assert cli.main([*argv, "--area", "保障性住房", "--category", "配给管理", "--name", "人才住房配售公告"]) == 0
    assert cli.main([*argv, "--entry", "bzxzf-pjgl-gzfczzgsh"]) == 0
    return folder


def _placeholders(folder: Path, production: bool) -> list[tuple[str, int, str, Severity]]:
    site = folder / "_site.yaml"
    lines = [line for line in site.read_text(encoding="utf-8").splitlines() if not line.startswith("状态:")]
    site.write_text("\n".join([*lines, f"状态: {'正式' if production else '试运行'}", ""]), encoding="utf-8")
    _, diagnostics = check_catalogue(folder, git_dates=False, today=TODAY)
    found = [
        (Path(d.file).name, d.line, d.message, d.severity)
        for d in diagnostics
        if d.code in ("record-placeholder", "entry-placeholder")
    ]
    return sorted(found, key=lambda f: (f[0], f[1]))


def test_every_placeholder_gkml_new_writes_is_a_warning_on_trial(catalogue: Path) -> None:
    item = (catalogue / "保障性住房/配给管理/人才住房配售公告.yaml").read_text(encoding="utf-8")
    (entry_path,) = [
        p for p in (catalogue / "保障性住房/配给管理/2025").glob("*.md") if "【请填写" in p.read_text("utf-8")
    ]
    written = [m[0] for line in item.splitlines() if not line.lstrip().startswith("#") for m in find_placeholders(line)]
    written += [m[0] for m in find_placeholders(entry_path.read_text(encoding="utf-8"))]
    found = _placeholders(catalogue, production=False)
    assert len(found) == len(written)  # each placeholder written is reported once
    assert {f[3] for f in found} == {Severity.WARNING}
    assert [(f[0], f[2]) for f in found] == [
        (entry_path.name, "信息中还有待填写的内容“【请填写标题】”"),
        (entry_path.name, "信息中还有待填写的内容“【请填写正文】”"),
        ("人才住房配售公告.yaml", "还有待填写的内容“【请填写公开内容，例如：申请条件】”"),
        ("人才住房配售公告.yaml", "还有待填写的内容“【请填写可选的公开内容，例如：轮候情况】”"),
        ("人才住房配售公告.yaml", "还有待填写的内容“（请写明具体股室）”"),
        ("人才住房配售公告.yaml", "还有待填写的内容“请填写具体栏目名称”"),
    ]


def test_the_same_placeholders_are_errors_in_production(catalogue: Path) -> None:
    found = _placeholders(catalogue, production=True)
    assert len(found) == 6
    assert {f[3] for f in found} == {Severity.ERROR}


def test_lines_gkml_new_writes_commented_out_are_not_reported(catalogue: Path) -> None:
    item = (catalogue / "保障性住房/配给管理/人才住房配售公告.yaml").read_text(encoding="utf-8")
    commented = [line for line in item.splitlines() if line.lstrip().startswith("#") and "请写明渠道名称" in line]
    assert commented  # the optional 其他 channel, offered as a comment
    assert not any("请写明渠道名称" in f[2] for f in _placeholders(catalogue, production=False))


def test_every_placeholder_holds_a_marker() -> None:
    for text in ("（请写明具体股室）", "请填写具体栏目名称", "《请填写依据文件名称》", "【请填写标题】", "请写明群体"):
        (match,) = find_placeholders(f"前{text}后")
        assert any(marker in match[0] for marker in PLACEHOLDER_MARKERS)
    assert find_placeholders("申请人请填写申请表后提交") == []  # what a guide may well say
