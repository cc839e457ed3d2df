"""What changed, for ``mkdocs serve`` / ``gkml serve``: the paths the dev server's file watching saw.

MkDocs' dev server (1.6, :class:`mkdocs.livereload.LiveReloadServer`) rebuilds the whole site on
any change and does not say what changed. The plugin needs the paths to update only the pages
that show a changed entry (:mod:`generator.site.incremental`), so :func:`record_changes` adds a
recorder to everything the server watches. The server polls what it watches every half second,
which for a catalogue of 24,000 files costs a third of a second of CPU each time and sees a
change up to a second late; :func:`watch_catalogue` watches the catalogue with the system's file
events instead (inotify, FSEvents, ReadDirectoryChangesW) and wakes the server itself, with a
slow poll beside them for file systems whose changes the system does not report (network shares,
a Windows folder under WSL).

Both reach into the server's attributes; when they are not there (another MkDocs), nothing is
recorded and every change is a full build, as without gkml.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from generator.load.cache import Stamp, stamp

log = logging.getLogger("mkdocs.plugins.gkml")

#: Seconds between two looks at the catalogue by the poll that stays beside the system's events.
SLOW_POLL = 5.0
#: The events that say a file or folder changed (opening or reading one, as gkml does, is none).
_CHANGES = frozenset({"created", "deleted", "modified", "moved"})


class Changes(FileSystemEventHandler):
    """The paths of what changed, since last taken. A path whose file is as it was when last
    recorded (the same size, time and inode; or still missing) is not recorded again: the system's
    events and the slow poll see the same change, one after the other."""

    def __init__(self) -> None:
        self._paths: set[str] = set()
        self._seen: dict[str, Stamp] = {}
        self._lock = threading.Lock()
        self.wake: Callable[[], None] | None = None  #: called when a path was recorded

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in _CHANGES:
            return
        recorded = False
        with self._lock:
            for path in (event.src_path, getattr(event, "dest_path", "")):
                if path:
                    path = os.fsdecode(path)
                    now = stamp(path)
                    if path in self._seen and self._seen[path] == now and path not in self._paths:
                        continue
                    self._seen[path], recorded = now, True
                    self._paths.add(path)
        if recorded and self.wake is not None:
            self.wake()

    def take(self) -> set[str]:
        with self._lock:
            taken, self._paths = self._paths, set()
        return taken


def record_changes(server: Any) -> Changes | None:
    """Record the paths of every change the dev server sees: under what it watches now and what it
    is told to watch later. None when the server is not as known."""
    watched: Any = getattr(server, "_watched_paths", None)
    observer: Any = getattr(server, "observer", None)
    if not isinstance(watched, dict) or not hasattr(observer, "schedule") or not callable(server.watch):
        return None
    changes = Changes()
    for path in watched:
        observer.schedule(changes, path, recursive=True)
    watch = server.watch

    def watching(path: str, func: Any = None, *, recursive: bool = True) -> None:
        watch(path, func, recursive=recursive)
        observer.schedule(changes, os.path.abspath(path), recursive=recursive)

    server.watch = watching
    return changes


def watch_catalogue(server: Any, folder: str, changes: Changes) -> list[BaseObserver]:
    """Watch ``folder`` with the system's file events and a slow poll, recording into ``changes``
    and waking the server; the observers started ([] when the server cannot be woken or the system
    refuses to watch: then the caller has the server poll the folder with the rest)."""
    condition: Any = getattr(server, "_rebuild_cond", None)
    if condition is None or not hasattr(server, "_want_rebuild"):
        return []

    def wake() -> None:
        with condition:
            server._want_rebuild = True
            condition.notify_all()

    observers: list[BaseObserver] = []
    try:
        for observer in (Observer(), PollingObserver(timeout=SLOW_POLL)):
            observer.schedule(changes, folder, recursive=True)
            observer.start()
            observers.append(observer)
    except OSError:  # too many folders for inotify's limit, say
        log.debug("the system's file events are not available", exc_info=True)
        stop(observers)
        return []
    changes.wake = wake
    return observers


def stop(observers: list[BaseObserver]) -> None:
    """Stop the observers :func:`watch_catalogue` started."""
    for observer in observers:
        observer.stop()
    for observer in observers:
        if observer.is_alive():
            observer.join(timeout=5)
