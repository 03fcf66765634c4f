"""Clause coverage: for every requirement row of the Standard, the rules that check it and how."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ccaudit.engine.packs import CLAUSES_FILE, rules_dir
from ccaudit.model.errors import InputErrors
from ccaudit.model.rule import Rule, RulePack
from ccaudit.model.schema import load_schema, validate
from ccaudit.model.yamlio import load_yaml

AUTOMATED = "automated"
MANUAL = "manual"
NOT_COVERED = "not_covered"


@dataclass(frozen=True, slots=True)
class Row:
    """One requirement row of a document (rules/<pack>/clauses.yaml)."""

    id: str
    clause: str
    subject: str
    modality: str
    star_level: str
    kind: str
    """The matrix's check kind: declared, declared_evidence, evidence, text, html, not_checkable."""
    text: str


@dataclass(frozen=True, slots=True)
class Coverage:
    """A row with the rules that check it."""

    row: Row
    rules: tuple[Rule, ...]

    @property
    def status(self) -> str:
        """automated (a rule checks it), manual (only manual rules), or not_covered."""
        if any(not r.manual for r in self.rules):
            return AUTOMATED
        return MANUAL if self.rules else NOT_COVERED

    @property
    def expected(self) -> str:
        """What the matrix asks for: a manual rule for a not_checkable row, a checking rule otherwise."""
        return MANUAL if self.row.kind == "not_checkable" else AUTOMATED


def load_rows(pack: str = "standard", directory: Path | None = None) -> tuple[Row, ...]:
    """The requirement rows of a pack's document, in the document's order."""
    base = directory or rules_dir()
    rel = f"{base.name}/{pack}/{CLAUSES_FILE}"
    doc = load_yaml(base.parent, rel)
    errors = validate(doc.data, load_schema("clauses"), doc.smap)
    if errors:
        raise InputErrors(errors)
    return tuple(Row(r["id"], str(r["clause"]), r["subject"], r["modality"], str(r["star_level"]), r["kind"], r["text"])
                 for r in doc.data["rows"])


def coverage(rows: Iterable[Row], packs: Iterable[RulePack]) -> tuple[Coverage, ...]:
    """Every row with the rules whose id or `covers` names it."""
    by_row: dict[str, list[Rule]] = {}
    for pack in packs:
        for rule in pack.rules:
            for row_id in rule.rows:
                by_row.setdefault(row_id, []).append(rule)
    return tuple(Coverage(row, tuple(by_row.get(row.id, ()))) for row in rows)


def matches_clause(pattern: str, clause: str, rule_id: str = "") -> bool:
    """`--clause` selection: a glob ("4.6.4.*") or an exact clause or row id ("4.6.3.7", "4.3.4.1-a")."""
    values = [v for v in (clause, rule_id) if v]
    if any(c in pattern for c in "*?["):
        return any(fnmatch.fnmatchcase(v, pattern) for v in values)
    return pattern in values
