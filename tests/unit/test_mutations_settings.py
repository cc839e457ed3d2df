"""Never a traceback: the settings files, ``_site.yaml`` and ``_meta.yaml``, mutated the way editors break them.

Each example starts from the example catalogue's own settings (the site, or an area's or a
column's ``_meta.yaml``), changes its data (a key deleted or written twice, a value of any
type, random Unicode in a value, an unknown key) or its text (a random line inserted) and
loads a small catalogue with it: every problem must be a Chinese diagnostic with a hint,
located inside the file it is about, and the catalogue refused exactly when one is an error.
(The mutations of item files are in test_mutations.py.)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check.diagnostics import has_errors
from generator.load.catalogue import load_catalogue
from generator.model.records import META_FIELDS, SITE_FIELDS

from .helpers import CATALOGUE, HAN, RECORDS, write_tree

SITE_FILE = CATALOGUE / "_site.yaml"
META_FILES = sorted([*CATALOGUE.glob("*/_meta.yaml"), *CATALOGUE.glob("*/*/_meta.yaml")])
RECORD = (RECORDS / "valid_minimal.yaml").read_text(encoding="utf-8")
SITE_KEYS = [f.key for f in SITE_FIELDS]
META_KEYS = [f.key for f in META_FIELDS]
#: Where the settings files stand in the small catalogue each example loads.
SITE_AT, AREA_META_AT, COLUMN_META_AT = "_site.yaml", "保障性住房/_meta.yaml", "保障性住房/配给管理/_meta.yaml"

fuzz = settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(max_size=30),
        st.sampled_from(
            [
                "",
                "正式",
                "试运行",
                "1234000001",
                "１２３４０００００１",
                "search",
                "table",
                "con",
                "/\t/evil.example/",
                "javascript:alert(1)",
                "https://zfwzzc.www.gov.cn/",
                "\u202e",
                "\u200b",
                "13800138000",
            ]
        ),
    ),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
#: Which settings file an example changes: the site's, an area's or a column's.
which = st.sampled_from([SITE_AT, AREA_META_AT, COLUMN_META_AT])


def original(at: str, index: int) -> dict[str, object]:
    """The example catalogue's settings for the file at ``at`` (a meta file picked by ``index``)."""
    path = SITE_FILE if at == SITE_AT else META_FILES[index % len(META_FILES)]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def dump(data: object) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def keys_of(at: str) -> list[str]:
    return SITE_KEYS if at == SITE_AT else META_KEYS


def assert_answered(at: str, raw: bytes) -> None:
    """Load a small catalogue whose file ``at`` holds ``raw``: located Chinese diagnostics, never a traceback."""
    files: dict[str, str | bytes] = {
        SITE_AT: SITE_FILE.read_bytes(),
        "保障性住房/配给管理/公租房承租资格审核.yaml": RECORD,
        at: raw,
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = write_tree(Path(tmp), files)
        catalogue, diagnostics = load_catalogue(root, git_dates=False)
        shown = root.as_posix() + "/"
        lines = {rel: (content.count(b"\n") + 1 if isinstance(content, bytes) else 0) for rel, content in files.items()}
        for d in diagnostics:
            assert d.file.startswith(shown), d
            rel = d.file.removeprefix(shown)
            assert 1 <= d.line and d.column >= 1, d
            if lines.get(rel):
                assert d.line <= lines[rel], d
            assert HAN.search(d.message) and HAN.search(d.hint), d
    assert (catalogue is None) == has_errors(diagnostics)


@fuzz
@given(which, st.integers(0, 1000), st.data())
def test_a_deleted_setting(at: str, index: int, data: st.DataObject) -> None:
    settings_data = original(at, index)
    settings_data.pop(data.draw(st.sampled_from(keys_of(at))), None)
    assert_answered(at, dump(settings_data))


@fuzz
@given(which, st.integers(0, 1000), st.data())
def test_a_setting_written_twice(at: str, index: int, data: st.DataObject) -> None:
    raw = dump(original(at, index))
    key = data.draw(st.sampled_from(keys_of(at)))
    line = next((ln for ln in raw.decode().splitlines() if ln.startswith(f"{key}:")), f"{key}: x")
    assert_answered(at, raw + (line + "\n").encode())


@fuzz
@given(which, st.integers(0, 1000), st.data(), values)
def test_a_setting_of_any_type(at: str, index: int, data: st.DataObject, value: object) -> None:
    settings_data = original(at, index)
    settings_data[data.draw(st.sampled_from(keys_of(at)))] = value
    assert_answered(at, dump(settings_data))


@fuzz
@given(which, st.integers(0, 1000), st.data(), st.text(min_size=1, max_size=50))
def test_random_unicode_in_a_setting(at: str, index: int, data: st.DataObject, text: str) -> None:
    settings_data = original(at, index)
    settings_data[data.draw(st.sampled_from(keys_of(at)))] = text
    assert_answered(at, dump(settings_data))


@fuzz
@given(which, st.integers(0, 1000), st.text(min_size=1, max_size=12), values)
def test_an_unknown_setting(at: str, index: int, key: str, value: object) -> None:
    settings_data = original(at, index)
    settings_data[key] = value
    assert_answered(at, dump(settings_data))


@fuzz
@given(which, st.integers(0, 1000), st.integers(0, 20), st.text(max_size=60))
def test_a_random_line_in_a_settings_file(at: str, index: int, line: int, text: str) -> None:
    lines = dump(original(at, index)).decode("utf-8").splitlines(keepends=True)
    lines.insert(min(line, len(lines)), text + "\n")
    assert_answered(at, "".join(lines).encode("utf-8", "surrogatepass"))


def test_a_site_in_production_with_every_identifier_broken() -> None:
    site = original(SITE_AT, 0) | {
        "状态": "正式",
        "网站标识码": "１２３４",
        "找错网址": "/\t/evil.example/",
        "党政机关标识网址": "javascript:alert(1)",
    }
    assert_answered(SITE_AT, dump(site))
