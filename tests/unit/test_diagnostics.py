"""Diagnostics and the message table: one format, Chinese text, every code exercised by a fixture."""

from __future__ import annotations

import json
import string

import pytest

from generator.check.diagnostics import Diagnostic, format_human, format_json, has_errors, make
from generator.check.messages import MESSAGES
from generator.check.severity import Severity

from .helpers import HAN, RECORDS, TREES, read_expected

#: Codes whose fixtures cannot be files (an unreadable file, a missing folder), tested in test_loader/test_catalogue.
#: Codes whose cases depend on more than files (the day, the content folder): see test_cli and test_site_rules.
TESTED_WITHOUT_FIXTURE = {
    "file-unreadable",
    "catalogue-missing",
    "standard-item-missing",
    "column-stale",
    "item-overdue",
    "content-placeholder",
    "site-image-missing",
}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_format_with_element_and_hint() -> None:
    d = make("missing-field", "catalogue/a.yaml", 1, 1, element="时限", key="时限", example="20个工作日内")
    assert (
        d.format()
        == "catalogue/a.yaml:1:1: 错误[missing-field] 时限：缺少“时限”（提示：请添加一行“时限: 20个工作日内”。）"
    )


def test_format_without_element_or_hint() -> None:
    d = Diagnostic("a.yaml", 3, 7, "x", Severity.INFO, "", "说明", "")
    assert d.format() == "a.yaml:3:7: 提示[x] 说明"


def test_severity_labels_are_chinese() -> None:
    assert [s.label for s in Severity] == ["错误", "警告", "提示"]


def test_make_defaults_and_overrides() -> None:
    d = make("file-empty", "a.yaml")
    assert (d.line, d.column, d.severity, d.element) == (1, 1, Severity.ERROR, "")
    assert make("file-empty", "a.yaml", severity=Severity.WARNING).severity is Severity.WARNING


def test_to_dict_is_json_ready() -> None:
    d = make("vocab-variant", "a.yaml", 2, 5, element="方式", value="主动公开", normal="主动")
    assert d.to_dict() == {
        "file": "a.yaml",
        "line": 2,
        "column": 5,
        "code": "vocab-variant",
        "severity": "info",
        "element": "方式",
        "message": "“主动公开”已按标准写法理解为“主动”",
        "hint": "建议直接写“主动”。",
    }


def test_has_errors() -> None:
    info = make("vocab-variant", "a", value="a", normal="b")
    assert not has_errors([info])
    assert has_errors([info, make("file-empty", "a")])
    assert not has_errors([])


def test_human_and_json_output_are_sorted_by_place() -> None:
    ds = [
        make("file-empty", "b.yaml"),
        make("order-format", "a.yaml", 9, 5, value="x"),
        make("vocab-variant", "a.yaml", 2, 5, value="a", normal="b"),
        make("bad-id", "a.yaml", 2, 1, value="X"),
    ]
    lines = format_human(ds).splitlines()
    assert [line.split(": ", 1)[0] for line in lines[:-1]] == ["a.yaml:2:1", "a.yaml:2:5", "a.yaml:9:5", "b.yaml:1:1"]
    assert lines[-1] == "共 3 个错误、0 个警告、1 个提示。"
    data = json.loads(format_json(ds))
    assert [(e["file"], e["line"], e["column"]) for e in data] == [
        ("a.yaml", 2, 1),
        ("a.yaml", 2, 5),
        ("a.yaml", 9, 5),
        ("b.yaml", 1, 1),
    ]
    assert "“" in format_json(ds)  # not ASCII-escaped


def test_empty_human_output() -> None:
    assert format_human([]) == "共 0 个错误、0 个警告、0 个提示。"


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_is_chinese_and_fillable(code: str) -> None:
    entry = MESSAGES[code]
    assert HAN.search(entry.message) and HAN.search(entry.hint) and HAN.search(entry.title), code
    names = _placeholders(entry.message) | _placeholders(entry.hint)
    d = make(code, "a.yaml", **{n: "值" for n in names})
    assert "{" not in d.message + d.hint
    assert d.severity is entry.severity


def test_message_titles_are_unique() -> None:
    titles = [m.title for m in MESSAGES.values()]
    assert len(titles) == len(set(titles))


def test_every_code_is_demonstrated_by_a_fixture() -> None:
    """Each diagnostic code appears in at least one .expected file (records or trees)."""
    seen: set[str] = set()
    for path in [*RECORDS.glob("*.expected"), *TREES.glob("*.expected")]:
        for line in read_expected(path):
            seen.add(line.split("[", 1)[1].split("]", 1)[0])
    assert sorted(set(MESSAGES) - seen - TESTED_WITHOUT_FIXTURE) == []
    assert sorted(seen - set(MESSAGES)) == []
