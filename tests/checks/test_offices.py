"""Edge cases of the checks of 4.6.7–4.6.9 (offices, one-window and long-stay institutions): checks/offices.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ccaudit.checks import CHECKS
from ccaudit.engine.packs import load_packs
from ccaudit.engine.runner import run_rules
from ccaudit.model.config import load_config
from ccaudit.model.declaration import load_declaration
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import RulePack
from tests.checks.judging import judge_rule
from tests.conftest import TODAY, apply_patches

STANDARD = load_packs(["standard"], CHECKS)[0]
AGENCY = "declarations/agency.yaml"
PROCESS = "declarations/process.yaml"
REGISTRY = "declarations/registry.yaml"
OFFICE = "contact_points/in-person.yaml"
MFC = "contact_points/one-window.yaml"
LONG_STAY = "contact_points/long-stay.yaml"
NOT_ADVISABLE = {AGENCY: {"agency": {"in_person_advisability": {"study_ref": "st-1", "decided_on": "2026-02-01",
                                                                  "confirmed": False}}}}


def judge(repo: Path, rule_id: str, patches: dict[str, Any] | None = None, point: str | None = "in-person",
          **params: Any) -> list[Problem]:
    """The problems the rule's check yields (tests/checks/judging.py)."""
    return judge_rule(repo, rule_id, patches, point, **params)


def findings(repo: Path, rule_ids: list[str]) -> list:
    pack = RulePack("standard", STANDARD.title, STANDARD.document, STANDARD.version, None,
                    tuple(r for r in STANDARD.rules if r.id in rule_ids))
    return list(run_rules([pack], load_declaration(repo), load_config(repo, today=TODAY), CHECKS))


# --- inheritance and the gate of the 4.6.7 preamble (B22) ------------------------------------------------------

def test_inheritance_ranges_of_4_6_8_2_and_4_6_9_1() -> None:
    for rule in STANDARD.rules:
        if not rule.clause.startswith("4.6.7.") or rule.subject != "contact_point":
            continue
        assert rule.via("one_window") == ("4.6.8.2" if rule.clause != "4.6.7.9" else None), rule.id
        assert rule.via("long_stay") == ("4.6.9.1" if rule.clause not in ("4.6.7.8", "4.6.7.9") else None), rule.id
    assert STANDARD.rule("4.6.7-a").subject == "agency"
    assert all(STANDARD.rule(f"4.6.7.9-{x}").subject == "agency" for x in "abcd")


def test_every_in_person_rule_is_not_applicable_to_offices_behind_a_negative_decision(base_repo: Path) -> None:
    apply_patches(base_repo, NOT_ADVISABLE)
    ids = [r.id for r in STANDARD.rules if r.clause.startswith("4.6.7.")]
    on_office = [f for f in findings(base_repo, ids) if f.item.id == "in-person"]
    assert {f.rule_id for f in on_office} == {r for r in ids if not r.startswith("4.6.7.9")}
    assert all(f.outcome is Outcome.NOT_APPLICABLE for f in on_office), \
        [(f.rule_id, f.outcome) for f in on_office if f.outcome is not Outcome.NOT_APPLICABLE]
    managers = [f for f in findings(base_repo, ["4.6.7.9-a"])]
    assert [f.outcome for f in managers] == [Outcome.NOT_APPLICABLE]


def test_the_gate_does_not_reach_one_window_and_long_stay_institutions(base_repo: Path) -> None:
    apply_patches(base_repo, NOT_ADVISABLE)
    result = {(f.item.id, f.outcome) for f in findings(base_repo, ["4.6.7.1-e"])}
    assert result == {("in-person", Outcome.NOT_APPLICABLE), ("one-window", Outcome.FAIL), ("long-stay", Outcome.FAIL)}


def test_without_a_decision_or_with_a_positive_one_offices_are_judged(base_repo: Path) -> None:
    assert [p.outcome for p in judge(base_repo, "4.6.7.1-e")] == [Outcome.FAIL]
    patches = {AGENCY: {"agency": {"in_person_advisability": {"confirmed": True}}}}
    assert [p.outcome for p in judge(base_repo, "4.6.7.1-e", patches)] == [Outcome.FAIL]


# --- 4.6.7-a ----------------------------------------------------------------------------------------------------

def decision(decided_on: str = "2026-02-01", completed_on: str | None = "2026-01-20",
             points: list[str] | None = None) -> dict[str, Any]:
    study: dict[str, Any] = {"id": "st-1", "title": "Исследование", "contact_point_ids": points or ["in-person"]}
    if completed_on:
        study["completed_on"] = completed_on
    return {AGENCY: {"agency": {"in_person_advisability": {"study_ref": "st-1", "decided_on": decided_on, "confirmed": False}}},
            PROCESS: {"research": {"studies": [study]}}}


def test_a_negative_decision_on_a_completed_study_of_the_offices_passes(base_repo: Path) -> None:
    assert judge(base_repo, "4.6.7-a", decision(), point=None) == []


def test_the_outcome_must_be_declared(base_repo: Path) -> None:
    patches = {AGENCY: {"agency": {"in_person_advisability": {"study_ref": "st-1", "decided_on": "2026-02-01"}}}}
    [problem] = judge(base_repo, "4.6.7-a", patches, point=None)
    assert "confirmed" in problem.args["problem"].en


def test_a_decision_after_the_reference_date_or_before_the_study_ends_fails(base_repo: Path) -> None:
    [late] = judge(base_repo, "4.6.7-a", decision(decided_on="2026-10-15", completed_on="2026-10-01"), point=None)
    assert "after the reference date" in late.args["problem"].en
    [early] = judge(base_repo, "4.6.7-a", decision(decided_on="2026-02-01", completed_on="2026-03-01"), point=None)
    assert "not completed" in early.args["problem"].en


def test_the_study_must_concern_the_offices_when_there_are_any(base_repo: Path) -> None:
    [problem] = judge(base_repo, "4.6.7-a", decision(points=["portal"]), point=None)
    assert "does not concern" in problem.args["problem"].en
    apply_patches(base_repo, {OFFICE: {"kind": "one_window"}})  # no office of the authority left
    assert judge(base_repo, "4.6.7-a", point=None) == []


# --- 4.6.7.1–4.6.7.4 --------------------------------------------------------------------------------------------

def test_declared_false_access_counts_as_declared_for_the_umbrella(base_repo: Path) -> None:
    patches = {REGISTRY: {"segment_profiles": [{"id": "sp-1", "title": "Все", "life_situation_ids": ["ls-1"]}]},
               OFFICE: {"segment_profile_ids": ["sp-1"], "accommodates": ["chronic_health", "work_incapacity"],
                        "location": {"transit_stop_distance_m": 500}, "parking": {"spaces": 0},
                        "accessibility": {"ramps": False, "step_free_route": False}}}
    assert judge(base_repo, "4.6.7.1-a", patches) == []
    apply_patches(base_repo, {OFFICE: {"accommodates": ["low_russian"]}})
    [problem] = judge(base_repo, "4.6.7.1-a")
    assert problem.args["missing"] == ["accommodates: chronic_health", "accommodates: work_incapacity"]


def test_information_duplicated_needs_a_form_for_visual_impairments(base_repo: Path) -> None:
    [empty] = judge(base_repo, "4.6.7.3")
    assert empty.args["forms"] == "—"
    [easy] = judge(base_repo, "4.6.7.3", {OFFICE: {"accessibility": {"info_duplication": ["easy_read", "video_sign_language"]}}})
    assert easy.args["forms"] == ["easy_read", "video_sign_language"]
    assert judge(base_repo, "4.6.7.3", {OFFICE: {"accessibility": {"info_duplication": ["large_print"]}}}) == []


def test_branding_needs_both_the_guidelines_and_their_application(base_repo: Path) -> None:
    assert len(judge(base_repo, "4.6.7.4-a")) == 2
    patches = {PROCESS: {"documents": {"office_branding_guidelines": {"ref": "Брендбук", "approved_on": "2026-10-01"}}},
               OFFICE: {"branding_applied": True}}
    [problem] = judge(base_repo, "4.6.7.4-a", patches)
    assert "not approved" in problem.args["problem"].en


# --- 4.6.7.5, 4.6.7.7 -------------------------------------------------------------------------------------------

def test_rules_not_approved_by_the_reference_date_fail_before_topics(base_repo: Path) -> None:
    patches = {PROCESS: {"documents": {"in_person_rules": {"ref": "Приказ", "approved_on": "2026-10-05", "covers": ["courtesy"]}}}}
    [problem] = judge(base_repo, "4.6.7.5", patches)
    assert problem.args["problem"].en == "not approved by the reference date"


def test_the_ramp_item_needs_the_call_button_once_the_rules_include_it(base_repo: Path) -> None:
    patches = {PROCESS: {"documents": {"disability_service_rules": {"ref": "Приказ", "approved_on": "2026-02-05",
                                                                    "covers": ["ramp_call"]}}}}
    [problem] = judge(base_repo, "4.6.7.7-b", patches)
    assert "ramp_call_button" in problem.args["problem"].en
    assert judge(base_repo, "4.6.7.7-b", {OFFICE: {"accessibility": {"ramp_call_button": True}}}) == []
    assert STANDARD.rule("4.6.7.7-b").modality == "may"


def test_optional_items_without_a_flag_need_only_the_code(base_repo: Path) -> None:
    patches = {PROCESS: {"documents": {"disability_service_rules": {"ref": "Приказ", "approved_on": "2026-02-05",
                                                                    "covers": ["guide_dog"]}}}}
    assert judge(base_repo, "4.6.7.7-c", patches) == []
    [problem] = judge(base_repo, "4.6.7.7-h")
    assert "sign_language" in problem.args["problem"].en


# --- 4.6.7.6 ----------------------------------------------------------------------------------------------------

def test_maximum_level_booking_rules_skip_long_stay_places_without_appointments(base_repo: Path) -> None:
    for rule_id in ("4.6.7.6-c", "4.6.7.6-d"):
        [problem] = judge(base_repo, rule_id, point="long-stay")
        assert problem.outcome is Outcome.NOT_APPLICABLE
        assert STANDARD.rule(rule_id).star_level == 5


def test_reminders_by_profile_need_profiles_that_say_how_to_reach_them(base_repo: Path) -> None:
    patches = {REGISTRY: {"segment_profiles": [{"id": "sp-1", "title": "Родители", "life_situation_ids": ["ls-1"],
                                                "preferred_channels": ["mobile_app"]}]},
               OFFICE: {"segment_profile_ids": ["sp-1"], "booking": {"reminder_channels_by_profile": True}}}
    [problem] = judge(base_repo, "4.6.7.6-c", patches)
    assert "digital skills" in problem.args["problem"].en
    apply_patches(base_repo, {REGISTRY: {"segment_profiles": [{"id": "sp-1", "title": "Родители", "life_situation_ids": ["ls-1"],
                                                               "preferred_channels": ["mobile_app"], "digital_skills": "high"}]}})
    assert judge(base_repo, "4.6.7.6-c") == []


def test_change_and_cancel_are_both_required(base_repo: Path) -> None:
    [problem] = judge(base_repo, "4.6.7.6-d", {OFFICE: {"booking": {"cancel": True}}})
    assert problem.args["missing"] == ["change"]


# --- 4.6.7.8 ----------------------------------------------------------------------------------------------------

def test_languages_are_not_applicable_without_foreign_clients(base_repo: Path) -> None:
    [problem] = judge(base_repo, "4.6.7.8", {OFFICE: {"languages": ["ru"]}})
    assert problem.outcome is Outcome.NOT_APPLICABLE


def test_russian_does_not_count_and_any_eaeu_language_does(base_repo: Path) -> None:
    [problem] = judge(base_repo, "4.6.7.8", {OFFICE: {"accommodates": ["low_russian"], "languages": ["ru", "tg"]}})
    assert problem.args["languages"] == ["ru", "tg"]
    assert judge(base_repo, "4.6.7.8", {OFFICE: {"languages": ["ru", "hy"]}}) == []
    assert judge(base_repo, "4.6.7.8", {OFFICE: {"languages": ["ru", "tg"]}}, languages=["tg"]) == []


def test_foreign_nationals_of_a_served_segment_make_languages_necessary(base_repo: Path) -> None:
    patches = {REGISTRY: {"segment_profiles": [{"id": "sp-1", "title": "Мигранты", "life_situation_ids": ["ls-1"],
                                                "foreign_nationals": True}]},
               MFC: {"segment_profile_ids": ["sp-1"]}}
    [problem] = judge(base_repo, "4.6.7.8", patches, point="one-window")
    assert problem.outcome is Outcome.FAIL and problem.args["languages"] == "—"


# --- 4.6.7.9 ----------------------------------------------------------------------------------------------------

def test_personal_managers_flags_must_be_true_and_need_own_offices(base_repo: Path) -> None:
    [problem] = judge(base_repo, "4.6.7.9-b", {AGENCY: {"agency": {"personal_manager": {"free": False}}}}, point=None)
    assert problem.args == {"field": "free", "value": False}
    apply_patches(base_repo, {OFFICE: {"kind": "one_window"}})
    [problem] = judge(base_repo, "4.6.7.9-b", point=None)
    assert problem.outcome is Outcome.NOT_APPLICABLE
