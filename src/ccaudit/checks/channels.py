"""Checks for the preamble of 4.6: the agency's mix of channels (digital preferred, offline kept, needs of all groups)."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from ccaudit.checks.common import present
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import DIGITAL_KINDS, OFFLINE_KINDS, Declaration, Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text

NEEDS_GROUPS = ("chronic_health", "work_incapacity", "low_digital_skills", "low_russian")
"""The four groups whose needs the 4.6 preamble names (4.6-d), as codes of contact_points[].accommodates."""


def is_digital(point: Item) -> bool:
    """A digital point of contact (4.6 preamble, B18 v): a written point counts only with an electronic address."""
    kind = point.contact_kind
    if kind == "written":
        return present(point.get("email")) or present(point.get("url"))
    return kind in DIGITAL_KINDS


def service_points(declaration: Declaration, service: Item) -> list[Item]:
    """Points of contact where a service is available (either side of the link)."""
    ids = set(service.get("contact_points") or [])
    return [p for p in declaration.contact_points() if p.ref.id in ids or service.ref.id in (p.get("service_ids") or [])]


def document_problem(ctx: CheckContext, name: str, topics: list[str] | None = None) -> tuple[str, Text] | None:
    """What is wrong with documents.<name>: not declared, not approved by the reference date, topics not covered."""
    doc = ctx.declaration.of("documents")[0].get(name)
    if not isinstance(doc, dict) or not present(doc.get("ref")):
        return name, Text("не задан", "not declared")
    if not ctx.approved_by_period_end(doc.get("approved_on")):
        return f"{name}/approved_on", Text("не утверждён к отчётной дате", "not approved by the reference date")
    missing = [t for t in topics or [] if t not in (doc.get("covers") or [])]
    if missing:
        return f"{name}/covers", Text(f"не охватывает: {', '.join(missing)}", f"does not cover: {', '.join(missing)}")
    return None


# --- 4.6-a: a positive experience of ease at every point ------------------------------------------------------

def _percent(metric: Item) -> Fraction | None:
    num, den = metric.get("numerator"), metric.get("denominator")
    if isinstance(num, (int, float)) and isinstance(den, (int, float)) and not isinstance(num, bool):
        return None if den == 0 else Fraction(str(num)) * 100 / Fraction(str(den))
    value = metric.get("value")
    return Fraction(str(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


@check("agency.ease_positive_at_points", params={"properties": {"min_percent": {"type": "number", "minimum": 0, "maximum": 100}}})
def ease_positive_at_points(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6-a: at every point of contact, whatever its channel, most clients rate the interaction easy (T1.2 of the period)."""
    low = Fraction(str(ctx.params.get("min_percent", 50)))
    period = str(ctx.config.period)
    measured = {str(m.get("unit")): m for m in ctx.declaration.metrics
                if m.get("indicator") == "T1.2" and m.get("period") == period and _percent(m) is not None}
    points = ctx.declaration.contact_points()
    if not points:
        yield Problem(item.at(), {"reason": Text("точки взаимодействия не заявлены", "no points of contact are declared")},
                      Outcome.NO_DATA)
        return
    unmeasured = []
    for point in points:
        metric = measured.get(point.ref.id)
        if metric is None:
            unmeasured.append(point.ref.id)
            continue
        value = _percent(metric)
        assert value is not None
        if value <= low:
            yield Problem(metric.at("unit"), {"point": point.ref.id, "value": f"{float(value):.1f}", "min": f"{float(low):g}"})
    if unmeasured:
        ids = ", ".join(unmeasured)
        yield Problem(item.at(), {"reason": Text(f"простота не измерена (T1.2 за {period}) в точках: {ids}",
                                                 f"ease is not measured (T1.2 of {period}) at: {ids}")}, Outcome.NO_DATA)


# --- 4.6-b: digital channels preferred: every service is reachable digitally ----------------------------------

@check("agency.services_reachable_digitally")
def services_reachable_digitally(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6-b: every service is available through at least one digital point of contact (B31, B18)."""
    services = ctx.declaration.of("service")
    if not services:
        yield Problem(item.at(), {"service": Text("услуги не заявлены", "no services are declared"), "points": "—"})
        return
    for service in services:
        points = service_points(ctx.declaration, service)
        if not any(is_digital(p) for p in points):
            yield Problem(service.at("contact_points"), {"service": service.ref.id,
                                                         "points": [p.ref.id for p in points] or "—"})


# --- 4.6-c: offline access kept for those who need it ---------------------------------------------------------

def needs_offline(profile: Item) -> bool:
    """A segment with low digital skills, or one that prefers an offline point of contact (B31)."""
    return profile.get("digital_skills") == "low" or bool(set(profile.get("preferred_channels") or []) & OFFLINE_KINDS)


def service_profiles(declaration: Declaration, service: Item) -> list[Item]:
    """Segment profiles of the life situations whose client scenarios include the service."""
    situations = {s.get("life_situation_id") for s in declaration.of("client_scenario")
                  if service.ref.id in (s.get("service_ids") or [])}
    linked = {p for ls in declaration.of("life_situation") if ls.ref.id in situations for p in ls.get("segment_profile_ids") or []}
    return [p for p in declaration.of("segment_profile")
            if p.ref.id in linked or set(p.get("life_situation_ids") or []) & situations]


@check("agency.offline_alternatives", params={"properties": {"offline_kinds": {
    "type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": sorted(OFFLINE_KINDS)}}}})
def offline_alternatives(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6-c: a service used by segments with low digital skills or an offline preference is offered in an office (B31)."""
    offline = set(ctx.params.get("offline_kinds", ["in_person", "one_window"]))
    profiles = ctx.declaration.of("segment_profile")
    if not any(present(p.get("digital_skills")) or present(p.get("preferred_channels")) for p in profiles):
        yield Problem(item.at(), {"reason": Text("у профилей сегментов не заявлены цифровые навыки и предпочтительные каналы",
                                                 "no segment profile declares digital skills or preferred channels")},
                      Outcome.NO_DATA)
        return
    for service in ctx.declaration.of("service"):
        needing = [p.ref.id for p in service_profiles(ctx.declaration, service) if needs_offline(p)]
        if needing and not any(p.contact_kind in offline for p in service_points(ctx.declaration, service)):
            yield Problem(service.at("contact_points"), {"service": service.ref.id, "profiles": needing,
                                                         "kinds": sorted(offline)})


# --- 4.6-d: the needs of the four groups ----------------------------------------------------------------------

@check("agency.needs_accommodated")
def needs_accommodated(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6-d: the agency's points together take into account the needs of all four groups of the preamble."""
    covered: set[Any] = {g for p in ctx.declaration.contact_points() for g in p.get("accommodates") or []}
    missing = [g for g in NEEDS_GROUPS if g not in covered]
    if missing:
        yield Problem(item.at(), {"missing": missing})
