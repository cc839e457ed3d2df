"""Where a build may go (generator/site/output.py): never over the repository, its records, its
pages or a folder holding other people's files; only a new or empty folder, or a site gkml
built. A refused, failed or interrupted build changes nothing and says why in Chinese."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.commands import main as cli
from generator.load.attachments import CACHE_FOLDER
from generator.site import writer
from generator.site.output import MARKER, MARKER_TEXT

ROOT = Path(__file__).resolve().parents[2]
INSTEAD = "没有改动任何文件。请用 -d 指定一个新的或空的文件夹（例如 site/），或以前由 gkml 生成的网站文件夹。"


def digest(folder: Path, *, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every file and link below ``folder`` (links not followed) → its content's hash or its target."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if rel.split("/")[0] in skip:
            continue
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[rel] = "folder"
    return out


@pytest.fixture
def repo(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bureau's repository (the example project, gkml's code folder, git's data), the current folder."""
    (project / "generator").mkdir()
    (project / "generator" / "__init__.py").write_text('"""gkml."""\n', encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    monkeypatch.chdir(project)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "个人文件.txt").write_text("不属于网站", encoding="utf-8")
    return project


def build(capfd: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(["build", *args])
    return code, capfd.readouterr().err


@pytest.mark.parametrize(
    ("dest", "why"),
    [
        (".", "这是项目文件夹（mkdocs.yml 所在的文件夹）"),
        ("catalogue", "这是目录文件夹（事项记录）"),
        ("content", "这是网站内容文件夹（手写页面）"),
        ("overrides", "这是主题文件夹"),
        ("generator", "这是程序文件夹（gkml 的代码）"),
        (".git", "这是仓库的版本数据文件夹（.git）"),
        ("..", "其中有项目文件夹（mkdocs.yml 所在的文件夹），即 {repo}"),
        ("catalogue/site", "它位于目录文件夹（事项记录）之内：{repo}/catalogue"),
        ("content/site", "它位于网站内容文件夹（手写页面）之内：{repo}/content"),
        ("/", "这是文件系统的根目录"),
        ("{home}", "这是用户主文件夹"),
    ],
)
@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_a_build_over_the_repository_is_refused_and_changes_nothing(
    repo: Path, capfd: pytest.CaptureFixture[str], dest: str, why: str, builder: str
) -> None:
    home = repo.parent / "home"
    before, home_before = digest(repo.parent), digest(home)
    dest = dest.format(home=home)
    code, err = build(capfd, "--builder", builder, "-d", dest)
    real = (repo / dest).resolve()
    assert code == 1
    assert err == f"不能把网站生成到 {real}：{why.format(repo=repo)}。{INSTEAD}\n"
    assert digest(repo.parent) == before and digest(home) == home_before


def test_a_folder_holding_other_files_is_refused_and_kept(repo: Path, capfd: pytest.CaptureFixture[str]) -> None:
    shared = repo.parent / "共享"
    (shared / "财务科").mkdir(parents=True)
    (shared / "财务科" / "预算.xlsx").write_bytes(b"PK\x03\x04")
    (shared / "通知.docx").write_bytes(b"PK\x03\x04")
    (shared / "办公室").mkdir()
    (shared / "值班表.txt").write_text("值班", encoding="utf-8")
    before = digest(repo.parent)
    code, err = build(capfd, "-d", str(shared))
    assert code == 1
    assert err == (
        f"不能把网站生成到 {shared}：这个文件夹中已有不是 gkml 生成的内容（值班表.txt、办公室、财务科等），"
        f"生成网站会用新网站替换整个文件夹（gkml 生成的网站带有 .gkml-site 文件）。{INSTEAD}\n"
    )
    assert digest(repo.parent) == before


def test_a_file_is_not_a_site_folder(repo: Path, capfd: pytest.CaptureFixture[str]) -> None:
    code, err = build(capfd, "-d", "mkdocs.yml")
    assert code == 1
    assert err == f"不能把网站生成到 {repo / 'mkdocs.yml'}：这是一个文件，不是文件夹。{INSTEAD}\n"


def test_mkdocs_itself_refuses_to_empty_the_records(repo: Path) -> None:
    """``mkdocs build -d catalogue`` would empty the folder before building: the plugin stops it first."""
    before = digest(repo)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "catalogue"], capture_output=True, text=True, cwd=repo
    )
    assert result.returncode == 1
    assert f"不能把网站生成到 {repo / 'catalogue'}：这是目录文件夹（事项记录）。{INSTEAD}" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(repo) == before


@pytest.mark.parametrize("dest", ["site", "public"])
def test_a_new_folder_becomes_a_marked_site_which_the_next_build_replaces(
    repo: Path, capfd: pytest.CaptureFixture[str], dest: str
) -> None:
    before = digest(repo, skip=(dest, CACHE_FOLDER))  # gkml's own cache (QR codes, downloads) may change
    code, err = build(capfd, "-d", dest)
    assert code == 0, err
    assert (repo / dest / MARKER).read_bytes() == MARKER_TEXT.encode("utf-8")
    assert (repo / dest / "index.html").is_file()
    (repo / dest / "旧页面.html").write_text("上次留下的", encoding="utf-8")
    code, err = build(capfd, "-d", dest)
    assert code == 0, err
    assert not (repo / dest / "旧页面.html").exists(), "the whole site is replaced"
    assert (repo / dest / MARKER).read_bytes() == MARKER_TEXT.encode("utf-8")
    assert digest(repo, skip=(dest, CACHE_FOLDER)) == before
    assert sorted(p.name for p in repo.iterdir() if "gkml-" in p.name and p.name != CACHE_FOLDER) == []


def test_an_empty_folder_is_built_into(repo: Path, capfd: pytest.CaptureFixture[str]) -> None:
    (repo.parent / "空文件夹").mkdir()
    code, err = build(capfd, "--builder", "zensical", "-d", str(repo.parent / "空文件夹"))
    assert code == 0, err
    assert (repo.parent / "空文件夹" / MARKER).is_file()


def test_a_site_built_by_mkdocs_itself_is_marked_too(repo: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], capture_output=True, text=True, cwd=repo
    )
    assert result.returncode == 0, result.stderr
    assert (repo / "site" / MARKER).read_bytes() == MARKER_TEXT.encode("utf-8")


# -- failing and interrupted builds ------------------------------------------------------------------------


@pytest.fixture
def published(repo: Path, capfd: pytest.CaptureFixture[str]) -> dict[str, str]:
    """A site built into repo/site before, as its digest."""
    code, err = build(capfd, "-d", "site")
    assert code == 0, err
    return digest(repo / "site")


def _fail_writing(exc: BaseException) -> object:
    def write(path: Path, data: bytes) -> None:
        raise exc

    return write


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_ctrl_c_leaves_the_published_site_and_no_staging_folder(
    repo: Path, published: dict[str, str], capfd: pytest.CaptureFixture[str], builder: str, monkeypatch
) -> None:
    monkeypatch.setattr(writer, "_write_file", _fail_writing(KeyboardInterrupt()))
    code, err = build(capfd, "--builder", builder, "-d", "site")
    assert code == 130
    assert err.endswith(f"已中断（Ctrl-C）。原有网站 {repo / 'site'} 未被改动。\n")
    assert "Traceback" not in err
    assert digest(repo / "site") == published
    assert [p.name for p in repo.iterdir() if "gkml-" in p.name and p.name != CACHE_FOLDER] == []


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_a_full_disk_is_said_in_chinese_and_leaves_the_published_site(
    repo: Path, published: dict[str, str], capfd: pytest.CaptureFixture[str], builder: str, monkeypatch
) -> None:
    full = OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(writer, "_write_file", _fail_writing(full))
    code, err = build(capfd, "--builder", builder, "-d", "site")
    assert code == 1
    assert err.endswith(f"构建失败：磁盘已满。原有网站 {repo / 'site'} 未被改动。\n")
    assert "Traceback" not in err and "Errno" not in err
    assert digest(repo / "site") == published
    assert [p.name for p in repo.iterdir() if "gkml-" in p.name and p.name != CACHE_FOLDER] == []


def test_a_failed_build_leaves_nothing_behind_while_its_search_data_was_being_written(
    repo: Path, published: dict[str, str], capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search data is written on the other core while the pages are made: when the build fails
    meanwhile, that work is ended before the unfinished site is removed (nothing appears later)."""
    write_search_files = writer.write_search_files

    def slow(site_dir: Path, *args: object, **kwargs: object) -> None:  # runs in the forked child
        time.sleep(1.5)
        write_search_files(site_dir, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(writer, "write_search_files", slow)
    monkeypatch.setattr(writer, "_write_file", _fail_writing(OSError(errno.ENOSPC, "No space left on device")))
    code, err = build(capfd, "-d", "site")
    assert code == 1
    assert err.endswith(f"构建失败：磁盘已满。原有网站 {repo / 'site'} 未被改动。\n")
    time.sleep(2.5)  # the search data would have been written by now
    assert [p.name for p in repo.iterdir() if "gkml-" in p.name and p.name != CACHE_FOLDER] == []
    assert digest(repo / "site") == published


def test_an_entry_changed_after_its_check_is_not_published(
    repo: Path, published: dict[str, str], capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long body is read again when its page is written: an editor saving the file meanwhile (with
    an ID number in it, say) stops the build, in Chinese, rather than publish text no check has seen."""
    write_filled = writer.SiteWriter.write_filled
    changed: list[Path] = []

    def edit_then_write(self: writer.SiteWriter, *args: object, **kwargs: object) -> None:
        entry = next(e for e in self.catalogue.entries if not isinstance(e.body, str))
        path = Path(entry.body.path)  # type: ignore[union-attr]
        path.write_text(path.read_text(encoding="utf-8") + "\n身份证号 110101199003071234\n", encoding="utf-8")
        changed.append(path)
        write_filled(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(writer.SiteWriter, "write_filled", edit_then_write)
    code, err = build(capfd, "-d", "site")
    assert code == 1
    why = f"构建失败：{changed[0]}：文件在检查之后被修改过，请重新构建。"
    assert err.endswith(f"{why}原有网站 {repo / 'site'} 未被改动。\n")
    assert "Traceback" not in err
    assert digest(repo / "site") == published


def test_a_folder_that_cannot_be_written_is_said_before_the_build(
    repo: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    mkdir = Path.mkdir

    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        if self.name.endswith(".gkml-new"):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", read_only)
    code, err = build(capfd, "-d", "site")
    assert code == 1
    assert err == f"无法在 {repo} 中生成网站：没有写入权限。没有改动任何文件。\n"


def _loads_its_libraries(pid: int) -> bool:
    """Whether process ``pid`` (gkml) has begun loading the libraries its command needs: a compiled
    module from site-packages (Jinja's markupsafe, PyYAML's _yaml) is mapped into it. By then gkml's
    own code runs; before, Python itself is still starting, which gkml cannot answer for."""
    try:
        maps = Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False
    return any("-packages/" in line and line.rstrip().endswith(".so") for line in maps.splitlines())


def test_ctrl_c_while_gkml_starts_is_one_chinese_line(repo: Path) -> None:
    """gkml takes a second or so to load its modules: a Ctrl-C then is answered like any other."""
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "-f", "project/mkdocs.yml", "-d", "project/site"],
        cwd=repo.parent,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    deadline = time.monotonic() + 30  # on a busy machine Python itself may take seconds to start
    while not _loads_its_libraries(process.pid) and time.monotonic() < deadline:
        time.sleep(0.002)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.splitlines()[-1].startswith("已中断（Ctrl-C）"), err  # whatever it was doing: one line
    assert "Traceback" not in err


def test_ctrl_c_during_a_large_build_stops_every_worker_quietly(repo: Path, tmp_path: Path) -> None:
    """A real Ctrl-C (SIGINT to the whole process group, as a terminal sends it) while the forked
    workers write the 2,000 item pages of a synthetic catalogue."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import synth
    finally:
        sys.path.pop(0)
    catalogue = tmp_path / "synth"
    synth.write_catalogue(catalogue, 2000)
    (repo / "site").mkdir()
    (repo / "site" / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    (repo / "site" / "index.html").write_text("已发布的网站", encoding="utf-8")
    before = digest(repo / "site")
    staging = repo / ".site.gkml-new"
    log = tmp_path / "stderr.txt"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "-f",
            "project/mkdocs.yml",
            "-d",
            "project/site",
            "--catalogue",
            "synth",
        ],
        cwd=tmp_path,  # not the repository: its generator/ folder here is not gkml
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),  # a file, not a pipe: thousands of notes would fill a pipe nobody reads yet
        start_new_session=True,  # its own process group, which the test interrupts as a terminal would
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    deadline = time.monotonic() + 240

    def writing_items() -> bool:  # MkDocs wrote one item page (the shell); the workers write the others
        return (staging / "item").is_dir() and len(list((staging / "item").iterdir())) > 50

    while not writing_items() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if process.poll() is not None:
        pytest.fail("the build ended before the item pages were written:\n" + log.read_text(encoding="utf-8")[-3000:])
    os.killpg(process.pid, signal.SIGINT)
    process.wait(timeout=120)
    err = log.read_text(encoding="utf-8")
    assert process.returncode == 130, err[-2000:]
    assert err.endswith(f"已中断（Ctrl-C）。原有网站 {repo / 'site'} 未被改动。\n")
    assert "Traceback" not in err and "BrokenPipe" not in err
    assert digest(repo / "site") == before
    assert [p.name for p in repo.iterdir() if "gkml-" in p.name and p.name != CACHE_FOLDER] == []
