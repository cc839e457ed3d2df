"""Whether long work shows its progress, and the line that shows it: on a terminal yes, in CI logs and pipes no."""

from __future__ import annotations

import os
import signal
import sys
import time
from types import FrameType, TracebackType
from typing import Any, TextIO


def shows_progress() -> bool:
    """True on an interactive terminal (standard error is a TTY and ``CI`` is not set)."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def quiet_output() -> bool:
    """The opposite of :func:`shows_progress`: a CI log or a pipe gets no progress bars."""
    return not shows_progress()


class Ticker:
    """One line on the terminal saying what is being done and for how long (``正在生成网站… 12 秒``),
    rewritten every ``interval`` seconds and wiped when the work ends or another line is printed
    (:meth:`clear`).

    It is driven by a timer signal (``SIGALRM``), not a thread: the build forks workers only while the
    process has no other thread, and a timer is not inherited by a forked child. It writes with
    ``os.write`` (a signal may arrive while Python is writing to ``sys.stderr``). Within the ``with``
    block ``sys.stderr`` and ``sys.stdout`` wipe the line before anything else is written (a diagnostic,
    a log line, a result). Nothing is shown where :func:`shows_progress` is false, nor where there is
    no such timer (Windows).
    """

    def __init__(self, label: str, *, fd: int | None = None, interval: float = 1.0, force: bool = False) -> None:
        self.label = label
        self.fd = fd
        self.interval = interval
        self.active = (force or shows_progress()) and hasattr(signal, "setitimer")
        self.shown = False
        self.started = time.monotonic()
        self._previous: object = None
        self._stderr: TextIO = sys.stderr
        self._stdout: TextIO = sys.stdout

    def _write(self, text: str) -> None:
        if self.fd is None:
            return
        try:
            os.write(self.fd, text.encode(sys.stderr.encoding or "utf-8", "replace"))
        except OSError:
            self.active = False

    def _tick(self, signum: int, frame: FrameType | None) -> None:
        if self.active:
            self._write(f"\r\033[K{self.label}… {time.monotonic() - self.started:.0f} 秒")
            self.shown = True

    def clear(self) -> None:
        """Wipe the line (before another line is printed)."""
        if self.shown:
            self.shown = False
            self._write("\r\033[K")

    def __enter__(self) -> Ticker:
        if self.active and self.fd is None:
            try:
                self.fd = sys.stderr.fileno()
            except (OSError, ValueError, AttributeError):  # a stream without a file (captured, replaced)
                self.active = False
        if self.active:
            self.started = time.monotonic()
            self._stderr, self._stdout = sys.stderr, sys.stdout
            sys.stderr = _Wiping(self._stderr, self)
            sys.stdout = _Wiping(self._stdout, self)
            self._previous = signal.signal(signal.SIGALRM, self._tick)
            signal.setitimer(signal.ITIMER_REAL, self.interval, self.interval)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)  # type: ignore[arg-type]
            sys.stderr, sys.stdout = self._stderr, self._stdout
            self.active = False
        self.clear()


class _Wiping:
    """``sys.stderr`` while a :class:`Ticker` runs: the ticker's line is wiped before each write."""

    def __init__(self, stream: TextIO, ticker: Ticker) -> None:
        self._stream = stream
        self._ticker = ticker

    def write(self, text: str) -> int:
        """Wipe the ticker's line, then write ``text``."""
        self._ticker.clear()
        return self._stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
