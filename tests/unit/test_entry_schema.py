"""The JSON Schema of an entry's front matter (``generator/schemas/entry.schema.json``), judged
against the checker on the entry fixtures (``tests/fixtures/entries/``): never stricter than
``gkml check``, and refusing what the checker refuses for a reason JSON Schema can state.

(The committed file, its header, keys, labels and examples are tested with the other schemas
in test_schema.py.)
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from generator.edit.schema import ATTACHMENT_PATTERN, entry_schema
from generator.load.entries import FRONT_MATTER
from generator.load.yamlfile import parse_yaml

from . import schema_subset
from .helpers import ROOT
from .test_entry_fixtures import ENTRIES, FIXTURE_NAMES

SCHEMA = entry_schema()

#: Refused by the checker for what the schema states too (a key, a type, a term, a pattern).
REFUSED = {
    "id_bad_format.md",
    "key_unknown.md",
    "事项_missing.md",
    "类别_unknown.md",
    "网址_javascript.md",
    "附件_type_exe.md",
    "附件_outside.md",
    "审核_missing_date.md",
}
#: Refused by the checker for what no schema can know (other files, the calendar, other entries,
#: the body): the front matter itself is valid.
VALID_FRONT_MATTER = {
    "valid_full.md",
    "valid_minimal.md",
    "审核_missing.md",
    "标题_placeholder.md",
    "事项_unknown.md",
    "事项_elsewhere.md",
    "发布日期_impossible.md",
    "发布日期_future.md",
    "形成日期_after_published.md",
    "有效性_repealed_without_date.md",
    "附件_missing.md",
    "附件_too_big.md",
    "关联_unknown.md",
    "body_id_number.md",
    "body_script.md",
    "body_empty.md",
}
#: No front matter for a schema to judge (none, or YAML the strict reader refuses).
NOT_JUDGED = {"front_matter_missing.md", "yaml_duplicate_key.md"}


def _views(name: str) -> list[object]:
    """The fixture's front matter as the checker reads it (all text) and as an editor does (YAML 1.2)."""
    text = (ENTRIES / name).read_text(encoding="utf-8")
    m = FRONT_MATTER.match(text)
    assert m is not None, name
    doc, _ = parse_yaml(m[1].encode("utf-8"), name)
    assert doc is not None, name
    return [doc.data, schema_subset.editor_view(m[1])]


def test_every_fixture_is_judged() -> None:
    assert sorted(REFUSED | VALID_FRONT_MATTER | NOT_JUDGED) == FIXTURE_NAMES
    assert not (REFUSED & VALID_FRONT_MATTER)


@pytest.mark.parametrize("name", sorted(VALID_FRONT_MATTER))
def test_front_matter_the_checker_accepts_is_valid(name: str) -> None:
    for value in _views(name):
        assert schema_subset.is_valid(SCHEMA, value), list(schema_subset.errors(SCHEMA, value))


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_front_matter_refused_for_a_stated_reason_is_invalid(name: str) -> None:
    for value in _views(name):
        assert not schema_subset.is_valid(SCHEMA, value), value


@pytest.mark.parametrize(
    ("path", "valid"),
    [
        ("附件/名单.pdf", True),
        ("附件/名单.PDF", True),
        ("名单.ofd", True),
        (" 附件/扫描件.JPEG ", True),
        ("附件/名单.exe", False),
        ("附件/名单", False),
        ("../名单.pdf", False),
        ("附件/../../名单.pdf", False),
        ("/etc/名单.pdf", False),
        ("附件/..名单.pdf", True),  # a name starting with two dots is no way out
    ],
)
def test_attachment_paths(path: str, valid: bool) -> None:
    assert bool(re.match(ATTACHMENT_PATTERN, path)) is valid


def _properties(schema: Any) -> dict[str, Any]:
    return dict(schema["properties"])


def test_nested_mappings_name_their_keys() -> None:
    properties = _properties(SCHEMA)
    review = properties["审核"]["else"]
    assert review["required"] == ["审核人", "审核日期"] and review["additionalProperties"] is False
    validity = properties["有效性"]["else"]["anyOf"]
    assert validity[0]["enum"] == ["现行有效", "已修改", "已废止"]
    assert list(validity[1]["properties"]) == ["状态", "日期", "替代"]
    assert properties["类别"]["anyOf"][0]["enum"][:3] == ["规章", "规范性文件", "其他政策文件"]


def test_vscode_does_not_pretend_to_apply_it_to_markdown() -> None:
    """The YAML extension validates YAML documents only, not the front matter of a Markdown file:
    mapping the schema to ``*.md`` in ``yaml.schemas`` would do nothing, so it is not mapped (the
    README says what works instead: gkml check)."""
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert not any("entry" in schema for schema in settings["yaml.schemas"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "entry.schema.json" in readme
