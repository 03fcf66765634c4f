"""Checks for 4.6.2: mobile apps (platforms, stores, security)."""

from __future__ import annotations

from collections.abc import Iterator

from ccaudit.checks.portal import _DAYS
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Problem
from ccaudit.model.rule import Text


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


@check("mobile_app.security_assessed", params={"properties": {"days": _DAYS}})
def security_assessed(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.2.4: the security and confidentiality of client data is confirmed by a current security assessment."""
    days = ctx.params.get("days", ctx.config.freshness_days)
    ref, when = item.get("security/assessment_ref"), item.get("security/assessed_on")
    if not ref or not ctx.is_fresh(when, days):
        yield Problem(item.at("security"), {"ref": ref or "—", "date": when or "—", "days": days})
