"""Checks for sections 4.2, 5, 7, 8: plans, teams, training, methodological documents."""

from __future__ import annotations

from collections.abc import Iterator

from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Problem

SOFT_SKILLS = ("empathy", "business_relationships", "persuasion", "teamwork", "result_focus", "energy", "self_development",
               "stress_management", "situational_leadership", "creative_thinking", "change_management",
               "feedback_management", "mentoring")
"""The 13 personal competences and soft skills of section 7 (7-b), in the order of the text."""


@check("agency.annual_plan_current")
def annual_plan_current(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.2.2: a plan for the audited year is approved and names its life situations."""
    year = ctx.config.period.year
    plans = [p for p in item.get("annual_plans") or [] if p.get("year") == year]
    approved = [p for p in plans if ctx.approved_by_period_end(p.get("approved_on")) and p.get("life_situation_ids")]
    if not approved:
        yield Problem(item.at("annual_plans"), {"year": year})


@check("training.soft_skills_covered")
def soft_skills_covered(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """7-b: the training programmes together teach all 13 soft skills."""
    taught = {s for p in item.get("programmes") or [] for s in p.get("soft_skills") or []}
    missing = [s for s in SOFT_SKILLS if s not in taught]
    if missing:
        yield Problem(item.at("programmes"), {"missing": missing, "count": len(missing)})
