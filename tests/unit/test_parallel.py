"""Work shared among forked workers gives exactly the serial result.

The forking cases run in a fresh interpreter: forking is (rightly) refused while other
threads run, and the test process may have threads left by other tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading

import pytest

from generator.parallel import fork_map, workers_for

needs_fork = pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="needs fork and two cores")


def run(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, timeout=60)


@needs_fork
def test_results_come_back_in_order() -> None:
    done = run(
        """
        from generator.parallel import fork_map, workers_for
        assert workers_for(1000, 100) >= 2
        assert fork_map(lambda x: x * x, range(1000), min_share=100) == [x * x for x in range(1000)]
        print("ok")
        """
    )
    assert done.stdout == "ok\n", done.stderr


@needs_fork
def test_a_failing_worker_is_not_trusted() -> None:
    done = run(
        """
        import os
        from generator.parallel import fork_map
        parent = os.getpid()
        def only_here(x):
            if os.getpid() != parent:
                raise RuntimeError("worker broke")
            return x + 1
        assert fork_map(only_here, range(100), min_share=10) == list(range(1, 101))
        print("ok")
        """
    )
    assert done.stdout == "ok\n", done.stderr
    assert "worker broke" in done.stderr  # the child's traceback, for whoever debugs it


def test_small_work_stays_in_this_process() -> None:
    assert workers_for(10, 100) == 1
    assert fork_map(lambda x: x * x, [1, 2, 3], min_share=100) == [1, 4, 9]


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert workers_for(10_000, 1) == 1
    finally:
        stop.set()
        thread.join()


@needs_fork
def test_a_call_in_the_background_returns_its_result() -> None:
    done = run(
        """
        import os
        from generator.parallel import fork_call
        parent = os.getpid()
        wait = fork_call(lambda: (os.getpid() != parent, b"x" * 1_000_000))
        in_child, data = wait()
        assert in_child and data == b"x" * 1_000_000
        print("ok")
        """
    )
    assert done.stdout == "ok\n", done.stderr


def test_a_call_runs_here_while_another_thread_runs() -> None:
    from generator.parallel import fork_call

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert fork_call(lambda: os.getpid())() == os.getpid()
    finally:
        stop.set()
        thread.join()


@needs_fork
def test_the_collector_sees_the_heap_again_when_the_children_are_done() -> None:
    """Frozen while children run (their collections must not copy the parent's heap), given back
    afterwards: cycles made before a build would otherwise never be freed in a long-lived process."""
    done = run(
        """
        import gc
        from generator.parallel import fork_call, fork_map
        assert gc.get_freeze_count() == 0
        waiting = fork_call(lambda: gc.get_freeze_count() > 0)
        assert fork_map(lambda _: gc.get_freeze_count() > 0, list(range(4)), min_share=1) == [True] * 4
        assert gc.get_freeze_count() > 0  # the other child still runs
        assert waiting() is True
        assert gc.get_freeze_count() == 0
        print("ok")
        """
    )
    assert done.stdout == "ok\n", done.stderr
