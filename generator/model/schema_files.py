"""The JSON Schema files gkml publishes, and the modeline that ties a YAML file to one.

The editors' schemas (:mod:`generator.edit.schema`) and the open-data schema
(:mod:`generator.exchange.opendata`) share the dialect and a few patterns; record files
written by ``gkml new`` and ``gkml import`` start with the modeline.
"""

from __future__ import annotations

#: The dialect: draft-07, the one of the VS Code YAML extension and of yaml-language-server.
DRAFT = "http://json-schema.org/draft-07/schema#"
#: A pattern for text that is not blank.
NOT_BLANK = "\\S"
#: The editors' schemas, by kind, and the name of each file (``entry``: an entry's front matter, in a Markdown file).
SCHEMA_FILES: dict[str, str] = {
    "record": "record.schema.json",
    "meta": "meta.schema.json",
    "site": "site.schema.json",
    "entry": "entry.schema.json",
}
#: The schemas of whole YAML files, which editors apply by their names (.vscode/settings.json, the modelines).
YAML_SCHEMA_KINDS = ("record", "meta", "site")
#: Where the schema files are committed (and ``gkml schema`` writes by default), from the repository's top folder.
SCHEMAS_DIR = "generator/schemas"


def modeline(kind: str, depth: int) -> str:
    """The yaml-language-server comment that ties a file ``depth`` folders below the repository's top
    folder (``catalogue/_site.yaml``: 1) to the schema ``kind``."""
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMAS_DIR}/{SCHEMA_FILES[kind]}"


#: The first line of every item file (``catalogue/<area>/<category>/<item>.yaml``).
RECORD_MODELINE = modeline("record", 3)
