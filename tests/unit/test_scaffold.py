"""``gkml new``: scripted and interactive creation, ids, file names, the standard pre-fill, the golden text."""

from __future__ import annotations

import builtins
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.check.record import validate_record
from generator.commands import main as cli
from generator.commands import new as new_command
from generator.edit import scaffold
from generator.load.catalogue import load_catalogue
from generator.load.yamlfile import parse_yaml, read_yaml
from generator.model import schema_files, vocab
from generator.model.records import RECORD_FIELDS, Record
from generator.model.standard import StandardItem, find_standard_item, standard_items

from .helpers import CATALOGUE, GOLDEN, formatted

MODELINE = "# yaml-language-server: $schema=../../../generator/schemas/record.schema.json"
GOLDEN_NEW = GOLDEN / "new"


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A copy of the real catalogue to write into."""
    return Path(shutil.copytree(CATALOGUE, tmp_path / "catalogue"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def load_record(catalogue: Path, rel: str) -> Record:
    """Load the whole catalogue (it must pass) and return the record of file ``rel``."""
    loaded, diagnostics = load_catalogue(catalogue, git_dates=False)
    assert loaded is not None, formatted(diagnostics)
    (record,) = [r for r in loaded.records if r.file == f"{catalogue.as_posix()}/{rel}"]
    return record


def assert_has_standard_values(record: Record, item: StandardItem) -> None:
    assert tuple((c.text, c.required) for c in record.content) == item.content
    basis = tuple(scaffold._basis_text(b) for b in item.basis) or (scaffold.BASIS_PLACEHOLDER,)
    assert tuple(b.text for b in record.basis) == basis
    assert record.time_limit == item.time_limit
    assert record.methods == item.methods
    assert tuple(c.name for c in record.channels if c.required) == item.channels_required
    assert {a.kind for a in record.audiences} == set(item.audiences)
    expected_levels = ("县级",) if "县级" in item.levels else item.levels
    assert record.levels == expected_levels


@pytest.fixture
def tty(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A person at the keyboard: append the answers ``input()`` should give, in order; prompts are recorded."""
    answers: list[str] = []
    prompts: list[str] = []

    def fake_input(prompt: str = "") -> str:
        prompts.append(prompt)
        if not answers:
            raise EOFError
        return answers.pop(0)

    monkeypatch.setattr(new_command, "_stdin_is_tty", lambda: True)
    monkeypatch.setattr(builtins, "input", fake_input)
    yield answers
    assert not answers, f"answers left over: {answers}"


# -- scripted -------------------------------------------------------------------------------------------


def test_scripted_creation_prefills_from_the_standard(catalogue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = catalogue / "保障性住房" / "配给管理"
    (folder / "公租房承租资格审核.yaml").unlink()  # so the new record takes the name and id the catalogue used
    code, out, err = run(
        capsys,
        *("new", "--catalogue", str(catalogue), "--area", "保障性住房", "--category", "配给管理"),
        *("--name", "公租房承租资格审核"),
    )
    assert (code, err) == (0, "")
    path = folder / "公租房承租资格审核.yaml"
    assert path.exists()
    assert f"已创建事项文件：{path.as_posix()}" in out
    assert "gkml check" in out and "合并请求" in out
    record = load_record(catalogue, "保障性住房/配给管理/公租房承租资格审核.yaml")
    assert record.id == "bzxzf-pjgl-gzfczzgsh"
    assert record.name == "公租房承租资格审核"
    item = find_standard_item("保障性住房", "配给管理", "公租房承租资格审核")
    assert item is not None
    assert_has_standard_values(record, item)
    assert record.subject == "示例县住房和城乡建设局（请写明具体股室）"
    (website,) = [c for c in record.channels if c.name == vocab.WEBSITE_CHANNEL]
    assert website.detail == scaffold.WEBSITE_COLUMN_PLACEHOLDER
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    assert "# 待填写：标准目录的公开主体为“市、县级人民政府住房保障行政主管部门”" in text


def test_standard_flag_alone_settles_area_category_and_name(
    catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "new", "--catalogue", str(catalogue), "--standard", "启动要件", "--yes")
    assert code == 0
    record = load_record(catalogue, "国有土地上房屋征收与补偿/征收/启动要件（2）.yaml")
    item = find_standard_item("国有土地上房屋征收与补偿", "征收", "启动要件")
    assert item is not None
    assert_has_standard_values(record, item)
    assert record.audiences[0].text == "特定群体（请写明群体）"
    assert [(c.name, c.detail) for c in record.channels] == [("其他", "请写明渠道名称")]
    assert "预填：标准目录“征收/启动要件”行" in out


def test_standard_flag_with_category_prefix_and_unknown_name(
    catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ("new", "--catalogue", str(catalogue), "--dry-run")
    code, out, _ = run(capsys, *argv, "--standard", "城镇燃气管理/燃气经营许可证核发")
    assert code == 0 and "名称: 燃气经营许可证核发" in out
    code, out, err = run(capsys, *argv, "--standard", "燃气经营许可证审批")
    assert (code, out) == (2, "")
    assert "标准目录中没有名为“燃气经营许可证审批”的事项" in err and "燃气经营许可证核发" in err


def test_ids_and_file_names_are_unique(catalogue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("new", "--catalogue", str(catalogue), "--area", "市政服务", "--category", "城镇燃气管理")
    for _ in range(2):
        assert run(capsys, *argv, "--name", "燃气经营许可证核发")[0] == 0
    folder = "市政服务/城镇燃气管理"
    first = load_record(catalogue, f"{folder}/燃气经营许可证核发（2）.yaml")
    second = load_record(catalogue, f"{folder}/燃气经营许可证核发（3）.yaml")
    assert (first.id, second.id) == ("szfw-czrqgl-rqjyxkzhf-2", "szfw-czrqgl-rqjyxkzhf-3")
    assert load_record(catalogue, f"{folder}/燃气经营许可证核发.yaml").id == "szfw-czrqgl-rqjyxkzhf"


def test_the_id_scheme_reproduces_every_id_of_the_catalogue() -> None:
    loaded, _ = load_catalogue(CATALOGUE, git_dates=False)
    assert loaded is not None
    for area in loaded.areas:
        for category in area.categories:
            for record in category.records:
                assert scaffold.make_id(area.slug, category.slug, record.name, set()) == record.id


def test_an_explicit_id_is_checked(catalogue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("new", "--catalogue", str(catalogue), "--standard", "评估结果", "--dry-run")
    code, out, _ = run(capsys, *argv, "--id", "fwzs-pg-pg-new")
    assert code == 0 and "\nid: fwzs-pg-pg-new\n" in out
    code, _, err = run(capsys, *argv, "--id", "fwzs-pg-pgjg")
    assert code == 2 and "已被其他事项使用" in err
    code, _, err = run(capsys, *argv, "--id", "Fwzs_pg")
    assert code == 2 and "格式不对" in err


def test_a_name_without_standard_row_gets_the_examples(catalogue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(
        capsys,
        *("new", "--catalogue", str(catalogue), "--area", "保障性住房", "--category", "配给管理"),
        *("--name", "人才住房配售/配租公告"),
    )
    assert code == 0
    record = load_record(catalogue, "保障性住房/配给管理/人才住房配售／配租公告.yaml")
    assert record.id == "bzxzf-pjgl-rczfpspzgg"
    assert record.name == "人才住房配售/配租公告"
    assert record.time_limit == "信息形成或者变更之日起20个工作日内"  # the example of 时限
    assert [c.name for c in record.channels] == [vocab.WEBSITE_CHANNEL]
    text = (catalogue / "保障性住房/配给管理/人才住房配售／配租公告.yaml").read_text(encoding="utf-8")
    assert "标准目录中没有与“保障性住房/配给管理/人才住房配售/配租公告”对应的事项" in text
    assert "# 待核对：这是示例值" in text


def test_a_new_category_name_creates_its_folder(catalogue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        *("new", "--catalogue", str(catalogue), "--area", "保障性住房", "--category", "租赁市场"),
        *("--name", "住房租赁企业名录"),
    )
    assert code == 0
    meta = (catalogue / "保障性住房" / "租赁市场" / "_meta.yaml").read_text(encoding="utf-8")
    assert "slug: zlsc\n顺序: 11\n" in meta
    assert "已新建栏目文件夹" in out
    record = load_record(catalogue, "保障性住房/租赁市场/住房租赁企业名录.yaml")
    assert (record.id, record.category) == ("bzxzf-zlsc-zfzlqyml", "租赁市场")


def test_dry_run_writes_nothing(catalogue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(catalogue)
    code, out, err = run(
        capsys,
        *("new", "--catalogue", str(catalogue), "--area", "保障性住房", "--category", "新栏目"),
        *("--name", "新事项", "--dry-run"),
    )
    assert code == 0
    assert files(catalogue) == before
    assert out.startswith(MODELINE + "\n")
    assert "未写入任何文件" in err
    doc, problems = parse_yaml(out.encode("utf-8"), "预览.yaml")
    assert doc is not None and problems == []
    record, problems = validate_record(doc)
    assert record is not None, formatted(problems)


def test_without_a_terminal_a_missing_value_is_an_error(catalogue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(catalogue)
    cases = {
        "--area": (),
        "--category": ("--area", "保障性住房"),
        "--name": ("--area", "保障性住房", "--category", "配给管理"),
    }
    for flag, given in cases.items():
        code, out, err = run(capsys, "new", "--catalogue", str(catalogue), *given)
        assert (code, out) == (2, "")
        assert err.startswith("错误：缺少") and flag in err
    assert files(catalogue) == before


def test_yes_never_asks(catalogue: Path, capsys: pytest.CaptureFixture[str], tty: list[str]) -> None:
    code, _, err = run(capsys, "new", "--catalogue", str(catalogue), "--area", "保障性住房", "--yes")
    assert code == 2 and "--category" in err


def test_bad_input_is_reported(catalogue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "new", "--catalogue", str(catalogue), "--area", "住房公积金", "--yes")
    assert code == 2 and "目录中没有领域“住房公积金”" in err and "保障性住房" in err
    code, _, err = run(capsys, "new", "--catalogue", str(catalogue / "nope"), "--yes")
    assert code == 2 and "找不到目录文件夹" in err


# -- interactive ------------------------------------------------------------------------------------------


def test_interactive_choices_by_number(catalogue: Path, capsys: pytest.CaptureFixture[str], tty: list[str]) -> None:
    tty += ["1", "5", "2", ""]  # 保障性住房, 配给管理, the second standard row, confirm
    code, out, _ = run(capsys, "new", "--catalogue", str(catalogue))
    assert code == 0
    assert "  1. 保障性住房\n" in out and "  5. 配给管理\n" in out
    assert "  2. 选房或摇号公告（目录中已有）\n" in out
    assert "即将创建：" in out and "本栏目中已有同名事项" in out
    record = load_record(catalogue, "保障性住房/配给管理/选房或摇号公告（2）.yaml")
    assert record.id == "bzxzf-pjgl-xfhyhgg-2"
    item = find_standard_item("保障性住房", "配给管理", "选房或摇号公告")
    assert item is not None
    assert_has_standard_values(record, item)


def test_interactive_names_new_values_and_retries(
    catalogue: Path, capsys: pytest.CaptureFixture[str], tty: list[str]
) -> None:
    tty += ["9", "市政服务", "城市照明", "路灯设施维护", "是"]
    code, out, _ = run(capsys, "new", "--catalogue", str(catalogue))
    assert code == 0
    assert "无效的选择：请输入 1–5 之间的编号，或列出的名称。" in out
    record = load_record(catalogue, "市政服务/城市照明/路灯设施维护.yaml")
    assert record.id == "szfw-cszm-ldsswh"
    assert (catalogue / "市政服务" / "城市照明" / "_meta.yaml").exists()


def test_interactive_offers_standard_categories_not_in_the_catalogue(
    catalogue: Path, capsys: pytest.CaptureFixture[str], tty: list[str]
) -> None:
    shutil.rmtree(catalogue / "保障性住房" / "评价结果")
    tty += ["保障性住房", "10", "1", "y"]  # 评价结果 is offered again after the 9 existing categories
    code, out, _ = run(capsys, "new", "--catalogue", str(catalogue))
    assert code == 0
    assert "  10. 评价结果（标准目录中的一级事项，将新建栏目）\n" in out
    record = load_record(catalogue, "保障性住房/评价结果/评价结果.yaml")
    assert record.id == "bzxzf-pjjg-pjjg"
    assert [b.title for b in record.basis] == [scaffold.BASIS_PLACEHOLDER]  # the row lists no basis


def test_interactive_answer_no_or_end_of_input_writes_nothing(
    catalogue: Path, capsys: pytest.CaptureFixture[str], tty: list[str]
) -> None:
    before = files(catalogue)
    tty += ["1", "1", "1", "n"]
    assert run(capsys, "new", "--catalogue", str(catalogue))[0] == 1
    tty += ["1"]  # then the input ends
    code, _, err = run(capsys, "new", "--catalogue", str(catalogue))
    assert code == 1 and "已取消" in err
    assert files(catalogue) == before


# -- the record text ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("item", standard_items(), ids=lambda i: f"{i.area}/{i.level1}/{i.level2}")
def test_every_standard_row_renders_a_valid_record(item: StandardItem) -> None:
    text = scaffold.render_record(
        "x-y-z", item.level2, bureau="示例县住房和城乡建设局", area=item.area, category=item.level1, standard=item
    )
    doc, problems = parse_yaml(text.encode("utf-8"), "t.yaml")
    assert doc is not None, formatted(problems)
    record, more = validate_record(doc)
    # valid; what the editor must still write is reported as a placeholder (an error in 正式), nothing else
    assert record is not None and [d for d in problems + more if d.code != "record-placeholder"] == [], formatted(
        problems + more
    )
    assert "主体" in {d.element for d in more}
    assert_has_standard_values(record, item)
    keys = [line.split(":")[0] for line in text.splitlines() if line and not line.startswith(("#", " "))]
    assert keys == [f.key for f in RECORD_FIELDS if f.key in keys]
    if not item.verified:
        assert "【重构】" in text and "不是官方文本" in text


def test_uncommenting_the_optional_channels_keeps_the_record_valid() -> None:
    item = find_standard_item("保障性住房", "配给管理", "公租房承租资格审核")
    assert item is not None
    text = scaffold.render_record(
        "x-y", item.level2, bureau="示例县", area=item.area, category="配给管理", standard=item
    )
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "以下是标准目录列出的可选渠道" in line) + 1
    uncommented = [
        line.replace("  # ", "  ", 1) if i >= start and line.startswith("  # ") else line
        for i, line in enumerate(lines)
    ]
    doc, _ = parse_yaml("\n".join(uncommented).encode("utf-8"), "t.yaml")
    assert doc is not None
    record, problems = validate_record(doc)
    assert record is not None, formatted(problems)
    assert [c.name for c in record.channels] == list(vocab.CHANNELS)


def test_modeline_is_the_schema_modules() -> None:
    assert scaffold.RECORD_MODELINE == schema_files.RECORD_MODELINE == MODELINE


def test_file_names_are_safe() -> None:
    assert scaffold.file_stem("征收/补偿: 一*二?") == "征收／补偿： 一＊二？"
    assert scaffold.file_stem("_隐藏") == "隐藏"
    assert scaffold.file_stem("  ") == "新事项"
    assert len(scaffold.file_stem("长" * 200)) == 70


def test_golden_text_of_a_reconstructed_row(
    catalogue: Path, capsys: pytest.CaptureFixture[str], update_goldens: bool
) -> None:
    folder = catalogue / "国有土地上房屋征收与补偿" / "征收"
    (folder / "补偿方案征求意见.yaml").unlink()
    code, _, _ = run(capsys, "new", "--catalogue", str(catalogue), "--standard", "补偿方案征求意见", "--yes")
    assert code == 0
    written = (folder / "补偿方案征求意见.yaml").read_bytes()
    golden = GOLDEN_NEW / "补偿方案征求意见.yaml"
    if update_goldens:
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(written)
    assert written == golden.read_bytes(), "the text differs; if intended run: pytest tests/unit --update-goldens"
    doc, _ = read_yaml(golden)
    assert doc is not None and validate_record(doc)[0] is not None
