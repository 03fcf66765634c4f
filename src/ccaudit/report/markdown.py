"""A compact Markdown summary for a pull-request comment or a CI job summary: the stars, then the errors (new ones
first when a baseline is in use), the rest collapsed. Values from the agency's files are escaped."""

from __future__ import annotations

from ccaudit.model.finding import Finding, Outcome
from ccaudit.model.privacy import mask
from ccaudit.model.result import AuditResult
from ccaudit.model.rule import Text
from ccaudit.report.base import limit_text, message, provenance
from ccaudit.report.i18n import SEVERITY_NAMES, kind_name, stars_text, t

WORDS = {
    "errors": Text("Ошибки", "Errors"),
    "new": Text("новое", "new"),
    "others": Text("Предупреждения и информация", "Warnings and notes"),
    "waived": Text("Исключения (waivers)", "Waivers"),
    "manual": Text("Требуют оценки методолога", "Left to a methodologist"),
    "none": Text("Ошибок нет.", "No errors."),
    "more": Text("и ещё {n}", "and {n} more"),
}
MOST = 50
"""Findings listed per section; a comment has a size limit."""


def _limits(limits: object, lang: str, most: int) -> str:
    texts = list(dict.fromkeys(limit_text(x, lang) for x in limits))  # type: ignore[attr-defined]
    return "; ".join(texts[:most]) + (f" (+{len(texts) - most})" if len(texts) > most else "")


def w(key: str, lang: str, **args: object) -> str:
    return WORDS[key].format(lang, args)


def md(value: object) -> str:
    """Escape what would make Markdown or HTML of a value from the agency's files."""
    out = str(value).replace("\r", " ").replace("\n", " ")
    for ch in "\\`*_[]<>|#":
        out = out.replace(ch, "\\" + ch)
    return out.replace("@", "@\u2060")  # a word joiner: «@team» in a title must not notify anyone in a PR comment


class MarkdownReporter:
    name = "markdown"
    suffix = ".md"

    def render(self, result: AuditResult, lang: str) -> str:
        prints = result.fingerprints()
        new = {i for i in range(len(result.findings)) if result.baseline is not None and result.is_new(i, prints)}
        agency = result.agency_score
        lines = [f"## ccaudit · {md(result.agency.title)} · {stars_text(agency.stars, lang)}", "",
                 f"{t('period', lang)}: {result.config.period} · "
                 + t("counts", lang, **result.counts()), ""]
        if agency.limited_by:
            lines += [f"**{t('limited_by', lang)}:** " + md(_limits(agency.limited_by, lang, 6)), ""]
        lines += [f"| {t('kind', lang)} | {t('title', lang)} | {t('stars', lang)} | {t('limited_by', lang)} |", "| --- | --- | --- | --- |"]
        for point in result.points:
            score = result.score(point.ref)
            limits = _limits(score.limited_by, lang, 3) if score and score.limited_by else "—"
            lines.append(f"| {md(kind_name(point.kind, lang))} | {md(point.title)} | {stars_text(score.stars if score else None, lang)} "
                         f"| {md(limits)} |")
        indexed = list(enumerate(result.findings))
        errors = [(i, f) for i, f in indexed if f.failed and f.severity.value == "error"]
        errors.sort(key=lambda p: (p[0] not in new,))
        lines += ["", f"### {w('errors', lang)} ({len(errors)})", ""]
        lines += [self._item(result, f, lang, i in new) for i, f in errors[:MOST]] or [w("none", lang)]
        if len(errors) > MOST:
            lines.append(f"- … {w('more', lang, n=len(errors) - MOST)}")
        others = [(i, f) for i, f in indexed if f.failed and f.severity.value != "error"]
        others.sort(key=lambda p: (p[0] not in new, -p[1].severity.rank))  # warnings before notes; stable otherwise
        waived = [(i, f) for i, f in indexed if f.outcome is Outcome.WAIVED]
        manual = [(i, f) for i, f in indexed if f.outcome is Outcome.MANUAL]
        for key, items in (("others", others), ("waived", waived), ("manual", manual)):
            if not items:
                continue
            lines += ["", f"<details><summary>{w(key, lang)} ({len(items)})</summary>", ""]
            lines += [self._item(result, f, lang, i in new) for i, f in items[:MOST]]
            if len(items) > MOST:
                lines.append(f"- … {w('more', lang, n=len(items) - MOST)}")
            lines += ["", "</details>"]
        return "\n".join(lines) + "\n"

    def _item(self, result: AuditResult, f: Finding, lang: str, is_new: bool) -> str:
        where = f"{f.location.path}:{f.location.line}" if f.location.line else f.location.path
        flag = f"**{w('new', lang)}** " if is_new else ""
        sev = SEVERITY_NAMES[f.severity.value].get(lang)
        note = f" — {md(mask(f.note.get(lang)))}" if f.outcome is Outcome.WAIVED and f.note else ""
        source = "".join(f" *({md(x)})*" for x in provenance(result, f.rule_id, lang))
        return f"- {flag}**{md(f.rule_id)}** ({sev}, {md(f.unit.id)}): {md(message(result, f, lang))}{note}{source} — {md(where)}"
