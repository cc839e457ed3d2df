"""时限核对 on whole catalogues: ``tests/fixtures/deadlines/<case>/`` checked as of a fixed day
against ``<case>.expected`` (every diagnostic of ``gkml check``, paths relative to that folder).

One case per kind of finding: late entries (working days, calendar days moved past a holiday, a
labelled part of a 时限, parts that set no deadline), late 解读, periodic items with missing
periods, blank items and columns, a catalogue without entries, a year nobody knows, and the same
year from the bureau's ``_calendar.yaml``. None of them fails a check, even with ``--strict``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.check.diagnostics import Diagnostic, fails
from generator.check.messages import MESSAGES
from generator.check.run import check_catalogue
from generator.model.records import Catalogue

from .helpers import FIXTURES, formatted, read_expected

DEADLINES = FIXTURES / "deadlines"
CASES = sorted(p.name for p in DEADLINES.iterdir() if p.is_dir())
#: The day each case is checked as of (Beijing time).
TODAY = dt.date(2026, 6, 30)
#: Cases about 2027, a year the package does not know.
TODAY_OF = {"calendar_year_unknown": dt.date(2027, 3, 1), "calendar_bureau_year": dt.date(2027, 3, 1)}
#: What this module finds (the codes it shares with other checks, such as entry-future-date, excepted).
CODES = {
    "entry-late",
    "interpretation-late",
    "item-period-missing",
    "item-no-entry",
    "column-no-entry",
    "catalogue-no-entry",
    "calendar-year-unknown",
}


def check(case: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Catalogue | None, list[Diagnostic]]:
    monkeypatch.chdir(DEADLINES)
    return check_catalogue(Path(case), git_dates=False, today=TODAY_OF.get(case, TODAY))


def test_every_case_has_an_expectation_and_back() -> None:
    assert sorted(p.stem for p in DEADLINES.glob("*.expected")) == CASES


@pytest.mark.parametrize("case", CASES)
def test_findings_with_their_arithmetic(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue, diagnostics = check(case, monkeypatch)
    assert formatted(diagnostics) == read_expected(DEADLINES / f"{case}.expected")
    assert catalogue is not None


@pytest.mark.parametrize("case", CASES)
def test_findings_never_fail_a_check_or_strict(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _, diagnostics = check(case, monkeypatch)
    assert not fails(diagnostics, strict=True)


def test_every_kind_of_finding_has_a_case_and_is_dated(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = {d.code for case in CASES for d in check(case, monkeypatch)[1]}
    assert CODES <= seen
    assert all(MESSAGES[code].dated for code in CODES)


def test_the_bureaus_year_replaces_the_unknown_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same entries: unchecked and counted without the file, checked with it."""
    _, unknown = check("calendar_year_unknown", monkeypatch)
    _, known = check("calendar_bureau_year", monkeypatch)
    assert [d.code for d in unknown if d.code != "entry-late"] == ["calendar-year-unknown"]
    assert not any(d.code == "calendar-year-unknown" for d in known)
    assert sum(d.code == "entry-late" for d in known) > sum(d.code == "entry-late" for d in unknown)


def test_a_site_on_trial_without_entries_is_told_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(DEADLINES)
    trial = tmp_path / "trial"
    for path in Path("catalogue_no_entry").rglob("*.yaml"):
        target = trial / path.relative_to("catalogue_no_entry")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8").replace("状态: 正式\n", ""), encoding="utf-8")
    _, diagnostics = check_catalogue(trial, git_dates=False, today=TODAY)
    assert [d.code for d in diagnostics if d.code in CODES] == []
