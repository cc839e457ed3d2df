"""The shipped server configurations (deploy/): nginx and IIS send the same headers, from the one table in
deploy/configs.py; the generated parts are up to date; web.config is well-formed XML. What nginx really
sends is checked in the browser tests (tests/e2e/test_server.py)."""

from __future__ import annotations

import importlib.util
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def load_configs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gkml_deploy_configs", DEPLOY / "configs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


configs = load_configs()


def nginx_headers() -> dict[str, str]:
    """The headers the nginx snippet adds (commented lines left out)."""
    text = (DEPLOY / "nginx" / "snippets" / "gkml-headers.conf").read_text(encoding="utf-8")
    return dict(re.findall(r'(?m)^add_header (\S+) "([^"]*)" always;$', text))


def iis_headers() -> dict[str, str]:
    tree = ET.parse(DEPLOY / "iis" / "web.config")
    custom = tree.getroot().find("system.webServer/httpProtocol/customHeaders")
    assert custom is not None
    return {e.get("name", ""): e.get("value", "") for e in custom.findall("add")}


def test_the_generated_files_are_what_the_tables_give() -> None:
    for path, text in configs.expected().items():
        assert path.read_text(encoding="utf-8") == text, f"{path}: run python deploy/configs.py"


def test_nginx_and_iis_send_the_same_security_headers() -> None:
    table = {h.name: h.value for h in configs.HEADERS}
    assert nginx_headers() == table
    assert iis_headers() == table


def test_the_content_security_policy_is_strict() -> None:
    csp = dict(d.split(" ", 1) for d in configs.csp_value().split("; "))
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'", "no 'unsafe-inline', no hashes: pages carry no inline script"
    assert "unsafe" not in configs.csp_value()
    assert all(s.why for s in configs.CSP), "each directive says why"


def test_web_config_is_well_formed_and_knows_the_sites_file_types() -> None:
    root = ET.parse(DEPLOY / "iis" / "web.config").getroot()
    maps = {m.get("fileExtension"): m.get("mimeType") for m in root.iter("mimeMap")}
    assert maps[".webmanifest"].startswith("application/manifest+json")
    assert maps[".svg"].startswith("image/svg+xml")
    assert maps[".woff2"] == "font/woff2"
    assert maps[".html"] == "text/html; charset=utf-8"
    errors = root.find("system.webServer/httpErrors/error")
    assert errors is not None and errors.get("statusCode") == "404" and errors.get("path") == "/404.html"


def test_iis_keeps_only_fingerprinted_folders_for_a_year() -> None:
    root = ET.parse(DEPLOY / "iis" / "web.config").getroot()
    cached = {loc.get("path"): loc.find("system.webServer/staticContent/clientCache") for loc in root.iter("location")}
    assert set(cached) == set(configs.FINGERPRINTED_FOLDERS)
    for cache in cached.values():
        assert cache is not None and cache.get("cacheControlMaxAge") == "365.00:00:00"
        assert cache.get("cacheControlCustom") == "public, immutable"
    default = root.find("system.webServer/staticContent/clientCache")
    assert default is not None and default.get("cacheControlMode") == "DisableCache"  # Cache-Control: no-cache


def test_nginx_config_caches_fingerprinted_files_only_and_knows_the_file_types() -> None:
    conf = (DEPLOY / "nginx" / "gkml.conf").read_text(encoding="utf-8")
    assert f'location ~ "{configs.FINGERPRINTED}"' in conf
    assert f'add_header Cache-Control "{configs.CACHE_FINGERPRINTED}" always;' in conf
    assert f'add_header Cache-Control "{configs.CACHE_OTHERS}" always;' in conf
    assert conf.count("include snippets/gkml-headers.conf;") == conf.count("add_header Cache-Control")
    types = (DEPLOY / "nginx" / "snippets" / "gkml-types.conf").read_text(encoding="utf-8")
    assert "application/manifest+json webmanifest;" in types
    for mime in configs.CHARSET_TYPES:
        assert mime in conf, mime
