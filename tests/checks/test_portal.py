"""Edge cases of the checks of 4.6.1 (portals) and 4.6.2 (mobile apps): checks/portal.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ccaudit.checks import CHECKS
from ccaudit.checks.pages import browser_key, find_terms
from ccaudit.checks.portal import says_how_to_fix
from ccaudit.engine.packs import load_packs
from ccaudit.engine.runner import run_rules
from ccaudit.model.config import load_config
from ccaudit.model.declaration import load_declaration
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import RulePack
from tests.checks.judging import judge_rule, outcomes
from tests.conftest import TODAY

STANDARD = load_packs(["standard"], CHECKS)[0]
PORTAL = "contact_points/portal.yaml"
APP = "contact_points/mobile-app.yaml"
PROCESS = "declarations/process.yaml"
REGISTRY = "declarations/registry.yaml"


def judge(repo: Path, rule_id: str, patches: dict[str, Any] | None = None, point: str = "portal",
          **params: Any) -> list[Problem]:
    """The problems the rule's check yields (tests/checks/judging.py)."""
    return judge_rule(repo, rule_id, patches, point, **params)




# --- inheritance (4.6.2.1, B1) ---------------------------------------------------------------------------------

def test_every_portal_rule_but_4_6_1_4_and_4_6_1_18_is_inherited_by_apps() -> None:
    for rule in STANDARD.rules:
        if not rule.clause.startswith("4.6.1."):
            continue
        inherited = rule.via("mobile_app") == "4.6.2.1"
        assert inherited == (rule.clause not in ("4.6.1.4", "4.6.1.18")), rule.id


def test_browsers_and_printing_are_not_applicable_to_an_app(base_repo: Path) -> None:
    pack = RulePack("standard", STANDARD.title, STANDARD.document, STANDARD.version, None,
                    tuple(r for r in STANDARD.rules if r.id in ("4.6.1.13-b", "4.6.1.13-c")))
    findings = run_rules([pack], load_declaration(base_repo), load_config(base_repo, today=TODAY), CHECKS)
    on_app = [f for f in findings if f.item.id == "mobile-app"]
    assert {f.rule_id for f in on_app} == {"4.6.1.13-b", "4.6.1.13-c"}
    assert all(f.outcome is Outcome.NOT_APPLICABLE and f.via == "4.6.2.1" for f in on_app)
    assert all(f.outcome is Outcome.FAIL for f in findings if f.item.id == "portal")


# --- 4.6.1.1, 4.6.1.2 --------------------------------------------------------------------------------------------

def test_research_groups_are_pooled_over_studies_of_the_point(base_repo: Path) -> None:
    studies = [{"id": "st-a", "contact_point_ids": ["portal"], "participant_groups": ["visual", "hearing", "speech"]},
               {"id": "st-b", "contact_point_ids": ["portal", "mobile-app"],
                "participant_groups": ["musculoskeletal", "neurological", "temporarily_incapacitated"]}]
    assert judge(base_repo, "4.6.1.1", {PROCESS: {"research": {"studies": studies}},
                                        PORTAL: {"research_refs": ["st-a", "st-b"]}}) == []


def test_a_referenced_study_of_another_point_does_not_count(base_repo: Path) -> None:
    studies = [{"id": "st-cc", "contact_point_ids": ["call-center"],
                "participant_groups": ["temporarily_incapacitated", "visual", "hearing", "musculoskeletal", "speech",
                                       "neurological"]}]
    [problem] = judge(base_repo, "4.6.1.1", {PROCESS: {"research": {"studies": studies}},
                                             PORTAL: {"research_refs": ["st-cc"]}})
    assert problem.args["unrelated"] == ["st-cc"] and len(problem.args["missing"]) == 6


def test_no_studies_at_all_fails(base_repo: Path) -> None:
    [problem] = judge(base_repo, "4.6.1.1")
    assert problem.outcome is Outcome.FAIL and problem.args["studies"] == "—"


@pytest.mark.parametrize(("basis", "guides", "acts"), [
    ({"guides_ref": "Руководство, версия 2"}, [], [Outcome.NOT_APPLICABLE]),
    ({"legal_acts": ["pp_236_2016", "minkomsvyaz_405_2015"]}, [Outcome.NOT_APPLICABLE], []),
    ({"legal_acts": ["pp_236_2016"]}, [Outcome.FAIL], [Outcome.FAIL]),
])
def test_design_basis_guides_or_transitional_acts(base_repo: Path, basis: dict, guides: list, acts: list) -> None:
    assert outcomes(judge(base_repo, "4.6.1.2-a", {PORTAL: {"design_basis": basis}})) == guides
    assert outcomes(judge(base_repo, "4.6.1.2-b")) == acts


# --- 4.6.1.8 -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "ok"), [
    ("Введите дату в формате ДД.ММ.ГГГГ.", True),
    ("Повторите попытку позже.", True),
    ("Сеанс завершён. Войдите через Госуслуги ещё раз.", True),
    ("Номер счёта должен состоять из 20 цифр.", True),
    ("Файл можно загрузить только в формате PDF.", True),
    ("Некорректное значение.", False),
    ("Ошибка валидации поля.", False),
    ("Произошла ошибка на сайте.", False),
    ("Превышение лимита. Сведения о лимите в защите.", False),
])
def test_error_message_instruction(text: str, ok: bool) -> None:
    assert says_how_to_fix(text) is ok


def test_error_messages_without_instruction_are_each_reported(base_repo: Path) -> None:
    messages = [{"code": "A", "text": "Некорректное значение."}, {"code": "B", "text": "Укажите СНИЛС из 11 цифр."},
                {"code": "C", "text": "Ошибка 0x80070005"}]
    problems = judge(base_repo, "4.6.1.8-d", {PORTAL: {"error_messages": messages}})
    assert [p.args["code"] for p in problems] == ["A", "C"]
    assert outcomes(judge(base_repo, "4.6.1.8-d", {PORTAL: {"error_messages": None}})) == [Outcome.NO_DATA]


# --- 4.6.1.9 -----------------------------------------------------------------------------------------------------

def test_a_common_service_tool_without_targets_rates_every_service(base_repo: Path) -> None:
    tools = [{"id": "fb-p", "contact_point_id": "portal", "scope": "contact_point"},
             {"id": "fb-s", "scope": "service"}]
    assert judge(base_repo, "4.6.1.9-a", {PROCESS: {"feedback": {"tools": tools}}, PORTAL: {"service_ids": ["svc-1"]}}) == []


def test_services_listing_the_point_must_be_rated_and_other_points_tools_do_not_count(base_repo: Path) -> None:
    tools = [{"id": "fb-p", "contact_point_id": "portal", "scope": "contact_point"},
             {"id": "fb-s", "scope": "service", "target_ids": ["svc-1"]},
             {"id": "fb-cc", "contact_point_id": "call-center", "scope": "service"}]
    services = [{"id": "svc-1", "title": "Пособие"}, {"id": "svc-2", "title": "Выплата", "contact_points": ["portal"]}]
    [problem] = judge(base_repo, "4.6.1.9-a", {PROCESS: {"feedback": {"tools": tools}}, REGISTRY: {"services": services}})
    assert problem.args["missing"][0].en == "services svc-2"


def test_survey_current_when_it_overlaps_the_quarter(base_repo: Path) -> None:
    assert judge(base_repo, "4.6.1.9-d", {PORTAL: {"surveys": [{"topic": "Редизайн", "active_from": "2026-01-10"}]}}) == []
    later = [{"topic": "Редизайн", "active_from": "2026-10-01", "active_to": "2026-12-31"}]
    assert outcomes(judge(base_repo, "4.6.1.9-d", {PORTAL: {"surveys": later}})) == [Outcome.FAIL]
    undated = [{"topic": "Редизайн"}]
    assert outcomes(judge(base_repo, "4.6.1.9-d", {PORTAL: {"surveys": undated}})) == [Outcome.FAIL]


# --- 4.6.1.10 ----------------------------------------------------------------------------------------------------

def test_support_needs_both_24x7_and_priority_definitions(base_repo: Path) -> None:
    [problem] = judge(base_repo, "4.6.1.10-a", {PORTAL: {"tech_support": {"high_priority_hours": "24x7"}}})
    assert problem.args["missing"] == ["priority_definitions_ref"]


def test_support_channels_against_segment_preferences(base_repo: Path) -> None:
    profiles = [{"id": "sp-1", "title": "Родители", "life_situation_ids": ["ls-1"],
                 "preferred_channels": ["voice_assistant", "social", "one_window"]}]
    patches = {REGISTRY: {"segment_profiles": profiles},
               PORTAL: {"life_situation_ids": ["ls-1"], "tech_support": {"channels": ["call_center"]}}}
    [problem] = judge(base_repo, "4.6.1.10-d", patches)
    assert problem.args["missing"] == ["social"]  # the phone line covers the voice assistant; offices are not asked


def test_support_channels_without_preferences_is_no_data_and_without_channels_fails(base_repo: Path) -> None:
    assert outcomes(judge(base_repo, "4.6.1.10-d", {PORTAL: {"tech_support": {"channels": ["chatbot"]}}})) == [Outcome.NO_DATA]
    assert outcomes(judge(base_repo, "4.6.1.10-d", {PORTAL: {"tech_support": {"channels": []}}})) == [Outcome.FAIL]


def test_support_contacts_need_the_contacts_and_the_page_fact(base_repo: Path) -> None:
    [problem] = judge(base_repo, "4.6.1.10-c", {PORTAL: {"page_facts": {"support_contacts_every_page": True}}})
    assert problem.args["missing"] == ["tech_support.contacts"]


# --- studies behind models (4.6.1.11-d, 4.6.1.14-a, 4.6.1.15-a) ---------------------------------------------

def test_palette_study_needs_the_setting_itself(base_repo: Path) -> None:
    patches = {PROCESS: {"research": {"studies": [{"id": "st-ux", "contact_point_ids": ["portal"]}]}},
               PORTAL: {"design": {"palette_customisation": False, "palette_research_ref": "st-ux"}}}
    [problem] = judge(base_repo, "4.6.1.11-d", patches)
    assert problem.args["field"] == "design/palette_customisation"


def test_search_study_must_name_the_point(base_repo: Path) -> None:
    patches = {PROCESS: {"research": {"studies": [{"id": "st-s", "contact_point_ids": ["mobile-app"]}]}},
               PORTAL: {"search": {"requirements_ref": "st-s"}}, APP: {"search": {"requirements_ref": "st-s"}}}
    assert outcomes(judge(base_repo, "4.6.1.14-a", patches)) == [Outcome.FAIL]
    assert judge(base_repo, "4.6.1.14-a", point="mobile-app") == []


# --- terminology and length (4.6.1.11-f, 4.6.1.16-b/-c) ----------------------------------------------------------

def test_terms_match_at_word_start_only() -> None:
    assert find_terms("Очистите кэш-память и удалите куки.", ["кэш", "куки"]) == ["кэш-память", "куки"]
    assert find_terms("Данные закэшированы", ["кэш"]) == []
    assert find_terms("Сессия истекла: начните новую сессию.", ["сесси"]) == ["Сессия", "сессию"]


def test_terms_in_files_and_app_push_templates(base_repo: Path) -> None:
    (base_repo / "texts").mkdir()
    (base_repo / "texts" / "help.md").write_text("Если вход не работает, удалите токен из хранилища.", "utf-8")
    patches = {APP: {"training_content": [{"format": "text", "file": "texts/help.md"}],
                     "push": {"templates": [{"category": "transactional", "text": "Сессия истекла, войдите снова."}]}}}
    problems = judge(base_repo, "4.6.1.11-f", patches, point="mobile-app")
    assert [(p.args["where"], p.args["terms"]) for p in problems] == [("training_content/0", ["токен"]),
                                                                      ("push/templates/0", ["Сессия"])]
    assert [p.args["where"] for p in judge(base_repo, "4.6.1.16-b", point="mobile-app")] == ["training_content/0"]


def test_terms_lexicon_can_be_replaced_and_no_texts_is_no_data(base_repo: Path) -> None:
    patches = {PORTAL: {"error_messages": [{"text": "Проверьте ИНН налогоплательщика."}]}}
    assert judge(base_repo, "4.6.1.11-f", patches) == []
    assert len(judge(base_repo, "4.6.1.11-f", terms=["налогоплательщик"])) == 1
    assert outcomes(judge(base_repo, "4.6.1.16-b")) == [Outcome.NO_DATA]


def test_training_length_counts_words_of_text_items_only(base_repo: Path) -> None:
    content = [{"format": "text", "text": "один два три"}, {"format": "video", "ref": "https://x.ru/v"}]
    assert judge(base_repo, "4.6.1.16-c", {PORTAL: {"training_content": content}}, max_words=3) == []
    [problem] = judge(base_repo, "4.6.1.16-c", max_words=2)
    assert problem.args["words"] == 3


# --- 4.6.1.13 ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("viewport", "ok"), [("320x240", True), ("240x320", True), ("200x200", True),
                                              ("320x480", False), ("360x640", False)])
def test_min_viewport_at_most_320x240_either_way(base_repo: Path, viewport: str, ok: bool) -> None:
    problems = judge(base_repo, "4.6.1.13-a", {PORTAL: {"layout": {"min_viewport": viewport}, "page_facts": {"adaptive_layout": True}}})
    assert (problems == []) is ok


def test_adaptive_layout_without_viewport_fails(base_repo: Path) -> None:
    [problem] = judge(base_repo, "4.6.1.13-a", {PORTAL: {"page_facts": {"adaptive_layout": True}}})
    assert problem.args["problems"] == ["layout.min_viewport"]


@pytest.mark.parametrize(("name", "key"), [("Яндекс.Браузер", "yandex"), ("Яндекс Браузер", "yandex"), ("IE 11", "internet_explorer"),
                                           ("Google Chrome", "chrome"), ("Mozilla Firefox", "firefox"), ("Edge", None)])
def test_browser_names(name: str, key: str | None) -> None:
    assert browser_key(name) == key


def test_browser_tests_must_be_current_and_passed_and_only_ie_may_be_skipped(base_repo: Path) -> None:
    tests = [{"name": "Яндекс Браузер", "tested_on": "2026-07-10", "passed": True},
             {"name": "Chrome", "tested_on": "2025-01-10", "passed": True},
             {"name": "Firefox", "tested_on": "2026-07-10", "passed": False},
             {"name": "Safari", "tested_on": "2026-07-10", "passed": True},
             {"name": "Opera", "not_applicable_reason": "Мало пользователей"},
             {"name": "Internet Explorer", "not_applicable_reason": "Снят с поддержки в 2022 г."}]
    [problem] = judge(base_repo, "4.6.1.13-b", {PORTAL: {"layout": {"browsers_tested": tests}}})
    assert problem.args["browsers"] == ["Google Chrome", "Mozilla Firefox", "Opera"]


def test_print_styles_not_applicable_to_apps(base_repo: Path) -> None:
    assert outcomes(judge(base_repo, "4.6.1.13-c", point="mobile-app")) == [Outcome.NOT_APPLICABLE]


# --- 4.6.1.14, 4.6.1.15 ------------------------------------------------------------------------------------------

def test_search_morphology_defaults_to_russian(base_repo: Path) -> None:
    assert judge(base_repo, "4.6.1.14-h", {PORTAL: {"search": {"morphology_langs": ["ru"]}}}) == []
    [problem] = judge(base_repo, "4.6.1.14-h", {PORTAL: {"page_facts": {"interface_languages": ["ru", "tt"]}}})
    assert problem.args["missing"] == ["tt"]


def test_account_button_only_when_there_is_an_account(base_repo: Path) -> None:
    facts = {"navigation_elements": ["home_button", "login_logout_button"], "personal_account": False}
    assert judge(base_repo, "4.6.1.15-c", {PORTAL: {"page_facts": facts}}) == []


# --- 4.6.1.16 ----------------------------------------------------------------------------------------------------

def test_training_items_need_a_place(base_repo: Path) -> None:
    content = [{"format": "text", "text": "Как подать заявление"}, {"format": "infographic"}]
    [problem] = judge(base_repo, "4.6.1.16-a", {PORTAL: {"training_content": content}})
    assert "training_content/1" in problem.args["missing"].en


def test_training_accessibility_by_format(base_repo: Path) -> None:
    content = [{"format": "text", "text": "Инструкция"}, {"format": "video", "ref": "https://x.ru/v", "accessibility": ["transcript"]},
               {"format": "infographic", "ref": "https://x.ru/i", "accessibility": ["subtitles"]},
               {"format": "interactive", "ref": "Подсказки"}]
    [problem] = judge(base_repo, "4.6.1.16-d", {PORTAL: {"training_content": content}})
    assert problem.args["items"] == ["training_content/2 (infographic)", "training_content/3 (interactive)"]


def test_training_videos_for_new_services_only(base_repo: Path) -> None:
    services = [{"id": "svc-1", "title": "Старая", "launched_on": "2019-01-01"},
                {"id": "svc-2", "title": "Новая", "launched_on": "2026-05-01", "contact_points": ["portal"]},
                {"id": "svc-3", "title": "Будущая", "launched_on": "2026-11-01", "contact_points": ["portal"]}]
    [problem] = judge(base_repo, "4.6.1.16-e", {REGISTRY: {"services": services}, PORTAL: {"service_ids": ["svc-1"]}})
    assert problem.args["services"] == ["svc-2"]
    assert outcomes(judge(base_repo, "4.6.1.16-e", days=30)) == [Outcome.NOT_APPLICABLE]


def test_faq_of_other_life_situations_does_not_count(base_repo: Path) -> None:
    situations = [{"id": "ls-1", "title": "Рождение ребёнка"}, {"id": "ls-2", "title": "Выход на пенсию"}]
    faq = [{"id": "faq-1", "life_situation_id": "ls-2", "question": "Как?", "answer": "Так."}]
    patches = {REGISTRY: {"life_situations": situations, "faq": faq},
               PORTAL: {"life_situation_ids": ["ls-1"], "page_facts": {"faq_section": "https://x.ru/faq"}}}
    [problem] = judge(base_repo, "4.6.1.16-f", patches)
    assert problem.args["missing"][0].en.startswith("faq[]")
    assert outcomes(judge(base_repo, "4.6.1.16-g")) == [Outcome.NO_DATA]


def test_faq_study_must_be_of_the_same_life_situation(base_repo: Path) -> None:
    situations = [{"id": "ls-1", "title": "Рождение ребёнка"}, {"id": "ls-2", "title": "Выход на пенсию"}]
    studies = [{"id": "st-1", "life_situation_id": "ls-2"}, {"id": "st-2"}]
    faq = [{"id": "faq-1", "life_situation_id": "ls-1", "question": "Как?", "answer": "Так.", "research_ref": "st-1"},
           {"id": "faq-2", "question": "Где?", "answer": "Там.", "research_ref": "st-2"}]
    [problem] = judge(base_repo, "4.6.1.16-g", {REGISTRY: {"life_situations": situations, "faq": faq},
                                                PROCESS: {"research": {"studies": studies}}})
    assert problem.args["faq"] == ["faq-1"]


# --- 4.6.1.17, 4.6.1.18 ------------------------------------------------------------------------------------------

def test_legal_acts_for_services_listing_the_point(base_repo: Path) -> None:
    services = [{"id": "svc-1", "title": "Пособие", "contact_points": ["portal"]}]
    [problem] = judge(base_repo, "4.6.1.17-b", {REGISTRY: {"services": services}})
    assert problem.args["services"] == ["svc-1"]
    assert outcomes(judge(base_repo, "4.6.1.17-b", point="mobile-app")) == [Outcome.NOT_APPLICABLE]


def test_undated_documents_are_stale_and_no_documents_is_no_data(base_repo: Path) -> None:
    section = {"operator_docs": [{"title": "Положение"}], "legal_acts": [{"title": "Закон", "updated_on": "2026-05-01"}]}
    [problem] = judge(base_repo, "4.6.1.17-c", {PORTAL: {"documents_section": section}})
    assert problem.args["documents"] == ["Положение (—)"]
    assert outcomes(judge(base_repo, "4.6.1.17-c", point="mobile-app")) == [Outcome.NO_DATA]


def test_mobile_version_must_be_declared(base_repo: Path) -> None:
    assert outcomes(judge(base_repo, "4.6.1.18-a")) == [Outcome.FAIL]


# --- 4.6.2 -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("security", "ok"), [
    ({"assessment_ref": "Заключение № 1", "assessed_on": "2026-08-12"}, True),
    ({"assessment_ref": "Заключение № 1", "assessed_on": "2026-12-01"}, False),  # after the reference date
    ({"assessed_on": "2026-08-12"}, False),
])
def test_security_assessment_current(base_repo: Path, security: dict, ok: bool) -> None:
    assert (judge(base_repo, "4.6.2.4", {APP: {"security": security}}, point="mobile-app") == []) is ok
