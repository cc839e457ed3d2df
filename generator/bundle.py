"""The offline bundle (``gkml bundle``): gkml and every package it needs, as wheels, for a machine without PyPI.

Made with pip itself, on a machine that can reach PyPI (or a mirror): gkml's own wheel is built
from the clone (``pip wheel --no-deps``), then ``pip download --only-binary=:all:`` collects the
wheels of its dependencies for the platform and Python version asked for (by default this
machine's), and setuptools, with which a clone can also be installed in editable mode offline.
The bundle folder gets a 安装说明.txt; on the other machine::

    python3 -m venv .venv
    .venv/bin/python -m pip install --no-index --find-links 离线安装包 gkml

Only binary wheels are collected (nothing is compiled on the machine without PyPI), so a platform
for which some dependency publishes no wheel cannot be bundled: pip says which one.
A bundle folder is gkml's own (a marker file, :data:`MARKER`): making it again reuses the wheels
already there; a folder that holds other files is refused.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import generator

#: Short names of the platforms bureaus have, for ``--platform`` (pip's tags may be given as well).
#: glibc 2.28: 统信 UOS 20 and 银河麒麟 V10 (and Debian 10) have it or newer; pip also accepts older manylinux tags.
PLATFORMS: dict[str, tuple[str, ...]] = {
    "windows": ("win_amd64",),
    "linux-x86_64": ("manylinux_2_28_x86_64",),
    "linux-aarch64": ("manylinux_2_28_aarch64",),
}
#: The file that marks a folder as a bundle gkml made.
MARKER = ".gkml-bundle"
#: The instructions written into the bundle.
README = "安装说明.txt"
#: What a clone needs to be installed from source (pyproject.toml's build-system.requires).
BUILD_REQUIREMENTS = ("setuptools>=68",)


class BundleError(Exception):
    """The bundle cannot be made (the message says why, in Chinese)."""


@dataclass(frozen=True)
class Target:
    """The machine the bundle is for: pip's platform tags (empty: this machine) and Python version."""

    platforms: tuple[str, ...] = ()
    python_version: str = ""

    def pip_options(self) -> list[str]:
        """The options of ``pip download`` that choose the wheels for this target."""
        options: list[str] = []
        for tag in self.platforms:
            options += ["--platform", tag]
        if self.python_version:
            options += ["--python-version", self.python_version]
        if self.platforms or self.python_version:
            options += ["--implementation", "cp"]
        return options


def target(platform: str | None, python_version: str | None) -> Target:
    """The :class:`Target` of ``--platform`` (a short name of :data:`PLATFORMS` or pip's tags, comma separated)
    and ``--python-version`` (``3.11``; by default this Python's ``X.Y``).

    The version is given to pip as ``X.Y``, which it reads as ``X.Y.0``: the packages chosen suit every
    release of that Python (a package may require a later one: pymdown-extensions 13.1 needs 3.11.5,
    and Debian 12 has 3.11.2)."""
    tags: tuple[str, ...] = ()
    if platform:
        tags = PLATFORMS.get(platform) or tuple(t.strip() for t in platform.split(",") if t.strip())
    return Target(tags, python_version or "{}.{}".format(*sys.version_info[:2]))


def project_root() -> Path:
    """The clone gkml runs from (where its pyproject.toml is), or :class:`BundleError`."""
    root = Path(generator.__file__).resolve().parent.parent
    if not (root / "pyproject.toml").is_file():
        raise BundleError(
            f"找不到 gkml 的源代码（{root / 'pyproject.toml'}）：离线安装包要在 gkml 仓库的克隆中制作，"
            "请在克隆中安装 gkml（python3 -m generator.bootstrap）后再运行 gkml bundle。"
        )
    return root


def check_destination(dest: Path) -> None:
    """Refuse a destination that is a file, or a folder with files that are not a bundle's."""
    if dest.exists() and not dest.is_dir():
        raise BundleError(f"{dest.as_posix()} 不是文件夹。")
    if dest.is_dir() and any(dest.iterdir()) and not (dest / MARKER).is_file():
        raise BundleError(
            f"文件夹 {dest.as_posix()} 中已有其他文件：请指定一个新的或空的文件夹（gkml 不改动其他文件）。"
        )


def instructions(target: Target) -> str:
    """安装说明.txt: how to install from the bundle, on Linux and on Windows."""
    made_for = "、".join(target.platforms) or "与制作它的电脑相同的系统"
    python = target.python_version or "{}.{}".format(*sys.version_info[:2])
    return (
        "gkml 离线安装包\n"
        "================\n\n"
        f"适用于：{made_for}，Python {python}（其他版本的 Python 请重新制作安装包）。\n\n"
        "Linux（统信 UOS、麒麟、Debian、Ubuntu），在这个文件夹的上一级文件夹中运行：\n\n"
        "    python3 -m venv .venv\n"
        "    .venv/bin/python -m pip install --no-index --find-links {文件夹} gkml\n"
        "    .venv/bin/gkml --help\n\n"
        "Windows（PowerShell）：\n\n"
        "    py -m venv .venv\n"
        "    .venv\\Scripts\\python -m pip install --no-index --find-links {文件夹} gkml\n"
        "    .venv\\Scripts\\gkml --help\n\n"
        "{文件夹} 换成这个文件夹的名称。安装时不访问网络。\n"
    )


def _pip(args: Sequence[str], *, quiet: bool) -> None:
    import subprocess  # here: `gkml --help` imports this module for the names of the platforms

    command = [sys.executable, "-m", "pip", *args, "--disable-pip-version-check", *(["-q"] if quiet else [])]
    if subprocess.call(command, stdin=subprocess.DEVNULL) != 0:
        raise BundleError(f"pip 没有完成（见上面 pip 的输出）：{' '.join(command[2:])}")


def make_bundle(dest: Path, target: Target, *, quiet: bool) -> list[Path]:
    """Build gkml's wheel and download its dependencies' wheels for ``target`` into ``dest``.
    Returns the wheels in ``dest``, sorted; :class:`BundleError` when it cannot be made."""
    root = project_root()
    check_destination(dest)
    dest.mkdir(parents=True, exist_ok=True)
    (dest / MARKER).write_text("gkml bundle：gkml 制作的离线安装包（可删除）。\n", encoding="utf-8")
    for old in dest.glob("gkml-*.whl"):  # this clone's wheel replaces an older one
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="gkml-bundle-") as copy:
        # built from a copy: setuptools writes build/ and *.egg-info beside the sources, not in the clone
        source = Path(copy)
        for name in ("pyproject.toml", "README.md"):
            shutil.copy(root / name, source / name)
        shutil.copytree(root / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
        _pip(["wheel", "--no-deps", "-w", str(dest.resolve()), str(source)], quiet=quiet)
    (wheel,) = dest.glob("gkml-*.whl")
    options = ["--only-binary=:all:", "-d", str(dest), *target.pip_options()]
    _pip(["download", *options, str(wheel), *BUILD_REQUIREMENTS], quiet=quiet)
    (dest / README).write_text(instructions(target), encoding="utf-8", newline="\r\n" if os.name == "nt" else None)
    return sorted(dest.glob("*.whl"))
