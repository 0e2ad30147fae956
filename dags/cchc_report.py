"""
### cchc_report — render the CCHC report of a period (DOCX, HTML, JSON)

Renders *Báo cáo tình hình thực hiện công tác cải cách hành chính* for one
period from the warehouse marts (keys: `docs/report.md`) into
`report.docx` (Decree 30/2020 layout, to be finished and signed in Word),
`report.html` and `report.json`.

**Manual run** (trigger form or `airflow dags trigger cchc_report --conf '{...}'`):
always renders, with the params

| param | meaning |
|---|---|
| `period` | `2020-H1`, `2020-H2`, `2020-Q2`, `2020-06` or `2020` |
| `cutoff` | `nd09` (Decree 09/2019: 15/12–14/06, …) or `calendar` |
| `index_year` | PAR Index / SIPAS year; null = latest year before the period's end |
| `narrative_file` | Markdown narrative (plans, assessment, next tasks); null = `include/report/narratives/<period>.md` if present, else placeholders |
| `output_dir` | under `CCHC_REPORT_ROOT`; null = `REPORT_DIR` |
| `ma_don_vi` | null = the province; a unit code = that unit's report (its scope: the unit and every unit below it); `all` = the province's report into `output_dir` and each top-level unit's into `output_dir/<ma_don_vi>/` |
| `ma_tinh` | the province (`ma_tinh` of its province.csv): required when the warehouse holds several provinces, null = the only one otherwise; `all` = the national ranking "Bảng tổng hợp các tỉnh" (`report.json` + `report.html` from `marts.fct_province_period`, no unit) |

With `all`, `report_scopes` lists one render request per report and `render` is mapped over
them (dynamic task mapping): one task instance per unit, retried and logged separately.

*Kỳ báo cáo* is required: the form refuses an empty value before a run starts
(it proposes the latest half-year or year whose cut-off has passed). Other bad
params (a period code of the wrong form such as `2020-H3`, a period without
data, an unknown unit, a missing or unknown province (the message lists the warehouse's provinces), an output path outside the report root, injection-shaped
values) fail the run's first task, `validate_params` or `decide_period`, before
any figure is queried; the Vietnamese reason is the task's error (first line of
its log); such failures are not retried.

**Scheduled run**: triggered each time `cchc_nightly` publishes the Asset
`cchc_marts`. `decide_period` renders the latest H1 or year period whose
cut-off (14/06, 14/12 under nd09) has passed since the last report rendered on
schedule, into `CCHC_REPORT_ROOT/<period>-nd09/` (a warehouse of several provinces: each province's into
`CCHC_REPORT_ROOT/<period>-nd09/<ma_tinh>/`); otherwise it skips the run.
"""
from __future__ import annotations

import datetime as dt

from airflow.sdk import Param, dag, task

from include.assets import MARTS_LAYER
from include.config import get_settings
from include.dag_defaults import DEFAULT_ARGS, LOCAL_TZ, START_DATE
from include.report.periods import PERIOD_PATTERN, latest_cutoff_period


@dag(
    dag_id="cchc_report",
    schedule=[MARTS_LAYER],
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["cchc", "report"],
    doc_md=__doc__,
    params={
        # Required (a non-null type): the form marks it and refuses an empty value. Its default, the latest
        # half-year or year whose cut-off has passed, keeps scheduled runs (which ignore it) valid. The
        # format is checked by the first task, which explains a wrong code in Vietnamese (a schema
        # pattern would be refused with jsonschema's English regex message).
        "period": Param(
            latest_cutoff_period(dt.datetime.now(LOCAL_TZ).date(), "nd09"), type="string", minLength=1,
            title="Kỳ báo cáo",
            description="Bắt buộc. Mã kỳ báo cáo: 2020-H1 (6 tháng đầu năm), 2020-H2 (6 tháng cuối năm), "
                        "2020-Q2 (quý II), 2020-06 (tháng 6) hoặc 2020 (cả năm)."),
        "cutoff": Param(
            "nd09", type="string", enum=["nd09", "calendar"], title="Cách chốt số liệu",
            description="nd09: theo Nghị định số 09/2019/NĐ-CP (6 tháng đầu năm từ 15/12 năm trước đến 14/06); "
                        "calendar: theo năm dương lịch (01/01–30/06)."),
        "index_year": Param(
            None, type=["null", "integer"], minimum=2000, maximum=2100, title="Năm Chỉ số CCHC/SIPAS",
            description="Năm đánh giá Chỉ số CCHC (PAR Index) và SIPAS; để trống: năm gần nhất trước năm của kỳ "
                        "báo cáo."),
        "narrative_file": Param(
            None, type=["null", "string"], title="Tệp nội dung thuyết minh",
            description="Đường dẫn tệp Markdown (.md) chứa phần thuyết minh (kế hoạch, đánh giá chung, nhiệm vụ kỳ "
                        "tới); để trống: dùng tệp mẫu của kỳ nếu có, nếu không báo cáo để trống các phần này."),
        "output_dir": Param(
            str(get_settings().report_dir), type=["null", "string"], title="Thư mục lưu báo cáo",
            description="Thư mục ghi report.docx, report.html, report.json; phải nằm trong thư mục gốc báo cáo "
                        f"({get_settings().cchc_report_root})."),
        "ma_don_vi": Param(
            None, type=["null", "string"], pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$",
            title="Đơn vị (để trống: toàn tỉnh)",
            description="Mã đơn vị (ma_don_vi) để lập báo cáo của riêng đơn vị đó và các đơn vị trực thuộc; "
                        "để trống: báo cáo toàn tỉnh; all: báo cáo toàn tỉnh và báo cáo của từng đơn vị cấp cao "
                        "nhất, mỗi đơn vị một thư mục con."),
        # Whether it is required depends on the warehouse (several provinces or one), which the DAG file must
        # not query: decide_period refuses a missing or unknown code in Vietnamese, naming the provinces.
        "ma_tinh": Param(
            None, type=["null", "string"], title="Tỉnh (mã tỉnh)",
            description="Mã tỉnh (ma_tinh, ví dụ 94) của báo cáo. Bắt buộc khi kho dữ liệu có nhiều tỉnh; để trống "
                        "khi kho chỉ có một tỉnh (báo cáo của tỉnh đó). all: Bảng tổng hợp các tỉnh (số liệu và "
                        "xếp hạng của tất cả các tỉnh trong kỳ), không lập theo đơn vị."),
    },
)
def cchc_report():
    @task
    def validate_params(**context) -> dict | None:
        """Manual run: check the params without any query (no retry on bad params)."""
        from airflow.sdk.exceptions import AirflowFailException

        from include.report.dag_tasks import validate_manual_params
        from include.report.params import ReportParamError

        if context["dag_run"].run_type != "manual":
            return None
        try:
            return validate_manual_params(context["params"])
        except ReportParamError as exc:
            raise AirflowFailException(f"Tham số không hợp lệ: {exc.vi} (invalid report parameters: {exc})") from None

    @task.short_circuit
    def decide_period(request: dict | None, **context) -> dict | None:
        """Manual: the province, period and unit must exist in the marts. Scheduled: pick a passed cut-off, or
        skip."""
        from airflow.sdk.exceptions import AirflowFailException

        from include.report.dag_tasks import check_request, scheduled_request, warehouse_url_for_tasks
        from include.report.params import ReportParamError

        url = warehouse_url_for_tasks()
        if request is None:
            run_after = context["dag_run"].run_after
            return scheduled_request(run_after.astimezone(LOCAL_TZ).date(), url)
        try:
            return check_request(request, url)
        except ReportParamError as exc:
            raise AirflowFailException(f"Tham số không hợp lệ: {exc.vi} (invalid report parameters: {exc})") from None

    @task
    def report_scopes(request: dict) -> list[dict]:
        """One render request per report: the province, one unit, the province and every top-level unit, or
        (scheduled, several provinces) every province."""
        from include.report.dag_tasks import report_scopes as scopes, warehouse_url_for_tasks

        return scopes(request, warehouse_url_for_tasks())

    @task
    def render(request: dict) -> dict[str, str]:
        """Query the marts and write report.json, report.docx, report.html, bieu06.xlsx (ma_tinh=all: the
        national ranking's report.json and report.html)."""
        from include.report.dag_tasks import render_request, warehouse_url_for_tasks

        return render_request(request, warehouse_url_for_tasks())

    render.expand(request=report_scopes(decide_period(validate_params())))


cchc_report()
