"""Checks for 4.6.5: social networks and public chats in messengers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ccaudit.checks.wording import text_counts as counts
from ccaudit.checks.wording import words
from ccaudit.checks.written import COUNTS, LIMIT_LABELS
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text


@check("social.moderation_rules_published")
def moderation_rules_published(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.5.1: the moderation rules are published on this official page or chat."""
    docs = ctx.declaration.of("documents")[0]
    published = docs.get("moderation_rules/published_urls") or []
    url = item.get("url")
    if not item.get("moderation_rules_url") and url not in published:
        yield Problem(item.at("moderation_rules_url"), {"url": url or "—"})


def template_limits(ctx: CheckContext, item: Item, template: dict[str, Any]) -> dict[str, float]:
    """The strictest count limits of the segments a template targets (its own, else the point's segments)."""
    targets = set(template.get("segment_profile_ids") or item.get("segment_profile_ids") or [])
    limits: dict[str, float] = {}
    for profile in ctx.declaration.of("segment_profile"):
        if profile.ref.id not in targets:
            continue
        for key, value in (profile.get("readability_limits") or {}).items():
            if key in COUNTS:
                limits[key] = min(value, limits.get(key, value))
    return limits


def templates_with_text(ctx: CheckContext, item: Item, categories: tuple[str, ...] = ()) -> list[tuple[int, dict[str, Any], str]]:
    """(index, template, text) of the point's answer templates, optionally of some categories only."""
    found = []
    for i, template in enumerate(item.get("answer_templates") or []):
        if categories and template.get("category") not in categories:
            continue
        text = ctx.declaration.text_of(template)
        if text:
            found.append((i, template, text))
    return found


# --- 4.6.5.4: concise answers ---------------------------------------------------------------------------------

@check("social.typical_answers_short", params={"properties": {"max_words": {"type": "integer", "minimum": 1}}})
def typical_answers_short(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.5.4: templates of typical answers exist and are concise (word limit: the segments' max_words, else ccaudit's)."""
    typical = templates_with_text(ctx, item, ("typical",))
    if not typical:
        yield Problem(item.at("answer_templates"), {"problem": Text("нет шаблонов категории typical",
                                                                    "no templates of category typical")})
        return
    default = ctx.params.get("max_words", 100)
    for i, template, text in typical:
        limit = min(default, template_limits(ctx, item, template).get("max_words", default))
        count = len(words(text))
        if count > limit:
            yield Problem(item.at(f"answer_templates/{i}"), {"problem": Text(
                f"шаблон {template.get('id')}: {count} слов, допустимо не более {limit:g}",
                f"template {template.get('id')}: {count} words, at most {limit:g} allowed")})


# --- 4.6.5.5: accessible, understandable answers (the count limits of the segments) ----------------------------

@check("social.answers_within_limits")
def answers_within_limits(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.5.5: answer templates keep within the readability limits (counts) of the segments they are written for."""
    found = templates_with_text(ctx, item)
    if not found:
        yield Problem(item.at("answer_templates"), {"template": "—", "excess": Text("нет шаблонов ответов", "no answer templates")})
        return
    judged = 0
    for i, template, text in found:
        limits = template_limits(ctx, item, template)
        if not limits:
            continue
        judged += 1
        have = counts(text)
        excess = [Text(f"{LIMIT_LABELS[k][0]} {have[k]} > {v:g}", f"{LIMIT_LABELS[k][1]} {have[k]} > {v:g}")
                  for k, v in limits.items() if have[k] > v]
        if excess:
            yield Problem(item.at(f"answer_templates/{i}"), {"template": template.get("id"), "excess": excess})
    if not judged:
        yield Problem(item.at("answer_templates"), {"reason": Text(
            "у сегментов, для которых написаны шаблоны, не заданы readability_limits",
            "the segments the templates are written for declare no readability_limits")}, Outcome.NO_DATA)


# --- 4.6.5.6: positive emoji only -------------------------------------------------------------------------------

NEGATIVE_EMOJI = ("😡", "🤬", "😠", "🙄", "😏", "😒", "😤", "🤦", "💩", "👎", "🖕", "😑", "🤡")
"""Emoji of a negative or ironic attitude (TS-04); ccaudit's list, replaceable by tailoring.params."""
LAUGHTER_EMOJI = ("😂", "🤣")
"""Laughter, out of place outside thanks (TS-04: laughter in replies to complaints)."""


@check("social.positive_emoji_only", params={"properties": {
    "negative": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "laughter": {"type": "array", "items": {"type": "string", "minLength": 1}}}})
def positive_emoji_only(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.5.6: the emoji in answer templates show a positive attitude (no negative, ironic or mocking ones)."""
    found = templates_with_text(ctx, item)
    if not found:
        yield Problem(item.at("answer_templates"), {"reason": Text("нет шаблонов ответов", "no answer templates")}, Outcome.NO_DATA)
        return
    negative = list(ctx.params.get("negative", NEGATIVE_EMOJI))
    laughter = list(ctx.params.get("laughter", LAUGHTER_EMOJI))
    for i, template, text in found:
        bad = [e for e in negative if e in text]
        if template.get("category") != "gratitude":
            bad += [e for e in laughter if e in text]
        if bad:
            yield Problem(item.at(f"answer_templates/{i}"), {"template": template.get("id"), "emoji": bad})
