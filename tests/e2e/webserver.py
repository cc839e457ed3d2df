"""nginx with the shipped configuration (deploy/nginx/), for the browser tests.

:func:`serve` starts Debian's ``nginx`` on 127.0.0.1 (a free port) with a temporary prefix: a
minimal ``nginx.conf`` (as Debian's: mime.types and gzip in ``http``) that includes
``deploy/nginx/gkml.conf`` with its ``listen``, ``root`` and ``error_page`` lines changed for
the test, and the shipped snippets. A site whose address has a sub-path (``/zjj/gkml/``, read
from its 404 page) is served under that sub-path, as the guide tells counties to do. nginx runs
in the foreground as a child (``daemon off``), as the current user, and is stopped at the end.
A missing nginx is a failure, never a skip.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "nginx"
SITE_CONFIG = DEPLOY / "gkml.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HOST = "127.0.0.1"
#: Debian's nginx.conf reads these in ``http``; the test's copy does too.
MIME_TYPES = Path("/etc/nginx/mime.types")
TEMP_FOLDERS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def require_nginx() -> str:
    """The nginx program; fails the test (never skips) when it is missing."""
    if not Path(NGINX).is_file():
        pytest.fail(
            "浏览器测试通过 nginx 访问网站，但找不到 nginx：请运行 bash tests/run.sh"
            "（以 root 身份会自动安装 nginx）。\n"
            "The browser tests serve the site with nginx, which is missing: run `bash tests/run.sh` "
            "(as root it installs the Debian package `nginx`)."
        )
    return NGINX


def site_path(site_dir: Path) -> str:
    """The path the site expects to be served under: ``/`` or its address's sub-path (``/zjj/gkml/``),
    as its 404 page (whose links are absolute) names it."""
    page = site_dir / "404.html"
    text = page.read_text(encoding="utf-8") if page.is_file() else ""
    found = re.search(r'data-gkml-base="(/[^"]*)"', text)
    path = found.group(1) if found else "/"
    return path if path.endswith("/") else path + "/"


def site_config(root: Path, port: int, path: str) -> str:
    """deploy/nginx/gkml.conf as the test runs it: on 127.0.0.1:``port``, files from ``root``,
    the 404 page under ``path``."""
    text = SITE_CONFIG.read_text(encoding="utf-8")
    changes = [
        (r"(?m)^    listen 80;$", f"    listen {HOST}:{port};"),
        (r"(?m)^    listen \[::\]:80;\n", ""),
        (r"(?m)^    root /var/www/gkml/site;$", f"    root {root};"),
        (r"(?m)^    error_page 404 /404.html;$", f"    error_page 404 {path}404.html;"),
    ]
    for pattern, replacement in changes:
        text, count = re.subn(pattern, lambda m, r=replacement: r, text, count=1)
        assert count == 1, f"deploy/nginx/gkml.conf no longer has the line the test changes: {pattern}"
    return text


def main_config(prefix: Path) -> str:
    user = "user root;\n" if os.geteuid() == 0 else ""  # as root, workers would run as nobody
    temp = "\n".join(f"    {name}_temp_path {prefix / 'tmp' / name};" for name in TEMP_FOLDERS)
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'error.log'} warn;\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        f"    include {prefix / 'mime.types'};\n"
        "    default_type application/octet-stream;\n"
        "    sendfile on;\n"
        f"    access_log {prefix / 'access.log'};\n"
        f"{temp}\n"
        f"    include {prefix / 'gkml.conf'};\n"
        "}\n"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def check_config(prefix: Path) -> subprocess.CompletedProcess[str]:
    """``nginx -t`` on the configuration in ``prefix``."""
    return subprocess.run(
        [require_nginx(), "-t", "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(prefix / "nginx.conf")],
        capture_output=True,
        text=True,
    )


def prepare(prefix: Path, site_dir: Path, port: int) -> str:
    """Write the configuration for serving ``site_dir`` into ``prefix``; returns the site's path."""
    path = site_path(site_dir)
    www = prefix / "www"
    mount = www / path.strip("/") if path != "/" else www
    mount.parent.mkdir(parents=True, exist_ok=True)
    mount.symlink_to(site_dir.resolve(), target_is_directory=True)
    for name in TEMP_FOLDERS:
        (prefix / "tmp" / name).mkdir(parents=True, exist_ok=True)
    shutil.copytree(DEPLOY / "snippets", prefix / "snippets")
    shutil.copy(MIME_TYPES, prefix / "mime.types")
    (prefix / "gkml.conf").write_text(site_config(www, port, path), encoding="utf-8")
    (prefix / "nginx.conf").write_text(main_config(prefix), encoding="utf-8")
    return path


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` with nginx and the shipped configuration; yields the site's URL (ending in ``/``)."""
    require_nginx()
    with tempfile.TemporaryDirectory(prefix="gkml-nginx-") as work:
        prefix = Path(work)
        for _attempt in range(5):
            port = free_port()
            for leftover in prefix.iterdir():
                shutil.rmtree(leftover) if leftover.is_dir() and not leftover.is_symlink() else leftover.unlink()
            path = prepare(prefix, site_dir, port)
            checked = check_config(prefix)
            if checked.returncode != 0:
                pytest.fail(f"nginx -t refuses deploy/nginx/gkml.conf:\n{checked.stderr}")
            process = subprocess.Popen(
                [NGINX, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(prefix / "nginx.conf")],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            if _wait_until_listening(process, port):
                break
            process.wait(timeout=10)
            error = process.stderr.read() if process.stderr else ""
            if "Address already in use" not in error:
                pytest.fail(f"nginx did not start:\n{error}")
        else:
            pytest.fail("nginx did not find a free port")
        try:
            yield f"http://{HOST}:{port}{path}"
        finally:
            process.terminate()  # SIGTERM: nginx's fast shutdown
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stderr:
                process.stderr.close()


def _wait_until_listening(process: subprocess.Popen[str], port: int, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nginx did not answer on {HOST}:{port} within {timeout} s")
