// Checks gkml's own scripts and styles against the minimum browsers (tests/unit/test_browser_targets.py).
//   node check.js FILE…   prints JSON: {"problems": [{file, line, column, tool, message}], "styles": {file: {asWritten, forTargets}}}
// *.js:  acorn with ecmaVersion 2020 (what Chromium 80 and Safari 14 run) rejects newer syntax; esbuild with
//        --target=chrome80,safari14 refuses what it cannot rewrite for them.
// *.css: lightningcss prints the style sheet twice for the same targets: once without rewriting anything, once
//        rewritten for them (vendor prefixes, :is(), nesting, inset, range media queries …). The test compares the
//        two: whatever differs uses a feature the targets lack as written.
"use strict";
const fs = require("fs");
const acorn = require("acorn");
const esbuild = require("esbuild");
const lightningcss = require("lightningcss");

const ESBUILD_TARGET = ["chrome80", "safari14"];
const CSS_TARGETS = { chrome: 80 << 16, safari: 14 << 16, ios_saf: 14 << 16 };
const NO_REWRITING = Object.values(lightningcss.Features).reduce((a, b) => a | b, 0);
const problems = [];
const styles = {};

function checkScript(file, text) {
  try {
    acorn.parse(text, { ecmaVersion: 2020, sourceType: "script", locations: true });
  } catch (err) {
    const at = err.loc || { line: 0, column: 0 };
    problems.push({ file, line: at.line, column: at.column + 1, tool: "acorn (ecmaVersion 2020)", message: err.message });
  }
  try {
    esbuild.transformSync(text, { loader: "js", target: ESBUILD_TARGET, sourcefile: file });
  } catch (err) {
    for (const e of err.errors || [{ text: String(err) }]) {
      const at = e.location || { line: 0, column: 0 };
      problems.push({ file, line: at.line, column: at.column + 1, tool: "esbuild (chrome80,safari14)", message: e.text });
    }
  }
}

function checkStyle(file, text) {
  const code = Buffer.from(text);
  try {
    const asWritten = lightningcss.transform({ filename: file, code, targets: CSS_TARGETS, exclude: NO_REWRITING });
    const forTargets = lightningcss.transform({ filename: file, code, targets: CSS_TARGETS });
    styles[file] = { asWritten: asWritten.code.toString(), forTargets: forTargets.code.toString() };
  } catch (err) {
    const at = err.loc || { line: 0, column: 0 };
    problems.push({ file, line: at.line, column: at.column, tool: "lightningcss", message: err.message });
  }
}

for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, "utf8");
  if (file.endsWith(".css")) checkStyle(file, text);
  else checkScript(file, text);
}
process.stdout.write(JSON.stringify({ problems, styles }) + "\n");
