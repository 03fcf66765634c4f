"""The HTML report: one self-contained, printable file for an agency's leadership. No external requests, no
JavaScript; charts are inline SVG drawn here; every value from the agency's files is escaped."""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any

from ccaudit.engine.coverage import AUTOMATED, MANUAL, NOT_COVERED, coverage, load_rows
from ccaudit.model.finding import Finding, Outcome
from ccaudit.model.privacy import mask
from ccaudit.model.result import AuditResult
from ccaudit.model.rule import Text
from ccaudit.model.score import IndicatorValue
from ccaudit.report.base import limit_text, message
from ccaudit.report.i18n import SEVERITY_NAMES, kind_name, stars_text, t
from ccaudit.scoring.scale import IndicatorScale

WORDS = {
    "report": Text("Отчёт о самооценке клиентоцентричности", "Client-centricity self-assessment report"),
    "standard": Text("по Стандарту «Государство для людей»", "against the Standard «Государство для людей»"),
    "contents": Text("Содержание", "Contents"),
    "summary": Text("Итоги", "Summary"),
    "fix_first": Text("Что исправить в первую очередь", "What to fix first"),
    "chart": Text("Звёзды по точкам взаимодействия", "Stars per point of contact"),
    "indicators": Text("Показатели раздела 6", "Section 6 indicators"),
    "findings": Text("Замечания", "Findings"),
    "waivers": Text("Исключения и подтверждения", "Waivers and attestations"),
    "coverage": Text("Охват требований Стандарта", "Coverage of the Standard's requirements"),
    "automated": Text("проверяется автоматически", "checked automatically"),
    "manual": Text("оценивает методолог", "left to a methodologist"),
    "not_covered": Text("не охвачено", "not covered"),
    "section": Text("Раздел", "Section"),
    "expires": Text("действует до", "expires"),
    "expired": Text("истекло", "expired"),
    "approved": Text("утвердил", "approved by"),
    "attested": Text("подтвердил", "attested by"),
    "none": Text("нет", "none"),
    "interval": Text("95 % интервал", "95 % interval"),
    "too_close": Text("на границе полос", "too close to call"),
    "measured": Text("измерено", "measured"),
    "declared": Text("заявлено", "declared"),
    "from_declarations": Text("по декларациям", "from declarations"),
    "generated": Text("ccaudit {version}; пакеты: {packs}", "ccaudit {version}; packs: {packs}"),
    "rule": Text("Правило", "Rule"),
    "severity": Text("Важность", "Severity"),
    "status": Text("Итог", "Outcome"),
    "nothing": Text("Ошибок, ограничивающих звёзды, нет.", "No error limits the stars."),
}
SOURCES = {"evidence": "measured", "metrics": "declared", "declarations": "from_declarations"}
COLOURS = {0: "#b91c1c", 1: "#dc2626", 2: "#ea580c", 3: "#ca8a04", 4: "#65a30d", 5: "#15803d"}
SHOWN = (Outcome.FAIL, Outcome.ERROR, Outcome.WAIVED, Outcome.NO_DATA)
STYLE = """
:root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--accent:#1d4ed8;--bg:#f8fafc}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 -apple-system,"Segoe UI",Roboto,"PT Sans",Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:1040px;margin:0 auto;padding:32px 28px 64px}
header{border-bottom:3px solid var(--accent);padding-bottom:16px;margin-bottom:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:36px 0 12px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:16px;margin:22px 0 8px}.muted{color:var(--muted)}.small{font-size:13px}
nav ol{columns:2;margin:8px 0 0;padding-left:20px}nav a{color:var(--accent);text-decoration:none}
.card{display:flex;gap:28px;align-items:center;background:var(--bg);border:1px solid var(--line);border-radius:10px;padding:18px 22px}
.big{font-size:40px;letter-spacing:2px;white-space:nowrap}.big small{display:block;font-size:14px;letter-spacing:0;color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:14px}th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
th{background:var(--bg);font-weight:600}td.num{text-align:right;white-space:nowrap}
.sev-error{color:#b91c1c;font-weight:600}.sev-warning{color:#b45309;font-weight:600}.sev-info{color:#2563eb}
.status{font-size:12px;border-radius:4px;padding:1px 6px;background:#eef2ff;white-space:nowrap}
.loc{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:var(--muted)}
mark{background:#fde68a;padding:0 2px}svg text{font-family:inherit}
.bar{display:block;margin:4px 0 10px}.legend span{display:inline-block;margin-right:14px}
footer{margin-top:48px;font-size:12px;color:var(--muted)}
@media print{main{max-width:none;padding:0}section{break-before:page}section.first{break-before:auto}
 .card{background:none}nav{display:none}a{color:inherit;text-decoration:none}tr{break-inside:avoid}}
"""


def w(key: str, lang: str, **args: object) -> str:
    return WORDS[key].format(lang, args)


def e(value: object) -> str:
    """Escape a value for HTML text and attributes."""
    return escape(str(value), quote=True)


class HtmlReporter:
    name = "html"
    suffix = ".html"

    def __init__(self, scales: dict[str, IndicatorScale] | None = None) -> None:
        self._scales = scales

    def scales(self) -> dict[str, IndicatorScale]:
        if self._scales is None:
            from ccaudit.engine.packs import load_scale
            from ccaudit.scoring.scale import build_scales

            self._scales = build_scales(load_scale().indicators)
        return self._scales

    def render(self, result: AuditResult, lang: str) -> str:
        sections = [("summary", self._summary(result, lang)), ("chart", self._chart(result, lang)),
                    ("indicators", self._indicators(result, lang)), ("findings", self._findings(result, lang)),
                    ("waivers", self._waivers(result, lang)), ("coverage", self._coverage(result, lang))]
        cfg = result.config
        packs = ", ".join(f"{p.name} {p.version}" for p in result.packs)
        toc = "".join(f'<li><a href="#{key}">{e(w(key, lang))}</a></li>' for key, _ in sections)
        body = "".join(f'<section id="{key}"{" class=first" if i == 0 else ""}><h2>{e(w(key, lang))}</h2>{html}</section>'
                       for i, (key, html) in enumerate(sections))
        return (f'<!DOCTYPE html>\n<html lang="{e(lang)}"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>{e(w('report', lang))} — {e(result.agency.title)}</title><style>{STYLE}</style></head><body><main>"
                f"<header><h1>{e(result.agency.title)}</h1><div>{e(w('report', lang))} {e(w('standard', lang))}</div>"
                f"<div class=muted>{e(t('period', lang))}: {e(cfg.period)} ({e(cfg.period.start.isoformat())} – "
                f"{e(cfg.period.end.isoformat())}), {e(t('as_of', lang))} {e(cfg.as_of.isoformat())}</div></header>"
                f"<nav><strong>{e(w('contents', lang))}</strong><ol>{toc}</ol></nav>{body}"
                f"<footer>{e(w('generated', lang, version=result.version, packs=packs))}</footer></main></body></html>\n")

    # --- sections -------------------------------------------------------------------------------------------------

    def _summary(self, result: AuditResult, lang: str) -> str:
        agency = result.agency_score
        stars = agency.stars
        limits = list(dict.fromkeys(limit_text(x, lang) for x in agency.limited_by))
        counts = t("counts", lang, **result.counts())
        out = (f'<div class=card><div class=big style="color:{COLOURS.get(stars, "#6b7280") if stars is not None else "#6b7280"}">'
               f"{e(stars_text(stars, lang))}<small>{e(t('agency', lang))}</small></div><div>"
               f"<div><strong>{e(t('limited_by', lang))}:</strong> {e('; '.join(limits[:8]) + (f' (+{len(limits) - 8})' if len(limits) > 8 else '') or '—')}</div>"
               f"<div class='muted small'>{e(counts)}</div></div></div>")
        first = self._fix_first(result)
        out += f"<h3>{e(w('fix_first', lang))}</h3>"
        if not first:
            return out + f"<p>{e(w('nothing', lang))}</p>"
        rows = "".join(f"<tr><td>{e(f.rule_id)}</td><td>{e(self._unit_title(result, f))}</td><td>{e(message(result, f, lang))}"
                       f"<div class=loc>{e(f.location)}</div></td></tr>" for f in first)
        return out + f"<table><thead><tr><th>{e(w('rule', lang))}</th><th>{e(t('unit', lang))}</th>" \
                     f"<th>{e(w('findings', lang))}</th></tr></thead><tbody>{rows}</tbody></table>"

    @staticmethod
    def _fix_first(result: AuditResult, most: int = 12) -> list[Finding]:
        """Error failures whose rule caps a unit's stars, lowest cap first, then the other errors."""
        caps: dict[str, int] = {}
        for score in result.scores:
            for limit in score.limited_by:
                if limit.kind == "rule":
                    caps[limit.id] = min(caps.get(limit.id, 9), limit.caps_at)
        errors = [f for f in result.findings if f.failed and f.severity.value == "error"]
        errors.sort(key=lambda f: (caps.get(f.rule_id, 9), f.rule_id, f.unit.id))
        return errors[:most]

    def _chart(self, result: AuditResult, lang: str) -> str:
        """A horizontal bar per point of contact, 0–5 stars; n/a drawn as an empty row."""
        rows = [(p, result.score(p.ref)) for p in result.points]
        height, label_w, bar_w = 26, 380, 480
        total_h = height * len(rows) + 30
        parts = [f'<svg role="img" aria-label="{e(w("chart", lang))}" viewBox="0 0 {label_w + bar_w + 60} {total_h}" '
                 f'width="100%" xmlns="http://www.w3.org/2000/svg"><title>{e(w("chart", lang))}</title>']
        for k in range(6):
            x = label_w + bar_w * k / 5
            parts.append(f'<line x1="{x:.0f}" y1="0" x2="{x:.0f}" y2="{total_h - 24}" stroke="#e5e7eb"/>'
                         f'<text x="{x:.0f}" y="{total_h - 8}" font-size="12" text-anchor="middle" fill="#6b7280">{k}★</text>')
        for i, (point, score) in enumerate(rows):
            y = i * height + 4
            stars = score.stars if score else None
            label = f"{kind_name(point.kind, lang)}: {point.title}"
            short = label if len(label) <= 44 else label[:43] + "…"
            parts.append(f'<text x="{label_w - 8}" y="{y + 15}" font-size="12" text-anchor="end"><title>{e(label)}</title>{e(short)}</text>')
            if stars is None:
                parts.append(f'<text x="{label_w + 6}" y="{y + 15}" font-size="12" fill="#6b7280">{e(t("na", lang))}</text>')
                continue
            width = max(bar_w * stars / 5, 3)
            parts.append(f'<rect x="{label_w}" y="{y}" width="{width:.0f}" height="{height - 8}" rx="3" fill="{COLOURS[stars]}">'
                         f"<title>{e(point.title)}: {e(stars_text(stars, lang))}</title></rect>"
                         f'<text x="{label_w + width + 6:.0f}" y="{y + 14}" font-size="12">{stars}★</text>')
        parts.append("</svg>")
        return "".join(parts)

    def _indicators(self, result: AuditResult, lang: str) -> str:
        scales = self.scales()
        groups: dict[str, list[IndicatorValue]] = {}
        for v in sorted(result.indicators, key=lambda v: ({"agency": 0, "life_situation": 1}.get(v.unit.kind, 2), v.unit.id, v.indicator)):
            groups.setdefault(str(v.unit), []).append(v)
        out = []
        for members in groups.values():
            unit = members[0].unit
            point = next((p for p in result.points if p.ref == unit), None)
            title = result.agency.title if unit.kind == "agency" else point.title if point else unit.id
            rows = []
            for v in members:
                scale = scales.get(v.indicator)
                value = "—" if v.measure.value is None else f"{float(v.measure.value):.1f}"
                interval = ""
                if v.measure.interval:
                    interval = f"{v.measure.interval[0]:.1f}–{v.measure.interval[1]:.1f}"
                    if v.measure.too_close:
                        interval += f" ({w('too_close', lang)})"
                bar = self._band_bar(v, scale) if scale is not None and scale.bands and v.measure.value is not None else ""
                needs = f"<div class='muted small'>→ {e(v.next_needs.get(lang))}</div>" if v.next_needs else ""
                rows.append(f"<tr><td><strong>{e(v.indicator)}</strong><div class='muted small'>{e(scale.title.get(lang) if scale else '')}</div></td>"
                            f"<td class=num>{e(value)}</td><td class=num>{e(v.measure.n or '—')}</td><td class=small>{e(interval)}</td>"
                            f"<td>{e(stars_text(v.stars, lang))}</td><td class=small>{e(w(SOURCES.get(v.source, 'declared'), lang))}</td>"
                            f"<td class=small>{e(v.measure.basis.get(lang))}{needs}{bar}</td></tr>")
            out.append(f"<h3>{e(title)} <span class='muted small'>{e(unit.id)}</span></h3><table><thead><tr>"
                       f"<th>{e(t('indicator', lang))}</th><th>{e(t('value', lang))}</th><th>n</th><th>{e(w('interval', lang))}</th>"
                       f"<th>{e(t('stars', lang))}</th><th>{e(t('source', lang))}</th><th>{e(t('basis', lang))}</th></tr></thead>"
                       f"<tbody>{''.join(rows)}</tbody></table>")
        return "".join(out) or f"<p>{e(t('no_indicators', lang))}</p>"

    @staticmethod
    def _band_bar(v: IndicatorValue, scale: IndicatorScale) -> str:
        """The bands as coloured segments on the value axis, the value as a marker and the interval as a whisker."""
        edges = sorted({float(x) for b in scale.bands for x in (b.low, b.high) if x is not None})
        value = float(v.measure.value)  # type: ignore[arg-type]
        low = min([*edges, value, *(v.measure.interval or ())])
        high = max([*edges, value, *(v.measure.interval or ())])
        if high <= low:
            return ""
        width = 300

        def x(val: float) -> float:
            return 12 + (width - 24) * (val - low) / (high - low)

        parts = [f'<svg class=bar role="img" aria-label="{e(v.indicator)}" viewBox="0 0 {width} 34" width="{width}" height="34" '
                 f'xmlns="http://www.w3.org/2000/svg">']
        for band in scale.bands:
            a = float(band.low) if band.low is not None else low
            b = float(band.high) if band.high is not None else high
            parts.append(f'<rect x="{x(a):.1f}" y="6" width="{max(x(b) - x(a), 1):.1f}" height="10" fill="{COLOURS[band.stars]}" '
                         f'opacity="0.35"><title>{band.stars}★: {e(band.text)}</title></rect>')
        for edge in edges:
            parts.append(f'<text x="{x(edge):.1f}" y="30" font-size="8" text-anchor="middle" fill="#6b7280">{edge:g}</text>')
        if v.measure.interval:
            a, b = v.measure.interval
            parts.append(f'<line x1="{x(a):.1f}" y1="11" x2="{x(b):.1f}" y2="11" stroke="#111827" stroke-width="1.5"/>')
        parts.append(f'<circle cx="{x(value):.1f}" cy="11" r="4" fill="#111827"><title>{value:.2f}</title></circle></svg>')
        return "".join(parts)

    def _findings(self, result: AuditResult, lang: str) -> str:
        shown = [f for f in result.findings if f.outcome in SHOWN]
        if not shown:
            return f"<p>{e(t('no_findings', lang))}</p>"
        groups: dict[str, list[Finding]] = {}
        for f in shown:
            groups.setdefault(f.unit.id, []).append(f)
        order = [result.agency.ref.id, *(p.ref.id for p in result.points)]
        out = []
        for unit in order:
            if unit not in groups:
                continue
            members = sorted(groups[unit], key=lambda f: (_clause_key(result.rule(f.rule_id).clause), f.rule_id, f.location.sort_key()))
            point = next((p for p in result.points if p.ref.id == unit), None)
            title = f"{point.title} · {kind_name(point.kind, lang)}" if point else f"{result.agency.title} · {t('agency_level', lang)}"
            rows = []
            for f in members:
                sev = f.severity.value
                text = e(message(result, f, lang))
                found = f.args.get("found")
                if found is not None and f.outcome is Outcome.FAIL:
                    words = mask(found.get(lang) if isinstance(found, Text) else str(found))
                    if words and e(words) in text:
                        text = text.replace(e(words), f"<mark>{e(words)}</mark>", 1)
                if f.outcome is Outcome.WAIVED and f.note:
                    text += f" <span class=muted>[{e(mask(f.note.get(lang)))}]</span>"
                rows.append(f"<tr><td>{e(result.rule(f.rule_id).clause)}</td><td>{e(f.rule_id)}</td>"
                            f"<td class='sev-{e(sev)}'>{e(SEVERITY_NAMES[sev].get(lang))}</td><td><span class=status>{e(f.outcome.value)}</span></td>"
                            f"<td>{text}<div class=loc>{e(f.location)}</div></td></tr>")
            out.append(f"<h3>{e(title)} <span class='muted small'>{e(unit)}</span></h3><table><thead><tr><th>{e(w('section', lang))}</th>"
                       f"<th>{e(w('rule', lang))}</th><th>{e(w('severity', lang))}</th><th>{e(w('status', lang))}</th><th>{e(w('findings', lang))}</th></tr></thead>"
                       f"<tbody>{''.join(rows)}</tbody></table>")
        return "".join(out)

    def _waivers(self, result: AuditResult, lang: str) -> str:
        as_of = result.config.as_of
        rows = []
        for waiver in result.waivers:
            state = w("expired", lang) if waiver.expires < as_of else f"{w('expires', lang)} {waiver.expires.isoformat()}"
            rows.append(f"<tr><td>{e(waiver.rule)}</td><td>{e(waiver.item or '—')}</td><td>{e(waiver.justification)}</td>"
                        f"<td>{e(w('approved', lang))} {e(waiver.approved_by)}</td><td>{e(state)}</td></tr>")
        for att in result.attestations:
            state = w("expired", lang) if att.expires < as_of else f"{w('expires', lang)} {att.expires.isoformat()}"
            rows.append(f"<tr><td>{e(att.rule)}</td><td>{e(att.item or '—')}</td><td>{e(att.document_ref)}</td>"
                        f"<td>{e(w('attested', lang))} {e(att.attested_by)}</td><td>{e(state)}</td></tr>")
        if not rows:
            return f"<p>{e(w('none', lang))}</p>"
        return "<table><tbody>" + "".join(rows) + "</tbody></table>"

    def _coverage(self, result: AuditResult, lang: str) -> str:
        try:
            rows = coverage(load_rows("standard"), result.packs)
        except Exception:  # noqa: BLE001 - a pack without a clause list has no coverage table
            return f"<p>{e(w('none', lang))}</p>"
        by_section: dict[str, Counter[str]] = {}
        for row in rows:
            section = ".".join(row.row.clause.split(".")[:3]) if row.row.clause[:1].isdigit() else row.row.clause.split("-")[0]
            by_section.setdefault(section, Counter())[row.status] += 1
        body = "".join(f"<tr><td>{e(section)}</td><td class=num>{c[AUTOMATED]}</td><td class=num>{c[MANUAL]}</td>"
                       f"<td class=num>{c[NOT_COVERED]}</td></tr>" for section, c in sorted(by_section.items(), key=lambda p: _clause_key(p[0])))
        total: Counter[str] = Counter()
        for c in by_section.values():
            total.update(c)
        return (f"<table><thead><tr><th>{e(w('section', lang))}</th><th>{e(w('automated', lang))}</th><th>{e(w('manual', lang))}</th>"
                f"<th>{e(w('not_covered', lang))}</th></tr></thead><tbody>{body}</tbody><tfoot><tr><th>Σ</th>"
                f"<th class=num>{total[AUTOMATED]}</th><th class=num>{total[MANUAL]}</th><th class=num>{total[NOT_COVERED]}</th></tr></tfoot></table>")

    @staticmethod
    def _unit_title(result: AuditResult, f: Finding) -> str:
        point = next((p for p in result.points if p.ref == f.unit), None)
        return point.title if point else result.agency.title


def _clause_key(clause: str) -> tuple[Any, ...]:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in clause.replace("-", ".").split("."))
