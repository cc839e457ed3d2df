"""The preview's error page: when a build of ``gkml serve`` fails, the browser shows why.

MkDocs' dev server (1.6) stops when the first build fails, and after a failed rebuild it keeps
serving the old pages ("the server will appear stuck"), printing a traceback. While gkml serves,
:func:`guarded_builds` puts a build in place of the one MkDocs' ``serve`` calls that never raises:
when the real one fails, the preview's temporary folder is emptied and given an ``index.html`` and a
``404.html`` (which the server sends for every page it does not have) listing the problems, and the
terminal gets one Chinese line. The page asks the server every second whether the page it stands
for is back, and reloads when it is: the next good save shows the site again.
"""

from __future__ import annotations

import contextlib
import errno
import html
import logging
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands import serve as mkdocs_serve_module
from mkdocs.exceptions import Abort

from generator.adapters.mkdocs.console import Presentation
from generator.adapters.mkdocs.plugin import GkmlPlugin
from generator.settings import Settings, SettingsError
from generator.site.output import mark_site

#: Marks the error page, so that its script can tell it from the site.
MARKER = "gkml-build-failed"

_PAGE = """<!doctype html>
<html lang="zh-CN" data-{marker}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>网站未能生成 · gkml 预览</title>
<style>
body {{ font: 18px/1.6 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }}
h1 {{ color: #b00020; font-size: 1.6rem; }}
li {{ margin: .6rem 0; }}
code {{ background: #f3f3f3; padding: 0 .2em; word-break: break-all; }}
.warning code {{ background: #fff6d6; }}
</style>
</head>
<body>
<main>
<h1>网站未能生成</h1>
<p>{summary}</p>
<ol id="{marker}">
{items}
</ol>
<p>修改后保存文件，预览会自动重新生成；生成成功后本页自动换成网站（不必刷新）。</p>
</main>
<script>
(function () {{
  function check() {{
    fetch(location.href, {{cache: "no-store"}}).then(function (r) {{
      return r.text().then(function (t) {{
        if (r.ok && t.indexOf("data-{marker}") < 0) {{ location.reload(); }} else {{ setTimeout(check, 1000); }}
      }});
    }}).catch(function () {{ setTimeout(check, 2000); }});
  }}
  setTimeout(check, 1000);
}})();
</script>
</body>
</html>
"""


def _item(severity: str, message: str) -> str:
    place, sep, text = message.partition(": ")
    if sep and ":" in place:
        body = f"<code>{html.escape(place)}</code> {html.escape(text)}"
    else:
        body = html.escape(message)
    return f'<li class="{severity}">{body}</li>'


def error_page(problems: list[tuple[str, str]], failure: str) -> str:
    """The page listing ``problems`` (severity, message as logged), errors first; ``failure`` when the
    build stopped for another reason than the diagnostics (its message)."""
    ordered = sorted(problems, key=lambda p: p[0] != "error")
    items = [_item(severity, message) for severity, message in ordered]
    if failure:
        items.append(_item("error", f"错误：{failure}"))
    errors = sum(1 for severity, _ in problems if severity == "error")
    summary = f"发现 {errors} 个错误" if errors else "生成时出错"
    summary += "，网站没有生成。问题如下（文件:行:列）："
    return _PAGE.format(marker=MARKER, summary=summary, items="\n".join(items))


def _is_preview_folder(site_dir: Path) -> bool:
    """Only the temporary folder MkDocs' ``serve`` made is emptied (gkml writes only where it may)."""
    return site_dir.name.startswith("mkdocs_") and site_dir.parent.resolve() == Path(tempfile.gettempdir()).resolve()


def show_failure(site_dir: Path, page: str) -> None:
    """Replace the preview's pages by the error ``page``."""
    if not _is_preview_folder(site_dir):
        return
    for child in site_dir.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for name in ("index.html", "404.html"):
        (site_dir / name).write_text(page, encoding="utf-8")
    mark_site(site_dir)  # the preview's folder stays gkml's: the next build may replace it


def _settings_for_watching(config: Any) -> None:
    """After a first build that failed, the gkml plugin has no settings of a build yet: it is given
    them, so that it watches the catalogue (``on_serve``) and the next save builds again."""
    plugin = config.plugins.get("gkml")
    if plugin is None or hasattr(plugin, "settings_used"):
        return
    with contextlib.suppress(SettingsError):
        plugin.settings_used = Settings.from_options(config, plugin.config, Path(config.config_file_path).parent)


def _failure_text(exc: BaseException) -> str:
    if isinstance(exc, Abort):
        return ""  # the diagnostics were logged
    return f"{type(exc).__name__}: {exc}"


@dataclass
class _Builds:
    """What the guarded builds of one preview know: the configuration of the last, whether one ran."""

    config: Any = None
    ran: bool = False


def _say_failure(errors: int, failure: str) -> None:
    count = f"有 {errors} 个错误，" if errors else (f"{failure}，" if failure else "")
    print(f"网站未能生成：{count}浏览器中列出了问题。修改后保存，预览会自动重新生成。", file=sys.stderr, flush=True)


def guard(build: Callable[..., Any], presentation: Presentation, builds: _Builds | None = None) -> Callable[..., None]:
    """``build`` (MkDocs' ``build(config, …)``) as the preview runs it: never raising, the error page instead."""
    builds = builds or _Builds()

    def guarded(config: Any, *args: Any, **kwargs: Any) -> None:
        presentation.start_build()
        builds.config, builds.ran = config, True
        try:
            build(config, *args, **kwargs)
        except Exception as exc:
            failure = "" if presentation.problems else _failure_text(exc) or presentation.other_error
            errors = sum(1 for severity, _ in presentation.problems if severity == "error")
            _say_failure(errors, failure)
            logging.getLogger("mkdocs").debug("build failed", exc_info=True)
            show_failure(Path(config.site_dir), error_page(presentation.problems, failure))
            _settings_for_watching(config)

    return guarded


def guard_updates(rebuild: Callable[..., None], presentation: Presentation, builds: _Builds) -> Callable[..., None]:
    """The plugin's rebuild of the preview (an update of the pages of the entries that changed, else a full
    build): when an update is refused for errors, the preview's pages become the list of problems too,
    and the next save builds the whole site (the update kept the site of the last build)."""

    def guarded(plugin: Any, full: Callable[[], None], changes: Any) -> None:
        presentation.start_build()
        builds.ran = False
        rebuild(plugin, full, changes)
        errors = sum(1 for severity, _ in presentation.problems if severity == "error")
        if builds.ran or not errors or builds.config is None:
            return
        plugin.preview = None
        _say_failure(errors, "")
        show_failure(Path(builds.config.site_dir), error_page(presentation.problems, ""))

    return guarded


@contextlib.contextmanager
def guarded_builds(presentation: Presentation) -> Iterator[None]:
    """Within the block, MkDocs' ``serve`` builds through :func:`guard`, and the plugin's updates through
    :func:`guard_updates`."""
    builds = _Builds()
    original = mkdocs_serve_module.build  # type: ignore[attr-defined]
    original_rebuild = GkmlPlugin._rebuild
    mkdocs_serve_module.build = guard(original, presentation, builds)  # type: ignore[attr-defined]
    GkmlPlugin._rebuild = guard_updates(original_rebuild, presentation, builds)  # type: ignore[method-assign]
    try:
        yield
    finally:
        mkdocs_serve_module.build = original  # type: ignore[attr-defined]
        GkmlPlugin._rebuild = original_rebuild  # type: ignore[method-assign]


def address_in_use(exc: OSError) -> bool:
    """Whether ``exc`` says the preview's address is taken (another preview, another server)."""
    return exc.errno in (errno.EADDRINUSE, 10048) or getattr(exc, "winerror", None) == 10048


def address_taken(dev_addr: str) -> bool:
    """Whether something already listens at ``dev_addr`` (``IP:PORT``): found before the first build,
    which MkDocs makes before it binds the address. Anything else (a malformed address) is for
    MkDocs to report."""
    host, _, port = dev_addr.rpartition(":")
    if not port.isdigit() or os.name == "nt":  # Windows lets a second socket share the address: MkDocs finds out
        return False
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will: TIME_WAIT is no obstacle
        try:
            probe.bind((host.strip("[]") or "127.0.0.1", int(port)))
        except OSError as exc:
            return address_in_use(exc)
    return False


def address_in_use_message(dev_addr: str) -> str:
    """One line: the address is taken, and how to choose another."""
    host, _, port = dev_addr.rpartition(":")
    other = f"{host or '127.0.0.1'}:{int(port) + 1}" if port.isdigit() else "127.0.0.1:8001"
    return (
        f"错误：预览地址 {dev_addr} 已被占用（也许另一个 gkml serve 还在运行）。"
        f"请先关闭它，或换一个地址：gkml serve --dev-addr {other}"
    )
