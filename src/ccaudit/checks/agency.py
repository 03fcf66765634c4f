"""Checks for sections 4.2, 5, 7, 8 and the typical plan: plans, teams, training, documents, plan items."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from ccaudit.checks.common import document_current, present
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import ALL_CONTACT_POINT_KINDS, Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text

SOFT_SKILLS = ("empathy", "business_relationships", "persuasion", "teamwork", "result_focus", "energy", "self_development",
               "stress_management", "situational_leadership", "creative_thinking", "change_management",
               "feedback_management", "mentoring")
"""The 13 personal competences and soft skills of section 7 (7-b), in the order of the text."""

PLAN_PARTS: dict[str, Text] = {
    "approved": Text("не утверждён к отчётной дате", "not approved by the reference date"),
    "document": Text("не указан утверждающий акт", "no approving act"),
    "situations": Text("не названы жизненные ситуации", "no life situations named"),
    "recommendations": Text("не указаны учтённые рекомендации Проектного офиса",
                            "the Project Office recommendations taken into account are not cited"),
    "internal_client_standard": Text("не отмечено соответствие Стандарту «Государство для внутреннего клиента»",
                                     "not marked as following «Государство для внутреннего клиента»"),
}
"""What a plan of the year must have (4.2.2-a, 4.2.2-b), by the codes of `agency.annual_plan_current`'s params."""


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _plan_shortfalls(ctx: CheckContext, plan: Any, required: list[str]) -> list[Text]:
    tests = {
        "approved": lambda: ctx.approved_by_period_end(plan.get("approved_on")),
        "document": lambda: present(plan.get("document_ref")),
        "situations": lambda: present(plan.get("life_situation_ids")),
        "recommendations": lambda: present(plan.get("project_office_recommendations_ref")),
        "internal_client_standard": lambda: plan.get("follows_internal_client_standard") is True,
    }
    return [PLAN_PARTS[code] for code in required if not tests[code]()]


@check("agency.annual_plan_current", params={"properties": {"require": {
    "type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(PLAN_PARTS)}}}})
def annual_plan_current(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.2.2: a plan for the audited year is declared with what the clause asks (approval, act, situations, …)."""
    year = ctx.config.period.year
    required = list(ctx.params.get("require", ["approved", "document", "situations", "internal_client_standard"]))
    plans = [(i, p) for i, p in enumerate(item.get("annual_plans") or []) if p.get("year") == year]
    if not plans:
        yield Problem(item.at("annual_plans"), {"year": year, "problem": Text("не заявлен", "not declared")})
        return
    judged = [(i, _plan_shortfalls(ctx, p, required)) for i, p in plans]
    if any(not shortfalls for _, shortfalls in judged):
        return
    i, shortfalls = judged[0]
    yield Problem(item.at(f"annual_plans/{i}"), {"year": year, "problem": shortfalls})


def _year_situations(ctx: CheckContext, item: Item) -> list[str]:
    """Life situations of the plans of the audited year, in the order declared."""
    year = ctx.config.period.year
    seen: list[str] = []
    for plan in item.get("annual_plans") or []:
        if plan.get("year") == year:
            seen.extend(ls for ls in plan.get("life_situation_ids") or [] if ls not in seen)
    return seen


@check("agency.teams_for_plan_situations", params={"properties": {
    "min_organisations": {"type": "integer", "minimum": 1}}})
def teams_for_plan_situations(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.2.2: a cross-functional team is formed for every life situation of the year's plan."""
    situations = _year_situations(ctx, item)
    if not situations:
        yield Problem(item.at("annual_plans"), {"reason": Text(
            f"в планах на {ctx.config.period.year} год не названы жизненные ситуации",
            f"the plans for {ctx.config.period.year} name no life situations")}, Outcome.NO_DATA)
        return
    need = ctx.params.get("min_organisations", 2)
    teams = item.get("cross_functional_teams") or []
    missing: list[str] = []
    narrow: list[str] = []
    for ls in situations:
        formed = [t for t in teams if t.get("life_situation_id") == ls and ctx.approved_by_period_end(t.get("formed_on"))]
        if not formed:
            missing.append(ls)
        elif not any(len({m.get("organisation") for m in t.get("members") or []}) >= need for t in formed):
            narrow.append(ls)
    if missing or narrow:
        yield Problem(item.at("cross_functional_teams"), {"missing": missing or "—", "narrow": narrow or "—",
                                                          "min": need})


@check("agency.annual_plans_carried_out")
def annual_plans_carried_out(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.2.2: the plan of the audited year is being carried out and the plans of past years are done."""
    year = ctx.config.period.year
    plans = list(enumerate(item.get("annual_plans") or []))
    current = [(i, p) for i, p in plans if p.get("year") == year]
    if not current:
        yield Problem(item.at("annual_plans"), {"year": year, "status": Text("плана нет", "no plan")})
    elif not any(p.get("status") in ("in_progress", "done") for _, p in current):
        i, plan = current[0]
        yield Problem(item.at(f"annual_plans/{i}/status"), {"year": year, "status": plan.get("status") or "—"})
    for i, plan in plans:
        if isinstance(plan.get("year"), int) and plan["year"] < year and plan.get("status") != "done":
            yield Problem(item.at(f"annual_plans/{i}/status"), {"year": plan["year"], "status": plan.get("status") or "—"})


@check("agency.indicator_control_in_period")
def indicator_control_in_period(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.2.2: control of the section 6 indicators: a responsible unit and a report reviewed within the audited period."""
    control = item.get("indicator_control") or {}
    missing = [f for f in ("responsible_unit", "report_ref") if not present(control.get(f))]
    start = ctx.config.period.start
    reviewed = _date(control.get("last_review_on"))
    if reviewed is None or not start <= reviewed <= ctx.as_of:
        missing.append("last_review_on")
    if missing:
        yield Problem(item.at("indicator_control"), {"missing": missing, "reviewed": control.get("last_review_on") or "—",
                                                     "start": start.isoformat(), "end": ctx.as_of.isoformat()})


@check("design_project.priority_prototypes_in_lab")
def priority_prototypes_in_lab(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.2.7: prototypes of priority life situations are tested by the Project Office's user-testing laboratory."""
    situation = ctx.declaration.find("life_situation", item.get("life_situation_id") or "")
    if situation is None or situation.get("priority") is not True:
        yield Problem(item.at(), {"reason": Text("жизненная ситуация проекта не приоритетная",
                                                 "the project's life situation is not a priority one")}, Outcome.NOT_APPLICABLE)
        return
    tested = [(i, p) for i, p in enumerate(item.get("prototypes") or [])
              if present(p.get("tested_on")) or present(p.get("tested_by"))]
    if not tested:
        yield Problem(item.at("prototypes"), {"reason": Text("прототипы ещё не тестировались",
                                                             "no prototype has been tested yet")}, Outcome.NO_DATA)
        return
    elsewhere = [(i, p) for i, p in tested if p.get("tested_by") != "project_office_lab"]
    if elsewhere:
        i, _ = elsewhere[0]
        yield Problem(item.at(f"prototypes/{i}/tested_by"),
                      {"prototypes": [f"{p.get('id')} ({p.get('tested_by') or '—'})" for _, p in elsewhere]})


@check("motivation.staff_in_design")
def staff_in_design(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """5: the agency's staff take part in designing and reengineering services (flag, and a team in every project)."""
    projects = [p.ref.id for p in ctx.declaration.of("design_project") if not present(p.get("team"))]
    if item.get("staff_in_design") is not True or projects:
        yield Problem(item.at("staff_in_design"), {"flag": item.get("staff_in_design") is True, "projects": projects or "—"})


@check("training.soft_skills_covered")
def soft_skills_covered(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """7-b: the training programmes together teach all 13 soft skills."""
    taught = {s for p in item.get("programmes") or [] for s in p.get("soft_skills") or []}
    missing = [s for s in SOFT_SKILLS if s not in taught]
    if missing:
        yield Problem(item.at("programmes"), {"missing": missing, "count": len(missing)})


@check("training.programmes_follow_internal_standard")
def programmes_follow_internal_standard(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """7: training follows «Государство для внутреннего клиента»: programmes exist and every one is based on it."""
    programmes = item.get("programmes") or []
    others = [p.get("id") for p in programmes if p.get("based_on_internal_client_standard") is not True]
    if not programmes or others:
        yield Problem(item.at("programmes"), {"programmes": others or Text("программы не заявлены", "no programmes declared")})


@check("documents.current_where_points", params={"properties": {
    "document": {"type": "string", "minLength": 1}, "fresh": {"type": "boolean"},
    "kinds": {"type": "array", "minItems": 1, "items": {"enum": list(ALL_CONTACT_POINT_KINDS)}}},
    "required": ["document", "kinds"]})
def current_where_points(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """8.2: the document is approved and current, when the agency has points of the kinds it governs."""
    kinds = list(ctx.params["kinds"])
    if not ctx.declaration.contact_points(*kinds):
        yield Problem(item.at(), {"reason": Text(f"нет точек взаимодействия вида {', '.join(kinds)}",
                                                 f"no points of contact of kind {', '.join(kinds)}")}, Outcome.NOT_APPLICABLE)
        return
    yield from document_current(ctx, item)


PLAN_ITEM_PROBLEMS = {
    "absent": Text("нет в плане (исключить можно только по согласованию с Аналитическим центром)",
                   "not in the plan (it may be left out only by agreement with the Analytical Centre)"),
    "excluded_without_agreement": Text("исключён без ссылки на согласование с Аналитическим центром",
                                       "excluded with no reference to the agreement with the Analytical Centre"),
    "not_conditional": Text("пункт обязателен; неприменимым он быть не может, только исключён по согласованию",
                            "the item is mandatory: it cannot be declared not applicable, only excluded by agreement"),
    "absent_conditional": Text("нет в плане (если пункт неприменим к ведомству, укажите not_applicable_reason; иначе исключить "
                               "его можно только по согласованию с Аналитическим центром)",
                               "not in the plan (if the item does not apply to the agency, give not_applicable_reason; otherwise "
                               "it may be left out only by agreement with the Analytical Centre)"),
    "dates": Text("дата начала позже даты окончания", "the start date is after the end date"),
}


def _plan_item_problems(ctx: CheckContext, entry: Any) -> list[Text]:
    """What is wrong with one declared item of the implementation plan (empty when it is in place)."""
    status = entry.get("status")
    if status == "excluded" or present(entry.get("excluded_by_agreement_ref")):
        return [] if present(entry.get("excluded_by_agreement_ref")) else [PLAN_ITEM_PROBLEMS["excluded_without_agreement"]]
    problems: list[Text] = []
    fields = ["start", "end", "responsible", "status"] + (["result_ref"] if status == "done" else [])
    missing = [f for f in fields if not present(entry.get(f))]
    if missing:
        problems.append(Text(f"не указано: {', '.join(missing)}", f"missing: {', '.join(missing)}"))
    start, end = _date(entry.get("start")), _date(entry.get("end"))
    if start and end and start > end:
        problems.append(PLAN_ITEM_PROBLEMS["dates"])
    if end and end < ctx.as_of and status != "done":
        problems.append(Text(f"срок {end.isoformat()} прошёл, статус {status or '—'}",
                             f"due {end.isoformat()}, status {status or '—'}"))
    return problems


@check("implementation_plan.item_in_place", params={"properties": {
    "item": {"type": "string", "pattern": "^[1-7](\\.[0-9]+){1,2}$"}, "conditional": {"type": "boolean"}},
    "required": ["item"]})
def item_in_place(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """Typical plan: the item (or its sub-items) is in the plan with dates, a responsible and a status, and not overdue.

    Footnote 1: an item may be left out only by agreement with the Analytical Centre. Items marked
    `conditional` (block 5, item 1.7) may instead be declared not applicable with a reason.
    """
    code = ctx.params["item"]
    entries = [(i, e) for i, e in enumerate(item.get("items") or [])
               if e.get("plan_id") == code or str(e.get("plan_id", "")).startswith(code + ".")]
    if not entries:
        absent = "absent_conditional" if ctx.params.get("conditional") else "absent"
        yield Problem(item.at("items"), {"item": code, "problem": PLAN_ITEM_PROBLEMS[absent]})
        return
    skipped = [(i, e) for i, e in entries if present(e.get("not_applicable_reason"))]
    if skipped and not ctx.params.get("conditional"):
        i, e = skipped[0]
        yield Problem(item.at(f"items/{i}/not_applicable_reason"), {"item": e.get("plan_id"),
                                                                    "problem": PLAN_ITEM_PROBLEMS["not_conditional"]})
    judged = [(i, e) for i, e in entries if not present(e.get("not_applicable_reason"))]
    if not judged and ctx.params.get("conditional"):
        i, e = skipped[0]
        yield Problem(item.at(f"items/{i}"), {"reason": Text(f"пункт {code} неприменим: {e['not_applicable_reason']}",
                                                             f"item {code} does not apply: {e['not_applicable_reason']}")},
                      Outcome.NOT_APPLICABLE)
        return
    for i, entry in judged:
        problems = _plan_item_problems(ctx, entry)
        if problems:
            yield Problem(item.at(f"items/{i}"), {"item": entry.get("plan_id"), "problem": problems})
