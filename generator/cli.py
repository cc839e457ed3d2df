"""``gkml``: the command line of the catalogue generator (messages in Chinese)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import __version__, diff, scaffold, schema
from generator.catalogue import load_catalogue
from generator.diagnostics import Severity, format_human, format_json, has_errors


def _check(args: argparse.Namespace) -> int:
    catalogue, diagnostics = load_catalogue(Path(args.catalogue))
    if args.format == "json":
        print(format_json(diagnostics))
    else:
        print(format_human(diagnostics))
        if catalogue is not None and not has_errors(diagnostics):
            print(f"检查通过：{len(catalogue.areas)} 个领域，{len(catalogue.records)} 个公开事项。")
    failed = has_errors(diagnostics) or (args.strict and any(d.severity is Severity.WARNING for d in diagnostics))
    return 1 if failed else 0


def _build(args: argparse.Namespace) -> int:
    from generator.mkdocs_build import build  # MkDocs is imported only when building

    return build(
        Path(args.config_file), Path(args.site_dir), Path(args.catalogue), strict=args.strict, verbose=args.verbose
    )


def _serve(args: argparse.Namespace) -> int:
    from generator.mkdocs_build import serve

    return serve(Path(args.config_file), Path(args.catalogue), dev_addr=args.dev_addr, strict=args.strict)


def _reference(args: argparse.Namespace) -> int:
    from generator.reference import record_reference

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
    check.add_argument("--format", choices=["human", "json"], default="human", help="输出格式（默认 human）")
    check.add_argument("--strict", action="store_true", help="有警告也视为失败")
    check.set_defaults(run=_check)

    build = command("build", "生成网站（失败时不改动原有网站）")
    build.add_argument("-d", "--site-dir", default="site", metavar="DIR", help="输出文件夹（默认 site/）")
    build.add_argument(
        "-f", "--config-file", default="mkdocs.yml", metavar="FILE", help="MkDocs 配置文件（默认 mkdocs.yml）"
    )
    build.add_argument("--strict", action="store_true", help="有警告也视为失败")
    build.add_argument("-v", "--verbose", action="store_true", help="显示详细过程")
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

    for module in (scaffold, diff, schema):
        module.add_command(command)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``gkml`` console script."""
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
