"""Property tests of the star bands (hypothesis): every value in at most one band and, between the lowest and the
highest edge, in exactly one; stars monotone in the value; each edge in the band the normalisation closes it in."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccaudit.engine.packs import load_scale
from ccaudit.scoring.scale import Band, IndicatorScale, build_scales

SCALES = build_scales(load_scale().indicators)
BANDED = [s for s in SCALES.values() if s.bands]
COMPONENTS = [(s.id, name, bands) for s in SCALES.values() for name, _, bands in s.components]
LOWER_IS_BETTER = {k for k, spec in load_scale().indicators.items() if spec.get("lower_is_better")}
VALUES = st.fractions(min_value=-150, max_value=2500, max_denominator=10 ** 6)


def bounds(bands: tuple[Band, ...]) -> tuple[Fraction | None, Fraction | None]:
    lows = [b.low for b in bands]
    highs = [b.high for b in bands]
    return (None if None in lows else min(lows)), (None if None in highs else max(highs))  # type: ignore[type-var]


def all_bands() -> list[tuple[str, tuple[Band, ...], bool]]:
    out = [(s.id, s.bands, s.id in LOWER_IS_BETTER) for s in BANDED]
    out += [(f"{key}.{name}", bands, key in LOWER_IS_BETTER) for key, name, bands in COMPONENTS]
    return out


@pytest.mark.parametrize(("key", "bands", "_lower"), all_bands(), ids=lambda v: v if isinstance(v, str) else "")
@settings(max_examples=200, deadline=None)
@given(x=VALUES)
def test_a_value_is_in_at_most_one_band_and_in_exactly_one_inside_the_scale(key: str, bands: tuple[Band, ...], _lower: bool,
                                                                             x: Fraction) -> None:
    holding = [b.stars for b in bands if b.contains(x)]
    assert len(holding) <= 1, (key, x, holding)
    low, high = bounds(bands)
    inside = (low is None or x > low or (x == low and any(b.low == low and b.low_closed for b in bands))) and \
             (high is None or x < high or (x == high and any(b.high == high and b.high_closed for b in bands)))
    assert (len(holding) == 1) == inside, (key, x)


@pytest.mark.parametrize(("key", "bands", "lower"), all_bands(), ids=lambda v: v if isinstance(v, str) else "")
@settings(max_examples=200, deadline=None)
@given(x=VALUES, y=VALUES)
def test_stars_are_monotone_in_the_value(key: str, bands: tuple[Band, ...], lower: bool, x: Fraction, y: Fraction) -> None:
    low, high = bounds(bands)
    x, y = sorted((x, y))

    def stars(v: Fraction) -> int:
        return max((b.stars for b in bands if b.contains(v)), default=0)

    in_scale = all((low is None or v >= low) and (high is None or v <= high) for v in (x, y))
    if not in_scale:
        return  # outside the scale is below 1★ (R5), not part of the order
    assert (stars(x) >= stars(y)) if lower else (stars(x) <= stars(y)), (key, x, y)


@pytest.mark.parametrize("scale", BANDED, ids=lambda s: s.id)
def test_every_edge_belongs_where_the_normalisation_puts_it(scale: IndicatorScale) -> None:
    for band in scale.bands:
        for edge, closed in ((band.low, band.low_closed), (band.high, band.high_closed)):
            if edge is None:
                continue
            assert band.contains(edge) == closed, (scale.id, band.text)
            if not closed:  # an open edge belongs to the neighbouring band (R1–R4), or to none outside the scale
                owner = scale.stars(edge)
                assert owner != band.stars, (scale.id, band.text)


@settings(max_examples=200, deadline=None)
@given(m=st.fractions(min_value=0, max_value=48, max_denominator=3600), o=st.fractions(min_value=0, max_value=24, max_denominator=3600),
       dm=st.fractions(min_value=0, max_value=5, max_denominator=60), do=st.fractions(min_value=0, max_value=5, max_denominator=60))
def test_t2_6_is_the_lower_of_its_two_limits_and_slower_answers_never_raise_it(m: Fraction, o: Fraction, dm: Fraction,
                                                                                do: Fraction) -> None:
    scale = SCALES["T2.6"]
    stars = scale.stars_of({"mention": m, "official": o})
    assert stars == min(scale.stars_of({"mention": m}), scale.stars_of({"official": o}))  # type: ignore[type-var]
    assert scale.stars_of({"mention": m + dm, "official": o + do}) <= stars  # type: ignore[operator]
    assert scale.stars_of({"mention": None, "official": None}) is None
