"""``mkdocs serve`` rebuilds the site when a record changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_reloads_when_a_record_changes(project: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/item/bzxzf-fgzc-flfg/"
        assert wait_for(lambda: "法律法规" in fetch(url)), "the dev server did not come up"
        record = project / "catalogue" / "保障性住房" / "法规政策" / "法律法规.yaml"
        record.write_text(
            record.read_text(encoding="utf-8").replace("名称: 法律法规", "名称: 法律法规（已修订）"), encoding="utf-8"
        )
        assert wait_for(lambda: "法律法规（已修订）" in fetch(url)), "the page was not rebuilt after the record changed"
    finally:
        server.terminate()
        server.wait(timeout=10)
