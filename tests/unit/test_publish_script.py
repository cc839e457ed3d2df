"""deploy/publish.sh, the deploy job's switch, run against a temporary folder as the "server": the site
is uploaded with rsync to ``releases/<id>/``, then ``current`` is swapped in one step; the previous
release stays for ``--rollback``; a failed upload leaves ``current`` as it was. The SSH path runs
through a stand-in ``ssh`` that runs the command here (rsync calls it the same way)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "deploy" / "publish.sh"

#: A stand-in for ssh: skips the options and the host, runs the command on this machine.
FAKE_SSH = """#!/bin/sh
while [ $# -gt 0 ]; do case $1 in -p|-i|-o|-l) shift 2 ;; -*) shift ;; *) break ;; esac; done
echo "$1" >> "$(dirname "$0")/hosts"
shift
exec sh -c "$*"
"""
#: An rsync that copies one file and then loses the connection (rsync's exit code 12).
BROKEN_RSYNC = """#!/bin/sh
for last; do :; done
mkdir -p "$last" && echo partial > "$last/index.html"
echo "rsync: connection unexpectedly closed" >&2
exit 12
"""


def site(folder: Path, version: str) -> Path:
    (folder / "bzxzf").mkdir(parents=True)
    (folder / "index.html").write_text(f"<p>{version}</p>\n", encoding="utf-8")
    (folder / "bzxzf" / "index.html").write_text(f"<p>{version} 保障性住房</p>\n", encoding="utf-8")
    (folder / "gkml.css").write_text("body{color:#333}\n", encoding="utf-8")  # the same in every version
    return folder


def publish(*args: str, path: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, **(env or {})}
    if path:
        environ["PATH"] = f"{path}:{environ['PATH']}"
    return subprocess.run(
        ["sh", str(SCRIPT), *args], capture_output=True, text=True, env=environ, stdin=subprocess.DEVNULL, timeout=60
    )


def served(server: Path, page: str = "index.html") -> str:
    return (server / "current" / page).read_text(encoding="utf-8")


@pytest.fixture
def sites(tmp_path: Path) -> tuple[Path, Path]:
    return site(tmp_path / "v1", "第一版"), site(tmp_path / "v2", "第二版")


def test_rsync_is_installed() -> None:
    assert shutil.which("rsync"), "deploy/publish.sh needs rsync (tests/run.sh installs it)"


def test_publish_swaps_current_and_keeps_the_previous_release(sites: tuple[Path, Path], tmp_path: Path) -> None:
    v1, v2 = sites
    server = tmp_path / "server" / "gkml"
    first = publish(str(v1), str(server), "20260101T000000")
    assert first.returncode == 0, first.stderr
    assert os.readlink(server / "current") == "releases/20260101T000000"
    assert served(server) == "<p>第一版</p>\n"
    second = publish(f"{v2}/", f"{server}/", "20260102T000000")
    assert second.returncode == 0, second.stderr
    assert os.readlink(server / "current") == "releases/20260102T000000"  # relative: the folder may move
    assert served(server, "bzxzf/index.html") == "<p>第二版 保障性住房</p>\n"
    assert sorted(p.name for p in (server / "releases").iterdir()) == ["20260101T000000", "20260102T000000"]
    assert (server / "releases" / "20260101T000000" / "index.html").read_text(encoding="utf-8") == "<p>第一版</p>\n"
    # unchanged files are hard links to the release before (little disk space per release)
    assert (server / "current" / "gkml.css").stat().st_nlink == 2
    assert "已发布版本 20260102T000000" in second.stderr
    assert not list(server.glob(".current*")), "no temporary link left behind"


def test_same_size_and_time_is_not_taken_for_unchanged(tmp_path: Path) -> None:
    """Two builds in the same second: a page of the same length must still be the new one."""
    v1, v2 = site(tmp_path / "v1", "AAA"), site(tmp_path / "v2", "BBB")
    for page in (v1 / "index.html", v2 / "index.html"):
        os.utime(page, (1_700_000_000, 1_700_000_000))
    server = tmp_path / "server"
    assert publish(str(v1), str(server), "1").returncode == 0
    assert publish(str(v2), str(server), "2").returncode == 0
    assert served(server) == "<p>BBB</p>\n"


def test_rollback_switches_to_the_previous_release(sites: tuple[Path, Path], tmp_path: Path) -> None:
    v1, v2 = sites
    server = tmp_path / "server"
    for version, folder in (("20260101", v1), ("20260102", v2)):
        assert publish(str(folder), str(server), version).returncode == 0
    back = publish("--rollback", str(server))
    assert back.returncode == 0, back.stderr
    assert served(server) == "<p>第一版</p>\n"
    assert "已退回到版本 20260101" in back.stderr
    again = publish("--rollback", str(server))
    assert again.returncode == 1
    assert "没有更早的版本可以退回" in again.stderr
    assert served(server) == "<p>第一版</p>\n"


def test_a_failed_upload_leaves_current_untouched(sites: tuple[Path, Path], tmp_path: Path) -> None:
    v1, v2 = sites
    server = tmp_path / "server"
    assert publish(str(v1), str(server), "20260101").returncode == 0
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "rsync").write_text(BROKEN_RSYNC, encoding="utf-8")
    (fake / "rsync").chmod(0o755)
    failed = publish(str(v2), str(server), "20260102", path=str(fake))
    assert failed.returncode == 1
    assert "上传失败，网站未切换（current 仍指向原来的版本）" in failed.stderr
    assert os.readlink(server / "current") == "releases/20260101"
    assert served(server) == "<p>第一版</p>\n"
    assert not (server / "releases" / "20260102").exists()
    # the next upload that works replaces what the failed one left
    done = publish(str(v2), str(server), "20260102")
    assert done.returncode == 0, done.stderr
    assert served(server) == "<p>第二版</p>\n"
    assert not (server / "releases" / "20260102.partial").exists()


def test_only_the_newest_releases_are_kept(tmp_path: Path) -> None:
    server = tmp_path / "server"
    for n in range(1, 5):
        folder = site(tmp_path / f"v{n}", f"版本{n}")
        done = publish(str(folder), str(server), f"2026010{n}", env={"GKML_KEEP_RELEASES": "2"})
        assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (server / "releases").iterdir()) == ["20260103", "20260104"]


def test_over_ssh(sites: tuple[Path, Path], tmp_path: Path) -> None:
    """``用户@服务器:/文件夹``: the commands and rsync go through GKML_SSH (here a stand-in)."""
    v1, _ = sites
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "ssh").write_text(FAKE_SSH, encoding="utf-8")
    (fake / "ssh").chmod(0o755)
    server = tmp_path / "srv" / "gkml"
    done = publish(str(v1), f"deploy@web1:{server}", "20260101", env={"GKML_SSH": f"{fake / 'ssh'} -p 2222"})
    assert done.returncode == 0, done.stderr
    assert served(server) == "<p>第一版</p>\n"
    # the script's commands name deploy@web1; rsync passes the user as ``-l deploy web1``
    assert set((fake / "hosts").read_text(encoding="utf-8").split()) == {"deploy@web1", "web1"}
    assert f"deploy@web1:{server}/current → releases/20260101" in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["SITE", "relative/folder"], "应写成“用户@服务器:/文件夹”或本机的“/文件夹”"),
        (["SITE", "/"], "目标不能是根目录 /"),
        (["SITE", "/tmp/x", "../evil"], "版本号“../evil”只能用字母、数字、点、下划线和连字符"),
        (["EMPTY", "/tmp/x"], "中没有 index.html：请先运行 gkml build 生成网站"),
        (["SITE"], "用法：sh deploy/publish.sh 网站文件夹 目标 [版本号]"),
    ],
)
def test_mistakes_are_explained(sites: tuple[Path, Path], tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "empty").mkdir()
    names = {"SITE": str(sites[0]), "EMPTY": str(tmp_path / "empty")}
    done = publish(*[names.get(a, a) for a in args])
    assert done.returncode == 1
    assert message in done.stderr


def test_the_script_is_posix_sh() -> None:
    """dash (Debian's /bin/sh) parses it; no bash-only syntax."""
    dash = shutil.which("dash") or "/bin/sh"
    done = subprocess.run([dash, "-n", str(SCRIPT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    text = SCRIPT.read_text(encoding="utf-8")
    for bashism in ("[[", "function ", "$'", "<<<", "pipefail"):
        assert bashism not in text, bashism
