"""Checks for section 4.3: data on clients, typical needs, scenarios for needs, FAQ."""

from __future__ import annotations

from collections.abc import Iterator

from ccaudit.checks.common import present
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text


@check("life_situation.data_sources_present")
def data_sources_present(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.3: at least one source of data on clients is declared for the life situation."""
    research = ctx.declaration.of("research")[0]
    sources = [s for s in research.get("data_sources") or [] if s.get("life_situation_id") == item.ref.id]
    if not sources:
        yield Problem(item.at(), {"life_situation": item.ref.id})


@check("life_situation.needs_classified")
def needs_classified(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.4: typical needs are declared, each with its kind and a date of the last update."""
    needs = item.get("typical_needs") or []
    if not needs:
        yield Problem(item.at(), {"needs": Text("типовые потребности не заданы", "no typical needs declared")})
        return
    undated = [n["id"] for n in needs if not present(n.get("updated_on")) or not ctx.is_fresh(n.get("updated_on"))]
    if undated:
        yield Problem(item.at("typical_needs"), {"needs": undated})


@check("life_situation.satisfiable_needs_have_scenarios")
def satisfiable_needs_have_scenarios(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.5: every need that services can meet has a client scenario of the same life situation."""
    missing = []
    for i, need in enumerate(item.get("typical_needs") or []):
        if need.get("category") != "satisfiable":
            continue
        scenario = ctx.declaration.find("client_scenario", need.get("client_scenario_id") or "")
        if scenario is None or scenario.get("life_situation_id") != item.ref.id:
            missing.append((i, need["id"]))
    if missing:
        yield Problem(item.at(f"typical_needs/{missing[0][0]}"), {"needs": [n for _, n in missing]})


@check("life_situation.unsatisfiable_needs_explained")
def unsatisfiable_needs_explained(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.7: every need that cannot be met has an FAQ answer that states the reason."""
    explained = {f.get("unsatisfiable_need_id") for f in ctx.declaration.of("faq") if present(f.get("reason"))}
    missing = [(i, n["id"]) for i, n in enumerate(item.get("typical_needs") or [])
               if n.get("category") == "unsatisfiable" and n["id"] not in explained]
    if missing:
        yield Problem(item.at(f"typical_needs/{missing[0][0]}"), {"needs": [n for _, n in missing]})


@check("faq.accessible_to_responsible_bodies")
def accessible_to_responsible_bodies(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.7: the answer is available to every body that provides services in its life situation."""
    situation = ctx.declaration.find("life_situation", item.get("life_situation_id") or "")
    if situation is None:
        yield Problem(item.at(), {"reason": Text("вопрос не отнесён к жизненной ситуации", "the FAQ entry names no life situation")}, Outcome.NOT_APPLICABLE)
        return
    bodies = situation.get("responsible_bodies") or []
    if not bodies:
        yield Problem(situation.at(), {"reason": Text("у жизненной ситуации не указаны ответственные органы", "the life situation names no responsible bodies")}, Outcome.NO_DATA)
        return
    granted = set(item.get("accessible_to_bodies") or [])
    missing = [b for b in bodies if b not in granted]
    if missing:
        yield Problem(item.at("accessible_to_bodies"), {"missing": missing})
