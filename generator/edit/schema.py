"""JSON Schemas of the catalogue's YAML files, generated from the model.

Four schemas (JSON Schema draft-07, the dialect of the VS Code YAML extension and of
yaml-language-server): ``record`` for an item file, ``meta`` for ``_meta.yaml``,
``site`` for ``_site.yaml`` and ``entry`` for the front matter of an entry (公开信息, a
Markdown file: the YAML extension does not read front matter, so editors do not apply this
one by themselves; see the README). Editors get completion, hover help and squiggles from them;
``gkml check`` stays the authority. They are committed in ``generator/schemas/`` and
regenerated with ``gkml schema`` (``gkml schema --check`` and a unit test fail when the
committed files no longer match the model).

What the schemas say comes from :data:`generator.model.records.RECORD_FIELDS`,
:data:`~generator.model.records.META_FIELDS`, :data:`~generator.model.records.SITE_FIELDS`,
:data:`generator.model.entries.ENTRY_FIELDS` (keys, labels,
descriptions, examples, required keys, the kind of each value),
:data:`~generator.model.records.KEY_ALIASES` and :mod:`generator.model.vocab` (marks, channels, methods,
audiences, levels and their spelling variants). Rules:

* **Never stricter than the checker.** Whatever ``gkml check`` accepts (spelling variants
  included, which it accepts with a note) is valid. Where a rule of the checker cannot
  be written in JSON Schema (a repeated channel, 30 February, paired 《》), the schema
  is more lenient and leaves it to the checker.
* **The editor's view of YAML.** The language server reads YAML 1.2: ``顺序: 3`` is a
  number, ``true`` a boolean, ``~`` null, while the checker reads every value as text.
  So text values may be numbers, ``顺序`` an integer or a string of digits, and so on.
* **Completion proposes only good values.** Values that are accepted but should not be
  proposed (``true``/``false`` where text is expected, an empty optional key) are
  allowed through ``if``/``else`` (completion looks at ``type``, ``enum``, ``anyOf`` but
  not into ``if``), and spelling variants through a ``pattern`` next to the ``enum`` of
  the standard values (only the ``enum`` is proposed).
* **Patterns work in both dialects**: Python's ``re`` (the tests) and JavaScript's
  ``RegExp`` with the ``u`` flag (the editor): only ``\\s``, ``\\S``, explicit character
  classes and escapes of syntax characters; no ``\\d`` (Unicode digits in Python, ASCII
  digits in JavaScript).
* Keys that editors type by habit from the printed table (``公开时限`` for ``时限`` …)
  are listed as deprecated properties that say which key to use instead.

Output is deterministic: :func:`schema_json` always gives the same text for the same model.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import yaml

from generator.check.record.basis import BASIS_KEYS
from generator.check.record.channels import CHANNEL_DETAIL_KEYS
from generator.load.catalogue import SLUG_PATTERN
from generator.model import vocab
from generator.model.entries import (
    ATTACHMENT_KEYS,
    ATTACHMENT_TYPES,
    CATEGORIES,
    ENTRY_FIELDS,
    REVIEW_KEYS,
    VALIDITY_KEYS,
    VALIDITY_STATES,
)
from generator.model.naming import ID_MAX_LENGTH, ID_PATTERN
from generator.model.records import KEY_ALIASES, META_FIELDS, RECORD_FIELDS, SITE_FIELDS
from generator.model.schema_files import DRAFT, NOT_BLANK, SCHEMA_FILES
from generator.model.site_address import ADDRESS_PATTERN

Schema = dict[str, Any]


class Spec(Protocol):
    """One key of a file: an item's :class:`~generator.model.records.FieldSpec` or an entry's
    :class:`~generator.model.entries.EntryField` (the same attributes)."""

    @property
    def key(self) -> str: ...
    @property
    def attr(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def required(self) -> bool: ...
    @property
    def description(self) -> str: ...
    @property
    def example(self) -> str: ...


# -- regular expressions ----------------------------------------------------------------------------

_SYNTAX_CHARACTERS = frozenset("^$\\.*+?()[]{}|")
_FULLWIDTH_SPACES = "\\u3000*"  # vocab.normalise removes full-width spaces anywhere in a term
_DIGIT = "[0-9０-９]"  # what int() reads in 顺序: ASCII and full-width digits
_DAY = "(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12][0-9]|3[01])"
_WEEK = "W(?:0[1-9]|[1-4][0-9]|5[0-3])(?:-?[1-7])?"
#: What date.fromisoformat reads: 2024-03-05, 20240305, 2024-W10-2, 2024W102 (impossible days left to the checker).
DATE_PATTERN = f"^\\s*[0-9]{{4}}-?(?:{_DAY}|{_WEEK})\\s*$"
ORDER_PATTERN = f"^\\s*[+-]?{_DIGIT}(?:_?{_DIGIT})*\\s*$"
#: Links the checker accepts: http(s) or a path on the site itself (never "//host" or "/\\host").
URL_PATTERN = "^\\s*(?:https?://|/(?![/\\\\]))"
#: A document's title in 书名号, first: 《公共租赁住房管理办法》（住房和城乡建设部令第11号）.
BASIS_PATTERN = "^\\s*《[^》]*》"


def _escape(text: str) -> str:
    """``text`` as a literal in a regular expression (only syntax characters escaped: valid with the u flag)."""
    return "".join(f"\\{c}" if c in _SYNTAX_CHARACTERS else c for c in text)


def _term(text: str) -> str:
    """A vocabulary term as the checker reads it: full-width spaces may stand between its characters."""
    return _FULLWIDTH_SPACES.join(_escape(c) for c in text)


def _any_term(terms: list[str]) -> str:
    return "(?:" + "|".join(_term(t) for t in terms) + ")"


def _spellings(allowed: tuple[str, ...], variants: dict[str, str]) -> list[str]:
    """The standard terms and every variant the checker maps to one of them, in a stable order."""
    return [*allowed, *(v for v in variants if variants[v] in allowed)]


def _channel_pattern() -> str:
    marks = _escape(vocab.CHANNEL_REQUIRED + vocab.CHANNEL_OPTIONAL)
    names = _any_term(_spellings(vocab.CHANNELS, vocab.CHANNEL_VARIANTS))
    return f"^\\s*[{marks}]\\s*{names}\\s*$"


def _content_pattern() -> str:
    marks = _escape(vocab.CONTENT_REQUIRED + vocab.CONTENT_OPTIONAL + "".join(vocab.CONTENT_OPTIONAL_VARIANTS))
    return f"^\\s*[{marks}]\\s*\\S"


def _audience_pattern() -> str:
    """全社会 (a bracket after it is allowed and ignored), or 特定群体 with the group named in brackets.

    As ``validate._AUDIENCE`` reads it: the group is one line (``[^\\n]``, Python's ``.``), blanks around it
    may include line breaks.
    """
    forms = []
    for audience in vocab.AUDIENCES:
        terms = _any_term([audience, *(v for v, n in vocab.AUDIENCE_VARIANTS.items() if n == audience)])
        if audience == vocab.AUDIENCE_GROUP:
            forms.append(f"{terms}\\s*[（(]\\s*[^\\n]*?\\S[^\\n]*?\\s*[）)]")
        else:
            forms.append(f"{terms}(?:\\s*[（(]\\s*[^\\n]*?\\s*[）)])?")
    return f"^\\s*(?:{'|'.join(forms)})\\s*$"


def _choice_pattern(allowed: tuple[str, ...], variants: dict[str, str]) -> str:
    return f"^\\s*{_any_term(_spellings(allowed, variants))}\\s*$"


def _id_pattern() -> str:
    body = ID_PATTERN.pattern.removeprefix("^").removesuffix("$")
    return f"^\\s*(?=\\S{{1,{ID_MAX_LENGTH}}}\\s*$){body}\\s*$"


def _slug_pattern() -> str:
    return f"^\\s*{SLUG_PATTERN.pattern.removeprefix('^').removesuffix('$')}\\s*$"


# -- building blocks ----------------------------------------------------------------------------------


def _example_value(spec: Spec) -> object:
    """``spec.example`` as the checker reads it (every scalar a string; a flow list a list)."""
    return yaml.load(spec.example, Loader=yaml.BaseLoader)  # BaseLoader builds only str, list and dict


def _first_example(spec: Spec) -> str:
    value = _example_value(spec)
    return str(value[0] if isinstance(value, list) and value else value)


def _quoted(values: list[str] | tuple[str, ...]) -> str:
    return "、".join(f"“{v}”" for v in values)


def _one_or_many(item: Schema, listed: Schema | None = None) -> Schema:
    """One value, or a non-empty list of them (the checker reads both).

    ``listed`` is an alternative allowed as a list item only (a mapping: the checker refuses one in place of the list).
    """
    alternatives = item["anyOf"] if list(item) == ["anyOf"] else [item]
    items = {"anyOf": [*alternatives, listed]} if listed else item
    return {"anyOf": [*alternatives, {"type": "array", "minItems": 1, "items": items}]}


def _lenient(strict: Schema, also: list[Schema]) -> Schema:
    """``strict``, or any of ``also``: accepted by the checker, but not to be proposed by completion."""
    if not also:
        return strict
    return {"if": also[0] if len(also) == 1 else {"anyOf": also}, "else": strict}


_EMPTY: list[Schema] = [{"type": "null"}, {"const": ""}]  # an empty value, ignored where a value is optional


def _text(message: str) -> Schema:
    return {"type": ["string", "number"], "pattern": NOT_BLANK, "errorMessage": message}


def _url() -> Schema:
    return _lenient(
        {
            "type": "string",
            "pattern": URL_PATTERN,
            "errorMessage": "网址应以 http:// 或 https:// 开头，例如“https://www.example.gov.cn/zwgk/”",
        },
        _EMPTY,
    )


def _choice(spec: Spec, allowed: tuple[str, ...], variants: dict[str, str]) -> Schema:
    """The standard terms (proposed by completion) or any spelling the checker maps to one of them."""
    message = f"“{spec.key}”可选值：{_quoted(allowed)}"
    return {
        "anyOf": [
            {"enum": list(allowed), "errorMessage": message},
            {"type": "string", "pattern": _choice_pattern(allowed, variants), "errorMessage": message},
        ]
    }


def _content(spec: Spec) -> Schema:
    example = _first_example(spec).lstrip(vocab.CONTENT_REQUIRED + vocab.CONTENT_OPTIONAL)
    message = (
        f"每项公开内容前要加“{vocab.CONTENT_REQUIRED}”（必选）或“{vocab.CONTENT_OPTIONAL}”（可选），"
        f"例如“{vocab.CONTENT_REQUIRED}{example}”"
    )
    return _one_or_many({"type": "string", "pattern": _content_pattern(), "errorMessage": message})


def _basis(spec: Spec) -> Schema:
    message = f"公开依据应以书名号《》括起的文件名称开头，例如“{_first_example(spec)}”"
    title, doc_no, url = BASIS_KEYS
    mapping = {
        "type": "object",
        "properties": {
            title: {
                "title": "文件名称",
                "description": "文件名称，用书名号《》括起来。",
                "type": "string",
                "pattern": BASIS_PATTERN,
                "errorMessage": message,
            },
            doc_no: {
                "title": "文号",
                "description": "发文字号，例如“国务院令第711号”；年份用六角括号〔〕。",
                **_lenient(_text("文号应为文字"), [{"type": "boolean"}, *_EMPTY]),
            },
            url: {"title": "网址", "description": "文件全文的网址。", **_url()},
        },
        "required": [title],
        "additionalProperties": False,
    }
    return _one_or_many({"type": "string", "pattern": BASIS_PATTERN, "errorMessage": message}, mapping)


def _channels(spec: Spec) -> Schema:
    marks = (vocab.CHANNEL_REQUIRED, vocab.CHANNEL_OPTIONAL)
    message = (
        f"公开渠道应写成“{vocab.CHANNEL_REQUIRED}渠道”（必选）或“{vocab.CHANNEL_OPTIONAL}渠道”（可选），"
        f"渠道为 {len(vocab.CHANNELS)} 个标准渠道之一：{'、'.join(vocab.CHANNELS)}"
    )
    names = [
        {"enum": [m + c for c in vocab.CHANNELS for m in marks], "errorMessage": message},
        {"type": "string", "pattern": _channel_pattern(), "errorMessage": message},
    ]
    column, url = CHANNEL_DETAIL_KEYS
    detail = _lenient(
        {
            "type": ["string", "object"],
            "properties": {
                column: {
                    "title": "栏目",
                    "description": "发布本事项的网站栏目（政府网站渠道要写明）。",
                    **_lenient(_text("栏目应为文字"), [{"type": "boolean"}, *_EMPTY]),
                },
                url: {"title": "网址", "description": "栏目的网址。", **_url()},
            },
            "additionalProperties": False,
            "errorMessage": f"渠道后面可写一段文字说明，或写“{column}”和“{url}”两项",
        },
        [{"type": ["number", "boolean", "null"]}],
    )
    with_detail = {
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "propertyNames": {"pattern": _channel_pattern(), "errorMessage": message},
        "additionalProperties": detail,
    }
    return _one_or_many({"anyOf": names}, with_detail)


def _audiences(spec: Spec) -> Schema:
    public, group = vocab.AUDIENCE_PUBLIC, vocab.AUDIENCE_GROUP
    message = f"“{spec.key}”应为“{public}”或“{group}（写明群体）”"
    return _one_or_many(
        {
            "anyOf": [
                {"enum": [a for a in vocab.AUDIENCES if a != group], "errorMessage": message},
                {"type": "string", "pattern": _audience_pattern(), "errorMessage": message},
            ]
        }
    )


def _date(key: str, example: str) -> Schema:
    return {
        "type": ["string", "integer"],
        "pattern": DATE_PATTERN,
        "minimum": 10101,
        "maximum": 99991231,
        "errorMessage": f"“{key}”应写成“年-月-日”，例如“{example}”",
    }


def _case_free(text: str) -> str:
    """``text`` as a pattern matching it in any case (no flags: the same in Python and JavaScript)."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.lower() != c.upper() else _escape(c) for c in text)


#: A file beside the entry (never absolute, never through ``..``), of a type that may be published.
ATTACHMENT_PATTERN = (
    "^\\s*(?!/)(?!(?:[^/]*/)*\\.\\.(?:/|\\s*$))[\\s\\S]*\\.(?:"
    + "|".join(_case_free(suffix[1:]) for suffix in ATTACHMENT_TYPES)
    + ")\\s*$"
)


def _attachments(spec: Spec) -> Schema:
    allowed = "、".join(ATTACHMENT_TYPES)
    message = f"附件写相对于信息文件的路径（放在旁边的“附件”文件夹里），类型为 {allowed}，例如“附件/审核结果名单.pdf”"
    path = {"type": "string", "pattern": ATTACHMENT_PATTERN, "errorMessage": message}
    name_key, file_key = ATTACHMENT_KEYS
    mapping = {
        "type": "object",
        "properties": {
            name_key: {
                "title": "名称",
                "description": "附件在页面上显示的名称（不写则用文件名）。",
                **_lenient(_text("名称应为文字"), [{"type": "boolean"}, *_EMPTY]),
            },
            file_key: {"title": "文件", "description": "附件文件，相对于信息文件的路径。", **path},
        },
        "required": [file_key],
        "additionalProperties": False,
    }
    return _one_or_many(path, mapping)


def _entry_id(message: str) -> Schema:
    return {"type": "string", "pattern": _id_pattern(), "errorMessage": message}


def _validity(spec: Spec) -> Schema:
    state_key, date_key, replaced_key = VALIDITY_KEYS
    message = f"“{spec.key}”可选值：{_quoted(VALIDITY_STATES)}"
    state = {"enum": list(VALIDITY_STATES), "errorMessage": message}
    mapping = {
        "type": "object",
        "properties": {
            state_key: {"title": "状态", "description": f"{'、'.join(VALIDITY_STATES)}。", **state},
            date_key: {"title": "日期", "description": "修改或废止的日期。", **_date(date_key, "2025-06-01")},
            replaced_key: {
                "title": "替代",
                "description": "替代它的信息的 id。",
                **_entry_id("“替代”写替代它的那条信息的 id，例如“zcwj-20250601-1”"),
            },
        },
        "additionalProperties": False,
    }
    return {"anyOf": [state, mapping]}


def _review(spec: Spec) -> Schema:
    reviewer, date = REVIEW_KEYS
    return {
        "type": "object",
        "properties": {
            reviewer: {"title": "审核人", "description": "审核人的姓名。", **_text("审核人应为文字")},
            date: {"title": "审核日期", "description": "审核的日期。", **_date(date, "2025-03-11")},
        },
        "required": list(REVIEW_KEYS),
        "additionalProperties": False,
        "errorMessage": f"“{spec.key}”下面写“{reviewer}”和“{date}”两项，例如“{spec.example}”",
    }


def _value(spec: Spec) -> Schema:
    """The strict form of the value of ``spec``: what completion and hover see."""
    return _KINDS[spec.kind](spec)


_KINDS: dict[str, Callable[[Spec], Schema]] = {
    "id": lambda spec: {
        "type": "string",
        "pattern": _id_pattern(),
        "errorMessage": (
            f"id 只能用小写字母、数字和连字符，以字母开头，不超过 {ID_MAX_LENGTH} 个字符，例如“{spec.example}”"
        ),
    },
    "text": lambda spec: _text(f"“{spec.key}”应填写文字，不能为空，也不能写成列表或“键: 值”"),
    "content": _content,
    "basis": _basis,
    "methods": lambda spec: _one_or_many(_choice(spec, vocab.METHODS, vocab.METHOD_VARIANTS)),
    "channels": _channels,
    "audiences": _audiences,
    "levels": lambda spec: _one_or_many(_choice(spec, vocab.LEVELS, vocab.LEVEL_VARIANTS)),
    "order": lambda spec: {
        "type": ["integer", "string"],
        "pattern": ORDER_PATTERN,
        "errorMessage": f"“{spec.key}”应为整数，例如“{spec.example}”",
    },
    "date": lambda spec: _date(spec.key, spec.example),
    "phones": lambda spec: _one_or_many(_text(f"“{spec.key}”每项写一个电话号码，例如“{_first_example(spec)}”")),
    # the kinds of an entry's front matter
    "item": lambda spec: _entry_id(f"“{spec.key}”写本栏目中一个公开事项的 id，例如“{spec.example}”"),
    "category": lambda spec: _choice(spec, CATEGORIES, {}),
    "attachments": _attachments,
    "relations": lambda spec: _one_or_many(_entry_id(f"“{spec.key}”写相关信息的 id，例如“{_first_example(spec)}”")),
    "validity": _validity,
    "review": _review,
    "url": lambda spec: _url(),
}


def field_schema(spec: Spec, rule: tuple[str, str] | None = None) -> Schema:
    """The schema of one key: its label as title, description and example, and the values the checker accepts.

    ``rule`` is a ``(pattern, message)`` that a text value must also match (a rule of the loader, not of the kind).
    """
    value = _value(spec)
    if rule is not None:
        value = {**value, "pattern": rule[0], "errorMessage": rule[1]}
    also: list[Schema] = []
    if spec.kind in ("id", "text"):
        also.append({"type": "boolean"})  # the checker reads true/false as the text "true"/"false"
    if not spec.required:
        also += [*_EMPTY, {"type": "array", "maxItems": 0}]  # an optional key left empty is ignored
    return {
        "title": spec.label,
        "description": f"{spec.description}示例：{spec.example}",
        **_lenient(value, also),
    }


def _document(
    kind: str,
    title: str,
    description: str,
    specs: tuple[Spec, ...],
    rules: dict[str, tuple[str, str]] | None = None,
) -> Schema:
    rules = rules or {}
    properties = {spec.key: field_schema(spec, rules.get(spec.attr)) for spec in specs}
    keys = {spec.key for spec in specs}
    for alias, key in KEY_ALIASES.items():
        if key in keys and alias not in keys:
            properties[alias] = {
                "description": f"请改用“{key}”。",
                "deprecated": True,
                "deprecationMessage": f"不认识的键“{alias}”，请改用“{key}”。",
            }
    required = [spec.key for spec in specs if spec.required]
    return {
        "$schema": DRAFT,
        "$id": f"urn:gkml:schema:{kind}",
        "title": title,
        "description": description,
        "type": "object",
        "properties": properties,
        **({"required": required} if required else {}),
        "additionalProperties": False,
    }


_AUTHORITY = "编辑器的提示仅供参考，以 gkml check 的检查结果为准。"


def record_schema() -> Schema:
    """The schema of an item file (``catalogue/<领域>/<栏目>/<事项>.yaml``)."""
    return _document(
        "record",
        "公开事项",
        f"政务公开标准目录中的一个公开事项（一个文件一个事项）。{_AUTHORITY}",
        RECORD_FIELDS,
    )


def meta_schema() -> Schema:
    """The schema of ``_meta.yaml`` in an area or category folder."""
    slug = next(spec for spec in META_FIELDS if spec.attr == "slug")
    slug_message = f"“{slug.key}”只能用小写字母、数字和连字符，例如“{slug.example}”"
    return _document(
        "meta",
        "栏目设置",
        f"领域或栏目文件夹中的 _meta.yaml，各项均可不填。{_AUTHORITY}",
        META_FIELDS,
        {"slug": (_slug_pattern(), slug_message)},  # the loader's rule for 网址别名 (generator.load.catalogue)
    )


def site_schema() -> Schema:
    """The schema of ``catalogue/_site.yaml``."""
    return _document(
        "site",
        "站点设置",
        f"catalogue/_site.yaml：本单位和网站的信息。{_AUTHORITY}",
        SITE_FIELDS,
        # the loader's rule for 网站地址 (generator.model.site_address)
        {
            "url": (
                ADDRESS_PATTERN,
                "网站地址应以 http:// 或 https:// 开头，写到域名或子目录为止，例如“https://www.example.gov.cn/zjj/gkml/”",
            )
        },
    )


def entry_schema() -> Schema:
    """The schema of an entry's front matter (``catalogue/<领域>/<栏目>/<年>/<信息>.md``, between the ``---`` lines)."""
    return _document(
        "entry",
        "公开信息",
        "公开信息（Markdown 文件）开头两行 --- 之间的信息要素。"
        f"VS Code 的 YAML 扩展不检查 Markdown 文件的前置元数据，请以 gkml check 为准。{_AUTHORITY}",
        ENTRY_FIELDS,
    )


_BUILDERS: dict[str, Callable[[], Schema]] = {
    "record": record_schema,
    "meta": meta_schema,
    "site": site_schema,
    "entry": entry_schema,
}


def schema_json(kind: str) -> str:
    """The schema ``kind`` (record, meta, site or entry) as the text of its committed file."""
    if kind not in _BUILDERS:
        raise ValueError(f"unknown schema kind: {kind!r} (expected one of {', '.join(_BUILDERS)})")
    return json.dumps(_BUILDERS[kind](), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


# -- the files ------------------------------------------------------------------------------------------


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8").replace("\r\n", "\n")  # a checkout may have CRLF line ends
    except (OSError, UnicodeDecodeError):
        return None


def stale_files(folder: Path) -> list[str]:
    """Names of the schema files in ``folder`` that are missing or differ from what the model gives."""
    return [name for kind, name in SCHEMA_FILES.items() if _read(folder / name) != schema_json(kind)]


def write_schemas(folder: Path) -> list[str]:
    """Write the schema files into ``folder``; the names of those that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = stale_files(folder)
    for kind, name in SCHEMA_FILES.items():
        if name in changed:
            (folder / name).write_bytes(schema_json(kind).encode("utf-8"))
    return changed
