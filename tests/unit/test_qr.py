"""QR codes of column and item pages: the SVG we emit decodes to the page's address.

The SVG path is drawn into a bitmap here (segno writes one stroked path of horizontal
runs: ``M x y`` / ``m dx dy`` moves and ``h n`` runs, one unit per module) and read
back with a real decoder (zxing-cpp), so what is checked is what a phone would scan.
"""

from __future__ import annotations

import random
import re

import pytest
import zxingcpp

from generator.site.pages import Renderer
from generator.site.qr import BORDER, qr_svg
from generator.site.routes import Routes

SCALE = 6  # pixels per module


def modules(svg: str) -> tuple[int, list[list[bool]]]:
    """The dark modules of the code drawn by ``svg`` (size in modules, rows of booleans)."""
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    (path,) = re.findall(r'<path stroke="#000" d="([^"]+)"', svg)
    dark = [[False] * size for _ in range(size)]
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:\s+(-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:  # a horizontal run of dark modules on the row whose centre line is y
            for column in range(round(x), round(x + float(a))):
                dark[int(y)][column] = True
            x += float(a)
    return size, dark


def decode(svg: str) -> list[str]:
    size, dark = modules(svg)
    side = size * SCALE
    pixels = bytearray(side * side)
    for py in range(side):
        row = dark[py // SCALE]
        for px in range(side):
            pixels[py * side + px] = 0 if row[px // SCALE] else 255
    image = memoryview(bytes(pixels)).cast("B", (side, side))
    return [barcode.text for barcode in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/item/bzxzf-pjgl-zgsh/",
        "https://zjj.example.gov.cn/gkml/bzxzf/pjgl/",
        "https://www.example.gov.cn/zwgk/gkml/item/gytdsfwzsybc-zs-fwzsjdgkyzq-zsbcfagb-12345678/index.html",
    ],
)
def test_code_decodes_to_the_url(url: str) -> None:
    assert decode(str(qr_svg(url))) == [url]


def test_code_has_the_quiet_zone_and_is_black_on_white() -> None:
    svg = str(qr_svg("https://zjj.example.gov.cn/gkml/"))
    size, dark = modules(svg)
    assert not any(
        dark[y][x] for y in range(size) for x in range(size) if min(x, y, size - 1 - x, size - 1 - y) < BORDER
    )
    assert '<path fill="#fff" d="M0 0h' in svg
    assert 'shape-rendering="crispEdges"' in svg


def test_label_is_the_accessible_name_and_is_escaped() -> None:
    svg = str(qr_svg("https://a.example.gov.cn/", '扫码 "查看" <本页>'))
    assert svg.startswith('<svg role="img" aria-label="扫码 &#34;查看&#34; &lt;本页&gt;" ')
    assert svg.count("<svg") == 1


def test_without_label_the_code_is_hidden_from_assistive_technology() -> None:
    assert str(qr_svg("https://a.example.gov.cn/")).startswith('<svg aria-hidden="true" focusable="false" ')


def test_same_url_same_code() -> None:
    assert qr_svg("https://a.example.gov.cn/x/") == qr_svg("https://a.example.gov.cn/x/")
    assert qr_svg("https://a.example.gov.cn/x/") != qr_svg("https://a.example.gov.cn/y/")


# -- on the pages ------------------------------------------------------------------------


def qr_urls(html: str) -> list[str]:
    return re.findall(r'<span class="gkml-qr__url">([^<]+)</span>', html)


@pytest.mark.parametrize("directory_urls", [True, False])
def test_column_and_item_pages_carry_the_code_of_their_own_address(golden_catalogue, directory_urls: bool) -> None:
    routes = Routes(directory_urls=directory_urls)
    renderer = Renderer(golden_catalogue, routes)
    renderer.site_url = "https://zjj.example.gov.cn/gkml"
    base = "https://zjj.example.gov.cn/gkml/"
    pages = renderer.pages()
    with_code = {p.kind for p in pages if "gkml-qr" in p.html}
    assert with_code == {"category", "item"}
    for page in pages:
        if page.kind not in ("category", "item"):
            continue
        url = base + routes.url(page.src)
        assert qr_urls(page.html) == [url], page.src
        (svg,) = re.findall(r"<svg .*?</svg>", page.html, re.S)
        assert decode(svg) == [url], page.src


def test_no_code_without_the_site_address(golden_catalogue) -> None:
    renderer = Renderer(golden_catalogue, Routes())
    assert not any("gkml-qr" in p.html for p in renderer.pages())


def test_the_fast_matrix_is_segnos_own() -> None:
    """qr_matrix writes the data bits into a per-version template; it must give exactly
    what segno gives, for addresses of every length the site uses and beyond."""
    import segno

    from generator.site.qr import MASK, qr_matrix

    urls = [f"https://zjj.example.gov.cn/item/{'k' * n}/" for n in range(0, 260)]  # every length: every padding
    urls += [f"http://127.0.0.1:8000/item/bzxzf-pjgl-{i}/" for i in range(50)]
    urls += ["a", "https://zjj.example.gov.cn/zfxxgk/保障性住房/配给管理/", "HTTP://EXAMPLE.GOV.CN/A1", "12345"]
    shuffled = random.Random(15)
    printable = [chr(c) for c in range(32, 127)]
    urls += ["".join(shuffled.choices(printable, k=shuffled.randint(1, 300))) for _ in range(100)]
    for url in urls:
        expected = segno.make(url, error="m", micro=False, mask=MASK).matrix
        assert [bytes(row) for row in qr_matrix(url)] == [bytes(row) for row in expected], url
