"""Checks for 4.6.6: chat-bots, personal chats and voice assistants."""

from __future__ import annotations

from collections.abc import Iterator

from ccaudit.checks.channels import document_problem
from ccaudit.checks.common import present
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Problem


@check("chatbot.operator_handoff")
def operator_handoff(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.6.5: at any stage the client can reach an operator, through at least one channel."""
    handoff = item.get("operator_handoff") or {}
    missing = []
    if handoff.get("any_stage") is not True:
        missing.append("any_stage")
    if not handoff.get("channels"):
        missing.append("channels")
    if missing:
        yield Problem(item.at("operator_handoff"), {"missing": missing})


@check("chatbot.segment_info")
def segment_info(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.6.2: the assistant informs on life situations and services by segment profile: it knows which ones."""
    missing = [] if "life_situation_info" in (item.get("capabilities") or []) else ["capabilities: life_situation_info"]
    missing += [f for f in ("life_situation_ids", "segment_profile_ids") if not present(item.get(f))]
    if missing:
        yield Problem(item.at("capabilities" if missing[0].startswith("capabilities") else missing[0]), {"missing": missing})


@check("chatbot.proactive_consent")
def proactive_consent(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.6.3: consent to proactive provision can be given and withdrawn through the assistant (4.5.3.2, 4.5.3.3)."""
    consent = ctx.declaration.of("consent")[0]
    missing = [] if "proactive_consent" in (item.get("capabilities") or []) else ["capabilities: proactive_consent"]
    missing += [f"consent.{f}" for f in ("channels", "withdrawal_channels") if item.ref.id not in (consent.get(f) or [])]
    if missing:
        yield Problem(item.at("capabilities"), {"missing": missing})


CHAT_RULE_TOPICS = ("style", "logic", "positive_tone", "live_communication")
"""What 4.6.6.6 asks the rules of answers in personal chats to cover, as codes of documents.chat_answer_rules.covers."""


@check("chatbot.answer_rules")
def answer_rules(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.6.6: rules of answers in personal chats are approved and cover style, logic, positive tone, live talk."""
    problem = document_problem(ctx, "chat_answer_rules", list(CHAT_RULE_TOPICS))
    if problem:
        yield Problem(ctx.declaration.of("documents")[0].at(problem[0]), {"document": "chat_answer_rules", "problem": problem[1]})
