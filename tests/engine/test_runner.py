"""The runner: outcomes, inheritance, severity, waivers, tailoring, crashing checks."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import MappingProxyType

from ccaudit.checks import CHECKS
from ccaudit.engine.packs import load_packs
from ccaudit.engine.registry import Registry, check
from ccaudit.engine.runner import effective_severity, run_rules
from ccaudit.model.config import AuditConfig, load_config
from ccaudit.model.declaration import load_declaration
from ccaudit.model.finding import Outcome
from ccaudit.model.location import Location
from ccaudit.model.period import Period
from ccaudit.model.rule import CheckKind, Modality, Rule, RulePack, Severity, Text
from ccaudit.model.waivers import Attestation, Waiver
from tests.conftest import TODAY

STANDARD = load_packs(["standard"], CHECKS)[0]


def pack_of(*ids: str) -> RulePack:
    return RulePack("standard", STANDARD.title, STANDARD.document, STANDARD.version, None,
                    tuple(r for r in STANDARD.rules if r.id in ids))


def config_for(repo: Path, **changes: object) -> AuditConfig:
    base = load_config(repo, today=TODAY)
    values = {f: getattr(base, f) for f in base.__dataclass_fields__}
    values.update(changes)
    return AuditConfig(**values)


def test_inherited_rule_runs_on_the_inheriting_kind_and_says_via(base_repo: Path) -> None:
    decl = load_declaration(base_repo)
    findings = run_rules([pack_of("4.6.1.3-a")], decl, config_for(base_repo), CHECKS)
    by_item = {f.item.id: f for f in findings}
    assert set(by_item) == {"portal", "mobile-app"}
    assert by_item["mobile-app"].via == "4.6.2.1" and by_item["portal"].via is None
    assert all(f.outcome is Outcome.FAIL for f in findings)


def test_one_window_and_long_stay_inherit_in_person_rules(base_repo: Path) -> None:
    decl = load_declaration(base_repo)
    findings = run_rules([pack_of("4.6.7.1-e")], decl, config_for(base_repo), CHECKS)
    assert {(f.item.id, f.via) for f in findings} == {("in-person", None), ("one-window", "4.6.8.2"),
                                                      ("long-stay", "4.6.9.1")}


def test_maximum_level_rules_are_info_unless_the_agency_targets_five(base_repo: Path) -> None:
    rule = STANDARD.rule("4.6.3.1")
    assert rule is not None and rule.star_level == 5
    assert effective_severity(rule, config_for(base_repo)) is Severity.INFO
    assert effective_severity(rule, config_for(base_repo, target_level=5)) is Severity.ERROR
    assert effective_severity(rule, config_for(base_repo, severity={"4.6.3.1": Severity.WARNING})) is Severity.WARNING


def test_when_condition_gives_not_applicable(base_repo: Path) -> None:
    findings = run_rules([pack_of("4.6.9.3")], load_declaration(base_repo), config_for(base_repo), CHECKS)
    assert [f.outcome for f in findings] == [Outcome.NOT_APPLICABLE]


def test_disabled_rule_is_not_run(base_repo: Path) -> None:
    cfg = config_for(base_repo, disabled=MappingProxyType({"4.6.9.2": "Нет мест длительного пребывания"}))
    assert run_rules([pack_of("4.6.9.2")], load_declaration(base_repo), cfg, CHECKS) == ()


def test_waiver_in_force_and_expired(base_repo: Path) -> None:
    decl = load_declaration(base_repo)
    cfg = config_for(base_repo)
    where = Location("waivers.yaml", 2, 5)
    live = Waiver("4.6.9.2", "long-stay", "Решение будет принято после исследования", "Зам. министра", date(2026, 12, 31), where)
    old = Waiver("4.6.9.2", None, "Ремонт здания, решение отложено", "Зам. министра", date(2026, 6, 30), where)
    waived = run_rules([pack_of("4.6.9.2")], decl, cfg, CHECKS, [live])
    assert [f.outcome for f in waived] == [Outcome.WAIVED]
    assert waived[0].note.en == ("Решение будет принято после исследования (waiver until 2026-12-31, approved by "
                                 "Зам. министра)")
    expired = run_rules([pack_of("4.6.9.2")], decl, cfg, CHECKS, [old])
    assert [f.outcome for f in expired] == [Outcome.FAIL]
    assert expired[0].note.en == "the waiver expired on 2026-06-30 (waivers.yaml:2:5)"


def test_attestation_turns_a_manual_rule_into_pass(base_repo: Path) -> None:
    manual = Rule("4.2.3", "standard", "4.2.3", Text("т", "t"), Text("м", "m"), Modality.MUST, Severity.ERROR, None,
                  "agency", (), (), CheckKind.NOT_CHECKABLE, None, {}, {}, (), {}, Location("x.yaml", 1, 1))
    pack = RulePack("standard", STANDARD.title, STANDARD.document, STANDARD.version, None, (manual,))
    decl = load_declaration(base_repo)
    where = Location("attestations.yaml", 2, 5)
    live = Attestation("4.2.3", None, "И. И. Петров, методолог", date(2026, 9, 1), "Протокол № 7", date(2027, 9, 1), where)
    old = Attestation("4.2.3", None, "И. И. Петров, методолог", date(2025, 1, 1), "Протокол № 1", date(2025, 12, 31), where)
    assert [f.outcome for f in run_rules([pack], decl, config_for(base_repo), CHECKS)] == [Outcome.MANUAL]
    attested = run_rules([pack], decl, config_for(base_repo), CHECKS, (), [live])
    assert [f.outcome for f in attested] == [Outcome.PASS] and "Протокол № 7" in attested[0].note.en
    stale = run_rules([pack], decl, config_for(base_repo), CHECKS, (), [old])
    assert [f.outcome for f in stale] == [Outcome.MANUAL] and stale[0].note.en.startswith("the attestation expired")


def test_a_crashing_check_becomes_an_error_finding_and_the_run_goes_on(base_repo: Path) -> None:
    registry = Registry()

    @check("demo.explodes", registry=registry)
    def explodes(ctx, item):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("boom")

    @check("demo.passes", registry=registry)
    def passes(ctx, item):  # type: ignore[no-untyped-def]
        return iter(())

    def rule(rule_id: str, name: str) -> Rule:
        return Rule(rule_id, "demo", rule_id, Text("т", "t"), Text("м", "m"), Modality.MUST, Severity.ERROR, None,
                    "agency", (), (), CheckKind.DECLARED, name, {}, {}, (), {}, Location("x.yaml", 1, 1))

    pack = RulePack("demo", Text("д", "d"), "doc", "1", None, (rule("1.1", "demo.explodes"), rule("1.2", "demo.passes")))
    findings = run_rules([pack], load_declaration(base_repo), config_for(base_repo), registry)
    assert [(f.rule_id, f.outcome) for f in findings] == [("1.1", Outcome.ERROR), ("1.2", Outcome.PASS)]
    assert findings[0].note is not None and findings[0].note.en == (
        "check demo.explodes failed: ZeroDivisionError: boom — a bug in ccaudit, please report it (ccaudit --debug)")


def test_findings_are_sorted_and_every_pair_has_one(base_repo: Path) -> None:
    findings = run_rules([STANDARD], load_declaration(base_repo), config_for(base_repo, period=Period.quarter(2026, 3)), CHECKS)
    keys = [f.sort_key() for f in findings]
    assert keys == sorted(keys)
    pairs = {(f.rule_id, f.item) for f in findings}
    assert len(pairs) >= len(STANDARD.rules)
