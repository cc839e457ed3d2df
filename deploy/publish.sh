#!/bin/sh
# 把生成的网站发布到本单位的网站服务器：先完整上传到新的版本文件夹，再一步切换，随时可以退回上一版。
# Publish a built site to the bureau's own server, atomically, keeping earlier releases for rollback.
#
# 用法 / usage:
#   sh deploy/publish.sh 网站文件夹 目标 [版本号]    上传 site/ 并切换（版本号默认为当前 UTC 时间）
#   sh deploy/publish.sh --rollback 目标              切换回上一个版本
#
# 目标写成“用户@服务器:/文件夹”（经 SSH），或本机的“/文件夹”。目标文件夹中的结构：
#   releases/<版本号>/   每次发布的完整网站（最近 GKML_KEEP_RELEASES 个，默认 5 个，至少保留 2 个）
#   current              指向正在使用的版本的符号链接：网站服务器的根目录（nginx 的 root）设为它
#
# 上传（rsync）失败时 current 不变，网站照常访问；切换是 ln -sfn 建新链接后 mv -T 改名，
# 访问者不会看到一半新一半旧的网站。服务器需要 rsync 和 GNU coreutils（mv -T）。
# 环境变量：GKML_SSH（默认 ssh，可加 -p 端口、-i 密钥），GKML_KEEP_RELEASES（默认 5）。
set -eu

say() { printf '%s\n' "$*" >&2; }
fail() { say "错误：$*"; exit 1; }

ssh_cmd=${GKML_SSH:-ssh}
keep=${GKML_KEEP_RELEASES:-5}
case $keep in '' | *[!0-9]*) fail "GKML_KEEP_RELEASES 应为整数，现在是“$keep”" ;; esac
[ "$keep" -ge 2 ] || keep=2

# on_server SCRIPT ARG…: run the shell SCRIPT in the target folder's host (over SSH or here).
on_server() {
  script=$1
  shift
  if [ -n "$host" ]; then
    # shellcheck disable=SC2086  # GKML_SSH may carry options (-p 2222 -i key)
    $ssh_cmd "$host" sh -s -- "$@" <<EOF
$script
EOF
  else
    sh -c "$script" sh "$@"
  fi
}

split_target() {
  case $1 in
    /*) host="" base=$1 ;;
    *:/*) host=${1%%:*} base=${1#*:} ;;
    *) fail "目标“$1”应写成“用户@服务器:/文件夹”或本机的“/文件夹”（绝对路径）" ;;
  esac
  while [ "${base%/}" != "$base" ] && [ "$base" != / ]; do base=${base%/}; done
  [ "$base" != / ] || fail "目标不能是根目录 /"
}

# The switch, run on the server: $1 base, $2 release id (the folder releases/$2 is complete), $3 keep.
SWITCH='set -eu
base=$1 id=$2 keep=$3
cd "$base"
[ -d "releases/$id" ] || { echo "错误：releases/$id 不存在" >&2; exit 1; }
ln -sfn "releases/$id" ".current.new"
mv -T ".current.new" current
# keep the newest $keep releases (names sort by time) and the one in use
ls -1 releases | sort -r | tail -n +"$((keep + 1))" | while read -r old; do
  [ "releases/$old" = "$(readlink current)" ] || rm -rf "releases/$old"
done'

# Where the previous release is, run on the server: prints its id (nothing when there is none).
PREVIOUS='set -eu
cd "$1"
now=$(readlink current 2>/dev/null || true)
ls -1 releases 2>/dev/null | sort -r | while read -r id; do
  case $id in *.partial) continue ;; esac
  if [ -n "$now" ] && [ "releases/$id" \< "$now" ]; then echo "$id"; break; fi
done'

if [ "${1:-}" = "--rollback" ]; then
  [ $# -eq 2 ] || fail "用法：sh deploy/publish.sh --rollback 目标"
  split_target "$2"
  previous=$(on_server "$PREVIOUS" "$base")
  [ -n "$previous" ] || fail "$2 中没有更早的版本可以退回"
  on_server "$SWITCH" "$base" "$previous" 1000
  say "已退回到版本 $previous（${host:+$host:}$base/current → releases/$previous）。"
  exit 0
fi

[ $# -ge 2 ] && [ $# -le 3 ] || fail "用法：sh deploy/publish.sh 网站文件夹 目标 [版本号]"
site=${1%/}
split_target "$2"
id=${3:-$(date -u +%Y%m%d%H%M%S)}
case $id in '' | *[!0-9A-Za-z._-]* | .*) fail "版本号“$id”只能用字母、数字、点、下划线和连字符" ;; esac
[ -f "$site/index.html" ] || fail "“$site”中没有 index.html：请先运行 gkml build 生成网站"

on_server 'set -eu; mkdir -p "$1/releases"; rm -rf "$1/releases/$2.partial"' "$base" "$id"
prefix=${host:+$host:}
# Unchanged files are hard links to the release in use (--link-dest): fast, and little disk space.
# Compared by content (--checksum), not size and time: two builds may give a file both unchanged.
link=""
if on_server 'test -d "$1/current"' "$base"; then link=--link-dest="$base/current/"; fi
if ! rsync -rlt --checksum --delete --chmod=D755,F644 ${link:+"$link"} -e "$ssh_cmd" \
  "$site/" "$prefix$base/releases/$id.partial/"; then
  fail "上传失败，网站未切换（current 仍指向原来的版本）。"
fi
on_server 'set -eu; cd "$1/releases"; rm -rf "$2"; mv "$2.partial" "$2"' "$base" "$id"
on_server "$SWITCH" "$base" "$id" "$keep"
say "已发布版本 $id：$prefix$base/current → releases/$id（退回上一版：sh deploy/publish.sh --rollback $prefix$base）。"
