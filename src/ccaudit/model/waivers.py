"""Waivers (accepted exceptions for failing rules) and attestations (a methodologist's word for manual rules)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

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
    justification: str
    approved_by: str
    expires: date
    """Last day in force; judged at the audit's reference date (AuditConfig.as_of)."""
    where: Location

    def covers(self, rule_id: str, item_id: str) -> bool:
        return self.rule == rule_id and (self.item is None or self.item == item_id)


@dataclass(frozen=True, slots=True)
class Attestation:
    """A methodologist's attestation that a manual rule is met; the rule then counts as `pass`."""

    rule: str
    item: str | None
    attested_by: str
    attested_on: date
    document_ref: str
    expires: date
    where: Location

    def covers(self, rule_id: str, item_id: str) -> bool:
        return self.rule == rule_id and (self.item is None or self.item == item_id)


def _load(root: Path, rel: str, kind: str, what: str) -> tuple[list[dict[str, Any]], Any]:
    if not (root / rel).exists():
        raise InputErrors([InputError(Location(rel), f"{what} file does not exist",
                                      f"create it, or remove '{kind}:' from ccaudit.yaml")])
    doc = load_yaml(root, rel)
    data = doc.data if doc.data is not None else {}
    errors = validate(data, load_schema(kind), doc.smap)
    if errors:
        raise InputErrors(errors)
    return data[kind], doc.smap


def load_waivers(root: Path, rel: str) -> tuple[Waiver, ...]:
    """Read and validate a waivers file; InputErrors at line:col when it is malformed."""
    rows, smap = _load(root, rel, "waivers", "waivers")
    return tuple(
        Waiver(rule=w["rule"], item=w.get("item"), justification=w["justification"], approved_by=w["approved_by"],
               expires=date.fromisoformat(w["expires"]), where=smap.value(f"/waivers/{i}"))
        for i, w in enumerate(rows))


def load_attestations(root: Path, rel: str) -> tuple[Attestation, ...]:
    """Read and validate an attestations file; InputErrors at line:col when it is malformed."""
    rows, smap = _load(root, rel, "attestations", "attestations")
    return tuple(
        Attestation(rule=a["rule"], item=a.get("item"), attested_by=a["attested_by"],
                    attested_on=date.fromisoformat(a["attested_on"]), document_ref=a["document_ref"],
                    expires=date.fromisoformat(a["expires"]), where=smap.value(f"/attestations/{i}"))
        for i, a in enumerate(rows))
