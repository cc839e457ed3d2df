"""``python3 -m generator.bootstrap [gkml 的参数…]``: install gkml into ``.venv/`` and run it, with the system Python.

The README's first command. Debian 12, Ubuntu 24.04 and 统信 UOS forbid ``pip install`` into the
system Python (PEP 668, ``externally-managed-environment``) and may have no pip at all; a virtual
environment of the project's own is the way they intend. This module, run from a clone's top
folder, therefore:

1. creates ``.venv/`` beside ``pyproject.toml`` (when it is missing, or is an unfinished one);
   where the ``venv`` module cannot make one with pip (Debian's ``python3-venv`` is a package of
   its own) it installs that package when run as root with ``apt-get``, or says the one line to run;
2. installs gkml into it (``pip install -e .``, again only when ``pyproject.toml`` changed since);
3. runs ``gkml`` there with the arguments given (by default ``serve``).

It lives in the package (top-level files of the repository are fixed) and is run with ``-m`` from
the clone's top folder, where Python finds ``generator/`` without installing it: so it, and
``generator/__init__.py``, import the standard library only, and its syntax is kept readable by
old Pythons so that they get the Chinese message about the version instead of a SyntaxError.
Environment variables of pip (``PIP_INDEX_URL``, ``PIP_FIND_LINKS``, ``PIP_NO_INDEX``…) apply as
usual, so an intranet mirror or an offline bundle (``gkml bundle``) is used the same way.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

#: The oldest Python gkml runs on (pyproject.toml's requires-python).
MINIMUM_PYTHON = (3, 10)
#: The project's virtual environment, in the clone's top folder (git-ignored).
VENV_NAME = ".venv"
#: Written into the environment after a successful install: the hash of pyproject.toml it was made from.
STAMP_NAME = "gkml-bootstrap.txt"


def say(text: str) -> None:
    """A line for the person at the terminal (standard error; a narrow console encoding shows “?”, never fails)."""
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    print(text.encode(encoding, "replace").decode(encoding), file=sys.stderr, flush=True)


def project_root() -> Path:
    """The clone's top folder: the one holding ``generator/`` and ``pyproject.toml``."""
    return Path(__file__).resolve().parent.parent


def venv_python(venv: Path) -> Path:
    """The Python of the virtual environment ``venv`` (``Scripts\\python.exe`` on Windows)."""
    if os.name == "nt":
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


def venv_package() -> str:
    """The Debian/Ubuntu package that gives this Python ``venv`` with pip (``python3.11-venv``)."""
    return f"python{sys.version_info[0]}.{sys.version_info[1]}-venv"


def venv_missing_message() -> str:
    """What to do when this Python cannot make a virtual environment with pip."""
    package = venv_package()
    return (
        "错误：这个 Python 不能创建带 pip 的虚拟环境（缺少 ensurepip）。"
        "在 Debian、Ubuntu、统信 UOS、麒麟上请先运行：\n"
        f"  sudo apt install {package}\n"
        "然后再运行一次本命令。（以 root 身份运行本命令时会自动安装。）"
    )


def too_old_message(version: tuple[int, ...]) -> str:
    """What to say to a Python older than :data:`MINIMUM_PYTHON`."""
    return (
        f"错误：gkml 需要 Python {MINIMUM_PYTHON[0]}.{MINIMUM_PYTHON[1]} 或更新的版本，"
        f"这里是 {version[0]}.{version[1]}。"
        "请安装较新的 Python（Debian 12、Ubuntu 22.04 及以后的版本自带的即可；"
        "Windows 从 https://www.python.org/ 下载），再用它运行本命令。"
    )


def has_ensurepip() -> bool:
    """Whether this Python can put pip into a new virtual environment."""
    try:
        import ensurepip  # noqa: F401
    except ImportError:
        return False
    return True


def install_venv_package() -> bool:
    """As root on a system with apt-get: install :func:`venv_package`. True when it was installed."""
    if os.name == "nt" or not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    package = venv_package()
    say(f"正在安装 {package}（创建虚拟环境需要）…")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", package]):
        if subprocess.call(command, env=env, stdin=subprocess.DEVNULL) != 0:
            return False
    return True


def _is_our_venv(venv: Path) -> bool:
    return (venv / "pyvenv.cfg").is_file()


def _make_venv(venv: Path) -> bool:
    if venv.exists():  # an unfinished environment (no Python in it): made again
        shutil.rmtree(venv)
    say(f"正在创建虚拟环境 {venv} …")
    done = subprocess.call([sys.executable, "-m", "venv", str(venv)], stdin=subprocess.DEVNULL)
    if done == 0 and venv_python(venv).exists():
        return True
    shutil.rmtree(venv, ignore_errors=True)
    return False


def create_venv(venv: Path) -> bool:
    """Make the virtual environment ``venv`` with pip. False (after saying why) when it cannot be made.

    Debian's Python may have the ``ensurepip`` module and still fail to make an environment with pip (the
    wheels it installs are in ``python3.X-venv``): a failure is tried once more after installing that package
    (as root), else the apt line is said."""
    if venv.exists() and not _is_our_venv(venv):
        say(f"错误：{venv} 已存在，但不是虚拟环境。请把它改名或删除后再运行本命令。")
        return False
    if not has_ensurepip() and not install_venv_package():
        say(venv_missing_message())
        return False
    if _make_venv(venv) or (install_venv_package() and _make_venv(venv)):
        return True
    say(venv_missing_message())
    return False


def requirements_hash(root: Path) -> str:
    """What the installed environment depends on: the hash of ``pyproject.toml``."""
    return hashlib.sha256((root / "pyproject.toml").read_bytes()).hexdigest()


def install_gkml(root: Path, venv: Path) -> bool:
    """``pip install -e root`` into ``venv``, unless it was done for the same pyproject.toml."""
    stamp = venv / STAMP_NAME
    wanted = requirements_hash(root)
    if stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == wanted:
        return True
    say(f"正在把 gkml 和它用到的软件包安装到 {venv}（第一次需要几分钟）…")
    quiet = [] if sys.stderr.isatty() and not os.environ.get("CI") else ["-q"]
    command = [str(venv_python(venv)), "-m", "pip", "install", *quiet, "--disable-pip-version-check", "-e", str(root)]
    if subprocess.call(command, stdin=subprocess.DEVNULL) != 0:
        say(
            "错误：安装没有完成（见上面 pip 的输出）。不能访问 PyPI 时，可设置国内或内网镜像，例如\n"
            "  PIP_INDEX_URL=https://mirrors.aliyun.com/pypi/simple/ python3 -m generator.bootstrap\n"
            "或使用离线安装包（见 README“离线安装”）。"
        )
        return False
    stamp.write_text(wanted + "\n", encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    """Create ``.venv/``, install gkml into it and run ``gkml`` with ``argv`` (default ``serve``)."""
    args = list(sys.argv[1:] if argv is None else argv) or ["serve"]
    if sys.version_info < MINIMUM_PYTHON:
        say(too_old_message(tuple(sys.version_info[:2])))
        return 1
    root = project_root()
    if not (root / "pyproject.toml").is_file():
        say(
            "错误：找不到 %s。请在 gkml 仓库的根目录（有 pyproject.toml 的文件夹）运行本命令。"
            % (root / "pyproject.toml")
        )
        return 2
    venv = root / VENV_NAME
    if not venv_python(venv).exists() and not create_venv(venv):
        return 1
    if not install_gkml(root, venv):
        return 1
    command = [str(venv_python(venv)), "-m", "generator", *args]
    if os.name != "nt":  # gkml takes this process's place: signals (Ctrl-C, a stop) reach it directly
        sys.stderr.flush()
        os.execv(command[0], command)
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
