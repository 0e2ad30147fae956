"""Progress of a DAG run for the command line, read from Airflow's metadata database.

`airflow dags test` writes a long log; the person at the terminal wants one line per
step: each source group loaded (files, rows, quarantined), each dbt model built
(n/N, seconds), and a "still running" line when nothing finished for a while, so that
no step is silent for more than about ten seconds. The task states and the load
summaries (the XCom of `load_source_group`) are polled from the metadata database,
which every executor writes the same way, instead of parsing log text.
"""
from __future__ import annotations

import json
import threading
import time
from datetime import datetime, timezone
from typing import Callable

FINISHED = ("success", "failed", "skipped", "upstream_failed", "removed")
DBT_GROUP = "dbt_build."
QUIET_SECONDS = 10.0


def _psycopg2_url(sqlalchemy_url: str) -> str:
    return sqlalchemy_url.replace("postgresql+psycopg2://", "postgresql://", 1)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")   # Vietnamese thousands separator, as in the report


def _model_name(task_id: str) -> str:
    name = task_id[len(DBT_GROUP):] if task_id.startswith(DBT_GROUP) else task_id
    for suffix in ("_build", "_run", "_test", "_seed", "_snapshot", "_model"):   # Cosmos: <model>_model_build
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name


class RunProgress(threading.Thread):
    """Polls the newest run of `dag_id` created after `since` and prints a line per finished task."""

    def __init__(self, metadata_url: str, dag_id: str, *, since: datetime | None = None,
                 write: Callable[[str], None] = print, interval: float = 1.0, quiet_seconds: float = QUIET_SECONDS):
        super().__init__(name=f"progress-{dag_id}", daemon=True)
        self.url, self.dag_id = _psycopg2_url(metadata_url), dag_id
        self.since = since or datetime.now(timezone.utc)
        self.write, self.interval, self.quiet_seconds = write, interval, quiet_seconds
        self.stopping = threading.Event()
        self.reported: set[tuple[str, int]] = set()
        self.dbt_done = 0
        self.last_line_at = time.monotonic()

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=10)

    def run(self) -> None:
        import psycopg2

        conn = None
        while not self.stopping.is_set():
            try:
                if conn is None:
                    conn = psycopg2.connect(self.url)
                    conn.autocommit = True
                self.poll(conn)
            except psycopg2.Error:
                # the metadata schema may not exist yet, or the server restarts: try again later
                if conn is not None:
                    conn.close()
                conn = None
            self.stopping.wait(self.interval)
        if conn is not None:
            try:
                self.poll(conn)   # the last tasks finished between two polls
            except psycopg2.Error:
                pass
            conn.close()

    def _say(self, line: str) -> None:
        self.write(line)
        self.last_line_at = time.monotonic()

    def poll(self, conn) -> None:
        with conn.cursor() as cur:
            cur.execute("select run_id from dag_run where dag_id = %s and coalesce(queued_at, start_date) >= %s "
                        "order by id desc limit 1", (self.dag_id, self.since))
            row = cur.fetchone()
            if row is None:
                if time.monotonic() - self.last_line_at >= self.quiet_seconds:
                    self._say(f"    … starting {self.dag_id} (Airflow loads the DAG)")
                return
            run_id = row[0]
            cur.execute("select task_id, map_index, state, start_date, end_date from task_instance "
                        "where dag_id = %s and run_id = %s order by end_date nulls last, task_id, map_index",
                        (self.dag_id, run_id))
            tasks = cur.fetchall()
            dbt_total = sum(t[0].startswith(DBT_GROUP) for t in tasks)
            for task_id, map_index, state, start, end in tasks:
                if state not in FINISHED or (task_id, map_index) in self.reported:
                    continue
                self.reported.add((task_id, map_index))
                seconds = (end - start).total_seconds() if start and end else 0.0
                if task_id == "load_source_group" and state == "success":
                    self._say(self._load_line(cur, run_id, map_index, seconds))
                elif task_id.startswith(DBT_GROUP):
                    self.dbt_done += 1
                    what = {"success": f"built in {seconds:.1f} s", "skipped": "skipped (no new data)"}.get(
                        state, state.replace("_", " "))
                    self._say(f"    dbt {self.dbt_done}/{dbt_total} {_model_name(task_id)}: {what}")
                else:
                    label = task_id if map_index < 0 else f"{task_id}[{map_index}]"
                    self._say(f"    {label}: {state.replace('_', ' ')} ({seconds:.0f} s)")
            if time.monotonic() - self.last_line_at >= self.quiet_seconds:
                running = [(t[0] if t[1] < 0 else f"{t[0]}[{t[1]}]", t[3]) for t in tasks if t[2] == "running"]
                if running:
                    now = datetime.now(timezone.utc)
                    self._say("    … still running: " + ", ".join(
                        f"{_model_name(name)} ({(now - start).total_seconds():.0f} s)" if start else name
                        for name, start in running))

    def _load_line(self, cur, run_id: str, map_index: int, seconds: float) -> str:
        cur.execute("select value from xcom where dag_id = %s and run_id = %s and task_id = 'load_source_group' "
                    "and map_index = %s and key = 'return_value'", (self.dag_id, run_id, map_index))
        row = cur.fetchone()
        summary = row[0] if row else None
        if isinstance(summary, (str, bytes)):
            summary = json.loads(summary)
        if not isinstance(summary, dict):
            return f"    load_source_group[{map_index}]: done ({seconds:.0f} s)"
        return (f"    loaded {summary.get('group')}: {summary.get('files_loaded', 0)} file(s) new or changed, "
                f"{summary.get('files_skipped', 0)} unchanged, {_number(summary.get('rows_loaded', 0))} rows, "
                f"{_number(summary.get('rows_quarantined', 0))} quarantined ({seconds:.0f} s)")
