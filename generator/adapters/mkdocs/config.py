"""The ``gkml`` plugin's options in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class GkmlConfig(Config):
    """``plugins: [{gkml: {catalogue: …, severity: {…}}}]``."""

    catalogue = c.Type(str, default="catalogue")
    """The folder of YAML records, relative to mkdocs.yml (``gkml --catalogue`` overrides it)."""
    severity = c.Type(dict, default={})
    """Severity per rule, e.g. ``{subject-vague: error}`` (``gkml check`` reads it too)."""
