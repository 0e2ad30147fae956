"""Command line behind the Makefile: `python -m include.cli COMMAND`.

Commands: demo, run, report, warehouse-url, airflow-env, airflow, airflow-stop, backup, restore,
init-warehouse, dbt, stop. Every failure ends with exit code 1 and one line
`error: <reason>` on stderr.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from include.config import DBT_MANIFEST, PROJECT_ROOT, get_settings

DEMO_SEED = 1
DEMO_SCALE = 1.0
DEMO_PERIOD = "2020-H1"
AIRFLOW_DB = "airflow"
RUN_DB = os.environ.get("CCHC_RUN_DB", "cchc_run")


class CliError(RuntimeError):
    """A failure to report as one line."""


# --------------------------------------------------------------------------- environments
def airflow_env(warehouse_db_url: str) -> dict[str, str]:
    """Environment for Airflow processes: project-local AIRFLOW_HOME, metadata in the embedded server."""
    from include.warehouse import airflow_connection_json, server_url, with_database

    settings = get_settings()
    metadata_url = os.environ.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN")
    if not metadata_url:
        from include.warehouse import create_database, restrict_database

        create_database(AIRFLOW_DB)
        restrict_database(AIRFLOW_DB)   # bi_reader may connect to warehouses only
        metadata_url = with_database(server_url(), AIRFLOW_DB).replace("postgresql://", "postgresql+psycopg2://", 1)
    env = dict(os.environ)
    env.update({
        "AIRFLOW_HOME": str(settings.airflow_home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_ROOT / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(PROJECT_ROOT / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__EXECUTOR": env.get("AIRFLOW__CORE__EXECUTOR", "LocalExecutor"),
        "AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT": "120",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": metadata_url,
        "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
        "AIRFLOW__COSMOS__PROPAGATE_LOGS": "False",
        "AIRFLOW_CONN_WAREHOUSE": airflow_connection_json(warehouse_db_url),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")])),
        # `airflow standalone` starts its components as `airflow …` by name: the venv must be on PATH.
        "PATH": os.pathsep.join(filter(None, [str(Path(sys.executable).parent), env.get("PATH")])),
        # One-shot CLI runs read archived exports: freshness is not checked unless asked for.
        "CCHC_FRESHNESS_ERROR_DAYS": env.get("CCHC_FRESHNESS_ERROR_DAYS", "36500"),
        "CCHC_FRESHNESS_WARN_DAYS": env.get("CCHC_FRESHNESS_WARN_DAYS", "36500"),
        # One-shot CLI runs report a failure at once instead of sleeping through retries.
        "CCHC_TASK_RETRIES": env.get("CCHC_TASK_RETRIES", "0"),
        # Long generated secrets shared by every component (Airflow's own default JWT key is 24 bytes,
        # which PyJWT warns about); kept in .data/secrets/ like the other generated secrets.
        "AIRFLOW__API_AUTH__JWT_SECRET": env.get("AIRFLOW__API_AUTH__JWT_SECRET")
        or settings.secret("airflow_jwt_secret", 48),
        "AIRFLOW__API__SECRET_KEY": env.get("AIRFLOW__API__SECRET_KEY") or settings.secret("airflow_api_secret_key", 48),
        "NO_PROXY": "*",
        "SCARF_ANALYTICS": "false",
        "DO_NOT_TRACK": "1",
    })
    return env


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def _run(cmd: list[str], env: dict[str, str], log_path: Path, what: str, progress_dag: str | None = None) -> None:
    """Run a command, its output to log_path; with progress_dag, print a line per finished task of that
    DAG's run while it runs. Raise CliError naming every failed task (and so every failed file)."""
    from datetime import datetime, timezone

    log_path.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    progress = None
    if progress_dag:
        from include.run_progress import RunProgress

        progress = RunProgress(env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"], progress_dag,
                               since=datetime.now(timezone.utc), write=lambda line: print(line, flush=True))
        progress.start()
    try:
        with open(log_path, "w", encoding="utf-8") as log:
            proc = subprocess.run(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=PROJECT_ROOT)
    finally:
        if progress is not None:
            progress.stop()
    output = log_path.read_text(encoding="utf-8", errors="replace")
    failed = proc.returncode != 0 or re.search(r"DagRun Finished: .*state=failed", output)
    if failed:
        raise CliError(f"{what} failed: {_reason(output)}\n(full log: {log_path})")
    print(f"  {what}: ok in {time.monotonic() - started:.0f} s (log: {log_path})", flush=True)


_ERROR_LINE = re.compile(
    r"((?:[A-Za-z_.]+(?:Error|Exception)|AirflowException|CalledProcessError)\b[:(].*)$")
# include.alerts logs every failed task as "task failed: {payload}"; structured logging may append
# "[logger] loc=file.py:NN" to any line, which is not part of the message.
_TASK_FAILED = re.compile(r"task failed: (\{.*\})")
_LOG_SUFFIX = re.compile(r"\s+\[[\w.]+\]\s+loc=\S+.*$")


def _failed_tasks(output: str) -> list[str]:
    """'task: error' for every task the failure callback reported, in order, without repeats."""
    import ast

    found: dict[str, str] = {}
    for match in _TASK_FAILED.finditer(output):
        try:
            payload = ast.literal_eval(match.group(1))
        except (ValueError, SyntaxError):
            continue
        task = payload.get("task_id") or "?"
        error = (payload.get("error") or "").strip()
        found[f"{task}: {error}"] = task
    return list(found)


def _reason(output: str) -> str:
    failed = _failed_tasks(output)
    if len(failed) == 1:
        return failed[0].replace("\n", "\n  ")
    if failed:
        return f"{len(failed)} tasks failed:\n" + "\n".join("  " + line.replace("\n", "\n    ") for line in failed)
    for line in reversed(output.splitlines()):
        line = _LOG_SUFFIX.sub("", line)
        match = _ERROR_LINE.search(line)
        if match and "Traceback" not in line:
            return match.group(1).strip()[:400]
    tail = [_LOG_SUFFIX.sub("", line) for line in output.splitlines() if line.strip()]
    return tail[-1][:400] if tail else "no output"


# --------------------------------------------------------------------------- steps
def ensure_manifest(env: dict[str, str] | None = None) -> Path:
    """dbt parse → dbt/target/manifest.json, which the nightly DAG renders from."""
    from include.nightly.dbt_runner import dbt_command

    dbt_command(["parse", "--quiet"], check=True)
    if not DBT_MANIFEST.exists():
        raise CliError("dbt parse wrote no manifest")
    return DBT_MANIFEST


def airflow_init(env: dict[str, str]) -> None:
    _run([_bin("airflow"), "db", "migrate"], env, get_settings().airflow_home / "cli" / "db-migrate.log",
         "airflow db migrate")


def generate_sample(landing: Path, seed: int, scale: float) -> None:
    stamp = landing / ".sample-stamp.json"
    wanted = {"seed": seed, "scale": scale, "generator": _generator_fingerprint()}
    if stamp.exists() and json.loads(stamp.read_text()) == wanted:
        print(f"  sample landing zone up to date: {landing}")
        return
    from sample_data import generate

    started = time.monotonic()
    generate(landing, seed=seed, scale=scale)
    stamp.write_text(json.dumps(wanted))
    print(f"  sample landing zone generated in {time.monotonic() - started:.0f} s: {landing}")


def _generator_fingerprint() -> str:
    import hashlib

    digest = hashlib.sha256()
    for path in sorted((PROJECT_ROOT / "sample_data").rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def run_pipeline(*, landing: Path, database: str, fresh: bool, period: str, cutoff: str,
                 reports: list[tuple[str | None, Path]], explicit_report_dir: bool = True, unit: str | None = None,
                 provinces: list[str] | None = None) -> list[Path]:
    """Load a landing zone or root (only `provinces` of a root, if given) and build it once (the nightly DAG),
    then render each report (one report DAG run each). reports: (ma_tinh, directory) pairs; ma_tinh None is
    the warehouse's only province, 'all' the national ranking (which takes no unit)."""
    from include.report.params import ALL_PROVINCES

    reports = [(ma_tinh, report_dir.resolve()) for ma_tinh, report_dir in reports]

    def root(report_dir: Path) -> Path:
        # The output dir named on the command line is trusted; the Airflow form stays confined to CCHC_REPORT_ROOT.
        return report_dir if explicit_report_dir else get_settings().cchc_report_root

    def unit_of(ma_tinh: str | None) -> str | None:
        return None if ma_tinh == ALL_PROVINCES else unit

    for ma_tinh, report_dir in reports:  # bad params fail before any warehouse work
        _validate_report_params(period, cutoff, report_dir, root(report_dir), unit_of(ma_tinh))
    env = load_and_build(landing=landing, database=database, fresh=fresh, provinces=provinces)
    paths: list[Path] = []
    for ma_tinh, report_dir in reports:
        paths += render_with_dag(env, period=period, cutoff=cutoff, report_dir=report_dir,
                                 report_root=root(report_dir), unit=unit_of(ma_tinh), ma_tinh=ma_tinh)
    return paths


def load_and_build(*, landing: Path, database: str, fresh: bool, provinces: list[str] | None = None
                   ) -> dict[str, str]:
    """One run of the nightly DAG (load + dbt) on the landing zone or root (only `provinces` of a root, if
    given) into the warehouse; returns the Airflow environment for the report DAG runs that follow."""
    from include.warehouse import create_database, ensure_roles, warehouse_url

    if not landing.is_dir():
        raise CliError(f"landing zone {landing} is not a directory")
    settings = get_settings()
    if settings.warehouse_url and fresh:
        url = _fresh_external_database(database)
    elif settings.warehouse_url:
        url = settings.warehouse_url
    else:
        url = create_database(database, drop_existing=fresh) if fresh else warehouse_url(database)
    ensure_roles(url)
    env = airflow_env(url)
    env["CCHC_LANDING_DIR"] = str(landing.resolve())
    env["CCHC_PROVINCES"] = ",".join(provinces or [])
    ensure_manifest(env)
    airflow_init(env)
    print("  DAG cchc_nightly (load + dbt) …", flush=True)
    _run([_bin("airflow"), "dags", "test", "cchc_nightly"], env, settings.airflow_home / "cli" / "cchc_nightly.log",
         "DAG cchc_nightly (load + dbt)", progress_dag="cchc_nightly")
    return env


def render_with_dag(env: dict[str, str], *, period: str, cutoff: str, report_dir: Path, report_root: Path,
                    unit: str | None, ma_tinh: str | None = None) -> list[Path]:
    """Run the cchc_report DAG once (one process) and return the report files it wrote.
    ma_tinh: the province (None: the warehouse's only one); 'all': the national ranking."""
    env = {**env, "REPORT_DIR": str(report_dir), "CCHC_REPORT_ROOT": str(report_root)}
    conf = {"period": period, "cutoff": cutoff, "output_dir": str(report_dir), "ma_don_vi": unit or None,
            "ma_tinh": ma_tinh or None}
    what = ", ".join(filter(None, [period, cutoff, ma_tinh and f"ma_tinh {ma_tinh}", unit]))
    _run([_bin("airflow"), "dags", "test", "cchc_report", "--conf", json.dumps(conf)], env,
         get_settings().airflow_home / "cli" / f"cchc_report{'-' + ma_tinh if ma_tinh else ''}.log",
         f"DAG cchc_report ({what})", progress_dag="cchc_report")
    if ma_tinh == "all":
        from include.report.national import OUTPUT_FILES
    else:
        from include.report.render import OUTPUT_FILES

    directories = [report_dir]
    if unit == "all":
        directories += sorted(path for path in report_dir.iterdir() if path.is_dir() and
                              (path / "report.json").exists())
    paths = [directory / name for directory in directories for name in OUTPUT_FILES]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise CliError(f"the report DAG succeeded but did not write {', '.join(missing)}")
    return paths


def _validate_report_params(period: str, cutoff: str, report_dir: Path, report_root: Path,
                            unit: str | None = None, ma_tinh: str | None = None) -> None:
    """Refuse bad report params before any warehouse work (the report DAG checks them again)."""
    from include.report import validate_params

    try:
        validate_params({"period": period, "cutoff": cutoff, "output_dir": str(report_dir.resolve()),
                         "ma_don_vi": unit, "ma_tinh": ma_tinh}, output_root=report_root)
    except ValueError as exc:
        raise CliError(str(exc)) from exc


def _fresh_external_database(database: str) -> str:
    """A fresh database on an external server: a new database if allowed, else emptied schemas."""
    import psycopg2

    from include.warehouse import connect, create_database

    settings = get_settings()
    try:
        return create_database(database, drop_existing=True)
    except psycopg2.Error:
        url = settings.warehouse_url
        conn = connect(url)
        with conn, conn.cursor() as cur:
            for schema in ("raw", "staging", "intermediate", "marts"):
                cur.execute(f'drop schema if exists "{schema}" cascade')
        conn.close()
        return url


# --------------------------------------------------------------------------- commands
def cmd_demo(args) -> None:
    settings = get_settings()
    landing = settings.cchc_data_dir / "landing"
    print(f"make demo: sample data (seed {args.seed}, scale {args.scale}) → nightly DAG → report {DEMO_PERIOD}")
    generate_sample(landing, args.seed, args.scale)
    paths = run_pipeline(landing=landing, database=settings.warehouse_db, fresh=False, period=DEMO_PERIOD,
                         cutoff="nd09", reports=[(None, Path(args.report_dir or settings.report_dir))],
                         explicit_report_dir=bool(args.report_dir))
    _print_paths(paths)


def _print_paths(paths: list[Path]) -> None:
    print("report files:")
    for path in paths:
        print(f"  {path}")


@dataclass(frozen=True)
class RunPlan:
    """What `make run` does: ONE load and build of the warehouse, then one report DAG run per report."""
    provinces: list[str] | None             # CCHC_PROVINCES of the nightly run; None: the whole landing dir
    reports: list[tuple[str | None, Path]]  # (ma_tinh for the report DAG: None = the only province, 'all' = the
                                            # national ranking; its directory)


def run_plan(landing: Path, province: str | None, report_dir: Path) -> RunPlan:
    """A single zone: its report in REPORT_DIR (PROVINCE=, if given, must be the zone's). A landing root: every
    province loaded into one warehouse and built once, each province's report in REPORT_DIR/<ma_tinh>/ and, with
    two or more provinces, the national ranking in REPORT_DIR/; PROVINCE= loads and reports that province only."""
    from include.ingest import IngestError
    from include.ingest.zones import find_zones, read_province
    from include.report.params import ALL_PROVINCES

    try:
        zones, is_root = find_zones(landing)
        if not is_root:
            if province is not None:
                zone = read_province(zones[0])
                if zone.ma_tinh != province:
                    raise CliError(f"PROVINCE={province}: the landing zone {landing} is province {zone.ma_tinh}")
            return RunPlan(None, [(None, report_dir)])
    except IngestError as exc:
        raise CliError(str(exc)) from exc
    codes = [zone.folder for zone in zones]
    if province is not None:
        if province not in codes:
            raise CliError(f"PROVINCE={province} is not in the landing root {landing} (it holds {', '.join(codes)})")
        return RunPlan([province], [(province, report_dir / province)])
    national = [(ALL_PROVINCES, report_dir)] if len(codes) > 1 else []
    return RunPlan(None, [(code, report_dir / code) for code in codes] + national)


def cmd_run(args) -> None:
    if not args.landing_dir or not args.period or not args.report_dir:
        raise CliError("make run needs LANDING_DIR=…, PERIOD=… and REPORT_DIR=…")
    landing = Path(args.landing_dir)
    if not landing.is_dir():
        raise CliError(f"landing zone {landing} is not a directory")
    plan = run_plan(landing, args.province, Path(args.report_dir))
    _print_paths(run_pipeline(landing=landing, database=RUN_DB, fresh=True, period=args.period, cutoff=args.cutoff,
                              reports=plan.reports, unit=args.unit or None, provinces=plan.provinces))


def cmd_report(args) -> None:
    """Render from the already-loaded demo warehouse (make demo) through the report DAG; loads nothing."""
    from include.warehouse import connect, warehouse_url

    if not args.period or not args.report_dir:
        raise CliError("make report needs PERIOD=… and REPORT_DIR=… (and a warehouse loaded by make demo)")
    report_dir = Path(args.report_dir).resolve()
    unit = args.unit or None
    _validate_report_params(args.period, args.cutoff, report_dir, report_dir, unit, args.ma_tinh or None)
    url = warehouse_url()
    conn = connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("select to_regclass('marts.agg_dossier_bieu06') is not null")
            if not cur.fetchone()[0]:
                raise CliError("the demo warehouse has no marts yet: run make demo first")
        from include.report.params import ReportParamError, check_in_warehouse

        try:  # one clear line before Airflow starts
            check_in_warehouse(conn, args.period, args.cutoff, unit, args.ma_tinh or None)
        except ReportParamError as exc:
            raise CliError(str(exc)) from exc
    finally:
        conn.close()
    started = time.monotonic()
    paths = render_with_dag(airflow_env(url), period=args.period, cutoff=args.cutoff, report_dir=report_dir,
                            report_root=report_dir, unit=unit, ma_tinh=args.ma_tinh or None)
    _print_paths(paths)
    print(f"rendered in {time.monotonic() - started:.1f} s")


def cmd_warehouse_url(args) -> None:
    """The warehouse URL: the owner's (default) or, with --role bi, the read-only bi_reader's."""
    from include.warehouse import bi_reader_url, ensure_roles, warehouse_url

    url = warehouse_url()
    if args.role == "bi":
        ensure_roles(url)
        print(bi_reader_url(url))
    else:
        print(url)


def cmd_airflow_env(args) -> None:
    from include.warehouse import warehouse_url

    env = airflow_env(warehouse_url())
    for key in sorted(env):
        if key.startswith(("AIRFLOW", "PYTHONPATH", "CCHC")):
            print(f"export {key}={shlex.quote(env[key])}")
    # so that `airflow …` typed next runs the project's venv without activating it
    print(f"export PATH={shlex.quote(str(Path(sys.executable).parent))}:\"$PATH\"")


def cmd_airflow(args) -> None:
    """The Airflow components in the foreground (include.airflow_services); Ctrl+C stops them all."""
    from include.airflow_services import run_foreground
    from include.warehouse import ensure_roles, warehouse_url

    url = warehouse_url()
    ensure_roles(url)
    env = airflow_env(url)
    for key in ("CCHC_FRESHNESS_ERROR_DAYS", "CCHC_FRESHNESS_WARN_DAYS"):
        if key not in os.environ:   # the one-shot CLI defaults do not apply to a running scheduler
            env.pop(key, None)
    env["CCHC_TASK_RETRIES"] = os.environ.get("CCHC_TASK_RETRIES", str(get_settings().cchc_task_retries))
    ensure_manifest(env)
    airflow_init(env)
    code = run_foreground(env, executor=args.executor, write=lambda line: print(line, flush=True))
    if code:
        raise SystemExit(code)


def cmd_airflow_stop(args) -> None:
    from include.airflow_services import stop_running

    stop_running(write=lambda line: print(line, flush=True))


def cmd_backup(args) -> None:
    from include.backup import BackupError, backup
    from include.warehouse import warehouse_url

    url = warehouse_url(args.database) if args.database else warehouse_url()
    try:
        path, digest = backup(url, Path(args.file) if args.file else None)
    except BackupError as exc:
        raise CliError(str(exc)) from exc
    print(f"backup written: {path} ({path.stat().st_size / 1e6:.1f} MB, sha256 {digest[:16]}…, "
          f"checksum in {path.name}.sha256)")
    print("not in the backup: .data/secrets/ (pseudonym key, passwords) — keep a copy of it separately")


def cmd_restore(args) -> None:
    from include.backup import BackupError, restore
    from include.warehouse import database_of

    if not args.file:
        raise CliError("make restore needs FILE=<backup .dump file>")
    settings = get_settings()
    database = args.database or (database_of(settings.warehouse_url) if settings.warehouse_url
                                 else settings.warehouse_db)
    try:
        restore(Path(args.file), database, replace=args.force)
    except BackupError as exc:
        raise CliError(str(exc)) from exc
    print(f"restored {args.file} into database {database} (checksum verified)")


def cmd_init_warehouse(args) -> None:
    from include.nightly.dag_tasks import prepare_warehouse
    from include.warehouse import warehouse_url

    prepare_warehouse(warehouse_url())
    print("warehouse ready: schemas raw, staging, intermediate, marts; role bi_reader")


def cmd_dbt(args) -> None:
    from include.nightly.dbt_runner import dbt_command

    raise SystemExit(dbt_command(args.dbt_args, check=False))


def cmd_stop(args) -> None:
    from include.embedded_server import stop_embedded_server

    print("embedded PostgreSQL stopped" if stop_embedded_server() else "embedded PostgreSQL was not running")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m include.cli", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="sample data → nightly DAG → report 2020-H1")
    demo.add_argument("--seed", type=int, default=DEMO_SEED)
    demo.add_argument("--scale", type=float, default=DEMO_SCALE)
    demo.add_argument("--report-dir", default=None)
    demo.set_defaults(func=cmd_demo)
    run = sub.add_parser("run", help="any landing zone → fresh warehouse → report")
    run.add_argument("--landing-dir", default=None)
    run.add_argument("--period", default=None)
    run.add_argument("--report-dir", default=None)
    run.add_argument("--cutoff", default="nd09", choices=["nd09", "calendar"])
    run.add_argument("--unit", default=None, help="ma_don_vi of one unit, or 'all' (province + top-level units)")
    run.add_argument("--province", default=None, help="only this province of a landing root (ma_tinh)")
    run.set_defaults(func=cmd_run)
    report = sub.add_parser("report", help="render from the loaded demo warehouse (no loading)")
    report.add_argument("--period", default=None)
    report.add_argument("--report-dir", default=None)
    report.add_argument("--cutoff", default="nd09", choices=["nd09", "calendar"])
    report.add_argument("--unit", default=None, help="ma_don_vi of one unit, or 'all' (province + top-level units)")
    report.add_argument("--ma-tinh", default=None,
                        help="the province (required when the warehouse holds several), or 'all' (national ranking)")
    report.set_defaults(func=cmd_report)
    url = sub.add_parser("warehouse-url", help="print the warehouse URL (starts the embedded server)")
    url.add_argument("--role", choices=["owner", "bi"], default="owner",
                     help="owner: the pipeline's URL; bi: the read-only bi_reader URL (schema bi only)")
    url.set_defaults(func=cmd_warehouse_url)
    sub.add_parser("airflow-env", help="print the Airflow environment as shell exports").set_defaults(
        func=cmd_airflow_env)
    airflow = sub.add_parser("airflow", help="the Airflow components in the foreground (Ctrl+C stops them)")
    airflow.add_argument("--executor", default=os.environ.get("EXECUTOR") or "local", choices=["local", "celery"])
    airflow.set_defaults(func=cmd_airflow)
    sub.add_parser("airflow-stop", help="stop what `make airflow` started").set_defaults(func=cmd_airflow_stop)
    backup = sub.add_parser("backup", help="pg_dump of the warehouse (custom format) with a .sha256 file")
    backup.add_argument("--file", default=None, help="default: backups/<database>-<timestamp>.dump")
    backup.add_argument("--database", default=None, help="default: the configured warehouse database")
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser("restore", help="verify a backup's checksum and restore it")
    restore.add_argument("--file", default=None)
    restore.add_argument("--database", default=None, help="default: the configured warehouse database")
    restore.add_argument("--force", action="store_true", help="replace a database that holds tables")
    restore.set_defaults(func=cmd_restore)
    sub.add_parser("init-warehouse", help="create schemas and the bi_reader role").set_defaults(
        func=cmd_init_warehouse)
    dbt = sub.add_parser("dbt", help="run dbt against the configured warehouse")
    dbt.add_argument("dbt_args", nargs=argparse.REMAINDER)
    dbt.set_defaults(func=cmd_dbt)
    sub.add_parser("stop", help="stop the embedded PostgreSQL").set_defaults(func=cmd_stop)
    args = parser.parse_args(argv)
    try:
        args.func(args)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # one line, not a traceback, for the official at the terminal
        print(f"error: {type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
