"""个人隐私去标识化: people's identifiers are found, look-alikes are not."""

from __future__ import annotations

import pytest

from generator.check.privacy import find_identifiers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("身份证号110101199003074514", [("privacy-id-number", "1101**********4514")]),
        ("11010119900307451x 末位小写", []),  # checksum says 4, not X
        ("身份证 11010519491231002X", [("privacy-id-number", "1101**********002X")]),
        ("编号110101199003074515", []),  # wrong checksum: not an ID number
        ("联系电话13812345678", [("privacy-mobile", "138****5678")]),
        ("手机 +86 138-1234-5678", [("privacy-mobile", "138****5678")]),
        ("办公电话0571-87654321", []),
        ("《公共租赁住房管理办法》（住房和城乡建设部令第11号）", []),
        ("卡号6222021234567890128", [("privacy-bank-card", "6222***********0128")]),
        ("卡号 6222 0212 3456 7890 128", [("privacy-bank-card", "6222***********0128")]),
        ("流水号6222021234567890123", []),  # fails Luhn
        ("https://zjj.example.gov.cn/art/2024/13812345678.html", []),  # an article id in a link
    ],
)
def test_identifiers(text: str, expected: list[tuple[str, str]]) -> None:
    assert find_identifiers(text) == expected
