"""Share independent work among forked copies of this process.

Reading thousands of record files, or rendering thousands of pages, is CPU-bound
Python: one process uses one core. A forked child inherits everything already
loaded (nothing has to be sent to it) and returns its results through a pipe.
Forking is only safe while no other thread runs (a thread holding a lock at the
fork would leave the child blocked), so under ``mkdocs serve``, whose server threads
are running, and on systems without ``fork`` the work is done here, in order.

A child says nothing: Ctrl-C, or a parent that stopped listening, ends it at once and
silently (the parent reports what happened), and a child that fails has its work done
again by the parent, which reports the failure if it is real (a child shows the
traceback of a bug, not of a system error such as a full disk). When the parent stops
(Ctrl-C, a full disk), it ends the children it is waiting for before going on, so that
none of them goes on writing into a folder that is being removed; :func:`stop_children` ends
those started for later (the search data, written while the pages are made) when a build fails.

While children run, everything that existed at the fork is frozen (:func:`gc.freeze`): the
cyclic garbage collector of neither process walks it, so a collection does not write to
every object's header and copy each page of a heap of a gigabyte (200,000 entries) into
every process.
"""

from __future__ import annotations

import functools
import gc
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

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
    children: list[_Child[list[R]]] = []
    try:
        for share in shares[1:]:
            children.append(_Child(functools.partial(_each, fn, share)))
        results = [[fn(x) for x in shares[0]], *(child.wait() for child in children)]
    except BaseException:
        for child in children:
            child.stop()
        raise
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
    return _Child(fn).wait


def stop_children() -> None:
    """End every child started and not yet waited for (a build that failed: none of them may go on
    writing into a folder that is being removed)."""
    for child in list(_running):
        child.stop()


def _each(fn: Callable[[T], R], share: list[T]) -> list[R]:
    return [fn(x) for x in share]


class _Child(Generic[R]):
    """A forked child computing ``fn()``: :meth:`wait` for its result (computed here instead
    if the child failed), or :meth:`stop` it."""

    def __init__(self, fn: Callable[[], R]) -> None:
        self.fn = fn
        read_end, write_end = os.pipe()
        _freeze()
        try:
            self.pid = os.fork()
        except OSError:
            _thaw()
            raise
        if self.pid == 0:  # pragma: no cover - the child; reports through the pipe and its exit status
            _child(fn, read_end, write_end)
        os.close(write_end)
        self.pipe = os.fdopen(read_end, "rb")
        self.running = True
        _running.add(self)

    def wait(self) -> R:
        """The child's result (``fn()`` computed here when the child failed).

        The result is unpickled as it arrives, not read whole first: a share of 100,000 entries
        is hundreds of megabytes of pickle that would otherwise be held twice at once."""
        received = False
        with self.pipe:
            try:
                result: R = pickle.load(self.pipe)
                received = True
            except Exception:  # nothing or part of it came: the child failed (its status says so)
                pass
            self.pipe.read()  # whatever follows (nothing, from a child that succeeded)
        _, status = os.waitpid(self.pid, 0)
        self.running = False
        _running.discard(self)
        _thaw()
        return result if status == 0 and received else self.fn()

    def stop(self) -> None:
        """End the child if it still runs, and wait for it to be gone."""
        if self.running:
            self.running = False
            _running.discard(self)
            self.pipe.close()
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            _thaw()


_frozen = 0  #: children running that were forked with the heap frozen
_running: set[_Child[Any]] = set()  #: children started and not yet waited for or stopped


def _freeze() -> None:
    global _frozen
    _frozen += 1
    gc.freeze()


def _thaw() -> None:
    """A child forked with the heap frozen is done: the collector sees the heap again once none runs."""
    global _frozen
    _frozen -= 1
    if _frozen == 0:
        gc.unfreeze()


def _child(fn: Callable[[], R], read_end: int, write_end: int) -> None:  # pragma: no cover - runs in the child
    """The forked child: compute ``fn()``, send it through ``write_end`` and exit (0 when sent)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it at once and silently
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # so does a parent that stopped listening
    os.close(read_end)
    status = 1
    try:
        with os.fdopen(write_end, "wb") as pipe:
            pickle.dump(fn(), pipe, pickle.HIGHEST_PROTOCOL)  # sent as it is pickled (not held whole here)
        status = 0
    except OSError:
        pass  # a full disk, say: the parent does the work again and says what went wrong, in Chinese
    except Exception:
        traceback.print_exc()  # a bug: for whoever debugs it (the parent does the work again)
    finally:
        os._exit(status)
