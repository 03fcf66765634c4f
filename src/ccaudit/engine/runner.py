"""Running rules: each check's problems become findings stamped with rule identity, severity and outcome."""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType

from ccaudit.engine.registry import CheckContext, Registry
from ccaudit.engine.select import Target, targets
from ccaudit.model.config import AuditConfig
from ccaudit.model.declaration import Declaration
from ccaudit.model.finding import Finding, Outcome, Problem
from ccaudit.model.rule import CheckKind, Rule, RulePack, Severity, Text
from ccaudit.model.waivers import Waiver


def effective_severity(rule: Rule, config: AuditConfig) -> Severity:
    """Tailored severity; rules «at the maximum level» (star_level 5) are info unless the agency targets 5★ (A16)."""
    if rule.id in config.severity:
        return config.severity[rule.id]
    if rule.star_level == 5 and (config.target_level or 0) < 5:
        return Severity.INFO
    return rule.severity


def run_rules(
    packs: Iterable[RulePack],
    declaration: Declaration,
    config: AuditConfig,
    registry: Registry,
    waivers: Iterable[Waiver] = (),
) -> tuple[Finding, ...]:
    """Every (rule, item) pair becomes at least one finding; a crashing check becomes an `error` finding."""
    in_force = [w for w in waivers if w.expires >= config.as_of]
    findings: list[Finding] = []
    for pack in packs:
        for rule in pack.rules:
            if rule.id in config.disabled:
                continue
            severity = effective_severity(rule, config)
            params = MappingProxyType({**rule.params, **config.params.get(rule.id, {})})
            ctx = CheckContext(declaration, rule, params, config)
            for target in targets(rule, declaration):
                for finding in _judge(rule, target, ctx, registry, severity):
                    findings.append(_waive(finding, in_force))
    return tuple(sorted(findings, key=Finding.sort_key))


def _judge(rule: Rule, target: Target, ctx: CheckContext, registry: Registry, severity: Severity) -> list[Finding]:
    item = target.item

    def make(outcome: Outcome, problem: Problem | None = None, note: Text | None = None) -> Finding:
        return Finding(rule_id=rule.id, item=item.ref, unit=target.unit, outcome=outcome, severity=severity,
                       location=problem.at if problem else item.where,
                       args=MappingProxyType(dict(problem.args)) if problem else MappingProxyType({}),
                       via=target.via, note=note)

    if rule.kind is CheckKind.NOT_CHECKABLE or rule.check is None:
        return [make(Outcome.MANUAL, note=rule.placeholder or NOT_CHECKABLE)]
    if not target.applicable:
        return [make(Outcome.NOT_APPLICABLE, note=_when_note(rule))]
    spec = registry.get(rule.check)
    assert spec is not None, rule.check  # load_packs guarantees it
    try:
        problems = list(spec.fn(ctx, item))
    except Exception as exc:  # noqa: BLE001 - a broken check must not stop the audit
        detail = f"{type(exc).__name__}: {exc}"
        return [make(Outcome.ERROR, note=Text(f"проверка {rule.check} завершилась ошибкой: {detail}",
                                              f"check {rule.check} failed: {detail}"))]
    if not problems:
        return [make(Outcome.PASS)]
    return [make(p.outcome, p, note=_reason(p)) for p in problems]


NOT_CHECKABLE = Text("не проверяется по файлам: оценивает методолог", "not checkable from files: left to a methodologist")


def _reason(problem: Problem) -> Text | None:
    if problem.outcome is Outcome.FAIL:
        return None
    reason = problem.args.get("reason")
    if isinstance(reason, Text):
        return reason
    return Text(str(reason), str(reason)) if reason else None


def _when_note(rule: Rule) -> Text:
    fields = ", ".join(f"{k} ∈ {{{', '.join(map(str, v))}}}" for k, v in rule.when.items())
    return Text(f"применяется только при {fields}", f"applies only when {fields}")


def _waive(finding: Finding, waivers: list[Waiver]) -> Finding:
    if finding.outcome is not Outcome.FAIL:
        return finding
    for waiver in waivers:
        if waiver.covers(finding.rule_id, finding.item.id) or waiver.covers(finding.rule_id, finding.unit.id):
            until = waiver.expires.isoformat()
            who_ru = f", утвердил: {waiver.approved_by}" if waiver.approved_by else ""
            who_en = f", approved by {waiver.approved_by}" if waiver.approved_by else ""
            note = Text(f"{waiver.reason} (исключение до {until}{who_ru})", f"{waiver.reason} (waiver until {until}{who_en})")
            return Finding(finding.rule_id, finding.item, finding.unit, Outcome.WAIVED, finding.severity,
                           finding.location, finding.args, finding.via, note)
    return finding
