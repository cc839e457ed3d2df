"""``gkml build``: the site, drawn by MkDocs or Zensical (an existing site is left as it was when the build fails)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.common import (
    Subparsers,
    add_command,
    add_config_file,
    add_min_severity,
    add_strict,
    add_today,
    missing_config,
)
from generator.commands.progress import Ticker

#: The programs that can draw the theme around gkml's pages (generator/adapters/).
BUILDERS = ("mkdocs", "zensical")


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    """Register ``gkml build``."""
    cmd = add_command(subparsers, "build", "生成网站（失败时不改动原有网站）")
    cmd.add_argument("-d", "--site-dir", default="site", metavar="DIR", help="输出文件夹（默认 site/）")
    add_config_file(cmd)
    add_strict(cmd)
    cmd.add_argument("-v", "--verbose", action="store_true", help="显示详细过程")
    add_min_severity(cmd)
    cmd.add_argument(
        "--offline",
        action="store_true",
        help="生成离线版（公开查阅点的触摸屏、U 盘）：直接双击 index.html 即可浏览和搜索，不需要网站服务器",
    )
    cmd.add_argument(
        "--zip",
        metavar="FILE",
        help="生成后再把网站打包为一个 zip 文件（例如 site.zip），供集约化平台的文件管理上传；"
        "同样的网站得到逐字节相同的压缩包",
    )
    cmd.add_argument(
        "--builder",
        choices=BUILDERS,
        default="mkdocs",
        help="由哪个程序绘制网站主题：mkdocs（默认）或 zensical（Material for MkDocs 的后继者，需安装 gkml[zensical]）",
    )
    cmd.add_argument(
        "--profile",
        nargs="?",
        const="text",
        choices=("text", "json"),
        help="构建结束后列出各阶段（读取、检查、生成页面、二维码、下载文件、搜索索引、MkDocs 等）的用时和 CPU 时间"
        "（含子进程）；--profile json 在标准输出给出 JSON",
    )
    add_today(
        cmd,
        "按这一天检查（栏目是否长期未更新、事项是否逾期等）并写入“公开情况”页面（默认北京时间的今天）；"
        "日期相同，生成的网站逐字节相同",
    )
    cmd.set_defaults(run=run)
    return cmd


def run(args: argparse.Namespace) -> int:
    """``gkml build``: the exit status of the build (with ``--profile``, then where its time went)."""
    if not args.profile:
        return _zip(args, _build(args))
    from generator import profiling

    profiling.start()
    status = _zip(args, _build(args))
    figures = profiling.finish()
    if args.profile == "json":
        print(profiling.json_report(figures), flush=True)
    else:
        print(profiling.text_report(figures), file=sys.stderr)
    return status


def _zip(args: argparse.Namespace, status: int) -> int:
    """After a build that succeeded, the site as a zip file when ``--zip FILE`` asks for one."""
    if status != 0 or not args.zip:
        return status
    from generator.site.archive import ZipError, write_zip

    try:
        count = write_zip(Path(args.site_dir), Path(args.zip))
    except (ZipError, OSError) as exc:
        print(f"网站已生成，但没有打包：{exc}", file=sys.stderr)
        return 1
    print(f"网站已打包：{args.zip}（{count} 个文件）", file=sys.stderr)
    return 0


def _build(args: argparse.Namespace) -> int:
    missing = missing_config(args.config_file)
    if missing:
        print(missing, file=sys.stderr)
        return 2
    with Ticker("正在生成网站"):  # on a terminal: what is being done, for how long; nothing in CI logs
        return _build_with(args)


def _build_with(args: argparse.Namespace) -> int:
    if args.builder == "zensical":
        from generator.adapters.zensical import build_site

        return build_site(
            Path(args.config_file),
            Path(args.site_dir),
            Path(args.catalogue),
            strict=args.strict,
            offline=args.offline,
            today=args.today,
        )
    from generator.adapters.mkdocs.build import build  # MkDocs is imported only when building

    return build(
        Path(args.config_file),
        Path(args.site_dir),
        Path(args.catalogue),
        strict=args.strict,
        verbose=args.verbose,
        offline=args.offline,
        today=args.today,
        min_severity=args.min_severity,
    )
