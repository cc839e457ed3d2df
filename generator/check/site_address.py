"""Notes on the site's address (``网站地址`` in ``_site.yaml``) while the site is on trial (试运行).

In production a missing or local address is an error of ``_site.yaml`` itself (the loader reports it
with the other identity the footer needs); on trial it is a note, since a site without an address
still works with relative links, only without QR codes.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.check.diagnostics import Diagnostic, make
from generator.check.severity import Severity
from generator.model.records import Site
from generator.model.site_address import is_local

#: A ``site_url`` key at the top level of mkdocs.yml, with a value.
_SITE_URL = re.compile(r"^site_url[ \t]*:[ \t]*(?P<value>[^#\s][^#]*?)?[ \t]*(#.*)?$")
_NO_VALUE = frozenset({"", "null", "Null", "NULL", "~", "''", '""'})


def address_notes(site: Site) -> list[Diagnostic]:
    """What a site on trial is told about its address: none given (no QR codes), or one of this computer."""
    if site.production:
        return []
    file = site.file or "_site.yaml"
    if not site.url:
        if "网站地址" in site.positions:  # a bad one: reported and dropped by the loader
            return []
        return [make("site-url-unset", file, element="网站地址")]
    if is_local(site.url):
        at = site.at("网站地址")
        return [make("site-url-local", file, *at, element="网站地址", value=site.url, severity=Severity.INFO)]
    return []


def config_file_site_url(path: Path, file: str = "") -> list[Diagnostic]:
    """:func:`config_site_url` of the configuration file at ``path`` (nothing when it cannot be read)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return config_site_url(text, file or path.name)


def config_site_url(text: str, file: str) -> list[Diagnostic]:
    """A ``site_url`` left in mkdocs.yml (``text``, shown as ``file``): the address is 网站地址 in
    ``_site.yaml`` now, and this one is not used (one place for it; a county's mkdocs.yml from before)."""
    for number, line in enumerate(text.splitlines(), 1):
        found = _SITE_URL.match(line)
        if found and (found["value"] or "") not in _NO_VALUE:
            return [make("config-site-url", file, number, 1, element="site_url", value=found["value"])]
    return []
