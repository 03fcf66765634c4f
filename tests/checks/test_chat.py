"""Edge cases of the checks of 4.6.6 (chat-bots, personal chats, voice assistants): checks/chat.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ccaudit.checks import CHECKS
from ccaudit.engine.packs import load_packs
from ccaudit.model.finding import Problem
from tests.checks.judging import judge_rule
from tests.conftest import apply_patches

STANDARD = load_packs(["standard"], CHECKS)[0]
PROCESS = "declarations/process.yaml"


def judge(repo: Path, rule_id: str, patches: dict[str, Any] | None = None, point: str = "chatbot") -> list[Problem]:
    """The problems the rule's check yields (tests/checks/judging.py)."""
    return judge_rule(repo, rule_id, patches, point)


def test_every_rule_of_4_6_6_is_inherited_by_voice_assistants() -> None:
    rules = [r for r in STANDARD.rules if r.clause.startswith("4.6.6.")]
    assert len(rules) == 18
    assert all(r.kinds == ("chatbot",) and r.via("voice_assistant") == "4.6.6" for r in rules)


def test_segment_info_needs_the_capability_and_what_it_informs_on(base_repo: Path) -> None:
    [problem] = judge(base_repo, "4.6.6.2-c", {"contact_points/chatbot.yaml": {"life_situation_ids": ["ls-1"]}})
    assert problem.args["missing"] == ["capabilities: life_situation_info", "segment_profile_ids"]


def test_consent_through_the_assistant_needs_both_directions(base_repo: Path) -> None:
    patches = {"contact_points/voice-assistant.yaml": {"capabilities": ["proactive_consent"]},
               PROCESS: {"consent": {"channels": ["voice-assistant"]}}}
    [problem] = judge(base_repo, "4.6.6.3-b", patches, point="voice-assistant")
    assert problem.args["missing"] == ["consent.withdrawal_channels"]
    apply_patches(base_repo, {PROCESS: {"consent": {"withdrawal_channels": ["voice-assistant"]}}})
    assert judge(base_repo, "4.6.6.3-b", point="voice-assistant") == []


def test_chat_answer_rules_must_be_approved_before_their_topics_count(base_repo: Path) -> None:
    rules = {"ref": "Правила ответов", "covers": ["style", "logic", "positive_tone", "live_communication"]}
    [problem] = judge(base_repo, "4.6.6.6", {PROCESS: {"documents": {"chat_answer_rules": rules}}})
    assert problem.args["problem"].en == "not approved by the reference date"
    apply_patches(base_repo, {PROCESS: {"documents": {"chat_answer_rules": {"approved_on": "2026-04-14"}}}})
    assert judge(base_repo, "4.6.6.6") == []
