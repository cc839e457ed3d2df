"""The site's public address (``网站地址`` in ``_site.yaml``): what makes one valid, and its one form.

Canonical links, ``sitemap.xml``, the feeds' links and the QR codes on pages and printed posters are
made from this address. A site may live in a sub-folder of the bureau's portal
(``https://www.xx.gov.cn/zjj/gkml/``): the address then ends with that folder, and always with ``/``.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

#: What a valid address looks like (for the JSON Schema of ``_site.yaml``: the checker's rule, as a pattern).
ADDRESS_PATTERN = r"^https?://[^\s/?#@]+(/[^\s?#]*)?$"

#: Host names that only ever mean "this computer".
_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})

_BLANK = re.compile(r"[\s\u00a0\u3000\u200b-\u200f\u2028\u2029\ufeff]")


def address_problem(text: str) -> str | None:
    """Why ``text`` is not a usable address of the site, in Chinese (None when it is)."""
    if _BLANK.search(text):
        return "含有空格或看不见的字符"
    if not text.startswith(("https://", "http://")):
        return "不是 http:// 或 https:// 开头"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return "格式不对（端口或方括号有误）"
    del port
    if not parts.hostname:
        return "没有写域名"
    if "@" in parts.netloc:
        return "含有用户名或密码（“@”之前的部分）"
    if parts.query or parts.fragment or text.endswith(("?", "#")):
        return "带有“?”或“#”及其后的部分"
    return None


def normalised(text: str) -> str:
    """The address as gkml uses it: a valid ``text`` (see :func:`address_problem`) ending with ``/``."""
    return text if text.endswith("/") else text + "/"


def is_local(address: str) -> bool:
    """Whether ``address`` names this computer (``localhost``, ``127.*``, ``0.0.0.0``, ``::1``):
    a QR code of it opens nothing on a visitor's phone."""
    host = (urlsplit(address).hostname or "").rstrip(".").lower()
    if host in _LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified
