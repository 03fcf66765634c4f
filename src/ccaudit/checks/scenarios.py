"""Checks for section 4.5: consent, services in scenarios, forms, feedback."""

from __future__ import annotations

from collections.abc import Iterator

from ccaudit.checks.common import present
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import OFFLINE_KINDS, Declaration, Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text


def service_channels(declaration: Declaration, service: Item) -> set[str]:
    """Kinds of the points of contact where a service is available (either side of the link)."""
    ids = set(service.get("contact_points") or [])
    return {p.contact_kind or "" for p in declaration.contact_points()
            if p.ref.id in ids or service.ref.id in (p.get("service_ids") or [])}


@check("consent.forms_cover_proactive")
def forms_cover_proactive(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.3: a consent form exists for every life situation with an approved proactive scenario."""
    proactive = sorted({s.get("life_situation_id") for s in ctx.declaration.of("client_scenario")
                        if s.get("proactive_possible") is True and ctx.approved_by_period_end(s.get("approved_on"))})
    covered = {f.get("life_situation_id") for f in item.get("forms") or []}
    missing = [ls for ls in proactive if ls not in covered]
    if missing:
        yield Problem(item.at("forms"), {"missing": missing})


@check("service.forms_quick", params={"properties": {"max_minutes": {"type": "number", "minimum": 1}}})
def forms_quick(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.6.6: every form takes at most 10 minutes (estimated) and is prefilled from the digital profile."""
    limit = ctx.params.get("max_minutes", 10)
    for i, form in enumerate(item.get("forms") or []):
        minutes = form.get("estimated_minutes")
        if not isinstance(minutes, (int, float)) or minutes > limit or form.get("prefilled_from_profile") is not True:
            yield Problem(item.at(f"forms/{i}"), {"form": form.get("id"), "minutes": "—" if minutes is None else minutes,
                                                  "prefilled": form.get("prefilled_from_profile") is True, "max": limit})


@check("service.in_person_within_minutes", params={"properties": {"max_minutes": {"type": "number", "minimum": 1}}})
def in_person_within_minutes(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.6.3: a service offered in person takes at most 5 minutes at the desk."""
    limit = ctx.params.get("max_minutes", 5)
    if not service_channels(ctx.declaration, item) & OFFLINE_KINDS:
        yield Problem(item.at(), {"reason": Text("услуга не предоставляется при личном приёме", "the service is not offered in person")}, Outcome.NOT_APPLICABLE)
        return
    minutes = item.get("in_person_max_minutes")
    if not isinstance(minutes, (int, float)) or minutes > limit:
        yield Problem(item.at("in_person_max_minutes"), {"minutes": "—" if minutes is None else minutes, "max": limit})


@check("service.convenient_channels")
def convenient_channels(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.1: the service is available through a channel that its clients' segment profiles prefer."""
    situations = {s.get("life_situation_id") for s in ctx.declaration.of("client_scenario")
                  if item.ref.id in (s.get("service_ids") or [])}
    preferred = {c for p in ctx.declaration.of("segment_profile")
                 if set(p.get("life_situation_ids") or []) & situations for c in p.get("preferred_channels") or []}
    if not preferred:
        yield Problem(item.at(), {"reason": Text("у сегментов её жизненных ситуаций не заявлены предпочтительные каналы", "no preferred channels are declared for the segments of its life situations")},
                      Outcome.NO_DATA)
        return
    channels = service_channels(ctx.declaration, item)
    if not channels & preferred:
        yield Problem(item.at("contact_points"), {"channels": sorted(channels) or "—", "preferred": sorted(preferred)})


@check("feedback.tools_cover_services_and_situations")
def tools_cover_services_and_situations(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.7.1: feedback tools let clients rate every service and every life situation."""
    tools = item.get("tools") or []
    rated = {(t.get("scope"), target) for t in tools for target in t.get("target_ids") or []}
    services = [s.ref.id for s in ctx.declaration.of("service") if ("service", s.ref.id) not in rated]
    situations = [s.ref.id for s in ctx.declaration.of("life_situation") if ("life_situation", s.ref.id) not in rated]
    if services or situations:
        yield Problem(item.at("tools"), {"services": services or "—", "situations": situations or "—"})


@check("feedback.single_methodology")
def single_methodology(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.7.2: one feedback methodology; a tool that names another one breaks comparability."""
    common = item.get("methodology_ref")
    if not present(common):
        yield Problem(item.at(), {"tools": Text("единая методика не задана", "no common methodology declared")})
        return
    differing = [t.get("id") for t in item.get("tools") or [] if present(t.get("methodology_ref")) and t["methodology_ref"] != common]
    if differing:
        yield Problem(item.at("tools"), {"tools": differing})


@check("feedback.tool_at_point", params={"properties": {"require": {"type": "array", "items": {
    "enum": ["scales", "free_text", "low_score_reason"]}}}})
def tool_at_point(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.9, 4.6.4.8, 4.6.6.4: a feedback tool at this point offers a rating scale (and what else is required)."""
    feedback = ctx.declaration.of("feedback")[0]
    tools = [t for t in feedback.get("tools") or [] if t.get("contact_point_id") == item.ref.id]
    required = list(ctx.params.get("require", ["scales"]))
    missing = [r for r in required if not any(present(t.get(r)) and t.get(r) is not False for t in tools)]
    if missing:
        yield Problem(item.at(), {"missing": missing, "tools": [t.get("id") for t in tools] or "—"})
