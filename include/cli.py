"""Command line behind the Makefile: `python -m include.cli COMMAND`.

Commands: demo, run, report, warehouse-url, airflow-env, airflow-init, airflow,
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
from pathlib import Path

from include.config import PROJECT_ROOT, get_settings

DEMO_SEED = 1
DEMO_SCALE = 1.0
DEMO_PERIOD = "2020-H1"
AIRFLOW_DB = "airflow"
DEMO_DB = "cchc_demo"
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
        from include.warehouse import create_database

        create_database(AIRFLOW_DB)
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
        "NO_PROXY": "*",
        "SCARF_ANALYTICS": "false",
        "DO_NOT_TRACK": "1",
    })
    return env


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def _run(cmd: list[str], env: dict[str, str], log_path: Path, what: str) -> None:
    """Run a command, its output to log_path; raise CliError with the most telling line."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.run(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=PROJECT_ROOT)
    output = log_path.read_text(encoding="utf-8", errors="replace")
    failed = proc.returncode != 0 or re.search(r"DagRun Finished: .*state=failed", output)
    if failed:
        raise CliError(f"{what} failed: {_reason(output)} (full log: {log_path})")
    print(f"  {what}: ok in {time.monotonic() - started:.0f} s (log: {log_path})", flush=True)


_ERROR_LINE = re.compile(
    r"((?:[A-Za-z_.]+(?:Error|Exception)|AirflowException|CalledProcessError)\b[:(].*)$")


def _reason(output: str) -> str:
    for line in reversed(output.splitlines()):
        match = _ERROR_LINE.search(line)
        if match and "Traceback" not in line:
            return match.group(1).strip()[:400]
    tail = [line for line in output.splitlines() if line.strip()]
    return tail[-1][:400] if tail else "no output"


# --------------------------------------------------------------------------- steps
def ensure_manifest(env: dict[str, str] | None = None) -> Path:
    """dbt parse → dbt/target/manifest.json, which the nightly DAG renders from."""
    from include.nightly.dbt_runner import dbt_command

    manifest = PROJECT_ROOT / "dbt" / "target" / "manifest.json"
    dbt_command(["parse", "--quiet"], check=True)
    if not manifest.exists():
        raise CliError("dbt parse wrote no manifest")
    return manifest


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
                 report_dir: Path, explicit_report_dir: bool = True, unit: str | None = None) -> list[Path]:
    from include.warehouse import create_database, ensure_roles, warehouse_url

    if not landing.is_dir():
        raise CliError(f"landing zone {landing} is not a directory")
    settings = get_settings()
    report_dir = report_dir.resolve()
    # The output dir named on the command line is trusted; the Airflow form stays confined to CCHC_REPORT_ROOT.
    report_root = report_dir if explicit_report_dir else settings.cchc_report_root
    _validate_report_params(period, cutoff, report_dir, report_root, unit)
    if settings.warehouse_url and fresh:
        url = _fresh_external_database(database)
    elif settings.warehouse_url:
        url = settings.warehouse_url
    else:
        url = create_database(database, drop_existing=fresh) if fresh else warehouse_url(database)
    ensure_roles(url)
    env = airflow_env(url)
    env["CCHC_LANDING_DIR"] = str(landing.resolve())
    ensure_manifest(env)
    airflow_init(env)
    _run([_bin("airflow"), "dags", "test", "cchc_nightly"], env, settings.airflow_home / "cli" / "cchc_nightly.log",
         "DAG cchc_nightly (load + dbt)")
    return render_with_dag(env, period=period, cutoff=cutoff, report_dir=report_dir, report_root=report_root,
                           unit=unit)


def render_with_dag(env: dict[str, str], *, period: str, cutoff: str, report_dir: Path, report_root: Path,
                    unit: str | None) -> list[Path]:
    """Run the cchc_report DAG once (one process) and return the report files it wrote."""
    env = {**env, "REPORT_DIR": str(report_dir), "CCHC_REPORT_ROOT": str(report_root)}
    conf = {"period": period, "cutoff": cutoff, "output_dir": str(report_dir), "ma_don_vi": unit or None}
    _run([_bin("airflow"), "dags", "test", "cchc_report", "--conf", json.dumps(conf)], env,
         get_settings().airflow_home / "cli" / "cchc_report.log",
         f"DAG cchc_report ({period}, {cutoff}{', ' + unit if unit else ''})")
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
                            unit: str | None = None) -> None:
    """Refuse bad report params before any warehouse work (the report DAG checks them again)."""
    from include.report import validate_params

    try:
        validate_params({"period": period, "cutoff": cutoff, "output_dir": str(report_dir.resolve()),
                         "ma_don_vi": unit}, output_root=report_root)
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
                         cutoff="nd09", report_dir=Path(args.report_dir or settings.report_dir),
                         explicit_report_dir=bool(args.report_dir))
    _print_paths(paths)


def _print_paths(paths: list[Path]) -> None:
    print("report files:")
    for path in paths:
        print(f"  {path}")


def cmd_run(args) -> None:
    if not args.landing_dir or not args.period or not args.report_dir:
        raise CliError("make run needs LANDING_DIR=…, PERIOD=… and REPORT_DIR=…")
    paths = run_pipeline(landing=Path(args.landing_dir), database=RUN_DB, fresh=True, period=args.period,
                         cutoff=args.cutoff, report_dir=Path(args.report_dir), unit=args.unit or None)
    _print_paths(paths)


def cmd_report(args) -> None:
    """Render from the already-loaded demo warehouse (make demo) through the report DAG; loads nothing."""
    from include.warehouse import connect, warehouse_url

    if not args.period or not args.report_dir:
        raise CliError("make report needs PERIOD=… and REPORT_DIR=… (and a warehouse loaded by make demo)")
    report_dir = Path(args.report_dir).resolve()
    unit = args.unit or None
    _validate_report_params(args.period, args.cutoff, report_dir, report_dir, unit)
    url = warehouse_url()
    conn = connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("select to_regclass('marts.agg_dossier_bieu06') is not null")
            if not cur.fetchone()[0]:
                raise CliError("the demo warehouse has no marts yet: run make demo first")
        from include.report.params import ReportParamError, check_period_exists, check_unit_exists

        try:  # one clear line before Airflow starts
            check_period_exists(conn, args.period, args.cutoff)
            check_unit_exists(conn, unit)
        except ReportParamError as exc:
            raise CliError(str(exc)) from exc
    finally:
        conn.close()
    started = time.monotonic()
    paths = render_with_dag(airflow_env(url), period=args.period, cutoff=args.cutoff, report_dir=report_dir,
                            report_root=report_dir, unit=unit)
    _print_paths(paths)
    print(f"rendered in {time.monotonic() - started:.1f} s")


def cmd_warehouse_url(args) -> None:
    from include.warehouse import bi_reader_url, ensure_roles, warehouse_url

    url = warehouse_url()
    print(url)
    if args.bi:
        ensure_roles(url)
        print(bi_reader_url(url))


def cmd_airflow_env(args) -> None:
    from include.warehouse import warehouse_url

    env = airflow_env(warehouse_url())
    for key in sorted(env):
        if key.startswith(("AIRFLOW", "PYTHONPATH", "CCHC")):
            print(f"export {key}={shlex.quote(env[key])}")


def cmd_airflow(args) -> None:
    """airflow standalone on the project's DAGs (foreground)."""
    from include.warehouse import ensure_roles, warehouse_url

    url = warehouse_url()
    ensure_roles(url)
    env = airflow_env(url)
    ensure_manifest(env)
    airflow_init(env)
    home = get_settings().airflow_home
    print("Airflow UI: http://localhost:8080  — user 'admin', password in "
          f"{home / 'simple_auth_manager_passwords.json.generated'} (printed below once it is created)")
    os.execve(_bin("airflow"), [_bin("airflow"), "standalone"], env)


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
    run.set_defaults(func=cmd_run)
    report = sub.add_parser("report", help="render from the loaded demo warehouse (no loading)")
    report.add_argument("--period", default=None)
    report.add_argument("--report-dir", default=None)
    report.add_argument("--cutoff", default="nd09", choices=["nd09", "calendar"])
    report.add_argument("--unit", default=None, help="ma_don_vi of one unit, or 'all' (province + top-level units)")
    report.set_defaults(func=cmd_report)
    url = sub.add_parser("warehouse-url", help="print the warehouse URL (starts the embedded server)")
    url.add_argument("--bi", action="store_true", help="also print the bi_reader URL")
    url.set_defaults(func=cmd_warehouse_url)
    sub.add_parser("airflow-env", help="print the Airflow environment as shell exports").set_defaults(
        func=cmd_airflow_env)
    sub.add_parser("airflow", help="airflow standalone on the project's DAGs").set_defaults(func=cmd_airflow)
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
