"""gkml's own scripts and styles (``overrides/assets/gkml/``) run in the browsers the public uses: the
minimum set in the README, Chromium 80 (WeChat's in-app browser, 360 and QQ browsers on older cores)
and iOS Safari 14. Tools set to that target check them (tests/browser_targets/check.js, installed by
tests/run.sh with pinned versions; a missing tool is a failure):

* scripts: acorn with ``ecmaVersion: 2020`` rejects newer syntax (``??=``, class fields, ``#private`` …)
  and esbuild with ``--target=chrome80,safari14`` what it cannot rewrite for them; newer built-in
  functions (``replaceAll``, ``.at()`` …) are looked for by name, as no parser sees them;
* styles: lightningcss prints each style sheet for those targets as written and rewritten for them; any
  difference (``:is()``, nesting, ``inset``, missing prefixes, range media queries …) is a feature they
  lack. Features it does not rewrite are looked for by name; those gkml uses on purpose are listed with
  what an older browser does without them (the page stays readable and usable).
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "overrides" / "assets" / "gkml"
TOOLS = ROOT / "tests" / "browser_targets"
SCRIPTS = sorted(ASSETS.glob("*.js"))
STYLES = sorted(ASSETS.glob("*.css"))

#: Built-in functions newer than Chromium 80 or Safari 14 (name pattern → first versions that have it).
NEWER_FUNCTIONS = {
    r"\.replaceAll\(": "String.prototype.replaceAll: Chromium 85",
    r"\.at\(": "Array/String.prototype.at: Chromium 92, Safari 15.4",
    r"\bObject\.hasOwn\(": "Object.hasOwn: Chromium 93, Safari 15.4",
    r"\bstructuredClone\(": "structuredClone: Chromium 98, Safari 15.4",
    r"\.findLast(Index)?\(": "findLast: Chromium 97, Safari 15.4",
    r"\bPromise\.any\(": "Promise.any: Chromium 85",
    r"\bAbortSignal\.timeout\(": "AbortSignal.timeout: Chromium 103, Safari 16",
    r"\bWeakRef\b": "WeakRef: Chromium 84, Safari 14.1",
    r"\bIntl\.Segmenter\b": "Intl.Segmenter: Chromium 87, Safari 14.1",
    r"\bcrypto\.randomUUID\(": "crypto.randomUUID: Chromium 92, Safari 15.4",
    r"\.(toSorted|toReversed|toSpliced|with)\(": "change-array-by-copy: Chromium 110, Safari 16",
    r"\b(Object|Map)\.groupBy\(": "groupBy: Chromium 117, Safari 17.4",
}

#: CSS features lightningcss does not rewrite (pattern → first versions that have it).
NEWER_CSS = {
    r":has\(": ":has(): Chromium 105, Safari 15.4",
    r":focus-visible": ":focus-visible: Chromium 86, Safari 15.4",
    r"\bgap:": "gap in flex containers: Chromium 84, Safari 14.1 (grid gap is older)",
    r"overflow-wrap:\s*anywhere": "overflow-wrap: anywhere: Safari 15.4",
    r"text-underline-offset": "text-underline-offset: Chromium 87",
    r"aspect-ratio": "aspect-ratio: Chromium 88, Safari 15",
    r"\b\d*\.?\d+(dvh|svh|lvh|dvw|svw|lvw)\b": "dynamic viewport units: Chromium 108, Safari 15.4",
    r"@container": "container queries: Chromium 105, Safari 16",
    r"@layer": "cascade layers: Chromium 99, Safari 15.4",
    r"color-mix\(": "color-mix(): Chromium 111, Safari 16.2",
    r"accent-color": "accent-color: Chromium 93, Safari 15.4",
    r"overflow:\s*clip": "overflow: clip: Chromium 90, Safari 16",
    r"\((width|height)\s*[<>]=?": "range media queries: Chromium 104, Safari 16.4",
}

#: What gkml's style sheets use on purpose although older browsers lack it, and what those browsers do.
ALLOWED_CSS = {
    r":has\(": "only in print, to leave the rest of the page off the blank form: older browsers print it all",
    r":focus-visible": "each in a rule of its own: older browsers keep their own focus ring",
    r"\bgap:": "spacing between chips, links and buttons: without it they sit closer, all still readable",
    r"overflow-wrap:\s*anywhere": "long addresses break anywhere; Safari 14 breaks at word ends (may scroll)",
    r"text-underline-offset": "the underline sits a little lower; without it, at the default place",
}


def strip_comments(text: str) -> str:
    return re.sub(r"/\*.*?\*/", "", re.sub(r"(?m)^\s*//.*$", "", text), flags=re.S)


@functools.cache
def tool_report() -> dict[str, Any]:
    node = shutil.which("node")
    assert node, "Node.js is needed (tests/run.sh installs the tools with npm)"
    assert (TOOLS / "node_modules" / "esbuild").is_dir(), "run tests/run.sh: it installs tests/browser_targets"
    done = subprocess.run(
        [node, str(TOOLS / "check.js"), *(str(p) for p in [*SCRIPTS, *STYLES])],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def check(tmp_path: Path, name: str, text: str) -> dict[str, Any]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(["node", str(TOOLS / "check.js"), str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def rewritten(style: dict[str, str]) -> list[str]:
    """The lines lightningcss changed for the targets (the range media queries its printer writes for the
    sheet as written are its own form of the min-/max-width the sheet has: the sheet is checked for
    range queries by name)."""
    as_written = re.sub(r"\(width >= ([^)]+)\)", r"(min-width: \1)", style["asWritten"])
    as_written = re.sub(r"\(width <= ([^)]+)\)", r"(max-width: \1)", as_written)
    diff = difflib.unified_diff(as_written.splitlines(), style["forTargets"].splitlines(), n=0, lineterm="")
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_there_is_something_to_check() -> None:
    assert {p.name for p in SCRIPTS} >= {"gkml.js", "search.js", "filters.js"}
    assert {p.name for p in STYLES} == {"gkml.css"}


def test_the_tools_are_set_to_the_minimum_browsers(tmp_path: Path) -> None:
    """Newer syntax fails: the check would catch it in gkml's files."""
    newer_js = "var a = {}; a.b ??= 1;\nclass C { #x = 1 }\n"
    problems = check(tmp_path, "newer.js", newer_js)["problems"]
    assert [(p["line"], p["tool"]) for p in problems] == [(1, "acorn (ecmaVersion 2020)")]
    top_level_await = check(tmp_path, "await.js", "await fetch('x');\n")["problems"]
    assert any(
        "esbuild" in p["tool"] and "not available in the configured target" in p["message"] for p in top_level_await
    )
    assert check(tmp_path, "old.js", "var a = b?.c ?? 1; const d = [...e];\n")["problems"] == []
    css = ".a:is(.b, .c) { inset: 0 } .d { & .e { color: red } } .f { user-select: none }\n"
    changed = rewritten(check(tmp_path, "newer.css", css)["styles"][str(tmp_path / "newer.css")])
    assert any("-webkit-any" in line for line in changed)  # :is()
    assert any("top: 0" in line for line in changed)  # inset
    assert any(".d .e" in line for line in changed)  # nesting
    assert any("-webkit-user-select" in line for line in changed)  # a prefix Safari 14 needs
    assert (
        rewritten(
            check(tmp_path, "old.css", ".a { color: red } @media (min-width: 45em) { .b { top: 0 } }\n")["styles"][
                str(tmp_path / "old.css")
            ]
        )
        == []
    )


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_gkml_scripts_parse_for_chromium_80_and_safari_14(script: Path) -> None:
    problems = [p for p in tool_report()["problems"] if Path(p["file"]).name == script.name]
    assert problems == [], "\n".join(
        f"{p['file']}:{p['line']}:{p['column']}: {p['tool']}: {p['message']}" for p in problems
    )


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_gkml_scripts_use_no_newer_built_ins(script: Path) -> None:
    code = strip_comments(script.read_text(encoding="utf-8"))
    found = [what for pattern, what in NEWER_FUNCTIONS.items() if re.search(pattern, code)]
    assert found == [], f"{script.name} uses {found}"


@pytest.mark.parametrize("style", STYLES, ids=lambda p: p.name)
def test_gkml_styles_need_no_rewriting_for_chromium_80_and_safari_14(style: Path) -> None:
    report = tool_report()
    assert [p for p in report["problems"] if Path(p["file"]).name == style.name] == []
    [sheet] = [v for k, v in report["styles"].items() if Path(k).name == style.name]
    assert rewritten(sheet) == []


@pytest.mark.parametrize("style", STYLES, ids=lambda p: p.name)
def test_gkml_styles_use_newer_features_only_where_older_browsers_still_work(style: Path) -> None:
    code = strip_comments(style.read_text(encoding="utf-8"))
    used = {pattern: what for pattern, what in NEWER_CSS.items() if re.search(pattern, code)}
    assert {pattern: what for pattern, what in used.items() if pattern not in ALLOWED_CSS} == {}
    for line in code.splitlines():
        if ":has(" in line:
            assert "print" in code[: code.index(line)].rsplit("@media", 1)[-1].split("{", 1)[0], line
