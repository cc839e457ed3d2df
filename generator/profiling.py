"""Where a build's time goes, by phase (``gkml build --profile``).

A phase is a named stretch of work (:data:`PHASES`: an English key, a Chinese label). Phases
nest; each phase's figures are *exclusive*: the time of the phases inside it is counted
there, not in it. So in the building process the phases' wall times add up to the build's,
and every bit of time not in a named phase is 其他 (``other``).

* **wall**: time this process spent in the phase;
* **CPU**: user + system time spent on the phase by this process and by forked children.
  A child doing work for the build (the downloads, the search index, a share of the pages)
  records its own phases through :func:`collected` and sends them back with its result;
  they are merged with :func:`merge` (their CPU counts, their wall is the child's, shown
  apart as ``child_wall_s``, since it overlaps this process's). What forked children spent
  outside their recorded phases (forking, sending results) stays in the phase that waited
  for them (from ``RUSAGE_CHILDREN``).

Without an active profile (:func:`start`), :func:`phase` costs one global look-up.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import TypeVar

R = TypeVar("R")

#: Every phase, in the order shown: key (JSON) → label (what the user reads).
PHASES: dict[str, str] = {
    "startup": "启动（Python 和模块导入）",
    "config": "读取配置",
    "load": "读取记录",
    "check": "检查",
    "plan": "准备导航页（首页、领域、栏目、表格）",
    "builder": "MkDocs 绘制主题和手写页面",
    "render": "生成事项页和信息页",
    "qr": "二维码",
    "write": "写出页面文件",
    "pages": "分配页面、等待子进程",
    "feeds": "订阅（Atom）",
    "downloads": "下载文件（Excel、CSV、JSON）",
    "downloads_write": "写出下载文件",
    "site_pages": "写出导航页",
    "search": "搜索索引",
    "sitemap": "网站地图",
    "assets": "发布主题文件（指纹文件名）",
    "precompress": "预压缩 .gz 副本（供 nginx gzip_static）",
    "wait": "等待并行任务（下载文件、搜索索引）",
    "cache": "保存构建缓存（二维码）",
    "swap": "替换网站文件夹",
    "other": "其他",
}


@dataclass
class Figures:
    """One phase's figures (seconds)."""

    wall: float = 0.0
    cpu: float = 0.0
    child_wall: float = 0.0
    calls: int = 0


@dataclass
class Profile:
    """The phases of one process's work, measured exclusively (see the module docstring)."""

    figures: dict[str, Figures] = field(default_factory=dict)
    #: per open phase: wall, CPU and children's CPU at entry; wall and CPU of the phases inside it
    _stack: list[list[float]] = field(default_factory=list)
    _keys: list[str] = field(default_factory=list)
    _reported: float = 0.0  #: CPU of children merged so far (not counted again from RUSAGE_CHILDREN)
    pid: int = field(default_factory=os.getpid)  #: the process measured

    def enter(self, key: str) -> None:
        self._keys.append(key)
        self._stack.append([time.perf_counter(), time.process_time(), _children_cpu() - self._reported, 0.0, 0.0])

    def leave(self) -> None:
        wall0, cpu0, children0, inner_wall, inner_cpu = self._stack.pop()
        key = self._keys.pop()
        wall = time.perf_counter() - wall0
        cpu = time.process_time() - cpu0 + (_children_cpu() - self._reported - children0)
        found = self.figures.setdefault(key, Figures())
        found.wall += wall - inner_wall
        found.cpu += cpu - inner_cpu
        found.calls += 1
        if self._stack:
            self._stack[-1][3] += wall
            self._stack[-1][4] += cpu

    def merge(self, figures: dict[str, Figures]) -> None:
        """Add a forked child's phases (:func:`collected`): their CPU, and their wall as the child's."""
        for key, theirs in figures.items():
            mine = self.figures.setdefault(key, Figures())
            mine.cpu += theirs.cpu
            mine.child_wall += theirs.wall + theirs.child_wall
            mine.calls += theirs.calls
            self._reported += theirs.cpu


_active: Profile | None = None
_started: tuple[float, float] | None = None  #: wall and CPU (self + children) at :func:`start`


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def start() -> None:
    """Start profiling this process (what ran before is counted as ``startup``)."""
    global _active, _started
    _active = Profile()
    _started = (time.perf_counter(), time.process_time() + _children_cpu())
    startup = _active.figures.setdefault("startup", Figures(calls=1))
    startup.wall, startup.cpu = _since_process_start(), time.process_time()
    _active.enter("other")


def active() -> bool:
    """Whether a profile is being recorded."""
    return _active is not None


class _Phase:
    """The context of :func:`phase` while profiling."""

    __slots__ = ("key", "profile")

    def __init__(self, profile: Profile, key: str) -> None:
        self.profile, self.key = profile, key

    def __enter__(self) -> None:
        self.profile.enter(self.key)

    def __exit__(self, *exc: object) -> None:
        self.profile.leave()


_NOTHING = nullcontext()


def phase(key: str) -> AbstractContextManager[None]:
    """``with phase(key):`` counts the time inside the block as phase ``key`` (a key of :data:`PHASES`)."""
    profile = _active
    return _NOTHING if profile is None else _Phase(profile, key)


def timed(key: str, fn: Callable[..., R]) -> Callable[..., R]:
    """``fn`` counted as phase ``key`` each time it is called (when a profile is active)."""

    def run(*args: object, **kwargs: object) -> R:
        if _active is None:
            return fn(*args, **kwargs)
        with phase(key):
            return fn(*args, **kwargs)

    return run


def collected(fn: Callable[[], R]) -> Callable[[], tuple[R, dict[str, Figures]]]:
    """``fn`` made to return its result with the phases it went through in a forked child (measured
    apart, for the parent to :func:`merge`); run in the profiled process itself (or when not
    profiling), its phases are counted as they happen and none are returned."""

    def run() -> tuple[R, dict[str, Figures]]:
        global _active
        outer = _active
        if outer is None or outer.pid == os.getpid():  # not profiling, or not in a child: counted as it runs
            return fn(), {}
        _active = Profile()
        try:
            _active.enter("other")
            result = fn()
            _active.leave()
            return result, _active.figures
        finally:
            _active = outer

    return run


def merge(figures: dict[str, Figures]) -> None:
    """Add phases returned by :func:`collected` to the active profile (nothing when there is none)."""
    if _active is not None and figures:
        _active.merge(figures)


def finish() -> dict[str, object]:
    """Stop profiling; the figures as JSON-ready data: the phases in :data:`PHASES` order, and
    the totals measured independently of them (wall since the process started, CPU of this
    process and all children waited for)."""
    global _active, _started
    profile, started = _active, _started
    if profile is None or started is None:
        return {}
    while profile._keys:
        profile.leave()
    _active = _started = None
    startup = profile.figures["startup"]
    total_wall = startup.wall + time.perf_counter() - started[0]
    total_cpu = time.process_time() + _children_cpu()
    phases = [
        {
            "key": key,
            "label": label,
            "wall_s": round(f.wall, 3),
            "cpu_s": round(f.cpu, 3),
            "child_wall_s": round(f.child_wall, 3),
            "calls": f.calls,
        }
        for key, label in PHASES.items()
        if (f := profile.figures.get(key)) is not None
    ]
    return {
        "phases": phases,
        "total_wall_s": round(total_wall, 3),
        "total_cpu_s": round(total_cpu, 3),
        "sum_wall_s": round(sum(f.wall for f in profile.figures.values()), 3),
        "sum_cpu_s": round(sum(f.cpu for f in profile.figures.values()), 3),
    }


def _since_process_start() -> float:
    """Wall seconds since this process started (Linux: from /proc), 0 where unknown.

    The start is in clock ticks since boot, read against the boot-time clock: /proc/stat's
    ``btime`` is whole seconds, and the wall clock minus it was up to a second off."""
    try:
        with open("/proc/self/stat", encoding="ascii") as f:
            ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        now = time.clock_gettime(time.CLOCK_BOOTTIME)
    except (OSError, ValueError, IndexError, AttributeError):
        return 0.0
    return max(0.0, now - ticks / os.sysconf("SC_CLK_TCK"))


def text_report(data: dict[str, object]) -> str:
    """The figures as a table for the terminal (Chinese)."""
    phases = data.get("phases") or []
    assert isinstance(phases, list)
    width = max((_width(str(p["label"])) for p in phases), default=4)
    lines = ["构建用时（按阶段；CPU 含子进程，子进程墙钟与主进程同时进行，不计入合计）："]
    lines.append(f"{_pad('阶段', width)}  {'墙钟':>8}  {'CPU':>8}  {'子进程墙钟':>8}")
    for p in phases:
        child = f"{p['child_wall_s']:8.2f}" if p["child_wall_s"] else f"{'':>8}"
        lines.append(f"{_pad(str(p['label']), width)}  {p['wall_s']:8.2f}  {p['cpu_s']:8.2f}  {child}")
    lines.append(f"{_pad('各阶段合计', width)}  {data['sum_wall_s']:8.2f}  {data['sum_cpu_s']:8.2f}")
    lines.append(f"{_pad('实测总计', width)}  {data['total_wall_s']:8.2f}  {data['total_cpu_s']:8.2f}")
    return "\n".join(lines)


def json_report(data: dict[str, object]) -> str:
    """The figures as one line of JSON (keys in English, labels in Chinese)."""
    return json.dumps(data, ensure_ascii=False)


def _width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
