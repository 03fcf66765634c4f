"""Edge cases of the checks of 4.6.3 (call centres and voice assistants): checks/phone.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ccaudit.checks import CHECKS
from ccaudit.checks.phone import hour_bands, mentions, open_minutes, spans, spoken, words
from ccaudit.engine.packs import load_packs
from ccaudit.model.finding import Outcome, Problem
from tests.checks.judging import judge_rule, outcomes

STANDARD = load_packs(["standard"], CHECKS)[0]
CC = "contact_points/call-center.yaml"
VA = "contact_points/voice-assistant.yaml"
REGISTRY = "declarations/registry.yaml"
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]


def judge(repo: Path, rule_id: str, patches: dict[str, Any] | None = None, point: str = "call-center",
          **params: Any) -> list[Problem]:
    """The problems the rule's check yields (tests/checks/judging.py)."""
    return judge_rule(repo, rule_id, patches, point, **params)




def script(sid: str, direction: str, *steps: tuple[str, str], call_type: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": sid, "direction": direction, "steps": [{"kind": k, "text": t} for k, t in steps]}
    if call_type:
        out["call_type"] = call_type
    return out


# --- helpers ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "ok"), [
    ("Министерство социальной защиты Приокской области, меня зовут Анна.",
     "Министерство социальной защиты населения Приокской области", True),   # 5 of 6 significant words, inflected
    ("Вы позвонили в министерство социальной защиты.", "Министерство социальной защиты населения Приокской области", False),
    ("Добрый день, ТВ, слушаю.", "ТВ", True),                                 # a short name verbatim
    ("Добрый день, ТВОЙ помощник.", "ТВ", False),                           # not inside another word
    ("Добрый день!", "", False),
])
def test_mentions_an_agency_name(text: str, name: str, ok: bool) -> None:
    assert mentions(text, name) is ok


def test_hour_bands() -> None:
    assert hour_bands("24x7") == {"morning", "day", "evening", "night"}
    assert hour_bands({"weekly": [{"days": WEEKDAYS, "open": "09:00", "close": "18:00"}]}) == {"morning", "day"}
    assert hour_bands({"weekly": [{"days": WEEKDAYS, "open": "20:00", "close": "08:00"}]}) == {"evening", "night", "morning"}
    assert hour_bands(None) is None


def test_words_count_times_dates_and_phone_numbers_once() -> None:
    assert len(words("Звоните 8 (800) 450-62-62 с 08:00 до 20:00, кроме 01.01.2027.")) == 8


def test_spoken_text_is_the_quoted_lines_when_instructions_are_mixed_in() -> None:
    text = "Если клиент кричит — не перебивать, дать высказаться, затем:\n\n«Я понимаю вас.»\n\n* утром — «Доброе утро!»"
    assert spoken(text) == "Я понимаю вас.\n\nДоброе утро!"
    plain = "Статус виден в приложении «Приокская соцзащита»."
    assert spoken(plain) == plain


def test_open_minutes_and_spans_with_breaks_and_overnight_periods() -> None:
    hours = {"weekly": [{"days": ["mon"], "open": "09:00", "close": "18:00", "breaks": ["13:00-14:00"]},
                        {"days": ["sun"], "open": "22:00", "close": "02:00"}]}
    minutes = open_minutes(hours)
    assert minutes is not None and len(minutes) == 8 * 60 + 4 * 60
    assert spans(minutes) == ["mon 00:00–02:00", "mon 09:00–13:00", "mon 14:00–18:00", "sun 22:00–24:00"]
    assert open_minutes(None) is None and len(open_minutes("24x7") or ()) == 7 * 1440


# --- script steps (4.6.3.7, 4.6.3.8) ------------------------------------------------------------------------------

def test_greeting_split_over_lines_in_a_file_is_read_as_one_text(base_repo: Path) -> None:
    (base_repo / "texts").mkdir()
    (base_repo / "texts" / "greeting.md").write_text(
        "«{приветствие_по_времени_суток}! Тестовое ведомство, меня зовут {имя оператора}. Чем я могу\nвам помочь?»", "utf-8")
    scripts = [{"id": "in-1", "direction": "inbound", "steps": [{"kind": "greeting", "file": "texts/greeting.md"}]}]
    assert judge(base_repo, "4.6.3.7-a", {CC: {"scripts": scripts, "hours": "24x7"}}) == []


@pytest.mark.parametrize(("hours", "greeting", "ok"), [
    ({"weekly": [{"days": WEEKDAYS, "open": "12:00", "close": "18:00"}]}, "Добрый день!", True),
    ({"weekly": [{"days": WEEKDAYS, "open": "08:00", "close": "20:00"}]}, "Добрый день!", False),
    ("24x7", "Доброе утро! Добрый день! Добрый вечер!", False),              # night needs «Здравствуйте»
    ("24x7", "Доброе утро! Добрый день! Добрый вечер! Ночью — «Здравствуйте!»", True),
    (None, "Добрый день!", False),                                          # no hours: at least two variants
    (None, "Доброе утро! Добрый день!", True),
])
def test_greeting_depends_on_the_time_of_day_of_the_line(base_repo: Path, hours: Any, greeting: str, ok: bool) -> None:
    text = greeting + " Тестовое ведомство, меня зовут Анна."
    patches = {CC: {"scripts": [script("out-1", "outbound", ("greeting", text))], "hours": hours}}
    assert (judge(base_repo, "4.6.3.8-a", patches) == []) is ok


def test_scripts_with_the_same_shortfall_are_reported_together(base_repo: Path) -> None:
    scripts = [script("in-1", "inbound", ("clarify", "Что у вас?")), script("in-2", "inbound", ("clarify", "Что у вас?")),
               script("out-1", "outbound", ("purpose", "Звоню вам."))]
    [problem] = judge(base_repo, "4.6.3.7-b", {CC: {"scripts": scripts}})
    assert problem.args["scripts"] == ["in-1", "in-2"] and problem.args["problem"].en == "no identify step"


def test_the_best_matching_step_counts(base_repo: Path) -> None:
    steps = (("callback_promise", "Вам перезвонят."), ("callback_promise", "Перезвоню сегодня до 17:00. Ваш номер телефона?"))
    assert judge(base_repo, "4.6.3.7-h", {CC: {"scripts": [script("in-1", "inbound", *steps)]}}) == []


def test_all_kinds_needs_each_farewell(base_repo: Path) -> None:
    scripts = [script("in-1", "inbound", ("farewell_unsatisfied", "Перезвоню до 17:00. До свидания!"))]
    [problem] = judge(base_repo, "4.6.3.7-j", {CC: {"scripts": scripts}})
    assert problem.args["problem"].en == "no farewell_satisfied step"


def test_purpose_must_come_early(base_repo: Path) -> None:
    steps = (("greeting", "Добрый день!"), ("identify", "Это Анна Петровна?"), ("purpose", "Звоню о выплате. Удобно говорить?"))
    [problem] = judge(base_repo, "4.6.3.8-b", {CC: {"scripts": [script("out-1", "outbound", *steps)]}})
    assert "first 2" in problem.args["problem"].en


@pytest.mark.parametrize(("rule_id", "outcome"), [("4.6.3.7-a", Outcome.NO_DATA), ("4.6.3.8-c", Outcome.NOT_APPLICABLE),
                                                  ("4.6.3.9", Outcome.FAIL)])
def test_what_missing_scripts_mean(base_repo: Path, rule_id: str, outcome: Outcome) -> None:
    scripts = [script("out-1", "outbound", ("greeting", "Добрый день!"), call_type="scenario")]
    patches = {CC: {"scripts": scripts}} if rule_id != "4.6.3.9" else {}
    assert outcomes(judge(base_repo, rule_id, patches)) == [outcome]


def test_scenario_answers_need_a_typical_question_or_a_callback_time(base_repo: Path) -> None:
    free = script("out-1", "outbound", ("answer", "Заявление подают на портале."), call_type="scenario")
    [problem] = judge(base_repo, "4.6.3.8-k", {CC: {"scripts": [free]}})
    assert "faq_id" in problem.args["problem"].en
    callback = script("out-1", "outbound", ("callback_promise", "Перезвоню вам завтра до 12:00."), call_type="scenario")
    assert judge(base_repo, "4.6.3.8-k", {CC: {"scripts": [callback]}}) == []


def test_return_may_be_part_of_the_hold_step(base_repo: Path) -> None:
    hold = "Подождите, пожалуйста, не больше двух минут. … Спасибо за ожидание! Вот что я выяснила."
    assert judge(base_repo, "4.6.3.7-g", {CC: {"scripts": [script("in-1", "inbound", ("hold", hold))]}}) == []


@pytest.mark.parametrize(("text", "ok"), [
    ("Подождите, пожалуйста, 1–2 минуты.", True),
    ("Можно я попрошу вас подождать не больше двух минут?", True),
    ("Минуточку, пожалуйста.", False),
    ("Ждите.", False),
])
def test_hold_states_a_duration(base_repo: Path, text: str, ok: bool) -> None:
    assert (judge(base_repo, "4.6.3.7-f", {CC: {"scripts": [script("in-1", "inbound", ("hold", text))]}}) == []) is ok


# --- 4.6.3.3-a: short, neutral phrases ---------------------------------------------------------------------------

def test_only_spoken_lines_are_measured_and_status_records_are_skipped(base_repo: Path) -> None:
    long_instruction = ("Если клиент повышает голос, но не оскорбляет, оператор не перебивает, даёт высказаться, "
                        "затем спокойно и доброжелательно, без спешки и без оценок, говорит следующее:\n\n«Я понимаю вас.»")
    steps = (("abuse_handling", long_instruction),
             ("status_record", "Оператор фиксирует в карточке обращения тему, жизненную ситуацию, результат, статус потребности, "
                               "дату и время звонка, номер телефона, имя клиента и отметку о согласии на обратный звонок."))
    assert judge(base_repo, "4.6.3.3-a", {CC: {"scripts": [script("in-1", "inbound", *steps)]}}) == []


def test_dismissive_phrases_and_long_phrases_are_reported(base_repo: Path) -> None:
    steps = (("answer", "Я не знаю. Это не ко мне."),)
    [problem] = judge(base_repo, "4.6.3.3-a", {CC: {"scripts": [script("in-1", "inbound", *steps)]}})
    assert "«я не знаю»" in problem.args["problem"].ru and "«это не ко мне»" in problem.args["problem"].ru
    many = " ".join(["слово"] * 12) + "."
    assert outcomes(judge(base_repo, "4.6.3.3-a", max_words=10,
                          patches={CC: {"scripts": [script("in-1", "inbound", ("answer", many))]}})) == [Outcome.FAIL]


# --- 4.6.3.8-h: short service names -------------------------------------------------------------------------------

LONG_TITLE = "Назначение ежемесячной денежной выплаты в связи с рождением (усыновлением) первого ребёнка"


@pytest.mark.parametrize(("service", "said", "failing"), [
    ({"short_name": "Выплата на первого ребёнка"}, "Вам назначили выплату на первого ребёнка.", False),
    ({"short_name": "Выплата на первого ребёнка"}, "О назначении ежемесячной денежной выплаты в связи с рождением первого ребёнка.",
     True),                                                                # inflected full title
    ({}, "Вы получаете ежемесячную денежную выплату в связи с рождением ребёнка.", True),   # long title, no short name
    ({}, "Вам назначена выплата.", False),
])
def test_service_names_in_scripts(base_repo: Path, service: dict, said: str, failing: bool) -> None:
    patches = {REGISTRY: {"services": [{"id": "svc-1", "title": LONG_TITLE, **service}]},
               CC: {"scripts": [script("out-1", "outbound", ("journey_position", said), call_type="scenario")]}}
    problems = judge(base_repo, "4.6.3.8-h", patches)
    assert bool(problems) is failing
    if problems and not service:
        assert "short_name" in problems[0].args["hint"].en


def test_a_short_title_needs_no_short_name(base_repo: Path) -> None:
    patches = {REGISTRY: {"services": [{"id": "svc-1", "title": "Социальное такси"}]},
               CC: {"scripts": [script("in-1", "inbound", ("answer", "Социальное такси можно заказать сейчас."))]}}
    assert judge(base_repo, "4.6.3.8-h", patches) == []


# --- 4.6.3.10-a: speech recognition in the closed hours -----------------------------------------------------------

LINE = {"hours": {"weekly": [{"days": WEEKDAYS, "open": "08:00", "close": "20:00"}]}}


def test_assistant_24x7_covers_the_line(base_repo: Path) -> None:
    patches = {CC: LINE, VA: {"speech_recognition": True, "serves": ["call-center"], "hours": "24x7"}}
    assert judge(base_repo, "4.6.3.10-a", patches, point="voice-assistant") == []


def test_assistant_linked_by_the_lines_offhours_channel_must_cover_weekends(base_repo: Path) -> None:
    off = {"weekly": [{"days": WEEKDAYS, "open": "20:00", "close": "08:00"}]}
    patches = {CC: {**LINE, "offhours_channel_id": "voice-assistant"}, VA: {"speech_recognition": True, "hours": off}}
    [problem] = judge(base_repo, "4.6.3.10-a", patches, point="voice-assistant")
    assert "sat 08:00–24:00" in problem.args["problem"].en and "sun 00:00–24:00" in problem.args["problem"].en


def test_assistant_without_hours_for_a_line_that_closes(base_repo: Path) -> None:
    [problem] = judge(base_repo, "4.6.3.10-a", {CC: LINE, VA: {"speech_recognition": True, "serves": ["call-center"]}},
                      point="voice-assistant")
    assert "no hours" in problem.args["problem"].en


def test_assistant_serving_no_line_needs_only_speech_recognition(base_repo: Path) -> None:
    assert judge(base_repo, "4.6.3.10-a", {VA: {"speech_recognition": True}}, point="voice-assistant") == []
    assert outcomes(judge(base_repo, "4.6.3.10-a", {VA: {"speech_recognition": False}}, point="voice-assistant")) == [Outcome.FAIL]
    assert judge(base_repo, "4.6.3.10-a", {CC: {"hours": "24x7"}, VA: {"speech_recognition": True, "serves": ["call-center"]}},
                 point="voice-assistant") == []
