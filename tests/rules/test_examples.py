"""Every rule fails on its failing example and passes on its passing one (house style, habit 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccaudit.checks import CHECKS
from ccaudit.engine.packs import available_packs, load_packs
from ccaudit.engine.runner import run_rules
from ccaudit.evidence import load_evidence
from ccaudit.model.config import load_config
from ccaudit.model.declaration import load_declaration
from ccaudit.model.finding import Outcome
from ccaudit.model.rule import CheckKind, RulePack
from tests.conftest import TODAY, apply_patches

PACKS = load_packs(available_packs(), CHECKS)
"""Every bundled pack: the Standard and the agency concepts' overlays."""
RULES = [r for p in PACKS for r in p.rules]
CHECKABLE = [r for r in RULES if r.kind is not CheckKind.NOT_CHECKABLE and r.check]


def run_one(repo: Path, rule_id: str) -> list:
    config = load_config(repo, today=TODAY)
    declaration = load_declaration(repo)
    rule = next(r for r in RULES if r.id == rule_id)
    pack = next(p for p in PACKS if p.name == rule.pack)
    single = RulePack(pack.name, pack.title, pack.document, pack.version, pack.base, (rule,))
    # Inherited applications are exercised in tests/engine; examples judge the kinds a rule is written for.
    evidence, errors = load_evidence(repo, config.timezone, directory=config.evidence_dir)
    assert not errors, [e.render() for e in errors]
    findings = run_rules([single], declaration, config, CHECKS, evidence=evidence)
    return [f for f in findings if f.rule_id == rule_id and f.via is None]


@pytest.mark.parametrize("rule", CHECKABLE, ids=lambda r: r.id)
def test_failing_example_fails(rule, base_repo: Path) -> None:
    apply_patches(base_repo, rule.examples["fail"])
    findings = run_one(base_repo, rule.id)
    assert any(f.outcome is Outcome.FAIL for f in findings), [(f.item, f.outcome, f.note) for f in findings]


@pytest.mark.parametrize("rule", CHECKABLE, ids=lambda r: r.id)
def test_passing_example_passes(rule, base_repo: Path) -> None:
    apply_patches(base_repo, rule.examples["pass"])
    findings = run_one(base_repo, rule.id)
    assert findings, "the rule examined nothing"
    assert not [f for f in findings if f.outcome in (Outcome.FAIL, Outcome.ERROR)], \
        [(str(f.item), f.outcome.value, dict(f.args), f.note) for f in findings if f.outcome is not Outcome.PASS]
    assert any(f.outcome is Outcome.PASS for f in findings)


def test_every_registered_check_is_used_by_a_rule() -> None:
    used = {r.check for r in RULES} | {r.params["declared"]["check"] for r in ON_PAGES}
    assert set(CHECKS.names()) - used == set()


ON_PAGES = [r for r in CHECKABLE if "declared" in r.params]
"""Rules checked on saved pages, with the check of declared facts they fall back to (checks/saved_pages.py)."""


@pytest.mark.parametrize("rule", ON_PAGES, ids=lambda r: r.id)
def test_declared_fallback_examples(rule, base_repo: Path) -> None:
    """Without saved pages the declared check decides: its own examples fail and pass through the page rule."""
    declared = rule.params["declared"]
    spec = CHECKS.get(declared["check"])
    assert spec is not None, declared["check"]
    from jsonschema import Draft202012Validator

    assert not list(Draft202012Validator(spec.params).iter_errors(declared.get("params", {})))
    apply_patches(base_repo, declared["examples"]["fail"])
    failing = run_one(base_repo, rule.id)
    assert any(f.outcome is Outcome.FAIL for f in failing)
    assert all("сохранённых страниц" in f.args["observed"].ru for f in failing if f.outcome is Outcome.FAIL)  # type: ignore[union-attr]
    assert any(str(f.location).startswith("contact_points/") for f in failing if f.outcome is Outcome.FAIL)


@pytest.mark.parametrize("rule", ON_PAGES, ids=lambda r: r.id)
def test_declared_fallback_passes(rule, base_repo: Path) -> None:
    apply_patches(base_repo, rule.params["declared"]["examples"]["pass"])
    findings = run_one(base_repo, rule.id)
    assert findings and not [f for f in findings if f.outcome in (Outcome.FAIL, Outcome.ERROR)]


@pytest.mark.parametrize("rule", ON_PAGES, ids=lambda r: r.id)
def test_page_findings_are_located_on_the_page(rule, base_repo: Path) -> None:
    """A failing page example is reported at page.html:line:col (or a .css file) with the element's selector."""
    apply_patches(base_repo, rule.examples["fail"])
    failing = [f for f in run_one(base_repo, rule.id) if f.outcome is Outcome.FAIL]
    assert failing
    for finding in failing:
        assert finding.location.path.endswith((".html", ".css")) and finding.location.line and finding.location.col, finding.location
        assert finding.args["selector"] and finding.args["page"], finding.args


def test_each_kind_of_point_and_agency_sections_have_three_rules() -> None:
    from ccaudit.model.declaration import CONTACT_POINT_KINDS

    for kind in CONTACT_POINT_KINDS:
        own = [r for r in CHECKABLE if kind in r.kinds]
        assert len(own) >= 3, kind
    for section in ("4.3", "4.5"):
        assert len([r for r in CHECKABLE if r.clause.startswith(section + ".") or r.clause == section]) >= 3, section


def test_rule_ids_are_unique_and_cite_their_clause() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        if rule.overlay:
            assert rule.id.startswith(rule.pack + "."), rule.id
        else:
            assert rule.id.split("-")[0].startswith(rule.clause) or rule.clause in rule.id, rule.id
