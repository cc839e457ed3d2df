"""Never a traceback: entry files (公开信息) whose front matter holds whatever YAML can say.

Each example starts from a valid entry, replaces or adds keys with values of any shape
(text, numbers, booleans, nulls, lists, mappings, dates, paths, random Unicode), or inserts a
random line, and reads the file as the catalogue loader does (through the gate, then checked
on its own and across entries). Every diagnostic must be Chinese with a hint, in the file,
at a line of it; an entry comes back exactly when no error was found.

The number of examples and their seeding come from the profiles of ``tests/conftest.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check.diagnostics import Diagnostic, has_errors
from generator.check.entries import check_entries
from generator.check.entry import validate_entry
from generator.load.entries import read_entry_file
from generator.load.files import FileGate
from generator.model.entries import ENTRY_FIELDS

from .helpers import HAN

KEYS = [f.key for f in ENTRY_FIELDS]
ITEM = "bzxzf-pjgl-zgsh"
VALID: dict[str, object] = {
    "id": "pjgl-20250312-1",
    "标题": "关于第三批公租房承租资格审核结果的公示",
    "事项": ITEM,
    "发布日期": "2025-03-12",
    "发布机构": "示例县住房和城乡建设局住房保障股",
    "类别": "公示公告",
    "附件": [{"名称": "审核结果名单", "文件": "附件/名单.pdf"}],
    "审核": {"审核人": "李四", "审核日期": "2025-03-11"},
}
BODY = "\n经审核，现予公示。\n"
fuzz = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.dates().map(str),
    st.sampled_from(
        [
            "",
            "2025-02-30",
            "2031-01-01",
            "附件/名单.pdf",
            "附件/没有.pdf",
            "../名单.pdf",
            "/etc/passwd",
            "附件/名单.exe",
            "javascript:alert(1)",
            "已废止",
            "现行有效",
            "通知公告",
            ITEM,
            "bzxzf-zlbt-btff",
            "11010519491231002X",
            "\u3000",
            "\u202e",
            "【请填写标题】",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["名称", "文件", "状态", "日期", "替代", "审核人", "审核日期", "x"]), children
        )
    ),
    max_leaves=8,
)


@pytest.fixture(scope="module")
def column(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("entries") / "配给管理"
    (folder / "2025" / "附件").mkdir(parents=True)
    (folder / "2025" / "附件" / "名单.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return folder


def front_matter(data: dict[str, object]) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"


def check(column: Path, text: str) -> tuple[object, list[Diagnostic]]:
    """Write ``text`` as an entry of ``column`` and read it as the loader does."""
    path = column / "2025" / "信息.md"
    path.write_text(text, encoding="utf-8")
    gate = FileGate.within(column.parent)
    shown = "配给管理/2025/信息.md"
    entry_file, problems = read_entry_file(path, shown, gate)
    if entry_file is None:
        return None, problems
    elsewhere = {"bzxzf-zlbt-btff": ("租赁补贴", "保障性住房/租赁补贴")}
    entry, more = validate_entry(entry_file, {ITEM}, gate, elsewhere=elsewhere)
    if has_errors(problems):
        entry = None
    across = check_entries([entry], production=True, today=dt.date(2025, 6, 1)) if entry else []
    return entry, [*problems, *more, *across]


ACROSS = {"duplicate-id", "entry-related-unknown", "entry-replacement-unknown", "entry-review-missing"}


def assert_answered(column: Path, text: str) -> None:
    entry, diagnostics = check(column, text)
    lines = text.count("\n") + 1
    for d in diagnostics:
        assert d.file == "配给管理/2025/信息.md", d.format()
        assert 1 <= d.line <= lines and d.column >= 1, d.format()
        assert HAN.search(d.message) and d.hint and HAN.search(d.hint), d.format()
    on_its_own = [d for d in diagnostics if d.code not in ACROSS]
    assert (entry is None) == has_errors(on_its_own), [d.format() for d in diagnostics]


def test_the_valid_entry_is_clean(column: Path) -> None:
    entry, diagnostics = check(column, front_matter(VALID) + BODY)
    assert entry is not None and diagnostics == []


@fuzz
@given(key=st.sampled_from([*KEYS, "题目", "ID", "名称"]), value=values)
def test_any_value_for_any_key(column: Path, key: str, value: object) -> None:
    assert_answered(column, front_matter({**VALID, key: value}) + BODY)


@fuzz
@given(data=st.dictionaries(st.sampled_from(KEYS), values, max_size=len(KEYS)))
def test_any_front_matter(column: Path, data: dict[str, object]) -> None:
    assert_answered(column, front_matter(data) + BODY)


@fuzz
@given(line=st.integers(0, 20), text=st.text(max_size=40), body=st.text(max_size=60))
def test_a_random_line_and_body(column: Path, line: int, text: str, body: str) -> None:
    lines = (front_matter(VALID) + body).split("\n")
    lines.insert(min(line, len(lines)), text)
    assert_answered(column, "\n".join(lines))
