"""Shared fixtures of the unit tests of gkml's domain core.

The tests are data-first: fixture records and catalogue trees live in
``tests/fixtures``, their expected diagnostics in sidecar ``.expected`` files, and
the rendered HTML of a small fixed catalogue in ``tests/golden``. Regenerate the
golden files after an intended template change with::

    python3 -m pytest tests/unit --update-goldens
"""

from __future__ import annotations

import pytest

from generator.load.catalogue import load_catalogue
from generator.model.records import Catalogue

from .helpers import RECORDS, TREES, formatted


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.html from the current renderer instead of comparing",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    # ``default`` keeps the fixture usable when this conftest was not an initial one
    return bool(request.config.getoption("--update-goldens", default=False))


# -- shared data ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def valid_minimal() -> str:
    """A small valid item file (only the required keys), as text."""
    return (RECORDS / "valid_minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def golden_catalogue() -> Catalogue:
    """The fixed catalogue of ``trees/golden_site`` (no git dates: every record has its own)."""
    catalogue, diagnostics = load_catalogue(TREES / "golden_site", git_dates=False)
    assert catalogue is not None, formatted(diagnostics)
    return catalogue
