"""Param-driven generic checks: fields present or true, lists containing values, numbers, dates, hours."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text

_PATHS = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}
_FIELD = {"type": "string", "minLength": 1}
_ABSENT = {"enum": ["fail", "not_applicable"],
           "description": "What an absent list before '*' means: a failure (default) or that the rule does not apply."}


def present(value: Any) -> bool:
    """Declared and not empty (false and 0 count as declared)."""
    return value is not None and value != "" and value != [] and value != {}


def expand(item: Item, path: str) -> list[tuple[str, Any]]:
    """Values at a path with `*` wildcards, one per list element: an element without the field gives
    (its path, None), so that it is judged; an absent or empty list gives [(list path, value)]."""
    return _expand(item.data, path.split("/"), "")


def _expand(node: Any, tokens: list[str], prefix: str) -> list[tuple[str, Any]]:
    if not tokens:
        return [(prefix, node)]
    head, rest = tokens[0], tokens[1:]
    if head == "*":
        if not isinstance(node, list) or not node:
            return [(prefix, node)]
        return [pair for i, child in enumerate(node) for pair in _expand(child, rest, f"{prefix}/{i}".lstrip("/"))]
    child = node.get(head) if isinstance(node, dict) else None
    path = f"{prefix}/{head}".lstrip("/")
    if child is None:
        return [("/".join([path, *rest]).replace("/*", ""), None)] if "*" not in rest else [(path, None)]
    return _expand(child, rest, path)


def is_24x7(hours: Any) -> bool:
    """Around the clock without breaks: "24x7", or every day 00:00–24:00 with no breaks."""
    if hours == "24x7":
        return True
    if not isinstance(hours, dict) or not isinstance(hours.get("weekly"), list):
        return False
    days: set[str] = set()
    for period in hours["weekly"]:
        if period.get("open") == "00:00" and period.get("close") == "24:00" and not period.get("breaks"):
            days.update(period.get("days", []))
    return days == {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}


def _absent_lists(ctx: CheckContext, item: Item) -> Problem | None:
    """A not_applicable problem when `absent: not_applicable` and a list the paths iterate is not declared."""
    if ctx.params.get("absent") != "not_applicable":
        return None
    heads = {f.split("/*", 1)[0] for f in ctx.params["fields"] if "*" in f}
    empty = sorted(h for h in heads if not present(item.get(h)))
    if empty:
        return Problem(item.at(empty[0]), {"reason": Text(f"не заявлено: {', '.join(empty)}", f"nothing declared in {', '.join(empty)}")}, Outcome.NOT_APPLICABLE)
    return None


@check("common.fields_present", params={"properties": {"fields": _PATHS, "absent": _ABSENT}, "required": ["fields"]})
def fields_present(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """Every listed field is declared and not empty (`*` checks every list element)."""
    skip = _absent_lists(ctx, item)
    if skip:
        yield skip
        return
    missing = [path for field in ctx.params["fields"] for path, value in expand(item, field) if not present(value)]
    if missing:
        yield Problem(item.at(missing[0]), {"missing": missing})


@check("common.flags_true", params={"properties": {"fields": _PATHS, "absent": _ABSENT}, "required": ["fields"]})
def flags_true(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """Every listed yes/no field is declared true (`*` checks every list element)."""
    skip = _absent_lists(ctx, item)
    if skip:
        yield skip
        return
    missing = [path for field in ctx.params["fields"] for path, value in expand(item, field) if value is not True]
    if missing:
        yield Problem(item.at(missing[0]), {"missing": missing})


@check("common.contains_all", params={"properties": {"field": _FIELD, "values": {"type": "array", "minItems": 1}},
                                      "required": ["field", "values"]})
def contains_all(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """The list field contains every listed value (a path with `*` collects the values of every element)."""
    field = ctx.params["field"]
    if "*" in field:
        declared = [v for _, v in item.values(field)]
        where = item.at(field.split("/*", 1)[0])
    else:
        declared = item.get(field) or []
        where = item.at(field)
    missing = [v for v in ctx.params["values"] if v not in declared]
    if missing:
        yield Problem(where, {"missing": missing, "field": field})


@check("common.value_in", params={"properties": {"field": _FIELD, "values": {"type": "array", "minItems": 1}},
                                  "required": ["field", "values"]})
def value_in(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """The field has one of the listed values."""
    field = ctx.params["field"]
    value = item.get(field)
    if value not in ctx.params["values"]:
        yield Problem(item.at(field), {"field": field, "value": "—" if value is None else value,
                                       "allowed": list(ctx.params["values"])})


@check("common.number_at_least", params={"properties": {"field": _FIELD, "min": {"type": "number"},
                                                        "exclusive": {"type": "boolean"}}, "required": ["field", "min"]})
def number_at_least(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """The number field is at least `min` (more than `min` when exclusive); missing fails."""
    field, low = ctx.params["field"], ctx.params["min"]
    value = item.get(field)
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and (
        value > low if ctx.params.get("exclusive") else value >= low)
    if not ok:
        yield Problem(item.at(field), {"field": field, "value": "—" if value is None else value, "min": low})


@check("common.number_at_most", params={"properties": {"field": _FIELD, "max": {"type": "number"},
                                                       "required": {"type": "boolean"}}, "required": ["field", "max"]})
def number_at_most(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """Every number at the field (`*` allowed) is at most `max`; a missing value fails unless required is false."""
    field, high = ctx.params["field"], ctx.params["max"]
    for path, value in expand(item, field):
        if value is None and ctx.params.get("required", True) is False:
            continue
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value > high:
            yield Problem(item.at(path), {"field": path, "value": "—" if value is None else value, "max": high})


@check("common.fresh_within", params={"properties": {"field": _FIELD, "days": {"type": "integer", "minimum": 1}},
                                      "required": ["field"]})
def fresh_within(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """The date field is within `days` (default: freshness_days of ccaudit.yaml) before the reference date."""
    field = ctx.params["field"]
    value = item.get(field)
    days = ctx.params.get("days", ctx.config.freshness_days)
    if not ctx.is_fresh(value, days):
        yield Problem(item.at(field), {"field": field, "value": value or "—", "days": days,
                                       "as_of": ctx.as_of.isoformat()})


@check("common.around_the_clock", params={"properties": {"field": _FIELD}})
def around_the_clock(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """The hours field says around the clock without breaks ("24x7")."""
    field = ctx.params.get("field", "hours")
    hours = item.get(field)
    if not is_24x7(hours):
        yield Problem(item.at(field), {"field": field, "hours": "—" if hours is None else _hours_text(hours)})


def _hours_text(hours: Any) -> str:
    if isinstance(hours, str):
        return hours
    parts = []
    for period in hours.get("weekly", []) if isinstance(hours, dict) else []:
        days = ",".join(period.get("days", []))
        breaks = f" (перерыв {', '.join(period['breaks'])})" if period.get("breaks") else ""
        parts.append(f"{days} {period.get('open')}–{period.get('close')}{breaks}")
    return "; ".join(parts) or "—"


@check("common.document_current", params={"properties": {"document": _FIELD, "fresh": {"type": "boolean"},
                                                         "field": _FIELD}, "required": ["document"]})
def document_current(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """The agency document (documents.<name>) is declared, approved by the reference date and, if asked, current.

    With `field`, that part of the document (e.g. minors_ref of long_stay_rules) must be declared too.
    """
    name = ctx.params["document"]
    docs = ctx.declaration.of("documents")[0]
    doc = docs.get(name)
    if not isinstance(doc, dict) or not present(doc.get("ref")):
        yield Problem(docs.at(name), {"document": name, "problem": Text("не задан", "not declared")})
        return
    part = ctx.params.get("field")
    if part and not present(doc.get(part)):
        yield Problem(docs.at(name), {"document": f"{name}.{part}", "problem": Text("не задан", "not declared")})
        return
    if not ctx.approved_by_period_end(doc.get("approved_on")):
        yield Problem(docs.at(f"{name}/approved_on"), {"document": name, "problem": Text("не утверждён", "not approved")})
        return
    if ctx.params.get("fresh") and not ctx.is_fresh(doc.get("updated_on") or doc.get("approved_on")):
        yield Problem(docs.at(f"{name}/updated_on"),
                      {"document": name, "problem": Text(f"не актуализирован за {ctx.config.freshness_days} дн.",
                                                         f"not updated within {ctx.config.freshness_days} days")})
