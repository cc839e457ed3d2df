"""``mkdocs serve`` rebuilds the site when a record changes, and updates the pages of an entry
(公开信息) that changed without a full build (tests/plugin/test_serve_incremental.py for what
such an update writes)."""

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


def test_serve_reloads_when_a_record_or_an_entry_changes(project: Path, tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as err:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        url = f"http://127.0.0.1:{port}/item/bzxzf-fgzc-flfg/"
        assert wait_for(lambda: "法律法规" in fetch(url)), "the dev server did not come up"
        column = project / "catalogue" / "保障性住房" / "法规政策"
        record = column / "法律法规.yaml"
        record.write_text(
            record.read_text(encoding="utf-8").replace("名称: 法律法规", "名称: 法律法规（已修订）"), encoding="utf-8"
        )
        assert wait_for(lambda: "法律法规（已修订）" in fetch(url)), "the page was not rebuilt after the record changed"

        entry = column / "2025" / "公租房管理实施细则.md"
        entry.write_text(
            entry.read_text(encoding="utf-8").replace("标题: 示例县", "标题: 修订后的示例县", 1), encoding="utf-8"
        )
        page = f"http://127.0.0.1:{port}/info/fgzc-20250310-1/"
        assert wait_for(lambda: "修订后的示例县" in fetch(page)), "the entry's page was not updated"
        assert wait_for(lambda: "已更新" in log.read_text(encoding="utf-8"), 10), "a full build, not an update"
        assert "法律法规（已修订）" in fetch(url)
    finally:
        server.terminate()
        server.wait(timeout=10)
