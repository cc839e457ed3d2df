"""The site's address (网站地址 in ``_site.yaml``): the one place canonical links, sitemap and QR codes
come from; missing or local, a note on trial and an error in production; ``gkml check`` reports all
of a catalogue's problems in one run, also those beside a ``_site.yaml`` with errors.

``tests/fixtures/site_address/<case>/`` holds a catalogue (``catalogue/``, and the hand-written pages
in ``content/`` when the case has them) checked as ``gkml check`` checks it, as of a fixed day,
against ``<case>.expected`` (paths relative to that folder).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.check.run import check_catalogue
from generator.check.severity import Severity
from generator.commands import main as cli
from generator.load.files import FileGate
from generator.model.site_address import address_problem, is_local, normalised

from .helpers import FIXTURES, formatted, read_expected

CASES_DIR = FIXTURES / "site_address"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir())
DAY = dt.date(2024, 6, 1)


def check_case(case: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, list[str]]:
    monkeypatch.chdir(CASES_DIR)
    content = Path(case, "content")
    catalogue, diagnostics = check_catalogue(
        Path(case, "catalogue"),
        git_dates=False,
        today=DAY,
        docs_dir=content if content.is_dir() else None,
        docs_shown=content.as_posix(),
        gate=FileGate.within(Path(case)),
    )
    return catalogue, formatted(diagnostics)


def test_every_case_has_an_expectation_and_back() -> None:
    assert sorted(p.stem for p in CASES_DIR.glob("*.expected")) == CASES


@pytest.mark.parametrize("case", CASES)
def test_address_diagnostics(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _, lines = check_case(case, monkeypatch)
    assert lines == read_expected(CASES_DIR / f"{case}.expected")


def test_a_site_on_trial_without_an_address_is_noted_and_still_built(monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue, lines = check_case("unset", monkeypatch)
    assert catalogue is not None
    assert lines[0].startswith(
        "unset/catalogue/_site.yaml:1:1: 提示[site-url-unset] 网站地址："
        "还没有填写“网站地址”：页面和打印的公示栏海报暂不显示二维码"
    )


def test_production_reports_everything_in_one_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """The identity the footer needs, the address, the pages still to be filled in and the coverage of
    the national standard: all in the first run, not one after the other."""
    catalogue, lines = check_case("production_all_in_one", monkeypatch)
    assert catalogue is None
    codes = {line.split("[", 1)[1].split("]", 1)[0] for line in lines}
    assert {"site-identity-missing", "site-contact-missing", "site-url-missing", "content-placeholder"} <= codes
    assert "standard-item-missing" in codes  # the records were all read: coverage is checked too


def test_a_sub_folder_address_is_kept_with_its_slash(monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue, lines = check_case("subfolder", monkeypatch)
    assert catalogue is not None and catalogue.site.url == "https://www.example.gov.cn/zjj/gkml/"  # type: ignore[attr-defined]
    assert not [line for line in lines if "网站地址" in line]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("https://www.example.gov.cn/zjj/gkml/", None),
        ("http://10.1.2.3:8080/gkml", None),
        ("https://[2001:db8::1]/", None),
        ("www.example.gov.cn", "不是 http:// 或 https:// 开头"),
        ("ftp://www.example.gov.cn/", "不是 http:// 或 https:// 开头"),
        ("https://", "没有写域名"),
        ("https:///gkml/", "没有写域名"),
        ("https://www.example.gov.cn/zjj gkml/", "含有空格或看不见的字符"),
        ("https://www.example.gov.cn/\u3000", "含有空格或看不见的字符"),
        ("https://www.example.gov.cn/?from=qr", "带有“?”或“#”及其后的部分"),
        ("https://www.example.gov.cn/#top", "带有“?”或“#”及其后的部分"),
        ("https://admin:pw@www.example.gov.cn/", "含有用户名或密码（“@”之前的部分）"),
        ("https://www.example.gov.cn:99999/", "格式不对（端口或方括号有误）"),
    ],
)
def test_what_makes_an_address_valid(text: str, reason: str | None) -> None:
    assert address_problem(text) == reason


@pytest.mark.parametrize(
    ("address", "local"),
    [
        ("http://127.0.0.1:8000/", True),
        ("http://127.8.9.10/", True),
        ("http://localhost/", True),
        ("http://LOCALHOST.:8000/", True),
        ("http://0.0.0.0:8000/", True),
        ("http://[::1]:8000/", True),
        ("http://gkml.localhost/", True),
        ("http://10.1.2.3/", False),  # an intranet server: reachable from the bureau's network
        ("https://www.example.gov.cn/", False),
        ("https://127.example.gov.cn/", False),
    ],
)
def test_local_addresses(address: str, local: bool) -> None:
    assert is_local(address) is local


def test_the_address_always_ends_with_a_slash() -> None:
    assert normalised("https://www.example.gov.cn/zjj/gkml") == "https://www.example.gov.cn/zjj/gkml/"
    assert normalised("https://www.example.gov.cn/") == "https://www.example.gov.cn/"


def test_a_local_address_is_a_note_on_trial_and_an_error_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.check.diagnostics import Diagnostic

    found: dict[str, list[Diagnostic]] = {}
    for case in ("local_trial", "local_production"):
        monkeypatch.chdir(CASES_DIR)
        found[case] = check_catalogue(Path(case, "catalogue"), git_dates=False, today=DAY)[1]
    (trial,) = [d for d in found["local_trial"] if d.code == "site-url-local"]
    (production,) = [d for d in found["local_production"] if d.code == "site-url-local"]
    assert trial.severity is Severity.INFO and production.severity is Severity.ERROR
    assert (production.line, production.column) == (8, 7)


def test_gkml_check_in_production_names_every_problem_at_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The command itself: one run, every error (not just those of _site.yaml first)."""
    monkeypatch.chdir(CASES_DIR / "production_all_in_one")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"docs_dir: {(CASES_DIR / 'production_all_in_one' / 'content').as_posix()}\n", encoding="utf-8")
    code = cli.main(["check", "catalogue", "-f", str(config)])
    out = capsys.readouterr().out
    assert code == 1
    assert "错误[site-url-missing]" in out and "错误[site-identity-missing]" in out
    assert "错误[content-placeholder]" in out


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("site_name: 目录\nsite_url: http://127.0.0.1:8000/\n", 2),
        ("site_url: 'https://www.example.gov.cn/'  # 旧的写法\n", 1),
        ("# site_url: http://127.0.0.1:8000/\nsite_url:\n", None),
        ("site_url: null\n", None),
        ("extra:\n  site_url: https://www.example.gov.cn/\n", None),
    ],
)
def test_a_site_url_left_in_mkdocs_yml_is_a_warning_with_its_line(text: str, line: int | None) -> None:
    """A county's mkdocs.yml from before: its site_url is no longer read, and gkml says where it is."""
    from generator.check.site_address import config_site_url

    found = config_site_url(text, "mkdocs.yml")
    assert [(d.code, d.severity, d.line) for d in found] == (
        [] if line is None else [("config-site-url", Severity.WARNING, line)]
    )


def test_gkml_check_names_the_site_url_left_in_mkdocs_yml(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.chdir(CASES_DIR / "subfolder")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: 目录\nsite_url: http://127.0.0.1:8000/\n", encoding="utf-8")
    cli.main(["check", "catalogue", "-f", str(config)])
    out = capsys.readouterr().out
    assert f"{config.as_posix()}:2:1: 警告[config-site-url] site_url：mkdocs.yml 中的 site_url 已不再使用" in out
