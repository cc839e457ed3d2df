"""The theme files gkml replaces whole are recorded with the theme version they came from."""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
OVERRIDES = ROOT / "overrides"
UPSTREAM = yaml.safe_load((ROOT / "tests" / "fixtures" / "theme" / "upstream.yaml").read_text(encoding="utf-8"))
THEMES = {"material": "material", "zensical": "zensical"}  # key in upstream.yaml → package holding templates/


def test_every_replaced_partial_is_recorded() -> None:
    partials = sorted(p.relative_to(OVERRIDES).as_posix() for p in (OVERRIDES / "partials").rglob("*.html"))
    assert partials == sorted(UPSTREAM), "record each replaced theme file in tests/fixtures/theme/upstream.yaml"


@pytest.mark.parametrize("theme", sorted(THEMES))
@pytest.mark.parametrize("name", sorted(UPSTREAM))
def test_the_installed_theme_file_is_the_one_gkml_was_made_from(name: str, theme: str) -> None:
    package = importlib.import_module(THEMES[theme])
    installed = Path(package.__file__).parent / "templates" / name
    recorded = UPSTREAM[name][theme]
    digest = hashlib.sha256(installed.read_bytes()).hexdigest()
    assert digest == recorded["sha256"], (
        f"{theme} 的 {name} 与 gkml 的替换文件所依据的版本（{recorded['version']}）不同："
        f"请把主题的改动合并到 overrides/{name}，再在 tests/fixtures/theme/upstream.yaml 中记下新版本和哈希值。"
    )
