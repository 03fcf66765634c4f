"""Terminal output with rich: star tables, indicators and findings grouped by point of contact."""

from __future__ import annotations

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text as RichText

from ccaudit.model.finding import Finding, Outcome
from ccaudit.model.privacy import mask
from ccaudit.model.result import AuditResult
from ccaudit.model.score import UnitScore
from ccaudit.report.base import limit_text, message, plain_text, provenance
from ccaudit.report.i18n import SEVERITY_NAMES, kind_name, stars_text, t

WIDTH = 100
SHOWN = (Outcome.FAIL, Outcome.ERROR, Outcome.WAIVED, Outcome.NO_DATA)
MARK = {Outcome.FAIL: ("✗", "red"), Outcome.ERROR: ("!", "magenta"), Outcome.WAIVED: ("~", "yellow"),
        Outcome.NO_DATA: ("?", "blue")}
STAR_STYLE = {0: "bold red", 1: "red", 2: "yellow", 3: "yellow", 4: "green", 5: "bold green"}


def _stars(stars: int | None, lang: str) -> RichText:
    return RichText(stars_text(stars, lang), style=STAR_STYLE.get(stars, "dim") if stars is not None else "dim")


def _limits(score: UnitScore | None, lang: str, most: int = 4) -> str:
    if score is None or not score.limited_by:
        return t("nothing_limits", lang)
    texts = [limit_text(lim, lang) for lim in score.limited_by]
    unique = list(dict.fromkeys(texts))
    extra = f" (+{len(unique) - most})" if len(unique) > most else ""
    return "; ".join(unique[:most]) + extra


class TerminalReporter:
    """Readable in 100 columns; plain text under NO_COLOR or when piped (rich decides)."""

    name = "terminal"
    suffix = ".txt"

    def renderables(self, result: AuditResult, lang: str) -> list[RenderableType]:
        cfg = result.config
        packs = ", ".join(f"{p.name} {p.version}" for p in result.packs)
        head = RichText.assemble(
            ("ccaudit ", "bold"), (result.version, "bold"), " · ", (result.agency.title, "bold"), "\n",
            f"{t('period', lang)}: {cfg.period} ({t('as_of', lang)} {cfg.as_of.isoformat()}) · {t('packs', lang)}: {packs}")
        agency = result.agency_score
        summary = RichText.assemble(f"{t('agency', lang)}: ", _stars(agency.stars, lang), "   ",
                                    (f"{t('limited_by', lang)}: {_limits(agency, lang, 6)}", "dim"))
        channels = RichText(f"{t('channels', lang)}: ")
        for i, score in enumerate(s for s in result.scores if s.unit.kind == "channel"):
            channels.append(("" if i == 0 else " · ") + kind_name(score.unit.id, lang) + " ")
            label = t("na", lang) if score.stars is None else f"{score.stars}★"
            channels.append(label, style=STAR_STYLE.get(score.stars, "dim") if score.stars is not None else "dim")
        out: list[RenderableType] = [head, RichText(""), summary, channels, RichText("")]
        out.append(self._points(result, lang))
        out.append(self._indicators(result, lang))
        out.extend(self._findings(result, lang))
        manual = sum(1 for f in result.findings if f.outcome is Outcome.MANUAL)
        if manual:
            out.append(RichText(t("manual_note", lang, n=manual), style="dim"))
        if cfg.disabled:
            out.append(RichText(f"{t('disabled', lang)}:", style="bold"))
            for rule_id, why in sorted(cfg.disabled.items()):
                out.append(RichText(f"  {rule_id} — {why}"))
        if result.expired_waivers:
            out.append(RichText(f"{t('expired', lang)}: " + ", ".join(
                f"{w.rule} ({w.expires.isoformat()}, {w.where})" for w in result.expired_waivers), style="yellow"))
        out.append(RichText(f"{t('summary', lang)}: " + t("counts", lang, **result.counts())))
        return out

    def _points(self, result: AuditResult, lang: str) -> Table:
        table = Table(title=t("points", lang), box=box.SIMPLE_HEAD, title_justify="left", expand=False, pad_edge=False)
        table.add_column(t("kind", lang), no_wrap=True)
        table.add_column(t("title", lang), max_width=34)
        table.add_column(t("stars", lang), no_wrap=True)
        table.add_column(t("limited_by", lang), max_width=34)
        for point in result.points:
            score = result.score(point.ref)
            table.add_row(kind_name(point.kind, lang), f"{point.title}\n[dim]{point.ref.id}[/dim]",
                          _stars(score.stars if score else None, lang), _limits(score, lang))
        return table

    def _indicators(self, result: AuditResult, lang: str) -> Table:
        table = Table(title=t("indicators", lang), box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
        table.add_column(t("indicator", lang), no_wrap=True)
        table.add_column(t("unit", lang), no_wrap=True, max_width=16)
        table.add_column(t("value", lang), justify="right", no_wrap=True)
        table.add_column(t("stars", lang), no_wrap=True)
        table.add_column(t("basis", lang), max_width=44)
        for v in result.indicators:
            value = "—" if v.measure.value is None else f"{float(v.measure.value):.1f}"
            table.add_row(v.indicator, v.unit.id, value, _stars(v.stars, lang), v.measure.basis.get(lang))
        return table

    def _findings(self, result: AuditResult, lang: str) -> list[RenderableType]:
        shown = [f for f in result.findings if f.outcome in SHOWN]
        out: list[RenderableType] = [RichText(t("findings", lang), style="bold")]
        if not shown:
            return [*out, RichText(t("no_findings", lang)), RichText("")]
        groups: dict[str, list[Finding]] = {}
        for f in shown:
            groups.setdefault(f.unit.id, []).append(f)
        titles = {p.ref.id: (p.title, kind_name(p.kind, lang), p.location) for p in result.points}
        order = [result.agency.ref.id, *(p.ref.id for p in result.points)]
        for unit_id in order:
            if unit_id not in groups:
                continue
            if unit_id in titles:
                title, kind, path = titles[unit_id]
                header = f"── {title} · {kind} · {path}"
            else:
                header = f"── {result.agency.title} · {t('agency_level', lang)}"
            out.append(RichText(header, style="bold cyan"))
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column(no_wrap=True)
            grid.add_column(ratio=1)
            for f in groups[unit_id]:
                mark, style = MARK[f.outcome]
                rule = result.rule(f.rule_id)
                via = f" ({t('via', lang)} {f.via})" if f.via else ""
                sev = SEVERITY_NAMES[f.severity.value].get(lang)
                text = RichText.assemble((f"{rule.id}{via} ", "bold"), message(result, f, lang))
                if f.outcome is Outcome.WAIVED and f.note:
                    text.append(f" [{mask(f.note.get(lang))}]", style="yellow")
                for line in provenance(result, f.rule_id, lang):
                    text.append(f"\n{line}", style="italic")
                text.append(f"\n{f.location}", style="dim")
                grid.add_row(RichText(mark, style=style), RichText(sev, style=style), text)
            out.append(grid)
        out.append(RichText(""))
        return out

    def render(self, result: AuditResult, lang: str) -> str:
        """Plain text, 100 columns, no colour: what tests and --output files get."""
        text = plain_text(self.renderables(result, lang), WIDTH)
        return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
