"""Star bands against the worked examples of the requirements matrix (§3): exact fractions, no rounding."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from ccaudit.engine.packs import load_scale
from ccaudit.scoring.scale import build_scales, parse_band

SCALES = build_scales(load_scale().indicators)
CASES = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text("utf-8"))["cases"]


def value_of(case: dict) -> Fraction | None:
    if "promoters" in case:
        n = case["promoters"] + case["passives"] + case["detractors"]
        return None if n == 0 else Fraction(100 * (case["promoters"] - case["detractors"]), n)
    return None if case["denominator"] == 0 else Fraction(100 * case["numerator"], case["denominator"])


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['id']}-{c['indicator']}")
def test_worked_example(case: dict) -> None:
    assert SCALES[case["indicator"]].stars(value_of(case)) == case["expected"], case.get("note")


def test_all_numeric_indicators_of_the_matrix_are_covered() -> None:
    assert {c["indicator"] for c in CASES} == {"T1.1", "T1.2", "T1.3", "T1.4", "T1.5", "T1.6", "T2.2", "T2.5"}
    assert len(CASES) == 80


@pytest.mark.parametrize(("text", "inside", "outside"), [
    ("35 < x <= 50", ["35.0001", "50"], ["35", "50.0001"]),
    ("0 <= x <= 35", ["0", "35"], ["-1", "35.01"]),
    ("x > 50", ["50.5", "1000"], ["50"]),
    ("20 <= x <= 20", ["20"], ["19.99", "20.01"]),
    ("10 <= x < 20", ["10", "19.999"], ["20"]),
])
def test_band_parsing(text: str, inside: list[str], outside: list[str]) -> None:
    band = parse_band(1, text)
    assert all(band.contains(Fraction(v)) for v in inside)
    assert not any(band.contains(Fraction(v)) for v in outside)


def test_next_level_text() -> None:
    needs = SCALES["T1.1"].next_needs(2)
    assert needs is not None and needs.en == "T1.1 for 3★: 50 < x <= 70%"
    assert SCALES["T1.1"].next_needs(5) is None
