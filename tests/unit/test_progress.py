"""Long work shows a line on a terminal (what, for how long), wiped before other output; nothing in CI logs or pipes."""

from __future__ import annotations

import os
import sys
import time

import pytest

from generator.commands.progress import Ticker, shows_progress


def test_no_progress_in_ci_or_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setenv("CI", "true")
    assert not shows_progress()
    monkeypatch.delenv("CI")
    assert shows_progress()
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert not shows_progress()
    assert not Ticker("正在生成网站").active


def test_the_line_says_what_and_how_long_and_is_wiped(monkeypatch: pytest.MonkeyPatch) -> None:
    read, write = os.pipe()
    try:
        with Ticker("正在生成网站", fd=write, interval=0.05, force=True) as ticker:
            assert ticker.active
            deadline = time.monotonic() + 5
            while not ticker.shown and time.monotonic() < deadline:
                time.sleep(0.01)
            print("一条诊断", file=sys.stderr)  # the line is wiped first
            assert not ticker.shown
        assert not ticker.active
        os.close(write)
        written = b""
        while chunk := os.read(read, 4096):
            written += chunk
    finally:
        os.close(read)
    text = written.decode("utf-8")
    assert text.startswith("\r\x1b[K正在生成网站… 0 秒")
    assert text.endswith("\r\x1b[K")


def test_a_stream_without_a_file_gets_no_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("CI", raising=False)
    with Ticker("正在导入") as ticker:
        print("结果")
    assert not ticker.active and not ticker.shown
    assert capsys.readouterr().out == "结果\n"
