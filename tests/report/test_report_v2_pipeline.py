"""Report v2 through the real pipeline (sample data → ingest → dbt → render): comparisons, units behind
late dossiers, one report per unit, bieu06.xlsx, Word footnotes (REPORT.md 'Version 2')."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from include.report import render_report
from include.report.dag_tasks import render_request, report_scopes
from include.report.figures import BIEU06_KEYS, COMPARISON_KEYS, DOSSIER_KEYS
from include.report.footnotes import footnote_ids
from include.report.params import ReportParamError
from include.report.periods import comparison_period_codes
from include.warehouse import connect

pytestmark = pytest.mark.pipeline

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NARRATIVE = PROJECT_ROOT / "include" / "report" / "narratives" / "2020-H1.md"


def render(url: str, out: Path, period: str, unit: str | None = None, narrative: Path | None = None) -> dict:
    paths = render_report(url, period, "nd09", None, narrative, output_dir=out, unit=unit)
    return {"paths": paths, "json": json.loads(paths["json"].read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def province(pipeline_database_url, tmp_path_factory) -> dict:
    return render(pipeline_database_url, tmp_path_factory.mktemp("h1"), "2020-H1", narrative=NARRATIVE)


@pytest.fixture(scope="module")
def all_units(pipeline_database_url, tmp_path_factory) -> dict[str | None, dict]:
    """UNIT=all as the DAG does it: report_scopes lists the requests, render_request renders each."""
    out = tmp_path_factory.mktemp("all")
    request = {"period_code": "2020-H1", "cutoff": "nd09", "index_year": None, "narrative_path": None,
               "output_dir": str(out), "trigger": "manual", "unit": "all"}
    reports = {}
    for scope in report_scopes(request, pipeline_database_url):
        paths = render_request(scope, pipeline_database_url)
        expected_dir = out if scope["unit"] is None else out / scope["unit"]
        assert Path(paths["json"]).parent == expected_dir
        reports[scope["unit"]] = json.loads(Path(paths["json"]).read_text(encoding="utf-8"))
    return reports


def scalar(url: str, sql: str, params=()):
    conn = connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchone()
    finally:
        conn.close()


def test_v2_keys_follow_the_contract(province):
    saved = province["json"]
    assert saved["scope"] == {"kind": "PROVINCE", "ma_don_vi": None, "ten_don_vi": None}
    d = saved["dossiers"]
    assert d["online_rate"] == pytest.approx(100 * d["received_online"] / d["received_new"], abs=1e-9)
    for level, row in d["by_level"].items():
        expected = 100 * row["received_online"] / row["received_new"] if row["received_new"] else None
        assert row["online_rate"] == (pytest.approx(expected, abs=1e-9) if expected is not None else None), level
    assert set(saved["comparison"]) == {"previous", "year_ago"}
    for row in saved["appendix"]["bieu06"]:
        if row["is_level_total"]:
            assert row["ten_linh_vuc"] is None and row["ma_linh_vuc"] is None  # a total row names no field


def test_late_units_add_up_to_late_and_overdue(province):
    saved = province["json"]
    units = saved["late_units"]
    d = saved["dossiers"]
    assert units and sum(u["resolved_late"] + u["pending_overdue"] for u in units) == \
        d["resolved_late"] + d["pending_overdue"]
    keys = [(-(u["resolved_late"] + u["pending_overdue"]), u["ma_don_vi"]) for u in units]
    assert keys == sorted(keys)
    assert all(u["resolved_late"] + u["pending_overdue"] > 0 for u in units)
    assert set(units[0]) == {"ma_don_vi", "ten_don_vi", "cap", "resolved_late", "pending_overdue", "resolved_total"}


def _comparable(report: dict) -> dict:
    return {key: report["dossiers"][key] for key in COMPARISON_KEYS}


def test_comparison_equals_the_report_of_that_period(pipeline_database_url, tmp_path):
    """2020-Q2's previous period (2020-Q1) is covered by the sample's log; it must equal 2020-Q1's own report."""
    q2 = render(pipeline_database_url, tmp_path / "q2", "2020-Q2")["json"]
    previous = q2["comparison"]["previous"]
    assert previous is not None and previous["period"]["code"] == "2020-Q1"
    q1 = render(pipeline_database_url, tmp_path / "q1", "2020-Q1")["json"]
    assert previous["dossiers"] == _comparable(q1)
    assert {previous["period"]["from"], previous["period"]["to"]} == {q1["period"]["from"], q1["period"]["to"]}
    assert set(previous["dossiers"]) == set(DOSSIER_KEYS) | {"on_time_rate", "online_rate"}


def test_a_period_the_data_does_not_cover_is_null_and_said_so(pipeline_database_url, province, tmp_path):
    first_day = scalar(pipeline_database_url, "select (min(thoi_diem_xu_ly) at time zone 'Asia/Ho_Chi_Minh')::date "
                                              "from marts.fct_dossier_status_log")[0]
    for name, code in comparison_period_codes("2020-H1").items():
        period = scalar(pipeline_database_url, "select date_from from marts.dim_period where period_code = %s "
                                               "and cutoff = 'nd09'", (code,))
        other = province["json"]["comparison"][name]
        covered = period is not None and first_day <= period[0]
        assert (other is not None) == covered, (name, code, first_day)
        if other is not None:
            again = render(pipeline_database_url, tmp_path / code, code)["json"]
            assert other["dossiers"] == _comparable(again)
        else:
            import docx

            text = "\n".join(p.text for p in docx.Document(str(province["paths"]["docx"])).paragraphs)
            assert "không có số liệu của" in text.lower()


def test_unit_reports_add_up_to_the_province(all_units, pipeline_database_url):
    province = all_units.pop(None)
    assert all_units, "no top-level unit"
    unknown = scalar(pipeline_database_url, "select " + ", ".join(
        f"coalesce(sum({key}), 0)::bigint" for key in DOSSIER_KEYS) + """
        from marts.agg_dossier_bieu06 where period_code = '2020-H1' and cutoff = 'nd09'
          and (ma_don_vi is null or ma_don_vi not in (select ma_don_vi from marts.dim_agency))""")
    for index, key in enumerate(DOSSIER_KEYS):
        assert sum(r["dossiers"][key] for r in all_units.values()) + unknown[index] == province["dossiers"][key], key
        for level in ("TINH", "HUYEN", "XA"):
            assert sum(r["dossiers"]["by_level"][level][key] for r in all_units.values()) == \
                province["dossiers"]["by_level"][level][key], (level, key)
    for code, report in all_units.items():
        assert report["scope"]["kind"] == "UNIT" and report["scope"]["ma_don_vi"] == code
        assert report["procedures"] is None and report["staff"] is None and report["public_units"] is None
        assert set(report["par_index"]) == {"year", "unit"} and set(report["sipas"]) == {"year", "unit"}
        d = report["dossiers"]
        assert sum(u["resolved_late"] + u["pending_overdue"] for u in report["late_units"]) == \
            d["resolved_late"] + d["pending_overdue"], code
        if report["comparison"]["previous"] is not None:
            assert set(report["comparison"]["previous"]["dossiers"]) == set(COMPARISON_KEYS)


def test_unit_report_is_issued_by_the_unit(pipeline_database_url, tmp_path):
    import docx

    district = scalar(pipeline_database_url, "select ma_don_vi, ten_don_vi from marts.dim_agency "
                                             "where loai = 'UBND_HUYEN' order by ma_don_vi limit 1")
    report = render(pipeline_database_url, tmp_path, "2020-H1", unit=district[0])
    document = docx.Document(str(report["paths"]["docx"]))
    header = document.tables[0].rows[0].cells[0].text
    body_name = district[1].removeprefix("UBND ").upper()
    assert "ỦY BAN NHÂN DÂN" in header and body_name in header
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"cải cách hành chính 6 tháng đầu năm 2020 của UBND {district[1].removeprefix('UBND ')}" in text
    for province_only in ("Danh mục TTHC", "công chức cấp xã", "PAR INDEX", "Quyết định công bố đối với"):
        assert province_only not in text
    assert report["json"]["scope"]["ten_don_vi"] == district[1]


def test_unknown_unit_is_refused_before_any_figure(pipeline_database_url, tmp_path):
    with pytest.raises(ReportParamError) as raised:
        render_report(pipeline_database_url, "2020-H1", "nd09", output_dir=tmp_path, unit="999.99.99.H55")
    assert "ma_don_vi='999.99.99.H55' is not a unit of agencies.csv" in str(raised.value)
    assert "\n" not in str(raised.value)
    assert not list(tmp_path.iterdir())


def test_bieu06_xlsx_totals_equal_report_json(province, tmp_path):
    saved = province["json"]["dossiers"]
    workbook = openpyxl.load_workbook(province["paths"]["xlsx"])
    sheet = workbook["Biểu 06"]
    rows = list(sheet.iter_rows(min_row=9, values_only=True))
    assert rows[-1][1] == "TỔNG CỘNG" and list(rows[-1][2:]) == [saved[key] for key in BIEU06_KEYS]
    by_unit = list(workbook["Theo đơn vị"].iter_rows(min_row=9, values_only=True))
    assert list(by_unit[-1][4:]) == [saved[key] for key in BIEU06_KEYS]
    for index, key in enumerate(BIEU06_KEYS):  # the unit rows add up to the totals row
        assert sum(row[4 + index] for row in by_unit[:-1]) == saved[key], key
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:  # it opens in LibreOffice: a headless conversion succeeds
        subprocess.run([soffice, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                        "--outdir", str(tmp_path),
                        str(province["paths"]["xlsx"])], check=True, capture_output=True, timeout=180)
        csv_text = (tmp_path / "bieu06.csv").read_text(encoding="utf-8")
        assert "TỔNG CỘNG" in csv_text


def test_docx_footnotes_all_resolve(province):
    references, notes = footnote_ids(province["paths"]["docx"])
    assert len(references) >= 25 and set(references) == set(notes) and all(notes.values())
    text = "\n".join(notes.values())
    assert "3747/QĐ-UBND" in text and "3746/QĐ-UBND" in text


def test_personnel_counts_zero_only_when_the_source_records_the_kind(province, pipeline_database_url):
    import docx

    events = province["json"]["staff"]["events"]
    recorded_before = scalar(pipeline_database_url, """
        select count(*) filter (where loai = 'TUYEN_DUNG'), count(*) filter (where loai = 'NGHI_HUU')
        from staging.stg_hr__personnel_events where ngay_hieu_luc <= '2020-06-14'""")
    # the sample's personnel system records recruitments and retirements (before the period), none inside it
    assert recorded_before[0] > 0 and recorded_before[1] > 0
    assert events["TUYEN_DUNG"] == 0 and events["NGHI_HUU"] == 0 and events["TINH_GIAN"] == 168
    text = "\n".join(p.text for p in docx.Document(str(province["paths"]["docx"])).paragraphs)
    assert "tuyển dụng 0 trường hợp" not in text and "0 trường hợp nghỉ hưu" not in text
    assert "không có trường hợp tuyển dụng; không có trường hợp nghỉ hưu" in text


def test_the_sample_covers_both_comparisons_of_2020_h1_and_not_before(province, pipeline_database_url, tmp_path):
    """The sample log starts on 03/12/2018 (sample_data/history.py): 2019-H2 and 2019-H1 are covered, 2018-H2
    (the previous period of 2019-H1) is not — it is null and the document says no data exist for it."""
    import docx

    comparison = province["json"]["comparison"]
    assert comparison["previous"]["period"]["code"] == "2019-H2"
    assert comparison["year_ago"]["period"]["code"] == "2019-H1"
    older = render(pipeline_database_url, tmp_path, "2019-H1")
    assert older["json"]["comparison"] == {"previous": None, "year_ago": None}
    text = "\n".join(p.text for p in docx.Document(str(older["paths"]["docx"])).paragraphs)
    assert "Không có số liệu của 6 tháng cuối năm 2018 để so sánh" in text
