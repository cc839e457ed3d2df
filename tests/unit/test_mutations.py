"""Never a traceback, never a change: valid records mutated the way editors break them.

Each example starts from a real record of the example catalogue, changes its data
(a key deleted or duplicated, a value of the wrong type, random Unicode, a huge
value) and writes it back as YAML; ``gkml check`` must answer with diagnostics
inside the file, a record exactly when there is no error, and leave files alone.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check.diagnostics import Diagnostic, Severity
from generator.check.pages import check_page
from generator.commands import main as cli
from generator.model.records import RECORD_FIELDS

from .helpers import CATALOGUE, HAN, check_bytes

RECORD_FILES = sorted(p for p in CATALOGUE.glob("*/*/*.yaml") if not p.name.startswith("_"))
KEYS = [f.key for f in RECORD_FIELDS]
fuzz = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(max_size=30),
        st.sampled_from(["●", "■政府网站", "《》", "特定群体（）", "", "20个工作日", "\u3000", "110101199003074514"]),
    ),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


def load(index: int) -> dict[str, object]:
    data = yaml.safe_load(RECORD_FILES[index % len(RECORD_FILES)].read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def dump(data: object) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def assert_answered(raw: bytes) -> None:
    record, diagnostics = check_bytes(raw)
    lines = raw.count(b"\n") + 1
    for d in diagnostics:
        assert 1 <= d.line <= lines and d.column >= 1, d
        assert HAN.search(d.message), d
    assert (record is not None) == (not any(d.severity is Severity.ERROR for d in diagnostics))


@fuzz
@given(st.integers(0, 10_000), st.sampled_from(KEYS))
def test_a_deleted_key(index: int, key: str) -> None:
    data = load(index)
    data.pop(key, None)
    assert_answered(dump(data))


@fuzz
@given(st.integers(0, 10_000), st.sampled_from(KEYS))
def test_a_duplicated_key(index: int, key: str) -> None:
    data = load(index)
    raw = dump(data)
    line = next((ln for ln in raw.decode().splitlines() if ln.startswith(f"{key}:")), f"{key}: x")
    assert_answered(raw + (line + "\n").encode())


@fuzz
@given(st.integers(0, 10_000), st.sampled_from(KEYS), values)
def test_a_value_of_any_type(index: int, key: str, value: object) -> None:
    data = load(index)
    data[key] = value
    assert_answered(dump(data))


@fuzz
@given(st.integers(0, 10_000), st.sampled_from(KEYS), st.text(min_size=1, max_size=50))
def test_random_unicode_in_a_value(index: int, key: str, text: str) -> None:
    data = load(index)
    data[key] = text
    assert_answered(dump(data))


@fuzz
@given(st.integers(0, 10_000), st.text(min_size=1, max_size=12), values)
def test_an_unknown_key(index: int, key: str, value: object) -> None:
    data = load(index)
    data[key] = value
    assert_answered(dump(data))


def test_huge_values() -> None:
    data = load(0)
    data["名称"] = "公" * 200_000
    data["内容"] = [f"●要素{i}" for i in range(5_000)]
    assert_answered(dump(data))


def test_binary_garbage_appended_to_every_record() -> None:
    for path in RECORD_FILES[:20]:
        assert_answered(path.read_bytes() + bytes(range(256)))


def test_check_never_changes_a_file(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(CATALOGUE.parent)
    files = sorted(p for p in CATALOGUE.rglob("*") if p.is_file())
    before = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in files}
    for argv in (
        ["check"],
        ["check", "--format", "json"],
        ["check", "--format", "github"],
        ["check", *map(str, files[:5])],
    ):
        cli.main(argv)
    capsys.readouterr()
    after = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in files}
    assert after == before
    assert sorted(p for p in CATALOGUE.rglob("*") if p.is_file()) == files  # nothing written beside them


assert RECORD_FILES and Path(RECORD_FILES[0]).exists()


# -- the front matter of a hand-written page (content/*.md) ---------------------------------------------------

PAGE_FILE = "content/guide/t.md"
FRONT_MATTER = "title: 办事指南\ndescription: 公租房申请须知\nhide:\n  - navigation\n"
PAGE_BODY = "# 办事指南\n\n请携带身份证件办理。\n"
#: Keys as MkDocs and Material read them, and keys an editor might make up (never two that differ by blanks).
page_keys = st.sampled_from(["title", "description", "hide", "template", "tags", "标题", "状态"]) | st.text(
    st.characters(codec="utf-8", categories=["L", "N"]), min_size=1, max_size=8
)


def page(front_matter: str) -> str:
    return f"---\n{front_matter}---\n{PAGE_BODY}"


def assert_page_answered(text: str) -> list[Diagnostic]:
    """Diagnostics inside the page, in Chinese, with a hint; never a traceback."""
    diagnostics = check_page(text, PAGE_FILE)
    lines = len(text.splitlines()) + 1
    for d in diagnostics:
        assert d.file == PAGE_FILE, d
        assert 1 <= d.line <= lines and d.column >= 1, d
        assert HAN.search(d.message) and HAN.search(d.hint), d
    return diagnostics


@fuzz
@given(st.dictionaries(page_keys, values, max_size=5))
def test_front_matter_a_yaml_writer_writes_is_read(data: dict[str, object]) -> None:
    diagnostics = assert_page_answered(page(dump(data).decode("utf-8")))
    assert [d.format() for d in diagnostics if d.code.startswith("yaml-")] == []


@fuzz
@given(st.integers(0, 4), st.text(max_size=60))
def test_random_unicode_in_the_front_matter(line: int, text: str) -> None:
    lines = FRONT_MATTER.splitlines(keepends=True)
    lines.insert(line, text + "\n")
    assert_page_answered(page("".join(lines)))


@fuzz
@given(
    st.integers(1, 9),
    st.integers(1, 9),
    st.sampled_from(["tags", "extra", "summary", "关键词"]),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_an_alias_bomb_of_any_size_is_refused_where_it_stands(depth: int, width: int, key: str, end: str) -> None:
    lines = ['a0: &a0 ["哈"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, depth + 1)]
    text = page(FRONT_MATTER + "\n".join(lines) + f"\n{key}: *a{depth}\n").replace("\n", end)  # as saved
    diagnostics = assert_page_answered(text)
    assert {d.code for d in diagnostics} == {"yaml-anchor"}
    assert len(diagnostics) == depth * width + 1  # each alias, however deep it would expand
    first = 1 + FRONT_MATTER.count("\n") + 1  # the line of a0
    assert all(first <= d.line <= first + depth + 1 for d in diagnostics)


@fuzz
@given(st.text(max_size=300))
def test_any_page_text_is_answered(text: str) -> None:
    assert_page_answered(text)
    assert_page_answered(page(text))
