"""Reading the values of one YAML document, reporting each problem where it stands.

:class:`FieldReader` is what every element's rules share: it turns a value into text,
a list or a vocabulary word, and reports at the value's line and column (with the
message from :mod:`generator.check.messages`) when it cannot.
"""

from __future__ import annotations

from typing import Protocol

from generator.check.diagnostics import Diagnostic, make
from generator.load.yamlfile import Path_, YamlDocument
from generator.model import vocab
from generator.model.placeholders import is_placeholder


class Spec(Protocol):
    """What a reader needs of the key it reads: its name and an example of its value (an item's
    :class:`~generator.model.records.FieldSpec`, an entry's :class:`~generator.model.entries.EntryField`)."""

    @property
    def key(self) -> str: ...

    @property
    def example(self) -> str: ...


def type_name(value: object) -> str:
    """Chinese name of a YAML value's shape, for messages."""
    if value is None or value == "":
        return "空值"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "键值对"
    return "文字"


class FieldReader:
    """Reads the values of one document; collects every problem into ``self.diagnostics``."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.diagnostics: list[Diagnostic] = []

    def report(
        self, code: str, path: Path_, spec: Spec | None = None, *, at_key: bool = False, **values: object
    ) -> None:
        """Report the problem ``code`` at ``path`` (at its key when ``at_key``), for the element ``spec``."""
        line, column = self.doc.where(path, key=at_key)
        element = spec.key if spec else ""
        # severity named (None: the code's own), so that no message value is taken for it
        self.diagnostics.append(make(code, self.doc.file, line, column, element=element, severity=None, **values))

    def text(self, value: object, path: Path_, spec: Spec, what: str = "文字") -> str | None:
        """A non-empty single-line-or-more string, or None after reporting why not."""
        if isinstance(value, (list, dict)):
            self.report(
                "wrong-type", path, spec, key=spec.key, expected=what, found=type_name(value), example=spec.example
            )
            return None
        if value is None or not str(value).strip():
            self.report("empty-value", path, spec, key=spec.key, example=spec.example)
            return None
        return str(value).strip()

    def one_or_many(self, value: object, path: Path_, spec: Spec) -> list[tuple[object, Path_]]:
        """A scalar or a list, as (item, path) pairs."""
        if isinstance(value, list):
            if not value:
                self.report("empty-value", path, spec, key=spec.key, example=spec.example)
            return [(item, (*path, i)) for i, item in enumerate(value)]
        if isinstance(value, dict):
            self.report(
                "wrong-type", path, spec, key=spec.key, expected="文字或列表", found="键值对", example=spec.example
            )
            return []
        return [(value, path)]

    def choice(
        self, value: object, path: Path_, spec: Spec, allowed: tuple[str, ...], variants: dict[str, str]
    ) -> str | None:
        """One word of the vocabulary ``allowed`` (a known variant is reported and normalised)."""
        text = self.text(value, path, spec)
        if text is None:
            return None
        if is_placeholder(text):  # gkml import's 【待核实…】: reported by the placeholder rule, kept as written
            return text
        normal = vocab.normalise(text, allowed, variants)
        if normal is None:
            self.report("vocab-unknown", path, spec, value=text, key=spec.key, allowed="、".join(allowed))
        elif normal != text:
            self.report("vocab-variant", path, spec, value=text, normal=normal)
        return normal
