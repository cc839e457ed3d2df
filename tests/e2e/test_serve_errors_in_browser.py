"""``gkml serve`` with a broken record: the browser lists the problems, and shows the site again once the
file is fixed — at start and during live reload (also when only an entry changed, which the preview
updates without a full build), without a reload by hand; the terminal says it in one Chinese line,
without a traceback."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from conftest import ROOT

RECORD = Path("catalogue") / "保障性住房" / "配给管理" / "公租房承租资格审核.yaml"
ENTRY = Path("catalogue") / "保障性住房" / "法规政策" / "2025" / "公租房管理实施细则.md"
#: Builds of the example take 5–15 s on a busy machine: room for a few.
BUILD_MS = 120_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def open_when_up(page: Any, url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            page.goto(url)
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def showing_errors(page: Any) -> None:
    page.wait_for_selector("#gkml-build-failed", timeout=BUILD_MS)


def showing_site(page: Any) -> None:
    page.wait_for_function(
        "() => !document.documentElement.hasAttribute('data-gkml-build-failed')"
        " && !!document.querySelector('.md-header')",
        timeout=BUILD_MS,
    )


def test_serve_shows_the_problems_of_a_broken_record_and_recovers(browser: Any, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("content", "overrides", "catalogue"):
        shutil.copytree(ROOT / folder, project / folder)
    record = project / RECORD
    good = record.read_text(encoding="utf-8")
    broken = good.replace("名称: ", "名称：", 1)
    assert broken != good
    record.write_text(broken, encoding="utf-8")

    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as err:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=err,
            stdin=subprocess.DEVNULL,
        )
    context = browser.new_context()
    try:
        page = context.new_page()
        # at start: the server runs, and every page is the list of problems
        open_when_up(page, f"http://127.0.0.1:{port}/")
        showing_errors(page)
        assert page.locator("h1").inner_text() == "网站未能生成"
        first = page.locator("#gkml-build-failed li").first
        assert f"{RECORD.as_posix()}:5:3" in first.inner_text()
        assert "错误[yaml-fullwidth-colon]" in first.inner_text()
        terminal = log.read_text(encoding="utf-8")
        # the record, and the entries filed under the item it no longer gives
        assert "网站未能生成：有 7 个错误，浏览器中列出了问题。修改后保存，预览会自动重新生成。" in terminal
        assert page.locator("#gkml-build-failed li").count() == 7
        assert "Traceback" not in terminal and "Aborted" not in terminal

        # fixed: the same tab shows the site, by itself
        record.write_text(good, encoding="utf-8")
        showing_site(page)

        # broken during live reload: the site's tab turns into the list, then back
        record.write_text(broken, encoding="utf-8")
        showing_errors(page)
        record.write_text(good, encoding="utf-8")
        showing_site(page)

        # an entry broken: the preview's update of its pages is refused, and shown the same way
        entry = project / ENTRY
        entry_good = entry.read_text(encoding="utf-8")
        entry.write_text(entry_good.replace("发布日期: 2025-03-10", "发布日期: 2025-13-45", 1), encoding="utf-8")
        showing_errors(page)
        assert f"{ENTRY.as_posix()}:5:" in page.locator("#gkml-build-failed").inner_text()
        entry.write_text(entry_good, encoding="utf-8")
        showing_site(page)
        terminal = log.read_text(encoding="utf-8")
        assert "Traceback" not in terminal
        assert "页面未更新" not in terminal  # the browser shows the problems: not “the site is as it was”
    finally:
        context.close()
        server.terminate()
        server.wait(timeout=30)
