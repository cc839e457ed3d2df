"""Work shared among forked workers gives exactly the serial result."""

from __future__ import annotations

import os
import threading

import pytest

from generator import parallel
from generator.parallel import fork_map, workers_for


def square(x: int) -> int:
    return x * x


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="needs fork and two cores")
def test_results_come_back_in_order() -> None:
    assert workers_for(1000, 100) >= 2
    assert fork_map(square, range(1000), min_share=100) == [x * x for x in range(1000)]


def test_small_work_stays_in_this_process() -> None:
    assert workers_for(10, 100) == 1
    assert fork_map(square, [1, 2, 3], min_share=100) == [1, 4, 9]


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert workers_for(10_000, 1) == 1
    finally:
        stop.set()
        thread.join()


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="needs fork and two cores")
def test_a_failing_worker_is_not_trusted(monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    parent = os.getpid()

    def only_here(x: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("worker broke")
        return x + 1

    assert fork_map(only_here, range(100), min_share=10) == list(range(1, 101))
    assert "worker broke" in capfd.readouterr().err  # the child's traceback, for whoever debugs it
    assert parallel.workers_for(100, 10) >= 2
