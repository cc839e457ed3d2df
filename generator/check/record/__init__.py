"""Validation of one item file: a parsed document → a :class:`Record` or diagnostics.

Every field is checked (not just the first failing one), each problem located at the
line and column of the offending value, and the message taken from
:mod:`generator.check.messages`. Which keys exist and what they hold comes from
:data:`generator.model.records.RECORD_FIELDS`. One module per concern:

* :mod:`.fields`: the file's structure (keys, required, empty) and which rules read each kind;
* :mod:`.reader`: reading text, lists and vocabulary words, reporting where they stand;
* :mod:`.keys`: unknown keys and their did-you-mean;
* :mod:`.scalars`: id, text, 顺序, dates;
* :mod:`.content`: 内容 and its ●/〇 marks;
* :mod:`.basis`: 依据, 书名号 and the brackets of 文号;
* :mod:`.channels`: 渠道, its ■/□ marks, 政府网站 column and 其他 name;
* :mod:`.links`: which 网址 may become links;
* :mod:`.phones`: lists of phone numbers;
* :mod:`.vocabularies`: 对象, 方式, 层级.

The 政务公开 rules a well-formed record can still break are in :mod:`generator.check.rules`.
"""

from __future__ import annotations

from generator.check.diagnostics import Diagnostic
from generator.check.record.fields import RecordValidator
from generator.check.record.keys import suggest_key
from generator.check.record.links import is_link_url
from generator.check.record.reader import type_name
from generator.check.rules import check_record
from generator.check.severity import Severity
from generator.load.yamlfile import YamlDocument
from generator.model.records import Record

__all__ = ["RecordValidator", "is_link_url", "suggest_key", "type_name", "validate_record"]


def validate_record(doc: YamlDocument, public: frozenset[str] = frozenset()) -> tuple[Record | None, list[Diagnostic]]:
    """Validate one parsed item file: its structure, then the 政务公开 rules (``public``: the mobile
    numbers the bureau publishes, :func:`generator.check.privacy.public_mobiles`)."""
    validator = RecordValidator(doc)
    record = validator.record()
    problems = check_record(doc, public)
    if any(d.severity is Severity.ERROR for d in problems):
        record = None
    return record, validator.diagnostics + problems
