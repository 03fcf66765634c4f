"""Checks for 4.6.1 (portals) and 4.6.2 (mobile apps)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ccaudit.checks.common import is_24x7
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text

ASSISTANT_KINDS = ("chatbot", "voice_assistant")
_CODE_WORDS = re.compile(r"(?i)\b(ошибка|error|код|code|err|exception|исключение|статус|status)\b")
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]{3,}")


def only_code(text: str, code: str | None) -> bool:
    """True when a message says nothing beyond a system code (4.6.1.8: «Недопустимо указание только системных кодов»)."""
    rest = text.replace(code, " ") if code else text
    rest = _CODE_WORDS.sub(" ", rest)
    rest = re.sub(r"\b(?=\w*\d)\w+\b", " ", rest)  # tokens containing digits are codes: 0x80070005, E-1024
    return len(_WORD.findall(rest)) < 2


@check("portal.assistant_declared")
def assistant_declared(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.4: the portal offers a personal virtual assistant, declared as a chatbot or voice_assistant point."""
    ref = item.get("virtual_assistant_id")
    target = ctx.declaration.find("contact_point", ref) if ref else None
    if target is None or target.contact_kind not in ASSISTANT_KINDS:
        yield Problem(item.at("virtual_assistant_id"),
                      {"assistant": ref or "—", "kind": target.contact_kind if target else "—"})


@check("portal.assistant_around_the_clock")
def assistant_around_the_clock(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.4: the portal's virtual assistant works around the clock without breaks."""
    ref = item.get("virtual_assistant_id")
    target = ctx.declaration.find("contact_point", ref) if ref else None
    if target is None:
        yield Problem(item.at("virtual_assistant_id"), {"assistant": "—"})
    elif not is_24x7(target.get("hours")):
        yield Problem(target.at("hours"), {"assistant": target.ref.id})


@check("portal.error_messages_described")
def error_messages_described(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.8: every error message describes the error and how to fix it, not only a system code."""
    messages = item.get("error_messages") or []
    if not messages:
        yield Problem(item.at(), {"reason": Text("сообщения об ошибках не заявлены", "no error messages are declared")}, Outcome.NO_DATA)
        return
    for i, message in enumerate(messages):
        text = str(message.get("text", ""))
        if only_code(text, message.get("code")):
            yield Problem(item.at(f"error_messages/{i}/text"), {"text": text})


@check("mobile_app.platforms_supported", params={"properties": {"platforms": {"type": "array", "minItems": 1,
                                                                             "items": {"type": "string"}}}})
def platforms_supported(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.2.2: the app runs on the main types of platforms (default: Android and iOS)."""
    required = ctx.params.get("platforms", ["android", "ios"])
    declared = {p.get("name") for p in item.get("platforms") or []}
    missing = [p for p in required if p not in declared]
    if missing:
        yield Problem(item.at("platforms"), {"missing": missing})


@check("mobile_app.platforms_current")
def platforms_current(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.2.2: the app supports the latest OS release and was released within the freshness window."""
    platforms = item.get("platforms") or []
    if not platforms:
        yield Problem(item.at("platforms"), {"platforms": Text("платформы не заданы", "no platforms declared")})
        return
    lagging = [p.get("name") for p in platforms
               if p.get("latest_os_supported") is not True or not ctx.is_fresh(p.get("last_release_on"))]
    if lagging:
        yield Problem(item.at("platforms"), {"platforms": lagging, "days": ctx.config.freshness_days})


@check("mobile_app.store_listings", params={"properties": {"flag": {"enum": ["public", "free"]}}, "required": ["flag"]})
def store_listings(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.2.3: the app is listed in at least one store, and every listing is public (or free)."""
    flag = ctx.params["flag"]
    listings = item.get("store_listings") or []
    failing = [str(s.get("store")) for s in listings if s.get(flag) is not True]
    if not listings or failing:
        yield Problem(item.at("store_listings"), {"stores": failing or Text("нет ни одного магазина", "no store listing")})
