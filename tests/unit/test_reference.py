"""The editors' reference of the record format, generated from the schema."""

from __future__ import annotations

import re

import pytest

from generator.commands.main import main
from generator.edit.reference import entry_reference, record_reference
from generator.model import vocab
from generator.model.entries import ENTRY_FIELDS
from generator.model.records import META_FIELDS, RECORD_FIELDS, SITE_FIELDS

from .helpers import ROOT

START, END = "<!-- gkml:reference:start -->", "<!-- gkml:reference:end -->"


@pytest.fixture(scope="module")
def reference() -> str:
    return record_reference()


@pytest.mark.parametrize("spec", [*RECORD_FIELDS, *META_FIELDS, *SITE_FIELDS], ids=lambda f: f.key)
def test_every_key_is_documented(reference: str, spec) -> None:
    assert f"| `{spec.key}` | {spec.label} | {'是' if spec.required else '否'} |" in reference


@pytest.mark.parametrize("channel", vocab.CHANNELS)
def test_every_channel_is_listed(reference: str, channel: str) -> None:
    (line,) = [line for line in reference.splitlines() if line.startswith("- 公开渠道")]
    assert channel in line.split("：", 1)[1].split("、")


def test_vocabularies_and_marks_are_listed(reference: str) -> None:
    for term in (*vocab.METHODS, *vocab.AUDIENCES, *vocab.LEVELS, vocab.CONTENT_LEGEND, vocab.CHANNEL_LEGEND):
        assert term in reference


def test_tables_are_well_formed(reference: str) -> None:
    """Every row has as many cells as the header: a '|' in a description or example is escaped."""
    rows = [line for line in reference.splitlines() if line.startswith("|")]
    assert len(rows) == 2 + len(RECORD_FIELDS) + 2 + len(META_FIELDS) + 2 + len(SITE_FIELDS)
    for row in rows:
        assert len(re.split(r"(?<!\\)\|", row)) == 7, row


def test_reference_ends_with_one_newline(reference: str) -> None:
    assert reference.endswith("\n") and not reference.endswith("\n\n")


def test_cli_prints_the_reference(capsys: pytest.CaptureFixture[str], reference: str) -> None:
    assert main(["reference"]) == 0
    assert capsys.readouterr().out == reference


def _readme_section() -> str | None:
    readme = ROOT / "README.md"
    if not readme.exists():
        return None
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        return None
    return text.split(START, 1)[1].split(END, 1)[0]


def test_readme_reference_is_up_to_date(reference: str) -> None:
    section = _readme_section()
    assert section is not None, "README.md lacks the gkml:reference markers"
    assert section.strip("\n") == reference.strip("\n"), "README.md is stale: paste the output of `gkml reference`"


# -- entries (公开信息) ------------------------------------------------------------------------

ENTRY_START, ENTRY_END = "<!-- gkml:entry-reference:start -->", "<!-- gkml:entry-reference:end -->"


@pytest.mark.parametrize("spec", ENTRY_FIELDS, ids=lambda f: f.key)
def test_every_entry_key_is_documented(spec) -> None:
    assert f"| `{spec.key}` | {spec.label}" in entry_reference()


def test_the_publishing_guide_shows_the_current_entry_reference(capsys: pytest.CaptureFixture[str]) -> None:
    """使用说明 › 发布公开信息 (content/guide/entries.md) carries the table gkml reference --entries prints."""
    assert main(["reference", "--entries"]) == 0
    printed = capsys.readouterr().out
    assert printed == entry_reference()
    guide = (ROOT / "content" / "guide" / "entries.md").read_text(encoding="utf-8")
    section = guide.split(ENTRY_START, 1)[1].split(ENTRY_END, 1)[0]
    assert section.strip("\n") == printed.strip("\n"), (
        "content/guide/entries.md is stale: paste the output of `gkml reference --entries` between its markers"
    )
