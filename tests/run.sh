#!/usr/bin/env bash
# 安装测试所需的一切，依次运行质量检查（ruff check、ruff format --check、mypy）和全部测试；
# 参数原样传给 pytest。任何一个阶段失败，脚本即停止并以非零状态退出。
# Installs everything the tests need, then runs the quality gate (ruff check, ruff format
# --check, mypy) and the tests, each as a timed stage; the first failing stage stops the
# script. Arguments are passed to pytest.
#   bash tests/run.sh                 # everything
#   bash tests/run.sh tests/e2e -x    # the checks, then only the browser tests, stop at the first failure
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK=1

START=$SECONDS
STAGE=""  # the stage running, for the message when it fails

# stage NAME COMMAND…: runs COMMAND as a stage and prints how long it took. A failing command
# ends the script (set -e), and the EXIT trap below names the stage that failed.
stage() {
  STAGE=$1
  STAGE_START=$SECONDS
  shift
  echo "==> 阶段开始：$STAGE / stage: $STAGE" >&2
  "$@"
  echo "==> 阶段完成：$STAGE（$((SECONDS - STAGE_START)) s）/ stage passed: $STAGE" >&2
  STAGE=""
}

stage_failed() {
  local status=$?
  if [ "$status" -ne 0 ] && [ -n "$STAGE" ]; then
    echo "==> 阶段失败：$STAGE（$((SECONDS - STAGE_START)) s，退出码 $status）/ stage failed: $STAGE" >&2
  fi
}
trap stage_failed EXIT

# apt_install PACKAGE… : installs Debian packages as root; otherwise says what to run and fails.
apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "错误：测试需要 $*，请以 root 身份运行本脚本，或先执行：sudo apt-get install $*" >&2
    echo "Error: the tests need $*. Run this script as root, or first: sudo apt-get install $*" >&2
    return 1
  fi
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq </dev/null
    APT_UPDATED=1
  fi
  apt-get install -y -qq "$@" </dev/null
}

install() {
  python3 -m pip install -q -e '.[test]' </dev/null

  # 浏览器测试用 Chromium；页面截图和打印需要中文字体（有 Chromium 的机器未必有字体，分开检查）。
  # The browser tests need Chromium, and CJK fonts for the screenshots and the printed pages
  # (a machine may have Chromium without the fonts: each is checked on its own).
  if [ ! -x /usr/bin/chromium ]; then
    echo "未找到 /usr/bin/chromium，正在安装… / /usr/bin/chromium missing: installing chromium…" >&2
    apt_install chromium
  fi
  if ! dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed"; then
    echo "未安装中文字体，正在安装 fonts-noto-cjk… / fonts-noto-cjk missing: installing it…" >&2
    apt_install fonts-noto-cjk
  fi

  # 浏览器测试通过 nginx 和 deploy/nginx/ 中随附的配置访问网站（tests/e2e/webserver.py）。
  # The browser tests load the site through nginx with the shipped configuration (deploy/nginx/).
  if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    echo "未找到 nginx，正在安装… / nginx missing: installing nginx…" >&2
    apt_install nginx
  fi

  # deploy/publish.sh 用 rsync 上传网站，测试在本机的临时文件夹上运行它。
  # deploy/publish.sh uploads with rsync; tests/unit/test_publish_script.py runs it against a local folder.
  if ! command -v rsync >/dev/null 2>&1; then
    echo "未找到 rsync，正在安装… / rsync missing: installing it…" >&2
    apt_install rsync
  fi
  # 浏览器兼容检查（tests/unit/test_browser_targets.py）用 acorn、esbuild、lightningcss：版本固定在
  # tests/browser_targets/package.json，装在它旁边的 node_modules/（不入库）；已装好相同版本时跳过。
  # The browser-target check's tools, pinned in tests/browser_targets/package.json, installed beside it.
  if ! command -v npm >/dev/null 2>&1; then
    echo "未找到 npm，正在安装 nodejs 和 npm… / npm missing: installing nodejs and npm…" >&2
    apt_install nodejs npm
  fi
  if ! (cd tests/browser_targets && node -e '
    const wanted = require("./package.json").dependencies;
    for (const [name, version] of Object.entries(wanted)) {
      const file = "node_modules/" + name + "/package.json";
      if (JSON.parse(require("fs").readFileSync(file, "utf8")).version !== version) process.exit(1);
    }' 2>/dev/null); then
    (cd tests/browser_targets && npm install --no-audit --no-fund --no-package-lock --loglevel=error </dev/null)
  fi

  # 定时报告作业用 gh 的 --jq 筛选议题，测试用 jq 运行同一个筛选式。
  # The scheduled report job's gh --jq filter is run with jq by tests/unit/test_ci_config.py.
  if ! command -v jq >/dev/null 2>&1; then
    echo "未找到 jq，正在安装… / jq missing: installing it…" >&2
    apt_install jq
  fi

  # 安装测试用 Debian 自带的 Python 运行 README 的第一条命令（PEP 668，需要 python3-venv），
  # JSON Schema 测试用 Node.js 检查正则表达式在 JavaScript 中的含义。
  # The install test runs the README's first command with Debian's own Python (PEP 668; it needs
  # python3-venv), and a schema test runs the patterns under Node.js: no test is skipped for want of them.
  if ! /usr/bin/python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
    echo "未找到 Debian 的 python3 和 python3-venv，正在安装… / installing Debian's python3 and python3-venv…" >&2
    apt_install python3 python3-venv
  fi
  if ! command -v node >/dev/null 2>&1; then
    echo "未找到 node，正在安装 nodejs… / node missing: installing nodejs…" >&2
    apt_install nodejs
  fi

  # 打印测试把 PDF 转成图片并读回二维码（poppler-utils 的 pdfinfo、pdftotext、pdftoppm）。
  # The print tests read the PDFs with poppler-utils (pdfinfo, pdftotext, pdftoppm).
  if ! command -v pdftoppm >/dev/null 2>&1; then
    echo "未找到 pdftoppm，正在安装 poppler-utils… / pdftoppm missing: installing poppler-utils…" >&2
    apt_install poppler-utils
  fi
}

stage "安装依赖 install" install
stage "ruff check" python3 -m ruff check .
stage "ruff format --check" python3 -m ruff format --check .
stage "mypy" python3 -m mypy
stage "pytest" python3 -m pytest "$@"
echo "==> 全部完成（共 $((SECONDS - START)) s）/ all stages passed in $((SECONDS - START)) s" >&2
