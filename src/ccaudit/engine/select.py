"""Which items a rule examines: its subject, the kinds of points of contact (with inheritance), `when`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ccaudit.model.declaration import CONTACT_POINT, Declaration, Item, ItemRef
from ccaudit.model.rule import Rule


@dataclass(frozen=True, slots=True)
class Target:
    """One item a rule runs on, the unit it scores for, and why (inheritance, applicability)."""

    item: Item
    unit: ItemRef
    via: str | None
    """Clause through which an inherited rule reaches this kind of point."""
    applicable: bool
    """False when a `when` condition of the rule does not hold for the item."""


def unit_of(item: Item, declaration: Declaration) -> ItemRef:
    """The scoring unit of an item: a point of contact scores for itself, everything else for the agency."""
    return item.ref if item.ref.kind == CONTACT_POINT else declaration.agency.ref


def when_holds(when: Mapping[str, Any], item: Item) -> bool:
    """True when every field named in `when` has one of the listed values."""
    return all(item.get(path) in allowed for path, allowed in when.items())


def targets(rule: Rule, declaration: Declaration) -> list[Target]:
    """Items the rule examines, in id order."""
    if rule.subject == CONTACT_POINT:
        items = [p for p in declaration.contact_points() if rule.applies_to_kind(p.contact_kind)]
    else:
        items = list(declaration.of(rule.subject))
    return [Target(item, unit_of(item, declaration), rule.via(item.contact_kind), when_holds(rule.when, item))
            for item in items]
