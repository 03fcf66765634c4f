"""The reporter protocol and helpers shared by reporters (messages, limits, units)."""

from __future__ import annotations

from typing import Any, Protocol

from ccaudit.model.finding import Finding
from ccaudit.model.privacy import mask
from ccaudit.model.result import AuditResult
from ccaudit.model.rule import fill
from ccaudit.model.score import Limit


class Reporter(Protocol):
    """A pure renderer: the same AuditResult and language always give the same string."""

    name: str
    suffix: str

    def render(self, result: AuditResult, lang: str) -> str: ...


def plain_text(renderables: list[Any], width: int) -> str:
    """Rich renderables as plain text at a fixed width: no colour, no terminal codes (files, pipes and tests)."""
    from io import StringIO

    from rich.console import Console, Group

    buffer = StringIO()
    console = Console(file=buffer, width=width, no_color=True, force_terminal=False, color_system=None,
                      legacy_windows=False, emoji=False, highlight=False)
    console.print(Group(*renderables))
    return buffer.getvalue()


def message(result: AuditResult, finding: Finding, lang: str) -> str:
    """The finding's message in `lang`: the rule's message with the check's values (or the note)."""
    rule = result.rule(finding.rule_id)
    if finding.outcome.value in ("pass", "manual", "not_applicable", "no_data", "error"):
        text = rule.title.get(lang)
        return mask(f"{text} ({finding.note.get(lang)})" if finding.note else text)
    return mask(fill(rule.message.get(lang), finding.args, lang))


def provenance(result: AuditResult, rule_id: str, lang: str) -> list[str]:
    """Where a rule comes from when it is not plainly the Standard's: the concept that adds it, and how each
    selected concept words a Standard rule (with the modality --concept-wording applied)."""
    rule = result.rule(rule_id)
    out = []
    if rule.overlay:
        pack = result.pack(rule.pack)
        out.append(f"по документу: {pack.document}, п. {rule.clause}" if lang != "en"
                    else f"from: {pack.document}, clause {rule.clause}")
    for relax in rule.relaxations:
        title = result.pack(relax.pack).title.get(lang)
        if lang == "en":
            out.append(f"{title} (clause {relax.clause}) words this as: {relax.wording.en}")
        else:
            out.append(f"{title} (п. {relax.clause}) формулирует это как: {relax.wording.ru}")
    if rule.standard_modality is not None:
        out.append(f"--concept-wording: {rule.standard_modality.value} → {rule.modality.value}")
    return [mask(x) for x in out]


def limit_text(limit: Limit, lang: str) -> str:
    """"4.6.3.9 (cc-hotline)" or "T1.1: T1.1 для 3★: 50 < x <= 70"."""
    if limit.kind == "rule":
        return limit.id
    if limit.kind == "indicator":
        return limit.needs.get(lang)
    return limit.needs.get(lang)
