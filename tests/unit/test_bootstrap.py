"""``python3 -m generator.bootstrap``: what it says where it cannot go on, and that it needs only the standard
library (it runs before gkml's dependencies are installed). The whole command on Debian's Python:
tests/install/test_readme_install.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator import bootstrap

from .helpers import ROOT


def test_without_ensurepip_it_says_the_apt_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(bootstrap, "has_ensurepip", lambda: False)
    monkeypatch.setattr(bootstrap, "install_venv_package", lambda: False)
    assert not bootstrap.create_venv(tmp_path / ".venv")
    package = f"python{sys.version_info[0]}.{sys.version_info[1]}-venv"
    err = capsys.readouterr().err
    assert f"\n  sudo apt install {package}\n" in err
    assert err.startswith("错误：这个 Python 不能创建带 pip 的虚拟环境（缺少 ensurepip）。")
    assert not (tmp_path / ".venv").exists()


def test_a_folder_that_is_not_a_venv_is_left_alone(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    venv = tmp_path / ".venv"
    venv.mkdir()
    (venv / "notes.txt").write_text("mine", encoding="utf-8")
    assert not bootstrap.create_venv(venv)
    assert "已存在，但不是虚拟环境" in capsys.readouterr().err
    assert (venv / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_an_old_python_is_told_the_version_needed() -> None:
    assert bootstrap.too_old_message((3, 8)).startswith("错误：gkml 需要 Python 3.10 或更新的版本，这里是 3.8。")


def test_it_imports_the_standard_library_only() -> None:
    code = (
        "import sys; before = set(sys.modules); import generator.bootstrap; "
        "print(sorted(m for m in set(sys.modules) - before if m.split('.')[0] not in sys.stdlib_module_names))"
    )
    done = subprocess.run([sys.executable, "-S", "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['generator', 'generator.bootstrap']"


def test_the_old_syntax_of_pythons_it_turns_away() -> None:
    """Python 3.8 must be able to read the module to say it is too old (no ``match``, no runtime ``X | Y``)."""
    source = (ROOT / "generator" / "bootstrap.py").read_text(encoding="utf-8")
    import ast

    ast.parse(source, feature_version=(3, 8))
    assert "from __future__ import annotations" in source


def test_a_venv_without_pip_is_tried_again_after_installing_the_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Debian: ``import ensurepip`` works, ``python3 -m venv`` fails until python3.X-venv is installed."""
    made: list[Path] = []
    installed: list[bool] = []

    def make(venv: Path) -> bool:
        made.append(venv)
        return bool(installed)

    monkeypatch.setattr(bootstrap, "has_ensurepip", lambda: True)
    monkeypatch.setattr(bootstrap, "_make_venv", make)
    monkeypatch.setattr(bootstrap, "install_venv_package", lambda: installed.append(True) or True)
    assert bootstrap.create_venv(tmp_path / ".venv")
    assert len(made) == 2 and installed == [True]
