"""Share independent work among forked copies of this process.

Reading thousands of record files, or rendering thousands of pages, is CPU-bound
Python: one process uses one core. A forked child inherits everything already
loaded (nothing has to be sent to it) and returns its results through a pipe.
Forking is only safe while no other thread runs (a thread holding a lock at the
fork would leave the child blocked), so under ``mkdocs serve``, whose server threads
are running, and on systems without ``fork`` the work is done here, in order.
"""

from __future__ import annotations

import functools
import os
import pickle
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def workers_for(count: int, min_share: int) -> int:
    """How many processes to use for ``count`` pieces of work of which each process
    should get at least ``min_share`` (1 when forking is not possible or not worth it)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 1
    return max(1, min(os.cpu_count() or 1, count // max(1, min_share)))


def fork_map(fn: Callable[[T], R], items: Sequence[T], *, min_share: int) -> list[R]:
    """``[fn(x) for x in items]``, shared among forked workers; same order, same results.

    A worker that fails (it should not: ``fn`` must not raise) is not trusted: its
    share is computed again here, so the result never depends on the workers.
    """
    workers = workers_for(len(items), min_share)
    if workers == 1:
        return [fn(x) for x in items]
    shares = [list(items[i::workers]) for i in range(workers)]
    waits = [_in_child(functools.partial(_each, fn, share)) for share in shares[1:]]
    results = [[fn(x) for x in shares[0]], *(wait() for wait in waits)]
    return [results[k % workers][k // workers] for k in range(len(items))]  # item k was in share k % workers


def fork_call(fn: Callable[[], R]) -> Callable[[], R]:
    """Start ``fn()`` in a forked child and return a function that waits for its result.

    Lets one long, independent piece of work (the downloads, say) use the second core
    while this process goes on. Where forking is not possible it runs ``fn()`` right away;
    if the child fails, the returned function computes ``fn()`` itself.
    """
    if workers_for(2, 1) == 1:
        result = fn()
        return lambda: result
    return _in_child(fn)


def _each(fn: Callable[[T], R], share: list[T]) -> list[R]:
    return [fn(x) for x in share]


def _in_child(fn: Callable[[], R]) -> Callable[[], R]:
    """Fork a child computing ``fn()``; the returned function waits for its result (computing
    ``fn()`` here instead if the child failed)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; reports through the pipe and its exit status
        os.close(read_end)
        status = 1
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(pickle.dumps(fn(), pickle.HIGHEST_PROTOCOL))
            status = 0
        except BrokenPipeError:
            pass  # the parent stopped waiting (its build failed): nothing to report
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(status)
    os.close(write_end)

    def wait() -> R:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        return pickle.loads(data) if status == 0 and data else fn()

    return wait
