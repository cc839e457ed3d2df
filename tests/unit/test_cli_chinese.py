"""The command line speaks Chinese: help, usage, errors; help aligned by display width; ``gkml`` alone;
what ``gkml --help`` imports (start-up: heavy modules only where used)."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys

import pytest

from generator.commands import main as cli
from generator.commands.chinese_argparse import display_width, wrap

from .helpers import ROOT

#: argparse's English, which no help or error text of gkml may show.
ENGLISH = re.compile(
    r"usage:|options:|positional arguments|optional arguments|show this help|show program|"
    r"error:|required:|invalid choice|unrecognized|expected one|argument \S+:"
)


def commands() -> list[str]:
    (sub,) = (a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def help_columns(text: str) -> set[int]:
    """The display columns at which the help of each option starts (the entries on one line)."""
    columns = set()
    for line in text.splitlines():
        match = re.match(r"^(  \S.*?\S)  +(\S)", line)
        if match and not line.startswith("用法"):
            columns.add(display_width(line[: match.start(2)]))
    return columns


def test_gkml_alone_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    assert code == 0 and err == ""
    assert out.startswith("用法：gkml [-h] [--version] 命令 ...\n")
    assert "\n选项：\n" in out and "\n命令：\n" in out
    for name in commands():
        assert re.search(rf"^  {name} +\S", out, re.MULTILINE), name
    assert not ENGLISH.search(out)


@pytest.mark.parametrize("argv", [["--help"], *([name, "--help"] for name in commands())])
def test_every_help_is_chinese_and_aligned(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert out.startswith("用法：gkml")
    assert "显示本帮助并退出" in out
    assert not ENGLISH.search(out), out
    # every option whose help starts on its own line starts it in the same column, CJK metavars included
    assert len(help_columns(out)) == 1, out
    # continuation lines of the usage line start under the first argument
    usage = out.split("\n\n")[0].splitlines()
    first = display_width(usage[0].split("[", 1)[0])
    assert all(len(line) - len(line.lstrip(" ")) == first for line in usage[1:]), usage


def test_new_help_aligns_cjk_metavars(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "new", "--help")
    line = next(line for line in out.splitlines() if line.startswith("  --area 领域"))
    other = next(line for line in out.splitlines() if line.startswith("  --id ID"))
    assert display_width(line[: line.index("领域，")]) == display_width(other[: other.index("事项 id")])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import"], "gkml import：错误：缺少参数 FILE"),
        (
            ["check", "--format", "xml"],
            "gkml check：错误：参数 --format：'xml' 不是可选的值（可选：'human', 'json', 'github'）",
        ),
        (["check", "--no-such-option"], "gkml：错误：不认识的参数 --no-such-option"),
        (["chekc"], "gkml：错误：参数 命令：'chekc' 不是可选的值（可选：'check', "),
        (["check", "--today"], "gkml check：错误：参数 --today：后面要写一个值"),
        (["check", "--today", "2024"], "gkml check：错误：参数 --today：日期“2024”格式不对，应为 YYYY-MM-DD"),
    ],
)
def test_argument_errors_are_chinese(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    usage, error = err.splitlines()[0], err.splitlines()[-1]
    assert usage.startswith("用法：gkml")
    assert error.startswith(message), err
    assert not ENGLISH.search(err), err


def test_argparse_is_english_again_for_other_parsers(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "check", "--format", "xml")
    assert argparse.ArgumentParser(prog="x").format_usage() == "usage: x [-h]\n"


@pytest.mark.parametrize("name", ["schema", "reference"])
def test_catalogue_is_not_offered_where_it_does_nothing(capsys: pytest.CaptureFixture[str], name: str) -> None:
    _, out, _ = run(capsys, name, "--help")
    assert "--catalogue" not in out


def test_wrap_breaks_between_cjk_characters_not_before_closing_punctuation() -> None:
    assert wrap("一二三四五六，七八", 12) == ["一二三四五", "六，七八"]
    assert wrap("see generator/model/records.py 后运行", 20) == ["see", "generator/model/records.py", "后运行"]
    assert all(display_width(line) <= 30 for line in wrap("政务公开" * 20 + " abc def", 30))


@pytest.mark.parametrize("argv", [["--help"], ["new", "--help"], ["check", "--help"]])
def test_help_loads_no_heavy_module(argv: list[str]) -> None:
    """Start-up: ``gkml --help`` and the commands' help import none of the libraries the commands use."""
    code = (
        "import sys\n"
        "from generator.commands.main import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "import json\nprint(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *argv], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    loaded = {name.split(".")[0] for name in json.loads(done.stderr.splitlines()[-1])}
    heavy = {"mkdocs", "material", "jinja2", "markdown", "openpyxl", "pypinyin", "chinese_calendar", "yaml"}
    heavy |= {"segno", "PIL", "pypdf", "docx", "mammoth", "zensical", "lxml"}
    assert loaded & heavy == set()
    assert not {name for name in json.loads(done.stderr.splitlines()[-1]) if name.startswith("generator.check")}


def test_check_quiet_lists_errors_and_warnings_but_counts_everything(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["check", "--catalogue", str(ROOT / "catalogue"), "-f", str(ROOT / "mkdocs.yml"), "--today", "2026-01-01"]
    _, everything, _ = run(capsys, *argv)
    code, quiet, _ = run(capsys, *argv, "-q")
    _, errors, _ = run(capsys, *argv, "--min-severity", "error")
    assert code == 0
    assert "提示[" in everything and "提示[" not in quiet and "警告[" in quiet and "警告[" not in errors
    total = everything.splitlines()[-2]
    hidden = everything.count("提示[")
    assert quiet.splitlines()[-2] == f"{total}（按 --min-severity warning 未列出 {hidden} 个）"
    assert quiet.splitlines()[-1] == everything.splitlines()[-1]  # 检查通过：…


def test_building_loads_the_spreadsheet_library_only_where_a_workbook_is_made() -> None:
    """``gkml build`` and ``gkml serve`` start without openpyxl (a fifth of a second, with numpy):
    the downloads are made in a child process, and a build whose downloads come from the cache
    never needs it."""
    code = "import sys, generator.adapters.mkdocs.build\nprint(sorted(m for m in sys.modules if 'openpyxl' in m))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr
