"""Checks for 4.6.7–4.6.9: offices, one-window centres and long-stay institutions."""

from __future__ import annotations

import math
from collections.abc import Iterator

from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text


NO_APPOINTMENTS = {"reason": Text("учреждение длительного пребывания не ведёт запись на приём (B28)",
                                  "the long-stay institution declares no appointments (B28)")}


def takes_no_appointments(item: Item) -> bool:
    """A long-stay institution without a booking block: the booking rules do not reach it (B28)."""
    return item.contact_kind == "long_stay" and not item.get("booking")


@check("in_person.disabled_parking")
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
