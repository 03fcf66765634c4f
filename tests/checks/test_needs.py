"""Checks of section 4.3 (checks/needs.py): edge cases beyond the rule examples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ccaudit.checks import CHECKS
from ccaudit.checks.register import personal_identifiers
from ccaudit.engine.packs import load_packs
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text
from tests.checks.judging import outcomes, run_check

RULE = load_packs(["standard"], CHECKS)[0].rules[0]


def run(repo: Path, check: str, subject: str, patch: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None) -> dict[str, list[Problem]]:
    """Problems the check yields for every item of `subject` (tests/checks/judging.py)."""
    return run_check(repo, check, subject, patch, params)




def texts(value: object) -> str:
    """Russian text of an argument (a Text, a list of them or a plain value)."""
    if isinstance(value, Text):
        return value.ru
    if isinstance(value, list):
        return "; ".join(texts(v) for v in value)
    return str(value)


def research(**blocks: Any) -> dict[str, Any]:
    return {"declarations/process.yaml": {"research": blocks}}


def registry(**blocks: Any) -> dict[str, Any]:
    return {"declarations/registry.yaml": blocks}


def both(*patches: dict[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for patch in patches:
        for rel, value in patch.items():
            merged.setdefault(rel, {}).update(value)
    return merged


LS2 = {"id": "ls-2", "title": "Выход на пенсию"}


# --- 4.3.1 ---------------------------------------------------------------------------------------------------------

def test_data_sources_of_another_situation_do_not_count(base_repo: Path) -> None:
    patch = both(registry(life_situations=[{"id": "ls-1", "title": "Рождение"}, LS2]),
                 research(data_sources=[{"kind": "open_data", "life_situation_id": "ls-2", "ref": "Росстат"}]))
    found = run(base_repo, "life_situation.data_objective", "life_situation", patch)
    assert outcomes(found["ls-1"]) == [Outcome.FAIL] and "не заявлены" in texts(found["ls-1"][0].args["problem"])
    assert found["ls-2"] == []


def test_feedback_tool_with_free_text_only_encourages(base_repo: Path) -> None:
    patch = {"declarations/process.yaml": {"feedback": {"tools": [{"id": "fb-1", "scope": "service", "free_text": True}]}}}
    assert run(base_repo, "feedback.encourages_clients", "feedback", patch)["feedback"] == []


def test_feedback_without_tools_fails(base_repo: Path) -> None:
    assert outcomes(run(base_repo, "feedback.encourages_clients", "feedback")["feedback"]) == [Outcome.FAIL]


def test_results_explained_ignores_studies_completed_after_the_reference_date(base_repo: Path) -> None:
    patch = research(studies=[{"id": "st-1", "life_situation_id": "ls-1", "completed_on": "2026-11-01"}],
                     publication={"url": "https://example.gov.ru/r", "published_on": "2026-06-01"})
    assert run(base_repo, "life_situation.results_explained", "life_situation", patch)["ls-1"] == []


def test_publication_dated_after_the_reference_date_fails(base_repo: Path) -> None:
    patch = research(publication={"url": "https://example.gov.ru/r", "published_on": "2026-10-15"})
    found = run(base_repo, "life_situation.results_explained", "life_situation", patch)["ls-1"]
    assert "не позднее отчётной даты" in texts(found[0].args["problems"])


# --- 4.3.2 ---------------------------------------------------------------------------------------------------------

def test_decision_of_another_situation_does_not_count(base_repo: Path) -> None:
    patch = both(registry(life_situations=[{"id": "ls-1", "title": "Рождение"}, LS2]),
                 research(studies=[{"id": "st-1", "life_situation_id": "ls-1"}],
                          decisions=[{"id": "d-1", "life_situation_id": "ls-2", "decision": "Решение"}]))
    found = run(base_repo, "life_situation.needs_study_stages", "life_situation", patch)["ls-1"]
    assert texts(found[0].args["missing"]) == "решения по итогам изучения (research.decisions)"


def _faq(**fields: Any) -> dict[str, Any]:
    return {"id": "faq-1", "life_situation_id": "ls-1", "question": "Почему?", "answer": "Так требует закон.", **fields}


def test_faq_not_about_unmet_needs_is_not_applicable(base_repo: Path) -> None:
    found = run(base_repo, "faq.grounded_in_needs", "faq")
    assert outcomes(found["faq-1"]) == [Outcome.NOT_APPLICABLE]


def test_faq_reason_without_a_need_fails(base_repo: Path) -> None:
    found = run(base_repo, "faq.grounded_in_needs", "faq", registry(faq=[_faq(reason="Закон")]))
    assert "не названа потребность" in texts(found["faq-1"][0].args["problem"])


def test_faq_naming_a_need_of_another_situation_fails(base_repo: Path) -> None:
    need = {"id": "n-9", "text": "Пенсия досрочно", "category": "unsatisfiable"}
    patch = registry(life_situations=[{"id": "ls-1", "title": "Рождение"}, {**LS2, "typical_needs": [need]}],
                     faq=[_faq(unsatisfiable_need_id="n-9", reason="Закон")])
    found = run(base_repo, "faq.grounded_in_needs", "faq", patch)
    assert "другой жизненной ситуации (ls-2)" in texts(found["faq-1"][0].args["problem"])


# --- 4.3.3 ---------------------------------------------------------------------------------------------------------

def test_data_source_kinds_can_be_narrowed_by_params(base_repo: Path) -> None:
    patch = research(data_sources=[{"kind": "open_data", "life_situation_id": "ls-1"},
                                   {"kind": "service_history", "life_situation_id": "ls-1"}])
    params = {"kinds": ["open_data", "service_history"]}
    assert run(base_repo, "life_situation.data_source_kinds", "life_situation", patch, params)["ls-1"] == []
    found = run(base_repo, "life_situation.data_source_kinds", "life_situation")["ls-1"]
    assert len(found[0].args["missing"]) == 3


def test_profile_without_situation_is_not_applicable_to_hypotheses(base_repo: Path) -> None:
    patch = registry(segment_profiles=[{"id": "sp-1", "title": "Родители"}])
    for check in ("segment_profile.hypotheses_formulated", "segment_profile.hypotheses_tested",
                  "segment_profile.priority_groups_justified"):
        assert outcomes(run(base_repo, check, "segment_profile", patch)["sp-1"]) == [Outcome.NOT_APPLICABLE]


def test_hypotheses_of_another_situation_do_not_count(base_repo: Path) -> None:
    patch = both(registry(life_situations=[{"id": "ls-1", "title": "Рождение"}, LS2]),
                 research(hypotheses=[{"id": "h-1", "life_situation_id": "ls-2", "kind": "segmentation"},
                                      {"id": "h-2", "life_situation_id": "ls-2", "kind": "experience"}]))
    found = run(base_repo, "segment_profile.hypotheses_formulated", "segment_profile", patch)["sp-1"]
    assert len(found[0].args["missing"]) == 2


def test_studies_planned_without_studies_fails(base_repo: Path) -> None:
    found = run(base_repo, "life_situation.studies_planned", "life_situation")["ls-1"]
    assert "не заявлены" in texts(found[0].args["problems"])


def test_consent_without_studies_is_not_applicable(base_repo: Path) -> None:
    patch = research(studies=[])
    assert outcomes(run(base_repo, "consent.research_participants_consented", "consent", patch)["consent"]) == [Outcome.NOT_APPLICABLE]


def test_hypothesis_tested_by_a_study_of_another_situation_fails(base_repo: Path) -> None:
    patch = research(studies=[{"id": "st-1", "life_situation_id": "ls-2", "results_ref": "Отчёт"}],
                     hypotheses=[{"id": "h-1", "life_situation_id": "ls-1", "kind": "experience", "status": "confirmed", "study_id": "st-1"}])
    patch = both(registry(life_situations=[{"id": "ls-1", "title": "Рождение"}, LS2]), patch)
    found = run(base_repo, "segment_profile.hypotheses_tested", "segment_profile", patch)["sp-1"]
    assert "другой жизненной ситуации" in texts(found[0].args["problems"])


def test_open_hypothesis_with_a_study_under_way_is_fine_when_another_is_resolved(base_repo: Path) -> None:
    patch = research(studies=[{"id": "st-1", "life_situation_id": "ls-1", "results_ref": "Отчёт"},
                              {"id": "st-2", "life_situation_id": "ls-1"}],
                     hypotheses=[{"id": "h-1", "life_situation_id": "ls-1", "kind": "experience", "status": "rejected", "study_id": "st-1"},
                                 {"id": "h-2", "life_situation_id": "ls-1", "kind": "segmentation", "status": "open", "study_id": "st-2"}])
    assert run(base_repo, "segment_profile.hypotheses_tested", "segment_profile", patch)["sp-1"] == []


# --- 4.3.4 ---------------------------------------------------------------------------------------------------------

def test_map_updated_before_approval_and_with_a_foreign_profile_fails(base_repo: Path) -> None:
    patch = registry(life_situations=[{"id": "ls-1", "title": "Рождение"}, LS2],
                     segment_profiles=[{"id": "sp-1", "title": "Родители", "life_situation_ids": ["ls-2"]}],
                     journey_maps=[{"id": "jm-1", "life_situation_id": "ls-1", "segment_profile_id": "sp-1",
                                    "approved_on": "2026-05-01", "updated_on": "2026-04-01"}])
    found = run(base_repo, "journey_map.developed_and_current", "journey_map", patch)["jm-1"]
    text = texts(found[0].args["problems"])
    assert "не отнесён к жизненной ситуации ls-1" in text and "раньше даты утверждения" in text


def test_map_approved_after_the_reference_date_is_not_approved(base_repo: Path) -> None:
    patch = registry(journey_maps=[{"id": "jm-1", "life_situation_id": "ls-1", "segment_profile_id": "sp-1", "approved_on": "2026-10-01"}])
    found = run(base_repo, "journey_map.developed_and_current", "journey_map", patch)["jm-1"]
    assert texts(found[0].args["problems"]) == "карта не утверждена к отчётной дате (approved_on)"


def test_satisfaction_monitoring_through_a_service_of_the_situation(base_repo: Path) -> None:
    patch = both(registry(client_scenarios=[{"id": "cs-1", "life_situation_id": "ls-1", "service_ids": ["svc-1"]}],
                          journey_maps=[{"id": "jm-1", "life_situation_id": "ls-1",
                                         "inputs": {"segmentation_ref": "Выгрузка", "satisfaction_monitoring_ref": "Отчёт"}}]),
                 {"declarations/process.yaml": {"feedback": {"tools": [{"id": "fb-1", "scope": "service", "target_ids": ["svc-1"]}]}}})
    assert run(base_repo, "journey_map.based_on_segmentation_and_monitoring", "journey_map", patch)["jm-1"] == []


def test_profile_not_chosen_as_priority_is_not_applicable(base_repo: Path) -> None:
    patch = both(registry(segment_profiles=[{"id": "sp-1", "title": "Родители", "life_situation_ids": ["ls-1"]},
                                            {"id": "sp-2", "title": "Сельские семьи", "life_situation_ids": ["ls-1"]}]),
                 research(priority_groups=[{"segment_profile_id": "sp-2", "size_estimate": 10, "social_significance": "Да",
                                            "resources_note": "Лимиты"}]))
    found = run(base_repo, "segment_profile.priority_groups_justified", "segment_profile", patch)
    assert outcomes(found["sp-1"]) == [Outcome.NOT_APPLICABLE] and found["sp-2"] == []


def test_priority_group_naming_a_foreign_situation_fails(base_repo: Path) -> None:
    patch = both(registry(life_situations=[{"id": "ls-1", "title": "Рождение"}, LS2]),
                 research(priority_groups=[{"segment_profile_id": "sp-1", "life_situation_id": "ls-2", "size_estimate": 10,
                                            "social_significance": "Да", "resources_note": "Лимиты"}]))
    found = run(base_repo, "segment_profile.priority_groups_justified", "segment_profile", patch)["sp-1"]
    assert "ls-2 не относится к профилю" in texts(found[0].args["problems"])


def test_publication_before_the_last_map_update_fails(base_repo: Path) -> None:
    patch = both(registry(journey_maps=[{"id": "jm-1", "life_situation_id": "ls-1", "approved_on": "2026-01-10", "updated_on": "2026-08-01"}]),
                 research(publication={"url": "https://example.gov.ru/r", "published_on": "2026-07-01"}))
    found = run(base_repo, "life_situation.results_published", "life_situation", patch)["ls-1"]
    assert "последней актуализации карты" in texts(found[0].args["problems"])


def test_best_practices_without_recommendations_is_not_applicable(base_repo: Path) -> None:
    assert outcomes(run(base_repo, "life_situation.best_practices_studied", "life_situation")["ls-1"]) == [Outcome.NOT_APPLICABLE]


# --- 4.3.5 ---------------------------------------------------------------------------------------------------------

def test_profile_updated_before_the_last_map_update_fails(base_repo: Path) -> None:
    patch = registry(life_situations=[{"id": "ls-1", "title": "Рождение", "segment_profile_ids": ["sp-1"]}],
                     segment_profiles=[{"id": "sp-1", "title": "Родители", "life_situation_ids": ["ls-1"], "updated_on": "2026-03-01"}],
                     journey_maps=[{"id": "jm-1", "life_situation_id": "ls-1", "approved_on": "2026-05-01"}])
    found = run(base_repo, "life_situation.register_and_profiles_kept", "life_situation", patch)["ls-1"]
    assert "раньше последней актуализации карты (2026-05-01)" in texts(found[0].args["problems"])


def test_needs_without_maps_need_only_cover_the_groups(base_repo: Path) -> None:
    need = {"id": "n-1", "text": "Пособие", "category": "satisfiable", "segment_profile_id": "sp-1"}
    patch = registry(life_situations=[{"id": "ls-1", "title": "Рождение", "typical_needs": [need]}], journey_maps=[])
    assert run(base_repo, "life_situation.needs_studied_from_maps", "life_situation", patch)["ls-1"] == []
    patch = registry(life_situations=[{"id": "ls-1", "title": "Рождение", "typical_needs": [{k: v for k, v in need.items() if k != "segment_profile_id"}]}])
    found = run(base_repo, "life_situation.needs_studied_from_maps", "life_situation", patch)["ls-1"]
    assert "sp-1" in texts(found[0].args["problems"])


DESIGNING = {"id": "dp-1", "kind": "reengineering", "life_situation_id": "ls-1", "service_ids": ["svc-1"], "stage": "prototyping"}


def test_unapproved_scenario_under_design_is_not_applicable(base_repo: Path) -> None:
    patch = registry(client_scenarios=[{"id": "cs-1", "life_situation_id": "ls-1", "service_ids": ["svc-1"]}], design_projects=[DESIGNING])
    for check in ("client_scenario.approved_and_current", "client_scenario.updated_after_launches", "client_scenario.meets_needs"):
        assert outcomes(run(base_repo, check, "client_scenario", patch)["cs-1"]) == [Outcome.NOT_APPLICABLE], check


def test_unapproved_scenario_without_a_project_fails(base_repo: Path) -> None:
    patch = registry(client_scenarios=[{"id": "cs-1", "life_situation_id": "ls-1", "service_ids": ["svc-1"], "approved_on": "2026-12-01"}])
    found = run(base_repo, "client_scenario.approved_and_current", "client_scenario", patch)["cs-1"]
    assert outcomes(found) == [Outcome.FAIL]


def test_registry_proposals_of_other_situations_make_this_one_not_applicable(base_repo: Path) -> None:
    patch = both(registry(life_situations=[{"id": "ls-1", "title": "Рождение"}, LS2]),
                 {"declarations/agency.yaml": {"agency": {"registry_proposals": [{"life_situation_id": "ls-2", "submitted_on": "2026-01-10", "ref": "Письмо"}]}}})
    found = run(base_repo, "life_situation.registry_proposal", "life_situation", patch)
    assert outcomes(found["ls-1"]) == [Outcome.NOT_APPLICABLE] and found["ls-2"] == []


def test_registry_proposal_sent_after_the_reference_date_fails(base_repo: Path) -> None:
    patch = {"declarations/agency.yaml": {"agency": {"registry_proposals": [{"life_situation_id": "ls-1", "submitted_on": "2026-10-10", "ref": "Письмо"}]}}}
    found = run(base_repo, "life_situation.registry_proposal", "life_situation", patch)["ls-1"]
    assert "submitted_on" in texts(found[0].args["problems"])


def test_register_names_scenarios_without_services(base_repo: Path) -> None:
    patch = registry(life_situations=[{"id": "ls-1", "title": "Рождение", "sphere": "Семья"}],
                     client_scenarios=[{"id": "cs-1", "life_situation_id": "ls-1"}])
    found = run(base_repo, "life_situation.register_complete", "life_situation", patch)["ls-1"]
    assert texts(found[0].args["missing"]) == "услуги сценариев cs-1"


def test_personal_identifiers_are_found() -> None:
    data = {
        "id": "sp-ivanov@example.ru",
        "description": "Пишите на ivanova.m@mail.ru",
        "features": ["СНИЛС 123-456-789 01", "Звонила 8 (4912) 12-34-56", "Петров П. П. из Заокска", "Анна Сергеевна Кузнецова"],
        "interaction_history": "Паспорт 45 11 123456 предъявлен",
    }
    found = [(path, kind.en) for path, kind in personal_identifiers(data)]
    assert found == [("description", "e-mail address"), ("features/0", "SNILS"), ("features/1", "phone number"),
                     ("features/2", "surname with initials"), ("features/3", "full name"),
                     ("interaction_history", "passport or taxpayer number")]


def test_statistics_and_hotlines_are_not_personal_identifiers() -> None:
    data = {"description": "64 800 12 700 28 600 человек; 2,4 обращения; горячая линия 8 800 100-00-00",
            "interaction_history": "В 2025 году 71 % заявлений через Госуслуги, 18 % — в МФЦ «Мои документы»",
            "features": ["Живут в Приокской области", "Ветеран труда Приокской области"]}
    assert list(personal_identifiers(data)) == []


def test_reidentification_message_never_repeats_the_identifier(base_repo: Path) -> None:
    profile = {"id": "sp-1", "title": "Родители", "life_situation_ids": ["ls-1"], "anonymised": False,
               "reidentification_controls": "Агрегирование", "features": ["Контакт: +7 910 123-45-67"]}
    found = run(base_repo, "segment_profile.not_reidentifiable", "segment_profile", registry(segment_profiles=[profile]))["sp-1"]
    text = texts(found[0].args["problems"])
    assert "anonymised" in text and "features/0" in text and "910" not in text


def test_scenario_follows_a_reengineering_launch(base_repo: Path) -> None:
    project = {**DESIGNING, "stage": "launch", "launch": {"production_on": "2026-06-01"}}
    scenario = {"id": "cs-1", "life_situation_id": "ls-1", "service_ids": ["svc-1"], "approved_on": "2026-01-10"}
    patch = registry(services=[{"id": "svc-1", "title": "Пособие", "launched_on": "2014-01-01"}],
                     client_scenarios=[scenario], design_projects=[project])
    found = run(base_repo, "client_scenario.updated_after_launches", "client_scenario", patch)["cs-1"]
    assert found[0].args["services"] == ["svc-1 (2026-06-01)"]


def test_launch_after_the_reference_date_is_ignored(base_repo: Path) -> None:
    scenario = {"id": "cs-1", "life_situation_id": "ls-1", "service_ids": ["svc-1"], "approved_on": "2026-01-10"}
    patch = registry(services=[{"id": "svc-1", "title": "Пособие", "launched_on": "2026-11-01"}], client_scenarios=[scenario])
    found = run(base_repo, "client_scenario.updated_after_launches", "client_scenario", patch)["cs-1"]
    assert outcomes(found) == [Outcome.NOT_APPLICABLE]


def test_faq_without_system_fails(base_repo: Path) -> None:
    patch = registry(faq=[{"id": "faq-1", "question": "Как?", "answer": "Так.", "updated_on": "2026-06-01"}])
    found = run(base_repo, "faq.kept_in_system", "faq", patch)["faq-1"]
    assert texts(found[0].args["problems"]) == "не указана информационная система (system)"


def test_scenario_older_than_its_needs_fails(base_repo: Path) -> None:
    need = {"id": "n-1", "text": "Пособие", "category": "satisfiable", "client_scenario_id": "cs-1", "updated_on": "2026-05-01"}
    patch = registry(life_situations=[{"id": "ls-1", "title": "Рождение", "typical_needs": [need]}],
                     client_scenarios=[{"id": "cs-1", "life_situation_id": "ls-1", "service_ids": ["svc-1"], "approved_on": "2026-01-10"}])
    found = run(base_repo, "client_scenario.meets_needs", "client_scenario", patch)["cs-1"]
    assert "раньше последнего изучения его потребностей (2026-05-01)" in texts(found[0].args["problems"])


def test_need_in_design_with_a_project_of_another_situation_fails(base_repo: Path) -> None:
    need = {"id": "n-1", "text": "Выплаты в роддоме", "category": "in_design", "design_project_id": "dp-1"}
    patch = registry(life_situations=[{"id": "ls-1", "title": "Рождение", "typical_needs": [need]}, LS2],
                     design_projects=[{**DESIGNING, "life_situation_id": "ls-2"}])
    found = run(base_repo, "life_situation.in_design_needs_have_projects", "life_situation", patch)
    assert "другой жизненной ситуации" in texts(found["ls-1"][0].args["needs"])
    assert outcomes(found["ls-2"]) == [Outcome.NOT_APPLICABLE]


def test_faq_freshness_against_needs_without_dates_or_situation(base_repo: Path) -> None:
    assert outcomes(run(base_repo, "faq.updated_after_needs", "faq")["faq-1"]) == [Outcome.NOT_APPLICABLE]
    need = {"id": "n-1", "text": "Пособие", "category": "satisfiable"}
    patch = registry(life_situations=[{"id": "ls-1", "title": "Рождение", "typical_needs": [need]}],
                     faq=[{"id": "faq-1", "life_situation_id": "ls-1", "question": "Как?", "answer": "Так."}])
    assert outcomes(run(base_repo, "faq.updated_after_needs", "faq", patch)["faq-1"]) == [Outcome.NO_DATA]


def test_faq_ignores_need_updates_after_the_reference_date(base_repo: Path) -> None:
    needs = [{"id": "n-1", "text": "Пособие", "category": "satisfiable", "updated_on": "2026-04-01"},
             {"id": "n-2", "text": "Набор", "category": "satisfiable", "updated_on": "2026-10-20"}]
    patch = registry(life_situations=[{"id": "ls-1", "title": "Рождение", "typical_needs": needs}],
                     faq=[{"id": "faq-1", "life_situation_id": "ls-1", "question": "Как?", "answer": "Так.", "updated_on": "2026-05-01"}])
    assert run(base_repo, "faq.updated_after_needs", "faq", patch)["faq-1"] == []
