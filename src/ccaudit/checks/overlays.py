"""Checks that the agency concepts' overlay packs need beyond the generic ones: which kinds of points of contact
an agency keeps, a flag on some point of a kind, a value among a list's elements, an empty list, a yes-or-reason
pair, the items of a concept's own implementation stages, and the wait at an agency's own reception."""

from __future__ import annotations

from collections.abc import Iterator

from ccaudit.checks.common import present
from ccaudit.checks.logs import queue_wait
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import ALL_CONTACT_POINT_KINDS, Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text

_KINDS = {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(ALL_CONTACT_POINT_KINDS)}}
_FIELD = {"type": "string", "minLength": 1}


@check("overlay.kinds_declared", params={"properties": {"kinds": _KINDS}, "required": ["kinds"]})
def kinds_declared(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """The agency keeps at least one point of contact of every listed kind (a concept's list of key points)."""
    have = {p.contact_kind for p in ctx.declaration.contact_points()}
    missing = [k for k in ctx.params["kinds"] if k not in have]
    if missing:
        yield Problem(item.at(), {"missing": missing})


@check("overlay.some_point_flag", params={"properties": {"kinds": _KINDS, "field": _FIELD}, "required": ["kinds", "field"]})
def some_point_flag(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """At least one point of contact of the listed kinds declares the yes/no field true (a trust line among the
    phone lines)."""
    points = ctx.declaration.contact_points(*ctx.params["kinds"])
    if not any(p.get(ctx.params["field"]) is True for p in points):
        yield Problem(item.at(), {"field": ctx.params["field"], "points": [p.ref.id for p in points] or
                                  Text("нет точек этого вида", "no points of this kind")})


@check("overlay.any_value_in", params={"properties": {"field": _FIELD, "values": {"type": "array", "minItems": 1}},
                                       "required": ["field", "values"]})
def any_value_in(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """Some value at the path (`*` for every list element) is one of the listed values."""
    field = ctx.params["field"]
    found = [v for _, v in item.values(field)] if "*" in field else [item.get(field)]
    if not any(v in ctx.params["values"] for v in found):
        yield Problem(item.at(field.split("/*", 1)[0]), {"field": field, "values": list(ctx.params["values"]),
                                                         "found": [v for v in found if v is not None] or "—"})


@check("overlay.list_empty", params={"properties": {"field": _FIELD}, "required": ["field"]})
def list_empty(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """The list is declared and empty (no prerequisites); an undeclared list is a failure: say `[]`."""
    field = ctx.params["field"]
    value = item.get(field)
    if value is None:
        yield Problem(item.at(), {"field": field, "found": Text("не заявлено (укажите [] если их нет)",
                                                                "not declared (write [] if there are none)")})
    elif present(value):
        yield Problem(item.at(field), {"field": field, "found": value})


@check("overlay.flag_or_reason", params={"properties": {"field": _FIELD, "reason": _FIELD}, "required": ["field", "reason"]})
def flag_or_reason(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """The yes/no field is true, or the reason field says why not (electronic, or the audience prefers another
    format)."""
    if item.get(ctx.params["field"]) is not True and not present(item.get(ctx.params["reason"])):
        yield Problem(item.at(ctx.params["field"]), {"field": ctx.params["field"], "reason": ctx.params["reason"]})


@check("overlay.plan_items", params={"properties": {"ids": {"type": "array", "minItems": 1, "items": _FIELD}},
                                     "required": ["ids"]})
def plan_items(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """The implementation plan holds every item of the concept's own stages, each with a responsible person."""
    items = {str(i.get("plan_id")): i for i in item.get("items") or [] if isinstance(i, dict)}
    missing = [i for i in ctx.params["ids"] if i not in items]
    unowned = [i for i in ctx.params["ids"] if i in items and not present(items[i].get("responsible"))]
    if missing or unowned:
        yield Problem(item.at("items"), {"missing": missing or "—", "unowned": unowned or "—"})


@check("overlay.wait_limit", params={"properties": {"max_minutes": {"type": "number", "exclusiveMinimum": 0}},
                                     "required": ["max_minutes"]})
def wait_limit(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """No wait at an agency's own reception exceeds `max_minutes`: measured on the visits log (as 4.6.8.5) when it
    has visits of this point in the period, else judged on the declared `max_wait_minutes`."""
    measured = list(queue_wait(ctx, item))
    if not measured or any(p.outcome is not Outcome.NO_DATA for p in measured):
        yield from measured
        return
    limit = ctx.params["max_minutes"]
    declared = item.get("max_wait_minutes")
    if not isinstance(declared, (int, float)) or isinstance(declared, bool):
        reason = measured[0].args.get("reason")
        yield Problem(item.at(), {"reason": Text(f"нет ни журнала посещений, ни заявленного max_wait_minutes ({reason.ru})",
                                                 f"neither a visits log nor a declared max_wait_minutes ({reason.en})")
                                  if isinstance(reason, Text) else reason}, Outcome.NO_DATA)
    elif declared > limit:
        yield Problem(item.at("max_wait_minutes"), {"tickets": Text(f"заявлено наибольшее ожидание {declared:g} мин",
                                                                    f"a declared longest wait of {declared:g} min")})
