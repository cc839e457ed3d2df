"""``mkdocs serve`` rebuilds the site when a record changes, and updates the pages of an entry
(公开信息) that changed without a full build (tests/plugin/test_serve_incremental.py for what
such an update writes)."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
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


def test_the_previews_404_page_has_its_styles(project: Path, tmp_path: Path) -> None:
    """The 404 page links the theme's files from where the site is served: the site address's
    path when published (nginx shows it at any depth), the preview's own ``/`` under serve."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_for(lambda: "法律法规" in fetch(f"http://127.0.0.1:{port}/item/bzxzf-fgzc-flfg/"))
        try:
            fetch(f"http://127.0.0.1:{port}/no/such/page/")
            raise AssertionError("a missing page was served")
        except urllib.error.HTTPError as missing:
            assert missing.code == 404
            page = missing.read().decode("utf-8")
        styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
        assert styles and all(href.startswith("/assets/") for href in styles), styles
        linked = set(re.findall(r'(?:href|src)="(/[^"/][^"#]*)', page))  # the theme's, gkml's head and footer
        assert len(linked) > len(styles)
        for href in sorted(linked):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{href}", timeout=5) as response:
                assert response.status == 200, href  # each is there
    finally:
        server.terminate()
        server.wait(timeout=10)
