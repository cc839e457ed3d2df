"""The redirect map ``gkml import --entries --redirects`` writes, as nginx reads it: included in ``http { }``
beside the shipped configuration (deploy/nginx/gkml.conf, served by tests/e2e/webserver.py) with the one
line the guide tells a county to add to ``server { }``, an old address answers 301 with the new page;
quotes, spaces and Chinese in an old path work (nginx compares the decoded ``$uri``); other addresses are
served as before. A missing nginx is a failure, never a skip."""

from __future__ import annotations

import http.client
import re
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
import webserver  # tests/e2e is on sys.path (pytest prepends it)

from generator.edit.entry_migration import read_redirect_map, redirect_map

ROOT = Path(__file__).resolve().parents[2]
MAP = ROOT / "tests" / "fixtures" / "migration" / "expected" / "out" / "旧网址.map"
#: What the guide (content/guide/exchange.md, README) tells a county to add to its server block.
SERVER_LINE = "if ($gkml_redirect) { return 301 $gkml_redirect; }"


def _serve_with_map(prefix: Path, site: Path, lines: dict[str, str]) -> tuple[subprocess.Popen[str], int]:
    port = webserver.free_port()
    webserver.prepare(prefix, site, port)
    (prefix / "gkml-redirects.map").write_text(redirect_map(lines), encoding="utf-8")
    main = (prefix / "nginx.conf").read_text(encoding="utf-8")
    include = f"    include {prefix / 'gkml.conf'};\n"
    (prefix / "nginx.conf").write_text(
        main.replace(include, f"    include {prefix / 'gkml-redirects.map'};\n{include}"), encoding="utf-8"
    )
    conf = (prefix / "gkml.conf").read_text(encoding="utf-8")
    conf, count = re.subn(r"(?m)^    index index.html;$", f"    index index.html;\n    {SERVER_LINE}", conf, count=1)
    assert count == 1
    (prefix / "gkml.conf").write_text(conf, encoding="utf-8")
    checked = webserver.check_config(prefix)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(
        [webserver.NGINX, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(prefix / "nginx.conf")],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert webserver._wait_until_listening(process, port)
    return process, port


def _get(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection(webserver.HOST, port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.getheader("Location") or ""
    finally:
        connection.close()


def test_old_addresses_are_sent_to_the_new_pages(tmp_path: Path) -> None:
    webserver.require_nginx()
    site = tmp_path / "site"
    site.mkdir()
    (site / "404.html").write_text("<!doctype html><title>404</title>", encoding="utf-8")
    (site / "index.html").write_text("<!doctype html><title>首页</title>", encoding="utf-8")
    lines = read_redirect_map(MAP.read_text(encoding="utf-8"))
    assert len(lines) == 2  # the map of the fixtures, read back
    lines['/xxgk/通知 公告/第"1"号.html'] = "/info/tzgg-20240101-1/"
    process, port = _serve_with_map(tmp_path / "nginx", site, lines)
    try:
        assert _get(port, "/art/2024/5/20/art_1_1.html") == (
            301,
            "https://zjj.example.gov.cn/gkml/info/pjgl-20240520-1/",
        )
        assert _get(port, "/art/2024/7/1/art_1_30.html") == (
            301,
            "https://zjj.example.gov.cn/gkml/info/pjgl-20240701-1/",
        )
        assert _get(port, quote('/xxgk/通知 公告/第"1"号.html')) == (301, "/info/tzgg-20240101-1/")
        assert _get(port, "/art/2024/5/20/art_1_2.html")[0] == 404  # not in the map: as before
        assert _get(port, "/")[0] == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stderr:
            process.stderr.close()


def test_the_map_is_sorted_and_merges_with_what_it_holds() -> None:
    text = redirect_map({"/b.html": "/info/b/", "/a.html": "/info/a/"})
    assert text.index('"/a.html"') < text.index('"/b.html"')
    assert read_redirect_map(text) == {"/a.html": "/info/a/", "/b.html": "/info/b/"}
    assert redirect_map(read_redirect_map(text)) == text


@pytest.mark.parametrize("path", ['/a"b.html', "/a\\b.html", "/a b.html", "/通知.html"])
def test_any_old_path_reads_back_as_written(path: str) -> None:
    assert read_redirect_map(redirect_map({path: "/info/x/"})) == {path: "/info/x/"}
