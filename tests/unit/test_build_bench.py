"""The build benchmark's anchors (benchmarks/build.py): plain MkDocs + Material projects made from
the synthetic records, which gkml's build time is compared with. The ratio means something only if
the anchor publishes what it says: every item, and with ``--plain-pages`` a page of its own for each."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .helpers import load_benchmark

ITEMS = 120
LINK = re.compile(r"\]\(([^)]+)\)")


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """benchmarks/build.py."""
    return load_benchmark("build")


def _names(bench: ModuleType) -> list[str]:
    return [str(data["名称"]) for *_, data in bench.synth.iter_records(ITEMS, 1)]


def test_the_page_per_item_anchor_has_a_page_for_each_item_linked_from_its_column(
    bench: ModuleType, tmp_path: Path
) -> None:
    config = bench.plain_project(tmp_path, ITEMS, 1, item_pages=True)
    docs = config.parent / "docs"
    pages = sorted(docs.glob("area*/cat*/*.md"))
    titles = [page.read_text(encoding="utf-8").split("\n", 1)[0] for page in pages]
    assert sorted(titles) == sorted(f"# {name}" for name in _names(bench))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert [line.split("：", 1)[0] for line in text.splitlines()[1:] if line] == [
            f"- {label}" for label in bench.PLAIN_LABELS
        ]
    linked = set()
    for column in sorted(docs.glob("area*/cat*.md")):
        for target in LINK.findall(column.read_text(encoding="utf-8")):
            assert (column.parent / target).is_file(), target
            linked.add((column.parent / target).resolve())
    assert linked == {page.resolve() for page in pages}
    nav = config.read_text(encoding="utf-8").split("\nnav:\n", 1)[1].splitlines()
    assert len(nav) == 1 + 5 + 50  # the home page, the areas and the columns: not the items


def test_the_51_page_anchor_holds_every_item_as_a_section_of_its_column(bench: ModuleType, tmp_path: Path) -> None:
    config = bench.plain_project(tmp_path, ITEMS, 1)
    docs = config.parent / "docs"
    assert len(list(docs.rglob("*.md"))) == 51
    sections = [
        line.removeprefix("## ")
        for column in docs.glob("area*/cat*.md")
        for line in column.read_text(encoding="utf-8").splitlines()
        if line.startswith("## ")
    ]
    assert sorted(sections) == sorted(_names(bench))


def test_mkdocs_builds_a_page_for_each_item_of_the_page_per_item_anchor(bench: ModuleType, tmp_path: Path) -> None:
    config = bench.plain_project(tmp_path, ITEMS, 1, item_pages=True)
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)], check=True)
    assert len(list(site.glob("area*/cat*/*/index.html"))) == ITEMS
