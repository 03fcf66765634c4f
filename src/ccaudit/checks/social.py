"""Checks for 4.6.5: social networks and public chats in messengers."""

from __future__ import annotations

from collections.abc import Iterator

from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Problem


@check("social.moderation_rules_published")
def moderation_rules_published(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.5.1: the moderation rules are published on this official page or chat."""
    docs = ctx.declaration.of("documents")[0]
    published = docs.get("moderation_rules/published_urls") or []
    url = item.get("url")
    if not item.get("moderation_rules_url") and url not in published:
        yield Problem(item.at("moderation_rules_url"), {"url": url or "—"})
