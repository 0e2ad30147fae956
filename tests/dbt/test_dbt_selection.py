"""Which models a nightly build selects, read from the project's real manifest (`make manifest`)."""
from __future__ import annotations

from include.nightly.build_plan import BuildPlan, affected_nodes, build_args, model_of_selector

DOSSIER_MODELS = {"stg_onestop__dossier_log", "int_dossier_touched", "int_dossier_timeline",
                  "fct_dossier_status_log", "fct_dossier", "fct_dossier_period", "agg_dossier_bieu06"}


def _models(unique_ids: set[str]) -> set[str]:
    return {uid.split(".")[-1] for uid in unique_ids if uid.startswith("model.")}


def test_new_dossier_logs_select_the_dossier_chain_and_the_period_tables():
    models = _models(affected_nodes(["dossier_log"]))
    assert DOSSIER_MODELS <= models
    # dim_period spans the dossier data, and every per-period fact follows it.
    assert {"dim_period", "fct_staff_period", "fct_catalogue_period"} <= models
    assert not models & {"stg_hr__staff", "dim_agency", "dim_procedure", "fct_sipas_year", "dim_date"}


def test_int_dossier_touched_is_in_the_lineage_of_the_raw_log():
    """It decides what an incremental run recomputes: a nightly selection without it would reuse last
    night's list of dossiers."""
    assert "model.cchc.int_dossier_touched" in affected_nodes(["dossier_log"])


def test_a_new_staff_snapshot_does_not_rebuild_dossier_models():
    models = _models(affected_nodes(["staff"]))
    assert {"stg_hr__staff", "fct_staff_period"} <= models
    assert not models & DOSSIER_MODELS


def test_tests_of_selected_models_are_selected_too():
    tests = {uid for uid in affected_nodes(["dossier_log"]) if uid.startswith("test.")}
    assert any("accounting_identity_agg_dossier_bieu06" in uid for uid in tests)


def test_build_args_for_each_kind_of_plan():
    everything = BuildPlan(None, False, 10, "first build")
    assert build_args(everything) == ["build", "--exclude-resource-type", "unit_test"]
    refresh = BuildPlan(None, True, 10, "re-delivery")
    assert build_args(refresh)[-1] == "--full-refresh"
    nightly = BuildPlan(["dossier_log", "staff"], False, 12, "new files")
    assert build_args(nightly)[-2:] == ["--select", "source:raw.dossier_log+ source:raw.staff+"]
    assert BuildPlan([], False, 12, "nothing new").builds_nothing


def test_cosmos_selector_maps_to_its_model():
    assert model_of_selector("fqn:cchc.marts.fct_dossier") == "model.cchc.fct_dossier"
    assert model_of_selector(["fqn:cchc.staging.stg_hr__staff"]) == "model.cchc.stg_hr__staff"
    assert model_of_selector("tag:nightly") is None
    assert model_of_selector("fqn:cchc.marts.no_such_model") is None
