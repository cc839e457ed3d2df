"""Notes on the site's address (``网站地址`` in ``_site.yaml``) while the site is on trial (试运行).

In production a missing or local address is an error of ``_site.yaml`` itself (the loader reports it
with the other identity the footer needs); on trial it is a note, since a site without an address
still works with relative links, only without QR codes.
"""

from __future__ import annotations

from generator.check.diagnostics import Diagnostic, make
from generator.check.severity import Severity
from generator.model.records import Site
from generator.model.site_address import is_local


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
