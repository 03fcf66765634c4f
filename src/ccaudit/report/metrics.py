"""The section 6 indicator table of `ccaudit metrics`: per unit, each value with its sample, interval, stars,
the distance to the next star and where it came from (measured, declared, or read from declarations)."""

from __future__ import annotations

import json
from typing import Any

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text as RichText

from ccaudit.model.result import AuditResult
from ccaudit.model.score import IndicatorValue
from ccaudit.report.base import plain_text
from ccaudit.report.i18n import kind_name, stars_text, t
from ccaudit.report.json import SCHEMA_VERSION, indicator_json

WIDTH = 120
SOURCE_KEYS = {"evidence": "measured", "metrics": "declared", "declarations": "from_declarations"}
UNIT_ORDER = {"agency": 0, "life_situation": 1, "contact_point": 2}


def source_name(source: str, lang: str) -> str:
    """"measured", "declared" (metrics.yaml) or "from declarations" in `lang`."""
    return t(SOURCE_KEYS[source], lang) if source in SOURCE_KEYS else source


def ordered(result: AuditResult) -> list[IndicatorValue]:
    """Agency first, then life situations, then points of contact; indicators in id order within a unit."""
    return sorted(result.indicators, key=lambda v: (UNIT_ORDER.get(v.unit.kind, 3), v.unit.id, v.indicator))


def _unit_title(result: AuditResult, value: IndicatorValue, lang: str) -> str:
    if value.unit.kind == "agency":
        return f"{t('agency', lang)}: {result.agency.title}"
    point = next((p for p in result.points if p.ref == value.unit), None)
    if point is not None:
        return f"{point.title} · {kind_name(point.kind, lang)} · {point.ref.id}"
    return f"{t('life_situation', lang)}: {value.unit.id}"


def _number(value: IndicatorValue) -> str:
    return "—" if value.measure.value is None else f"{float(value.measure.value):.1f}"


def _interval(value: IndicatorValue, lang: str) -> RichText:
    if value.measure.interval is None:
        return RichText("")
    low, high = value.measure.interval
    text = RichText(f"{low:.1f}–{high:.1f}")
    if value.measure.too_close:
        text.append(f" ({t('too_close', lang)})", style="yellow")
    return text


class MetricsReporter:
    """Pure renderer of the indicator part of an AuditResult, grouped by unit."""

    def renderables(self, result: AuditResult, lang: str) -> list[RenderableType]:
        head = RichText.assemble((f"{t('indicators', lang)} · ", "bold"), (result.agency.title, "bold"),
                                 f" · {t('period', lang)}: {result.config.period} "
                                 f"({result.config.period.start.isoformat()} – {result.config.period.end.isoformat()})")
        out: list[RenderableType] = [head]
        values = ordered(result)
        if not values:
            return [*out, RichText(t("no_indicators", lang))]
        groups: dict[str, list[IndicatorValue]] = {}
        for v in values:
            groups.setdefault(str(v.unit), []).append(v)
        for members in groups.values():
            table = Table(title=_unit_title(result, members[0], lang), box=box.SIMPLE_HEAD, title_justify="left",
                          title_style="bold cyan", pad_edge=False)
            table.add_column(t("indicator", lang), no_wrap=True)
            table.add_column(t("value", lang), justify="right", no_wrap=True)
            table.add_column(t("sample", lang), justify="right", no_wrap=True)
            table.add_column(t("interval", lang), no_wrap=True)
            table.add_column(t("stars", lang), no_wrap=True)
            table.add_column(t("source", lang), no_wrap=True)
            table.add_column(f"{t('basis', lang)} / {t('next_band', lang)}", ratio=1)
            for v in members:
                basis = RichText(v.measure.basis.get(lang))
                if v.next_needs:
                    basis.append("\n→ " + v.next_needs.get(lang), style="dim")
                table.add_row(v.indicator, _number(v), str(v.measure.n) if v.measure.n else "—", _interval(v, lang),
                              stars_text(v.stars, lang), source_name(v.source, lang), basis)
            out.append(table)
        return out

    def render_terminal(self, result: AuditResult, lang: str) -> str:
        return plain_text(self.renderables(result, lang), WIDTH)

    def document(self, result: AuditResult, lang: str) -> dict[str, Any]:
        cfg = result.config
        return {"schema_version": SCHEMA_VERSION, "agency": result.agency.ref.id, "period": str(cfg.period),
                "period_start": cfg.period.start.isoformat(), "period_end": cfg.period.end.isoformat(),
                "timezone": cfg.timezone, "min_sample": cfg.min_sample, "lang": lang,
                "indicators": [indicator_json(v, lang) for v in ordered(result)]}

    def render_json(self, result: AuditResult, lang: str) -> str:
        return json.dumps(self.document(result, lang), ensure_ascii=False, indent=2) + "\n"
