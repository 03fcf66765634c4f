"""Table 2 ladders against the worked examples of requirements-process.md §3 (E65–E74, E105–E132)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ccaudit.model.config import load_config
from ccaudit.model.declaration import load_declaration
from ccaudit.scoring.ladders import booking, journey_coverage, phone_availability, written_texts
from tests.conftest import TODAY, apply_patches
from tests.scoring.test_scale import SCALES

WEEKDAYS = {"weekly": [{"days": ["mon", "tue", "wed", "thu", "fri"], "open": "09:00", "close": "18:00"}]}


def stars_of(repo: Path, compute, unit: str, literal: bool = False) -> int | None:  # type: ignore[no-untyped-def]
    config = load_config(repo, today=TODAY)
    if literal:
        config = replace(config, ladders="literal")
    values = {v.unit.id: v for v in compute(load_declaration(repo), config, SCALES)}
    return values[unit].stars


# T2.1 ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("case", "assigned", "total", "covers", "maps", "expected"), [
    ("E65", 89, 100, True, 0, 0), ("E66", 90, 100, False, 0, 0), ("E67", 90, 100, True, 0, 1),
    ("E68", 9, 10, True, 6, 1), ("E69", 9, 10, True, 7, 2), ("E70", 9, 10, True, 10, 3), ("E71", 9, 10, True, 14, 4),
    ("E72", 95, 100, True, 19, 4), ("E73", 95, 100, True, 20, 5), ("E74", 85, 100, True, 20, 0),
])
def test_t2_1(base_repo: Path, case: str, assigned: int, total: int, covers: bool, maps: int, expected: int) -> None:
    situations = [{"id": f"ls-{i}", "title": f"Ситуация {i}", "segment_profile_ids": [f"sp-{j}" for j in range(5)]}
                  for i in range(4)]
    profiles = [{"id": f"sp-{j}", "title": f"Сегмент {j}", "covers_non_applicants": covers and j == 0} for j in range(5)]
    pairs = [(f"ls-{i}", f"sp-{j}") for i in range(4) for j in range(5)][:maps]
    journey = [{"id": f"jm-{k}", "life_situation_id": ls, "segment_profile_id": sp, "approved_on": "2026-02-01"}
               for k, (ls, sp) in enumerate(pairs)]
    apply_patches(base_repo, {
        "declarations/registry.yaml": {"life_situations": situations, "segment_profiles": profiles, "journey_maps": journey,
                                       "faq": [{"id": "faq-1", "question": "Вопрос?", "answer": "Ответ."}]},
        "declarations/agency.yaml": {"agency": {"applicant_segmentation": [
            {"period": "2026-Q3", "applicants_total": total, "applicants_assigned": assigned}]}},
    })
    assert stars_of(base_repo, journey_coverage, "base") == expected, case


def test_t2_1_without_applicant_counts_is_na(base_repo: Path) -> None:
    assert stars_of(base_repo, journey_coverage, "base") is None


# T2.3 ------------------------------------------------------------------------------------------------------

def phone_repo(repo: Path, *, offhours: bool, ow_24x7: bool, all_24x7: bool, p: tuple[int, int] | None) -> None:
    authority = {"hours": "24x7"} if all_24x7 else {"hours": WEEKDAYS}
    if offhours and not all_24x7:
        authority.update(offhours_channel_id="chatbot", callback={"offered": True, "in_working_hours": True})
    apply_patches(repo, {
        "contact_points/call-center.yaml": authority,
        "contact_points/chatbot.yaml": {"hours": "24x7"},
        "contact_points/mfc-line.yaml": {"id": "mfc-line", "kind": "call_center", "title": "Линия МФЦ",
                                         "serves": ["one-window"], "hours": "24x7" if ow_24x7 else WEEKDAYS,
                                         **({} if ow_24x7 else {"offhours_channel_id": "chatbot",
                                                                "callback": {"offered": True, "in_working_hours": True}})},
    })
    if p is not None:
        apply_patches(repo, {"declarations/metrics.yaml": {"metrics": [
            {"indicator": "T2.3", "period": "2026-Q3", "unit": "agency", "numerator": p[0], "denominator": p[1]}]}})


@pytest.mark.parametrize(("case", "offhours", "ow", "all24", "p", "expected", "literal"), [
    ("E105", False, False, False, None, 1, 1),
    ("E106", True, False, False, (65, 100), 2, 2),
    ("E107", True, False, False, (70, 100), 2, 2),
    ("E108", True, False, False, (701, 1000), 3, 3),
    ("E109", True, False, False, (85, 100), 3, 1),
    ("E110", True, False, False, (60, 100), 1, 1),
    ("E111", True, False, False, None, 1, 1),
    ("E112", True, True, False, (75, 100), 4, 4),
    ("E113", True, True, False, (65, 100), 2, 4),
    ("E114", True, True, True, (90, 100), 5, 5),
    ("E115", True, True, True, (65, 100), 2, 5),
])
def test_t2_3(base_repo: Path, case: str, offhours: bool, ow: bool, all24: bool, p: tuple[int, int] | None,
              expected: int, literal: int) -> None:
    phone_repo(base_repo, offhours=offhours, ow_24x7=ow, all_24x7=all24, p=p)
    assert stars_of(base_repo, phone_availability, "base") == expected, case
    assert stars_of(base_repo, phone_availability, "base", literal=True) == literal, case


def test_t2_3_without_phone_is_below_one(base_repo: Path) -> None:  # E116
    (base_repo / "contact_points" / "call-center.yaml").unlink()
    assert stars_of(base_repo, phone_availability, "base") == 0


def test_t2_3_voice_assistant_counts_only_with_the_option(base_repo: Path) -> None:
    apply_patches(base_repo, {"contact_points/call-center.yaml": {
        "hours": WEEKDAYS, "offhours_channel_id": "voice-assistant", "callback": {"offered": True, "in_working_hours": True}},
        "contact_points/voice-assistant.yaml": {"hours": "24x7"},
        "declarations/metrics.yaml": {"metrics": [
            {"indicator": "T2.3", "period": "2026-Q3", "unit": "call-center", "numerator": 75, "denominator": 100}]}})
    assert stars_of(base_repo, phone_availability, "call-center") == 1
    (base_repo / "ccaudit.yaml").write_text("period: 2026-Q3\nphone_offhours: chatbot_or_voice\n", encoding="utf-8")
    assert stars_of(base_repo, phone_availability, "call-center") == 3


# T2.4 ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("case", "current", "stale", "algorithm", "expected", "literal"), [
    ("E117", 4, 0, 0, 0, 0), ("E118", 5, 0, 0, 1, 1), ("E119", 10, 0, 0, 2, 2), ("E120", 10, 0, 3, 3, 3),
    ("E121", 10, 0, 5, 4, 4), ("E122", 10, 0, 10, 5, 5), ("E123", 9, 0, 10, 1, 5), ("E124", 9, 1, 0, 1, 1),
])
def test_t2_4(base_repo: Path, case: str, current: int, stale: int, algorithm: int, expected: int, literal: int) -> None:
    situations = []
    for i in range(10):
        updated = "2026-06-01" if i < current else ("2025-08-26" if i < current + stale else None)  # 400 days before
        situation = {"id": f"ls-{i}", "title": f"Ситуация {i}", "readability_check": i < algorithm}
        if updated:
            situation["answer_templates_updated_on"] = updated
        situations.append(situation)
    apply_patches(base_repo, {
        "declarations/registry.yaml": {"life_situations": situations, "segment_profiles": [{"id": "sp-1", "title": "С"}],
                                       "journey_maps": [], "faq": [{"id": "faq-1", "question": "В?", "answer": "О."}]},
        "contact_points/written.yaml": {"readability": {"algorithm_ref": "Приказ № 15 о проверке читаемости"}},
    })
    assert stars_of(base_repo, written_texts, "base") == expected, case
    assert stars_of(base_repo, written_texts, "base", literal=True) == literal, case


def test_t2_4_five_needs_the_algorithm_on_every_written_point(base_repo: Path) -> None:
    apply_patches(base_repo, {"declarations/registry.yaml": {"life_situations": [
        {"id": "ls-1", "title": "С", "answer_templates_updated_on": "2026-06-01", "readability_check": True}]}})
    assert stars_of(base_repo, written_texts, "base") == 4  # 4.6.4.6: no readability.algorithm_ref declared


# T2.7 ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("case", "declared", "prefers", "expected", "literal"), [
    ("E125", {}, ["portal"], 0, 0),
    ("E126", {"methods": [{"channel": "call_center"}]}, ["call_center"], 1, 1),
    ("E127", {"methods": [{"channel": "portal", "hours_24x7": True}, {"channel": "call_center"}]},
     ["portal", "call_center"], 2, 2),
    ("E128", {"methods": [{"channel": "portal", "hours_24x7": True}, {"channel": "chatbot", "hours_24x7": True}]},
     ["portal", "chatbot"], 3, 3),
    ("E129", {"methods": [{"channel": "portal", "hours_24x7": True}, {"channel": "chatbot", "hours_24x7": True}],
              "reminders_hours_before": [24], "change": True, "cancel": True}, ["portal", "chatbot"], 4, 4),
    ("E130", {"methods": [{"channel": "portal", "hours_24x7": True}, {"channel": "chatbot", "hours_24x7": True}],
              "reminders_hours_before": [24, 2], "change": True, "cancel": True, "reminder_by_confirmation": True,
              "reminder_channels_by_profile": True}, ["portal", "chatbot", "in_person"], 5, 5),
    ("E131", {"methods": [{"channel": "call_center"}], "reminders_hours_before": [24, 2], "change": True, "cancel": True,
              "reminder_by_confirmation": True, "reminder_channels_by_profile": True}, ["call_center"], 1, 5),
    ("E132", {"methods": [{"channel": "portal", "hours_24x7": True}, {"channel": "chatbot", "hours_24x7": True}],
              "reminders_hours_before": [24], "change": True}, ["portal", "chatbot"], 3, 3),
])
def test_t2_7(base_repo: Path, case: str, declared: dict, prefers: list[str], expected: int, literal: int) -> None:
    apply_patches(base_repo, {
        "declarations/registry.yaml": {"segment_profiles": [{"id": "sp-1", "title": "Родители", "preferred_channels": prefers}]},
        "contact_points/in-person.yaml": {"segment_profile_ids": ["sp-1"], "booking": declared or None},
    })
    assert stars_of(base_repo, booking, "in-person") == expected, case
    assert stars_of(base_repo, booking, "in-person", literal=True) == literal, case


def test_t2_7_long_stay_without_appointments_is_na(base_repo: Path) -> None:
    assert stars_of(base_repo, booking, "long-stay") is None
