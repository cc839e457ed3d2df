"""Never a traceback: whatever bytes an editor saves, gkml answers with located diagnostics."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check.diagnostics import Diagnostic

from .helpers import HAN, RECORDS, check_bytes

VALID_FULL = (RECORDS / "valid_full.yaml").read_bytes()
VALID_LINES = VALID_FULL.decode().splitlines(keepends=True)

#: Characters editors' mistakes are made of, plus the keys and marks of a record.
_PIECES = [
    *"ab:- \n\r\t[]{}'\"#&*!|>?,%@`　：●〇■□《》（）",
    "id",
    "名称",
    "内容",
    "依据",
    "渠道",
    "对象",
    "政府网站",
    "其他",
    "特定群体",
    "标题",
    "网址",
    "栏目",
    "\ufeff",
]
yamlish = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)

#: Quick and side-effect free: no example database is written into the work tree.
fuzz = settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def assert_well_formed(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        assert d.line >= 1 and d.column >= 1, d
        assert d.message and HAN.search(d.message), d
        assert d.code and d.file == "t.yaml"


@fuzz
@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    _, diagnostics = check_bytes(raw)
    assert_well_formed(diagnostics)


@fuzz
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    _, diagnostics = check_bytes(text.encode("utf-8", "surrogatepass"))
    assert_well_formed(diagnostics)


@fuzz
@given(yamlish)
def test_yaml_like_text_never_raises(text: str) -> None:
    _, diagnostics = check_bytes(text.encode())
    assert_well_formed(diagnostics)


@fuzz
@given(st.integers(0, len(VALID_LINES) - 1), yamlish)
def test_valid_record_with_one_line_replaced_never_raises(index: int, text: str) -> None:
    lines = list(VALID_LINES)
    lines[index] = text + "\n"
    _, diagnostics = check_bytes("".join(lines).encode())
    assert_well_formed(diagnostics)


def test_truncated_at_every_byte_never_raises() -> None:
    for offset in range(len(VALID_FULL) + 1):
        _, diagnostics = check_bytes(VALID_FULL[:offset])
        assert_well_formed(diagnostics)


def test_every_line_removed_or_doubled_never_raises() -> None:
    for i in range(len(VALID_LINES)):
        for lines in (VALID_LINES[:i] + VALID_LINES[i + 1 :], VALID_LINES[: i + 1] + VALID_LINES[i:]):
            _, diagnostics = check_bytes("".join(lines).encode())
            assert_well_formed(diagnostics)


def test_truncated_diagnostics_stay_inside_the_file() -> None:
    outside = []
    for offset in range(len(VALID_FULL) + 1):
        raw = VALID_FULL[:offset]
        last_line = raw.count(b"\n") + 1  # the empty line after a final newline counts: editors show it
        _, diagnostics = check_bytes(raw)
        outside += [(offset, d.format()) for d in diagnostics if d.line > last_line]
    assert outside == []
