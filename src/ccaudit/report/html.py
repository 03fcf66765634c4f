"""The HTML report: one self-contained, printable page for an agency's leadership.

No external requests and no JavaScript: the stylesheet is inline (report/page.py) and the charts are inline SVG
(report/charts.py). Every value from the agency's files is escaped. Sections: summary, stars per point of contact,
indicators, findings, waivers and attestations, coverage of the Standard. Byte-identical for the same result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from ccaudit.engine.coverage import AUTOMATED, MANUAL, NOT_COVERED, Coverage, coverage, load_rows, matches_clause
from ccaudit.model.declaration import ItemRef
from ccaudit.model.errors import InputErrors
from ccaudit.model.finding import Finding, Outcome
from ccaudit.model.privacy import mask
from ccaudit.model.result import AuditResult
from ccaudit.model.rule import Modality, Text
from ccaudit.model.score import IndicatorValue, Limit
from ccaudit.report.base import limit_text, provenance
from ccaudit.report.charts import Bar, band_bar, ladder_bar, share_bar, stars_chart
from ccaudit.report.i18n import SEVERITY_NAMES, kind_name, stars_text, t
from ccaudit.report.page import STYLE, clause_key, clip, e, glyphs, quoted_message, table
from ccaudit.scoring.aggregate import rule_cap
from ccaudit.scoring.scale import IndicatorScale

WORDS: dict[str, Text] = {
    "report": Text("Самооценка клиентоцентричности", "Client-centricity self-assessment"),
    "standard": Text("по Стандарту «Государство для людей»", "against the Standard «Государство для людей»"),
    "contents": Text("Содержание", "Contents"),
    "summary": Text("Итоги", "Summary"),
    "chart": Text("Звёзды по точкам взаимодействия", "Stars per point of contact"),
    "indicators": Text("Показатели раздела 6", "Section 6 indicators"),
    "findings": Text("Замечания", "Findings"),
    "waivers": Text("Исключения и подтверждения", "Waivers and attestations"),
    "coverage": Text("Охват требований Стандарта", "Coverage of the Standard's requirements"),
    "version": Text("Версия ccaudit", "ccaudit version"),
    "selection": Text("Отбор правил", "Rule selection"),
    "baseline": Text("Базовая линия", "Baseline"),
    "baseline_on": Text("принятые замечания не считаются новыми", "accepted findings are not new"),
    "agency_level": Text("Уровень органа власти", "The agency's level"),
    "of_five": Text("из 5", "of 5"),
    "points_rated": Text("точек взаимодействия, оценено {rated}", "points of contact, {rated} rated"),
    "failures": Text("невыполненных требований: ошибок {error}, предупреждений {warning}, инфо {info}",
                     "requirements not met: errors {error}, warnings {warning}, info {info}"),
    "as_of": Text("На дату", "As of"),
    "no_data_n": Text("без данных", "without data"),
    "waived_manual": Text("по исключениям / оценивает методолог", "waived / left to a methodologist"),
    "limits": Text("Что ограничивает звёзды органа власти", "What holds the agency's stars"),
    "limits_none": Text("Ничего: у органа власти высший уровень или оценивать нечего.",
                        "Nothing: the agency is at the top level or has nothing to rate."),
    "limit_indicators": Text("Показатели", "Indicators"),
    "limit_rules": Text("Требования ({n}; ×N — не выполнено у N объектов)", "Requirements ({n}; ×N — not met for N items)"),
    "more": Text("и ещё {n}", "and {n} more"),
    "fix_first": Text("Что исправить в первую очередь", "What to fix first"),
    "fix_note": Text("Невыполненные требования с важностью «ошибка»: сначала те, что сейчас ограничивают звёзды, затем по "
                     "уровню, который они допускают.",
                     "Failed requirements of severity error: first those that hold stars now, then by the level they allow."),
    "nothing": Text("Ошибок нет.", "No errors."),
    "caps": Text("Потолок", "Caps at"),
    "requirement": Text("Требование", "Requirement"),
    "where": Text("Где", "Where"),
    "count": Text("Мест", "Places"),
    "limiting": Text("ограничивает сейчас", "limits now"),
    "chart_desc": Text("Звёзды каждой точки взаимодействия по шкале от 0 (ниже 1★) до 5.",
                       "Stars of each point of contact on a scale from 0 (below 1★) to 5."),
    "chart_note": Text("Точка взаимодействия получает уровень, все требования и показатели которого выполнены; «н/д» — "
                       "оценивать нечего.",
                       "A point of contact gets the highest level whose requirements and indicators all hold; "
                       "n/a means nothing applies."),
    "legend": Text("Цветные полосы — звёзды по шкале раздела 6, серая часть оси — ниже 1★; ◆ — значение; отрезок — "
                   "95 % доверительный интервал доли по выборке.",
                   "Coloured bands are the stars of the section 6 scale, the grey part of the axis is below 1★; ◆ is the "
                   "value; the whisker is the 95 % confidence interval of a sampled share."),
    "scale": Text("Шкала", "Scale"),
    "no_scale": Text("нет данных", "no data"),
    "n_of": Text("n = {n}", "n = {n}"),
    "severity": Text("Важность", "Severity"),
    "rule": Text("Правило", "Rule"),
    "outcome": Text("Итог", "Outcome"),
    "finding": Text("Замечание", "Finding"),
    "clause": Text("Пункт {clause}", "Clause {clause}"),
    "known": Text("известное", "known"),
    "fail": Text("не выполнено", "not met"),
    "error": Text("сбой проверки", "check failed"),
    "waived": Text("исключение", "waived"),
    "no_data": Text("нет данных", "no data"),
    "waivers_h": Text("Исключения", "Waivers"),
    "attestations_h": Text("Подтверждения методолога", "Methodologist's attestations"),
    "disabled_h": Text("Правила, отключённые настройкой", "Rules switched off in the configuration"),
    "item": Text("Объект", "Item"),
    "all_items": Text("все", "all"),
    "justification": Text("Обоснование", "Justification"),
    "approved_by": Text("Утвердил", "Approved by"),
    "attested_by": Text("Подтвердил", "Attested by"),
    "document": Text("Документ", "Document"),
    "expires": Text("Действует до", "Expires"),
    "status": Text("Состояние", "Status"),
    "in_force": Text("действует", "in force"),
    "expired": Text("истекло — не применено", "expired — not applied"),
    "expired_att": Text("истекло", "expired"),
    "none": Text("Нет.", "None."),
    "coverage_note": Text("Строки требований Стандарта (матрица требований) и правила ccaudit, которые их проверяют: "
                          "автоматически, оценкой методолога или никак.",
                          "Requirement rows of the Standard (the requirements matrix) and the ccaudit rules that check them: "
                          "automatically, by a methodologist's judgement, or not at all."),
    "section": Text("Раздел", "Section"),
    "rows": Text("Строк", "Rows"),
    "automated": Text("автоматически", "automated"),
    "manual": Text("методолог", "methodologist"),
    "not_covered": Text("не охвачено", "not covered"),
    "share": Text("Доли", "Shares"),
    "not_automated": Text("Не автоматизировано", "Not automated"),
    "total": Text("Всего", "Total"),
    "generated": Text("Создано ccaudit {version} по файлам органа власти; пакеты правил: {packs}. Отчёт не содержит "
                      "внешних ссылок и скриптов.",
                      "Made by ccaudit {version} from the agency's files; rule packs: {packs}. The report contains no "
                      "external references and no scripts."),
}

FIRST = ' class="first"'
SECTIONS = ("summary", "chart", "indicators", "findings", "waivers", "coverage")
SHOWN = (Outcome.FAIL, Outcome.ERROR, Outcome.WAIVED, Outcome.NO_DATA)
"""Outcomes listed among the findings (passes, n/a and manual rules are counted, not listed)."""
SOURCES = {"evidence": "measured", "metrics": "declared", "declarations": "from_declarations"}
COVERAGE = ((AUTOMATED, "#16a34a", "automated"), (MANUAL, "#f59e0b", "manual"), (NOT_COVERED, "#d1d5db", "not_covered"))


def w(key: str, lang: str, **args: object) -> str:
    """A string of this module's catalogue in `lang`."""
    return WORDS[key].format(lang, args)


class HtmlReporter:
    """A complete document: header, table of contents and six numbered sections."""

    name = "html"
    suffix = ".html"

    def __init__(self, scales: Mapping[str, IndicatorScale] | None = None) -> None:
        self._scales = scales

    def scales(self) -> Mapping[str, IndicatorScale]:
        """The section 6 scale of the standard pack (read once, on first use)."""
        if self._scales is None:
            from ccaudit.engine.packs import load_scale
            from ccaudit.scoring.scale import build_scales

            self._scales = build_scales(load_scale().indicators)
        return self._scales

    def render(self, result: AuditResult, lang: str) -> str:
        bodies = {"summary": self._summary, "chart": self._chart, "indicators": self._indicators,
                  "findings": self._findings, "waivers": self._waivers, "coverage": self._coverage}
        toc = "\n".join(f'<li><a href="#{key}">{e(w(key, lang))}</a></li>' for key in SECTIONS)
        sections = "\n".join(
            f'<section id="{key}"{FIRST if i == 0 else ""}>\n<h2><span class="no">{i + 1}</span>'
            f"{e(w(key, lang))}</h2>\n{bodies[key](result, lang)}\n</section>" for i, key in enumerate(SECTIONS))
        packs = ", ".join(f"{p.name} {p.version}" for p in result.packs)
        return (f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "ru"}">\n<head>\n<meta charset="utf-8">\n'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f"<title>{e(result.agency.title)} — {e(w('report', lang))}</title>\n<style>{STYLE}</style>\n</head>\n"
                f"<body>\n<main>\n{self._header(result, lang)}\n"
                f'<nav class="toc" aria-label="{e(w("contents", lang))}">\n<h2>{e(w("contents", lang))}</h2>\n<ol>\n{toc}\n</ol>\n</nav>\n'
                f"{sections}\n<footer>{e(w('generated', lang, version=result.version, packs=packs))}</footer>\n"
                f"</main>\n</body>\n</html>\n")

    # --- header and summary ------------------------------------------------------------------------------------

    def _header(self, result: AuditResult, lang: str) -> str:
        cfg = result.config
        stars = result.agency_score.stars
        meta = [(t("period", lang), f"{cfg.period} ({cfg.period.start.isoformat()} – {cfg.period.end.isoformat()})"),
                (w("as_of", lang), cfg.as_of.isoformat()),
                (t("packs", lang), "; ".join(f"{p.name} {p.version} — {p.document}" for p in result.packs)),
                (w("version", lang), result.version)]
        if cfg.clause:
            meta.append((w("selection", lang), f"--clause {cfg.clause}"))
        if result.baseline is not None:
            meta.append((w("baseline", lang), w("baseline_on", lang)))
        rows = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in meta)
        return (f'<header>\n<div>\n<div class="overline">{e(w("report", lang))} · {e(w("standard", lang))}</div>\n'
                f'<h1>{e(result.agency.title)}</h1>\n<dl class="meta">{rows}</dl>\n</div>\n'
                f'<div class="badge-stars" role="img" aria-label="{e(w("agency_level", lang))}: {e(stars_text(stars, lang))}">'
                f'{glyphs(stars)}<div class="num">{e(w("agency_level", lang))}: {e(level(stars, lang))}</div></div>\n'
                f"</header>")

    def _summary(self, result: AuditResult, lang: str) -> str:
        agency = result.agency_score
        counts = result.counts()
        failed = [f for f in result.findings if f.outcome is Outcome.FAIL]
        severities = Counter(f.severity.value for f in failed)
        rated = sum(1 for p in result.points if (s := result.score(p.ref)) is not None and s.stars is not None)
        tiles = [(str(len(result.points)), w("points_rated", lang, rated=rated), False),
                 (str(len(failed)), w("failures", lang, **{k: severities[k] for k in ("error", "warning", "info")}),
                  severities["error"] > 0),
                 (str(counts["no_data"]), w("no_data_n", lang), False),
                 (f"{counts['waived']} / {counts['manual']}", w("waived_manual", lang), False)]
        tile_html = "".join(f'<div class="tile{" bad" if bad else ""}"><b>{e(big)}</b><span>{e(text)}</span></div>'
                            for big, text, bad in tiles)
        return "\n".join([
            f'<div class="verdict"><div>{glyphs(agency.stars)}<div class="label">{e(w("agency_level", lang))}: '
            f'{e(level(agency.stars, lang))}</div></div><div class="tiles">{tile_html}</div></div>',
            f"<h3>{e(w('limits', lang))}</h3>", limits_list(agency.limited_by, lang),
            f"<h3>{e(w('fix_first', lang))}</h3>", f'<p class="note">{e(w("fix_note", lang))}</p>', self._fix_first(result, lang)])

    def _fix_first(self, result: AuditResult, lang: str, most: int = 10) -> str:
        """Rules failed with severity error, a row each: those holding the agency's stars first, then those holding a
        point of contact's, then by the level they cap (lowest first) and by how many units they touch."""
        holds = {(lim.id, s.unit == result.agency.ref) for s in result.scores for lim in s.limited_by if lim.kind == "rule"}
        by_rule: dict[str, list[Finding]] = {}
        for f in result.findings:
            if f.failed and f.severity.value == "error":
                by_rule.setdefault(f.rule_id, []).append(f)
        if not by_rule:
            return f"<p>{e(w('nothing', lang))}</p>"

        def cap(rule_id: str) -> int | None:
            rule = result.rule(rule_id)
            return rule_cap(rule) if rule.modality is Modality.MUST and not rule.heuristic else None

        def rank(rule_id: str) -> int:
            return 0 if (rule_id, True) in holds else 1 if (rule_id, False) in holds else 2

        order = sorted(by_rule, key=lambda r: (rank(r), 6 if cap(r) is None else cap(r), -len({f.unit for f in by_rule[r]}),
                                               clause_key(r)))
        titles = {p.ref: p.title for p in result.points} | {result.agency.ref: t("agency_level", lang)}
        rows = []
        for i, rule_id in enumerate(order[:most], 1):
            members = by_rule[rule_id]
            places: dict[ItemRef, list[str]] = {}
            for f in members:
                items = places.setdefault(f.unit, [])
                if f.item != f.unit and f.item.id not in items:
                    items.append(f.item.id)
            where = "".join(f'<div title="{e(titles.get(u, u.id))}">{e(clip(titles.get(u, u.id), 60))}'
                            + (f': <span class="rid">{e(", ".join(items))}</span>' if items else "") + "</div>"
                            for u, items in list(places.items())[:4])
            if len(places) > 4:
                where += f'<div class="muted">{e(w("more", lang, n=len(places) - 4))}</div>'
            capped = cap(rule_id)
            flag = f'<div class="tag close">{e(w("limiting", lang))}</div>' if rank(rule_id) < 2 else ""
            rows.append(f'<tr><td class="num">{i}</td><td><span class="rid">{e(rule_id)}</span></td>'
                        f'<td>{e(result.rule(rule_id).title.get(lang))}<span class="loc">{e(members[0].location)}</span></td>'
                        f'<td class="small">{where}</td>'
                        f'<td>{"—" if capped is None else glyphs(capped, "sm") + f" {capped}"}{flag}</td>'
                        f'<td class="num">{len(members)}</td></tr>')
        return table("fix", [("№", "40px", True), (w("rule", lang), "110px", False), (w("requirement", lang), "", False),
                             (w("where", lang), "26%", False), (w("caps", lang), "160px", False), (w("count", lang), "80px", True)],
                     rows)

    # --- charts --------------------------------------------------------------------------------------------------

    def _chart(self, result: AuditResult, lang: str) -> str:
        if not result.points:
            return f"<p>{e(w('none', lang))}</p>"
        bars = []
        for point in result.points:
            score = result.score(point.ref)
            stars = score.stars if score else None
            kind = kind_name(point.kind, lang)
            label = stars_text(stars, lang)
            bars.append(Bar(point.title, f"{kind} · {point.ref.id}", stars, f"{point.title} ({kind}, {point.ref.id}): {label}", label))
        desc = w("chart_desc", lang) + " " + "; ".join(b.tooltip for b in bars)
        axis = [t("below_one", lang), "1★", "2★", "3★", "4★", "5★"]
        return stars_chart(bars, w("chart", lang), desc, axis) + f'\n<p class="note">{e(w("chart_note", lang))}</p>'

    def _indicators(self, result: AuditResult, lang: str) -> str:
        if not result.indicators:
            return f"<p>{e(t('no_indicators', lang))}</p>"
        scales = self.scales()
        order = {result.agency.ref: (0, 0)} | {p.ref: (2, i) for i, p in enumerate(result.points)}
        groups: dict[ItemRef, list[IndicatorValue]] = {}
        for v in result.indicators:
            groups.setdefault(v.unit, []).append(v)
        titles = {p.ref: (p.title, kind_name(p.kind, lang)) for p in result.points}
        titles[result.agency.ref] = (result.agency.title, t("agency", lang))
        columns = [(t("indicator", lang), "24%", False), (t("value", lang), "120px", True), (t("stars", lang), "110px", False),
                   (f"{w('scale', lang)} · {t('basis', lang)}", "", False)]
        out = [f'<p class="note">{e(w("legend", lang))}</p>']
        for unit in sorted(groups, key=lambda u: (*order.get(u, (1, 0)), u.kind, u.id)):
            title, kind = titles.get(unit, (unit.id, t("life_situation", lang) if unit.kind == "life_situation" else unit.kind))
            rows = [indicator_row(v, scales.get(v.indicator), lang) for v in sorted(groups[unit], key=lambda v: v.indicator)]
            out.append(f'<h3>{e(title)} <span class="sub small">{e(kind)} · {e(unit.id)}</span></h3>\n'
                       + table("indicators", columns, rows))
        return "\n".join(out)

    # --- findings ------------------------------------------------------------------------------------------------

    def _findings(self, result: AuditResult, lang: str) -> str:
        """Per unit (the agency, then the points of contact), per clause in document order."""
        shown = [(i, f) for i, f in enumerate(result.findings) if f.outcome in SHOWN]
        if not shown:
            return f"<p>{e(t('no_findings', lang))}</p>"
        prints = result.fingerprints() if result.baseline is not None else None
        groups: dict[ItemRef, list[tuple[int, Finding]]] = {}
        for i, f in shown:
            groups.setdefault(f.unit, []).append((i, f))
        units = [(result.agency.ref, result.agency.title, t("agency_level", lang), "")]
        units += [(p.ref, p.title, kind_name(p.kind, lang), p.location) for p in result.points]
        listed = {u for u, *_ in units}
        units += [(u, u.id, u.kind, "") for u in sorted(groups, key=lambda u: (u.kind, u.id)) if u not in listed]
        columns = [(f'{w("severity", lang)} · {w("outcome", lang)}', "150px", False), (w("rule", lang), "110px", False),
                   (w("finding", lang), "", False)]
        out = []
        for unit, title, kind, path in units:
            members = groups.get(unit)
            if not members:
                continue
            members.sort(key=lambda p: (result.rule(p[1].rule_id).pack != "standard", result.rule(p[1].rule_id).pack,
                                        clause_key(result.rule(p[1].rule_id).clause), clause_key(p[1].rule_id), p[1].sort_key()))
            failed = Counter(f.severity.value for _, f in members if f.outcome is Outcome.FAIL)
            others = Counter(f.outcome.value for _, f in members if f.outcome is not Outcome.FAIL)
            counts = [f"{SEVERITY_NAMES[s].get(lang)} {failed[s]}" for s in ("error", "warning", "info") if failed[s]]
            counts += [f"{w(o, lang)} {others[o]}" for o in ("waived", "no_data", "error") if others[o]]
            sub = " · ".join(x for x in (kind, unit.id, path) if x)
            rows: list[str] = []
            clause: tuple[str, str] | None = None
            for i, f in members:
                rule = result.rule(f.rule_id)
                if (rule.pack, rule.clause) != clause:
                    clause = (rule.pack, rule.clause)
                    label = w("clause", lang, clause=rule.clause)
                    if rule.overlay:
                        label = f"{result.pack(rule.pack).title.get(lang)}: {label}"
                    rows.append(f'<tr class="clause"><th colspan="3">{e(label)}</th></tr>')
                rows.append(finding_row(result, f, lang, prints is not None and not result.is_new(i, prints)))
            out.append(f'<h3>{e(title)} <span class="sub small">{e(sub)}</span></h3>\n'
                       f'<p class="small">{e(" · ".join(counts))}</p>\n' + table("findings", columns, rows))
        return "\n".join(out)

    # --- waivers, attestations, coverage -------------------------------------------------------------------------

    def _waivers(self, result: AuditResult, lang: str) -> str:
        as_of = result.config.as_of

        def state(expired: bool, words: str) -> str:
            return f'<span class="warn">{e(w(words, lang))}</span>' if expired else f'<span class="ok">{e(w("in_force", lang))}</span>'

        def head(*keys: str) -> list[tuple[str, str, bool]]:
            widths = {"rule": "120px", "item": "130px", "approved_by": "22%", "attested_by": "22%", "expires": "110px",
                      "status": "150px"}
            return [(w(k, lang), widths.get(k, ""), False) for k in keys]

        out = [f"<h3>{e(w('waivers_h', lang))}</h3>"]
        rows = [f'<tr><td><span class="rid">{e(x.rule)}</span></td><td>{e(x.item or w("all_items", lang))}</td>'
                f'<td>{e(x.justification)}<span class="loc">{e(x.where)}</span></td><td>{e(x.approved_by)}</td>'
                f"<td>{e(x.expires.isoformat())}</td><td>{state(x in result.expired_waivers or x.expires < as_of, 'expired')}</td></tr>"
                for x in result.waivers]
        out.append(table("waivers", head("rule", "item", "justification", "approved_by", "expires", "status"), rows) if rows
                   else f"<p>{e(w('none', lang))}</p>")
        out.append(f"<h3>{e(w('attestations_h', lang))}</h3>")
        rows = [f'<tr><td><span class="rid">{e(x.rule)}</span></td><td>{e(x.item or w("all_items", lang))}</td>'
                f'<td>{e(x.document_ref)}<span class="loc">{e(x.where)}</span></td>'
                f'<td>{e(x.attested_by)}<div class="small muted">{e(x.attested_on.isoformat())}</div></td>'
                f'<td>{e(x.expires.isoformat())}</td><td>{state(x.expires < as_of, "expired_att")}</td></tr>'
                for x in result.attestations]
        out.append(table("attestations", head("rule", "item", "document", "attested_by", "expires", "status"), rows) if rows
                   else f"<p>{e(w('none', lang))}</p>")
        if result.config.disabled:
            out.append(f"<h3>{e(w('disabled_h', lang))}</h3>")
            rows = [f'<tr><td><span class="rid">{e(rule)}</span></td><td>{e(why)}</td></tr>'
                    for rule, why in sorted(result.config.disabled.items())]
            out.append(table("disabled", head("rule", "justification"), rows))
        return "\n".join(out)

    def _coverage(self, result: AuditResult, lang: str) -> str:
        """The Standard's requirement rows per section by how they are checked: engine.coverage, as `ccaudit rules
        coverage` computes it, over the packs of the audit; with --clause, only the selected rows."""
        try:
            rows = load_rows("standard")
        except InputErrors:
            return f"<p>{e(w('none', lang))}</p>"
        clause = result.config.clause
        selected = [r for r in rows if clause is None or matches_clause(clause, r.clause, r.id)]
        by_section: dict[str, list[Coverage]] = {}
        for c in coverage(selected, result.packs):
            by_section.setdefault(section_of(c.row.clause), []).append(c)
        body, total = [], Counter[str]()
        for section in sorted(by_section, key=clause_key):
            members = by_section[section]
            c = Counter(m.status for m in members)
            total.update(c)
            label = f"{section}: " + ", ".join(f"{w(name, lang)} {c[s]}" for s, _, name in COVERAGE)
            bar = share_bar([(c[s], colour, w(name, lang)) for s, colour, name in COVERAGE], label)
            left = ", ".join(m.row.id for m in members if m.status != AUTOMATED)
            body.append(f'<tr><td class="rid">{e(section)}</td><td class="num">{len(members)}</td><td class="num">{c[AUTOMATED]}</td>'
                        f'<td class="num">{c[MANUAL]}</td><td class="num">{c[NOT_COVERED]}</td><td>{bar}</td>'
                        f'<td class="small">{e(left)}</td></tr>')
        foot = (f'<tr><th>{e(w("total", lang))}</th><th class="num">{sum(total.values())}</th><th class="num">{total[AUTOMATED]}</th>'
                f'<th class="num">{total[MANUAL]}</th><th class="num">{total[NOT_COVERED]}</th><th></th><th></th></tr>')
        columns = [(w("section", lang), "80px", False), (w("rows", lang), "70px", True), (w("automated", lang), "150px", True),
                   (w("manual", lang), "120px", True), (w("not_covered", lang), "120px", True), (w("share", lang), "200px", False),
                   (w("not_automated", lang), "", False)]
        return f'<p class="note">{e(w("coverage_note", lang))}</p>\n' + table("coverage", columns, body, foot)


def level(stars: int | None, lang: str) -> str:
    """"3 of 5", "0 of 5 (below 1★)" or "n/a"."""
    if stars is None:
        return t("na", lang)
    return f"{stars} {w('of_five', lang)}" + (f" ({t('below_one', lang)})" if stars == 0 else "")


def limits_list(limits: Iterable[Limit], lang: str, most: int = 40) -> str:
    """What holds a unit's stars: indicators with what the next level needs, then rule ids (×N: for N items)."""
    limits = list(limits)
    if not limits:
        return f"<p>{e(w('limits_none', lang))}</p>"
    items = []
    indicators = [lim for lim in limits if lim.kind == "indicator"]
    if indicators:
        lines = "".join(f"<li>{e(limit_text(lim, lang))}</li>" for lim in indicators)
        items.append(f"<li><strong>{e(w('limit_indicators', lang))}</strong><ul>{lines}</ul></li>")
    rules = Counter(limit_text(lim, lang) for lim in limits if lim.kind != "indicator")
    if rules:
        ordered = sorted(rules, key=clause_key)
        chips = "".join(f'<span class="chip">{e(r)}{f" ×{rules[r]}" if rules[r] > 1 else ""}</span>' for r in ordered[:most])
        more = f'<span class="muted small">{e(w("more", lang, n=len(rules) - most))}</span>' if len(rules) > most else ""
        items.append(f'<li><strong>{e(w("limit_rules", lang, n=len(rules)))}</strong><div class="chips">{chips}{more}</div></li>')
    return f'<ul class="limits">{"".join(items)}</ul>'


def indicator_row(v: IndicatorValue, scale: IndicatorScale | None, lang: str) -> str:
    """An indicator: value with sample, interval, source and "too close to call"; stars; its bands and basis."""
    m = v.measure
    value = None if m.value is None else float(m.value)
    shown = "—" if value is None else f"{value:.1f}"
    interval = f"{m.interval[0]:.1f}–{m.interval[1]:.1f}" if m.interval else ""
    facts = [f'<div class="small muted">{e(w("n_of", lang, n=m.n))}</div>' if m.n else "",
             f'<div class="small muted">{e(interval)}</div>' if interval else "",
             f'<div class="tag">{e(t(SOURCES.get(v.source, "declared"), lang))}</div>',
             f'<div class="tag close">{e(t("too_close", lang))}</div>' if m.too_close else ""]
    label = f"{v.indicator}: {shown}" + (f" ({interval})" if interval else "") + f", {stars_text(v.stars, lang)}"
    if scale is not None and scale.bands and value is not None:
        chart = band_bar(scale.bands, value, m.interval, label, scale.unit, shown)
    elif v.stars is not None:
        chart = ladder_bar(v.stars, [x.get(lang) for x in scale.ladder] if scale is not None else [], label)
    else:
        chart = f'<span class="muted small">{e(w("no_scale", lang))}</span>'
    needs = f'<div class="next">→ {e(v.next_needs.get(lang))}</div>' if v.next_needs else ""
    return (f'<tr><td><span class="rid"><strong>{e(v.indicator)}</strong></span>'
            f'<div class="small muted">{e(scale.title.get(lang) if scale else "")}</div></td>'
            f'<td class="num"><span class="value">{e(shown)}</span>{"".join(facts)}</td>'
            f'<td>{glyphs(v.stars, "sm") if v.stars is not None else e(t("na", lang))}</td>'
            f'<td>{chart}<div class="small">{e(m.basis.get(lang))}</div>{needs}</td></tr>')


def finding_row(result: AuditResult, f: Finding, lang: str, known: bool) -> str:
    """One finding: severity, rule (and the clause it comes through), outcome, message with quotes marked, location."""
    sev = f.severity.value
    text = quoted_message(result, f, lang)
    if f.outcome is Outcome.WAIVED and f.note:
        text += f' <span class="muted">[{e(mask(f.note.get(lang)))}]</span>'
    via = f'<div class="small muted">{e(t("via", lang))} {e(f.via)}</div>' if f.via else ""
    text += "".join(f'<div class="small muted">{e(x)}</div>' for x in provenance(result, f.rule_id, lang))
    flag = f' <span class="tag">{e(w("known", lang))}</span>' if known else ""
    return (f'<tr class="finding"><td><span class="sev sev-{e(sev)}">{e(SEVERITY_NAMES[sev].get(lang))}</span><br>'
            f'<span class="out out-{e(f.outcome.value)}">{e(w(f.outcome.value, lang))}</span>{flag}</td>'
            f'<td><span class="rid">{e(f.rule_id)}</span>{via}</td>'
            f'<td>{text}<span class="loc">{e(f.location)}</span></td></tr>')


def section_of(clause: str) -> str:
    """The part of the Standard a clause belongs to: a channel of 4.6 ("4.6.3.7" → "4.6.3"), else a section
    ("4.3.3.2" → "4.3", "8.1" → "8"); the plan template's rows ("plan-1.2") are one part, "plan"."""
    if not clause[:1].isdigit():
        return clause.split("-")[0]
    parts = clause.split(".")
    if parts[0] != "4":
        return parts[0]
    return ".".join(parts[:3] if parts[:2] == ["4", "6"] else parts[:2])
