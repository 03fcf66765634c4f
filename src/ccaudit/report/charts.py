"""Inline SVG charts of the HTML report: stars per point of contact, an indicator's bands, a coverage bar.

Pure functions of plain values returning SVG text; every label is escaped here, coordinates are rounded to one
decimal so that the output is byte-identical from run to run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ccaudit.report.page import NA_COLOUR, STAR_COLOURS, clip, e
from ccaudit.scoring.scale import Band

BAND_TINTS = {0: "#fde2e2", 1: "#fecaca", 2: "#fed7aa", 3: "#fde68a", 4: "#d9f99d", 5: "#bbf7d0"}
"""Light tints of the same hues for bands (they print on white paper)."""
BELOW = "#e5e7eb"
"""The part of an indicator's axis in no band: below 1★."""
INK, MUTED, GRID = "#111827", "#6b7280", "#e5e7eb"


def n(x: float) -> str:
    """A coordinate: one decimal, no trailing ".0", never "-0"."""
    text = f"{x:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@dataclass(frozen=True, slots=True)
class Bar:
    """One row of the star chart."""

    title: str
    subtitle: str
    stars: int | None
    tooltip: str
    """The row's full text for <title> (and screen readers)."""
    stars_label: str
    """"★★☆☆☆ 2", "n/a": what the row says next to its bar."""


def stars_chart(rows: Sequence[Bar], title: str, desc: str, axis: Sequence[str]) -> str:
    """A horizontal bar per row on a 0–5 axis; n/a rows have no bar. `axis` holds the six tick labels."""
    label_w, bar_w, right, row_h, top = 400, 440, 160, 40, 8
    width = label_w + bar_w + right
    height = top + row_h * len(rows) + 28
    out = [f'<svg class="chart stars-chart" role="img" aria-labelledby="stars-title stars-desc" '
           f'viewBox="0 0 {width} {height}" width="100%">',
           f'<title id="stars-title">{e(title)}</title><desc id="stars-desc">{e(desc)}</desc>']
    for i in range(len(rows)):
        if i % 2 == 0:
            out.append(f'<rect x="0" y="{top + i * row_h}" width="{width}" height="{row_h}" fill="#f9fafb"/>')
    for k in range(6):
        x = label_w + bar_w * k / 5
        out.append(f'<line x1="{n(x)}" y1="{top}" x2="{n(x)}" y2="{top + row_h * len(rows)}" stroke="{GRID}"/>'
                   f'<text x="{n(x)}" y="{height - 8}" font-size="12" text-anchor="middle" fill="{MUTED}">{e(axis[k])}</text>')
    for i, row in enumerate(rows):
        y = top + i * row_h
        out.append(f'<g><title>{e(row.tooltip)}</title>'
                   f'<text x="{label_w - 12}" y="{y + 17}" font-size="13" text-anchor="end" fill="{INK}">{e(clip(row.title, 46))}</text>'
                   f'<text x="{label_w - 12}" y="{y + 32}" font-size="11" text-anchor="end" fill="{MUTED}">{e(clip(row.subtitle, 60))}</text>')
        if row.stars is None:
            out.append(f'<rect x="{label_w}" y="{y + 10}" width="{n(bar_w / 5)}" height="20" rx="3" fill="none" '
                       f'stroke="{NA_COLOUR}" stroke-dasharray="4 3"/>'
                       f'<text x="{n(label_w + bar_w / 5 + 10)}" y="{y + 25}" font-size="13" fill="{MUTED}">{e(row.stars_label)}</text></g>')
            continue
        colour = STAR_COLOURS[row.stars]
        bar = max(bar_w * row.stars / 5, 5)
        out.append(f'<rect x="{label_w}" y="{y + 10}" width="{n(bar)}" height="20" rx="3" fill="{colour}"/>'
                   f'<text x="{n(label_w + bar + 10)}" y="{y + 25}" font-size="13" fill="{colour}" font-weight="600">'
                   f'{e(row.stars_label)}</text></g>')
    out.append("</svg>")
    return "".join(out)


def _ticks(edges: Sequence[float], scale: float, gap: float) -> list[float]:
    """Edges whose labels do not collide: keep the first, drop one closer than `gap` pixels to the last kept."""
    kept: list[float] = []
    for edge in edges:
        if not kept or (edge - kept[-1]) * scale >= gap:
            kept.append(edge)
    return kept


def band_bar(bands: Sequence[Band], value: float | None, interval: tuple[float, float] | None, label: str,
             unit: str, value_label: str) -> str:
    """The star bands of an indicator on its value axis, with the value as a marker and the 95 % interval as a
    whisker. Below the lowest band is "below 1★" (the bar's background). `unit` is "percent", "nps_points" or "hours"."""
    width, left, right = 420, 10, 10
    edges = sorted({float(x) for b in bands for x in (b.low, b.high) if x is not None})
    points = [*edges, *([value] if value is not None else []), *(interval or ())]
    low, high = min(points), max(points)
    span = (high - low) or 1.0
    # A margin on each side shows the region below the lowest band ("below 1★") and an unbounded top band.
    low -= span * (0.12 if any(b.low is None for b in bands) else 0.06)
    high += span * (0.12 if any(b.high is None for b in bands) else 0.06)
    floor, ceiling = {"percent": (0.0, 100.0), "nps_points": (-100.0, 100.0)}.get(unit, (0.0, float("inf")))
    low, high = max(low, floor), min(high, ceiling)
    if high <= low:
        high = low + 1
    scale = (width - left - right) / (high - low)

    def x(v: float) -> float:
        return left + (min(max(v, low), high) - low) * scale

    out = [f'<svg class="chart band-bar" role="img" aria-label="{e(label)}" viewBox="0 0 {width} 52" width="{width}" '
           f'height="52"><title>{e(label)}</title>',
           f'<rect x="{left}" y="18" width="{width - left - right}" height="14" fill="{BELOW}"/>']
    for band in sorted(bands, key=lambda b: (float(b.low) if b.low is not None else low)):
        a = x(float(band.low)) if band.low is not None else x(low)
        b = x(float(band.high)) if band.high is not None else x(high)
        out.append(f'<rect x="{n(a)}" y="18" width="{n(max(b - a, 1))}" height="14" fill="{BAND_TINTS[band.stars]}" '
                   f'stroke="#ffffff" stroke-width="1"><title>{band.stars}★: {e(band.text)}</title></rect>')
        if b - a >= 20:
            out.append(f'<text x="{n((a + b) / 2)}" y="29" font-size="9.5" text-anchor="middle" '
                       f'fill="{STAR_COLOURS[band.stars]}" font-weight="600">{band.stars}★</text>')
    for edge in _ticks([v for v in edges if low <= v <= high], scale, 16):
        out.append(f'<text x="{n(x(edge))}" y="45" font-size="9.5" text-anchor="middle" fill="{MUTED}">{edge:g}</text>')
    if interval is not None:
        a, b = x(interval[0]), x(interval[1])
        out.append(f'<path d="M{n(a)} 21V29M{n(a)} 25H{n(b)}M{n(b)} 21V29" stroke="{INK}" stroke-width="1.5" fill="none"/>')
    if value is not None:
        cx = x(value)
        anchor = "start" if cx < 30 else "end" if cx > width - 30 else "middle"
        out.append(f'<path d="M{n(cx)} 19l5 6-5 6-5-6z" fill="{INK}" stroke="#ffffff" stroke-width="1"/>'
                   f'<text x="{n(cx)}" y="12" font-size="10.5" font-weight="700" text-anchor="{anchor}" fill="{INK}">'
                   f'{e(value_label)}</text>')
    out.append("</svg>")
    return "".join(out)


def ladder_bar(stars: int, steps: Sequence[str], label: str) -> str:
    """A qualitative indicator: five steps, those reached filled in the level's colour; `steps` titles them."""
    width, gap = 420, 4
    step_w = (width - 20 - gap * 4) / 5
    out = [f'<svg class="chart ladder-bar" role="img" aria-label="{e(label)}" viewBox="0 0 {width} 52" width="{width}" '
           f'height="52"><title>{e(label)}</title>']
    for k in range(1, 6):
        x0 = 10 + (k - 1) * (step_w + gap)
        reached = k <= stars
        fill = BAND_TINTS[stars] if reached else "#ffffff"
        stroke = STAR_COLOURS[stars] if reached else "#d1d5db"
        tip = steps[k - 1] if k - 1 < len(steps) else f"{k}★"
        out.append(f'<rect x="{n(x0)}" y="18" width="{n(step_w)}" height="14" rx="2" fill="{fill}" stroke="{stroke}">'
                   f'<title>{k}★: {e(tip)}</title></rect>'
                   f'<text x="{n(x0 + step_w / 2)}" y="45" font-size="9.5" text-anchor="middle" fill="{MUTED}">{k}★</text>')
    out.append("</svg>")
    return "".join(out)


def share_bar(parts: Sequence[tuple[int, str, str]], label: str, width: int = 180) -> str:
    """A stacked bar of counts: (count, colour, name) parts in order, scaled to their total."""
    total = sum(c for c, _, _ in parts) or 1
    out = [f'<svg class="chart share-bar" role="img" aria-label="{e(label)}" viewBox="0 0 {width} 12" width="{width}" '
           f'height="12"><title>{e(label)}</title>']
    x = 0.0
    for count, colour, name in parts:
        if count:
            w = width * count / total
            out.append(f'<rect x="{n(x)}" y="0" width="{n(w)}" height="12" fill="{colour}"><title>{e(name)}: {count}</title></rect>')
            x += w
    out.append("</svg>")
    return "".join(out)
