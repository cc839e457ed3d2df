"""The README's first command, as written there, on Debian's own Python (PEP 668: ``externally-managed-environment``,
no pip of its own) in a fresh copy of the repository: it makes ``.venv/``, installs gkml (from the offline bundle,
PyPI out of reach) and serves the example, whose home page answers; then it is stopped."""

from __future__ import annotations

import re
import shlex
import shutil
import signal
import socket
import subprocess
import sysconfig
import time
import urllib.request
from pathlib import Path

from installing import ROOT, offline_env

#: Debian's Python (tests/run.sh installs python3 and python3-venv from Debian when it is missing).
DEBIAN_PYTHON = Path("/usr/bin/python3")
#: What a clone has that the command needs (the rest of the repository plays no part).
PROJECT = ("pyproject.toml", "README.md", "mkdocs.yml", "generator", "catalogue", "content", "overrides")


def readme_first_command() -> list[str]:
    """The first line of the first code block of README's “两条命令”, without its comment."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## 两条命令", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.DOTALL)
    assert block, "README.md: 两条命令 has no bash block"
    first = block[1].splitlines()[0].split("  #", 1)[0]
    return shlex.split(first)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def home_page(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
        return str(response.read().decode("utf-8"))


def test_readme_first_command_serves_the_example_with_debians_python(bundle: Path, tmp_path: Path) -> None:
    command = readme_first_command()
    assert command[:3] == ["python3", "-m", "generator.bootstrap"], command
    assert DEBIAN_PYTHON.exists(), "Debian's python3 is missing: run bash tests/run.sh (it installs python3-venv)"
    stdlib = subprocess.run(
        [str(DEBIAN_PYTHON), "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert (Path(stdlib) / "EXTERNALLY-MANAGED").is_file(), "not an externally managed Python (PEP 668)"
    assert stdlib != sysconfig.get_path("stdlib")  # not the Python running the tests

    clone = tmp_path / "clone"
    clone.mkdir()
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, clone / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy(source, clone / name)

    port = free_port()
    log = tmp_path / "bootstrap.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [str(DEBIAN_PYTHON), *command[1:], "--dev-addr", f"127.0.0.1:{port}"],
            cwd=clone,
            env=offline_env(find_links=bundle),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            # Ctrl-C works as in a terminal also when the tests run in the background (SIGINT ignored there)
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
    try:
        deadline = time.monotonic() + 600
        page = ""
        while time.monotonic() < deadline and process.poll() is None:
            try:
                page = home_page(port)
                break
            except OSError:
                time.sleep(1)
        output = log.read_text(encoding="utf-8")
        assert "示例县住房和城乡建设局" in page, output
        assert "正在创建虚拟环境" in output and "正在把 gkml 和它用到的软件包安装到" in output
        assert (clone / ".venv" / "gkml-bootstrap.txt").is_file()
        assert "Traceback" not in output
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C: gkml serve took the bootstrap's place (exec)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    assert process.returncode in (0, 130), log.read_text(encoding="utf-8")
