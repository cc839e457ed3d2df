"""公开情况报告 → GitLab 议题：定时流水线（.gitlab-ci.yml 的 report 作业）用它新建或更新一个议题。

用法：python3 .gitlab/gkml-report-issue.py gkml-report.md

标题固定（TITLE）：已有同一标题的未关闭议题时更新它的内容，没有时新建。只用 Python 标准库。
需要变量 GKML_REPORT_TOKEN（项目访问令牌，角色 Reporter，权限 api）；CI_API_V4_URL 和 CI_PROJECT_ID
由 GitLab 提供。

Create or update the one open issue holding gkml's report of the dated findings (GitLab REST API v4).
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

TITLE = "公开情况报告（gkml 定时生成）"


def call(method: str, url: str, token: str, data: dict[str, str] | None = None) -> object:
    """One request to the API; the decoded JSON answer."""
    body = urllib.parse.urlencode(data).encode("utf-8") if data is not None else None
    request = urllib.request.Request(url, data=body, method=method, headers={"PRIVATE-TOKEN": token})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read().decode("utf-8"))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("用法：python3 .gitlab/gkml-report-issue.py gkml-report.md", file=sys.stderr)
        return 2
    token = os.environ.get("GKML_REPORT_TOKEN", "")
    api, project = os.environ.get("CI_API_V4_URL", ""), os.environ.get("CI_PROJECT_ID", "")
    if not token:
        print(
            "错误：没有设置变量 GKML_REPORT_TOKEN。请在 Settings → Access tokens 新建项目访问令牌"
            "（角色 Reporter，权限 api），再在 Settings → CI/CD → Variables 中添加它。",
            file=sys.stderr,
        )
        return 1
    if not api or not project:
        print("错误：不在 GitLab 流水线中（没有 CI_API_V4_URL 或 CI_PROJECT_ID）。", file=sys.stderr)
        return 1
    report = Path(argv[0]).read_text(encoding="utf-8")
    issues = f"{api}/projects/{urllib.parse.quote(project, safe='')}/issues"
    query = urllib.parse.urlencode({"state": "opened", "search": TITLE, "in": "title", "per_page": "100"})
    try:
        found = call("GET", f"{issues}?{query}", token)
        listed = found if isinstance(found, list) else []
        same = [issue for issue in listed if isinstance(issue, dict) and issue.get("title") == TITLE]
        if same:
            iid = same[0]["iid"]
            call("PUT", f"{issues}/{iid}", token, {"description": report})
            print(f"已更新议题 #{iid}：{TITLE}")
        else:
            created = call("POST", issues, token, {"title": TITLE, "description": report})
            number = created.get("iid") if isinstance(created, dict) else "?"
            print(f"已新建议题 #{number}：{TITLE}")
    except urllib.error.HTTPError as exc:
        print(
            f"错误：GitLab 拒绝了请求（HTTP {exc.code}）：请确认 GKML_REPORT_TOKEN 有效且有 api 权限。", file=sys.stderr
        )
        return 1
    except urllib.error.URLError as exc:
        print(f"错误：连不上 GitLab（{exc.reason}）。", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
