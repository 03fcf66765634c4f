"""Checks of sections 4.2, 5, 7, 8 and the typical plan (checks/agency.py): edge cases beyond the rule examples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ccaudit.checks import CHECKS
from ccaudit.engine.packs import load_packs
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text
from tests.checks.judging import outcomes, run_check

RULE = load_packs(["standard"], CHECKS)[0].rules[0]


def run(repo: Path, check: str, subject: str, patch: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None, drop: tuple[str, ...] = ()) -> dict[str, list[Problem]]:
    """Problems the check yields for every item of `subject` (tests/checks/judging.py)."""
    return run_check(repo, check, subject, patch, params, drop)




def texts(value: object) -> str:
    """Russian text of an argument (a Text, a list of them or a plain value)."""
    if isinstance(value, Text):
        return value.ru
    if isinstance(value, list):
        return "; ".join(texts(v) for v in value)
    return str(value)


def agency(**fields: Any) -> dict[str, Any]:
    return {"declarations/agency.yaml": {"agency": fields}}


PLAN = {"year": 2026, "approved_on": "2026-01-20", "document_ref": "Приказ № 3", "life_situation_ids": ["ls-1"],
        "follows_internal_client_standard": True}


# --- 4.2.2 ---------------------------------------------------------------------------------------------------------

def test_annual_plan_of_another_year_does_not_count(base_repo: Path) -> None:
    found = run(base_repo, "agency.annual_plan_current", "agency", agency(annual_plans=[{**PLAN, "year": 2025}]))
    assert texts(found["base"][0].args["problem"]) == "не заявлен"


def test_annual_plan_approved_after_the_reference_date_fails(base_repo: Path) -> None:
    found = run(base_repo, "agency.annual_plan_current", "agency", agency(annual_plans=[{**PLAN, "approved_on": "2026-10-01"}]))
    assert "не утверждён" in texts(found["base"][0].args["problem"])


def test_annual_plan_needs_the_internal_client_standard_by_default(base_repo: Path) -> None:
    plan = {**PLAN, "follows_internal_client_standard": False}
    found = run(base_repo, "agency.annual_plan_current", "agency", agency(annual_plans=[plan]))
    assert "внутреннего клиента" in texts(found["base"][0].args["problem"])


def test_one_complete_plan_of_the_year_is_enough(base_repo: Path) -> None:
    found = run(base_repo, "agency.annual_plan_current", "agency", agency(annual_plans=[{"year": 2026}, PLAN]))
    assert found["base"] == []


def test_annual_plan_require_selects_what_is_checked(base_repo: Path) -> None:
    found = run(base_repo, "agency.annual_plan_current", "agency", agency(annual_plans=[{"year": 2026, "life_situation_ids": ["ls-1"]}]),
                params={"require": ["situations"]})
    assert found["base"] == []


def test_teams_need_a_plan_with_situations(base_repo: Path) -> None:
    found = run(base_repo, "agency.teams_for_plan_situations", "agency")
    assert outcomes(found["base"]) == [Outcome.NO_DATA]


def test_team_formed_after_the_reference_date_is_missing(base_repo: Path) -> None:
    team = {"id": "t", "life_situation_id": "ls-1", "formed_on": "2026-10-02",
            "members": [{"organisation": "А"}, {"organisation": "Б"}]}
    found = run(base_repo, "agency.teams_for_plan_situations", "agency", agency(annual_plans=[PLAN], cross_functional_teams=[team]))
    assert found["base"][0].args["missing"] == ["ls-1"]


def test_min_organisations_is_a_param(base_repo: Path) -> None:
    team = {"id": "t", "life_situation_id": "ls-1", "formed_on": "2025-02-01", "members": [{"organisation": "А"}]}
    patch = agency(annual_plans=[PLAN], cross_functional_teams=[team])
    assert run(base_repo, "agency.teams_for_plan_situations", "agency", patch)["base"][0].args["narrow"] == ["ls-1"]
    assert run(base_repo, "agency.teams_for_plan_situations", "agency", params={"min_organisations": 1})["base"] == []


@pytest.mark.parametrize(("plans", "failing_years"), [
    ([{**PLAN, "status": "approved"}], [2026]),
    ([{**PLAN, "status": "in_progress"}], []),
    ([{**PLAN, "status": "done"}], []),
    ([{**PLAN, "year": 2025, "status": "in_progress"}, {**PLAN, "status": "in_progress"}], [2025]),
    ([{**PLAN, "year": 2025, "status": "done"}], [2026]),
])
def test_plans_carried_out(base_repo: Path, plans: list[dict[str, Any]], failing_years: list[int]) -> None:
    found = run(base_repo, "agency.annual_plans_carried_out", "agency", agency(annual_plans=plans))
    assert [p.args["year"] for p in found["base"]] == failing_years


@pytest.mark.parametrize(("reviewed", "ok"), [("2026-06-30", False), ("2026-07-01", True), ("2026-09-30", True),
                                              ("2026-10-05", False)])
def test_indicator_review_must_fall_in_the_audited_quarter(base_repo: Path, reviewed: str, ok: bool) -> None:
    control = {"responsible_unit": "Отдел", "report_ref": "Записка", "last_review_on": reviewed}
    found = run(base_repo, "agency.indicator_control_in_period", "agency", agency(indicator_control=control))
    assert (found["base"] == []) is ok


def test_indicator_control_without_a_unit_fails(base_repo: Path) -> None:
    control = {"report_ref": "Записка", "last_review_on": "2026-08-01"}
    found = run(base_repo, "agency.indicator_control_in_period", "agency", agency(indicator_control=control))
    assert found["base"][0].args["missing"] == ["responsible_unit"]


# --- 4.2.7 ---------------------------------------------------------------------------------------------------------

def project(priority: bool, *prototypes: dict[str, Any]) -> dict[str, Any]:
    return {"declarations/registry.yaml": {
        "life_situations": [{"id": "ls-1", "title": "Рождение ребёнка", "priority": priority}],
        "design_projects": [{"id": "dp-1", "kind": "new", "life_situation_id": "ls-1", "prototypes": list(prototypes)}]}}


def test_prototypes_of_non_priority_situations_are_not_judged(base_repo: Path) -> None:
    found = run(base_repo, "design_project.priority_prototypes_in_lab", "design_project",
                project(False, {"id": "p", "version": "alpha", "tested_by": "agency"}))
    assert outcomes(found["dp-1"]) == [Outcome.NOT_APPLICABLE]


def test_untested_prototypes_give_no_data(base_repo: Path) -> None:
    found = run(base_repo, "design_project.priority_prototypes_in_lab", "design_project", project(True, {"id": "p", "version": "alpha"}))
    assert outcomes(found["dp-1"]) == [Outcome.NO_DATA]


def test_every_tested_prototype_must_be_tested_in_the_lab(base_repo: Path) -> None:
    found = run(base_repo, "design_project.priority_prototypes_in_lab", "design_project", project(
        True, {"id": "a", "version": "alpha", "tested_by": "project_office_lab"},
        {"id": "b", "version": "beta", "tested_on": "2026-08-01"}))
    assert found["dp-1"][0].args["prototypes"] == ["b (—)"]


# --- 5, 7, 8 -------------------------------------------------------------------------------------------------------

def test_staff_in_design_needs_the_flag_even_without_projects(base_repo: Path) -> None:
    patch = {"declarations/process.yaml": {"motivation": {"staff_in_design": False}}}
    assert run(base_repo, "motivation.staff_in_design", "motivation", patch)["motivation"][0].args["projects"] == "—"
    patch = {"declarations/process.yaml": {"motivation": {"staff_in_design": True}}}
    assert run(base_repo, "motivation.staff_in_design", "motivation", patch)["motivation"] == []


def test_training_without_programmes_does_not_follow_the_internal_standard(base_repo: Path) -> None:
    found = run(base_repo, "training.programmes_follow_internal_standard", "training")
    assert texts(found["training"][0].args["programmes"]) == "программы не заявлены"


def test_a_programme_without_the_flag_is_named(base_repo: Path) -> None:
    patch = {"declarations/process.yaml": {"training": {"programmes": [{"id": "tr-1"}]}}}
    found = run(base_repo, "training.programmes_follow_internal_standard", "training", patch)
    assert found["training"][0].args["programmes"] == ["tr-1"]


def test_long_stay_rules_do_not_apply_without_long_stay_points(base_repo: Path) -> None:
    params = {"document": "long_stay_rules", "fresh": True, "kinds": ["long_stay"]}
    found = run(base_repo, "documents.current_where_points", "documents", params=params, drop=("contact_points/long-stay.yaml",))
    assert outcomes(found["documents"]) == [Outcome.NOT_APPLICABLE]


def test_long_stay_rules_must_be_current_where_points_exist(base_repo: Path) -> None:
    params = {"document": "long_stay_rules", "fresh": True, "kinds": ["long_stay"]}
    patch = {"declarations/process.yaml": {"documents": {"long_stay_rules": {"ref": "Приказ № 5", "approved_on": "2024-01-10"}}}}
    found = run(base_repo, "documents.current_where_points", "documents", patch, params=params)
    assert outcomes(found["documents"]) == [Outcome.FAIL] and "актуализирован" in texts(found["documents"][0].args["problem"])


# --- typical plan --------------------------------------------------------------------------------------------------

def plan(*items: dict[str, Any]) -> dict[str, Any]:
    return {"declarations/process.yaml": {"implementation_plan": {"items": list(items)}}}


ITEM = {"plan_id": "1.3", "start": "2026-02-01", "end": "2026-12-31", "responsible": "Отдел", "status": "in_progress"}


@pytest.mark.parametrize(("entry", "problem"), [
    ({**ITEM}, None),
    ({**ITEM, "end": "2026-09-30"}, None),
    ({**ITEM, "end": "2026-09-29"}, "срок 2026-09-29 прошёл"),
    ({**ITEM, "end": "2026-06-30", "status": "done", "result_ref": "Приказ № 7"}, None),
    ({**ITEM, "status": "done"}, "не указано: result_ref"),
    ({**ITEM, "start": "2027-01-10"}, "дата начала позже"),
    ({"plan_id": "1.3", "status": "excluded"}, "исключён без ссылки"),
    ({"plan_id": "1.3", "excluded_by_agreement_ref": "Письмо АЦ № 1"}, None),
    ({"plan_id": "1.3"}, "не указано: start, end, responsible, status"),
    ({**ITEM, "not_applicable_reason": "не проводим"}, "пункт обязателен"),
])
def test_plan_item(base_repo: Path, entry: dict[str, Any], problem: str | None) -> None:
    found = run(base_repo, "implementation_plan.item_in_place", "implementation_plan", plan(entry), params={"item": "1.3"})
    shown = "; ".join(texts(p.args["problem"]) for p in found["implementation_plan"])
    assert (shown == "") if problem is None else (problem in shown), shown


def test_plan_item_absent_and_not_confused_with_a_longer_number(base_repo: Path) -> None:
    found = run(base_repo, "implementation_plan.item_in_place", "implementation_plan", plan({**ITEM, "plan_id": "1.31"}),
                params={"item": "1.3"})
    assert "нет в плане" in texts(found["implementation_plan"][0].args["problem"])


def test_a_sub_item_puts_a_block_5_item_in_place_and_is_judged(base_repo: Path) -> None:
    params = {"item": "5.1", "conditional": True}
    found = run(base_repo, "implementation_plan.item_in_place", "implementation_plan", plan({**ITEM, "plan_id": "5.1.9"}), params=params)
    assert found["implementation_plan"] == []
    found = run(base_repo, "implementation_plan.item_in_place", "implementation_plan",
                plan({**ITEM, "plan_id": "5.1.9"}, {**ITEM, "plan_id": "5.1.10", "end": "2026-03-01"}), params=params)
    assert [p.args["item"] for p in found["implementation_plan"]] == ["5.1.10"]


def test_conditional_item_may_be_not_applicable(base_repo: Path) -> None:
    params = {"item": "5.3", "conditional": True}
    found = run(base_repo, "implementation_plan.item_in_place", "implementation_plan",
                plan({"plan_id": "5.3", "not_applicable_reason": "Ведомство не является ФОИВ"}), params=params)
    assert outcomes(found["implementation_plan"]) == [Outcome.NOT_APPLICABLE]
    found = run(base_repo, "implementation_plan.item_in_place", "implementation_plan", plan(), params=params)
    assert "not_applicable_reason" in texts(found["implementation_plan"][0].args["problem"])
