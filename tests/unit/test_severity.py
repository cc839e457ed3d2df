"""A bureau's severities of the rules (the plugin option ``severity``): read as data, applied
to diagnostics, and obeyed by the check (a policy error made a warning lets the site build)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.check.diagnostics import apply_severity, make, parse_severity_overrides
from generator.check.run import check_catalogue, check_files
from generator.check.severity import Severity

from .helpers import TREES

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741
TODAY = dt.date(2024, 6, 1)


def test_settings_are_read_as_data() -> None:
    options = {"subject-vague": "error", "privacy-mobile": "warning", "standard-item-missing": "info"}
    assert parse_severity_overrides(options) == (
        {"privacy-mobile": W, "standard-item-missing": I, "subject-vague": E},
        [],
    )


def test_every_bad_setting_is_explained_in_chinese() -> None:
    options = {"no-such-rule": "error", "wrong-type": "warning", "subject-vague": "fatal", "file-xls": "info"}
    table, problems = parse_severity_overrides(options)
    assert table == {}
    assert problems == [
        "规则“file-xls”是导入表格时的检查，不能改变级别",
        "severity 中不认识的规则“no-such-rule”",
        "规则“subject-vague”的级别“fatal”无效，可用 error、warning、info",
        "规则“wrong-type”是格式错误，不能改变级别",
    ]


def test_id_and_bank_card_numbers_are_always_errors() -> None:
    """A bureau may list its duty mobiles as public, or make mobile numbers a warning; never a citizen's ID or card."""
    table, problems = parse_severity_overrides({"privacy-id-number": "warning", "privacy-bank-card": "info"})
    assert table == {}
    assert problems == [
        "规则“privacy-bank-card”保护公民个人信息，始终是错误，不能改变级别",
        "规则“privacy-id-number”保护公民个人信息，始终是错误，不能改变级别",
    ]


def test_an_override_replaces_the_default_severity_only() -> None:
    vague = make("subject-vague", "a.yaml", 3, 5, value="有关部门")
    on_trial = make("column-stale", "b", severity=I, value="x", days=1, date="2024-01-01", limit=1)
    stale = make("column-stale", "b", value="x", days=1, date="2024-01-01", limit=1)
    overrides = {"subject-vague": E, "column-stale": E}
    applied = apply_severity([vague, on_trial, stale], overrides)
    assert [d.severity for d in applied] == [E, I, E]
    assert applied[0].format().startswith("a.yaml:3:5: 错误[subject-vague]")
    assert apply_severity(applied, overrides) == applied
    assert apply_severity([vague], None) == [vague]


@pytest.fixture
def with_mobile(tmp_path: Path) -> Path:
    """The golden catalogue with a mobile number in one record's 主体 (a policy error)."""
    folder = tmp_path / "catalogue"
    shutil.copytree(TREES / "golden_site", folder)
    record = folder / "保障性住房" / "配给管理" / "公租房配租结果.yaml"
    text = record.read_text(encoding="utf-8").replace("住房保障股\n", "住房保障股（联系人 13812345678）\n")
    record.write_text(text, encoding="utf-8")
    return folder


def test_a_policy_error_made_a_warning_keeps_the_record(with_mobile: Path) -> None:
    catalogue, diagnostics = check_catalogue(with_mobile, git_dates=False, today=TODAY)
    assert catalogue is None and [d.severity for d in diagnostics if d.code == "privacy-mobile"] == [E]
    severity = {"privacy-mobile": W}
    catalogue, diagnostics = check_catalogue(with_mobile, git_dates=False, today=TODAY, severity=severity)
    assert catalogue is not None, [d.format() for d in diagnostics]
    assert "bzxzf-pjgl-pzjg" in {r.id for r in catalogue.records}
    assert [d.severity for d in diagnostics if d.code == "privacy-mobile"] == [W]
    files = [with_mobile / "保障性住房" / "配给管理" / "公租房配租结果.yaml"]
    assert [d.severity for d in check_files(files, severity=severity) if d.code == "privacy-mobile"] == [W]


def test_a_warning_made_an_error_stops_the_catalogue(tmp_path: Path) -> None:
    folder = tmp_path / "catalogue"
    shutil.copytree(TREES / "golden_site", folder)
    catalogue, diagnostics = check_catalogue(folder, git_dates=False, today=TODAY)
    assert catalogue is not None and any(d.code == "standard-item-missing" for d in diagnostics)
    severity = {"standard-item-missing": E}
    catalogue, diagnostics = check_catalogue(folder, git_dates=False, today=TODAY, severity=severity)
    assert catalogue is None
    assert {d.severity for d in diagnostics if d.code == "standard-item-missing"} == {E}
