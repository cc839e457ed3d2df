"""Keys of a mapping: unknown keys are reported with a did-you-mean suggestion."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Sequence

from generator.check.record.reader import FieldReader, Spec
from generator.load.yamlfile import Path_
from generator.model.records import KEY_ALIASES


def suggest_key(key: str, known: Collection[str]) -> str:
    """A did-you-mean clause for an unknown key, or an empty string."""
    if key in KEY_ALIASES and KEY_ALIASES[key] in known:
        return f"，是不是要写“{KEY_ALIASES[key]}”？"
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.5)
    return f"，是不是要写“{close[0]}”？" if close else ""


def report_unknown_key(
    reader: FieldReader, key: str, path: Path_, known: Sequence[str], spec: Spec | None = None
) -> None:
    """Report ``key`` (standing at ``path``) as none of ``known``, suggesting the closest."""
    suggestion = suggest_key(key, known)
    reader.report("unknown-key", path, spec, at_key=True, key=key, suggestion=suggestion, allowed="、".join(known))
