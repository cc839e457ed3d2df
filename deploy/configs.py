"""The web server settings of a gkml site, in one table, and the parts of the shipped nginx and IIS
configurations written from it.

Run ``python deploy/configs.py`` after changing a table: it rewrites
``deploy/nginx/snippets/gkml-headers.conf``, ``deploy/nginx/snippets/gkml-types.conf`` and the
marked parts of ``deploy/iis/web.config``. tests/unit/test_deploy_configs.py fails when a file
differs from what the tables give; the browser tests (tests/e2e/test_server.py) check what
nginx really sends, and that no page breaks the Content-Security-Policy.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

DEPLOY = Path(__file__).resolve().parent
NGINX_HEADERS = DEPLOY / "nginx" / "snippets" / "gkml-headers.conf"
NGINX_TYPES = DEPLOY / "nginx" / "snippets" / "gkml-types.conf"
NGINX_SITE = DEPLOY / "nginx" / "gkml.conf"
IIS_CONFIG = DEPLOY / "iis" / "web.config"


@dataclass(frozen=True)
class Source:
    """One directive of the Content-Security-Policy and why it allows what it allows (Chinese)."""

    directive: str
    sources: str
    why: str


#: The Content-Security-Policy every page satisfies (0 violations in the browser tests). Scripts:
#: only the site's own files (the pages carry no inline script: overrides/partials/javascripts/).
CSP: tuple[Source, ...] = (
    Source("default-src", "'self'", "默认只允许本网站自己的文件，不从任何其他网站加载内容"),
    Source("script-src", "'self'", "脚本只能是本网站的文件；页面中没有内联脚本，不需要 'unsafe-inline' 或哈希值"),
    Source("style-src", "'self'", "样式只能是本网站的文件；页面中没有内联样式"),
    Source(
        "img-src", "'self' data:", "例外：主题的图标是写在样式表里的 data: 地址的 SVG 图片（如提示框、外部链接的图标）"
    ),
    Source("font-src", "'self'", "不加载外部字体（使用系统自带的中文字体）"),
    Source("connect-src", "'self'", "搜索数据只从本网站读取"),
    Source("object-src", "'none'", "不使用 Flash 等插件"),
    Source("base-uri", "'self'", "页面不能被改写相对地址的基准"),
    Source("form-action", "'self'", "搜索表单只提交到本网站"),
    Source("frame-ancestors", "'self'", "只允许本网站的页面嵌入；如需嵌入门户网站，把门户的地址加在 'self' 后面"),
)


def csp_value() -> str:
    """The Content-Security-Policy header's value."""
    return "; ".join(f"{s.directive} {s.sources}" for s in CSP)


@dataclass(frozen=True)
class Header:
    """A response header every answer of the server carries, and why (Chinese)."""

    name: str
    value: str
    why: str


#: The security headers, on every response (pages, files, the 404 page).
HEADERS: tuple[Header, ...] = (
    Header(
        "Content-Security-Policy", csp_value(), "内容安全策略（各项的用途见上）：不满足它的内容，浏览器拒绝加载或执行"
    ),
    Header("X-Content-Type-Options", "nosniff", "浏览器按服务器声明的文件类型处理文件，不自行猜测"),
    Header(
        "Referrer-Policy", "strict-origin-when-cross-origin", "点击外部链接时只告诉对方本网站的域名，不带具体页面地址"
    ),
    Header("X-Frame-Options", "SAMEORIGIN", "旧浏览器的防嵌入设置，与 frame-ancestors 'self' 相同"),
    Header(
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "网站不使用摄像头、麦克风、定位、支付和 USB 设备，一律禁止",
    ),
)

#: Strict-Transport-Security: only once the site works over HTTPS (commented out in the shipped files).
HSTS = Header("Strict-Transport-Security", "max-age=31536000", "只在 HTTPS 正常工作后启用：浏览器一年内只用 HTTPS 访问")

#: Cache-Control of files whose name holds a hash of their content (bundle.a5f9d56c.min.js,
#: gkml.ab99f548.css: generator/site/assets.py): a new version has a new name.
CACHE_FINGERPRINTED = "public, max-age=31536000, immutable"
#: Cache-Control of everything else (pages, the search data, attachments): the browser asks each time
#: whether it changed (a short answer, 304, when it did not).
CACHE_OTHERS = "no-cache"
#: A fingerprinted file's name: eight hex digits before the suffix (as the theme and gkml write them).
FINGERPRINTED = r"\.[0-9a-f]{8}(\.min)?\.(css|js)$"
#: The folders of the site that hold fingerprinted files only (IIS sets caching by folder).
FINGERPRINTED_FOLDERS = ("assets/gkml", "assets/javascripts", "assets/stylesheets")


@dataclass(frozen=True)
class Mime:
    """A file type the site publishes; ``nginx_knows``: Debian's /etc/nginx/mime.types has it."""

    suffix: str
    type: str
    nginx_knows: bool


#: The file types of a gkml site (IIS is told them all; nginx only those its mime.types lacks).
MIME_TYPES: tuple[Mime, ...] = (
    Mime(".html", "text/html", True),
    Mime(".css", "text/css", True),
    Mime(".js", "application/javascript", True),
    Mime(".json", "application/json", True),
    Mime(".xml", "text/xml", True),
    Mime(".svg", "image/svg+xml", True),
    Mime(".png", "image/png", True),
    Mime(".woff2", "font/woff2", True),
    Mime(".csv", "text/csv", False),
    Mime(".webmanifest", "application/manifest+json", False),
    Mime(".pdf", "application/pdf", True),
    Mime(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", True),
    Mime(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", True),
)

#: Types nginx sends with "; charset=utf-8" (charset_types; text/html is always among them).
CHARSET_TYPES = (
    "text/css",
    "application/javascript",
    "application/json",
    "text/xml",
    "application/xml",
    "application/atom+xml",
    "image/svg+xml",
    "text/csv",
    "text/plain",
    "application/manifest+json",
)

_GENERATED = (
    "由 deploy/configs.py 生成，请勿手工修改：改动请改 deploy/configs.py 中的表，再运行 python deploy/configs.py"
)


def nginx_headers() -> str:
    """deploy/nginx/snippets/gkml-headers.conf."""
    lines = [
        "# gkml 网站的安全响应头（每个回应都带，包括 404 页面）。",
        f"# {_GENERATED}。",
        "#",
        "# 注意：nginx 的 add_header 只在当前 location 没有自己的 add_header 时才继承上一级的，",
        "# 所以 gkml.conf 在每个设置了缓存头的 location 中都 include 本文件。",
        "#",
        "# 内容安全策略（Content-Security-Policy）各项：",
    ]
    lines += [f"#   {s.directive} {s.sources}：{s.why}" for s in CSP]
    lines.append("")
    for header in HEADERS:
        lines += [f"# {header.why}", f'add_header {header.name} "{header.value}" always;']
    lines += [
        "",
        f"# {HSTS.why}（网站改用 HTTPS 并确认无误后，去掉下一行开头的 #）：",
        f'# add_header {HSTS.name} "{HSTS.value}" always;',
    ]
    return "\n".join(lines) + "\n"


def nginx_types() -> str:
    """deploy/nginx/snippets/gkml-types.conf."""
    lines = [
        "# gkml 网站用到、而 Debian 的 /etc/nginx/mime.types 中没有的文件类型。",
        f"# {_GENERATED}。",
        "# 与 mime.types 一起在 server 中 include（server 中写了 types，就不再继承 http 中的 types）。",
        "types {",
    ]
    lines += [f"    {m.type} {m.suffix.lstrip('.')};" for m in MIME_TYPES if not m.nginx_knows]
    lines.append("}")
    return "\n".join(lines) + "\n"


def iis_headers() -> str:
    """The ``<customHeaders>`` part of deploy/iis/web.config (between its markers)."""
    lines = ["        <customHeaders>", "          <!-- 内容安全策略（Content-Security-Policy）各项："]
    lines += [f"               {s.directive} {s.sources}：{s.why}" for s in CSP]
    lines.append("          -->")
    for header in HEADERS:
        lines += [
            f"          <!-- {header.why} -->",
            f"          <remove name={quoteattr(header.name)} />",
            f"          <add name={quoteattr(header.name)} value={quoteattr(header.value)} />",
        ]
    lines += [
        f"          <!-- {HSTS.why}（网站改用 HTTPS 并确认无误后，去掉本注释的开头和结尾，使下一行生效）",
        f"          <add name={quoteattr(HSTS.name)} value={quoteattr(HSTS.value)} /> -->",
        "        </customHeaders>",
    ]
    return "\n".join(lines)


def iis_types() -> str:
    """The ``<staticContent>`` part of deploy/iis/web.config (between its markers)."""
    lines = ["      <staticContent>"]
    for m in MIME_TYPES:
        mime = m.type + ("; charset=utf-8" if m.type in CHARSET_TYPES or m.type == "text/html" else "")
        lines += [
            f"        <remove fileExtension={quoteattr(m.suffix)} />",
            f"        <mimeMap fileExtension={quoteattr(m.suffix)} mimeType={quoteattr(mime)} />",
        ]
    lines += [
        "        <!-- 网页和搜索数据：浏览器每次都向服务器确认是否有更新 -->",
        '        <clientCache cacheControlMode="DisableCache" />',
        "      </staticContent>",
    ]
    return "\n".join(lines)


def between(text: str, name: str, content: str) -> str:
    """``text`` with what lies between its markers ``<!-- gkml:NAME -->`` and ``<!-- /gkml:NAME -->``
    replaced by ``content``."""
    start, end = f"<!-- gkml:{name} -->", f"<!-- /gkml:{name} -->"
    pattern = re.compile(re.escape(start) + r".*?\n([ \t]*)" + re.escape(end), re.DOTALL)
    if not pattern.search(text):
        raise ValueError(f"markers {start} … {end} not found")
    return pattern.sub(lambda m: f"{start}\n{content}\n{m.group(1)}{end}", text, count=1)


def iis_config(current: str) -> str:
    """deploy/iis/web.config (``current``: the file as it is) with its generated parts up to date."""
    return between(between(current, "headers", iis_headers()), "types", iis_types())


def expected() -> dict[Path, str]:
    """Each generated file and what it should hold."""
    return {
        NGINX_HEADERS: nginx_headers(),
        NGINX_TYPES: nginx_types(),
        IIS_CONFIG: iis_config(IIS_CONFIG.read_text(encoding="utf-8")),
    }


def main() -> int:
    """Write the generated files; print those that changed."""
    for path, text in expected().items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"rewritten: {path.relative_to(DEPLOY.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
