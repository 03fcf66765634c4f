"""Checks for feedback (4.5.6.4, 4.5.7) and the feedback tools of points of contact (4.6.1.9, 4.6.4.8, 4.6.6.4)."""

from __future__ import annotations

from collections.abc import Iterator

from ccaudit.checks.common import present
from ccaudit.checks.scenarios import approved_scenarios
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text


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


@check("feedback.tools_rate_satisfaction")
def tools_rate_satisfaction(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.1: feedback on satisfaction exists: tools are declared and each offers a rating scale."""
    tools = item.get("tools") or []
    unscaled = [t.get("id") for t in tools if not present(t.get("scales"))]
    if not tools or unscaled:
        yield Problem(item.at("tools"), {"tools": unscaled or Text("инструменты не заявлены", "no tools declared")})


@check("feedback.services_prompt_satisfaction")
def services_prompt_satisfaction(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.6.4: after a service of a client scenario is provided, the client's satisfaction rating is asked for."""
    in_scenarios = {sid for s in approved_scenarios(ctx) for sid in s.get("service_ids") or []}
    services = [s for s in ctx.declaration.of("service") if s.ref.id in in_scenarios]
    if not services:
        yield Problem(item.at(), {"reason": Text("нет услуг в утверждённых клиентских сценариях",
                                                 "no services in approved client scenarios")}, Outcome.NOT_APPLICABLE)
        return
    silent = [s.ref.id for s in services if s.get("satisfaction_prompt") is not True]
    if silent:
        yield Problem(item.at(), {"services": silent})


@check("feedback.follow_up_kept")
def follow_up_kept(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.6.10: every approved scenario keeps in touch with clients whose need may become satisfiable later."""
    ready = approved_scenarios(ctx)
    if not ready:
        yield Problem(item.at(), {"reason": Text("нет утверждённых клиентских сценариев", "no approved client scenarios")},
                      Outcome.NOT_APPLICABLE)
        return
    silent = [s.ref.id for s in ready if s.get("follow_up_subscription") is not True]
    if silent:
        yield Problem(item.at(), {"scenarios": silent})


@check("feedback.used_for_needs_and_design")
def used_for_needs_and_design(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.7.3: feedback results are used, with a decision, both to study needs and to design or reengineer services."""
    usage = item.get("usage") or []
    decided = {u.get("target") for u in usage if present(u.get("decision"))}
    missing = []
    if "research" not in decided:
        missing.append(Text("изучение потребностей (research)", "studying needs (research)"))
    if not decided & {"design", "reengineering"}:
        missing.append(Text("проектирование или реинжиниринг (design, reengineering)", "design or reengineering"))
    undecided = [str(i + 1) for i, u in enumerate(usage) if not present(u.get("decision"))]
    if missing or undecided:
        yield Problem(item.at("usage"), {"missing": missing or "—", "undecided": undecided or "—"})


@check("feedback.publication_current", params={"properties": {
    "breakdowns": {"type": "array", "items": {"enum": ["life_situation", "service", "contact_point"]}},
    "decisions": {"type": "boolean"}}})
def publication_current(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.7.5: aggregated feedback (and the decisions on it) is published, broken down as required, and current."""
    publication = item.get("publication") or {}
    problems: list[Text] = []
    if not present(publication.get("url")):
        problems.append(Text("не указан адрес публикации", "no publication address"))
    declared = publication.get("breakdowns") or []
    missing = [b for b in ctx.params.get("breakdowns", []) if b not in declared]
    if missing:
        problems.append(Text(f"нет разрезов: {', '.join(missing)}", f"missing breakdowns: {', '.join(missing)}"))
    if ctx.params.get("decisions") and publication.get("includes_decisions") is not True:
        problems.append(Text("не публикуются принятые решения", "the decisions are not published"))
    if not ctx.is_fresh(publication.get("updated_on")):
        problems.append(Text(f"не обновлялась за {ctx.config.freshness_days} дн. до {ctx.as_of.isoformat()}",
                             f"not updated within {ctx.config.freshness_days} days before {ctx.as_of.isoformat()}"))
    if problems:
        yield Problem(item.at("publication"), {"problem": problems})
