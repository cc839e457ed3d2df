#!/usr/bin/env bash
# 安装测试所需的一切并运行全部测试；参数原样传给 pytest。
# Installs everything the tests need, then runs them; arguments are passed to pytest.
#   bash tests/run.sh                 # all tests
#   bash tests/run.sh tests/e2e -x    # only the browser tests, stop at the first failure
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK=1

python3 -m pip install -q -e '.[test]' </dev/null

CHROMIUM=/usr/bin/chromium
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "未找到 $CHROMIUM，正在安装 chromium 和中文字体… / $CHROMIUM missing: installing chromium and CJK fonts…" >&2
    apt-get update -qq </dev/null
    apt-get install -y -qq chromium fonts-noto-cjk </dev/null
  else
    echo "错误：浏览器测试需要 Chromium（$CHROMIUM），请以 root 身份运行本脚本，或先执行：sudo apt-get install chromium fonts-noto-cjk" >&2
    echo "Error: the browser tests need Chromium ($CHROMIUM). Run this script as root, or first: sudo apt-get install chromium fonts-noto-cjk" >&2
    exit 1
  fi
fi

# 打印测试把 PDF 转成图片并读回二维码（poppler-utils 的 pdfinfo、pdftotext、pdftoppm）。
# The print tests read the PDFs with poppler-utils (pdfinfo, pdftotext, pdftoppm).
if ! command -v pdftoppm >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "未找到 pdftoppm，正在安装 poppler-utils… / pdftoppm missing: installing poppler-utils…" >&2
    apt-get update -qq </dev/null
    apt-get install -y -qq poppler-utils </dev/null
  else
    echo "错误：打印测试需要 poppler-utils，请以 root 身份运行本脚本，或先执行：sudo apt-get install poppler-utils" >&2
    echo "Error: the print tests need poppler-utils. Run this script as root, or first: sudo apt-get install poppler-utils" >&2
    exit 1
  fi
fi

exec python3 -m pytest "$@"
