"""Checks for 4.6.7–4.6.9: offices, one-window centres and long-stay institutions."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator

from ccaudit.checks import common  # noqa: F401 - registers the common checks wrapped below
from ccaudit.checks.channels import document_problem
from ccaudit.checks.common import present
from ccaudit.engine.registry import CHECKS, CheckContext, check
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text

# --- the gate of the 4.6.7 preamble (B22) ---------------------------------------------------------------------

NOT_ADVISABLE = {"reason": Text(
    "личный приём в органе признан нецелесообразным по итогам изучения потребностей "
    "(agency.in_person_advisability.confirmed: false; преамбула 4.6.7, B22)",
    "personal reception at the authority was found not advisable by the study of needs "
    "(agency.in_person_advisability.confirmed: false; 4.6.7 preamble, B22)")}


def reception_not_advisable(ctx: CheckContext, item: Item) -> bool:
    """True for the agency's own office when the agency declares personal reception not advisable (B22).

    The gate reaches only `in_person` points: one-window (4.6.8.2) and long-stay (4.6.9.1) institutions inherit
    the in-person rows without the preamble of 4.6.7.
    """
    return item.contact_kind == "in_person" and ctx.declaration.agency.get("in_person_advisability/confirmed") is False


CheckFn = Callable[[CheckContext, Item], Iterator[Problem]]


def gated(fn: CheckFn) -> CheckFn:
    """Wrap a check of 4.6.7 so that it is not applicable to the agency's own offices behind a negative decision."""

    @functools.wraps(fn)
    def run(ctx: CheckContext, item: Item) -> Iterator[Problem]:
        if reception_not_advisable(ctx, item):
            yield Problem(item.at(), NOT_ADVISABLE, Outcome.NOT_APPLICABLE)
            return
        yield from fn(ctx, item)

    return run


def _register_gated(name: str) -> None:
    """Register `in_person.<name>`: common.<name> behind the 4.6.7 gate, with the same params schema."""
    spec = CHECKS.get(f"common.{name}")
    assert spec is not None, name
    gated_fn = gated(spec.fn)
    gated_fn.__doc__ = f"4.6.7 (gated, B22): common.{name} on an office where personal reception is advisable."
    check(f"in_person.{name}", params=dict(spec.params))(gated_fn)


for _name in ("flags_true", "contains_all", "number_at_least", "number_at_most"):
    _register_gated(_name)


NO_APPOINTMENTS = {"reason": Text("учреждение длительного пребывания не ведёт запись на приём (B28)",
                                  "the long-stay institution declares no appointments (B28)")}


def takes_no_appointments(item: Item) -> bool:
    """A long-stay institution without a booking block: the booking rules do not reach it (B28)."""
    return item.contact_kind == "long_stay" and not item.get("booking")


@check("in_person.disabled_parking")
@gated
def disabled_parking(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.7.1: at least 10 % of the parking spaces, and not fewer than one, are for disabled people (B23)."""
    spaces = item.get("parking/spaces")
    if not isinstance(spaces, int) or spaces <= 0:
        yield Problem(item.at("parking"), {"reason": Text("парковка не заявлена", "no parking spaces are declared")}, Outcome.NOT_APPLICABLE)
        return
    needed = max(1, math.ceil(spaces / 10))
    have = item.get("parking/disabled_spaces") or 0
    if have < needed:
        yield Problem(item.at("parking/disabled_spaces"), {"have": have, "needed": needed, "spaces": spaces})


@check("in_person.entrance_sign")
@gated
def entrance_sign(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.7.2: the entrance sign shows the full and the short name and the working hours."""
    sign = item.get("signage/entrance_sign") or {}
    missing = [k for k in ("full_name", "short_name") if not sign.get(k)]
    if sign.get("hours") is not True:
        missing.append("hours")
    if missing:
        yield Problem(item.at("signage/entrance_sign"), {"missing": missing})


def convenient_channels(ctx: CheckContext, item: Item) -> set[str]:
    """Channels preferred by the segment profiles the office serves (empty when none are declared)."""
    served = set(item.get("segment_profile_ids") or [])
    return {c for p in ctx.declaration.of("segment_profile") if p.ref.id in served for c in p.get("preferred_channels") or []}


@check("in_person.self_booking")
@gated
def self_booking(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.7.6: clients book an appointment themselves through a channel convenient to them."""
    booking = item.get("booking") or {}
    if takes_no_appointments(item):
        yield Problem(item.at(), NO_APPOINTMENTS, Outcome.NOT_APPLICABLE)
        return
    methods = [m.get("channel") for m in booking.get("methods") or []]
    if booking.get("self_service") is not True or not methods:
        yield Problem(item.at("booking"), {"problem": Text("самостоятельная запись не предусмотрена", "no self-booking"),
                                           "channels": methods or "—"})
        return
    preferred = convenient_channels(ctx, item)
    if preferred and not preferred & set(methods):
        yield Problem(item.at("booking/methods"), {"problem": Text("ни один способ записи не удобен сегментам клиентов офиса",
                                                                   "no booking method is a channel the office's segments prefer"),
                                                   "channels": methods})


@check("in_person.booking_reminders")
@gated
def booking_reminders(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.7.6 (maximum level): reminders a day and 2 hours before, by confirming the booking."""
    if takes_no_appointments(item):
        yield Problem(item.at(), NO_APPOINTMENTS, Outcome.NOT_APPLICABLE)
        return
    booking = item.get("booking") or {}
    hours = booking.get("reminders_hours_before") or []
    missing = [f"{h} ч" for h in (24, 2) if h not in hours]
    if booking.get("reminder_by_confirmation") is not True:
        missing.append("reminder_by_confirmation")
    if missing:
        yield Problem(item.at("booking"), {"missing": missing})


# --- 4.6.7 preamble: the decision on personal reception --------------------------------------------------------

@check("agency.in_person_advisability")
def in_person_advisability(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.7 preamble: the advisability of personal reception is decided, dated, on a completed study of the offices."""
    decision = item.get("in_person_advisability") or {}
    missing = [f for f in ("study_ref", "decided_on") if not present(decision.get(f))]
    if not isinstance(decision.get("confirmed"), bool):
        missing.append("confirmed")
    if missing:
        yield Problem(item.at("in_person_advisability"), {"problem": Text(f"не заявлено: {', '.join(missing)}",
                                                                          f"not declared: {', '.join(missing)}")})
        return
    decided = decision["decided_on"]
    if not ctx.approved_by_period_end(decided):
        yield Problem(item.at("in_person_advisability/decided_on"), {"problem": Text(
            f"решение датировано {decided}, позже отчётной даты {ctx.as_of.isoformat()}",
            f"the decision is dated {decided}, after the reference date {ctx.as_of.isoformat()}")})
        return
    studies = ctx.declaration.of("research")[0].get("studies") or []
    study = next((s for s in studies if s.get("id") == decision["study_ref"]), {})
    completed = study.get("completed_on")
    if not isinstance(completed, str) or completed > decided:
        yield Problem(item.at("in_person_advisability/study_ref"), {"problem": Text(
            f"исследование {decision['study_ref']} не завершено к дате решения {decided} (completed_on: {completed or '—'})",
            f"study {decision['study_ref']} was not completed by the decision of {decided} (completed_on: {completed or '—'})")})
        return
    offices = [p.ref.id for p in ctx.declaration.contact_points("in_person")]
    if offices and not set(offices) & set(study.get("contact_point_ids") or []):
        yield Problem(item.at("in_person_advisability/study_ref"), {"problem": Text(
            f"исследование {decision['study_ref']} не касается приёмных органа ({', '.join(offices)} нет в contact_point_ids)",
            f"study {decision['study_ref']} does not concern the authority's offices ({', '.join(offices)} not in contact_point_ids)")})


# --- 4.6.7.1–4.6.7.4: location, signs, information, style -----------------------------------------------------

ACCESS_GROUPS = ("chronic_health", "work_incapacity")
"""Groups of 4.6-d whose access to an office depends on its location and building (4.6.7.1-a)."""


@check("in_person.accessible_for_all")
@gated
def accessible_for_all(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.7.1: the office declares whom it serves, its location and access, and accommodates people with health limits."""
    missing = [f for f in ("segment_profile_ids", "location/transit_stop_distance_m", "parking/spaces")
               if not present(item.get(f))]
    missing += [f for f in ("accessibility/ramps", "accessibility/step_free_route") if not isinstance(item.get(f), bool)]
    accommodates = item.get("accommodates") or []
    missing += [f"accommodates: {g}" for g in ACCESS_GROUPS if g not in accommodates]
    if missing:
        yield Problem(item.at(), {"missing": missing})


VISUAL_FORMATS = ("tactile", "braille", "audio", "large_print")
"""Forms of accessibility.info_duplication that serve people with visual impairments (4.6.7.3)."""


@check("in_person.info_duplicated")
@gated
def info_duplicated(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.7.3: information is duplicated for clients with disabilities, at least in a form for visual impairments."""
    forms = item.get("accessibility/info_duplication") or []
    if not forms:
        yield Problem(item.at("accessibility"), {"problem": Text("не заявлено", "not declared"), "forms": "—"})
    elif not set(forms) & set(VISUAL_FORMATS):
        yield Problem(item.at("accessibility/info_duplication"), {
            "problem": Text(f"нет формы для людей с нарушением зрения ({', '.join(VISUAL_FORMATS)})",
                            f"no form for people with visual impairments ({', '.join(VISUAL_FORMATS)})"),
            "forms": forms})


@check("in_person.branding")
@gated
def branding(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.7.4: the office is designed in the single style of approved office branding guidelines."""
    problem = document_problem(ctx, "office_branding_guidelines")
    if problem:
        yield Problem(ctx.declaration.of("documents")[0].at(problem[0]),
                      {"problem": Text(f"office_branding_guidelines: {problem[1].ru}", f"office_branding_guidelines: {problem[1].en}")})
    if item.get("branding_applied") is not True:
        yield Problem(item.at("branding_applied"), {"problem": Text("единый стиль не применён (branding_applied)",
                                                                    "the single style is not applied (branding_applied)")})


# --- 4.6.7.5, 4.6.7.7: rules of service -----------------------------------------------------------------------

@check("in_person.rules_cover", params={"properties": {
    "document": {"enum": ["in_person_rules", "disability_service_rules"]},
    "topics": {"type": "array", "uniqueItems": True, "items": {"type": "string", "minLength": 1}},
    "flags": {"type": "array", "uniqueItems": True, "items": {"type": "string", "minLength": 1}}},
    "required": ["document"]})
@gated
def rules_cover(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.7.5, 4.6.7.7: the rules of service are approved and cover the topics; the office has what they rely on."""
    name = ctx.params["document"]
    problem = document_problem(ctx, name, list(ctx.params.get("topics", [])))
    if problem:
        yield Problem(ctx.declaration.of("documents")[0].at(problem[0]), {"document": name, "problem": problem[1]})
        return
    off = [f for f in ctx.params.get("flags", []) if item.get(f) is not True]
    if off:
        yield Problem(item.at(off[0]), {"document": name, "problem": Text(
            f"в офисе не заявлено: {', '.join(off)}", f"the office does not declare: {', '.join(off)}")})


# --- 4.6.7.6: booking at the maximum level --------------------------------------------------------------------

@check("in_person.reminder_channels_by_profile")
@gated
def reminder_channels_by_profile(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.7.6 (maximum level): reminders go through channels chosen by the client's profile and digital skills."""
    if takes_no_appointments(item):
        yield Problem(item.at(), NO_APPOINTMENTS, Outcome.NOT_APPLICABLE)
        return
    if item.get("booking/reminder_channels_by_profile") is not True:
        yield Problem(item.at("booking"), {"problem": Text("каналы напоминаний не выбираются по профилю (reminder_channels_by_profile)",
                                                           "reminder channels are not chosen by profile (reminder_channels_by_profile)")})
        return
    served = set(item.get("segment_profile_ids") or [])
    profiles = [p for p in ctx.declaration.of("segment_profile") if p.ref.id in served]
    if not any(present(p.get("preferred_channels")) and present(p.get("digital_skills")) for p in profiles):
        yield Problem(item.at("segment_profile_ids"), {"problem": Text(
            "ни один профиль сегментов офиса не заявляет предпочтительные каналы и уровень цифровых навыков",
            "no segment profile of the office declares preferred channels and digital skills")})


@check("in_person.booking_manageable")
@gated
def booking_manageable(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.7.6 (maximum level): the client can change and cancel the booking himself."""
    if takes_no_appointments(item):
        yield Problem(item.at(), NO_APPOINTMENTS, Outcome.NOT_APPLICABLE)
        return
    missing = [f for f in ("change", "cancel") if item.get(f"booking/{f}") is not True]
    if missing:
        yield Problem(item.at("booking"), {"missing": missing})


# --- 4.6.7.8: languages ---------------------------------------------------------------------------------------

FOREIGN_LANGUAGES = ("en", "hy", "be", "kk", "ky")
"""English and the EAEU state languages other than Russian (B25): Armenian, Belarusian, Kazakh, Kyrgyz."""


@check("in_person.languages_for_foreigners", params={"properties": {"languages": {
    "type": "array", "minItems": 1, "uniqueItems": True, "items": {"type": "string", "pattern": "^[a-z]{2}$"}}}})
@gated
def languages_for_foreigners(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.7.8: where segments include foreign nationals, requirements are explained in English or an EAEU language."""
    served = set(item.get("segment_profile_ids") or [])
    foreign = [p.ref.id for p in ctx.declaration.of("segment_profile") if p.ref.id in served and p.get("foreign_nationals") is True]
    if not foreign and "low_russian" not in (item.get("accommodates") or []):
        yield Problem(item.at(), {"reason": Text(
            "среди сегментов офиса нет иностранных граждан (foreign_nationals) и офис не заявляет low_russian",
            "no segment of the office includes foreign nationals (foreign_nationals) and it does not declare low_russian")},
            Outcome.NOT_APPLICABLE)
        return
    allowed = list(ctx.params.get("languages", FOREIGN_LANGUAGES))
    declared = item.get("languages") or []
    if not set(declared) & set(allowed):
        yield Problem(item.at("languages"), {"languages": declared or "—", "allowed": allowed})


# --- 4.6.7.9: personal managers -------------------------------------------------------------------------------

@check("agency.personal_manager", params={"properties": {"field": {"enum": ["criteria_ref", "free", "change", "decline"]}},
                                          "required": ["field"]})
def personal_manager(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.7.9: criteria for personal managers; the service is free; the client may change or decline the manager."""
    if item.get("in_person_advisability/confirmed") is False:
        yield Problem(item.at("in_person_advisability"), NOT_ADVISABLE, Outcome.NOT_APPLICABLE)
        return
    if not ctx.declaration.contact_points("in_person"):
        yield Problem(item.at(), {"reason": Text("у органа нет своих приёмных (in_person)", "the authority has no offices of its own (in_person)")},
                      Outcome.NOT_APPLICABLE)
        return
    field = ctx.params["field"]
    value = item.get(f"personal_manager/{field}")
    if (field == "criteria_ref" and not present(value)) or (field != "criteria_ref" and value is not True):
        yield Problem(item.at(f"personal_manager/{field}"), {"field": field, "value": "—" if value is None else value})
