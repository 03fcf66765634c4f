"""Waivers: accepted exceptions for a rule (and optionally one item) until an expiry date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ccaudit.model.errors import InputError, InputErrors
from ccaudit.model.location import Location
from ccaudit.model.schema import load_schema, validate
from ccaudit.model.yamlio import load_yaml


@dataclass(frozen=True, slots=True)
class Waiver:
    """One accepted exception. A waived failure does not fail CI but still limits the stars."""

    rule: str
    item: str | None
    """Item id (a point of contact, a life situation, …); None waives the rule for every item."""
    reason: str
    approved_by: str | None
    expires: date
    """Last day in force; judged at the audit's reference date (AuditConfig.as_of)."""
    where: Location

    def covers(self, rule_id: str, item_id: str) -> bool:
        return self.rule == rule_id and (self.item is None or self.item == item_id)


def load_waivers(root: Path, rel: str) -> tuple[Waiver, ...]:
    """Read and validate a waivers file; InputErrors at line:col when it is malformed."""
    if not (root / rel).exists():
        raise InputErrors([InputError(Location(rel), "waivers file does not exist",
                                      "create it, or remove 'waivers:' from ccaudit.yaml")])
    doc = load_yaml(root, rel)
    data = doc.data if doc.data is not None else {}
    errors = validate(data, load_schema("waivers"), doc.smap)
    if errors:
        raise InputErrors(errors)
    return tuple(
        Waiver(rule=w["rule"], item=w.get("item"), reason=w["reason"], approved_by=w.get("approved_by"),
               expires=date.fromisoformat(w["expires"]), where=doc.smap.value(f"/waivers/{i}"))
        for i, w in enumerate(data["waivers"])
    )
