"""A small JSON Schema (draft-07) validator for the keywords gkml's schemas use, and YAML as editors see it.

The tests must not depend on a JSON Schema library the project does not declare, so
this module validates with exactly the keywords :mod:`generator.edit.schema` writes and
refuses any other: a schema that starts using a new keyword fails loudly here until
the keyword is supported (and, where a library is installed, compared with it).

:func:`editor_view` reads YAML the way the VS Code YAML extension does (YAML 1.2 core
schema: ``3`` is a number, ``true`` a boolean, ``~`` null), unlike gkml's loader, which
keeps every scalar as text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import yaml

Schema = dict[str, Any]

#: Keywords that only annotate (or are read by editors alone): never a reason to reject.
ANNOTATIONS = frozenset(
    {"$schema", "$id", "title", "description", "deprecated", "deprecationMessage", "errorMessage", "$comment"}
)
#: Keywords this validator checks.
ASSERTIONS = frozenset(
    {
        "type",
        "enum",
        "const",
        "pattern",
        "minimum",
        "maximum",
        "minItems",
        "maxItems",
        "items",
        "properties",
        "required",
        "additionalProperties",
        "propertyNames",
        "minProperties",
        "maxProperties",
        "anyOf",
        "if",
        "then",
        "else",
    }
)
KEYWORDS = ANNOTATIONS | ASSERTIONS


class UnsupportedKeyword(Exception):
    """The schema uses a keyword this validator does not know."""


def _is_type(value: object, name: str) -> bool:
    if name == "null":
        return value is None
    if name == "boolean":
        return isinstance(value, bool)
    if name == "string":
        return isinstance(value, str)
    if name == "array":
        return isinstance(value, list)
    if name == "object":
        return isinstance(value, dict)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if name == "number":
        return True
    if name == "integer":  # JSON Schema: a number without a fractional part, 3.0 included
        return isinstance(value, int) or (math.isfinite(value) and float(value).is_integer())
    raise UnsupportedKeyword(f"type {name!r}")


def _json_equal(a: object, b: object) -> bool:
    """Equality of JSON values: ``true`` is not ``1``; ``1`` is ``1.0``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def errors(schema: Schema | bool, value: object, path: str = "$") -> Iterator[str]:
    """Every reason why ``value`` does not match ``schema`` (nothing when it matches)."""
    if schema is True:
        return
    if schema is False:
        yield f"{path}: nothing is allowed here"
        return
    unknown = set(schema) - KEYWORDS
    if unknown:
        raise UnsupportedKeyword(", ".join(sorted(unknown)))
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(value, t) for t in types):
            yield f"{path}: {value!r} is not of type {types}"
            return
    if "enum" in schema and not any(_json_equal(value, e) for e in schema["enum"]):
        yield f"{path}: {value!r} is not one of {schema['enum']}"
    if "const" in schema and not _json_equal(value, schema["const"]):
        yield f"{path}: {value!r} is not {schema['const']!r}"
    if isinstance(value, str) and "pattern" in schema and not _regex(schema["pattern"]).search(value):
        yield f"{path}: {value!r} does not match {schema['pattern']!r}"
    if _is_type(value, "number"):
        if "minimum" in schema and value < schema["minimum"]:  # type: ignore[operator]
            yield f"{path}: {value!r} < {schema['minimum']}"
        if "maximum" in schema and value > schema["maximum"]:  # type: ignore[operator]
            yield f"{path}: {value!r} > {schema['maximum']}"
    if isinstance(value, list):
        yield from _array_errors(schema, value, path)
    if isinstance(value, dict):
        yield from _object_errors(schema, value, path)
    if "anyOf" in schema and not any(is_valid(s, value) for s in schema["anyOf"]):
        yield f"{path}: {value!r} matches none of the {len(schema['anyOf'])} alternatives"
    if "if" in schema:
        branch = schema.get("then", True) if is_valid(schema["if"], value) else schema.get("else", True)
        yield from errors(branch, value, path)


def _array_errors(schema: Schema, value: list[object], path: str) -> Iterator[str]:
    if "minItems" in schema and len(value) < schema["minItems"]:
        yield f"{path}: fewer than {schema['minItems']} items"
    if "maxItems" in schema and len(value) > schema["maxItems"]:
        yield f"{path}: more than {schema['maxItems']} items"
    if "items" in schema:
        for i, item in enumerate(value):
            yield from errors(schema["items"], item, f"{path}[{i}]")


def _object_errors(schema: Schema, value: dict[str, object], path: str) -> Iterator[str]:
    properties: dict[str, Schema] = schema.get("properties", {})
    for key in schema.get("required", []):
        if key not in value:
            yield f"{path}: missing {key!r}"
    if "minProperties" in schema and len(value) < schema["minProperties"]:
        yield f"{path}: fewer than {schema['minProperties']} keys"
    if "maxProperties" in schema and len(value) > schema["maxProperties"]:
        yield f"{path}: more than {schema['maxProperties']} keys"
    for key, item in value.items():
        if "propertyNames" in schema:
            yield from errors(schema["propertyNames"], key, f"{path} key {key!r}")
        if key in properties:
            yield from errors(properties[key], item, f"{path}.{key}")
        elif "additionalProperties" in schema:
            yield from errors(schema["additionalProperties"], item, f"{path}.{key}")


def is_valid(schema: Schema | bool, value: object) -> bool:
    """Whether ``value`` matches ``schema``."""
    return next(errors(schema, value), None) is None


def keywords(schema: object) -> Iterator[str]:
    """Every keyword used anywhere in ``schema`` (property names and enum values excluded)."""
    if not isinstance(schema, dict):
        return
    for key, sub in schema.items():
        yield key
        if key in ("properties",):
            for child in sub.values():
                yield from keywords(child)
        elif key in ("items", "additionalProperties", "propertyNames", "if", "then", "else"):
            yield from keywords(sub)
        elif key == "anyOf":
            for child in sub:
                yield from keywords(child)


# -- YAML as the editor reads it ------------------------------------------------------------------------

_NULL = re.compile(r"^(?:null|Null|NULL|~|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


def _core_scalar(node: yaml.ScalarNode) -> object:
    """A scalar under the YAML 1.2 core schema (what the editor's language server uses by default)."""
    text = node.value
    if node.style:  # quoted or block scalars are strings
        return text
    if _NULL.match(text):
        return None
    if _BOOL.match(text):
        return text.lower() == "true"
    if _INT.match(text):
        return int(text)
    if _INT8.match(text):
        return int(text[2:], 8)
    if _INT16.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


def _convert(node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return _core_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return {str(key.value): _convert(value) for key, value in node.value}
    raise TypeError(node)


def editor_view(text: str) -> object:
    """The document as the editor validates it against the schema (YAML 1.2 core types)."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    return None if node is None else _convert(node)
