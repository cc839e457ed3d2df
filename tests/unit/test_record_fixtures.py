"""Fixture records (``tests/fixtures/records/*.yaml``) against their exact expected diagnostics.

Each ``<element>_<problem>.yaml`` is paired with ``<element>_<problem>.expected``: one
line per diagnostic, in the human format of :meth:`Diagnostic.format` with the file
shown as the fixture's name, sorted by line, column and code. Add a case by adding
the two files; nothing in this module needs to change.
"""

from __future__ import annotations

import codecs

import pytest

from generator.check.diagnostics import has_errors
from generator.check.record import validate_record
from generator.check.severity import Severity
from generator.load.yamlfile import read_yaml
from generator.model.records import Audience, Basis, Channel, ContentElement, Record

from .helpers import HAN, RECORDS, check_file, formatted, read_expected

#: Fixtures whose expectation states the correct behaviour the product does not have yet.
KNOWN_BUGS: dict[str, str] = {}

FIXTURE_NAMES = sorted(p.name for p in RECORDS.glob("*.yaml"))
EXPECTATION_NAMES = sorted(p.name for p in RECORDS.glob("*.expected"))


def _param(name: str) -> object:
    if name in KNOWN_BUGS:
        return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[name]))
    return name


def test_there_are_fixtures() -> None:
    assert len(FIXTURE_NAMES) >= 40


def test_every_fixture_has_an_expectation() -> None:
    missing = [n for n in FIXTURE_NAMES if not (RECORDS / n).with_suffix(".expected").exists()]
    assert missing == []


def test_every_expectation_has_a_fixture() -> None:
    orphans = [n for n in EXPECTATION_NAMES if not (RECORDS / n).with_suffix(".yaml").exists()]
    assert orphans == []


def test_known_bugs_name_existing_fixtures() -> None:
    assert sorted(set(KNOWN_BUGS) - set(FIXTURE_NAMES)) == []


def test_nothing_but_fixtures_and_expectations() -> None:
    others = sorted(p.name for p in RECORDS.iterdir() if p.suffix not in (".yaml", ".expected"))
    assert others == []


@pytest.mark.parametrize("name", [_param(n) for n in FIXTURE_NAMES])
def test_fixture_diagnostics(name: str) -> None:
    path = RECORDS / name
    _, diagnostics = check_file(path)
    assert formatted(diagnostics) == read_expected(path.with_suffix(".expected"))


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_invariants(name: str) -> None:
    """Whatever the input: located, Chinese diagnostics, and a record exactly when no error."""
    record, diagnostics = check_file(RECORDS / name)
    for d in diagnostics:
        assert d.file == name
        assert d.line >= 1 and d.column >= 1
        assert HAN.search(d.message), d.format()
        assert d.hint and HAN.search(d.hint), d.format()
    if not has_errors(diagnostics):
        assert isinstance(record, Record)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_validator_gives_a_record_exactly_when_it_found_no_error(name: str) -> None:
    # The loader's own errors (duplicate key, alias) are the caller's to weigh: the catalogue
    # loader refuses the whole catalogue when any diagnostic is an error.
    doc, _ = read_yaml(RECORDS / name, display=name)
    if doc is None:
        return
    record, diagnostics = validate_record(doc)
    assert (record is None) == has_errors(diagnostics)


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("encoding_bom.yaml", lambda raw: raw.startswith(codecs.BOM_UTF8) and b"\r" not in raw),
        ("encoding_bom_crlf.yaml", lambda raw: raw.startswith(codecs.BOM_UTF8) and raw.count(b"\r\n") >= 16),
        ("yaml_crlf.yaml", lambda raw: raw.count(b"\r\n") == raw.count(b"\n") >= 16),
        ("valid_minimal.yaml", lambda raw: b"\r" not in raw),
        ("encoding_utf16.yaml", lambda raw: raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))),
        ("file_binary_nul.yaml", lambda raw: b"\x00" in raw),
        ("file_empty.yaml", lambda raw: raw == b""),
        ("encoding_gbk.yaml", lambda raw: raw.decode("gbk").startswith("id: ")),
    ],
)
def test_binary_fixtures_are_stored_byte_for_byte(name: str, check: object) -> None:
    """Git must not normalise line endings or encodings of fixtures (tests/fixtures/.gitattributes)."""
    assert check((RECORDS / name).read_bytes())  # type: ignore[operator]


def test_gbk_fixture_is_not_utf8() -> None:
    with pytest.raises(UnicodeDecodeError):
        (RECORDS / "encoding_gbk.yaml").read_bytes().decode("utf-8")


def test_variant_only_fixtures_still_give_a_record() -> None:
    for name in ("方式_variant.yaml", "渠道_variant.yaml", "对象_variant.yaml", "层级_variant.yaml"):
        record, diagnostics = check_file(RECORDS / name)
        assert record is not None, name
        assert {d.severity for d in diagnostics} == {Severity.INFO}, name


# -- the complete valid record, field by field ---------------------------------------------


@pytest.fixture(scope="module")
def full() -> Record:
    record, diagnostics = check_file(RECORDS / "valid_full.yaml")
    assert diagnostics == []
    assert isinstance(record, Record)
    return record


def test_full_identity(full: Record) -> None:
    assert full.id == "bzxzf-pjgl-gzfzgsh-jggs"
    assert full.name == "公租房承租资格审核"
    assert full.level3 == "审核结果公示"
    assert full.title == "审核结果公示"  # the most specific level of the hierarchy


def test_full_content(full: Record) -> None:
    assert full.content == (
        ContentElement("申请条件", True),
        ContentElement("审核结果", True),
        ContentElement("轮候情况", False),
    )
    assert [e.mark for e in full.content] == ["●", "●", "〇"]


def test_full_basis(full: Record) -> None:
    assert full.basis == (
        Basis("《中华人民共和国政府信息公开条例》", "国务院令第711号", ""),
        Basis("《公共租赁住房管理办法》", "住房和城乡建设部令第11号", "https://www.example.gov.cn/zcfg/gzfglbf.html"),
    )
    assert full.basis[0].text == "《中华人民共和国政府信息公开条例》（国务院令第711号）"


def test_full_scalars(full: Record) -> None:
    assert full.time_limit == "信息形成或者变更之日起20个工作日内"
    assert full.subject == "示例县住房和城乡建设局住房保障股"
    assert full.order == 2
    assert full.updated == "2024-03-05"
    assert full.note == "本事项由县政务服务中心住建窗口受理。"


def test_full_vocabularies(full: Record) -> None:
    assert full.methods == ("主动", "依申请")
    assert full.levels == ("县级", "乡级")
    assert full.audiences == (Audience("全社会", ""), Audience("特定群体", "申请人"))
    assert [a.text for a in full.audiences] == ["全社会", "特定群体（申请人）"]


def test_full_channels(full: Record) -> None:
    assert full.channels == (
        Channel(
            "政府网站",
            True,
            "政府信息公开 > 保障性住房 > 配给管理",
            "https://zjj.example.gov.cn/zfxxgk/bzxzf/pjgl/",
        ),
        Channel("两微一端", False, "", ""),
        Channel("公开查阅点", True, "示例县政务服务中心一楼政府信息公开查阅点", ""),
        Channel("其他", False, "示例县住房保障服务窗口电子显示屏", ""),
    )
    assert [c.mark for c in full.channels] == ["■", "□", "■", "□"]


def test_full_location_is_filled_by_the_catalogue_not_the_validator(full: Record) -> None:
    assert (full.file, full.area, full.category) == ("", "", "")


def test_valid_variants_parse_to_the_same_record() -> None:
    """BOM, CRLF and the minimal LF file are the same record."""
    records = [check_file(RECORDS / n)[0] for n in ("valid_minimal.yaml", "encoding_bom.yaml", "yaml_crlf.yaml")]
    assert records[0] is not None
    assert records[0] == records[1] == records[2]
