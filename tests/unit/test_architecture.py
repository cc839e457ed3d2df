"""The package's layers, read from the source: every import of every module under generator/,
also those inside functions (and ``importlib.import_module`` of a literal name).

Only :mod:`generator.adapters` imports a site builder (MkDocs, Material, Zensical, any
submodule): the rest of gkml survives a move to another builder.

The layers, lowest first (a module's layer is its folder under generator/):

* ``model``: the records, the vocabularies, the national standard. It imports nothing
  else of gkml.
* ``load``: reads files into the model. It imports the model, ``generator.parallel``
  and, from check, what it takes to report (``check.diagnostics``, ``check.messages``,
  ``check.severity``) and the validation of one item file (``check.record``, which
  also applies the 政务公开 rules of ``check.rules``) and of every file (the privacy scan,
  ``check.privacy``): a file becomes a record only once it is valid, so per-file
  validation sits below loading. It imports no other part of
  check (``run``, ``coverage``, ``freshness`` work on a loaded catalogue) and nothing
  above. (``check.record`` in turn reads ``load.yamlfile``'s documents: the two folders
  interleave there and nowhere else.)
* ``check``: does not import site, exchange, edit, commands or adapters.
* ``site``: does not import edit, commands or adapters.
* ``exchange``: does not import edit, commands or adapters.
* ``edit``: does not import commands or adapters.
* ``commands`` and ``adapters``: the edges, free to import any layer.

Known violations that other work is removing are listed in :data:`PENDING`: they are
reported (as warnings) but do not fail; any other violation fails.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "generator"
BUILDERS = ("mkdocs", "material", "zensical")
EDGES = ("generator.adapters",)

#: layer → the only parts of gkml it may import (its own folder included).
ONLY = {
    "generator.model": ("generator.model",),
    "generator.load": (
        "generator.model",
        "generator.load",
        "generator.parallel",
        "generator.check.diagnostics",
        "generator.check.messages",
        "generator.check.severity",
        "generator.check.record",
        "generator.check.entry",
        "generator.check.placeholders",  # what gkml new and gkml import leave to be written: errors in production
        "generator.check.pages",
        "generator.check.privacy",
    ),
}
_ABOVE_EXCHANGE = ("generator.edit", "generator.commands", "generator.adapters")
#: layer → the parts of gkml it may not import.
NEVER = {
    "generator.check": ("generator.site", "generator.exchange", *_ABOVE_EXCHANGE),
    "generator.site": _ABOVE_EXCHANGE,
    "generator.exchange": _ABOVE_EXCHANGE,
    "generator.edit": ("generator.commands", "generator.adapters"),
}

#: (importing module, imported module) pairs that break a rule today and are being fixed.
#: Empty it as they go; a pair that no longer occurs is reported, so it can be removed.
#: (Emptied once exchange/ stopped importing edit/scaffold.py and edit/schema.py.)
PENDING: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class Import:
    """One import statement's target, as an absolute module name."""

    module: str  #: the importing module
    target: str  #: the imported module (``from a import b`` names ``a.b`` when that is a module)
    line: int


def module_name(path: Path) -> str:
    """``generator/check/record/__init__.py`` → ``generator.check.record``."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of the package, by name."""
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def within(name: str, prefix: str) -> bool:
    """Whether module ``name`` is ``prefix`` or inside it."""
    return name == prefix or name.startswith(prefix + ".")


def _from_base(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The absolute module a ``from … import`` reads from (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def _dynamic_import(node: ast.Call) -> str | None:
    """The literal name given to ``importlib.import_module`` or ``__import__``, if any."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if name in ("import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
        value = node.args[0].value
        return value if isinstance(value, str) else None
    return None


def imports_in(module: str, source: str, *, is_package: bool = False) -> Iterator[Import]:
    """Every import in the ``source`` of ``module``, wherever it stands (in functions too)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (Import(module, alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _from_base(node, module, is_package)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                yield Import(module, submodule if submodule in modules() else base, node.lineno)
        elif isinstance(node, ast.Call) and (target := _dynamic_import(node)):
            yield Import(module, target, node.lineno)


@cache
def all_imports() -> tuple[Import, ...]:
    """Every import of every module of the package."""
    return tuple(
        found
        for name, path in modules().items()
        for found in imports_in(name, path.read_text(encoding="utf-8"), is_package=path.name == "__init__.py")
    )


def layer_violation(found: Import) -> str | None:
    """Why ``found`` breaks a layer rule, or None."""
    if not within(found.target, "generator"):
        return None
    for layer, allowed in ONLY.items():
        if within(found.module, layer) and not any(within(found.target, a) for a in allowed):
            return f"{layer} may import only {', '.join(allowed)}"
    for layer, forbidden in NEVER.items():
        if within(found.module, layer) and any(within(found.target, f) for f in forbidden):
            return f"{layer} may not import {', '.join(forbidden)}"
    return None


def _show(found: Import, why: str) -> str:
    path = modules()[found.module].relative_to(ROOT).as_posix()
    return f"{path}:{found.line}: {found.module} imports {found.target} ({why})"


# -- the tests -------------------------------------------------------------------------------------


def test_the_source_is_read() -> None:
    # a guard for the tests below: they pass vacuously if nothing is found
    names = modules()
    assert {"generator.model.records", "generator.check.record", "generator.adapters.mkdocs.plugin"} <= set(names)
    targets = {(i.module, i.target) for i in all_imports()}
    assert ("generator.check.record", "generator.check.rules") in targets  # absolute, from a package
    assert ("generator.check.record.channels", "generator.model.vocab") in targets  # from a package import a module
    assert any(within(i.target, "mkdocs") for i in all_imports() if within(i.module, "generator.adapters"))


def test_every_kind_of_import_is_read() -> None:
    source = (
        "import mkdocs.config as c\n"
        "from . import vocab\n"
        "def build():\n"
        "    from generator.adapters.mkdocs import build\n"  # imported only when called
        "    if True:\n"
        "        importlib.import_module('material.plugins')\n"
    )
    found = [(i.target, i.line) for i in imports_in("generator.model.standard", source)]
    assert sorted(found) == [
        ("generator.adapters.mkdocs.build", 4),
        ("generator.model.vocab", 2),
        ("material.plugins", 6),
        ("mkdocs.config", 1),
    ]


def test_only_the_adapters_import_a_site_builder() -> None:
    wrong = [
        _show(i, "only generator.adapters may import a site builder")
        for i in all_imports()
        if any(within(i.target, b) for b in BUILDERS) and not any(within(i.module, e) for e in EDGES)
    ]
    assert not wrong, "\n".join(wrong)


def test_layers_import_only_downwards() -> None:
    violations = {(i.module, i.target): (i, why) for i in all_imports() if (why := layer_violation(i))}
    new = [_show(i, why) for pair, (i, why) in sorted(violations.items()) if pair not in PENDING]
    assert not new, "new layer violations:\n" + "\n".join(new)
    for pair in sorted(PENDING):
        if pair in violations:
            warnings.warn(f"pending layer violation: {_show(*violations[pair])}", stacklevel=1)
        else:
            warnings.warn(f"PENDING lists {pair[0]} → {pair[1]}, which no longer occurs: remove it", stacklevel=1)


def test_the_core_runs_without_the_builder() -> None:
    code = (
        "import sys\n"
        "import generator.model, generator.load.catalogue, generator.check.run, generator.site.pages\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {BUILDERS!r})\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"the core loaded {result.stdout.strip()}"


def test_a_new_violation_is_caught() -> None:
    # the rules themselves, on made-up imports
    def check(module: str, target: str) -> str | None:
        return layer_violation(Import(module, target, 1))

    assert check("generator.model.records", "generator.load.yamlfile")
    assert check("generator.model.records", "generator.parallel")
    assert check("generator.load.catalogue", "generator.check.run")
    assert check("generator.load.catalogue", "generator.check.coverage")
    assert check("generator.load.catalogue", "generator.site.pages")
    assert not check("generator.load.catalogue", "generator.check.record.fields")
    assert not check("generator.load.yamlfile", "generator.check.diagnostics")
    assert check("generator.check.run", "generator.site.pages")
    assert check("generator.check.record", "generator.adapters.mkdocs")
    assert not check("generator.check.run", "generator.load.catalogue")
    assert check("generator.site.pages", "generator.edit.scaffold")
    assert check("generator.site.pages", "generator.commands.main")
    assert not check("generator.site.downloads", "generator.exchange")
    assert check("generator.exchange.cells", "generator.edit.schema")
    assert check("generator.edit.scaffold", "generator.commands.main")
    assert not check("generator.commands.main", "generator.adapters.mkdocs.build")
    assert not check("generator.check.run", "yaml")


def test_relative_imports_are_resolved() -> None:
    source = "from . import vocab\nfrom ..check import rules\nfrom .records import Record\n"
    node_list = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ImportFrom)]
    bases = [_from_base(n, "generator.model.standard", is_package=False) for n in node_list]
    assert bases == ["generator.model", "generator.check", "generator.model.records"]
    assert _from_base(node_list[0], "generator.model", is_package=True) == "generator.model"
