"""Running rules: each check's problems become findings stamped with rule identity, severity and outcome."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import MappingProxyType

from ccaudit.engine.registry import CheckContext, Registry
from ccaudit.engine.select import Target, targets
from ccaudit.evidence import Evidence
from ccaudit.model.config import AuditConfig
from ccaudit.model.declaration import Declaration
from ccaudit.model.finding import Finding, Outcome, Problem
from ccaudit.model.rule import CheckKind, Rule, RulePack, Severity, Text
from ccaudit.model.waivers import Attestation, Waiver


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
    attestations: Iterable[Attestation] = (),
    evidence: Evidence | None = None,
    on_rule: Callable[[int, int], None] | None = None,
) -> tuple[Finding, ...]:
    """Every (rule, item) pair becomes at least one finding; a crashing check becomes an `error` finding.

    A waiver in force turns a failure into `waived`; an expired one leaves it failing and says so. An
    attestation in force turns a `manual` finding into `pass`.
    """
    waivers = list(waivers)
    attestations = list(attestations)
    findings: list[Finding] = []
    packs = list(packs)
    total, done = sum(len(p.rules) for p in packs), 0
    for pack in packs:
        for rule in pack.rules:
            done += 1
            if on_rule is not None:
                on_rule(done, total)
            if rule.id in config.disabled:
                continue
            severity = effective_severity(rule, config)
            params = MappingProxyType({**rule.params, **config.params.get(rule.id, {})})
            ctx = CheckContext(declaration, rule, params, config, evidence)
            for target in targets(rule, declaration):
                for finding in _judge(rule, target, ctx, registry, severity):
                    findings.append(_attest(_waive(finding, waivers, config), attestations, config))
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
        return [make(Outcome.ERROR, note=Text(
            f"проверка {rule.check} завершилась ошибкой: {detail} — это ошибка ccaudit, сообщите о ней (ccaudit --debug)",
            f"check {rule.check} failed: {detail} — a bug in ccaudit, please report it (ccaudit --debug)"))]
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


def _covering(finding: Finding, entries: list[Waiver] | list[Attestation]) -> list[Waiver] | list[Attestation]:
    return [e for e in entries if e.covers(finding.rule_id, finding.item.id) or e.covers(finding.rule_id, finding.unit.id)]


def _restamp(finding: Finding, outcome: Outcome, note: Text) -> Finding:
    return Finding(finding.rule_id, finding.item, finding.unit, outcome, finding.severity, finding.location,
                   finding.args, finding.via, note)


def _waive(finding: Finding, waivers: list[Waiver], config: AuditConfig) -> Finding:
    if finding.outcome is not Outcome.FAIL:
        return finding
    matching = sorted(_covering(finding, waivers), key=lambda w: w.expires, reverse=True)
    if not matching:
        return finding
    waiver = matching[0]
    until = waiver.expires.isoformat()
    if waiver.expires < config.as_of:
        return _restamp(finding, Outcome.FAIL, Text(f"исключение истекло {until} ({waiver.where})",
                                                    f"the waiver expired on {until} ({waiver.where})"))
    return _restamp(finding, Outcome.WAIVED, Text(
        f"{waiver.justification} (исключение до {until}, утвердил: {waiver.approved_by})",
        f"{waiver.justification} (waiver until {until}, approved by {waiver.approved_by})"))


def _attest(finding: Finding, attestations: list[Attestation], config: AuditConfig) -> Finding:
    if finding.outcome is not Outcome.MANUAL:
        return finding
    matching = sorted(_covering(finding, attestations), key=lambda a: a.expires, reverse=True)
    if not matching:
        return finding
    att = matching[0]
    said = f"{att.attested_by}, {att.attested_on.isoformat()}, {att.document_ref}"
    if att.expires < config.as_of:
        return _restamp(finding, Outcome.MANUAL, Text(f"подтверждение истекло {att.expires.isoformat()} ({said})",
                                                      f"the attestation expired on {att.expires.isoformat()} ({said})"))
    return _restamp(finding, Outcome.PASS, Text(f"подтверждено: {said}; до {att.expires.isoformat()}",
                                                f"attested: {said}; until {att.expires.isoformat()}"))
