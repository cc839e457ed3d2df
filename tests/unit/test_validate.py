"""Record validation beyond the fixture files: links, vocabularies, suggestions, schema examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check.record import is_link_url, suggest_key, type_name
from generator.check.severity import Severity
from generator.load.catalogue import load_catalogue
from generator.model import vocab
from generator.model.naming import ID_PATTERN
from generator.model.records import KEY_ALIASES, META_FIELDS, RECORD_FIELDS, SITE_FIELDS

from .helpers import check_bytes, formatted, write_tree

WEBSITE = "  - ■政府网站: 政府信息公开 > 保障性住房 > 配给管理\n"
BASIS = "  - 《公共租赁住房管理办法》（住房和城乡建设部令第11号）\n"


def variant(base: str, old: str, new: str) -> bytes:
    assert old in base
    return base.replace(old, new, 1).encode()


# -- links -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://zjj.example.gov.cn/zfxxgk/", True),
        ("http://www.example.gov.cn/", True),
        ("/zfxxgk/bzxzf/", True),
        ("/", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("//evil.example.com/", False),
        ("ftp://www.example.gov.cn/a.pdf", False),
        ("mailto:zjj@example.gov.cn", False),
        ("www.example.gov.cn", False),
        ("zfxxgk/bzxzf/", False),
        ("", False),
    ],
)
def test_is_link_url(url: str, ok: bool) -> None:
    assert is_link_url(url) is ok


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "//evil.example.com/", "vbscript:x"])
def test_validator_rejects_unsafe_urls_in_channels_and_basis(valid_minimal: str, url: str) -> None:
    channel = f"  - ■政府网站:\n      栏目: 政府信息公开\n      网址: '{url}'\n"
    basis = f"  - 标题: 《公共租赁住房管理办法》\n    网址: '{url}'\n"
    for raw in (variant(valid_minimal, WEBSITE, channel), variant(valid_minimal, BASIS, basis)):
        record, diagnostics = check_bytes(raw)
        assert record is None
        assert [d.code for d in diagnostics] == ["url-scheme"]
        assert url in diagnostics[0].message


# -- small helpers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "name"), [(None, "空值"), ("", "空值"), ([], "列表"), (["a"], "列表"), ({}, "键值对"), ("a", "文字")]
)
def test_type_name(value: object, name: str) -> None:
    assert type_name(value) == name


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [
        ("公开时间", "时限"),
        ("公开内容", "内容"),
        ("公开渠道和载体", "渠道"),
        ("责任单位", "主体"),
        ("编号", "id"),
        ("备往", "备注"),
        ("更新时间", "更新日期"),
    ],
)
def test_suggest_key(key: str, suggestion: str) -> None:
    assert suggest_key(key, {f.key for f in RECORD_FIELDS}) == f"，是不是要写“{suggestion}”？"


def test_suggest_key_stays_silent_when_nothing_is_close() -> None:
    assert suggest_key("联系人", {f.key for f in RECORD_FIELDS}) == ""


def test_key_aliases_point_at_real_keys() -> None:
    keys = {f.key for f in RECORD_FIELDS}
    assert set(KEY_ALIASES.values()) <= keys
    assert not set(KEY_ALIASES) & keys


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("bzxzf-gzf-zgsh", True),
        ("a", True),
        ("a1-2b", True),
        ("1abc", False),
        ("-abc", False),
        ("abc-", False),
        ("ab--c", False),
        ("Abc", False),
        ("ab_c", False),
        ("公租房", False),
    ],
)
def test_id_pattern(value: str, ok: bool) -> None:
    assert bool(ID_PATTERN.match(value)) is ok


# -- vocabularies ------------------------------------------------------------------------------


def test_vocabularies_are_consistent() -> None:
    assert len(vocab.CHANNELS) == 13 == len(set(vocab.CHANNELS))
    for variants, allowed in (
        (vocab.CHANNEL_VARIANTS, vocab.CHANNELS),
        (vocab.METHOD_VARIANTS, vocab.METHODS),
        (vocab.AUDIENCE_VARIANTS, vocab.AUDIENCES),
        (vocab.LEVEL_VARIANTS, vocab.LEVELS),
    ):
        assert set(variants.values()) <= set(allowed)
        assert not set(variants) & set(allowed)


@pytest.mark.parametrize(
    ("value", "normal"),
    [("县级", "县级"), (" 县级\u3000", "县级"), ("县\u3000级", "县级"), ("乡镇", "乡级"), ("省级", None)],
)
def test_normalise(value: str, normal: str | None) -> None:
    assert vocab.normalise(value, vocab.LEVELS, vocab.LEVEL_VARIANTS) == normal


@pytest.mark.parametrize("channel", vocab.CHANNELS)
def test_every_standard_channel_is_accepted(valid_minimal: str, channel: str) -> None:
    text = valid_minimal.replace("  - □两微一端\n", "")
    record, diagnostics = check_bytes(variant(text, WEBSITE, f"  - ■{channel}: 说明\n"))
    assert formatted(diagnostics) == []
    assert record is not None
    assert [c.name for c in record.channels] == [channel]


def test_channels_come_out_in_the_standard_order(valid_minimal: str) -> None:
    raw = variant(valid_minimal, WEBSITE, "  - □其他: 窗口\n  - ■政府网站: 栏目\n  - □精准推送\n")
    record, diagnostics = check_bytes(raw)
    assert diagnostics == []
    assert [c.name for c in record.channels] == ["政府网站", "两微一端", "精准推送", "其他"]


def test_methods_and_levels_are_deduplicated_in_standard_order(valid_minimal: str) -> None:
    raw = variant(valid_minimal, "方式: 主动", "方式: [依申请, 主动公开, 主动]")
    raw = raw.replace("层级: 县级".encode(), "层级: [乡级, 市级, 县级, 乡级]".encode())
    record, diagnostics = check_bytes(raw)
    assert [d.code for d in diagnostics] == ["vocab-variant"]
    assert record.methods == ("主动", "依申请")
    assert record.levels == ("市级", "县级", "乡级")


def test_audience_with_ascii_brackets(valid_minimal: str) -> None:
    record, diagnostics = check_bytes(variant(valid_minimal, "对象: 全社会", "对象: 特定群体(被征收人)"))
    assert diagnostics == []
    assert record.audiences[0].text == "特定群体（被征收人）"


def test_basis_with_ascii_brackets_and_without_doc_number(valid_minimal: str) -> None:
    raw = variant(
        valid_minimal, BASIS, "  - 《公共租赁住房管理办法》(住房和城乡建设部令第11号)\n  - 《示例县实施细则》\n"
    )
    record, diagnostics = check_bytes(raw)
    assert diagnostics == []
    assert [(b.title, b.doc_no) for b in record.basis] == [
        ("《公共租赁住房管理办法》", "住房和城乡建设部令第11号"),
        ("《示例县实施细则》", ""),
    ]


# -- the schema's own examples must pass the validator ----------------------------------------


def test_record_made_of_the_schema_examples_is_valid() -> None:
    text = "".join(f"{f.key}: {f.example}\n" for f in RECORD_FIELDS)
    record, diagnostics = check_bytes(text.encode())
    assert formatted(diagnostics) == []
    assert record is not None


def _without_key(text: str, key: str) -> list[str]:
    """The lines of an item file without ``key`` and the indented lines of its value."""
    kept: list[str] = []
    skipping = False
    for line in text.splitlines():
        if line.startswith(f"{key}:"):
            skipping = True
        elif not (skipping and line.startswith(" ")):
            skipping = False
            kept.append(line)
    return kept


@pytest.mark.parametrize("spec", [f for f in RECORD_FIELDS if f.key != "渠道"], ids=lambda f: f.attr)
def test_each_other_record_example_is_valid(valid_minimal: str, spec) -> None:
    text = "\n".join([*_without_key(valid_minimal, spec.key), f"{spec.key}: {spec.example}"]) + "\n"
    record, diagnostics = check_bytes(text.encode())
    assert formatted(diagnostics) == []
    assert record is not None


def test_site_and_meta_examples_are_valid(tmp_path: Path, valid_minimal: str) -> None:
    write_tree(
        tmp_path,
        {
            "_site.yaml": "".join(f"{f.key}: '{f.example}'\n" for f in SITE_FIELDS),
            "保障性住房/_meta.yaml": "".join(f"{f.key}: '{f.example}'\n" for f in META_FIELDS),
            "保障性住房/配给管理/a.yaml": valid_minimal,
        },
    )
    catalogue, diagnostics = load_catalogue(tmp_path, git_dates=False)
    assert formatted(diagnostics) == []
    assert catalogue is not None


# -- known gaps: values that are silently mangled or accepted ---------------------------------


def _errors_on_line(raw: bytes, line: int) -> list[str]:
    _, diagnostics = check_bytes(raw)
    return [d.format() for d in diagnostics if d.line == line and d.severity is Severity.ERROR]


def test_doc_number_must_be_text(valid_minimal: str) -> None:
    raw = variant(valid_minimal, BASIS, "  - 标题: 《公共租赁住房管理办法》\n    文号: [住房和城乡建设部令, 第11号]\n")
    assert _errors_on_line(raw, 9)


@pytest.mark.parametrize("value", ["[政府信息公开, 配给管理]", "{政府信息公开: 配给管理}"])
def test_channel_column_must_be_text(valid_minimal: str, value: str) -> None:
    raw = variant(valid_minimal, WEBSITE, f"  - ■政府网站:\n      栏目: {value}\n")
    assert _errors_on_line(raw, 14)


def test_basis_mapping_without_title_names_the_title(valid_minimal: str) -> None:
    raw = variant(valid_minimal, BASIS, "  - 文号: 住房和城乡建设部令第11号\n")
    _, diagnostics = check_bytes(raw)
    assert diagnostics and all("标题" in d.message for d in diagnostics), formatted(diagnostics)


def test_content_mark_without_text_is_not_called_a_missing_mark(valid_minimal: str) -> None:
    _, diagnostics = check_bytes(variant(valid_minimal, "  - ●审核结果", "  - ●"))
    assert diagnostics
    assert all("缺少“●”或“〇”标记" not in d.message for d in diagnostics), formatted(diagnostics)


def test_channel_mark_without_name_is_not_called_a_missing_mark(valid_minimal: str) -> None:
    _, diagnostics = check_bytes(variant(valid_minimal, "  - □两微一端", "  - □"))
    assert diagnostics
    assert all("缺少“■”或“□”标记" not in d.message for d in diagnostics), formatted(diagnostics)


def test_other_channel_needs_a_name(valid_minimal: str) -> None:
    _, diagnostics = check_bytes(variant(valid_minimal, "  - □两微一端", "  - □其他"))
    assert [d for d in diagnostics if d.line == 14], "no diagnostic for an unnamed 其他 channel"


def test_website_channel_needs_a_column(valid_minimal: str) -> None:
    _, diagnostics = check_bytes(variant(valid_minimal, WEBSITE, "  - ■政府网站\n"))
    assert [d for d in diagnostics if d.line == 13], "no diagnostic for 政府网站 without 栏目"


def test_group_written_after_the_whole_public_is_not_dropped_silently(valid_minimal: str) -> None:
    record, diagnostics = check_bytes(variant(valid_minimal, "对象: 全社会", "对象: 全社会（申请人）"))
    assert diagnostics or "申请人" in record.audiences[0].text
