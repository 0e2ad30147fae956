"""The report through the real pipeline: sample data → ingest → dbt marts → render_report.

report.json must equal the figures read back from the marts, the shipped sample
must reproduce the golden figures (dossier counts at the test scale), and the
DOCX and HTML must state the same figures.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import docx
import pytest

from include.report import check_period_exists, collect_figures, render_report
from include.report import formatting as fmt
from include.report.figures import DOSSIER_KEYS, EVENT_KINDS, PAR_BANDS, PAR_GROUPS, QUOTA_BLOCKS, QUOTA_KINDS
from include.report.params import ReportParamError
from include.warehouse import connect

pytestmark = pytest.mark.pipeline

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NARRATIVE = PROJECT_ROOT / "include" / "report" / "narratives" / "2020-H1.md"
GOLDEN = PROJECT_ROOT / "tests" / "data" / "golden" / "soc-trang-2020-H1.json"
TEST_SCALE = float(os.environ.get("CCHC_TEST_SCALE", "0.05"))


@pytest.fixture(scope="module")
def report(pipeline_database_url, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("report-2020-H1")
    paths = render_report(pipeline_database_url, "2020-H1", "nd09", None, NARRATIVE, output_dir=out)
    return {"paths": paths, "json": json.loads(paths["json"].read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def marts(pipeline_database_url):
    conn = connect(pipeline_database_url)
    conn.set_session(readonly=True)
    yield conn
    conn.close()


def scalar_row(conn, sql: str, params=()) -> dict | None:
    with conn.cursor() as cur:
        cur.execute(sql, params)
        row = cur.fetchone()
        if row is None:
            return None
        return {column.name: value for column, value in zip(cur.description, row)}


def close(a, b) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(float(a) - float(b)) < 1e-9)


def test_period_and_province(report, marts):
    period = scalar_row(marts, "select date_from, date_to, label_vi from marts.dim_period "
                               "where period_code = '2020-H1' and cutoff = 'nd09'")
    saved = report["json"]["period"]
    assert saved["from"] == "2019-12-15" == period["date_from"].isoformat()
    assert saved["to"] == "2020-06-14" == period["date_to"].isoformat()
    assert saved["label"] == period["label_vi"] == "6 tháng đầu năm 2020"
    province = scalar_row(marts, "select ma_tinh, ten_tinh from marts.dim_province")
    assert report["json"]["province"] == province


def test_dossier_figures_equal_the_marts(report, marts):
    saved = report["json"]["dossiers"]
    where = "from marts.agg_dossier_bieu06 where period_code = '2020-H1' and cutoff = 'nd09'"
    totals = scalar_row(marts, "select " + ", ".join(f"sum({k})::bigint as {k}" for k in DOSSIER_KEYS) + " " + where)
    assert {k: saved[k] for k in DOSSIER_KEYS} == totals
    assert close(saved["on_time_rate"], 100 * totals["resolved_on_time"] / totals["resolved_total"])
    for level in ("TINH", "HUYEN", "XA"):
        row = scalar_row(marts, "select " + ", ".join(f"coalesce(sum({k}), 0)::bigint as {k}" for k in DOSSIER_KEYS)
                         + f" {where} and cap = %s", (level,))
        assert {k: saved["by_level"][level][k] for k in DOSSIER_KEYS} == row, level
        assert close(saved["by_level"][level]["online_rate"],
                     100 * row["received_online"] / row["received_new"] if row["received_new"] else None)
    # the warehouse identity holds in what the report states
    assert saved["received_total"] == saved["resolved_total"] + saved["pending_total"]


def test_catalogue_staff_and_units_equal_the_marts(report, marts):
    saved = report["json"]
    catalogue = scalar_row(marts, "select * from marts.fct_catalogue_period where period_code = '2020-H1' "
                                  "and cutoff = 'nd09'")
    proc = saved["procedures"]
    assert proc["snapshot_date"] == catalogue["snapshot_date"].isoformat()
    assert proc["in_force_by_level"] == {lvl: catalogue[f"in_force_{lvl.lower()}"] for lvl in ("TINH", "HUYEN", "XA")}
    assert proc["lien_thong"] == {k: catalogue[f"lien_thong_{k.lower()}"] for k in ("CUNG_CAP", "GIUA_CAC_CAP", "NHOM")}
    for key in ("in_force_total", "online_level_2_or_more", "online_level_3", "online_level_4", "one_stop",
                "lien_thong_total", "decisions_published", "procedures_published", "published_new",
                "published_amended", "published_abolished"):
        assert proc[key] == catalogue[key], key

    staff_row = scalar_row(marts, "select * from marts.fct_staff_period where period_code = '2020-H1' "
                                  "and cutoff = 'nd09'")
    staff = saved["staff"]
    for key in ("commune_total", "commune_can_bo", "commune_can_bo_dat_chuan", "commune_cong_chuc",
                "commune_cong_chuc_dat_chuan"):
        assert staff[key] == staff_row[key], key
    assert close(staff["commune_can_bo_rate"], staff_row["commune_can_bo_rate"])
    for block in QUOTA_BLOCKS:
        for kind in QUOTA_KINDS:
            row = scalar_row(marts, "select coalesce(sum(so_luong), 0)::bigint as n from marts.fct_staff_quota "
                                    "where nam = 2020 and khoi = %s and loai_chi_tieu = %s", (block, kind))
            assert staff["quotas"][block][kind] == row["n"], (block, kind)
    for kind in EVENT_KINDS:
        row = scalar_row(marts, "select coalesce(sum(event_count), 0)::bigint as n from "
                                "marts.fct_personnel_events_period where period_code = '2020-H1' and cutoff = 'nd09' "
                                "and loai = %s", (kind,))
        assert staff["events"][kind] == row["n"], kind
    for level in ("TINH", "HUYEN"):
        row = scalar_row(marts, "select total, tu_chu, rate from marts.fct_public_units where cap = %s", (level,))
        assert saved["public_units"][level]["total"] == row["total"]
        assert saved["public_units"][level]["tu_chu"] == row["tu_chu"]
        assert close(saved["public_units"][level]["rate"], row["rate"])


def test_indices_equal_the_marts(report, marts):
    par = report["json"]["par_index"]
    assert par["year"] == 2019  # the latest assessment year strictly before 2020
    for band in PAR_BANDS:
        for group in PAR_GROUPS:
            row = scalar_row(marts, "select count(*)::int as n from marts.fct_par_index_unit where nam = 2019 "
                                    "and xep_hang and band = %s and nhom = %s", (band, group))
            assert par["table"][band][group] == row["n"], (band, group)
    assert par["table"]["TOTAL"]["TOTAL"] == par["ranked"]
    ranking = scalar_row(marts, "select * from marts.fct_provincial_ranking where nam = 2019 and ma_tinh = %s",
                         (report["json"]["province"]["ma_tinh"],))
    assert par["province"]["xep_hang"] == ranking["xep_hang"] and par["province"]["rank_change"] == ranking["rank_change"]
    assert close(par["province"]["par_index"], ranking["par_index"])
    sipas = report["json"]["sipas"]
    year = scalar_row(marts, "select * from marts.fct_sipas_year where nam = 2019")
    assert (sipas["units_surveyed"], sipas["units_ge_80"], sipas["units_100"]) == (
        year["units_surveyed"], year["units_ge_80"], year["units_100"])
    assert close(sipas["rate"], year["rate"])


def test_sample_reproduces_the_golden_figures(report):
    """Every golden figure; dossier counts are those the generator yields at the test scale."""
    from sample_data.targets import expected_dossier_figures

    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    saved = report["json"]
    expected_dossiers = expected_dossier_figures(TEST_SCALE)
    for key in golden["dossiers"]:
        if key in expected_dossiers:
            assert saved["dossiers"][key] == expected_dossiers[key], key
    mismatches = []

    def compare(expected, actual, path):
        for key, value in expected.items():
            if isinstance(value, dict):
                compare(value, actual[key], f"{path}.{key}")
            elif isinstance(value, float):
                if round(actual[key], 2) != value:
                    mismatches.append((f"{path}.{key}", value, actual[key]))
            elif actual[key] != value:
                mismatches.append((f"{path}.{key}", value, actual[key]))

    for section in ("province", "period", "procedures", "staff", "public_units", "par_index", "sipas"):
        compare(golden[section], saved[section], section)
    assert not mismatches, mismatches


def test_docx_and_html_state_the_json_figures(report):
    saved = report["json"]
    d = saved["dossiers"]
    sentence = (f"Toàn tỉnh đã tiếp nhận {fmt.number(d['received_total'])} hồ sơ TTHC (bao gồm cả hồ sơ giải quyết "
                "theo cơ chế một cửa, một cửa liên thông; theo dịch vụ công trực tuyến), trong đó: có "
                f"{fmt.number(d['received_new'])} hồ sơ mới tiếp nhận; {fmt.number(d['carried_over'])} hồ sơ từ kỳ "
                f"trước chuyển qua. Có {fmt.number(d['resolved_total'])} hồ sơ đã giải quyết (trong đó: "
                f"{fmt.number(d['resolved_on_time'])} hồ sơ giải quyết đúng hạn; {fmt.number(d['resolved_late'])} "
                f"hồ sơ giải quyết quá hạn); {fmt.number(d['pending_total'])} hồ sơ đang giải quyết")
    document = docx.Document(str(report["paths"]["docx"]))
    text = "\n".join(p.text for p in document.paragraphs)
    html = report["paths"]["html"].read_text(encoding="utf-8")
    staff = saved["staff"]
    staff_sentence = (f"toàn tỉnh có {fmt.number(staff['commune_total'])} cán bộ, công chức cấp xã. Trong đó, số "
                      f"lượng cán bộ đạt chuẩn theo quy định là {fmt.number(staff['commune_can_bo_dat_chuan'])}/"
                      f"{fmt.number(staff['commune_can_bo'])} người, tỉ lệ đạt "
                      f"{fmt.percent(staff['commune_can_bo_rate'])}")
    for expected in (sentence, staff_sentence, "đứng vị trí 19/63 tỉnh, thành (tăng 05 bậc so với năm 2018)"):
        assert expected in text
        assert expected in html
    bieu06 = next(t for t in document.tables if len(t.columns) == 13)
    last = [cell.text for cell in bieu06.rows[-1].cells]
    assert last[1:] == ["TỔNG CỘNG", *[fmt.number(d[k]) for k in (
        "received_total", "received_online", "received_direct_postal", "carried_over", "resolved_total",
        "resolved_early", "resolved_on_due", "resolved_late", "pending_total", "pending_in_time", "pending_overdue")]]
    level_rows = {row.cells[1].text: [c.text for c in row.cells] for row in bieu06.rows[2:]}
    assert level_rows["Cấp tỉnh"][2] == fmt.number(d["by_level"]["TINH"]["received_total"])


def test_period_without_data_is_rejected_before_any_figure(pipeline_database_url, marts, tmp_path):
    with pytest.raises(ReportParamError, match=r"period='2031-H1' \(cutoff nd09\) has no data in the warehouse"):
        check_period_exists(marts, "2031-H1", "nd09")
    with pytest.raises(ReportParamError, match="has no data"):
        render_report(pipeline_database_url, "2031-H1", output_dir=tmp_path)
    assert not list(tmp_path.iterdir())


def test_other_periods_and_cutoffs_render(pipeline_database_url, marts, tmp_path):
    q2 = collect_figures(marts, "2020-Q2", "calendar")
    assert q2["period"]["from"] == "2020-04-01" and q2["period"]["to"] == "2020-06-30"
    assert q2["dossiers"]["received_total"] == q2["dossiers"]["resolved_total"] + q2["dossiers"]["pending_total"]
    paths = render_report(pipeline_database_url, "2020-Q2", "calendar", 2019, None, output_dir=tmp_path)
    document = docx.Document(str(paths["docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ CCHC TRONG QUÝ III/2020" in headings
    assert document.paragraphs[2].text.endswith("quý II năm 2020")
