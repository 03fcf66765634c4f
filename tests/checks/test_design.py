"""Checks of section 4.4 (checks/design.py): edge cases beyond the rule examples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ccaudit.model.finding import Outcome
from tests.checks.test_needs import outcomes, registry, run, texts

NEW = {"id": "dp-1", "kind": "new", "life_situation_id": "ls-1", "service_ids": ["svc-1"]}
REENG = {**NEW, "kind": "reengineering"}
CLIENTS = {"segment_profile_ids": ["sp-1"], "employees": True}


def project(base: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return registry(design_projects=[{**base, **fields}])


def design(repo: Path, check: str, patch: dict[str, Any], params: dict[str, Any] | None = None) -> list:
    return run(repo, check, "design_project", patch, params)["dp-1"]


# --- 4.4.1 ---------------------------------------------------------------------------------------------------------

def test_needs_study_of_another_situation_fails(base_repo: Path) -> None:
    patch = registry(life_situations=[{"id": "ls-1", "title": "Рождение",
                                       "typical_needs": [{"id": "n-1", "text": "Т", "category": "in_design", "design_project_id": "dp-1"}]},
                                      {"id": "ls-2", "title": "Пенсия"}],
                     journey_maps=[{"id": "jm-2", "life_situation_id": "ls-2"}],
                     design_projects=[{**NEW, "stage": "preparation", "inputs": {"research_refs": ["st-1"], "journey_map_ids": ["jm-2"]}}])
    found = design(base_repo, "design_project.based_on_needs_study", patch)
    assert texts(found[0].args["problems"]) == "jm-2 относится к другой жизненной ситуации (ls-2)"


def test_points_considered_without_preferences_pass_and_none_fail(base_repo: Path) -> None:
    assert design(base_repo, "design_project.convenient_points_considered", project(NEW, contact_points_considered=["portal"])) == []
    found = design(base_repo, "design_project.convenient_points_considered", project(NEW))
    assert "contact_points_considered" in texts(found[0].args["problems"])


def test_clients_test_not_applicable_before_prototypes_and_failing_at_launch_without_them(base_repo: Path) -> None:
    found = design(base_repo, "design_project.clients_test_before_operation", project(NEW, stage="preparation"))
    assert outcomes(found) == [Outcome.NOT_APPLICABLE]
    found = design(base_repo, "design_project.clients_test_before_operation", project(NEW, stage="launch"))
    assert "ни один прототип" in texts(found[0].args["problems"])


def test_reengineering_alpha_without_clients_is_ignored(base_repo: Path) -> None:
    protos = [{"id": "pr-a", "version": "alpha", "audiences": {"employees": True}, "tested_on": "2026-02-01"},
              {"id": "pr-b", "version": "beta", "audiences": CLIENTS, "tested_on": "2026-04-01"}]
    patch = project(REENG, stage="launch", prototypes=protos, launch={"production_on": "2026-06-01"})
    assert design(base_repo, "design_project.clients_test_before_operation", patch) == []


# --- 4.4.2, 4.4.3 --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("fields", "expected"), [
    ({}, "этап не указан (stage)"),
    ({"stage": "prototyping", "launch": {"production_on": "2026-06-01"}}, "этап prototyping, но эксплуатация уже начата 2026-06-01"),
    ({"stage": "prototyping", "launch": {"production_on": "2026-12-01"}}, ""),
    ({"stage": "preparation", "prototypes": [{"id": "pr-a", "version": "alpha", "tested_on": "2026-11-01"}]}, ""),
])
def test_stage_consistency(base_repo: Path, fields: dict[str, Any], expected: str) -> None:
    found = design(base_repo, "design_project.stage_consistent", project(NEW, **fields))
    assert (texts(found[0].args["problems"]) if found else "") == expected


def test_recommendation_of_another_situation_fails(base_repo: Path) -> None:
    patch = registry(life_situations=[{"id": "ls-1", "title": "Рождение"}, {"id": "ls-2", "title": "Пенсия"}],
                     journey_maps=[{"id": "jm-1", "life_situation_id": "ls-1", "approved_on": "2026-01-10"}],
                     design_projects=[{**NEW, "inputs": {"journey_map_ids": ["jm-1"], "recommendation_ids": ["rec-2"]}}])
    patch["declarations/process.yaml"] = {"research": {"recommendations": [{"id": "rec-2", "life_situation_id": "ls-2", "text": "Т"}]}}
    found = design(base_repo, "design_project.based_on_maps_and_recommendations", patch)
    assert texts(found[0].args["problems"]) == "рекомендация rec-2 относится к другой жизненной ситуации (ls-2)"


def test_target_scenario_not_applicable_during_preparation(base_repo: Path) -> None:
    found = design(base_repo, "design_project.target_scenario_before_tests", project(NEW, stage="preparation"))
    assert outcomes(found) == [Outcome.NOT_APPLICABLE]


def test_target_scenario_without_tests_needs_its_date(base_repo: Path) -> None:
    patch = project(NEW, stage="prototyping", preparation={"target_scenario_ref": "Сценарий", "target_scenario_on": "2026-10-10"})
    found = design(base_repo, "design_project.target_scenario_before_tests", patch)
    assert "target_scenario_on" in texts(found[0].args["problems"])
    patch = project(NEW, stage="prototyping", preparation={"target_scenario_ref": "Сценарий", "target_scenario_on": "2026-05-10"})
    assert design(base_repo, "design_project.target_scenario_before_tests", patch) == []


# --- 4.4.4 ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("base", "fields", "missing"), [
    (REENG, {"stage": "prototyping", "prototypes": [{"id": "pr-a", "version": "alpha"}]}, "бета-версия"),
    (NEW, {"stage": "launch", "prototypes": [{"id": "pr-b", "version": "beta"}]}, "альфа-версия"),
    (NEW, {"stage": "prototyping", "prototypes": [{"id": "pr-b", "version": "beta"}]}, "альфа-версия"),
])
def test_prototypes_needed_by_kind_and_stage(base_repo: Path, base: dict[str, Any], fields: dict[str, Any], missing: str) -> None:
    found = design(base_repo, "design_project.prototypes_developed", project(base, **fields))
    assert texts(found[0].args["problems"]) == f"нет прототипов: {missing}"


def test_alpha_rules_do_not_apply_to_reengineering(base_repo: Path) -> None:
    patch = project(REENG, stage="launch", prototypes=[{"id": "pr-a", "version": "alpha"}])
    for check, params in (("design_project.prototype_fields", {"version": "alpha", "fields": ["ref"]}),
                          ("design_project.prototype_audiences", {"version": "alpha"}),
                          ("design_project.prototype_tested", {"version": "alpha"}),
                          ("design_project.scenario_changes_decided", {"version": "alpha"}),
                          ("design_project.stage_results", {"version": "alpha"})):
        found = design(base_repo, check, patch, params)
        assert outcomes(found) == [Outcome.NOT_APPLICABLE] and "сноска 2" in texts(found[0].args["reason"]), check


@pytest.mark.parametrize(("fields", "after", "outcome"), [
    ({"stage": "preparation"}, "started", Outcome.NOT_APPLICABLE),
    ({"stage": "prototyping", "prototypes": [{"id": "pr-a", "version": "alpha", "tested_on": "2026-11-01"}]}, "tested", Outcome.NOT_APPLICABLE),
    ({"stage": "prototyping", "prototypes": [{"id": "pr-a", "version": "alpha"}]}, "completed", Outcome.NOT_APPLICABLE),
    ({"stage": "launch"}, "completed", Outcome.FAIL),
])
def test_prototype_fields_are_due_by_step(base_repo: Path, fields: dict[str, Any], after: str, outcome: Outcome) -> None:
    found = design(base_repo, "design_project.prototype_fields", project(NEW, **fields),
                   {"version": "alpha", "fields": ["results_ref"], "after": after})
    assert outcomes(found) == [outcome]


def test_audiences_of_another_situation_do_not_count(base_repo: Path) -> None:
    patch = registry(life_situations=[{"id": "ls-1", "title": "Рождение"}, {"id": "ls-2", "title": "Пенсия"}],
                     segment_profiles=[{"id": "sp-1", "title": "Родители", "life_situation_ids": ["ls-1"]},
                                       {"id": "sp-2", "title": "Пенсионеры", "life_situation_ids": ["ls-2"]}],
                     design_projects=[{**NEW, "stage": "prototyping",
                                       "prototypes": [{"id": "pr-a", "version": "alpha", "audiences": {"segment_profile_ids": ["sp-2"], "employees": True}}]}])
    found = design(base_repo, "design_project.prototype_audiences", patch, {"version": "alpha"})
    assert "segment_profile_ids" in texts(found[0].args["problems"])


def test_project_without_situation_accepts_any_client_group(base_repo: Path) -> None:
    patch = registry(design_projects=[{"id": "dp-1", "kind": "new", "stage": "prototyping",
                                       "prototypes": [{"id": "pr-a", "version": "alpha", "audiences": CLIENTS}]}])
    assert design(base_repo, "design_project.prototype_audiences", patch, {"version": "alpha"}) == []


def test_beta_tested_after_the_reference_date_is_not_tested_at_launch(base_repo: Path) -> None:
    patch = project(REENG, stage="launch", prototypes=[{"id": "pr-b", "version": "beta", "tested_on": "2026-10-15"}])
    found = design(base_repo, "design_project.prototype_tested", patch, {"version": "beta"})
    assert "не протестирован" in texts(found[0].args["problems"])


def test_prototype_tested_not_applicable_while_the_stage_runs(base_repo: Path) -> None:
    patch = project(NEW, stage="prototyping", prototypes=[{"id": "pr-a", "version": "alpha"}])
    assert outcomes(design(base_repo, "design_project.prototype_tested", patch, {"version": "alpha"})) == [Outcome.NOT_APPLICABLE]


def test_refinement_before_testing_fails_even_before_launch(base_repo: Path) -> None:
    proto = {"id": "pr-b", "version": "beta", "ref": "Прототип", "tested_on": "2026-05-01", "refined_on": "2026-04-01"}
    found = design(base_repo, "design_project.beta_refined", project(REENG, stage="prototyping", prototypes=[proto]), {"part": "prototype"})
    assert "не после тестирования" in texts(found[0].args["problems"])
    proto = {"id": "pr-b", "version": "beta", "ref": "Прототип", "tested_on": "2026-05-01"}
    found = design(base_repo, "design_project.beta_refined", project(REENG, stage="prototyping", prototypes=[proto]), {"part": "prototype"})
    assert outcomes(found) == [Outcome.NOT_APPLICABLE]


def test_beta_results_need_no_refined_scenario_when_no_changes_are_needed(base_repo: Path) -> None:
    proto = {"id": "pr-b", "version": "beta", "tested_on": "2026-04-01", "results_ref": "Отчёт", "scenario_changes_needed": False,
             "refined_on": "2026-05-01", "legal_drafts_ref": "Проект постановления"}
    assert design(base_repo, "design_project.stage_results", project(REENG, stage="launch", prototypes=[proto]), {"version": "beta"}) == []


# --- 4.4.5 ---------------------------------------------------------------------------------------------------------

def test_launch_rules_wait_for_launch(base_repo: Path) -> None:
    patch = project(NEW, stage="prototyping")
    for check in ("design_project.launch_declared", "design_project.satisfaction_monitored", "design_project.launch_results"):
        assert outcomes(design(base_repo, check, patch)) == [Outcome.NOT_APPLICABLE], check


def test_production_after_the_reference_date_is_not_yet_monitored(base_repo: Path) -> None:
    patch = project(NEW, stage="launch", launch={"production_on": "2026-11-01"})
    assert outcomes(design(base_repo, "design_project.satisfaction_monitored", patch)) == [Outcome.NOT_APPLICABLE]


def test_situation_level_feedback_does_not_monitor_a_service(base_repo: Path) -> None:
    patch = project(NEW, stage="launch", launch={"production_on": "2026-06-01"})
    patch["declarations/process.yaml"] = {"feedback": {"tools": [{"id": "fb-1", "scope": "life_situation", "target_ids": ["ls-1"]}]}}
    found = design(base_repo, "design_project.satisfaction_monitored", patch)
    assert found[0].args["services"] == ["svc-1"]


def test_reengineered_service_keeps_its_original_launch_date(base_repo: Path) -> None:
    patch = project(REENG, stage="launch", launch={"production_on": "2026-06-01", "legal_basis_refs": ["Постановление"]})
    assert design(base_repo, "design_project.launch_results", patch) == []
