"""Clause coverage: the clause list, rules mapped to rows, and `--clause` selection."""

from __future__ import annotations

from collections import Counter

import pytest

from ccaudit.checks import CHECKS
from ccaudit.engine.coverage import AUTOMATED, NOT_COVERED, coverage, load_rows, matches_clause
from ccaudit.engine.packs import load_packs

ROWS = load_rows()
PACKS = load_packs(["standard"], CHECKS)


def test_clause_list_matches_the_matrices() -> None:
    ids = [r.id for r in ROWS]
    assert len(ids) == len(set(ids)) == 178 + 28 + 261
    kinds = Counter(r.kind for r in ROWS if not r.id.startswith(("4.6", "plan")))
    assert kinds == {"declared": 137, "not_checkable": 31, "declared_evidence": 8, "evidence": 2}
    assert sum(1 for r in ROWS if r.id.startswith("4.6") and r.kind != "not_checkable") == 258


def test_every_rule_names_existing_rows() -> None:
    known = {r.id for r in ROWS}
    unknown = [(rule.id, row) for p in PACKS for rule in p.rules for row in rule.rows if row not in known]
    assert unknown == []


def test_coverage_status() -> None:
    cov = {c.row.id: c for c in coverage(ROWS, PACKS)}
    assert cov["4.6.3.9"].status == AUTOMATED and [r.id for r in cov["4.6.3.9"].rules] == ["4.6.3.9"]
    assert cov["4.2.1"].expected == "manual"


@pytest.mark.parametrize(("pattern", "clause", "expected"), [
    ("4.6.4.*", "4.6.4.3", True), ("4.6.4.*", "4.6.44", False), ("4.6.3.7", "4.6.3.7", True),
    ("4.6.3", "4.6.3.7", False), ("4.3.4.1-a", "4.3.4.1", True),
])
def test_clause_selection(pattern: str, clause: str, expected: bool) -> None:
    assert matches_clause(pattern, clause, "4.3.4.1-a" if pattern == "4.3.4.1-a" else "") is expected


def test_not_covered_is_reported_for_rows_without_rules() -> None:
    statuses = Counter(c.status for c in coverage(ROWS, PACKS))
    assert statuses[AUTOMATED] >= 79 and sum(statuses.values()) == len(ROWS)
    assert NOT_COVERED in {c.status for c in coverage(ROWS, [])}


def test_every_row_of_the_standard_has_a_rule() -> None:
    missing = [c.row.id for c in coverage(ROWS, PACKS) if c.status == NOT_COVERED]
    assert missing == [], "rows without a rule: " + ", ".join(missing)


def test_not_checkable_rows_are_manual_and_checkable_ones_are_checked_or_wait_for_an_analysis() -> None:
    for c in coverage(ROWS, PACKS):
        if c.expected == "manual":
            assert c.status == "manual", c.row.id
        elif c.status == "manual":
            # A checkable row may be manual only while it waits for the text or evidence analysis, and says so.
            assert all(r.placeholder is not None for r in c.rules), c.row.id
            assert c.row.kind in ("text", "evidence", "declared_evidence", "declared"), c.row.id


def test_the_pack_counts() -> None:
    rules = [r for p in PACKS for r in p.rules]
    automated = [r for r in rules if not r.manual]
    assert len(rules) >= 460 and len(automated) >= 400
