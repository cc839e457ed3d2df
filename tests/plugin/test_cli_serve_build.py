"""``gkml serve`` and ``gkml build`` on the command line: a busy port, no mkdocs.yml, what is listed."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path


def gkml(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def test_serve_on_a_busy_port_is_one_chinese_line(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = gkml("serve", "-a", f"127.0.0.1:{port}", cwd=project, timeout=60)
    assert done.returncode == 1
    assert done.stderr == (
        f"错误：预览地址 127.0.0.1:{port} 已被占用（也许另一个 gkml serve 还在运行）。"
        f"请先关闭它，或换一个地址：gkml serve --dev-addr 127.0.0.1:{port + 1}\n"
    )


def test_build_and_serve_outside_a_project_say_where_to_run(tmp_path: Path) -> None:
    for command in ("build", "serve"):
        done = gkml(command, cwd=tmp_path, timeout=60)
        assert done.returncode == 2
        assert done.stderr == (
            "错误：找不到 mkdocs.yml。请在网站项目的根目录（有 mkdocs.yml 和 catalogue/ 的文件夹）运行，"
            "或用 -f 指定配置文件。\n"
        )
    assert list(tmp_path.iterdir()) == []


def test_build_lists_down_to_min_severity(project: Path, tmp_path: Path) -> None:
    everything = gkml("build", "-d", str(tmp_path / "a"), "--today", "2026-01-01", cwd=project)
    quiet = gkml("build", "-d", str(tmp_path / "b"), "--today", "2026-01-01", "-q", cwd=project)
    errors_only = gkml(
        "build", "-d", str(tmp_path / "c"), "--today", "2026-01-01", "--min-severity", "error", cwd=project
    )
    for done in (everything, quiet, errors_only):
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
    assert "提示[" in everything.stderr and "警告[" in everything.stderr
    assert "提示[" not in quiet.stderr and "警告[" in quiet.stderr
    assert "提示[" not in errors_only.stderr and "警告[" not in errors_only.stderr
    hidden = quiet.stderr.count("\n") - everything.stderr.count("\n")
    assert hidden < 0
    assert "条提示未列出（gkml check 可列出全部）。" in quiet.stderr
    assert "条警告和提示未列出（gkml check 可列出全部）。" in errors_only.stderr
