"""The CI configurations a bureau's repository runs, checked and then run as written.

Each file is parsed with ``yaml.safe_load`` and its structure asserted (triggers, permissions,
the Pages deployment, GitLab's ``public`` folder, the pre-commit hook settings). Then the shell
commands of the check and build steps are taken from the GitHub workflow and the GitLab file and
run with ``bash -e`` in a temporary copy of the project, the way a runner would run them: without
the lines that install something (the package is already installed here) and without the steps that
publish (``uses:`` actions). Commands of features still being written (``gkml diff``,
``gkml check --format github``) are left out only while ``gkml`` does not offer them.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GITHUB = ROOT / ".github" / "workflows" / "gkml.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"

#: Lines that install something: the package under test is already installed (editable).
INSTALLS = ("python -m pip install", "python3 -m pip install", "pip install", "apt-get")
#: What ``${{ … }}`` expressions of the workflow stand for in a pull request to ``main``.
EXPRESSIONS = {"github.base_ref": "main"}
MAJOR_VERSION = re.compile(r"^[\w.-]+/[\w.-]+@v\d+$")


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 (PyYAML) reads the bare key ``on`` as the boolean true
    found = workflow.get("on", workflow.get(True))
    assert isinstance(found, dict), found
    return found


def expand(text: str) -> str:
    """Replace the ``${{ … }}`` expressions the workflow uses by their pull-request values."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        assert name in EXPRESSIONS, f"no local value for the expression {name!r}"
        return EXPRESSIONS[name]

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


@functools.cache
def gkml_help(*command: str) -> tuple[int, str]:
    done = subprocess.run(
        ["gkml", *command, "--help"], capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60
    )
    return done.returncode, done.stdout


def has_diff() -> bool:
    return gkml_help("diff")[0] == 0


def has_github_format() -> bool:
    code, out = gkml_help("check")
    return code == 0 and "github" in out


def unavailable(command: str) -> str | None:
    """Why ``command`` cannot run yet with the installed gkml (None when it can)."""
    if re.search(r"\bgkml diff\b", command) and not has_diff():
        return "`gkml diff` does not exist yet"
    if re.search(r"\bgkml check\b.*--format[ =]github", command) and not has_github_format():
        return "`gkml check --format github` is not available yet"
    return None


def without_installs(script: str) -> str:
    return "\n".join(line for line in script.splitlines() if not line.strip().startswith(INSTALLS))


def item_files(project: Path) -> list[Path]:
    """The item records of the copy (``_site.yaml`` and ``_meta.yaml`` are settings), in path order."""
    return sorted(path for path in (project / "catalogue").rglob("*.y*ml") if not path.name.startswith("_"))


def record_with(project: Path, key: str) -> Path:
    """The first item record that has a line ``key: …``."""
    for path in item_files(project):
        if re.search(rf"^{key}:", path.read_text(encoding="utf-8"), re.MULTILINE):
            return path
    raise AssertionError(f"no record with {key} in the catalogue")


def change_a_record(project: Path) -> str:
    """A valid change for ``gkml diff`` to report: add a 备注 to a record that has none."""
    for path in item_files(project):
        text = path.read_text(encoding="utf-8")
        if not re.search(r"^备注:", text, re.MULTILINE):
            path.write_text(text.rstrip("\n") + "\n备注: 本事项的办理地点已调整。\n", encoding="utf-8")
            return path.relative_to(project).as_posix()
    raise AssertionError("every record has a 备注")


def break_record(project: Path) -> str:
    """Delete the 时限 line of one record; return the record's path as the checker prints it."""
    record = record_with(project, "时限")
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"^时限:.*\n", "", text, count=1, flags=re.MULTILINE), encoding="utf-8")
    return record.relative_to(project).as_posix()


def bash(script: str, project: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )


def explain(done: subprocess.CompletedProcess[str]) -> str:
    return f"exit {done.returncode}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"


# -- a copy of the project, as a runner checks it out --------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """mkdocs.yml, content/, overrides/ and catalogue/ of this repository, copied."""
    dest = tmp_path / "project"
    dest.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("content", "overrides", "catalogue"):
        shutil.copytree(ROOT / folder, dest / folder)
    return dest


@pytest.fixture
def env(tmp_path: Path, project: Path) -> dict[str, str]:
    """The environment of a runner; the copy becomes a git repository whose ``origin/main`` is the
    copied state (what ``actions/checkout`` with fetch-depth 0 gives a pull request to main)."""
    home = tmp_path / "home"
    home.mkdir()
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "CI_", "GKML_"))}
    environ.update(
        CI="true",
        HOME=str(home),
        NO_MKDOCS_2_WARNING="1",
        GIT_AUTHOR_NAME="CI",
        GIT_AUTHOR_EMAIL="ci@example.invalid",
        GIT_COMMITTER_NAME="CI",
        GIT_COMMITTER_EMAIL="ci@example.invalid",
        GIT_CONFIG_NOSYSTEM="1",
        # GitHub Actions, for a pull request to main
        GITHUB_ACTIONS="true",
        GITHUB_EVENT_NAME="pull_request",
        GITHUB_BASE_REF="main",
        GITHUB_WORKSPACE=str(project),
        GITHUB_STEP_SUMMARY=str(tmp_path / "step_summary.md"),
        # GitLab CI, on the default branch
        GITLAB_CI="true",
        CI_PROJECT_DIR=str(project),
        CI_DEFAULT_BRANCH="main",
        CI_COMMIT_BRANCH="main",
    )
    (tmp_path / "step_summary.md").touch()
    git = ["git", "-C", str(project), "-c", "init.defaultBranch=main"]
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "base"]):
        subprocess.run([*git, *args], env=environ, check=True, capture_output=True, stdin=subprocess.DEVNULL)
    subprocess.run(
        [*git, "update-ref", "refs/remotes/origin/main", "HEAD"], env=environ, check=True, capture_output=True
    )
    return environ


# -- GitHub Actions --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    return load(GITHUB)


def steps(workflow: dict[Any, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def run_steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for _, step in steps(workflow) if "run" in step]


def test_github_triggers(workflow: dict[Any, Any]) -> None:
    on = triggers(workflow)
    assert set(on) == {"pull_request", "push", "workflow_dispatch", "schedule"}
    assert on["schedule"] == [{"cron": "0 1 * * 1"}], "Mondays 9:00 in Beijing"
    paths = on["pull_request"]["paths"]
    for wanted in ("catalogue/**", "content/**", "overrides/**", "mkdocs.yml", "generator/**"):
        assert wanted in paths
    assert on["push"]["branches"] == ["main"]


def test_github_permissions_and_pages_deployment(workflow: dict[Any, Any]) -> None:
    assert workflow["permissions"] == {"contents": "read"}, "only the deploy job may write"
    jobs = workflow["jobs"]
    uses: dict[str, tuple[str, dict[str, Any]]] = {}
    for job_id, step in steps(workflow):  # the first job that uses each action: the check job
        if "uses" in step:
            uses.setdefault(step["uses"].split("@")[0], (job_id, step))
    for action in ("actions/checkout", "actions/setup-python", "actions/upload-pages-artifact"):
        assert action in uses
    for action in ("actions/configure-pages", "actions/deploy-pages"):
        assert uses[action][0] == "deploy"

    checkout = uses["actions/checkout"][1]
    assert checkout["with"]["fetch-depth"] == 0, "gkml diff and the item dates need the whole history"
    python = uses["actions/setup-python"][1]["with"]
    assert str(python["python-version"]) == "3.11"
    assert python["cache"] == "pip"

    upload_job, upload = uses["actions/upload-pages-artifact"]
    assert upload["with"]["path"] == "site"
    deploy = jobs["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["concurrency"]["group"] == "pages"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["needs"] == upload_job
    # publishing only from main, never from a pull request
    for condition in (deploy["if"], upload["if"]):
        assert "github.event_name != 'pull_request'" in condition
        assert "refs/heads/main" in condition
    assert "permissions" not in jobs[upload_job], "the check job keeps the read-only default"


def test_github_actions_pinned_to_major_versions(workflow: dict[Any, Any]) -> None:
    for _, step in steps(workflow):
        if "uses" in step:
            assert MAJOR_VERSION.match(step["uses"]), step["uses"]


def test_github_commands(workflow: dict[Any, Any]) -> None:
    commands = [step["run"] for step in run_steps(workflow)]
    assert "python -m pip install -e ." in commands
    assert "gkml check --format github" in commands
    assert "gkml build --strict -d site --zip site.zip" in commands
    [diff] = [step for step in run_steps(workflow) if "gkml diff" in step["run"]]
    assert diff["if"] == "github.event_name == 'pull_request'"
    assert "--format markdown" in diff["run"]
    assert '>> "$GITHUB_STEP_SUMMARY"' in diff["run"]
    assert expand(diff["env"]["BASE_REF"]) == "main"
    for command in commands:
        # values from the event come in through env:, never spliced into the shell text
        assert "${{" not in command, command


def run_github_steps(workflow: dict[Any, Any], project: Path, env: dict[str, str]) -> tuple[list[str], list[str]]:
    """Run the check job's shell steps in order; return (commands run, reasons for steps left out)."""
    ran: list[str] = []
    left_out: list[str] = []
    for step in [step for job_id, step in steps(workflow) if job_id == "check" and "run" in step]:
        script = without_installs(step["run"])
        if not script.strip():
            continue
        reason = unavailable(script)
        if reason:
            left_out.append(f"{step['name']}: {reason}")
            continue
        step_env = {**env, **{k: expand(str(v)) for k, v in step.get("env", {}).items()}}
        done = bash(script, project, step_env)
        assert done.returncode == 0, f"step {step['name']!r}\n{explain(done)}"
        ran.append(script)
    return ran, left_out


def test_github_steps_run_locally(workflow: dict[Any, Any], project: Path, env: dict[str, str]) -> None:
    changed = change_a_record(project)  # the pull request's change
    ran, left_out = run_github_steps(workflow, project, env)
    assert "gkml build --strict -d site --zip site.zip" in ran
    assert (project / "site" / "index.html").is_file()
    assert (project / "site.zip").is_file()
    assert (project / "preview" / "index.html").is_file(), "the pull request's preview"
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "# 公开情况报告" in summary, "the dated findings are shown in the job summary"
    if has_diff():
        summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
        assert changed in summary, f"the job summary does not name the changed record:\n{summary}"
    left_out = [reason for reason in left_out if "gkml diff" not in reason]  # diff is optional for now
    if left_out:
        pytest.skip("; ".join(left_out))


def test_github_check_step_annotates_a_broken_record(
    workflow: dict[Any, Any], project: Path, env: dict[str, str]
) -> None:
    if not has_github_format():
        pytest.skip("`gkml check --format github` is not available yet")
    broken = break_record(project)
    [check] = [step["run"] for step in run_steps(workflow) if step["run"].startswith("gkml check")]
    done = bash(check, project, env)
    assert done.returncode != 0, explain(done)
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::error file=")]
    assert annotations, explain(done)
    assert any(broken in line and ",line=" in line for line in annotations), explain(done)


# -- GitLab CI ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gitlab() -> dict[str, Any]:
    return load(GITLAB)


def gitlab_jobs(gitlab: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: job for name, job in gitlab.items() if isinstance(job, dict) and "script" in job}


def gitlab_script(gitlab: dict[str, Any], name: str) -> str:
    """The shell script of a job as a runner assembles it: variables, before_script, script."""
    job = gitlab_jobs(gitlab)[name]
    variables = {**gitlab.get("variables", {}), **job.get("variables", {})}
    before = job.get("before_script", gitlab.get("default", {}).get("before_script", []))
    lines = [f'export {key}="{value}"' for key, value in variables.items()]
    lines += [without_installs(line) for line in [*before, *job["script"]]]
    return "\n".join(line for line in lines if line.strip())


def test_gitlab_structure(gitlab: dict[str, Any]) -> None:
    assert gitlab["image"] == "python:3.11-slim"
    assert gitlab["stages"] == ["check", "build", "pages", "deploy"]
    jobs = gitlab_jobs(gitlab)
    assert {job["stage"] for job in jobs.values()} == {"check", "build", "pages", "deploy"}
    assert ".cache/pip" in gitlab["default"]["cache"]["paths"]
    assert gitlab["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/pip"
    text = GITLAB.read_text(encoding="utf-8")
    assert re.search(r"^\s*# PIP_INDEX_URL: \"https://pypi\.tuna\.tsinghua\.edu\.cn/simple\"$", text, re.MULTILINE)
    sources = [rule["if"] for rule in gitlab["workflow"]["rules"]]
    assert '$CI_PIPELINE_SOURCE == "merge_request_event"' in sources

    check = jobs["check"]
    assert "gkml check" in check["script"]
    assert check["artifacts"]["when"] == "always"
    assert check["artifacts"]["paths"] == ["gkml-check.json", "gkml-report.md"]
    assert check["artifacts"]["expose_as"] == "公开情况报告", "linked from the merge request"
    assert "gkml report --format markdown > gkml-report.md || true" in check["script"]

    pages = jobs["pages"]
    assert pages["stage"] == "pages"
    assert pages["artifacts"]["paths"] == ["public", "gkml-site.zip"], "GitLab Pages publishes the folder public/"
    assert "gkml build --strict -d public --zip gkml-site.zip" in pages["script"]
    assert [rule["if"] for rule in pages["rules"]] == [
        '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE != "schedule"'
    ]
    assert str(pages["variables"]["GIT_DEPTH"]) == "0"
    for name, job in jobs.items():
        if name == "server":  # publishes what the pages job built: needs rsync and ssh, not gkml
            continue
        before = job.get("before_script", gitlab["default"]["before_script"])
        assert "python -m pip install -e ." in before, name


def test_gitlab_jobs_run_locally(gitlab: dict[str, Any], project: Path, env: dict[str, str]) -> None:
    for name in ("check", "build", "pages"):  # in stage order, in one work tree like a pipeline
        done = bash(gitlab_script(gitlab, name), project, env)
        assert done.returncode == 0, f"job {name!r}\n{explain(done)}"
    report = json.loads((project / "gkml-check.json").read_text(encoding="utf-8"))
    assert [d for d in report if d["severity"] != "info"] == []  # notes (e.g. long-unchanged columns) may appear
    assert (project / "gkml-report.md").read_text(encoding="utf-8").startswith("# 公开情况报告")
    assert (project / "site" / "index.html").is_file()
    assert (project / "preview" / "index.html").is_file(), "the merge request's preview"
    assert (project / "public" / "index.html").is_file()
    assert (project / "gkml-site.zip").is_file()


def test_gitlab_check_job_points_at_the_broken_line(gitlab: dict[str, Any], project: Path, env: dict[str, str]) -> None:
    broken = break_record(project)
    done = bash(gitlab_script(gitlab, "check"), project, env)
    assert done.returncode != 0, explain(done)
    assert re.search(rf"^{re.escape(broken)}:\d+:\d+: 错误\[missing-field\]", done.stdout, re.MULTILINE), explain(done)
    report = json.loads((project / "gkml-check.json").read_text(encoding="utf-8"))
    assert any(problem["file"] == broken and problem["code"] == "missing-field" for problem in report), report


# -- pre-commit --------------------------------------------------------------------------------------

HOOK_SETTINGS = ("id", "entry", "files", "pass_filenames")


def test_pre_commit_hook_manifest_and_local_config_agree() -> None:
    [hook] = load(HOOKS)
    assert hook["id"] == "gkml-check"
    assert hook["entry"] == "gkml check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False, "the checker needs the whole catalogue (duplicate ids)"

    [repo] = load(PRE_COMMIT)["repos"]
    assert repo["repo"] == "local"
    [local] = repo["hooks"]
    assert local["language"] == "system", "uses the gkml installed in the environment"
    assert {key: local[key] for key in HOOK_SETTINGS} == {key: hook[key] for key in HOOK_SETTINGS}

    files = re.compile(hook["files"])
    for path in ("catalogue/保障性住房/配给管理/公租房承租资格审核.yaml", "catalogue/_site.yaml", "catalogue/a/b.yml"):
        assert files.search(path), path
    for path in ("mkdocs.yml", "content/guide/index.md", "tests/fixtures/records/valid_minimal.yaml"):
        assert not files.search(path), path


def test_pre_commit_hook_runs_locally(project: Path, env: dict[str, str]) -> None:
    [repo] = load(PRE_COMMIT)["repos"]
    [hook] = repo["hooks"]
    command = " ".join([hook["entry"], *hook.get("args", [])])
    done = bash(command, project, env)
    assert done.returncode == 0, explain(done)

    broken = break_record(project)
    done = bash(command, project, env)
    assert done.returncode != 0, explain(done)
    assert f"{broken}:" in done.stdout, explain(done)


# -- the scheduled report, the deploy job to the bureau's server ------------------------------------

#: A stand-in for GitHub's ``gh``: logs each call; ``issue list`` answers FAKE_ISSUES (JSON) through
#: the real jq with the workflow's own ``--jq`` filter, as gh does.
FAKE_GH = """#!/bin/sh
printf '%s\\n' "$*" >> "$GH_LOG"
if [ "$1 $2" = "issue list" ]; then
  while [ $# -gt 0 ]; do
    if [ "$1" = "--jq" ]; then printf '%s' "$FAKE_ISSUES" | jq -r "$2"; exit; fi
    shift
  done
fi
"""


def job_steps(workflow: dict[Any, Any], job: str) -> list[dict[str, Any]]:
    return [step for job_id, step in steps(workflow) if job_id == job and "run" in step]


def test_jq_is_installed() -> None:
    assert shutil.which("jq"), "the report job's gh filter is tested with jq (tests/run.sh installs it)"


@pytest.mark.parametrize(
    ("issues", "expected"),
    [
        ("[]", "issue create --title 公开情况报告（gkml 每周自动生成） --body-file report.md"),
        (
            '[{"number": 3, "title": "别的议题"}, {"number": 7, "title": "公开情况报告（gkml 每周自动生成）"}]',
            "issue edit 7 --body-file report.md",
        ),
    ],
)
def test_github_scheduled_report_opens_or_updates_one_issue(
    workflow: dict[Any, Any], project: Path, env: dict[str, str], tmp_path: Path, issues: str, expected: str
) -> None:
    job = workflow["jobs"]["report"]
    assert job["if"] == "github.event_name == 'schedule'"
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    assert workflow["jobs"]["check"]["if"] == "github.event_name != 'schedule'", "no build, no deploy on schedule"
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "gh").write_text(FAKE_GH, encoding="utf-8")
    (fake / "gh").chmod(0o755)
    log = tmp_path / "gh.log"
    for step in job_steps(workflow, "report"):
        script = without_installs(step["run"])
        if not script.strip():
            continue
        step_env = {k: str(v) for k, v in step.get("env", {}).items()}
        assert step_env.pop("GH_TOKEN", None) in (None, "${{ github.token }}"), "the job's own token"
        run_env = {**env, **step_env, "PATH": f"{fake}:{env['PATH']}", "GH_LOG": str(log), "FAKE_ISSUES": issues}
        done = bash(script, project, run_env)
        assert done.returncode == 0, explain(done)
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls[0].startswith("issue list --state open")
    assert calls[1:] == [expected]
    assert (project / "report.md").read_text(encoding="utf-8").startswith("# 公开情况报告")


def test_github_deploy_to_the_bureaus_server(
    workflow: dict[Any, Any], project: Path, env: dict[str, str], tmp_path: Path
) -> None:
    """The server job, run as written against a local folder: the site.zip of the check job is
    unpacked and published with deploy/publish.sh (the SSH set-up step needs the secrets: left out)."""
    job = workflow["jobs"]["server"]
    assert "vars.DEPLOY_TARGET != ''" in job["if"] and "refs/heads/main" in job["if"]
    assert job["needs"] == "check"
    assert job["concurrency"] == {"group": "server", "cancel-in-progress": False}
    [publish] = [step for step in job_steps(workflow, "server") if "deploy/publish.sh" in step["run"]]
    assert publish["env"]["DEPLOY_TARGET"] == "${{ vars.DEPLOY_TARGET }}"
    [ssh] = [step for step in job_steps(workflow, "server") if "DEPLOY_SSH_KEY" in step["run"]]
    assert ssh["env"] == {
        "DEPLOY_SSH_KEY": "${{ secrets.DEPLOY_SSH_KEY }}",
        "DEPLOY_KNOWN_HOSTS": "${{ secrets.DEPLOY_KNOWN_HOSTS }}",
    }
    done = bash("gkml build --strict -d site --zip site.zip && rm -rf site", project, env)
    assert done.returncode == 0, explain(done)
    shutil.copytree(ROOT / "deploy", project / "deploy")
    server = tmp_path / "server" / "gkml"
    done = bash(publish["run"], project, {**env, "DEPLOY_TARGET": str(server)})
    assert done.returncode == 0, explain(done)
    assert (server / "current" / "index.html").is_file()
    assert os.readlink(server / "current").startswith("releases/")


#: A stand-in for GitLab's issues API (the three calls .gitlab/gkml-report-issue.py makes).
class _FakeGitLab:
    def __init__(self, issues: list[dict[str, Any]]) -> None:
        self.issues = issues
        self.calls: list[tuple[str, str, dict[str, Any]]] = []

    def serve(self) -> tuple[Any, str]:
        import threading
        import urllib.parse
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, value: object) -> None:
                body = json.dumps(value).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _record(self) -> dict[str, Any]:
                assert self.headers["PRIVATE-TOKEN"] == "glpat-test"
                length = int(self.headers.get("Content-Length") or 0)
                form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
                data = {k: v[0] for k, v in form.items()}
                fake.calls.append((self.command, urllib.parse.unquote(self.path), data))
                return data

            def do_GET(self) -> None:
                self._record()
                self._answer(fake.issues)

            def do_POST(self) -> None:
                self._answer({"iid": 12, **self._record()})

            def do_PUT(self) -> None:
                self._answer({"iid": 5, **self._record()})

            def log_message(self, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server, f"http://127.0.0.1:{server.server_address[1]}/api/v4"


@pytest.mark.parametrize("open_issue", [False, True])
def test_gitlab_scheduled_report_opens_or_updates_one_issue(
    gitlab: dict[str, Any], project: Path, env: dict[str, str], open_issue: bool
) -> None:
    job = gitlab_jobs(gitlab)["report"]
    assert [rule["if"] for rule in job["rules"]] == ['$CI_PIPELINE_SOURCE == "schedule"']
    assert '$CI_PIPELINE_SOURCE == "schedule"' in [rule["if"] for rule in gitlab["workflow"]["rules"]]
    assert [rule["if"] for rule in gitlab_jobs(gitlab)["check"]["rules"]] == ['$CI_PIPELINE_SOURCE != "schedule"']
    title = "公开情况报告（gkml 定时生成）"
    issues = [{"iid": 2, "title": "别的议题"}, *([{"iid": 5, "title": title}] if open_issue else [])]
    fake = _FakeGitLab(issues)
    server, api = fake.serve()
    try:
        shutil.copytree(ROOT / ".gitlab", project / ".gitlab")
        run_env = {**env, "CI_API_V4_URL": api, "CI_PROJECT_ID": "zjj/gkml", "GKML_REPORT_TOKEN": "glpat-test"}
        done = bash(gitlab_script(gitlab, "report"), project, run_env)
    finally:
        server.shutdown()
    assert done.returncode == 0, explain(done)
    report = (project / "gkml-report.md").read_text(encoding="utf-8")
    method, path, _ = fake.calls[0]
    assert method == "GET" and path.startswith("/api/v4/projects/zjj/gkml/issues?state=opened&search=")
    if open_issue:
        assert fake.calls[1] == ("PUT", "/api/v4/projects/zjj/gkml/issues/5", {"description": report})
        assert f"已更新议题 #5：{title}" in done.stdout
    else:
        assert fake.calls[1] == ("POST", "/api/v4/projects/zjj/gkml/issues", {"title": title, "description": report})
        assert f"已新建议题 #12：{title}" in done.stdout
    assert len(fake.calls) == 2


def test_gitlab_report_without_a_token_says_what_to_set(
    gitlab: dict[str, Any], project: Path, env: dict[str, str]
) -> None:
    shutil.copytree(ROOT / ".gitlab", project / ".gitlab")
    (project / "gkml-report.md").write_text("# 公开情况报告\n", encoding="utf-8")
    done = bash("python3 .gitlab/gkml-report-issue.py gkml-report.md", project, env)
    assert done.returncode == 1
    assert "没有设置变量 GKML_REPORT_TOKEN" in done.stderr and "Traceback" not in done.stderr


def test_gitlab_deploy_to_the_bureaus_server(
    gitlab: dict[str, Any], project: Path, env: dict[str, str], tmp_path: Path
) -> None:
    job = gitlab_jobs(gitlab)["server"]
    assert job["stage"] == "deploy" and job["needs"] == ["pages"]
    assert [rule["if"] for rule in job["rules"]] == [
        '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE != "schedule" && $DEPLOY_TARGET'
    ]
    assert job["resource_group"] == "server", "one deployment at a time"
    assert job["script"] == ['sh deploy/publish.sh public "$DEPLOY_TARGET"']
    done = bash(gitlab_script(gitlab, "pages"), project, env)
    assert done.returncode == 0, explain(done)
    shutil.copytree(ROOT / "deploy", project / "deploy")
    server = tmp_path / "server"
    done = bash("\n".join(job["script"]), project, {**env, "DEPLOY_TARGET": str(server)})
    assert done.returncode == 0, explain(done)
    assert (server / "current" / "index.html").is_file()
