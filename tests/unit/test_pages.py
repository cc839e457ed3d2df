"""Hand-written pages (check.pages): beyond the fixtures in trees/content_*, a page of the largest
size gkml reads is checked in seconds, whatever it is made of."""

from __future__ import annotations

import time

import pytest

from generator.check.pages import check_page


@pytest.mark.parametrize(
    "page",
    [
        "![" * 300_000,  # an image's text never closed (was read in quadratic time)
        "![a][" * 150_000,
        "[a](" * 200_000,
        '<a x="' * 150_000,
        "<" * 900_000,
        "```\n" * 200_000,
        "``a`" * 200_000,
        "url(" * 200_000,
        "1 " * 450_000,
        "1\u200b" * 450_000,
    ],
    ids=lambda page: repr(page[:6]),
)
def test_a_page_of_a_megabyte_is_checked_in_seconds(page: str) -> None:
    start = time.perf_counter()
    check_page(page, "content/t.md")
    assert time.perf_counter() - start < 10
