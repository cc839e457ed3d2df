"""Helpers shared by the unit tests: fixture locations, diagnostics in a stable order,
reading and writing fixture records and catalogue trees."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

import pytest

from generator.check.diagnostics import Diagnostic, has_errors
from generator.check.record import validate_record
from generator.check.run import check_content
from generator.load.catalogue import load_catalogue
from generator.load.files import FileGate
from generator.load.yamlfile import parse_yaml, read_yaml
from generator.model.records import Catalogue

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
RECORDS = FIXTURES / "records"
TREES = FIXTURES / "trees"
GOLDEN = ROOT / "tests" / "golden"
CATALOGUE = ROOT / "catalogue"

#: One Han character: every message shown to an editor is in Chinese.
HAN = re.compile(r"[\u4e00-\u9fff]")


# -- diagnostics ---------------------------------------------------------------------------


def diag_order(d: Diagnostic) -> tuple[str, int, int, str, str]:
    """Place, then code, then text (a stable order for diagnostics at the same place)."""
    return (d.file, d.line, d.column, d.code, d.format())


def formatted(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """The human one-line form of each diagnostic, in a stable order."""
    return [d.format() for d in sorted(diagnostics, key=diag_order)]


def read_expected(path: Path) -> list[str]:
    """The non-empty lines of a sidecar ``.expected`` file."""
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def check_bytes(raw: bytes, name: str = "t.yaml") -> tuple[object, list[Diagnostic]]:
    """Parse and validate an item file's bytes, as the catalogue loader does."""
    doc, diagnostics = parse_yaml(raw, name)
    if doc is None:
        return None, diagnostics
    record, more = validate_record(doc)
    return (None if has_errors(diagnostics) else record), diagnostics + more


def check_file(path: Path) -> tuple[object, list[Diagnostic]]:
    """Read and validate a fixture record, showing just its file name."""
    doc, diagnostics = read_yaml(path, display=path.name)
    if doc is None:
        return None, diagnostics
    record, more = validate_record(doc)
    return (None if has_errors(diagnostics) else record), diagnostics + more


def load_tree(
    case: str, monkeypatch: pytest.MonkeyPatch, tmp: Path | None = None
) -> tuple[Catalogue | None, list[Diagnostic]]:
    """Load ``tests/fixtures/trees/<case>``, with paths shown relative to the trees folder; the
    case's folder is the repository (links may not lead out of it).

    A case with hand-written pages has them in ``<case>/content/``, beside its catalogue in
    ``<case>/catalogue/``: they are checked after the catalogue, as a build checks them. A case
    with links (``<case>.links``: ``link -> target`` lines) is loaded from a copy in ``tmp``
    where the links are made (git cannot store links portably)."""
    links = TREES / f"{case}.links"
    if links.is_file():
        assert tmp is not None, f"{case} has links: give load_tree a temporary folder"
        shutil.copytree(TREES / case, tmp / case)
        make_links(tmp / case, links)
    monkeypatch.chdir(tmp if links.is_file() else TREES)
    gate = FileGate.within(Path(case))
    if not Path(case, "content").is_dir():
        return load_catalogue(Path(case), git_dates=False, gate=gate)
    catalogue, diagnostics = load_catalogue(Path(case) / "catalogue", git_dates=False, gate=gate)
    if catalogue is not None:
        site = catalogue.site
        diagnostics += check_content(Path(case) / "content", production=site.production, site=site, gate=gate)
    return (None if has_errors(diagnostics) else catalogue), diagnostics


def make_links(root: Path, listing: Path) -> None:
    """Make the links that ``listing`` names (``link -> target`` lines, ``#`` comments) below ``root``."""
    for line in read_expected(listing):
        if not line.startswith("#"):
            link, target = (part.strip() for part in line.split(" -> "))
            (root / link).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(target, root / link)


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write a small catalogue: ``{relative path: text or bytes}``."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def load_benchmark(name: str) -> ModuleType:
    """``benchmarks/<name>.py``, loaded under a name of its own (``gkml_<name>_bench``)."""
    spec = importlib.util.spec_from_file_location(f"gkml_{name}_bench", BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
