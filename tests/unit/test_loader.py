"""The strict, line-aware YAML loader: values, positions, encodings and syntax errors."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from generator.load.yamlfile import YamlDocument, decode, parse_yaml, read_yaml

from .helpers import HAN, RECORDS, check_bytes


def parse_ok(text: str) -> YamlDocument:
    doc, diagnostics = parse_yaml(text.encode(), "t.yaml")
    assert diagnostics == []
    assert doc is not None
    return doc


# -- values -------------------------------------------------------------------------------


def test_every_scalar_stays_a_string() -> None:
    doc = parse_ok("a: no\nb: on\nc: 2024-03-05\nd: 20\ne: 1.5\nf: true\ng: 0x1F\nh: '~'\ni: 1_000\n")
    assert doc.data == {
        "a": "no",
        "b": "on",
        "c": "2024-03-05",
        "d": "20",
        "e": "1.5",
        "f": "true",
        "g": "0x1F",
        "h": "~",
        "i": "1_000",
    }


def test_null_is_none_but_quoted_null_is_text() -> None:
    doc = parse_ok("a:\nb: ~\nc: null\nd: 'null'\ne: \"\"\n")
    assert doc.data == {"a": None, "b": None, "c": None, "d": "null", "e": ""}


def test_nested_values() -> None:
    doc = parse_ok("内容:\n  - ●申请条件\n渠道:\n  - ■政府网站:\n      栏目: 配给管理\n层级: [县级, 乡级]\n")
    assert doc.data == {"内容": ["●申请条件"], "渠道": [{"■政府网站": {"栏目": "配给管理"}}], "层级": ["县级", "乡级"]}


def test_keys_are_stripped() -> None:
    assert parse_ok("'名称 ': 公租房\n").data == {"名称": "公租房"}


# -- positions ----------------------------------------------------------------------------


POSITIONED = (
    "id: a-b\n内容:\n  - ●申请条件\n  - 〇轮候情况\n渠道:\n  - ■政府网站:\n      栏目: 配给管理\n层级: [县级, 乡级]\n"
)


def test_positions_of_values_and_keys() -> None:
    doc = parse_ok(POSITIONED)
    assert doc.positions[()] == (1, 1)
    assert doc.positions[("id",)] == (1, 5)
    assert doc.key_positions[("id",)] == (1, 1)
    assert doc.key_positions[("内容",)] == (2, 1)
    assert doc.positions[("内容",)] == (3, 3)
    assert doc.positions[("内容", 1)] == (4, 5)
    assert doc.key_positions[("渠道", 0, "■政府网站")] == (6, 5)
    assert doc.positions[("渠道", 0, "■政府网站", "栏目")] == (7, 11)
    assert doc.positions[("层级", 1)] == (8, 10)


def test_where_falls_back_to_the_nearest_located_parent() -> None:
    doc = parse_ok(POSITIONED)
    assert doc.where(("内容", 7)) == (3, 3)
    assert doc.where(("渠道", 0, "■政府网站", "网址")) == (7, 7)  # the parent mapping's value
    assert doc.where(("无",)) == (1, 1)
    assert doc.where(("内容",), key=True) == (2, 1)


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda t: t.encode(), id="lf"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r").encode(), id="cr"),
        pytest.param(lambda t: codecs.BOM_UTF8 + t.encode(), id="bom"),
        pytest.param(lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode(), id="bom-crlf"),
    ],
)
def test_line_endings_and_bom_do_not_move_positions(transform) -> None:
    doc, diagnostics = parse_yaml(transform(POSITIONED), "t.yaml")
    assert [d.code for d in diagnostics if d.code != "encoding-bom"] == []
    assert doc is not None
    reference = parse_ok(POSITIONED)
    assert doc.data == reference.data
    assert doc.positions == reference.positions
    assert doc.key_positions == reference.key_positions


def test_duplicate_key_in_a_nested_mapping() -> None:
    doc, diagnostics = parse_yaml(
        "渠道:\n  - ■政府网站:\n      栏目: a\n      网址: https://a.cn/\n      栏目: b\n".encode(), "t"
    )
    (d,) = diagnostics
    assert (d.code, d.line, d.column, d.element) == ("duplicate-key", 5, 7, "栏目")
    assert "第 3 行" in d.message
    assert doc is not None and doc.data == {"渠道": [{"■政府网站": {"栏目": "a", "网址": "https://a.cn/"}}]}


def test_alias_as_mapping_value_is_reported_at_its_key() -> None:
    doc, diagnostics = parse_yaml(b"a: &x 1\nb: *x\n", "t")
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("yaml-anchor", 2, 1)]
    assert doc is not None and doc.data == {"a": "1", "b": None}


@pytest.mark.parametrize(
    ("text", "at", "data", "last_at"),
    [
        ("a:\n  - &x 1\n  - *x\n  - 2\n", [(3, 5)], ["1", "2"], (4, 5)),
        ("a: [&x 1, *x, 2]\n", [(1, 11)], ["1", "2"], (1, 15)),
        ("a:\n  - &m {k: v}\n  # *not-this\n  - *m # *nor-this\n  - *m\n", [(4, 5), (5, 5)], [{"k": "v"}], (2, 5)),
    ],
    ids=["block", "flow", "comments"],
)
def test_an_alias_in_a_list_is_reported_where_it_is_written_and_left_out(
    text: str, at: list[tuple[int, int]], data: list[object], last_at: tuple[int, int]
) -> None:
    """Not at the anchor (the composer hands the alias back as the anchored node); the other items
    keep their own positions, so nothing else is blamed on the alias."""
    doc, diagnostics = parse_yaml(text.encode(), "t")
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("yaml-anchor", *p) for p in at]
    assert doc is not None and doc.data == {"a": data}
    assert doc.where(("a", len(data) - 1)) == last_at


def test_complex_key_is_not_a_mapping_entry() -> None:
    _, diagnostics = parse_yaml(b"? [a, b]\n: c\n", "t")
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("not-mapping", 1, 3)]


# -- reading files and decoding -------------------------------------------------------------


def test_read_yaml_shows_the_display_name(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: [")
    _, diagnostics = read_yaml(path, display="catalogue/a.yaml")
    assert [d.file for d in diagnostics] == ["catalogue/a.yaml"]
    _, diagnostics = read_yaml(path)
    assert [d.file for d in diagnostics] == [path.as_posix()]


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_unreadable_file(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "a.yaml"
    if kind == "directory":
        path.mkdir()
    doc, diagnostics = read_yaml(path, display="a.yaml")
    assert doc is None
    assert [(d.code, d.file, d.line, d.column) for d in diagnostics] == [("file-unreadable", "a.yaml", 1, 1)]
    assert diagnostics[0].message.startswith("无法读取文件：")


def test_unreadable_file_reason_is_chinese(tmp_path: Path) -> None:
    _, diagnostics = read_yaml(tmp_path / "a.yaml", display="a.yaml")
    assert not re.search(r"[A-Za-z]{3,}", diagnostics[0].message), diagnostics[0].message


@pytest.mark.parametrize(
    ("raw", "code", "where"),
    [
        pytest.param(codecs.BOM_UTF16_LE + "名称".encode("utf-16-le"), "encoding-utf16", (1, 1), id="utf16-le"),
        pytest.param(codecs.BOM_UTF16_BE + "名称".encode("utf-16-be"), "encoding-utf16", (1, 1), id="utf16-be"),
        pytest.param("名称: 公租房\n".encode("utf-16-le"), "file-binary", (1, 1), id="utf16-no-bom"),
        pytest.param(b"id: a\n\x00", "file-binary", (1, 1), id="nul"),
        pytest.param("id: a\n名称: 二十日\n".encode("gbk"), "encoding-gbk", (2, 1), id="gbk"),
        pytest.param(b"id: a\n" + "名称: 公租房".encode("gb18030"), "encoding-gbk", (2, 1), id="gb18030"),
        pytest.param(b"id: a\nb: \xff\n", "encoding-invalid", (2, 4), id="invalid"),
        pytest.param(b"id: a\nb: \x80\n", "encoding-invalid", (2, 4), id="lone-continuation-byte"),
    ],
)
def test_encodings_refused_with_a_located_reason(raw: bytes, code: str, where: tuple[int, int]) -> None:
    text, diagnostics = decode(raw, "t")
    assert text is None
    assert [(d.code, (d.line, d.column)) for d in diagnostics] == [(code, where)]


def test_utf8_with_bom_decodes_without_the_bom() -> None:
    text, notes = decode(codecs.BOM_UTF8 + "名称".encode(), "t")
    assert text == "名称"
    assert [(d.code, d.severity.value) for d in notes] == [("encoding-bom", "info")]


def test_invalid_utf8_names_the_byte() -> None:
    _, diagnostics = decode(b"id: a\nb: \xff\n", "t")
    assert "第 10 个字节" in diagnostics[0].message


# -- syntax errors: Chinese, and at the line that causes them -------------------------------

_BASE = (RECORDS / "valid_minimal.yaml").read_text(encoding="utf-8")  # 16 lines, LF


def _replace(old: str, new: str) -> str:
    assert old in _BASE
    return _BASE.replace(old, new, 1)


#: Latin words the Chinese messages may contain on purpose.
_ALLOWED_LATIN = {
    "YAML",
    "Tab",
    "UTF",
    "GBK",
    "GB18030",
    "NUL",
    "BOM",
    "http",
    "https",
    "www",
    "example",
    "gov",
    "zwgk",
}


def _english(message: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z][A-Za-z0-9]{2,}", message) if w not in _ALLOWED_LATIN]


CHINESE_SYNTAX_CASES = [
    pytest.param(_replace("  - ●审核结果", "\t- ●审核结果"), id="tab"),
    pytest.param(_replace("主体: ", "主体："), id="fullwidth-colon"),
    pytest.param(_replace("名称: 公租房承租资格审核", '名称: "公租房承租资格审核'), id="unclosed-double-quote"),
    pytest.param(_replace("名称: 公租房承租资格审核", "名称: '公租房承租资格审核"), id="unclosed-single-quote"),
    pytest.param(_replace("名称: 公租房承租资格审核", '名称: "公租房"承租资格审核'), id="text-after-quote"),
    pytest.param(_replace("名称: 公租房承租资格审核", '名称: "公租\\房"'), id="bad-escape"),
    pytest.param(_replace("  - ●审核结果", " - ●审核结果"), id="list-indent"),
    pytest.param(_BASE + "备注: `说明`\n", id="backtick"),
    pytest.param(_BASE + "备注: @所有人\n", id="at-sign"),
    pytest.param(_replace("层级: 县级", "层级:县级"), id="missing-space-last-line"),
]


def _english_case(case_id: str, text: str, reason: str) -> object:
    del reason  # the libyaml wording this case used to leak untranslated
    return pytest.param(text, id=case_id)


_MAPPING_VALUES = "mapping values are not allowed in this context"
ENGLISH_SYNTAX_CASES = [
    _english_case("colon-in-value", _replace("时限: 信息形成", "时限: 自受理之日起: 信息形成"), _MAPPING_VALUES),
    _english_case("indented-key", _replace("主体: ", " 主体: "), _MAPPING_VALUES),
    _english_case(
        "dash-on-key-line",
        _replace("内容:\n  - ●申请条件", "内容: - ●申请条件"),
        "block sequence entries are not allowed in this context",
    ),
    _english_case("unclosed-bracket", _replace("层级: 县级", "层级: [县级"), "did not find expected ',' or ']'"),
    _english_case("unclosed-brace", _BASE + "备注: {附件\n", "did not find expected ',' or '}'"),
    _english_case(
        "star-footnote",
        _BASE + "备注: *注：本事项由窗口受理\n",
        "did not find expected alphabetic or numeric character",
    ),
    _english_case("pipe-separator", _BASE + "备注: | 说明\n", "did not find expected comment or line break"),
    _english_case("exclamation", _BASE + "备注: !重要 说明\n", "did not find expected whitespace or line break"),
    _english_case("question-mark", _BASE + "备注: ? 问题\n", "mapping keys are not allowed in this context"),
]


@pytest.mark.parametrize("text", CHINESE_SYNTAX_CASES + ENGLISH_SYNTAX_CASES)
def test_syntax_messages_are_chinese(text: str) -> None:
    _, diagnostics = check_bytes(text.encode())
    assert diagnostics, "a syntax error must be reported"
    for d in diagnostics:
        assert HAN.search(d.message)
        assert _english(d.message) == [], d.format()


def _located(case_id: str, text: str, line: int) -> object:
    return pytest.param(text, line, id=case_id)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        _located("tab", _replace("  - ●审核结果", "\t- ●审核结果"), 5),
        _located("fullwidth-colon", _replace("主体: ", "主体："), 10),
        _located("fullwidth-space", _replace("  - 〇轮候情况", "\u3000- 〇轮候情况"), 6),
        _located("bad-escape", _replace("名称: 公租房承租资格审核", '名称: "公租\\房"'), 2),
        _located(
            "missing-space",
            _replace("时限: ", "时限:"),
            9,
        ),
        _located(
            "fullwidth-space-after-colon",
            _replace("时限: 信息", "时限:\u3000信息"),
            9,
        ),
        _located(
            "unclosed-quote",
            _replace("名称: 公租房承租资格审核", '名称: "公租房承租资格审核'),
            2,
        ),
        _located(
            "unclosed-bracket",
            _replace("方式: 主动", "方式: [主动"),
            11,
        ),
        _located("key-without-colon-last-line", _BASE + "备注\n", 17),
        _located("key-without-colon-then-blank-lines", _BASE + "备注\n\n\n", 17),
        _located("key-without-colon-mid-file", _replace("主体: ", "主体\n"), 10),
    ],
)
def test_syntax_errors_point_at_the_line_that_causes_them(text: str, line: int) -> None:
    _, diagnostics = check_bytes(text.encode())
    assert [d.line for d in diagnostics] == [line], [d.format() for d in diagnostics]
