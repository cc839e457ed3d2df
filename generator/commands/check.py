"""``gkml check``: every problem of the catalogue (or of some item files) in one run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.common import (
    MKDOCS_CONFIG,
    Subparsers,
    add_command,
    add_config_file,
    add_min_severity,
    add_strict,
    add_today,
    shown_at,
    user_path,
)

#: The output formats (generator.check.diagnostics' format_*, imported with the checks when checking).
_FORMATS = ("human", "json", "github")


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    """Register ``gkml check``."""
    cmd = add_command(subparsers, "check", "检查目录中的全部事项记录，一次列出所有问题")
    cmd.add_argument(
        "paths",
        nargs="*",
        type=user_path,
        metavar="PATH",
        help="要检查的目录文件夹（默认 --catalogue），或若干个事项文件（只检查这些文件本身）",
    )
    cmd.add_argument(
        "--format",
        choices=_FORMATS,
        default="human",
        help="输出格式：human（默认，中文）、github（GitHub Actions 注释，显示在拉取请求的对应行上）、"
        "json（供工具使用）",
    )
    add_strict(cmd)
    add_min_severity(cmd)
    add_today(cmd, "按这一天判断栏目是否长期未更新、事项是否逾期、更新日期是否晚于今天（默认北京时间的今天）")
    add_config_file(cmd, f"从中读取 gkml 插件的 severity 和 limits 设置（默认 {MKDOCS_CONFIG}，不存在时用默认值）")
    cmd.set_defaults(run=run)
    return cmd


def run(args: argparse.Namespace) -> int:
    """``gkml check``: 0 when there is no error (nor, with --strict, warning that does not depend on the
    day), 1 otherwise, 2 for bad input."""
    from generator.check.diagnostics import (
        fails,
        format_github,
        format_human,
        format_json,
        parse_severity_overrides,
    )
    from generator.check.run import check_catalogue, check_files
    from generator.check.site_address import config_file_site_url
    from generator.load.files import FileGate
    from generator.settings import Settings, SettingsError, read_config

    config_file = Path(args.config_file)
    paths = [Path(p) for p in args.paths]
    folders = [p for p in paths if p.is_dir()]
    if len(folders) > 1 or (folders and len(paths) > 1):
        print("请只指定一个目录文件夹，或者若干个事项文件。", file=sys.stderr)
        return 2
    folder = folders[0] if folders else Path(args.catalogue)
    try:
        settings = Settings.from_project(config_file, catalogue=folder)
    except SettingsError as exc:
        print(f"{args.config_file} 中{exc}", file=sys.stderr)
        return 2
    severity, problems = parse_severity_overrides(settings.severity)
    if problems:
        print(f"{args.config_file} 中 gkml 插件的 severity 设置有误：" + "；".join(problems) + "。", file=sys.stderr)
        return 2
    catalogue = None
    if paths and not folders:
        missing = [p for p in paths if not p.exists()]
        if missing:
            print("找不到文件：" + "、".join(p.as_posix() for p in missing), file=sys.stderr)
            return 2
        diagnostics = check_files(paths, severity=severity, gate=FileGate(limits=settings.limits))
    else:
        # the county's own pages beside the catalogue, when there is a mkdocs.yml
        config = read_config(config_file)
        docs_dir = config_file.parent / str(config.get("docs_dir") or "docs") if config else None
        catalogue, diagnostics = check_catalogue(
            folder,
            today=args.today,
            docs_dir=docs_dir,
            docs_shown=docs_dir.as_posix() if docs_dir else "",
            severity=severity,
            gate=settings.gate(),
            attachment_cache=settings.attachment_cache() if config_file.is_file() else None,
        )
        diagnostics += config_file_site_url(config_file, config_file.as_posix())  # the address is in _site.yaml
    failed = fails(diagnostics, strict=args.strict)
    formats = {"human": format_human, "json": format_json, "github": format_github}
    listed = [d for d in diagnostics if shown_at(d.severity.value, args.min_severity)]
    text = formats[args.format](listed)
    if args.format == "human":  # the count is of every problem, listed or not
        lines = [*text.splitlines()[:-1], format_human(diagnostics).splitlines()[-1]]
        if len(listed) < len(diagnostics):
            lines[-1] += f"（按 --min-severity {args.min_severity} 未列出 {len(diagnostics) - len(listed)} 个）"
        text = "\n".join(lines)
    print(text)
    if args.format == "human" and not failed:
        if catalogue is not None:
            entries = f"，{len(catalogue.entries)} 条公开信息" if catalogue.entries else ""
            print(f"检查通过：{len(catalogue.areas)} 个领域，{len(catalogue.records)} 个公开事项{entries}。")
        elif paths:
            print(f"检查通过：{len(paths)} 个文件。")
    return 1 if failed else 0
