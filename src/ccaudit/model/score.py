"""Indicator values and stars: `Measure`, `IndicatorValue`, `Limit`, `UnitScore`."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ccaudit.model.declaration import ItemRef
from ccaudit.model.rule import Text


@dataclass(frozen=True, slots=True)
class Measure:
    """A computed value with the sample behind it; exact (R6: no rounding before classification)."""

    value: Fraction | None
    """The value (a percentage, NPS points or hours), or None when undefined (R7)."""
    n: int
    """Size of the denominator or sample."""
    basis: Text
    """How it was obtained: "12 of 14 services are in an approved scenario"."""
    numerator: int | None = None
    interval: tuple[float, float] | None = None
    """95 % Wilson interval of a proportion, in percent (evidence only)."""
    too_close: bool = False
    """The interval crosses a band edge: another sample of the same size could give other stars."""


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """One indicator of section 6 for one unit."""

    indicator: str
    """"T1.1" … "T2.7"."""
    unit: ItemRef
    measure: Measure
    stars: int | None
    """0–5 (0 is below 1★), None when there is no data."""
    source: str
    """"declarations", "metrics" (declared values) or "evidence"."""
    next_needs: Text | None = None
    """What the next star level of this indicator needs."""


@dataclass(frozen=True, slots=True)
class Limit:
    """Something that holds a unit below the next star level."""

    kind: str
    """"rule" or "indicator"."""
    id: str
    """Rule id or indicator id."""
    caps_at: int
    """The highest level the unit can have while this holds."""
    needs: Text
    """What reaching the next level needs."""
    item: ItemRef | None = None


@dataclass(frozen=True, slots=True)
class UnitScore:
    """Stars of one unit: a point of contact, a channel (all points of one kind) or the agency."""

    unit: ItemRef
    """("agency", id), ("contact_point", id) or ("channel", kind)."""
    title: str
    stars: int | None
    """0–5, or None (n/a: nothing applicable)."""
    limited_by: tuple[Limit, ...] = field(default=())
    indicators: tuple[IndicatorValue, ...] = field(default=())
    skipped: tuple[str, ...] = field(default=())
    """Indicators without data, listed (R7)."""
    counts: dict[str, int] = field(default_factory=dict)
    """Findings by outcome."""
