"""Checks of section 4.5 (checks/scenarios.py): edge cases beyond the rule examples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ccaudit.model.finding import Outcome
from tests.checks.test_agency import outcomes, run, texts

REG = "declarations/registry.yaml"
PROC = "declarations/process.yaml"


def scenarios(*items: dict[str, Any], **blocks: Any) -> dict[str, Any]:
    return {REG: {"client_scenarios": list(items), **blocks}}


def approved(sid: str = "cs-1", **fields: Any) -> dict[str, Any]:
    return {"id": sid, "life_situation_id": "ls-1", "approved_on": "2026-03-01", **fields}


PROFILE = {"id": "sp-1", "title": "Родители", "life_situation_ids": ["ls-1"], "preferred_channels": ["mobile_app"]}


# --- 4.5.1 ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("study", "ok"), [
    ({"id": "st-1", "life_situation_id": "ls-1", "results_ref": "Отчёт"}, True),
    ({"id": "st-1", "life_situation_id": "ls-1"}, False),
    ({"id": "st-1", "results_ref": "Отчёт"}, False),
])
def test_scenario_rests_on_a_study_of_its_situation_with_results(base_repo: Path, study: dict[str, Any], ok: bool) -> None:
    patch = {**scenarios(approved(research_refs=["st-1"])), PROC: {"research": {"studies": [study]}}}
    assert (run(base_repo, "client_scenario.based_on_research", "client_scenario", patch)["cs-1"] == []) is ok


def test_needs_coverage(base_repo: Path) -> None:
    needs = [{"id": "n-1", "text": "а", "category": "satisfiable", "client_scenario_id": "cs-draft"},
             {"id": "n-2", "text": "б", "category": "satisfiable", "segment_profile_id": "sp-2"},
             {"id": "n-3", "text": "в", "category": "unsatisfiable"}]
    patch = scenarios(approved(segment_profile_ids=["sp-1"]), {"id": "cs-draft", "life_situation_id": "ls-1"},
                      life_situations=[{"id": "ls-1", "title": "Рождение", "typical_needs": needs}],
                      segment_profiles=[PROFILE, {"id": "sp-2", "title": "Другие"}])
    found = run(base_repo, "client_scenario.needs_covered", "client_scenario", patch)
    assert found["cs-1"][0].args["needs"] == ["n-1"]  # a need met by a draft is not covered; sp-2's need is not cs-1's
    assert outcomes(found["cs-draft"]) == [Outcome.NOT_APPLICABLE]


def test_needs_coverage_without_needs_is_no_data(base_repo: Path) -> None:
    found = run(base_repo, "client_scenario.needs_covered", "client_scenario", scenarios(approved()))
    assert outcomes(found["cs-1"]) == [Outcome.NO_DATA]


def test_proactive_is_judged_per_life_situation_and_reports_the_share(base_repo: Path) -> None:
    patch = scenarios(approved("cs-1", proactive_possible=False), approved("cs-2", proactive_possible=True),
                      approved("cs-3", life_situation_id="ls-2"),
                      life_situations=[{"id": "ls-1", "title": "А"}, {"id": "ls-2", "title": "Б"}])
    found = run(base_repo, "client_scenario.proactive_declared", "client_scenario", patch)
    assert found["cs-1"] == [] and found["cs-2"] == []
    problem = found["cs-3"][0]
    assert problem.args["share"] == "33.3" and "proactive_possible" in texts(problem.args["problem"])
    assert "ls-2" in texts(problem.args["problem"])


# --- 4.5.3 consent -------------------------------------------------------------------------------------------------

def test_consent_forms(base_repo: Path) -> None:
    assert outcomes(run(base_repo, "consent.forms_well_formed", "consent")["consent"]) == [Outcome.NOT_APPLICABLE]
    patch = {PROC: {"consent": {"forms": [{"scope": "selected_services", "life_situation_id": "ls-1"},
                                          {"scope": "life_situation_all", "life_situation_id": "ls-1"}]}}}
    found = run(base_repo, "consent.forms_well_formed", "consent", patch)["consent"]
    assert len(found) == 1 and found[0].args["services"] == "—"


def test_consent_channels(base_repo: Path) -> None:
    forms = {"forms": [{"scope": "life_situation_all", "life_situation_id": "ls-1"}]}
    assert run(base_repo, "consent.convenient_channels", "consent", {PROC: {"consent": forms}})["consent"][0].args["channels"] == "—"
    found = run(base_repo, "consent.convenient_channels", "consent", {PROC: {"consent": {**forms, "channels": ["portal"]}}})
    assert outcomes(found["consent"]) == [Outcome.NO_DATA]
    found = run(base_repo, "consent.convenient_channels", "consent", {REG: {"segment_profiles": [PROFILE]}})
    assert found["consent"][0].args["situations"] == ["ls-1"]


def test_confirmation_at_convenient_points(base_repo: Path) -> None:
    assert outcomes(run(base_repo, "consent.confirmation_at_convenient_points", "consent",
                        scenarios(approved()))["consent"]) == [Outcome.NOT_APPLICABLE]
    patch = scenarios(approved(proactive_possible=True, confirmation_contact_points=["portal"]))
    assert outcomes(run(base_repo, "consent.confirmation_at_convenient_points", "consent", patch)["consent"]) == [Outcome.NO_DATA]
    found = run(base_repo, "consent.confirmation_at_convenient_points", "consent", {REG: {"segment_profiles": [PROFILE]}})
    assert found["consent"][0].args["scenarios"] == ["cs-1"]


def test_proactive_rules_ignore_draft_scenarios(base_repo: Path) -> None:
    draft = {"id": "cs-1", "life_situation_id": "ls-1", "proactive_possible": True}
    for check in ("consent.proactive_waits_for_consent", "consent.confirmation_at_convenient_points"):
        assert outcomes(run(base_repo, check, "consent", scenarios(draft))["consent"]) == [Outcome.NOT_APPLICABLE]
    found = run(base_repo, "consent.proactive_contact_rules", "consent", params={"flags": ["withdrawal_offered_on_refusal"]})
    assert outcomes(found["consent"]) == [Outcome.NOT_APPLICABLE]


def test_proactive_contact_rules_list_flags_and_fields(base_repo: Path) -> None:
    found = run(base_repo, "consent.proactive_contact_rules", "consent", scenarios(approved(proactive_possible=True)),
                params={"flags": ["withdrawal_offered_on_refusal"], "fields": ["withdrawal_channels"]})
    assert found["consent"][0].args["missing"] == ["withdrawal_offered_on_refusal", "withdrawal_channels"]


# --- 4.5.4–4.5.6 scenarios -----------------------------------------------------------------------------------------

def test_preliminary_scenarios(base_repo: Path) -> None:
    patch = {REG: {"segment_profiles": []}}
    assert outcomes(run(base_repo, "life_situation.preliminary_scenarios", "life_situation", patch)["ls-1"]) == [Outcome.NO_DATA]
    patch = scenarios({"id": "cs-draft", "life_situation_id": "ls-1"},
                      life_situations=[{"id": "ls-1", "title": "А", "segment_profile_ids": ["sp-2"]}],
                      segment_profiles=[PROFILE, {"id": "sp-2", "title": "Б"}])
    assert run(base_repo, "life_situation.preliminary_scenarios", "life_situation", patch)["ls-1"][0].args["profiles"] == ["sp-2", "sp-1"]
    patch = scenarios(approved())  # a scenario naming no profiles serves every profile of its situation
    assert run(base_repo, "life_situation.preliminary_scenarios", "life_situation", patch)["ls-1"] == []


def test_approved_declares(base_repo: Path) -> None:
    params = {"fields": ["needs_status_system"], "flags": ["auto_selection"],
              "contains": {"field": "confirmation_checklist", "values": ["life_situation", "need_status"]}}
    patch = scenarios(approved(confirmation_checklist=["life_situation"]), {"id": "cs-draft", "life_situation_id": "ls-1"})
    found = run(base_repo, "client_scenario.approved_declares", "client_scenario", patch, params=params)
    assert found["cs-1"][0].args["missing"] == ["needs_status_system", "auto_selection", "confirmation_checklist: need_status"]
    assert outcomes(found["cs-draft"]) == [Outcome.NOT_APPLICABLE]


@pytest.mark.parametrize(("proactive", "points", "ok"), [
    (False, ["in-person"], True), (True, ["in-person"], False), (True, ["in-person", "call-center"], True), (False, [], False),
])
def test_confirmation_points(base_repo: Path, proactive: bool, points: list[str], ok: bool) -> None:
    patch = scenarios(approved(proactive_possible=proactive, confirmation_contact_points=points))
    assert (run(base_repo, "client_scenario.confirmation_points", "client_scenario", patch)["cs-1"] == []) is ok


def test_path_position_only_where_a_visit_is_needed(base_repo: Path) -> None:
    patch = scenarios(approved(service_ids=["svc-1"]))
    assert outcomes(run(base_repo, "client_scenario.path_position_shown", "client_scenario", patch)["cs-1"]) == [Outcome.NOT_APPLICABLE]


def test_results_recorded_collects_services_and_needs(base_repo: Path) -> None:
    patch = scenarios(approved(service_ids=["svc-1"], needs_status_system="ГИС", follow_up_subscription=True,
                               paths={"not_satisfiable": "Сообщаем причины"}),
                      life_situations=[{"id": "ls-1", "title": "А", "typical_needs": [
                          {"id": "n-1", "text": "а", "category": "unsatisfiable"},
                          {"id": "n-2", "text": "б", "category": "unsatisfiable", "design_decision_ref": "Протокол № 4"}]}])
    found = run(base_repo, "client_scenario.results_recorded", "client_scenario", patch)
    assert found["cs-1"][0].args["missing"] == ["svc-1: refusal_reasons_on_request", "n-1: design_project_id / design_decision_ref"]


# --- 4.5.6 services ------------------------------------------------------------------------------------------------

def service(**fields: Any) -> dict[str, Any]:
    return {REG: {"services": [{"id": "svc-1", "title": "Пособие", **fields}]}}


@pytest.mark.parametrize(("visit", "outcome"), [
    (None, Outcome.NO_DATA), ({"required": False}, Outcome.NOT_APPLICABLE), ({"required": True}, Outcome.FAIL),
])
def test_eligibility_visit(base_repo: Path, visit: dict[str, Any] | None, outcome: Outcome) -> None:
    patch = service(**({"eligibility_visit": visit} if visit else {}))
    assert outcomes(run(base_repo, "service.eligibility_visit_booked", "service", patch)["svc-1"]) == [outcome]


def test_one_click_not_applicable_with_a_visit_or_offline_only(base_repo: Path) -> None:
    found = run(base_repo, "service.one_click_online", "service", service(contact_points=["portal"], eligibility_visit={"required": True}))
    assert outcomes(found["svc-1"]) == [Outcome.NOT_APPLICABLE]
    found = run(base_repo, "service.one_click_online", "service", service(contact_points=["in-person"]))
    assert outcomes(found["svc-1"]) == [Outcome.NOT_APPLICABLE]


@pytest.mark.parametrize(("fields", "forms", "missing"), [
    ({"one_click_online": True}, [], ["consent_required"]),
    ({"one_click_online": True, "consent_required": False}, [], []),
    ({"one_click_online": True, "consent_required": True}, [], ["consent.forms"]),
    ({"one_click_online": True, "consent_required": True},
     [{"scope": "selected_services", "life_situation_id": "ls-1", "service_ids": ["svc-1"]}], []),
    ({"consent_required": False}, [], ["one_click_online"]),
])
def test_one_click_and_consent(base_repo: Path, fields: dict[str, Any], forms: list[Any], missing: list[str]) -> None:
    patch = {REG: {"services": [{"id": "svc-1", "title": "Пособие", "contact_points": ["mobile-app"], **fields}]},
             PROC: {"consent": {"forms": forms}}}
    found = run(base_repo, "service.one_click_online", "service", patch)["svc-1"]
    assert (found[0].args["missing"] if found else []) == missing


def test_satisfaction_prompt_only_for_services_of_approved_scenarios(base_repo: Path) -> None:
    found = run(base_repo, "feedback.services_prompt_satisfaction", "feedback", scenarios({"id": "cs-1", "life_situation_id": "ls-1",
                                                                                        "service_ids": ["svc-1"]}))
    assert outcomes(found["feedback"]) == [Outcome.NOT_APPLICABLE]


def test_forms_need_a_channel(base_repo: Path) -> None:
    found = run(base_repo, "service.forms_available", "service", service(forms=[{"id": "f-1"}]))
    assert found["svc-1"][0].args["channels"] == "—"


def test_eligibility_checks_need_manual_review_declared(base_repo: Path) -> None:
    found = run(base_repo, "service.eligibility_checks", "service", service(checks={"auto_eligibility": True}))
    assert found["svc-1"][0].args["missing"] == ["checks.manual_review"]
    found = run(base_repo, "service.eligibility_checks", "service", service(checks={"auto_eligibility": True, "manual_review": False}))
    assert found["svc-1"] == []


def test_provided_after_checks(base_repo: Path) -> None:
    path = {"paths": {"data_missing": "Форма"}}
    found = run(base_repo, "service.provided_after_checks", "service", scenarios(approved(service_ids=["svc-1"])))
    assert outcomes(found["svc-1"]) == [Outcome.NOT_APPLICABLE]
    patch = {REG: {"client_scenarios": [approved(service_ids=["svc-1"], **path)],
                   "services": [{"id": "svc-1", "title": "Уход", "contact_points": ["portal", "in-person"],
                                 "eligibility_visit": {"required": True, "booking_at_convenient_time": True}}]}}
    found = run(base_repo, "service.provided_after_checks", "service", patch)  # a visit replaces one click and 5 minutes
    assert texts(found["svc-1"][0].args["missing"]) == "фиксация оценки удовлетворённости (4.5.6.4)"
    patch = {REG: {"services": [{"id": "svc-1", "title": "Пособие", "contact_points": ["portal"], "satisfaction_prompt": True}]}}
    found = run(base_repo, "service.provided_after_checks", "service", patch)
    assert "один клик" in texts(found["svc-1"][0].args["missing"])


# --- 4.5.6.10 ------------------------------------------------------------------------------------------------------

def situation(*needs: dict[str, Any], **blocks: Any) -> dict[str, Any]:
    return {REG: {"life_situations": [{"id": "ls-1", "title": "А", "typical_needs": list(needs)}], **blocks}}


def test_reasons_may_come_from_the_faq(base_repo: Path) -> None:
    need = {"id": "n-1", "text": "а", "category": "unsatisfiable"}
    faq = [{"id": "faq-1", "question": "?", "answer": "Нет.", "unsatisfiable_need_id": "n-1", "reason": "Закон"}]
    assert run(base_repo, "life_situation.reasons_for_unmet_needs", "life_situation", situation(need, faq=faq))["ls-1"] == []


def test_reasons_not_applicable_without_unmet_needs_or_services(base_repo: Path) -> None:
    found = run(base_repo, "life_situation.reasons_for_unmet_needs", "life_situation")
    assert outcomes(found["ls-1"]) == [Outcome.NOT_APPLICABLE]


def test_refusal_reasons_of_scenario_services(base_repo: Path) -> None:
    found = run(base_repo, "life_situation.reasons_for_unmet_needs", "life_situation", scenarios(approved(service_ids=["svc-1"])))
    assert found["ls-1"][0].args["services"] == ["svc-1"]


@pytest.mark.parametrize(("need", "ok"), [
    ({"category": "in_design", "design_project_id": "dp-1"}, True),
    ({"category": "in_design", "design_project_id": "dp-2"}, False),
    ({"category": "in_design", "design_decision_ref": "Протокол"}, False),
    ({"category": "unsatisfiable", "design_decision_ref": "Протокол"}, True),
    ({"category": "unsatisfiable"}, False),
])
def test_unmet_needs_considered(base_repo: Path, need: dict[str, Any], ok: bool) -> None:
    projects = [{"id": "dp-1", "kind": "new", "life_situation_id": "ls-1"},
                {"id": "dp-2", "kind": "new", "life_situation_id": "ls-2"}]
    patch = {REG: {"life_situations": [{"id": "ls-1", "title": "А", "typical_needs": [{"id": "n-1", "text": "а", **need}]},
                                       {"id": "ls-2", "title": "Б"}], "design_projects": projects}}
    assert (run(base_repo, "life_situation.unmet_needs_considered", "life_situation", patch)["ls-1"] == []) is ok


def test_follow_up_not_applicable_without_approved_scenarios(base_repo: Path) -> None:
    assert outcomes(run(base_repo, "feedback.follow_up_kept", "feedback")["feedback"]) == [Outcome.NOT_APPLICABLE]


# --- 4.5.7 feedback ------------------------------------------------------------------------------------------------

def test_feedback_tools_need_scales(base_repo: Path) -> None:
    assert texts(run(base_repo, "feedback.tools_rate_satisfaction", "feedback")["feedback"][0].args["tools"]) == "инструменты не заявлены"


def test_feedback_use_needs_decisions(base_repo: Path) -> None:
    patch = {PROC: {"feedback": {"usage": [{"target": "research", "decision": "В анкету"}, {"target": "design"}]}}}
    found = run(base_repo, "feedback.used_for_needs_and_design", "feedback", patch)["feedback"][0]
    assert found.args["undecided"] == ["2"] and "проектирование" in texts(found.args["missing"])


@pytest.mark.parametrize(("updated", "ok"), [("2025-09-30", True), ("2025-09-29", False), ("2026-10-01", False)])
def test_feedback_publication_freshness(base_repo: Path, updated: str, ok: bool) -> None:
    patch = {PROC: {"feedback": {"publication": {"url": "https://example.gov.ru/fb", "updated_on": updated}}}}
    assert (run(base_repo, "feedback.publication_current", "feedback", patch)["feedback"] == []) is ok


def test_tool_at_point_keeps_its_behaviour(base_repo: Path) -> None:
    tools = [{"id": "fb-1", "scope": "contact_point", "contact_point_id": "portal", "scales": ["points_5"]}]
    found = run(base_repo, "feedback.tool_at_point", "contact_point", {PROC: {"feedback": {"tools": tools}}},
                params={"require": ["scales", "free_text"]})
    assert found["portal"][0].args == {"missing": ["free_text"], "tools": ["fb-1"]}
    assert found["written"][0].args == {"missing": ["scales", "free_text"], "tools": "—"}
