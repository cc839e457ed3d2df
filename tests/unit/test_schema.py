"""The JSON Schemas for editors (``generator/schemas/*.json``).

* the committed files are what the model gives (else: run ``gkml schema``);
* schema and model agree: keys, labels, required keys, vocabularies, aliases;
* the schema is never stricter than ``gkml check``: every catalogue file, every fixture
  and every generated value the checker accepts is valid, both as the editor reads YAML
  (YAML 1.2 types) and as the checker does (all text); where the checker rejects a value
  for a reason JSON Schema can state (a type, a mark, a vocabulary term …) the schema
  rejects it too;
* every catalogue file names its schema on its first line, and VS Code is set up to use them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check.diagnostics import Diagnostic
from generator.check.severity import Severity
from generator.commands.main import main
from generator.edit.schema import entry_schema, field_schema, meta_schema, record_schema, schema_json, site_schema
from generator.load.calendar import CALENDAR_FILE
from generator.load.catalogue import load_catalogue
from generator.load.yamlfile import parse_yaml
from generator.model import vocab
from generator.model.entries import ENTRY_FIELDS
from generator.model.records import KEY_ALIASES, META_FIELDS, RECORD_FIELDS, SITE_FIELDS, FieldSpec, Kind
from generator.model.schema_files import RECORD_MODELINE, SCHEMA_FILES, SCHEMAS_DIR, YAML_SCHEMA_KINDS, modeline

from . import schema_subset
from .helpers import CATALOGUE, RECORDS, ROOT, check_bytes, write_tree

try:  # not a dependency of the project: used, when installed, to confirm the small validator's verdicts
    import jsonschema
except ImportError:  # pragma: no cover - depends on the environment
    jsonschema = None

Schema = dict[str, Any]
SCHEMAS = {"record": record_schema(), "meta": meta_schema(), "site": site_schema(), "entry": entry_schema()}
SPECS = {"record": RECORD_FIELDS, "meta": META_FIELDS, "site": SITE_FIELDS, "entry": ENTRY_FIELDS}
REGENERATE = (
    "请运行 gkml schema 重新生成 generator/schemas/ 中的文件，"
    "并与对 generator/model/records.py / generator/model/vocab.py 的修改一起提交"
)


@cache
def _library_validator(kind: str) -> Any:
    return jsonschema.Draft7Validator(SCHEMAS[kind]) if jsonschema is not None else None


def accepts(kind: str, value: object) -> bool:
    """The small validator's verdict, confirmed by the jsonschema library when it is installed."""
    verdict = schema_subset.is_valid(SCHEMAS[kind], value)
    library = _library_validator(kind)
    if library is not None:
        assert library.is_valid(value) == verdict, f"jsonschema disagrees on {value!r}"
    return verdict


def why(kind: str, value: object) -> list[str]:
    return list(schema_subset.errors(SCHEMAS[kind], value))


def error_codes(diagnostics: list[Diagnostic]) -> set[str]:
    return {d.code for d in diagnostics if d.severity is Severity.ERROR}


# -- (a) the committed files -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(SCHEMA_FILES))
def test_committed_schema_files_are_generated_from_the_model(kind: str) -> None:
    path = ROOT / SCHEMAS_DIR / SCHEMA_FILES[kind]
    assert path.exists(), f"缺少 {SCHEMAS_DIR}/{SCHEMA_FILES[kind]}：{REGENERATE}"
    committed = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    assert committed == schema_json(kind), f"{SCHEMAS_DIR}/{SCHEMA_FILES[kind]} 与程序不一致：{REGENERATE}"


@pytest.mark.parametrize("kind", list(SCHEMA_FILES))
def test_schema_text_is_deterministic_json(kind: str) -> None:
    text = schema_json(kind)
    assert text == schema_json(kind)
    assert text.endswith("}\n") and "\r" not in text
    assert json.loads(text) == SCHEMAS[kind]
    assert json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n" == text


def test_unknown_schema_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        schema_json("records")


def test_schema_files_are_package_data() -> None:
    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "schemas/*.json" in config["tool"]["setuptools"]["package-data"]["generator"]


# -- (b) schema and model agree ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_document_header(kind: str) -> None:
    schema = SCHEMAS[kind]
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["$id"].endswith(kind)
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert re.search(r"[\u4e00-\u9fff]", schema["title"] + schema["description"])


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_every_key_is_a_property_with_its_label_description_and_example(kind: str) -> None:
    properties = SCHEMAS[kind]["properties"]
    for spec in SPECS[kind]:
        prop = properties[spec.key]
        assert prop["title"] == spec.label
        assert prop["description"] == f"{spec.description}示例：{spec.example}"


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_required_keys_are_those_of_the_model(kind: str) -> None:
    required = [spec.key for spec in SPECS[kind] if spec.required]
    assert SCHEMAS[kind].get("required", []) == required


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_properties_are_the_keys_and_their_aliases(kind: str) -> None:
    keys = [spec.key for spec in SPECS[kind]]
    aliases = [alias for alias, key in KEY_ALIASES.items() if key in keys]
    assert list(SCHEMAS[kind]["properties"]) == keys + aliases


def test_aliases_are_deprecated_and_name_the_key_to_use() -> None:
    properties = record_schema()["properties"]
    aliases = {alias: key for alias, key in KEY_ALIASES.items() if key in properties}
    assert len(aliases) == len(KEY_ALIASES)  # every alias names a record key
    for alias, key in aliases.items():
        prop = properties[alias]
        assert prop["deprecated"] is True
        assert prop["description"] == f"请改用“{key}”。"
        assert f"请改用“{key}”" in prop["deprecationMessage"]
        assert schema_subset.is_valid(prop, "任何值")  # a warning in the editor, not a type error


def _enums(schema: object) -> Iterator[list[object]]:
    if isinstance(schema, dict):
        if "enum" in schema:
            yield schema["enum"]
        for value in schema.values():
            yield from _enums(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _enums(value)


def _marked_channels() -> list[str]:
    return [mark + c for c in vocab.CHANNELS for mark in (vocab.CHANNEL_REQUIRED, vocab.CHANNEL_OPTIONAL)]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("方式", list(vocab.METHODS)),
        ("层级", list(vocab.LEVELS)),
        ("渠道", _marked_channels()),
        ("对象", [vocab.AUDIENCE_PUBLIC]),  # 特定群体 alone is an error: it needs its group in brackets
    ],
)
def test_completion_offers_the_standard_vocabulary(key: str, expected: list[str]) -> None:
    enums = list(_enums(record_schema()["properties"][key]))
    assert enums and all(e == expected for e in enums)


def _record(**values: object) -> dict[str, object]:
    doc, _ = parse_yaml((RECORDS / "valid_minimal.yaml").read_bytes(), "valid_minimal.yaml")
    assert doc is not None and isinstance(doc.data, dict)
    return {**doc.data, **values}


def _spellings(allowed: tuple[str, ...], variants: dict[str, str]) -> list[str]:
    return [*allowed, *variants]


@pytest.mark.parametrize(
    ("key", "values"),
    [
        ("方式", _spellings(vocab.METHODS, vocab.METHOD_VARIANTS)),
        ("层级", _spellings(vocab.LEVELS, vocab.LEVEL_VARIANTS)),
        ("对象", [vocab.AUDIENCE_PUBLIC, f"{vocab.AUDIENCE_GROUP}（申请人）", *vocab.AUDIENCE_VARIANTS]),
        ("渠道", [m + c for c in _spellings(vocab.CHANNELS, vocab.CHANNEL_VARIANTS) for m in "■□"]),
        ("内容", [f"{m}申请条件" for m in (vocab.CONTENT_REQUIRED, vocab.CONTENT_OPTIONAL)]),
    ],
)
def test_every_spelling_the_checker_accepts_is_valid(key: str, values: list[str]) -> None:
    groups = [v for v, n in vocab.AUDIENCE_VARIANTS.items() if n == vocab.AUDIENCE_GROUP]
    for value in values:
        if key == "对象" and value in groups:
            value = f"{value}（申请人）"
        for form in (value, [value], f"  {value}\u3000"):
            assert accepts("record", _record(**{key: form})), (key, form, why("record", _record(**{key: form})))
    if key == "渠道":  # the mapping form, with a detail
        for value in values:
            assert accepts("record", _record(渠道=[{value: "说明"}, {value: {"栏目": "栏目", "网址": "/a/"}}]))


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("方式", "被动"),
        ("方式", "yes"),
        ("层级", "省级"),
        ("对象", vocab.AUDIENCE_GROUP),
        ("对象", "申请人"),
        ("渠道", "两微一端"),
        ("渠道", "■微信群"),
        ("渠道", [{"■微信群": "x"}]),
        ("内容", "申请条件"),
        ("依据", "公共租赁住房管理办法"),
        ("id", "Bzxzf_公租房"),
        ("id", "a" * 65),
        ("顺序", "三"),
        ("更新日期", "2024年3月5日"),
        ("时限", ["a"]),
        ("名称", None),
        ("内容", []),
    ],
)
def test_values_the_checker_rejects_for_their_type_or_vocabulary_are_invalid(key: str, value: object) -> None:
    assert not accepts("record", _record(**{key: value}))


def test_unknown_keys_are_invalid_and_a_missing_required_key_too() -> None:
    assert accepts("record", _record())
    assert not accepts("record", _record(联系人="张三"))
    record = _record()
    del record["时限"]
    assert not accepts("record", record)
    assert not accepts("record", {**record, "公开时限": "20个工作日内"})  # the alias does not stand in for the key


def _examples(spec: FieldSpec) -> list[object]:
    """``spec.example`` as gkml's loader reads it and as the editor does."""
    text = f"{spec.key}: {spec.example}\n"
    doc, _ = parse_yaml(text.encode(), "example.yaml")
    assert doc is not None and isinstance(doc.data, dict)
    editor = schema_subset.editor_view(text)
    assert isinstance(editor, dict)
    return [doc.data[spec.key], editor[spec.key]]


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_the_example_of_every_key_is_valid(kind: str) -> None:
    for spec in SPECS[kind]:
        for value in _examples(spec):
            prop = SCHEMAS[kind]["properties"][spec.key]
            assert schema_subset.is_valid(prop, value), (spec.key, value, list(schema_subset.errors(prop, value)))


@pytest.mark.parametrize("kind", get_args(Kind))
def test_every_kind_of_value_has_a_schema(kind: str) -> None:
    for required in (True, False):
        schema = field_schema(FieldSpec("键", "attr", "标签", kind, required, "说明。", "示例"))
        assert schema["title"] == "标签"


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_schema_uses_only_keywords_the_small_validator_checks(kind: str) -> None:
    used = set(schema_subset.keywords(SCHEMAS[kind]))
    assert used <= schema_subset.KEYWORDS, used - schema_subset.KEYWORDS


@pytest.mark.skipif(jsonschema is None, reason="the jsonschema library is not installed")
@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_schema_is_valid_draft_07(kind: str) -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMAS[kind])


def test_messages_for_editors_are_in_chinese() -> None:
    def texts(schema: object) -> Iterator[str]:
        if isinstance(schema, dict):
            for key, value in schema.items():
                if key in ("title", "description", "errorMessage", "deprecationMessage"):
                    yield value
                yield from texts(value)
        elif isinstance(schema, list):
            for value in schema:
                yield from texts(value)

    for schema in SCHEMAS.values():
        for text in texts(schema):
            assert re.search(r"[\u4e00-\u9fff]", text), text


# -- (c) never stricter than gkml check -------------------------------------------------------------------------


def _kind_of(path: Path) -> str:
    return {"_site.yaml": "site", "_meta.yaml": "meta"}.get(path.name, "record")


#: The catalogue's YAML files that have a JSON Schema: not the holiday file ``_calendar.yaml``, whose comments
#: explain its few lines and which ``gkml check`` reads (generator/load/calendar.py).
CATALOGUE_FILES = sorted(p for p in CATALOGUE.rglob("*.yaml") if p.name != CALENDAR_FILE)


def test_every_catalogue_file_is_valid() -> None:
    assert len([p for p in CATALOGUE_FILES if _kind_of(p) == "record"]) >= 90
    failures = []
    for path in CATALOGUE_FILES:
        raw = path.read_bytes()
        doc, _ = parse_yaml(raw, path.name)
        assert doc is not None, path
        for view in (doc.data, schema_subset.editor_view(raw.decode("utf-8"))):
            problems = why(_kind_of(path), view)
            if problems:
                failures.append(f"{path.relative_to(ROOT)}: {problems}")
    assert failures == []


#: Errors a JSON Schema can state exactly: where the checker reports one, the schema must reject the file.
STATED_BY_SCHEMA = frozenset(
    {
        "missing-field",
        "empty-value",
        "unknown-key",
        "key-quoted",
        "wrong-type",
        "not-mapping",
        "bad-id",
        "content-mark",
        "channel-mark",
        "channel-unknown",
        "channel-detail-keys",
        "vocab-unknown",
        "audience-group-missing",
        "url-scheme",
    }
)


def _stated_by_schema(diagnostics: list[Diagnostic]) -> bool:
    """Whether an error the schema states is among ``diagnostics`` (a habitual alias key is only a warning there)."""
    for d in diagnostics:
        if d.severity is not Severity.ERROR or d.code not in STATED_BY_SCHEMA:
            continue
        if d.code == "unknown-key" and any(f"“{alias}”" in d.message for alias in KEY_ALIASES):
            continue
        return True
    return False


def _views(raw: bytes) -> tuple[object, object] | None:
    """The record as the checker and as the editor read it; None when it is no YAML both read alike.

    Anchors, repeated keys, BOMs and mixed line ends are the loader's to report: the editor's YAML
    parser reads those files differently (an alias as its anchor's value, the last of two keys).
    """
    doc, problems = parse_yaml(raw, "t.yaml")
    if doc is None or error_codes(problems):
        return None
    text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    try:
        return doc.data, schema_subset.editor_view(text)
    except yaml.YAMLError:
        return None


def assert_never_stricter(raw: bytes) -> str:
    """The checker's and the schema's verdicts on an item file agree where they must; the checker's verdict."""
    views = _views(raw)
    if views is None:
        return "not read alike"
    _, diagnostics = check_bytes(raw)
    text = raw.decode("utf-8-sig", errors="replace")
    if not error_codes(diagnostics):
        for view in views:
            assert accepts("record", view), f"gkml check accepts, the schema does not:\n{text}\n{why('record', view)}"
        return "accepted"
    if _stated_by_schema(diagnostics):
        codes = error_codes(diagnostics)
        assert not accepts("record", views[1]), f"gkml check rejects ({codes}), the schema does not:\n{text}"
        return "rejected"
    return "checker only"


FIXTURES = sorted(RECORDS.glob("*.yaml"))


def test_fixture_records_the_checker_accepts_are_valid_and_those_it_rejects_by_type_are_not() -> None:
    verdicts = {path.name: assert_never_stricter(path.read_bytes()) for path in FIXTURES}
    assert sum(v == "accepted" for v in verdicts.values()) >= 5, verdicts
    assert sum(v == "rejected" for v in verdicts.values()) >= 20, verdicts
    for name in ("方式_unknown.yaml", "渠道_no_mark.yaml", "对象_group_missing.yaml", "id_bad_format.yaml"):
        assert verdicts[name] == "rejected", name
    for name in ("valid_full.yaml", "渠道_variant.yaml", "层级_variant.yaml", "内容_optional_circle_variant.yaml"):
        assert verdicts[name] == "accepted", name


# Values at the edges of what the checker reads, key by key (YAML text after "key: ").
EDGE_VALUES: dict[str, list[str]] = {
    "id": ["true", "abc", "a1-b2", "a-", "1a", " 'abc ' ", "'" + "a" * 64 + "'", "a" * 65, "A", "a_b", "~", "[]"],
    "名称": ["20", "true", "3.5", "''", "' '", "~", "[]", "{}", "[a]", "'0x1F'", ".nan"],
    "三级事项": ["20", "true", "''", "' '", "~", "[]", "{}", "[a]", "null"],
    "备注": ["false", "''", "~", "[]", "{a: b}", "'  '", '"\\u3000"'],
    "顺序": [
        *["3", "'3'", "+3", "-2", "03", "1_000", "'1_000'", "'３'", "3.0", "3.5", "'3.5'", "0x1F", "三", "''", "~"],
        *["'  7  '", "'+ 3'", "'_1'", "'1__0'", "[]", "true"],
    ],
    "更新日期": ["2024-03-05", "20240305", "'2024-W10-2'", "'2024W10'", "2024-02-30", "2024-13-01", "2024", "''"],
    "方式": ["主动", "[主动, 依申请]", "主动公开", "'主　动'", '"主\\n动"', "[]", "['']", "[主动, ~]", "{a: b}", "yes"],
    "层级": ["县级", "县（区）级", "'县(区)级'", "'县　级'", "镇街(园区)级", "省级", "[县级, 乡镇]"],
    "对象": [
        "全社会",
        "社会公众",
        "全社会（所有人）",
        "全社会()",
        "特定群体",
        "特定群体（）",
        "'特定群体（ ）'",
        "特定群体（申请人）",
        "特定群众(申请人)",
        "'特定群体 （申请人）'",
        "特定群体（a（b））",
        "特定群体（申请人",
        '"特定群体（申请人\\n）"',
        '"特定群体\\n（申请人）"',
        '"全社会（\\n）"',
    ],
    "内容": ["●申请条件", "'● 申请条件'", "○申请条件", "◯申请条件", "●", "'● '", "申请条件", "[●a, b]", "[~]"],
    "依据": [
        "《办法》",
        "《办法》（令第1号）",
        "《办法》(令第1号)",
        "'《办法》（建办厅(2019)71号）'",
        "《办法》第十条",
        "办法",
        "'《办法'",
        "[{标题: 《办法》, 文号: 令第1号, 网址: 'https://a.b/'}]",
        "[{标题: 《办法》, 文号: 711}]",
        "[{标题: 《办法》, 网址: ''}]",
        "[{标题: 办法}]",
        "[{文号: 令第1号}]",
        "[{标题: 《办法》, 发文机关: 国务院}]",
        "[{标题: 《办法》, 网址: 'ftp://a'}]",
        "[{标题: 《办法》, 网址: '//evil'}]",
        "[{标题: 《办法》, 文号: [a]}]",
    ],
    "渠道": [
        "■政府网站: {栏目: 公开}",
        "[□两微一端]",
        "['□ 两微一端 ']",
        "['□两微\u3000一端']",
        "[□政务新媒体]",
        "[□其它: 电子屏]",
        "[两微一端]",
        "[■微信群]",
        "[{■政府网站: 栏目}, {□两微一端: 123}]",
        "[{□两微一端: true}]",
        "[{□两微一端: ~}]",
        "[{■政府网站: {栏目: a, 网址: /a/}}]",
        "[{■政府网站: {栏目: a, 网址: 'javascript:x'}}]",
        "[{■政府网站: {栏目: a, 链接: /a/}}]",
        "[{■政府网站: [a]}]",
        "[{■政府网站: {栏目: ' '}}]",
        "[{■政府网站: a, □两微一端: b}]",
        "[{}]",
        "[□两微一端, □两微一端]",
        "[~]",
    ],
}


def _with(key: str, value: str | None) -> bytes:
    """valid_minimal.yaml with ``key: value`` in place of its line (or added; removed when None)."""
    lines, out, skipping = (RECORDS / "valid_minimal.yaml").read_text(encoding="utf-8").splitlines(), [], False
    for line in lines:
        if skipping and line.startswith(" "):
            continue
        skipping = line.startswith(f"{key}:")
        if not skipping:
            out.append(line)
    if value is not None:
        out.append(f"{key}: {value}")
    return ("\n".join(out) + "\n").encode("utf-8")


@pytest.mark.parametrize("key", list(EDGE_VALUES))
def test_edge_values_are_judged_as_the_checker_judges_them(key: str) -> None:
    verdicts = [assert_never_stricter(_with(key, value)) for value in EDGE_VALUES[key]]
    assert "accepted" in verdicts and set(verdicts) != {"accepted"}, verdicts


#: Pieces near-miss values are made of, by key.
PIECES: dict[str, list[str]] = {
    "方式": [*vocab.METHODS, *vocab.METHOD_VARIANTS, " ", "\u3000", "\n", "公开", "主"],
    "层级": [*vocab.LEVELS, *vocab.LEVEL_VARIANTS, " ", "\u3000", "级", "(", "）"],
    "对象": [*vocab.AUDIENCES, *vocab.AUDIENCE_VARIANTS, " ", "\u3000", "\n", "（", "）", "(", ")", "申请人"],
    "渠道": ["■", "□", *vocab.CHANNELS, *vocab.CHANNEL_VARIANTS, " ", "\u3000", "(", ")", "/"],
    "内容": [vocab.CONTENT_REQUIRED, vocab.CONTENT_OPTIONAL, *vocab.CONTENT_OPTIONAL_VARIANTS, " ", "\u3000", "条件"],
    "依据": ["《", "》", "（", "）", "(", ")", "办法", "令第11号", " ", "〔2019〕", "[2019]"],
    "id": ["a", "z", "0", "9", "-", "_", "A", " ", "bzxzf"],
    "顺序": ["1", "0", "９", "+", "-", "_", " ", ".", "e", "x"],
    "更新日期": ["2024", "-", "03", "05", "W", "1", "0", " ", "13", "32", "T"],
    "时限": [" ", "\u3000", "\n", "20个工作日内"],
}

near_miss = settings(
    max_examples=40,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


@near_miss
@given(data=st.data())
@pytest.mark.parametrize("key", list(PIECES))
def test_near_miss_values_are_judged_as_the_checker_judges_them(key: str, data: st.DataObject) -> None:
    text = data.draw(st.lists(st.sampled_from(PIECES[key]), min_size=1, max_size=5).map("".join), label="value")
    if key == "渠道" and data.draw(st.booleans(), label="mapping"):
        value: object = [{text: data.draw(st.sampled_from(["说明", "", {"栏目": "a"}, {"网址": "/a"}]))}]
    else:
        value = data.draw(st.sampled_from([text, [text]]), label="form")
    assert_never_stricter(_with(key, json.dumps(value, ensure_ascii=False)))


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("meta", "slug: pjgl\n顺序: 5\n"),
        ("meta", "slug: 'PJGL'\n"),
        ("meta", "slug: a_b\n"),
        ("meta", "slug: 123\n"),
        ("meta", "slug: ~\n标题: ''\n"),
        ("meta", "顺序: 第五\n"),
        ("meta", "栏目: 配给管理\n"),
        ("site", "单位名称: 示例县住房和城乡建设局\n网站标识码: 0000000001\n"),
        ("site", "网站名称: 示例\n"),
        ("site", "单位名称: [a]\n"),
    ],
)
def test_settings_files_are_judged_as_the_loader_judges_them(kind: str, text: str, tmp_path: Path) -> None:
    files = {"_site.yaml": "单位名称: 示例县\n", "领域/栏目/a.yaml": (RECORDS / "valid_minimal.yaml").read_text()}
    files["_site.yaml" if kind == "site" else "领域/_meta.yaml"] = text
    _, diagnostics = load_catalogue(write_tree(tmp_path / "catalogue", files), git_dates=False)
    doc, _ = parse_yaml(text.encode(), "t.yaml")
    assert doc is not None
    views = (doc.data, schema_subset.editor_view(text))
    if not error_codes(diagnostics):
        assert all(accepts(kind, view) for view in views), [why(kind, view) for view in views]
    else:
        assert not accepts(kind, views[1]), error_codes(diagnostics)


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_patterns_mean_the_same_in_javascript() -> None:
    """Editors run the patterns as JavaScript regular expressions with the u flag: same verdicts as Python."""
    patterns = sorted({p for schema in SCHEMAS.values() for p in _patterns(schema)})
    samples = sorted(
        {v for values in EDGE_VALUES.values() for v in values}
        | {p for pieces in PIECES.values() for p in pieces}
        | {f"{a}{b}" for a in ("■", "□", "●", " ", "特定群体（") for b in (*vocab.CHANNELS, "申请人）", "a\n）")}
    )
    script = (
        "const [patterns, samples] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(patterns.map(p => { const r = new RegExp(p, 'u');"
        " return samples.map(s => r.test(s)); })));"
    )
    done = subprocess.run(
        ["node", "-e", script],
        input=json.dumps([patterns, samples]),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=60,
    )
    javascript = json.loads(done.stdout)
    for pattern, verdicts in zip(patterns, javascript, strict=True):
        python = [re.search(pattern, s) is not None for s in samples]
        differ = [s for s, a, b in zip(samples, python, verdicts, strict=True) if a != b]
        assert differ == [], pattern


def _patterns(schema: object) -> Iterator[str]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "pattern":
                yield value
            else:
                yield from _patterns(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _patterns(value)


# -- (d) every catalogue file names its schema -------------------------------------------------------------------


def test_every_catalogue_file_starts_with_the_modeline_of_its_schema() -> None:
    wrong = []
    for path in CATALOGUE_FILES:
        rel = path.relative_to(ROOT)
        expected = modeline(_kind_of(path), len(rel.parts) - 1)
        first = path.read_bytes().decode("utf-8-sig").splitlines()[0]
        if first != expected:
            wrong.append(f"{rel.as_posix()}：第一行应为“{expected}”")
    assert wrong == [], (
        "编辑器靠文件第一行的注释找到记录格式（JSON Schema）。新建事项请用 gkml new（会自动写上这一行），"
        "或从同一层级的其他文件复制第一行：\n" + "\n".join(wrong)
    )


@pytest.mark.parametrize(
    ("kind", "sample"),
    [
        ("record", CATALOGUE / "领域" / "栏目" / "事项.yaml"),
        ("meta", CATALOGUE / "领域" / "栏目" / "_meta.yaml"),
        ("meta", CATALOGUE / "领域" / "_meta.yaml"),
        ("site", CATALOGUE / "_site.yaml"),
    ],
)
def test_modelines_point_at_the_schema_files(kind: str, sample: Path) -> None:
    line = modeline(kind, len(sample.relative_to(ROOT).parts) - 1)
    target = line.split("$schema=", 1)[1]
    assert (sample.parent / target).resolve() == (ROOT / SCHEMAS_DIR / SCHEMA_FILES[kind]).resolve()


def test_record_modeline() -> None:
    assert RECORD_MODELINE == "# yaml-language-server: $schema=../../../generator/schemas/record.schema.json"


# -- the command ---------------------------------------------------------------------------------------------------


def test_schema_command_writes_then_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "schemas"
    assert main(["schema", "-o", str(out)]) == 0
    for kind, name in SCHEMA_FILES.items():
        assert (out / name).read_text(encoding="utf-8") == schema_json(kind)
    assert "已更新" in capsys.readouterr().out
    assert main(["schema", "--check", "-o", str(out)]) == 0
    assert "一致" in capsys.readouterr().out
    assert main(["schema", "-o", str(out)]) == 0
    assert "已更新" not in capsys.readouterr().out


def test_schema_check_fails_with_a_hint_when_a_file_is_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "-o", str(tmp_path)]) == 0
    (tmp_path / SCHEMA_FILES["meta"]).write_text("{}\n", encoding="utf-8")
    (tmp_path / SCHEMA_FILES["site"]).unlink()
    capsys.readouterr()
    assert main(["schema", "--check", "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert SCHEMA_FILES["meta"] in err and SCHEMA_FILES["site"] in err and SCHEMA_FILES["record"] not in err
    assert "gkml schema" in err


def test_schema_check_accepts_crlf_checkouts(tmp_path: Path) -> None:
    assert main(["schema", "-o", str(tmp_path)]) == 0
    for name in SCHEMA_FILES.values():
        path = tmp_path / name
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["schema", "--check", "-o", str(tmp_path)]) == 0


def test_schema_command_outside_the_repository_explains(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["schema"]) == 2
    assert "-o" in capsys.readouterr().err
    assert not (tmp_path / "generator").exists()


def test_schema_command_in_the_repository_top_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "generator").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["schema", "--check"]) == 1  # nothing written yet
    assert main(["schema"]) == 0
    assert main(["schema", "--check"]) == 0
    assert sorted(p.name for p in (tmp_path / SCHEMAS_DIR).iterdir()) == sorted(SCHEMA_FILES.values())


# -- VS Code -------------------------------------------------------------------------------------------------------


def _glob(pattern: str) -> re.Pattern[str]:
    """A workspace glob: ``*`` within one folder, ``**`` across folders."""
    parts = re.split(r"(\*\*/|\*)", pattern)
    regex = "".join({"**/": "(?:[^/]+/)*", "*": "[^/]*"}.get(p, re.escape(p)) for p in parts)
    return re.compile(f"^{regex}$")


def test_vscode_maps_each_catalogue_file_to_exactly_its_schema() -> None:
    settings_ = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping: dict[str, list[str]] = settings_["yaml.schemas"]
    by_kind = {}
    for schema_path, globs in mapping.items():
        path = (ROOT / schema_path).resolve()
        assert path.exists(), schema_path
        by_kind[path.name.removesuffix(".schema.json")] = globs
    # not the entry schema: it is for front matter, which the YAML extension does not read
    assert set(by_kind) == set(YAML_SCHEMA_KINDS)
    samples = [*CATALOGUE_FILES, CATALOGUE / "新领域" / "新栏目" / "新事项.yaml", CATALOGUE / "新领域" / "_meta.yaml"]
    for path in samples:
        rel = path.relative_to(ROOT).as_posix()
        matched = []
        for kind, globs in by_kind.items():
            included = any(_glob(g).match(rel) for g in globs if not g.startswith("!"))
            excluded = any(_glob(g[1:]).match(rel) for g in globs if g.startswith("!"))
            if included and not excluded:
                matched.append(kind)
        assert matched == [_kind_of(path)], rel


def test_vscode_recommends_the_yaml_extension() -> None:
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
