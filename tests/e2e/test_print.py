"""Printing: a column is a clean A4 poster for a 公示栏, an item fits on one A4 sheet.

Chromium prints each page to PDF (``page.pdf``, headless only); poppler's ``pdfinfo``
counts its pages, ``pdftotext`` reads it, and ``pdftoppm`` renders it to
``tests/artifacts/print-<kind>-<n>.png`` for people to look at, and to a grey bitmap
from which zxing-cpp reads the QR code back, as a phone at the notice board would.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import zxingcpp

from generator.model.records import Record

A4_POINTS = (595, 842)  # 210 × 297 mm
PRINTABLE_PX = round((210 - 2 * 12) / 25.4 * 96)  # A4 width less the 12 mm margins of the print stylesheet
ELEMENT_LABELS = ("公开内容（要素）", "公开依据", "公开时限", "公开主体")
ELEMENT_LABELS += ("公开方式", "公开渠道和载体", "公开对象", "公开层级")


@pytest.fixture(scope="module")
def poppler() -> None:
    missing = [tool for tool in ("pdfinfo", "pdftotext", "pdftoppm") if not shutil.which(tool)]
    if missing:
        pytest.fail(f"需要 poppler-utils（{', '.join(missing)}）：请运行 bash tests/run.sh / install poppler-utils")


def print_pdf(page: Any, url: str, path: Path) -> Path:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
    return path


def pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True)
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info.stdout)]


def pdf_text(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout
    return re.sub(r"\s+", "", text.decode("utf-8"))


def render_png(pdf: Path, artifacts: Path, name: str) -> list[Path]:
    for old in artifacts.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(artifacts / name)], check=True)
    return sorted(artifacts.glob(f"{name}-*.png"))


def qr_codes_on_first_page(pdf: Path) -> list[str]:
    """The QR codes zxing-cpp reads on page 1, rendered in grey at 200 dpi."""
    pgm = subprocess.run(
        ["pdftoppm", "-r", "200", "-gray", "-f", "1", "-l", "1", str(pdf)], capture_output=True, check=True
    ).stdout
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", pgm)
    assert match, "pdftoppm -gray did not write a binary PGM"
    width, height = int(match.group(1)), int(match.group(2))
    pixels = pgm[match.end() : match.end() + width * height]
    image = memoryview(pixels).cast("B", (height, width))
    return [b.text for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


#: Elements reaching past the printable width when the page is laid out for print.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('article *')]
    .filter(el => el.getClientRects().length)
    .filter(el => { const box = el.getBoundingClientRect(); return box.width > 0 && box.right > width + 0.5; })
    .map(el => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`)
    .slice(0, 10);
}"""


def assert_fits_printable_width(page: Any, url: str) -> None:
    page.set_viewport_size({"width": PRINTABLE_PX, "height": 1000})
    page.emulate_media(media="print")
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= PRINTABLE_PX
    assert page.evaluate(OVERFLOWING) == [], f"cut off in print: {url}"
    assert page.locator(".gkml-qr").is_visible(), "the QR code must be printed"
    for hidden in (".md-header", ".gkml-crumbs", ".gkml-filters", ".gkml-search-form", ".md-footer"):
        assert not page.locator(hidden).first.is_visible(), f"{hidden} must not be printed"
    page.emulate_media(media="screen")


def qr_url(page: Any) -> str:
    return page.locator(".gkml-qr__url").inner_text()


def test_column_prints_as_an_a4_poster(site: Any, pages: Any, artifacts: Path, poppler: None, tmp_path: Path) -> None:
    columns = [(a, c) for a in site.catalogue.areas for c in a.categories]
    area, category = max(columns, key=lambda ac: len(ac[1].records))
    records = category.records
    url = site.category_url(area, category)
    page = pages.open({"width": 1280, "height": 900})
    pdf = print_pdf(page, url, tmp_path / "column.pdf")
    address = qr_url(page)

    sizes = pdf_pages(pdf)
    assert all(round(w) == A4_POINTS[0] and round(h) == A4_POINTS[1] for w, h in sizes), sizes
    assert 1 <= len(sizes) <= math.ceil(len(records) / 2.5), f"{len(records)} items on {len(sizes)} A4 pages"

    text = pdf_text(pdf)
    for wanted in (site.catalogue.site.title, category.title, f"最近更新：{category.updated}"):
        assert wanted in text, wanted
    for record in records:  # every item, with its elements
        assert record.title in text, record.title
        assert re.sub(r"\s+", "", record.subject) in text
        assert all(re.sub(r"\s+", "", e.text) in text for e in record.content), record.title
    for chrome in ("长辈版", "筛选", "搜索公开事项", "查看" + area.title + "领域目录总表"):
        assert chrome not in text, f"{chrome!r} must not be printed"

    assert qr_codes_on_first_page(pdf) == [address]
    assert address.endswith(f"/{area.slug}/{category.slug}/")
    assert render_png(pdf, artifacts, "print-column")
    assert_fits_printable_width(page, url)


def longest(records: list[Record]) -> Record:
    return max(
        records,
        key=lambda r: sum(len(e.text) for e in r.content) + sum(len(b.text) for b in r.basis) + len(r.channels) * 20,
    )


@pytest.mark.parametrize("mode", ["normal", "elder"])
def test_item_prints_on_one_a4_page(
    site: Any, pages: Any, artifacts: Path, poppler: None, tmp_path: Path, mode: str
) -> None:
    record = longest(site.catalogue.records)
    url = site.item_url(record)
    page = pages.open({"width": 1280, "height": 900}, elder=mode == "elder")
    pdf = print_pdf(page, url, tmp_path / "item.pdf")
    sizes = pdf_pages(pdf)
    assert len(sizes) == 1, f"{record.id} prints on {len(sizes)} pages ({mode})"
    text = pdf_text(pdf)
    assert record.title in text and site.catalogue.site.title in text
    assert all(label in text for label in ELEMENT_LABELS)
    assert f"更新日期：{record.updated}" in text
    assert qr_codes_on_first_page(pdf) == [qr_url(page)]
    assert qr_url(page).endswith(f"/item/{record.id}/")
    assert render_png(pdf, artifacts, f"print-item{'-elder' if mode == 'elder' else ''}")
    assert_fits_printable_width(page, url)


def test_the_request_form_prints_alone_on_one_page(site: Any, page: Any, tmp_path: Path, poppler: None) -> None:
    """依申请公开: printing the page gives the form, ready to fill in, and nothing else."""
    pdf = print_pdf(page, site.url + "gongkai/apply/", tmp_path / "apply.pdf")
    assert len(pdf_pages(pdf)) == 1
    text = pdf_text(pdf)
    labels = ("政府信息公开申请表", "申请人姓名或名称", "联系电话", "获取信息的方式", "申请人签名（盖章）", "申请日期")
    for label in labels:
        assert label in text, label
    assert "申请方法" not in text and "网站地图" not in text  # the page's introduction and chrome stay on screen


def first_page_text(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True)
    return re.sub(r"\s+", "", text.stdout.decode("utf-8"))


def test_an_entry_prints_its_facts_and_the_code_of_its_address(
    site: Any, page_urls: dict[str, str], pages: Any, artifacts: Path, poppler: None, tmp_path: Path
) -> None:
    """A notice or policy printed for a 公示栏: its title and table of facts on the first A4 sheet,
    with the QR code of its page; attachments listed; no screen controls."""
    url = page_urls["entry"]
    entry = next(e for e in site.catalogue.entries if url.endswith(f"/info/{e.id}/"))
    page = pages.open({"width": 1280, "height": 900})
    pdf = print_pdf(page, url, tmp_path / "entry.pdf")
    sizes = pdf_pages(pdf)
    assert all(round(w) == A4_POINTS[0] and round(h) == A4_POINTS[1] for w, h in sizes), sizes

    first = first_page_text(pdf)  # the table's labels and values come out column by column
    facts = {"标题": entry.title, "发布机构": entry.publisher, "发布日期": entry.published, "类别": entry.category}
    facts |= {"文号": entry.doc_no} if entry.doc_no else {}
    for label, value in facts.items():
        assert label in first and re.sub(r"\s+", "", value) in first, f"{label} {value} not on page 1"
    assert site.catalogue.site.title in first
    text = pdf_text(pdf)
    assert entry.attachments, "the fullest entry has attachments"
    for attachment in entry.attachments:
        assert re.sub(r"\s+", "", attachment.name) in text, attachment.name
    for chrome in ("长辈版", "订阅", "搜索公开事项"):
        assert chrome not in text, f"{chrome!r} must not be printed"

    assert qr_codes_on_first_page(pdf) == [qr_url(page)]
    assert qr_url(page).endswith(f"/info/{entry.id}/")
    assert render_png(pdf, artifacts, "print-entry")
    assert_fits_printable_width(page, url)
