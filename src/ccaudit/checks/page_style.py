"""Checks on saved pages' colours (4.6.1.11): a neutral palette and readable text on its background, from the stylesheets."""

from __future__ import annotations

import colorsys
import re
from collections.abc import Iterator

from ccaudit.checks.saved_pages import Found, SavedPage, element_at, judge_pages, measured, page_params
from ccaudit.engine.registry import CheckContext, check
from ccaudit.html import StyleRule
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text

NAMED = {"black": "#000000", "white": "#ffffff", "red": "#ff0000", "lime": "#00ff00", "green": "#008000", "blue": "#0000ff",
         "yellow": "#ffff00", "cyan": "#00ffff", "aqua": "#00ffff", "magenta": "#ff00ff", "fuchsia": "#ff00ff",
         "orange": "#ffa500", "gray": "#808080", "grey": "#808080", "silver": "#c0c0c0", "maroon": "#800000",
         "navy": "#000080", "purple": "#800080", "teal": "#008080", "olive": "#808000", "pink": "#ffc0cb",
         "gold": "#ffd700", "crimson": "#dc143c", "orangered": "#ff4500", "deeppink": "#ff1493", "chartreuse": "#7fff00"}
"""CSS named colours a stylesheet is likely to use; others are not judged."""
_COLOUR = re.compile(r"(?i)#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})\b|rgba?\([^)]*\)|\b(?:" + "|".join(NAMED) + r")\b")
_LARGE = re.compile(r"(?i)^(html|body|header|main|nav|footer|aside|section|article|table|#[\w-]+|\.[\w-]+)$")


def colour(text: str) -> tuple[float, float, float] | None:
    """The first opaque colour of a CSS value as (r, g, b) in 0..1, or None (no colour, transparent, translucent)."""
    match = _COLOUR.search(text or "")
    if not match:
        return None
    token = match.group(0).lower()
    token = NAMED.get(token, token)
    if token.startswith("#"):
        digits = token[1:]
        if len(digits) in (3, 4):
            digits = "".join(c * 2 for c in digits)
        if len(digits) == 8 and int(digits[6:], 16) < 255:
            return None
        return (int(digits[0:2], 16) / 255, int(digits[2:4], 16) / 255, int(digits[4:6], 16) / 255)
    parts = [p.strip() for p in re.split(r"[,\s/]+", token[token.index("(") + 1:-1]) if p.strip()]
    if len(parts) < 3 or (len(parts) > 3 and float(parts[3].rstrip("%")) < (100 if parts[3].endswith("%") else 1)):
        return None
    r, g, b = (float(p[:-1]) / 100 if p.endswith("%") else float(p) / 255 for p in parts[:3])
    return (r, g, b)


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2.x relative luminance."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG 2.x contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def hexed(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)


def vivid(rgb: tuple[float, float, float]) -> bool:
    """An aggressive shade: saturation of at least 0.8 at a middle lightness (0.3–0.7), in HLS."""
    _, lightness, saturation = colorsys.rgb_to_hls(*rgb)
    return saturation >= 0.8 and 0.3 <= lightness <= 0.7


def _background(rule: StyleRule) -> tuple[float, float, float] | None:
    return colour(rule.get("background-color") or "") or colour(rule.get("background") or "")


def _screen(rules: tuple[StyleRule, ...]) -> list[StyleRule]:
    return [r for r in rules if "print" not in r.media.lower()]


@check("page.neutral_palette", params=page_params())
def neutral_palette(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.11 (heuristic, B20): no vivid background on a page block, and no vivid body text colour."""

    def judge(saved: SavedPage) -> Found:
        for rule in _screen(saved.page.styles):
            background = _background(rule)
            text = colour(rule.get("color") or "") if rule.selector in ("html", "body") else None
            for role, rgb in (("background", background), ("color", text)):
                if rgb is not None and vivid(rgb) and (role == "color" or not rule.selector
                                                       or any(_LARGE.match(s.strip()) for s in rule.selector.split(","))):
                    yield rule, {"colour": hexed(rgb), "property": role}

    yield from judge_pages(ctx, item, judge)


@check("page.text_contrast", params=page_params(min={"type": "number", "minimum": 1, "maximum": 21},
                                                min_large={"type": "number", "minimum": 1, "maximum": 21}))
def text_contrast(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.11 (B20): text contrasts with its background at least `min`:1: colours set together (or on html/body), or,
    with --render, the computed colours of every text in headless Chromium."""
    least = float(ctx.params.get("min", 4.5))
    large_min = float(ctx.params.get("min_large", 3))

    def judge(saved: SavedPage) -> Found:
        if ctx.config.render:
            yield from rendered(saved)
            return
        rules = _screen(saved.page.styles)
        page_background = next((b for r in reversed(rules) if r.selector in ("html", "body") and (b := _background(r))),
                               (1.0, 1.0, 1.0))  # a browser's default page is white
        for rule in rules:
            text = colour(rule.get("color") or "")
            if text is None:
                continue
            background = _background(rule)
            if background is None and rule.selector not in ("html", "body"):
                continue  # the block's background comes from the cascade: a rendered check's business
            ratio = contrast(text, background or page_background)
            if ratio < least:
                yield rule, {"text": hexed(text), "background": hexed(background or page_background),
                             "ratio": f"{ratio:.1f}".replace(".", ","), "min": f"{least:g}".replace(".", ",")}

    def rendered(saved: SavedPage) -> Found:
        result = measured(ctx, saved)
        if isinstance(result, Text):
            no_data.append(Problem(saved.at(), {"reason": result}, Outcome.NO_DATA))
            return
        seen: set[tuple[str, str]] = set()
        for index, tag, text, background, ratio, large in result.text:  # computed colours, the background they are drawn on
            needed = min(least, large_min) if large else least  # WCAG lets large text need less contrast
            if ratio < needed and (text, background) not in seen:
                seen.add((text, background))
                yield element_at(saved.page, index, tag), {"text": text, "background": background,
                                                            "ratio": f"{ratio:.1f}".replace(".", ","), "min": f"{needed:g}".replace(".", ",")}

    no_data: list[Problem] = []
    yield from judge_pages(ctx, item, judge)
    yield from no_data
