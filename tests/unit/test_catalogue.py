"""Loading whole catalogue folders: ``tests/fixtures/trees/<case>/`` against ``<case>.expected``.

Paths in the expectations are shown relative to ``tests/fixtures/trees`` (the loader is
run from there with ``--catalogue <case>``, as an editor would run ``gkml check``).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from generator.check.diagnostics import has_errors
from generator.check.severity import Severity
from generator.load.catalogue import load_catalogue
from generator.load.gitdates import last_change_dates
from generator.model.records import Catalogue

from .helpers import RECORDS, TREES, formatted, load_tree, read_expected, write_tree

#: Every tree (not the cache gkml keeps beside partial.mkdocs.yml when test_cli checks with it).
TREE_CASES = sorted(p.name for p in TREES.iterdir() if p.is_dir() and not p.name.startswith("."))


def test_every_tree_has_an_expectation_and_back() -> None:
    expectations = sorted(p.stem for p in TREES.glob("*.expected"))
    assert expectations == TREE_CASES


@pytest.mark.parametrize("case", TREE_CASES)
def test_tree_diagnostics(case: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    catalogue, diagnostics = load_tree(case, monkeypatch, tmp_path)
    assert formatted(diagnostics) == read_expected(TREES / f"{case}.expected")
    assert (catalogue is None) == has_errors(diagnostics)


def test_duplicate_id_is_reported_at_the_second_files_id_line(monkeypatch: pytest.MonkeyPatch) -> None:
    _, diagnostics = load_tree("duplicate_id", monkeypatch)
    (d,) = diagnostics
    first = "duplicate_id/保障性住房/配后管理/公租房资格复核.yaml"  # read first: 配后 sorts before 配给
    assert d.code == "duplicate-id"
    assert d.file == "duplicate_id/保障性住房/配给管理/公租房承租资格审核.yaml"
    assert (d.line, d.column) == (1, 5)
    assert first in d.message


def test_every_problem_is_reported_in_one_run(monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue, diagnostics = load_tree("two_bad_files", monkeypatch)
    assert catalogue is None
    assert {(Path(d.file).name, d.code) for d in diagnostics} == {
        ("公租房承租资格审核.yaml", "missing-field"),
        ("公租房资格复核.yaml", "yaml-tab"),
    }


def test_record_outside_category_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beside the areas, directly in an area, and below a category: all refused, none read."""
    _, diagnostics = load_tree("record_outside_category", monkeypatch)
    assert {d.code for d in diagnostics} == {"record-outside-category"}
    assert len(diagnostics) == 3


def test_missing_site_file(monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue, diagnostics = load_tree("site_missing", monkeypatch)
    assert catalogue is None
    assert [(d.code, d.file) for d in diagnostics] == [("site-missing", "site_missing/_site.yaml")]


def test_empty_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue, diagnostics = load_tree("empty", monkeypatch)
    assert catalogue is None
    assert [d.code for d in diagnostics] == ["catalogue-empty"]


def test_empty_catalogue_with_only_folders(tmp_path: Path) -> None:
    write_tree(tmp_path, {"_site.yaml": "单位名称: 示例县住房和城乡建设局\n"})
    (tmp_path / "保障性住房" / "配给管理").mkdir(parents=True)
    catalogue, diagnostics = load_catalogue(tmp_path, git_dates=False)
    assert catalogue is None
    assert [d.code for d in diagnostics] == ["column-empty"]  # the blank column says more than “empty”


def test_bad_slug_falls_back_to_pinyin_initials(monkeypatch: pytest.MonkeyPatch) -> None:
    _, diagnostics = load_tree("slug_bad", monkeypatch)
    (d,) = diagnostics
    assert (d.code, d.file, d.line, d.column, d.element) == (
        "slug-format",
        "slug_bad/保障性住房/_meta.yaml",
        2,
        7,
        "slug",
    )


@pytest.mark.parametrize("path", ["no_such_folder", "golden_site.expected"])
def test_catalogue_folder_missing(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue, diagnostics = load_tree(path, monkeypatch)
    assert catalogue is None
    assert [(d.code, d.file) for d in diagnostics] == [("catalogue-missing", path)]
    assert path in diagnostics[0].message


def test_variant_only_catalogue_loads_with_its_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue, diagnostics = load_tree("variant_only", monkeypatch)
    assert catalogue is not None
    assert [d.severity for d in diagnostics] == [Severity.INFO]
    assert catalogue.records[0].methods == ("依申请",)


# -- the assembled catalogue --------------------------------------------------------------


def test_golden_site_structure(golden_catalogue: Catalogue) -> None:
    c = golden_catalogue
    assert [(a.title, a.slug, a.order) for a in c.areas] == [("保障性住房", "bzxzf", 1), ("市政服务", "szfw", 2)]
    housing, municipal = c.areas
    assert [(k.title, k.slug, k.order) for k in housing.categories] == [
        ("办事指南", "bszn", 1),
        ("配给管理", "pjgl", 2),
    ]
    # no _meta.yaml: title from the folder, slug from its pinyin initials, order last
    assert [(k.title, k.slug, k.order) for k in municipal.categories] == [("燃气经营许可", "rqjyxk", 1000)]
    assert housing.description == "公租房、保障性租赁住房的政策、配租和管理信息。"
    assert housing.categories[1].description == "公租房配租、资格审核等信息。"


def test_records_sorted_by_order_then_file_name(golden_catalogue: Catalogue) -> None:
    allocation = golden_catalogue.areas[0].categories[1]
    assert [(r.id, r.order) for r in allocation.records] == [("bzxzf-pjgl-zgsh", 1), ("bzxzf-pjgl-pzjg", None)]
    assert allocation.updated == "2024-05-20"


def test_records_know_where_they_are(golden_catalogue: Catalogue) -> None:
    record = golden_catalogue.areas[0].categories[1].records[0]
    assert (record.area, record.category) == ("保障性住房", "配给管理")
    assert record.file == (TREES / "golden_site" / "保障性住房/配给管理/公租房承租资格审核.yaml").as_posix()


def test_site_settings(golden_catalogue: Catalogue) -> None:
    site = golden_catalogue.site
    assert site.bureau == "示例县住房和城乡建设局"
    assert site.title == "示例县住房和城乡建设局政务公开标准目录"
    assert site.site_code == "0000000001"  # quoted in YAML, and never a number anyway
    assert site.police == "示公网安备00000000000001号"


def test_site_title_defaults_to_bureau(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "_site.yaml": "单位名称: 示例县住房和城乡建设局\n",
            "保障性住房/配给管理/a.yaml": (RECORDS / "valid_minimal.yaml").read_text(encoding="utf-8"),
        },
    )
    catalogue, diagnostics = load_catalogue(tmp_path, git_dates=False)
    assert diagnostics == []
    assert catalogue is not None
    assert catalogue.site.title == "示例县住房和城乡建设局政务公开标准目录"


def test_recent_is_newest_first_and_skips_undated(golden_catalogue: Catalogue) -> None:
    assert [(r.id, r.updated) for r in golden_catalogue.recent()] == [
        ("bzxzf-pjgl-pzjg", "2024-05-20"),
        ("bzxzf-pjgl-zgsh", "2024-03-05"),
        ("bzxzf-bszn-gzfsq", "2024-01-15"),
    ]
    assert len(golden_catalogue.recent(limit=1)) == 1


def test_yml_suffix_is_read_and_underscore_files_are_not(tmp_path: Path, valid_minimal: str) -> None:
    write_tree(
        tmp_path,
        {
            "_site.yaml": "单位名称: 示例县住房和城乡建设局\n",
            "保障性住房/配给管理/a.yml": valid_minimal,
            "保障性住房/配给管理/_draft.yaml": "not: [valid",
        },
    )
    catalogue, diagnostics = load_catalogue(tmp_path, git_dates=False)
    assert diagnostics == []
    assert catalogue is not None
    assert [r.id for r in catalogue.records] == ["bzxzf-pjgl-gzfzgsh"]


def test_meta_order_zero_sorts_first(tmp_path: Path, valid_minimal: str) -> None:
    write_tree(
        tmp_path,
        {
            "_site.yaml": "单位名称: 示例县住房和城乡建设局\n",
            "甲/_meta.yaml": "顺序: 1\n",
            "甲/配给管理/a.yaml": valid_minimal,
            "乙/_meta.yaml": "顺序: 0\n",
            "乙/配给管理/b.yaml": valid_minimal.replace("id: bzxzf-pjgl-gzfzgsh", "id: other"),
        },
    )
    catalogue, diagnostics = load_catalogue(tmp_path, git_dates=False)
    assert catalogue is not None, formatted(diagnostics)
    assert [(a.title, a.order) for a in catalogue.areas] == [("乙", 0), ("甲", 1)]


def test_slug_duplicate_points_at_an_existing_file(
    tmp_path: Path, valid_minimal: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(
        tmp_path,
        {
            "_site.yaml": "单位名称: 示例县住房和城乡建设局\n",
            "a/_meta.yaml": "标题: 保障性住房\nslug: bzxzf\n",
            "a/配给管理/a.yaml": valid_minimal,
            "b/_meta.yaml": "标题: 保障性租赁住房\nslug: bzxzf\n",
            "b/配给管理/b.yaml": valid_minimal.replace("id: bzxzf-pjgl-gzfzgsh", "id: other"),
        },
    )
    monkeypatch.chdir(tmp_path)
    _, diagnostics = load_catalogue(Path("."), git_dates=False)
    (d,) = [d for d in diagnostics if d.code == "slug-duplicate"]
    assert Path(d.file).is_file(), d.format()
    assert d.line == 2


# -- dates from git -----------------------------------------------------------------------


def _git(cwd: Path, *args: str, date: str = "2024-06-01T12:00:00+08:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env=env,
    )


def test_git_dates_fill_records_without_update_date(tmp_path: Path, valid_minimal: str) -> None:
    repo = tmp_path / "repo"
    folder = write_tree(
        repo / "catalogue",
        {
            "_site.yaml": "单位名称: 示例县住房和城乡建设局\n",
            "保障性住房/配给管理/a.yaml": valid_minimal,
            "保障性住房/配给管理/b.yaml": valid_minimal.replace("id: bzxzf-pjgl-gzfzgsh", "id: dated")
            + "更新日期: 2023-01-02\n",
        },
    )
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "one", date="2024-06-01T12:00:00+08:00")
    (folder / "保障性住房/配给管理/a.yaml").write_text(valid_minimal + "备注: 改过。\n", encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "two", date="2024-07-09T12:00:00+08:00")

    dates = last_change_dates(folder)
    assert dates["保障性住房/配给管理/a.yaml"] == "2024-07-09"
    assert dates["保障性住房/配给管理/b.yaml"] == "2024-06-01"
    catalogue, _ = load_catalogue(folder)
    assert catalogue is not None
    assert {r.id: r.updated for r in catalogue.records} == {"bzxzf-pjgl-gzfzgsh": "2024-07-09", "dated": "2023-01-02"}


def test_git_dates_outside_a_repository_are_unknown(tmp_path: Path) -> None:
    assert last_change_dates(tmp_path) == {}
