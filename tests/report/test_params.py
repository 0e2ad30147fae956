"""Report params: every bad-param class is rejected before any query, with a message saying what is wrong."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from include.report.narrative import NarrativeError, load_narrative, parse_narrative
from include.report.params import ReportParamError, validate_params
from include.report.periods import latest_cutoff_period, parse_period_code

NARRATIVE_DIR = Path(__file__).resolve().parents[2] / "include" / "report" / "narratives"


@pytest.fixture
def root(tmp_path) -> Path:
    (tmp_path / "reports").mkdir()
    return tmp_path / "reports"


def validate(root: Path, **params):
    return validate_params(params, output_root=root, default_output_dir=root / "demo", narrative_dir=NARRATIVE_DIR)


@pytest.mark.parametrize("period", ["2020-H1", "2020-H2", "2020-Q2", "2020", "2020-06", "2020-12"])
def test_valid_periods_pass(root, period):
    validated = validate(root, period=period)
    assert validated.period_code == period
    assert validated.cutoff == "nd09"
    assert validated.output_dir == (root / "demo").resolve()


def test_defaults_and_the_sample_narrative_are_found(root):
    validated = validate(root, period="2020-H1", cutoff="calendar", index_year=2019, output_dir="soc-trang")
    assert validated.cutoff == "calendar" and validated.index_year == 2019
    assert validated.output_dir == (root / "soc-trang").resolve()
    assert validated.narrative_path == NARRATIVE_DIR / "2020-H1.md"
    assert validate(root, period="2020-Q2").narrative_path is None


@pytest.mark.parametrize(("period", "words"), [
    ("2020-H3", "not a period code"), ("2020-Q5", "not a period code"), ("2020-13", "not a period code"),
    ("H1-2020", "not a period code"), ("20-H1", "not a period code"), ("2020-h1", "not a period code"),
    (None, "period is required"), ("", "period is required"),
])
def test_unknown_period_format_is_rejected(root, period, words):
    with pytest.raises(ReportParamError, match=words):
        validate(root, period=period)


def test_unknown_cutoff_and_bad_index_year_are_rejected(root):
    with pytest.raises(ReportParamError, match="cutoff='fiscal' is not a cut-off rule"):
        validate(root, period="2020-H1", cutoff="fiscal")
    with pytest.raises(ReportParamError, match="index_year='last' is not a year"):
        validate(root, period="2020-H1", index_year="last")
    with pytest.raises(ReportParamError, match="out of range"):
        validate(root, period="2020-H1", index_year=1899)


@pytest.mark.parametrize("output_dir", ["/etc", "/tmp/elsewhere", "../outside", "demo/../../x"])
def test_output_path_outside_the_root_is_rejected(root, output_dir):
    with pytest.raises(ReportParamError, match="outside the allowed report root"):
        validate(root, period="2020-H1", output_dir=output_dir)


def test_symlink_escaping_the_root_is_rejected(root, tmp_path):
    (root / "link").symlink_to(tmp_path)
    with pytest.raises(ReportParamError, match="outside the allowed report root"):
        validate(root, period="2020-H1", output_dir="link/escaped")


@pytest.mark.parametrize(("name", "value"), [
    ("period", "2020-H1'; drop table marts.dim_period; --"),
    ("period", "2020-H1\n"),
    ("period", "$(reboot)"),
    ("output_dir", "demo; rm -rf /"),
    ("output_dir", "demo`id`"),
    ("output_dir", "{{ 7*7 }}"),
    ("narrative_file", "/tmp/x.md|cat"),
    ("cutoff", "nd09' or '1'='1"),
    ("index_year", "2019; select 1"),
])
def test_injection_shaped_values_are_rejected(root, name, value):
    params = {"period": "2020-H1", name: value}
    with pytest.raises(ReportParamError, match="injection"):
        validate(root, **params)


def test_unknown_param_and_missing_narrative_file_are_rejected(root, tmp_path):
    with pytest.raises(ReportParamError, match=r"unknown parameter\(s\) \['sql'\]"):
        validate(root, period="2020-H1", sql="select 1")
    with pytest.raises(ReportParamError, match="does not exist"):
        validate(root, period="2020-H1", narrative_file=str(tmp_path / "none.md"))
    (tmp_path / "n.txt").write_text("x")
    with pytest.raises(ReportParamError, match="must be a Markdown file"):
        validate(root, period="2020-H1", narrative_file=str(tmp_path / "n.txt"))


def test_periods_and_next_quarter():
    assert parse_period_code("2020-H1").next_quarter() == (3, 2020)
    assert parse_period_code("2020").next_quarter() == (1, 2021)
    assert parse_period_code("2020-Q4").next_quarter() == (1, 2021)
    assert parse_period_code("2020-05").next_quarter() == (3, 2020)


@pytest.mark.parametrize(("today", "cutoff", "expected"), [
    (dt.date(2020, 6, 15), "nd09", "2020-H1"),
    (dt.date(2020, 6, 14), "nd09", "2019"),  # the cut-off day itself: data still arriving
    (dt.date(2020, 12, 20), "nd09", "2020"),
    (dt.date(2021, 1, 5), "nd09", "2020"),
    (dt.date(2020, 7, 1), "calendar", "2020-H1"),
    (dt.date(2020, 6, 20), "calendar", "2019"),
])
def test_latest_cutoff_period(today, cutoff, expected):
    assert latest_cutoff_period(today, cutoff) == expected


def test_sample_narrative_parses_and_fills_every_seed_section():
    narrative = load_narrative(NARRATIVE_DIR / "2020-H1.md", "2020-H1")
    assert narrative.front["nguoi_ky"] == "Trần Văn Chuyện"
    for key in ("ke_hoach", "danh_gia_chung", "nhiem_vu", "the_che", "tuyen_truyen"):
        assert narrative.slots[key], key
    assert narrative.slots["ke_hoach"][0].text.startswith("Căn cứ Quyết định số 225/QĐ-TTg")
    assert len(narrative.slots["ke_hoach"]) == 1
    # The plan's unit-count note now comes from the unit-plan register (issue 14); the narrative keeps
    # its own citations as Word footnotes: the notes "[^9]: …" … "[^12]: …" are footnotes, not paragraphs.
    cited = [p for p in narrative.slots["chi_dao_dieu_hanh"] if p.text.startswith("Các cơ quan, đơn vị, địa phương")]
    assert len(cited) == 1
    assert [run.footnote for run in cited[0].runs if run.footnote] == [
        ["Kế hoạch số 50/KH-UBND ngày 31/7/2015."], ["Kế hoạch số 117/KH-UBND ngày 30/11/2018."],
        ["Kế hoạch số 59/KH-UBND ngày 08/9/2015."], ["Kế hoạch số 48/KH-UBND ngày 04/7/2016."]]
    assert not any(p.text.startswith("[^") for p in narrative.slots["chi_dao_dieu_hanh"])
    # figures come from the warehouse, never from the narrative file
    text = (NARRATIVE_DIR / "2020-H1.md").read_text(encoding="utf-8")
    for figure in ("178.770", "1.827", "2.268", "82,03"):
        assert figure not in text


def test_narrative_errors_name_file_and_line(tmp_path):
    with pytest.raises(NarrativeError, match=r"line 3: unknown section '## ket_luan'"):
        parse_narrative("## ke_hoach\ntext\n## ket_luan\n", tmp_path / "x.md")
    with pytest.raises(NarrativeError, match="line 1: text before the first"):
        parse_narrative("stray text\n## ke_hoach\n")
    path = tmp_path / "2020-Q2.md"
    path.write_text("---\nky_bao_cao: 2020-Q2\n---\n## ke_hoach\nx\n", encoding="utf-8")
    with pytest.raises(NarrativeError, match="not for '2020-H1'"):
        load_narrative(path, "2020-H1")


def test_narrative_footnotes_resolve_or_fail_with_the_line():
    narrative = parse_narrative("## ke_hoach\nKế hoạch[^a] và[^b].\n\n[^a]: Kế hoạch số 07/KH-UBND.\n\n"
                                "[^b]: Quyết định số 1;\n\n    Quyết định số 2.\n")
    runs = narrative.slots["ke_hoach"][0].runs
    assert [r.footnote for r in runs if r.footnote] == [["Kế hoạch số 07/KH-UBND."],
                                                         ["Quyết định số 1;", "Quyết định số 2."]]
    assert narrative.slots["ke_hoach"][0].text == "Kế hoạch và."
    with pytest.raises(NarrativeError, match=r"line 2: footnote \[\^x\] is referenced but never defined"):
        parse_narrative("## ke_hoach\nText[^x].\n")
    with pytest.raises(NarrativeError, match="line 2: a footnote is written"):
        parse_narrative("## ke_hoach\n¹ Kế hoạch số 07.\n")


def test_unit_param_is_checked_before_any_query(tmp_path):
    assert validate_params({"period": "2020-H1", "output_dir": str(tmp_path), "ma_don_vi": "000.00.31.H55"},
                           output_root=tmp_path).unit == "000.00.31.H55"
    assert validate_params({"period": "2020-H1", "output_dir": str(tmp_path), "ma_don_vi": "all"},
                           output_root=tmp_path).unit == "all"
    assert validate_params({"period": "2020-H1", "output_dir": str(tmp_path), "ma_don_vi": ""},
                           output_root=tmp_path).unit is None
    with pytest.raises(ReportParamError, match="ma_don_vi='x y' is not a unit code"):
        validate_params({"period": "2020-H1", "output_dir": str(tmp_path), "ma_don_vi": "x y"}, output_root=tmp_path)
