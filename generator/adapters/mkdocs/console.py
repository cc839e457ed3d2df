"""What ``gkml build`` and ``gkml serve`` print: gkml's diagnostics down to a chosen severity, MkDocs'
own lines in Chinese (or not at all when an editor has no use for them), and the problems of the
last build kept for the preview's error page (:mod:`generator.adapters.mkdocs.serve_errors`)."""

from __future__ import annotations

import logging
import re

#: The severities an editor can ask for (``--min-severity``), most severe first, and their labels in diagnostics.
SEVERITIES = ("error", "warning", "info")
_LABELS = {"错误": "error", "警告": "warning", "提示": "info"}
#: The time MkDocs' dev server puts before its lines.
_TIME = re.compile(r"^\[\d\d:\d\d:\d\d\] ")
#: A diagnostic as gkml logs it: ``place: 错误[code] …``.
_DIAGNOSTIC = re.compile(r"(错误|警告|提示)\[[a-z0-9-]+\]")

#: MkDocs' lines that say nothing an editor acts on (while previewing they would be most of the output).
_QUIET = re.compile(
    r"^(Building documentation\.\.\.|Cleaning site directory|Watching paths for changes: .*|Reloading browsers|"
    r"Detected file changes|Browser connected: .*|Reloading page|Waiting for file changes to stop happening)$"
)
#: gkml's line after an update of the preview refused for errors: the preview's error page says it instead.
_REFUSED = re.compile(r"^有 \d+ 个问题，页面未更新")
#: The dev server's log of a request that failed (a page that is not there).
_REQUEST = re.compile(r'^"[A-Z]+ \S+ HTTP/[0-9.]+" code \d+$')
#: MkDocs' lines worth keeping, said in Chinese.
_SAID = (
    (re.compile(r"^Documentation built in ([0-9.]+) seconds$"), "网站已生成（用时 {0} 秒）。"),
    (re.compile(r"^Serving on (\S+)$"), "预览地址：{0}（修改记录或页面后自动刷新；按 Ctrl-C 停止）"),
    (re.compile(r"^Shutting down\.\.\.$"), "预览已停止。"),
)


def diagnostic_severity(message: str) -> str | None:
    """The severity (``error``, ``warning``, ``info``) of a logged gkml diagnostic, None for another line."""
    match = _DIAGNOSTIC.search(message)
    return _LABELS[match[1]] if match else None


class Presentation(logging.Filter):
    """Decides which log lines are shown and how; keeps the problems of the build under way.

    ``min_severity``: gkml's diagnostics less severe than this are counted, not shown (the count is
    said once the build is done). ``preview``: MkDocs' routine lines of ``serve`` are left out.
    """

    def __init__(self, min_severity: str = "info", *, preview: bool = False) -> None:
        super().__init__()
        self.rank = SEVERITIES.index(min_severity)
        self.preview = preview
        self.hidden = 0
        #: gkml's errors and warnings logged since the last build started (for the preview's error page).
        self.problems: list[tuple[str, str]] = []
        #: The last error MkDocs logged itself since then (said when gkml found no problem).
        self.other_error = ""

    def start_build(self) -> None:
        """A new build begins: forget the last one's problems."""
        self.problems = []
        self.other_error = ""
        self.hidden = 0

    def filter(self, record: logging.LogRecord) -> bool:
        """Whether ``record`` is shown (its message may be replaced by the Chinese one)."""
        message = record.getMessage()
        if self.preview and _REQUEST.match(_TIME.sub("", message)):
            return False  # the dev server's note of a page it does not have
        if self.preview and record.name == "mkdocs.plugins.gkml" and _REFUSED.match(message):
            return False  # serve_errors shows the problems in the browser and says so
        severity = diagnostic_severity(message) if record.name == "mkdocs.plugins.gkml" else None
        if severity in ("error", "warning"):
            self.problems.append((severity, message))
        elif record.levelno >= logging.ERROR:
            self.other_error = _TIME.sub("", message)
        if severity is not None and SEVERITIES.index(severity) > self.rank:
            self.hidden += 1
            return False
        if record.name.startswith("mkdocs") and record.name != "mkdocs.plugins.gkml":
            message = _TIME.sub("", message)
            if self.preview and _QUIET.match(message):
                return False
            for pattern, chinese in _SAID:
                match = pattern.match(message)
                if match:
                    record.msg, record.args = chinese.format(*match.groups()), None
                    record.gkml_plain = True  # shown without MkDocs' level
                    if self.hidden and chinese.startswith("网站已生成"):
                        record.msg += f"另有 {self.hidden} 条{_below(self.rank)}未列出（gkml check 可列出全部）。"
                    break
        return True


def _below(rank: int) -> str:
    return "提示" if rank == 1 else "警告和提示"
