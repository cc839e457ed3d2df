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
    limits = c.Type(object, default={})
    """How much gkml reads at most, e.g. ``{text_file_bytes: 2 MiB}`` (:mod:`generator.model.limits`;
    ``gkml check`` reads it too). Any value: :class:`~generator.settings.Settings` says in Chinese what is wrong."""
    report_page = c.Type(bool, default=False)
    """Whether the site has the staff page 公开情况 (``report/``): left out of the public site unless true."""
    precompress = c.Type(bool, default=True)
    """Whether the build writes a ``.gz`` copy beside each text file of the site, which nginx's
    ``gzip_static`` sends as it is (deploy/nginx); off: only the files themselves."""
