"""Running one check on the patched minimal repository, for the edge-case tests of tests/checks."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any

from ccaudit.checks import CHECKS
from ccaudit.engine.packs import load_packs
from ccaudit.engine.registry import CheckContext
from ccaudit.model.config import load_config
from ccaudit.model.declaration import Declaration, Item, load_declaration
from ccaudit.model.finding import Outcome, Problem
from tests.conftest import TODAY, apply_patches

STANDARD = load_packs(["standard"], CHECKS)[0]


def _load(repo: Path, patches: dict[str, Any] | None, drop: tuple[str, ...] = ()) -> Declaration:
    apply_patches(repo, patches or {})
    for rel in drop:
        (repo / rel).unlink()
    return load_declaration(repo)


def judge_rule(repo: Path, rule_id: str, patches: dict[str, Any] | None = None, point: str | None = None,
               **params: Any) -> list[Problem]:
    """The problems a rule's check yields for one point of contact (or, with point=None, the agency)."""
    declaration = _load(repo, patches)
    rule = STANDARD.rule(rule_id)
    assert rule is not None and rule.check, rule_id
    ctx = CheckContext(declaration, rule, {**rule.params, **params}, load_config(repo, today=TODAY))
    item: Item | None = declaration.agency if point is None else declaration.find("contact_point", point)
    assert item is not None, point
    spec = CHECKS.get(rule.check)
    assert spec is not None
    return list(spec.fn(ctx, item))


def run_check(repo: Path, check: str, subject: str, patch: dict[str, Any] | None = None,
              params: dict[str, Any] | None = None, drop: tuple[str, ...] = ()) -> dict[str, list[Problem]]:
    """The problems a check yields for every item of `subject` (params given directly, no rule's own)."""
    declaration = _load(repo, patch, drop)
    ctx = CheckContext(declaration, STANDARD.rules[0], MappingProxyType(params or {}), load_config(repo, today=TODAY))
    spec = CHECKS.get(check)
    assert spec is not None, check
    return {item.ref.id: list(spec.fn(ctx, item)) for item in declaration.of(subject)}


def outcomes(problems: list[Problem]) -> list[Outcome]:
    return [p.outcome for p in problems]
