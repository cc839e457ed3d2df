"""``gkml build --zip FILE``: the site as one zip file for a 集约化 platform's file manager. Two builds
of the same catalogue give the same bytes; the zip unpacks to the site (without the ``.gz`` copies
for nginx and gkml's marker); a zip is never written into the site, over a folder or over a file
that is not a zip."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from generator.commands import main as cli
from generator.site.archive import ZIP_TIME, ZipError, site_files, write_zip
from generator.site.output import MARKER

DAY = "2026-06-01"


def build_zip(project: Path, site: str, archive: str, capfd: pytest.CaptureFixture[str]) -> Path:
    code = cli.main(["build", "--today", DAY, "-d", site, "--zip", archive])
    err = capfd.readouterr().err
    assert code == 0, err
    assert f"网站已打包：{archive}（" in err
    return project / archive


def test_two_builds_give_the_same_zip_byte_for_byte(
    project: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project)
    first = build_zip(project, "site", "site.zip", capfd)
    second = build_zip(project, "site-again", "again.zip", capfd)
    assert hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()

    site = project / "site"
    with zipfile.ZipFile(first) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names == sorted(names)
        assert names == site_files(site)
        assert "index.html" in names and "sitemap.xml" in names and "404.html" in names
        assert MARKER not in names
        assert not [n for n in names if n.endswith(".gz") and n[:-3] in names], "nginx's copies stay out"
        assert {info.date_time for info in infos} == {ZIP_TIME}
        assert {info.external_attr >> 16 for info in infos} == {0o100644}
        for name in ("index.html", "bzxzf/index.html", "sitemap.xml"):
            assert archive.read(name) == (site / name).read_bytes()
        assert archive.testzip() is None


def test_zip_refusals(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>首页</p>\n", encoding="utf-8")
    (tmp_path / "notes.zip").write_text("不是压缩包", encoding="utf-8")
    (tmp_path / "folder.zip").mkdir()
    cases = {
        site / "inner.zip": "压缩包不能放在网站文件夹",
        tmp_path / "site.tar": "压缩包的文件名应以 .zip 结尾",
        tmp_path / "folder.zip": "是一个文件夹，请写压缩包的文件名",
        tmp_path / "notes.zip": "已存在且不是 zip 文件，gkml 不覆盖它",
    }
    for dest, message in cases.items():
        with pytest.raises(ZipError, match=message):
            write_zip(site, dest)
    assert (tmp_path / "notes.zip").read_text(encoding="utf-8") == "不是压缩包"
    # a zip made before is replaced
    assert write_zip(site, tmp_path / "site.zip") == 1
    assert write_zip(site, tmp_path / "site.zip") == 1
    assert not list(tmp_path.glob(".*partial")), "no partial file left"


def test_a_failed_zip_says_the_site_was_built(
    project: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project)
    code = cli.main(["build", "--today", DAY, "-d", "site", "--zip", "site/inner.zip"])
    err = capfd.readouterr().err
    assert code == 1
    assert "网站已生成，但没有打包：压缩包不能放在网站文件夹 site 之中" in err
    assert (project / "site" / "index.html").is_file()
