"""Checks for 4.6.6: chat-bots, personal chats and voice assistants."""

from __future__ import annotations

from collections.abc import Iterator

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
