"""The check registry: `CheckContext`, the `CheckFn` protocol, `CHECKS` and the `@check` decorator."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from ccaudit.evidence import Evidence
from ccaudit.model.config import AuditConfig
from ccaudit.model.declaration import Declaration, Item
from ccaudit.model.finding import Problem
from ccaudit.model.rule import Rule


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a check may look at besides the item: the whole declaration, its rule, params and config."""

    declaration: Declaration
    rule: Rule
    params: Mapping[str, Any]
    """The rule's params with the agency's tailored params merged over them."""
    config: AuditConfig
    evidence: Evidence | None = None
    """Evidence files of the repository, when it has any (docs/evidence-format.md)."""

    @property
    def as_of(self) -> date:
        """Reference date for freshness and approvals."""
        return self.config.as_of

    def is_fresh(self, value: Any, days: int | None = None) -> bool:
        """True when `value` is an ISO date within `days` (default: freshness_days) before as_of, and not after it."""
        if not isinstance(value, str):
            return False
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return False
        window = days if days is not None else self.config.freshness_days
        return self.as_of - timedelta(days=window) <= day <= self.as_of

    def approved_by_period_end(self, value: Any) -> bool:
        """True when `value` is an ISO date on or before the reference date."""
        if not isinstance(value, str):
            return False
        try:
            return date.fromisoformat(value) <= self.as_of
        except ValueError:
            return False


class CheckFn(Protocol):
    """A check: yields a Problem for each way the item falls short; yields nothing when it passes."""

    def __call__(self, ctx: CheckContext, item: Item) -> Iterable[Problem]: ...


@dataclass(frozen=True, slots=True)
class CheckSpec:
    """A registered check with the JSON Schema of its params."""

    name: str
    fn: CheckFn
    params: Mapping[str, Any] = field(default_factory=dict)
    """JSON Schema (an object schema) that every rule's params must satisfy."""

    @property
    def doc(self) -> str:
        return (self.fn.__doc__ or "").strip().splitlines()[0] if self.fn.__doc__ else ""


class Registry:
    """Checks by name. Registration is explicit: checks/__init__.py imports every check module."""

    def __init__(self) -> None:
        self._specs: dict[str, CheckSpec] = {}

    def register(self, name: str, fn: CheckFn, params: Mapping[str, Any] | None = None) -> None:
        if name in self._specs:
            raise ValueError(f"check {name!r} registered twice")
        schema = {"type": "object", "additionalProperties": False, "properties": {}, **(params or {})}
        self._specs[name] = CheckSpec(name, fn, schema)

    def get(self, name: str) -> CheckSpec | None:
        return self._specs.get(name)

    def names(self) -> tuple[str, ...]:
        return tuple(sorted(self._specs))

    def __contains__(self, name: object) -> bool:
        return name in self._specs


CHECKS = Registry()
"""The registry the CLI uses; filled when ccaudit.checks is imported."""


def check(name: str, params: Mapping[str, Any] | None = None, registry: Registry = CHECKS) -> Callable[[CheckFn], CheckFn]:
    """Register a check function under `name` (`<subject>.<what_holds>`), with a schema of its params."""

    def decorate(fn: CheckFn) -> CheckFn:
        registry.register(name, fn, params)
        return fn

    return decorate
