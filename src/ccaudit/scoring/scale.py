"""Star bands of section 6 as exact intervals: a value (a Fraction) → stars 0–5 (R1–R7)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ccaudit.model.rule import Text

_RANGE = re.compile(r"^(?:(?P<lo>-?[0-9.]+) (?P<lop><=?) )?x(?: (?P<op><=?|>=?) (?P<v>-?[0-9.]+))?$")


@dataclass(frozen=True, slots=True)
class Band:
    """One star level's interval; None bounds are unbounded."""

    stars: int
    low: Fraction | None
    low_closed: bool
    high: Fraction | None
    high_closed: bool
    text: str

    def contains(self, x: Fraction) -> bool:
        if self.low is not None and (x < self.low or (x == self.low and not self.low_closed)):
            return False
        return not (self.high is not None and (x > self.high or (x == self.high and not self.high_closed)))


def parse_band(stars: int, text: str) -> Band:
    """Read "35 < x <= 50", "x > 50", "0 <= x <= 35" into a Band; ValueError on anything else."""
    match = _RANGE.match(text.strip())
    if not match:
        raise ValueError(f"not an interval: {text!r}")
    low = Fraction(match["lo"]) if match["lo"] else None
    low_closed = match["lop"] == "<="
    high: Fraction | None = None
    high_closed = False
    if match["op"] in ("<", "<="):
        high, high_closed = Fraction(match["v"]), match["op"] == "<="
    elif match["op"] in (">", ">="):
        low, low_closed = Fraction(match["v"]), match["op"] == ">="
    return Band(stars, low, low_closed, high, high_closed, text)


@dataclass(frozen=True, slots=True)
class IndicatorScale:
    """The bands of one indicator, from scale.yaml."""

    id: str
    title: Text
    table: int
    unit: str
    bands: tuple[Band, ...]
    units: frozenset[str] = frozenset({"agency"})
    """Units the indicator is measured for: "agency", "life_situation" and kinds of points of contact."""
    ladder: tuple[Text, ...] = ()
    """For a qualitative Table 2 row: the text of levels 1–5 (the conditions are computed in ladders.py)."""
    components: tuple[tuple[str, Text, tuple[Band, ...]], ...] = ()
    """For an indicator of several limits (T2.6): (name, title, bands) of each; the level is their minimum."""

    def stars_of(self, values: Mapping[str, Fraction | None]) -> int | None:
        """Stars of a component indicator: the lowest level over the components that have a value (a component
        without one imposes no limit); None when none has a value."""
        levels = [max((b.stars for b in bands if b.contains(values[name])), default=0)
                  for name, _, bands in self.components if values.get(name) is not None]
        return min(levels) if levels else None

    def stars(self, value: Fraction | None) -> int | None:
        """Stars for a value: the band it falls in, 0 when in none (R5), None when undefined (R7)."""
        if value is None:
            return None
        return max((b.stars for b in self.bands if b.contains(value)), default=0)

    def next_needs(self, stars: int | None) -> Text | None:
        """What the next level asks, e.g. "3★: 50 < x <= 70"."""
        if stars is None or stars >= 5:
            return None
        if self.components:
            parts = [(title, next((b for b in bands if b.stars == stars + 1), None)) for _, title, bands in self.components]
            ru = " и ".join(f"{t.ru} не дольше {float(b.high):g} ч" for t, b in parts if b and b.high is not None)
            en = " and ".join(f"{t.en} at most {float(b.high):g} h" for t, b in parts if b and b.high is not None)
            return Text(f"{self.id} для {stars + 1}★: {ru}", f"{self.id} for {stars + 1}★: {en}")
        if self.ladder:
            need = self.ladder[stars]
            return Text(f"{self.id} для {stars + 1}★: {need.ru}", f"{self.id} for {stars + 1}★: {need.en}")
        band = next((b for b in self.bands if b.stars == stars + 1), None)
        if band is None:
            return None
        what = {"percent": ("%", "%"), "nps_points": (" п. NPS", " NPS points"), "hours": (" ч", " h")}.get(self.unit, ("", ""))
        return Text(f"{self.id} для {band.stars}★: {band.text}{what[0]}", f"{self.id} for {band.stars}★: {band.text}{what[1]}")


def build_scales(indicators: Mapping[str, Any]) -> dict[str, IndicatorScale]:
    """IndicatorScales from the validated `indicators` mapping of scale.yaml."""
    return {
        key: IndicatorScale(key, Text(**spec["title"]), int(spec["table"]), spec.get("unit", "percent"),
                            tuple(parse_band(b["stars"], b["range"]) for b in spec.get("bands", ())), frozenset(spec["units"]),
                            tuple(Text(step["ru"], step["en"]) for step in sorted(spec.get("ladder", ()), key=lambda s: s["stars"])),
                            tuple((name, Text(**part["title"]), tuple(parse_band(b["stars"], b["range"]) for b in part["bands"]))
                                  for name, part in spec.get("components", {}).items()))
        for key, spec in sorted(indicators.items())
    }
