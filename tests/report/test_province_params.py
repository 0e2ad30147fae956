"""Reports in a warehouse of several provinces: the ma_tinh param (Vietnamese refusals naming the provinces),
the province filter on the marts, the national ranking (ma_tinh=all), the scheduled run's scopes.

A small hand-written marts schema on a real PostgreSQL stands in for the dbt build here (these tests are about
the report side's handling of provinces); the figures of a real two-province build are compared in
tests/report/test_report_provinces.py."""
from __future__ import annotations

import json

import pytest

from include.report.params import ReportParamError, validate_params

MARTS = """
create schema marts;
create table marts.dim_province (ma_tinh text, ten_tinh text);
create table marts.dim_period (period_code text, cutoff text, period_kind text, date_from date, date_to date,
                               label_vi text);
create table marts.dim_agency (ma_tinh text, ma_don_vi text, ma_don_vi_cha text, ten_don_vi text, cap text,
                               loai text);
create table marts.fct_public_units (cap text, total int, tu_chu int, rate numeric);
create table marts.fct_province_period (ma_tinh text, period_code text, cutoff text, ten_tinh text, received bigint,
    resolved bigint, resolved_on_time bigint, on_time_rate numeric, online_rate numeric, overdue bigint,
    par_index numeric, par_rank int);
insert into marts.dim_period values ('2020-H1', 'nd09', 'HALF', '2019-12-15', '2020-06-14', '6 tháng đầu năm 2020');
insert into marts.dim_agency values ('94', '000.00.31.H55', null, 'Sở Tư pháp', 'TINH', 'SO_NGANH'),
                                    ('95', '000.00.31.T95', null, 'Sở Tư pháp', 'TINH', 'SO_NGANH'),
                                    ('95', '000.00.32.T95', null, 'Sở Y tế', 'TINH', 'SO_NGANH');
"""
TWO_PROVINCES = "insert into marts.dim_province values ('94', 'Sóc Trăng'), ('95', 'Bạc Liêu');"


@pytest.fixture
def warehouse(fresh_function_database_url):
    from include.warehouse import connect

    conn = connect(fresh_function_database_url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(MARTS)
    yield conn
    conn.close()


def _execute(conn, sql: str) -> None:
    with conn.cursor() as cur:
        cur.execute(sql)


# --------------------------------------------------------------------------- the param, without a database
def test_ma_tinh_param_shape_is_checked_in_vietnamese(tmp_path):
    def validate(**params):
        return validate_params({"period": "2020-H1", "output_dir": str(tmp_path), **params}, output_root=tmp_path)

    assert validate().ma_tinh is None
    assert validate(ma_tinh="").ma_tinh is None
    assert validate(ma_tinh=" 95 ").ma_tinh == "95"
    assert validate(ma_tinh="all").ma_tinh == "all"
    with pytest.raises(ReportParamError, match="ma_tinh='9 4' is not a province code") as refused:
        validate(ma_tinh="9 4")
    assert refused.value.vi == "Tỉnh «9 4» không phải là mã tỉnh (ví dụ 94) hay 'all'"
    with pytest.raises(ReportParamError) as refused:
        validate(ma_tinh="94'; drop schema marts; --")
    assert refused.value.vi.startswith("Tỉnh «94'; drop schema marts; --» bị từ chối: chứa ký tự")
    with pytest.raises(ReportParamError, match="national ranking.*takes no ma_don_vi") as refused:
        validate(ma_tinh="all", ma_don_vi="000.00.31.H55")
    assert refused.value.vi == "Bảng tổng hợp các tỉnh (Tỉnh = 'all') không lập theo đơn vị: để trống Đơn vị"


# --------------------------------------------------------------------------- against the warehouse
def test_one_province_is_the_default_and_the_only_code_accepted(warehouse):
    from include.report.provinces import resolve_province

    with pytest.raises(ReportParamError) as refused:
        resolve_province(warehouse, None)
    assert refused.value.vi == "Kho dữ liệu chưa có tỉnh nào (chưa nạp và xây dựng dữ liệu)"
    _execute(warehouse, "insert into marts.dim_province values ('94', 'Sóc Trăng')")
    assert resolve_province(warehouse, None) == "94"
    assert resolve_province(warehouse, "94") == "94"
    with pytest.raises(ReportParamError) as refused:
        resolve_province(warehouse, "95")
    assert refused.value.vi == "Tỉnh «95» không có trong kho dữ liệu; kho có: 94 (Sóc Trăng)"


def test_several_provinces_require_a_known_code(warehouse):
    from include.report.provinces import resolve_province

    _execute(warehouse, TWO_PROVINCES)
    with pytest.raises(ReportParamError, match=r"ma_tinh is required: the warehouse holds 2 provinces") as refused:
        resolve_province(warehouse, None)
    assert refused.value.vi == ("Chưa chọn Tỉnh (bắt buộc khi kho có nhiều tỉnh): kho có 2 tỉnh (94 (Sóc Trăng), "
                                "95 (Bạc Liêu)); nhập mã tỉnh hoặc 'all' để lập bảng tổng hợp các tỉnh")
    assert resolve_province(warehouse, "95") == "95"
    with pytest.raises(ReportParamError, match=r"ma_tinh='96' is not a province of the warehouse") as refused:
        resolve_province(warehouse, "96")
    assert refused.value.vi == "Tỉnh «96» không có trong kho dữ liệu; kho có: 94 (Sóc Trăng), 95 (Bạc Liêu)"
    assert resolve_province(warehouse, "all") == "all"
    _execute(warehouse, "drop table marts.fct_province_period")
    with pytest.raises(ReportParamError) as refused:
        resolve_province(warehouse, "all")
    assert "chưa có bảng tổng hợp các tỉnh" in refused.value.vi


def test_a_unit_is_looked_up_in_its_province_only(warehouse):
    from include.report.params import check_unit_exists

    _execute(warehouse, TWO_PROVINCES)
    check_unit_exists(warehouse, "000.00.31.H55", "94")
    with pytest.raises(ReportParamError, match="ma_don_vi='000.00.31.H55' is not a unit"):
        check_unit_exists(warehouse, "000.00.31.H55", "95")


def test_keyed_marts_are_filtered_and_unkeyed_ones_refused_when_provinces_could_mix(warehouse):
    from include.report.provinces import ProvinceMarts

    _execute(warehouse, "insert into marts.dim_province values ('94', 'Sóc Trăng')")
    alone = ProvinceMarts(warehouse, "94")
    assert alone.where("dim_agency", "a") == "and a.ma_tinh = %(ma_tinh)s"
    assert alone.where("fct_public_units") == ""   # one province: a mart without the key cannot mix
    _execute(warehouse, "insert into marts.dim_province values ('95', 'Bạc Liêu')")
    db = ProvinceMarts(warehouse, "95")
    units = db.query(f"select ma_don_vi from marts.dim_agency where true {db.where('dim_agency')} order by 1")
    assert units == [{"ma_don_vi": "000.00.31.T95"}, {"ma_don_vi": "000.00.32.T95"}]
    assert db.where("dim_period") == ""   # shared calendar
    with pytest.raises(RuntimeError, match="marts.fct_public_units has no ma_tinh column but the warehouse "
                                           "holds several provinces"):
        db.where("fct_public_units")


def test_top_level_units_are_the_provinces_own(warehouse):
    from include.report.figures import top_level_units

    _execute(warehouse, TWO_PROVINCES)
    assert [u["ma_don_vi"] for u in top_level_units(warehouse, "95")] == ["000.00.31.T95", "000.00.32.T95"]
    assert [u["ma_don_vi"] for u in top_level_units(warehouse, "94")] == ["000.00.31.H55"]


# --------------------------------------------------------------------------- national ranking
def test_national_ranking_json_and_html(warehouse, fresh_function_database_url, tmp_path):
    from include.report.render import render_report

    _execute(warehouse, TWO_PROVINCES + """
        insert into marts.dim_province values ('96', 'Cà Mau');
        insert into marts.fct_province_period values
          ('94', '2020-H1', 'nd09', 'Sóc Trăng', 178770, 175256, 175191, 99.9629113982, 8.9054475656, 20, 82.03, 19),
          ('95', '2020-H1', 'nd09', 'Bạc Liêu', 1200, 1000, 900, 90, null, 7, 84.5, 11),
          ('96', '2020-H1', 'nd09', 'Cà Mau', 10, 0, 0, null, 10, 0, null, null),
          ('95', '2020-H1', 'calendar', 'Bạc Liêu', 1, 1, 1, 100, 0, 0, 84.5, 11);
    """)
    paths = render_report(fresh_function_database_url, "2020-H1", "nd09", output_dir=tmp_path / "all",
                          ma_tinh="all")
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == ["report.html", "report.json"]
    ranking = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert ranking["title"] == "Bảng tổng hợp các tỉnh" and ranking["scope"] == {"kind": "NATIONAL"}
    assert ranking["period"] == {"code": "2020-H1", "from": "2019-12-15", "to": "2020-06-14",
                                 "label": "6 tháng đầu năm 2020", "cutoff": "nd09"}
    assert [p["ma_tinh"] for p in ranking["provinces"]] == ["95", "94", "96"]   # by rank, unranked last
    assert ranking["provinces"][0] == {"ma_tinh": "95", "ten_tinh": "Bạc Liêu", "received": 1200, "resolved": 1000,
                                       "resolved_on_time": 900, "on_time_rate": 90, "online_rate": None,
                                       "overdue": 7, "par_index": 84.5, "par_rank": 11}
    assert ranking["totals"] == {"provinces": 3, "received": 179980, "resolved": 176256,
                                 "resolved_on_time": 176091, "overdue": 27,
                                 "on_time_rate": pytest.approx(176091 * 100 / 176256)}
    html = paths["html"].read_text(encoding="utf-8")
    assert "<h1>Bảng tổng hợp các tỉnh</h1>" in html
    assert "6 tháng đầu năm 2020 (từ 15/12/2019 đến 14/06/2020)" in html
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")
    assert ("<td>1</td><td class=\"name\">95</td><td class=\"name\">Bạc Liêu</td><td>1.200</td><td>1.000</td>"
            "<td>90%</td><td>chưa có số liệu</td><td>7</td><td>84,50%</td><td>11</td>") in rows[0]
    assert "<td>178.770</td><td>175.256</td><td>99,96%</td><td>8,91%</td><td>20</td><td>82,03%</td>" in rows[1]
    assert "Cà Mau" in rows[2] and rows[2].count("chưa có số liệu") == 3
    assert "Tổng cộng (3 tỉnh)" in html and "<td>179.980</td>" in html

    with pytest.raises(ReportParamError, match="period='2031-H1'"):
        render_report(fresh_function_database_url, "2031-H1", "nd09", output_dir=tmp_path / "x", ma_tinh="all")


# --------------------------------------------------------------------------- the DAG's tasks
def test_manual_request_resolves_the_province(warehouse, fresh_function_database_url, tmp_path, monkeypatch):
    from include.config import get_settings
    from include.report.dag_tasks import check_request, report_scopes, validate_manual_params

    narratives = tmp_path / "narratives"
    (narratives / "95").mkdir(parents=True)
    (narratives / "2020-H1.md").write_text("## ke_hoach\nSóc Trăng.\n", encoding="utf-8")
    (narratives / "95" / "2020-H1.md").write_text("## ke_hoach\nBạc Liêu.\n", encoding="utf-8")
    monkeypatch.setenv("CCHC_REPORT_ROOT", str(tmp_path))
    monkeypatch.setenv("CCHC_NARRATIVE_DIR", str(narratives))
    get_settings.cache_clear()
    try:
        _execute(warehouse, "insert into marts.dim_province values ('94', 'Sóc Trăng')")
        request = validate_manual_params({"period": "2020-H1", "output_dir": "r"})
        alone = check_request(request, fresh_function_database_url)
        assert alone["ma_tinh"] == "94" and alone["narrative_path"] == str(narratives / "2020-H1.md")

        _execute(warehouse, "insert into marts.dim_province values ('95', 'Bạc Liêu')")
        with pytest.raises(ReportParamError, match="ma_tinh is required"):
            check_request(request, fresh_function_database_url)
        chosen = check_request(validate_manual_params({"period": "2020-H1", "output_dir": "r", "ma_tinh": "95"}),
                               fresh_function_database_url)
        assert chosen["ma_tinh"] == "95" and chosen["narrative_path"] == str(narratives / "95" / "2020-H1.md")
        assert [s["unit"] for s in report_scopes({**chosen, "unit": "all"}, fresh_function_database_url)] == [
            None, "000.00.31.T95", "000.00.32.T95"]
        national = check_request(validate_manual_params({"period": "2020-H1", "output_dir": "r", "ma_tinh": "all"}),
                                 fresh_function_database_url)
        assert report_scopes(national, fresh_function_database_url) == [national]

        scheduled = {**request, "trigger": "scheduled", "ma_tinh": None}
        scopes = report_scopes(scheduled, fresh_function_database_url)
        assert [(s["ma_tinh"], s["output_dir"]) for s in scopes] == [
            ("94", str(tmp_path / "r" / "94")), ("95", str(tmp_path / "r" / "95"))]
    finally:
        get_settings.cache_clear()
