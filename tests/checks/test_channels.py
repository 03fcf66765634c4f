"""Edge cases of the checks of the 4.6 preamble (the agency's mix of channels): checks/channels.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ccaudit.checks import CHECKS
from ccaudit.checks.channels import is_digital
from ccaudit.engine.packs import load_packs
from ccaudit.model.declaration import load_declaration
from ccaudit.model.finding import Outcome, Problem
from tests.checks.judging import judge_rule
from tests.conftest import apply_patches

STANDARD = load_packs(["standard"], CHECKS)[0]
REGISTRY = "declarations/registry.yaml"
METRICS = "declarations/metrics.yaml"
POINTS = ("portal", "mobile-app", "call-center", "voice-assistant", "written", "social", "chatbot", "in-person",
          "one-window", "long-stay")


def judge(repo: Path, rule_id: str, patches: dict[str, Any] | None = None, **params: Any) -> list[Problem]:
    """The problems the rule's check yields (tests/checks/judging.py)."""
    return judge_rule(repo, rule_id, patches, None, **params)


def ease(values: dict[str, Any], period: str = "2026-Q3") -> dict[str, Any]:
    metrics = []
    for point, value in values.items():
        entry: dict[str, Any] = {"indicator": "T1.2", "period": period, "unit": point}
        entry.update(value if isinstance(value, dict) else {"numerator": value, "denominator": 100})
        metrics.append(entry)
    return {METRICS: {"metrics": metrics}}


# --- 4.6-a ------------------------------------------------------------------------------------------------------

def test_exactly_half_easy_is_not_a_positive_experience(base_repo: Path) -> None:
    problems = judge(base_repo, "4.6-a", ease({p: (50 if p == "social" else 80) for p in POINTS}))
    assert [(p.outcome, p.args["point"], p.args["value"]) for p in problems] == [(Outcome.FAIL, "social", "50.0")]


def test_a_declared_value_counts_and_the_threshold_is_a_param(base_repo: Path) -> None:
    values: dict[str, Any] = {p: 80 for p in POINTS}
    values["social"] = {"value": 55}
    assert judge(base_repo, "4.6-a", ease(values)) == []
    [problem] = judge(base_repo, "4.6-a", min_percent=60)
    assert problem.args["point"] == "social" and problem.args["min"] == "60"


def test_points_without_a_measurement_of_the_period_are_no_data(base_repo: Path) -> None:
    values = {p: 80 for p in POINTS if p != "written"}
    patches = ease(values)
    patches[METRICS]["metrics"].append({"indicator": "T1.2", "period": "2026-Q2", "unit": "written", "numerator": 90,
                                        "denominator": 100})
    [problem] = judge(base_repo, "4.6-a", patches)
    assert problem.outcome is Outcome.NO_DATA and "written" in problem.args["reason"].en


def test_a_low_point_fails_even_when_others_are_unmeasured(base_repo: Path) -> None:
    problems = judge(base_repo, "4.6-a", ease({"in-person": 40}))
    assert [p.outcome for p in problems] == [Outcome.FAIL, Outcome.NO_DATA]


# --- 4.6-b ------------------------------------------------------------------------------------------------------

def test_a_written_point_is_digital_only_with_an_electronic_address(base_repo: Path) -> None:
    apply_patches(base_repo, {"contact_points/written.yaml": {"address": "г. Приокск, ул. Есенина, 29"}})
    written = load_declaration(base_repo).find("contact_point", "written")
    assert written is not None and not is_digital(written)
    apply_patches(base_repo, {"contact_points/written.yaml": {"email": "info@example.ru"}})
    written = load_declaration(base_repo).find("contact_point", "written")
    assert written is not None and is_digital(written)


def test_a_service_only_by_paper_letter_fails_and_a_point_naming_the_service_counts(base_repo: Path) -> None:
    services = {REGISTRY: {"services": [{"id": "svc-1", "title": "Пособие", "contact_points": ["written"]}]}}
    [problem] = judge(base_repo, "4.6-b", services)
    assert problem.args["service"] == "svc-1" and problem.args["points"] == ["written"]
    assert judge(base_repo, "4.6-b", {"contact_points/chatbot.yaml": {"service_ids": ["svc-1"]}}) == []


def test_no_services_fails(base_repo: Path) -> None:
    [problem] = judge(base_repo, "4.6-b", {REGISTRY: {"services": []}})
    assert problem.outcome is Outcome.FAIL


# --- 4.6-c ------------------------------------------------------------------------------------------------------

def scenario(profile: dict[str, Any], points: list[str]) -> dict[str, Any]:
    return {REGISTRY: {"segment_profiles": [{"id": "sp-1", "title": "Группа", **profile}],
                       "client_scenarios": [{"id": "cs-1", "life_situation_id": "ls-1", "service_ids": ["svc-1"]}],
                       "services": [{"id": "svc-1", "title": "Пособие", "contact_points": points}]}}


def test_an_offline_preference_needs_an_office(base_repo: Path) -> None:
    [problem] = judge(base_repo, "4.6-c", scenario({"life_situation_ids": ["ls-1"], "preferred_channels": ["in_person"]},
                                                   ["portal"]))
    assert problem.args["profiles"] == ["sp-1"]


def test_the_link_from_the_life_situation_to_the_segment_counts_too(base_repo: Path) -> None:
    patches = scenario({"digital_skills": "low"}, ["portal"])
    patches[REGISTRY]["life_situations"] = [{"id": "ls-1", "title": "Рождение ребёнка", "segment_profile_ids": ["sp-1"]}]
    assert len(judge(base_repo, "4.6-c", patches)) == 1


def test_long_stay_counts_as_offline_only_when_tailored(base_repo: Path) -> None:
    patches = scenario({"life_situation_ids": ["ls-1"], "digital_skills": "low"}, ["portal", "long-stay"])
    assert len(judge(base_repo, "4.6-c", patches)) == 1
    assert judge(base_repo, "4.6-c", offline_kinds=["in_person", "one_window", "long_stay"]) == []


def test_digital_segments_need_no_office_and_undeclared_skills_are_no_data(base_repo: Path) -> None:
    assert judge(base_repo, "4.6-c", scenario({"life_situation_ids": ["ls-1"], "digital_skills": "high",
                                               "preferred_channels": ["portal"]}, ["portal"])) == []
    [problem] = judge(base_repo, "4.6-c", scenario({"life_situation_ids": ["ls-1"]}, ["portal"]))
    assert problem.outcome is Outcome.NO_DATA


# --- 4.6-d ------------------------------------------------------------------------------------------------------

def test_groups_are_pooled_over_the_points(base_repo: Path) -> None:
    patches = {"contact_points/portal.yaml": {"accommodates": ["chronic_health", "work_incapacity"]},
               "contact_points/call-center.yaml": {"accommodates": ["low_digital_skills"]}}
    [problem] = judge(base_repo, "4.6-d", patches)
    assert problem.args["missing"] == ["low_russian"]
    assert judge(base_repo, "4.6-d", {"contact_points/one-window.yaml": {"accommodates": ["low_russian"]}}) == []
