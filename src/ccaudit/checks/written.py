"""Checks for 4.6.4 (written answers, mailings) and 4.6.5 (social networks, public chats)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Problem
from ccaudit.model.rule import Text

ACK_PARTS: tuple[tuple[str, Text, re.Pattern[str]], ...] = (
    ("greeting", Text("приветствие", "greeting"), re.compile(r"(?i)здравствуй|добр(ый|ое|ого) (день|утро|вечер)|уважаем|приветствуем")),
    ("thanks", Text("благодарность", "thanks"), re.compile(r"(?i)спасибо|благодар")),
    ("deadline", Text("срок ответа", "answer deadline"),
     re.compile(r"(?i)в течение|не позднее|\bдо \d|\bсрок|\d+\s*(рабоч|календарн|дн|дня|дней|час)")),
)
"""The three parts 4.6.4.3 asks of an acknowledgement, with a pattern that finds each."""


@check("written.acknowledgement_complete")
def acknowledgement_complete(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.3: the acknowledgement contains a greeting, thanks for the time and the deadline of the answer."""
    template = item.get("acknowledgement/template")
    text = ctx.declaration.text_of(template) if isinstance(template, dict) else None
    if not text:
        yield Problem(item.at("acknowledgement"), {"missing": [label for _, label, _ in ACK_PARTS]})
        return
    missing = [label for _, label, pattern in ACK_PARTS if not pattern.search(text)]
    if missing:
        yield Problem(item.at("acknowledgement/template"), {"missing": missing})


@check("written.classified_automatically")
def classified_automatically(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.2: incoming letters are classified automatically by topic, sentiment and content."""
    declared = item.get("classification/by") or []
    missing = [c for c in ("topic", "sentiment", "content") if c not in declared]
    if item.get("classification/automatic") is not True:
        missing = ["automatic", *missing]
    if missing:
        yield Problem(item.at("classification"), {"missing": missing})
