"""Checks for services within client scenarios (4.5.1, 4.5.6): channels, eligibility, one click, forms, data, checks."""

from __future__ import annotations

from collections.abc import Iterator

from ccaudit.checks.common import present
from ccaudit.checks.scenarios import approved_scenarios, covered_by_consent
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import OFFLINE_KINDS, Declaration, Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text


def service_channels(declaration: Declaration, service: Item) -> set[str]:
    """Kinds of the points of contact where a service is available (either side of the link)."""
    ids = set(service.get("contact_points") or [])
    return {p.contact_kind or "" for p in declaration.contact_points()
            if p.ref.id in ids or service.ref.id in (p.get("service_ids") or [])}


ONLINE_KINDS = frozenset({"portal", "mobile_app"})
"""Kinds of points where a service is provided «онлайн» in one click (4.5.6.3)."""


def scenarios_with_service(ctx: CheckContext, service_id: str) -> list[Item]:
    """Approved scenarios that include the service."""
    return [s for s in approved_scenarios(ctx) if service_id in (s.get("service_ids") or [])]


def _visit_shortfall(service: Item) -> bool:
    return service.get("eligibility_visit/booking_at_convenient_time") is not True


def _one_click_shortfalls(declaration: Declaration, service: Item) -> list[str]:
    missing = []
    if service.get("one_click_online") is not True:
        missing.append("one_click_online")
    consent = service.get("consent_required")
    if not isinstance(consent, bool):
        missing.append("consent_required")
    elif consent and not covered_by_consent(declaration, service.ref.id):
        missing.append("consent.forms")
    return missing


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


@check("service.eligibility_visit_booked")
def eligibility_visit_booked(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.6.2: a service that needs an eligibility visit books it at a time convenient to the client."""
    required = item.get("eligibility_visit/required")
    if required is False:
        yield Problem(item.at("eligibility_visit"), {"reason": Text("визит для определения правомочности не требуется",
                                                                    "no eligibility visit is needed")}, Outcome.NOT_APPLICABLE)
    elif required is not True:
        yield Problem(item.at(), {"reason": Text("не заявлено, нужен ли визит (eligibility_visit.required)",
                                                 "it is not declared whether a visit is needed (eligibility_visit.required)")}, Outcome.NO_DATA)
    elif _visit_shortfall(item):
        yield Problem(item.at("eligibility_visit"), {})


@check("service.one_click_online")
def one_click_online(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.6.3: without an eligibility visit, a service offered online is provided in one click, given consent."""
    if item.get("eligibility_visit/required") is True:
        yield Problem(item.at("eligibility_visit"), {"reason": Text("нужен визит для определения правомочности (п. 4.5.6.2)",
                                                                    "an eligibility visit is needed (4.5.6.2)")}, Outcome.NOT_APPLICABLE)
        return
    if not service_channels(ctx.declaration, item) & ONLINE_KINDS:
        yield Problem(item.at(), {"reason": Text("услуга не предоставляется онлайн (портал, приложение)",
                                                 "the service is not offered online (portal, app)")}, Outcome.NOT_APPLICABLE)
        return
    missing = _one_click_shortfalls(ctx.declaration, item)
    if missing:
        yield Problem(item.at(missing[0] if missing[0] != "consent.forms" else "consent_required"), {"missing": missing})


@check("service.forms_available")
def forms_available(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.6.5: forms for the missing data are declared and can be filled at a point where the service is offered."""
    forms = [f.get("id") for f in item.get("forms") or []]
    channels = service_channels(ctx.declaration, item)
    if not forms or not channels:
        yield Problem(item.at("forms"), {"forms": forms or "—", "channels": sorted(channels) or "—"})


@check("service.eligibility_checks")
def eligibility_checks(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.6.8: eligibility is analysed by automated technologies; whether an employee reviews it is declared."""
    missing = []
    if item.get("checks/auto_eligibility") is not True:
        missing.append("checks.auto_eligibility")
    if not isinstance(item.get("checks/manual_review"), bool):
        missing.append("checks.manual_review")
    if missing:
        yield Problem(item.at("checks"), {"missing": missing})


@check("service.provided_after_checks")
def provided_after_checks(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.6.9: on the data-missing path, the service is provided under 4.5.6.2–4.5.6.4 after the checks."""
    scenarios = [s.ref.id for s in scenarios_with_service(ctx, item.ref.id) if present(s.get("paths/data_missing"))]
    if not scenarios:
        yield Problem(item.at(), {"reason": Text("услуга не входит в утверждённый сценарий с порядком для недостающих сведений",
                                                 "the service is in no approved scenario with a data-missing path")}, Outcome.NOT_APPLICABLE)
        return
    missing: list[Text] = []
    channels = service_channels(ctx.declaration, item)
    if item.get("eligibility_visit/required") is True:
        if _visit_shortfall(item):
            missing.append(Text("запись на визит в удобное время (4.5.6.2)", "booking of the visit at a convenient time (4.5.6.2)"))
    else:
        if channels & ONLINE_KINDS and _one_click_shortfalls(ctx.declaration, item):
            missing.append(Text("«один клик» онлайн с согласием (4.5.6.3)", "one click online, given consent (4.5.6.3)"))
        minutes = item.get("in_person_max_minutes")
        if channels & OFFLINE_KINDS and (not isinstance(minutes, (int, float)) or minutes > 5):
            missing.append(Text("не более 5 минут при личном приёме (4.5.6.3)", "at most 5 minutes in person (4.5.6.3)"))
    if item.get("satisfaction_prompt") is not True:
        missing.append(Text("фиксация оценки удовлетворённости (4.5.6.4)", "recording the satisfaction rating (4.5.6.4)"))
    if missing:
        yield Problem(item.at(), {"missing": missing, "scenarios": scenarios})
