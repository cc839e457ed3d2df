"""Fixture entries (``tests/fixtures/entries/*.md``) against their exact expected diagnostics.

Each ``<element>_<problem>.md`` is one entry file (公开信息) with one problem (or none:
``valid_*``), paired with ``<element>_<problem>.expected``: one line per diagnostic, in the
human format of :meth:`Diagnostic.format` with the file shown as the fixture's name, sorted by
line, column and code. An entry is checked on its own (:func:`validate_entry`) and then across
the catalogue as if it were the only entry (:func:`check_entries`, in production, on
:data:`TODAY`), as it sits in the column of :data:`ITEMS`; attachments are the files of
``entries/附件/``. Add a case by adding the two files (and, for a limit, a line in :data:`LIMITS`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.check.diagnostics import Diagnostic, has_errors
from generator.check.entries import check_entries
from generator.check.entry import validate_entry
from generator.load.entries import read_entry_file
from generator.load.files import FileGate
from generator.model.entries import Entry
from generator.model.limits import DEFAULT_LIMITS, Limits

from .helpers import FIXTURES, HAN, formatted, read_expected

ENTRIES = FIXTURES / "entries"
#: The items of the column the fixtures stand in.
ITEMS = frozenset({"bzxzf-pjgl-zgsh", "bzxzf-pjgl-lhqk"})
#: The catalogue's other items: id → (column title, column folder).
ELSEWHERE = {"bzxzf-zlbt-btff": ("租赁补贴", "catalogue/保障性住房/租赁补贴")}
TODAY = dt.date(2025, 6, 1)
#: Fixtures read at other limits than the defaults.
LIMITS: dict[str, Limits] = {"附件_too_big.md": Limits(attachment_bytes=10)}

#: What :func:`check_entries` reports (the entry was read, then found wrong among the others).
ACROSS = frozenset(
    {"duplicate-id", "entry-related-unknown", "entry-replacement-unknown", "entry-review-missing", "entry-future-date"}
)

FIXTURE_NAMES = sorted(p.name for p in ENTRIES.glob("*.md"))
EXPECTATION_NAMES = sorted(p.name for p in ENTRIES.glob("*.expected"))


def check_entry_fixture(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[Entry | None, list[Diagnostic]]:
    """Read and check one fixture entry as the catalogue loader does, showing just its file name."""
    gate = FileGate.within(ENTRIES, limits=limits)
    entry_file, problems = read_entry_file(path, path.name, gate)
    if entry_file is None:
        return None, problems
    entry, more = validate_entry(entry_file, ITEMS, gate, elsewhere=ELSEWHERE)
    if has_errors(problems):  # the reader's own errors (a key twice) are the caller's to weigh, as the loader does
        entry = None
    across = check_entries([entry], production=True, today=TODAY) if entry is not None else []
    return entry, [*problems, *more, *across]


def test_there_are_fixtures() -> None:
    assert len(FIXTURE_NAMES) >= 17


def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture() -> None:
    assert [n for n in FIXTURE_NAMES if not (ENTRIES / n).with_suffix(".expected").exists()] == []
    assert [n for n in EXPECTATION_NAMES if not (ENTRIES / n).with_suffix(".md").exists()] == []


def test_nothing_but_fixtures_expectations_and_attachments() -> None:
    others = sorted(p.name for p in ENTRIES.iterdir() if p.suffix not in (".md", ".expected") and p.name != "附件")
    assert others == []
    assert [p.name for p in (ENTRIES / "附件").iterdir()] == ["审核结果名单.pdf"]


def test_limits_name_existing_fixtures() -> None:
    assert sorted(set(LIMITS) - set(FIXTURE_NAMES)) == []


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_diagnostics(name: str) -> None:
    path = ENTRIES / name
    _, diagnostics = check_entry_fixture(path, LIMITS.get(name, DEFAULT_LIMITS))
    assert formatted(diagnostics) == read_expected(path.with_suffix(".expected"))


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_invariants(name: str) -> None:
    """Whatever the input: Chinese diagnostics with a hint, inside the file's lines, and an
    entry exactly when no error."""
    path = ENTRIES / name
    entry, diagnostics = check_entry_fixture(path, LIMITS.get(name, DEFAULT_LIMITS))
    lines = path.read_text(encoding="utf-8").count("\n") + 1
    for d in diagnostics:
        assert d.file == name, d.format()
        assert 1 <= d.line <= lines and d.column >= 1, d.format()
        assert HAN.search(d.message), d.format()
        assert d.hint and HAN.search(d.hint), d.format()
    on_its_own = [d for d in diagnostics if d.code not in ACROSS]
    assert (entry is None) == has_errors(on_its_own)


def test_the_valid_fixtures_are_read_whole() -> None:
    entry, diagnostics = check_entry_fixture(ENTRIES / "valid_full.md")
    assert diagnostics == [] and entry is not None
    assert (entry.id, entry.title, entry.category, entry.doc_no, entry.start) == (
        "pjgl-20250312-1",
        "关于第三批公租房承租资格审核结果的公示",
        "公示公告",
        "示建保〔2025〕3号",
        "2025-03-05",
    )
    assert [(a.name, a.path, a.kind) for a in entry.attachments] == [("审核结果名单", "附件/审核结果名单.pdf", "PDF")]
    assert entry.url.startswith("https://") and entry.review is not None
