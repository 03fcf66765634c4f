"""Edge cases of the checks of 4.6.5 (social networks and public chats): checks/social.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ccaudit.checks import CHECKS
from ccaudit.checks.wording import sentences, words
from ccaudit.checks.wording import text_counts as counts
from ccaudit.engine.packs import load_packs
from ccaudit.model.finding import Outcome, Problem
from tests.checks.judging import judge_rule
from tests.conftest import apply_patches

STANDARD = load_packs(["standard"], CHECKS)[0]
SOCIAL = "contact_points/social.yaml"
REGISTRY = "declarations/registry.yaml"


def judge(repo: Path, rule_id: str, patches: dict[str, Any] | None = None, **params: Any) -> list[Problem]:
    """The problems the rule's check yields (tests/checks/judging.py)."""
    return judge_rule(repo, rule_id, patches, "social", **params)


def templates(*entries: tuple[str, str] | tuple[str, str, list[str]]) -> dict[str, Any]:
    found = []
    for i, entry in enumerate(entries):
        template: dict[str, Any] = {"id": f"s-{i + 1}", "category": entry[0], "text": entry[1]}
        if len(entry) > 2:
            template["segment_profile_ids"] = entry[2]
        found.append(template)
    return {SOCIAL: {"answer_templates": found}}


def profiles(*limits: dict[str, Any]) -> dict[str, Any]:
    return {REGISTRY: {"segment_profiles": [{"id": f"sp-{i + 1}", "title": f"Сегмент {i + 1}", "life_situation_ids": ["ls-1"],
                                             "readability_limits": lim} for i, lim in enumerate(limits)]}}


# --- counting ----------------------------------------------------------------------------------------------------

def test_numbers_are_not_words_and_hyphenated_forms_are_one() -> None:
    # The counting contract (docs/methodology.md): times, dates and numbers are not words; «кое-что» is one word.
    assert words("Приходите с 08:00 до 20:00, 14.04.2025 г. кое-что") == ["Приходите", "с", "до", "г", "кое-что"]


def test_list_items_and_blank_lines_end_sentences() -> None:
    text = "Правила сообщества:\n\n1. Отвечаем в будни\n2. Скрываем личные данные\n- Не удаляем критику"
    assert [len(words(s)) for s in sentences(text)] == [2, 3, 3, 3]


def test_counts_of_a_text() -> None:
    assert counts("Спасибо! Ответим до 20 марта.") == {"max_chars": 29, "max_letters": 21, "max_words": 4, "max_sentences": 2,
                                                      "max_words_per_sentence": 3}


# --- 4.6.5.4-b ---------------------------------------------------------------------------------------------------

def test_the_segments_max_words_is_stricter_than_the_default(base_repo: Path) -> None:
    text = "Здравствуйте! Пособие назначим за десять рабочих дней."
    patches = {**profiles({"max_words": 5}), **templates(("typical", text, ["sp-1"]))}
    [problem] = judge(base_repo, "4.6.5.4-b", patches)
    assert problem.args["problem"].en == "template s-1: 7 words, at most 5 allowed"
    assert judge(base_repo, "4.6.5.4-b", max_words=3) != []
    assert judge(base_repo, "4.6.5.4-b", profiles({"max_words": 50})) == []


def test_only_typical_templates_count(base_repo: Path) -> None:
    [problem] = judge(base_repo, "4.6.5.4-b", templates(("gratitude", "Спасибо за добрые слова!")))
    assert problem.args["problem"].en == "no templates of category typical"


# --- 4.6.5.5 ------------------------------------------------------------------------------------------------------

def test_without_limits_there_is_no_verdict(base_repo: Path) -> None:
    [problem] = judge(base_repo, "4.6.5.5", templates(("typical", "Очень длинный ответ " * 40)))
    assert problem.outcome is Outcome.NO_DATA


def test_the_template_segments_override_the_point_segments_and_the_strictest_wins(base_repo: Path) -> None:
    text = "Подайте заявление на портале или в МФЦ. Мы ответим за пять рабочих дней."
    apply_patches(base_repo, {**profiles({"max_words_per_sentence": 20}, {"max_words_per_sentence": 6, "max_sentences": 1}),
                              SOCIAL: {"segment_profile_ids": ["sp-1"]}})
    apply_patches(base_repo, templates(("typical", text, ["sp-1", "sp-2"])))
    [problem] = judge(base_repo, "4.6.5.5")
    assert [t.en for t in problem.args["excess"]] == ["words per sentence 7 > 6", "sentences 2 > 1"]
    apply_patches(base_repo, templates(("typical", text)))  # no own segments: the point's sp-1
    assert judge(base_repo, "4.6.5.5") == []


def test_no_templates_fail(base_repo: Path) -> None:
    [problem] = judge(base_repo, "4.6.5.5")
    assert problem.outcome is Outcome.FAIL


# --- 4.6.5.6 ------------------------------------------------------------------------------------------------------

def test_laughter_is_fine_only_in_thanks_and_zwj_sequences_are_found(base_repo: Path) -> None:
    patches = templates(("gratitude", "Спасибо, вы нас рассмешили 😂"), ("abuse", "Ну что тут скажешь 😂"),
                        ("typical", "Опять этот вопрос 🤦‍♂️"), ("typical", "Рады помочь 🙂👍"))
    problems = judge(base_repo, "4.6.5.6", patches)
    assert [(p.args["template"], p.args["emoji"]) for p in problems] == [("s-2", ["😂"]), ("s-3", ["🤦"])]


def test_no_templates_is_no_data_and_the_list_is_a_param(base_repo: Path) -> None:
    [problem] = judge(base_repo, "4.6.5.6")
    assert problem.outcome is Outcome.NO_DATA
    assert judge(base_repo, "4.6.5.6", templates(("typical", "Готово 👍")), negative=["👍"]) != []
