"""``gkml``: the command line of the catalogue generator (messages in Chinese)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from generator import __version__
from generator.check.diagnostics import (
    Severity,
    format_github,
    format_human,
    format_json,
    has_errors,
    parse_severity_overrides,
)
from generator.check.run import check_catalogue, check_files, plugin_options, site_config
from generator.commands import exchange
from generator.edit import diff, scaffold, schema


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，应为 YYYY-MM-DD") from None


_FORMATS = {"human": format_human, "json": format_json, "github": format_github}


def _check(args: argparse.Namespace) -> int:
    config_file = Path(args.config_file)
    config = site_config(config_file)
    severity, problems = parse_severity_overrides(plugin_options(config).get("severity") or {})
    if problems:
        print(f"{args.config_file} 中 gkml 插件的 severity 设置有误：" + "；".join(problems) + "。", file=sys.stderr)
        return 2
    paths = [Path(p) for p in args.paths]
    folders = [p for p in paths if p.is_dir()]
    if len(folders) > 1 or (folders and len(paths) > 1):
        print("请只指定一个目录文件夹，或者若干个事项文件。", file=sys.stderr)
        return 2
    catalogue = None
    if paths and not folders:
        missing = [p for p in paths if not p.exists()]
        if missing:
            print("找不到文件：" + "、".join(p.as_posix() for p in missing), file=sys.stderr)
            return 2
        diagnostics = check_files(paths, severity=severity)
    else:
        # the county's own pages beside the catalogue, when there is a mkdocs.yml
        docs_dir = config_file.parent / str(config.get("docs_dir") or "docs") if config else None
        catalogue, diagnostics = check_catalogue(
            folders[0] if folders else Path(args.catalogue),
            today=args.today,
            docs_dir=docs_dir,
            docs_shown=docs_dir.as_posix() if docs_dir else "",
            severity=severity,
        )
    failed = has_errors(diagnostics) or (args.strict and any(d.severity is Severity.WARNING for d in diagnostics))
    print(_FORMATS[args.format](diagnostics))
    if args.format == "human" and not failed:
        if catalogue is not None:
            print(f"检查通过：{len(catalogue.areas)} 个领域，{len(catalogue.records)} 个公开事项。")
        elif paths:
            print(f"检查通过：{len(paths)} 个文件。")
    return 1 if failed else 0


def _build(args: argparse.Namespace) -> int:
    from generator.adapters.mkdocs.build import build  # MkDocs is imported only when building

    return build(
        Path(args.config_file),
        Path(args.site_dir),
        Path(args.catalogue),
        strict=args.strict,
        verbose=args.verbose,
        offline=args.offline,
    )


def _serve(args: argparse.Namespace) -> int:
    from generator.adapters.mkdocs.build import serve

    return serve(Path(args.config_file), Path(args.catalogue), dev_addr=args.dev_addr, strict=args.strict)


def _reference(args: argparse.Namespace) -> int:
    from generator.edit.reference import record_reference

    print(record_reference(), end="")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser (also used to document the commands)."""
    p = argparse.ArgumentParser(prog="gkml", description="政务公开标准目录网站生成器（gkml）")
    p.add_argument("--version", action="version", version=f"gkml {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="命令")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        cmd.add_argument(
            "--catalogue", default="catalogue", metavar="DIR", help="事项记录所在文件夹（默认 catalogue/）"
        )
        return cmd

    check = command("check", "检查目录中的全部事项记录，一次列出所有问题")
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="要检查的目录文件夹（默认 --catalogue），或若干个事项文件（只检查这些文件本身）",
    )
    check.add_argument(
        "--format",
        choices=list(_FORMATS),
        default="human",
        help="输出格式：human（默认，中文）、github（GitHub Actions 注释，显示在拉取请求的对应行上）、"
        "json（供工具使用）",
    )
    check.add_argument("--strict", action="store_true", help="有警告也视为失败")
    check.add_argument(
        "--today",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="按这一天判断栏目是否长期未更新、事项是否逾期（默认今天）",
    )
    check.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        metavar="FILE",
        help="从中读取 gkml 插件的 severity 设置（默认 mkdocs.yml，不存在时用默认级别）",
    )
    check.set_defaults(run=_check)

    build = command("build", "生成网站（失败时不改动原有网站）")
    build.add_argument("-d", "--site-dir", default="site", metavar="DIR", help="输出文件夹（默认 site/）")
    build.add_argument(
        "-f", "--config-file", default="mkdocs.yml", metavar="FILE", help="MkDocs 配置文件（默认 mkdocs.yml）"
    )
    build.add_argument("--strict", action="store_true", help="有警告也视为失败")
    build.add_argument("-v", "--verbose", action="store_true", help="显示详细过程")
    build.add_argument(
        "--offline",
        action="store_true",
        help="生成离线版（公开查阅点的触摸屏、U 盘）：直接双击 index.html 即可浏览和搜索，不需要网站服务器",
    )
    build.set_defaults(run=_build)

    serve = command("serve", "本地预览网站，修改记录后自动刷新")
    serve.add_argument(
        "-a", "--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT", help="预览地址（默认 127.0.0.1:8000）"
    )
    serve.add_argument(
        "-f", "--config-file", default="mkdocs.yml", metavar="FILE", help="MkDocs 配置文件（默认 mkdocs.yml）"
    )
    serve.add_argument("--strict", action="store_true", help="有警告也视为失败")
    serve.set_defaults(run=_serve)

    reference = command("reference", "输出记录格式参考表（Markdown）")
    reference.set_defaults(run=_reference)

    for module in (scaffold, diff, schema, exchange):
        module.add_command(command)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``gkml`` console script."""
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `gkml check | head`: the reader stopped listening, not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
