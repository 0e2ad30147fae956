"""What a nightly dbt build must rebuild, and the flags every production build uses.

A night usually brings one new day of dossier logs and nothing else. Rebuilding the
catalogue, staff and index marts from unchanged raw tables costs most of an
incremental run (dbt's per-node overhead, not data volume), so a nightly build
selects only the models downstream of raw tables that received files since the
last *successful* build — the idea of dbt's `source_status:fresher+`, keyed on
`raw.load_manifest`, which records exactly which raw table each file went to.

The watermark (`raw.dbt_build_state`) moves only after a build succeeded, so a
failed night is rebuilt the next night. Without a watermark, without the marts,
or when asked (`force_full`), everything is built.
"""
from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from include.config import DBT_MANIFEST

log = logging.getLogger(__name__)

RAW_SOURCE = "raw"  # the dbt source name of the raw schema (dbt/models/staging/_sources.yml)

# dbt Labs recommend running unit tests in development and CI only: their inputs are static,
# so a production build re-running them proves nothing new. `make test` runs them.
PRODUCTION_BUILD_FLAGS = ["--exclude-resource-type", "unit_test"]


@dataclass(frozen=True)
class BuildPlan:
    """One night's dbt build: which sources changed, and whether incremental state is void."""

    changed_sources: list[str] | None  # raw tables with new files; None: build every model
    full_refresh: bool                 # rebuild incremental models from raw (--full-refresh)
    loaded_through_file_id: int        # newest load_manifest file_id this build covers
    reason: str

    @property
    def builds_everything(self) -> bool:
        return self.changed_sources is None

    @property
    def builds_nothing(self) -> bool:
        return self.changed_sources == []

    def as_dict(self) -> dict:
        return asdict(self)


def plan_build(url: str, *, force_full: bool = False) -> BuildPlan:
    """Decide tonight's build from the load manifest and the last successful build's watermark."""
    from include.warehouse import connect

    conn = connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("select coalesce(max(file_id), 0) from raw.load_manifest")
            loaded_through = cur.fetchone()[0]
            cur.execute("select to_regclass('marts.fct_dossier_status_log') is not null")
            if force_full or not cur.fetchone()[0]:
                reason = "full refresh requested" if force_full else "first build: the marts do not exist yet"
                return BuildPlan(None, force_full, loaded_through, reason)
            # An incremental model that is missing while the others exist would be built in full
            # on its own, and the models applying differences after it would count twice.
            missing = [name for name in incremental_relations()
                       if not _relation_exists(cur, name)]
            if missing:
                return BuildPlan(None, True, loaded_through, f"incremental model(s) missing: {', '.join(missing)}")
            # A deployed model that gained a column (e.g. ma_tinh) cannot add it incrementally: rebuild.
            reshaped = [f"{name} ({', '.join(columns)})" for name, documented in incremental_columns().items()
                        if (columns := _missing_columns(cur, name, documented))]
            if reshaped:
                return BuildPlan(None, True, loaded_through,
                                 f"incremental model(s) lack documented column(s), the models changed: "
                                 f"{'; '.join(reshaped)}")
            # A model added by an upgrade (e.g. a new bi table) is never selected by a night whose files
            # feed other models, and a model built from it would fail on the missing relation: build all.
            unbuilt = [name for name in model_relations() if not _relation_exists(cur, name)]
            if unbuilt:
                return BuildPlan(None, False, loaded_through, f"model(s) not built yet: {', '.join(unbuilt)}")
            # A changed re-delivery replaces a file's raw rows (the old copy is SUPERSEDED); the
            # incremental status log only ever adds newer files, so it must be rebuilt from raw.
            cur.execute("""
                select exists (
                    select 1 from marts.fct_dossier_status_log s
                    where not exists (select 1 from raw.load_manifest m
                                      where m.file_id = s._file_id and m.status = 'LOADED'))""")
            if cur.fetchone()[0]:
                return BuildPlan(None, True, loaded_through, "the marts hold rows of a re-delivered (superseded) file")
            cur.execute("select max(built_through_file_id) from raw.dbt_build_state")
            built_through = cur.fetchone()[0]
            if built_through is None:
                return BuildPlan(None, False, loaded_through, "no record of a previous successful build")
            cur.execute("select distinct source_kind from raw.load_manifest "
                        "where file_id > %s and status = 'LOADED' order by 1", (built_through,))
            changed = [r[0] for r in cur.fetchall()]
    finally:
        conn.close()
    if not changed:
        return BuildPlan([], False, loaded_through, f"no file loaded since the last build (file_id {built_through})")
    return BuildPlan(changed, False, loaded_through,
                     f"files loaded since the last build (file_id > {built_through}) into {', '.join(changed)}")


def record_build(url: str, loaded_through_file_id: int) -> None:
    """The build covering every file up to `loaded_through_file_id` succeeded: move the watermark."""
    from include.warehouse import connect

    conn = connect(url)
    try:
        with conn, conn.cursor() as cur:
            cur.execute("""
                insert into raw.dbt_build_state (singleton, built_through_file_id, built_at)
                values (true, %s, now())
                on conflict (singleton) do update
                set built_through_file_id = excluded.built_through_file_id, built_at = excluded.built_at""",
                        (loaded_through_file_id,))
    finally:
        conn.close()


def build_args(plan: BuildPlan) -> list[str]:
    """`dbt build` arguments for a plan (outside Airflow: the bench and the command line)."""
    args = ["build", *PRODUCTION_BUILD_FLAGS]
    if plan.full_refresh:
        args.append("--full-refresh")
    if not plan.builds_everything:
        args += ["--select", " ".join(f"source:{RAW_SOURCE}.{table}+" for table in plan.changed_sources)]
    return args


@lru_cache(maxsize=4)
def _manifest(path: str, mtime: float) -> dict:
    return json.loads(Path(path).read_text())


def incremental_relations(manifest_path: Path = DBT_MANIFEST) -> list[str]:
    """`schema.table` of every incremental model (from the manifest; none without one)."""
    return sorted(incremental_columns(manifest_path))


def model_relations(manifest_path: Path = DBT_MANIFEST) -> list[str]:
    """`schema.table` of every enabled model dbt materializes in the warehouse (none without a manifest)."""
    if not manifest_path.exists():
        return []
    manifest = _manifest(str(manifest_path), manifest_path.stat().st_mtime)
    return sorted(f"{node['schema']}.{node['alias']}" for node in manifest["nodes"].values()
                  if node.get("resource_type") == "model" and node["config"].get("enabled", True)
                  and node["config"].get("materialized") in ("table", "view", "incremental"))


def incremental_columns(manifest_path: Path = DBT_MANIFEST) -> dict[str, list[str]]:
    """`schema.table` → documented columns of every incremental model (from the manifest; none without one)."""
    if not manifest_path.exists():
        return {}
    manifest = _manifest(str(manifest_path), manifest_path.stat().st_mtime)
    return {f"{node['schema']}.{node['alias']}": list(node.get("columns", {}))
            for node in manifest["nodes"].values()
            if node.get("resource_type") == "model" and node["config"].get("materialized") == "incremental"}


def _missing_columns(cur, name: str, columns: list[str]) -> list[str]:
    schema, table = name.split(".", 1)
    cur.execute("select column_name from information_schema.columns where table_schema = %s and table_name = %s",
                (schema, table))
    present = {row[0] for row in cur.fetchall()}
    return [column for column in columns if column not in present]


def _relation_exists(cur, name: str) -> bool:
    cur.execute("select to_regclass(%s) is not null", (name,))
    return cur.fetchone()[0]


def affected_nodes(changed_sources: list[str], manifest_path: Path = DBT_MANIFEST) -> set[str]:
    """unique_ids of every node downstream of the given raw tables (`source:raw.X+`)."""
    manifest = _manifest(str(manifest_path), manifest_path.stat().st_mtime)
    children = manifest["child_map"]
    pending = [f"source.{manifest['metadata'].get('project_name') or 'cchc'}.{RAW_SOURCE}.{table}"
               for table in changed_sources]
    pending = [uid for uid in pending if uid in children]
    seen: set[str] = set()
    while pending:
        uid = pending.pop()
        for child in children.get(uid, []):
            if child not in seen:
                seen.add(child)
                pending.append(child)
    return seen


def model_of_selector(select, manifest_path: Path = DBT_MANIFEST) -> str | None:
    """unique_id of the model a Cosmos task builds (`fqn:cchc.marts.fct_dossier`), or None."""
    selectors = [select] if isinstance(select, str) else list(select or [])
    if len(selectors) != 1 or not str(selectors[0]).startswith("fqn:"):
        return None
    fqn = str(selectors[0])[len("fqn:"):].split(".")
    manifest = _manifest(str(manifest_path), manifest_path.stat().st_mtime)
    for uid, node in manifest["nodes"].items():
        if node.get("fqn") == fqn and node.get("resource_type") in ("model", "snapshot", "seed"):
            return uid
    return None


def skip_model_without_new_data(context, *, plan_task_id: str) -> None:
    """Cosmos `pre_execute` hook: skip a model's task when no raw table upstream of it changed.

    Reads tonight's plan from the task `plan_task_id` (the DAG binds it with functools.partial). The model is
    the watcher sensor's `model_unique_id`, or the one a local-mode task selects; a task whose model cannot be
    identified runs.
    """
    from airflow.sdk.exceptions import AirflowSkipException

    plan = BuildPlan(**context["ti"].xcom_pull(task_ids=plan_task_id)["plan"])
    if plan.builds_everything:
        return
    task = context["task"]
    model = getattr(task, "model_unique_id", None) or model_of_selector(getattr(task, "select", None))
    if model is None:
        return
    if model not in affected_nodes(plan.changed_sources or []):
        raise AirflowSkipException(f"{model}: no raw table upstream of it changed ({plan.reason})")
