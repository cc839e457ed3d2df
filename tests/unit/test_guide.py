"""The editors' guide to common mistakes is generated from the rules themselves."""

from __future__ import annotations

from generator.check.messages import MESSAGES
from generator.check.record import validate_record
from generator.load.yamlfile import parse_yaml
from generator.site.guide import EXAMPLE_FILE, EXAMPLE_RECORD, MISTAKES, common_errors_page, example


def test_the_example_record_is_correct() -> None:
    doc, diagnostics = parse_yaml(EXAMPLE_RECORD.encode(), EXAMPLE_FILE)
    assert doc is not None and diagnostics == []
    assert validate_record(doc)[1] == []


def test_twenty_distinct_mistakes_each_caught_by_its_rule() -> None:
    assert len(MISTAKES) == 20
    assert len({m.code for m in MISTAKES}) == 20
    for mistake in MISTAKES:
        _, diagnostics = example(mistake)
        assert mistake.code in {d.code for d in diagnostics}, mistake.code


def test_the_page_shows_the_checkers_own_words() -> None:
    page = common_errors_page()
    assert page.count("\n## ") == 20
    _, diagnostics = example(MISTAKES[0])
    assert diagnostics[0].format() in page
    assert f"## 13. {MESSAGES['website-column-missing'].title}" in page
    assert "catalogue/保障性住房/配给管理/公租房承租资格审核.yaml:" in page
