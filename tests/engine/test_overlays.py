"""Overlay packs (agency concepts): loading, relaxations, scope, per-service scenarios, the CLI and the examples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ccaudit.audit import run_audit
from ccaudit.checks import CHECKS
from ccaudit.engine.coverage import AUTOMATED, MANUAL, coverage, load_rows
from ccaudit.engine.packs import load_packs
from ccaudit.model.config import load_config
from ccaudit.model.declaration import load_declaration
from ccaudit.model.errors import InputErrors
from ccaudit.model.rule import Modality, Severity
from ccaudit.scoring.indicators import PER_SERVICE, proactive_share, proactive_share_per_service
from tests.conftest import TODAY, apply_patches

OVERLAYS = ("rostransnadzor", "rosaviatsia", "yanao", "rosselkhoznadzor")
EXAMPLES = {"rostransnadzor": "rostransnadzor-service", "rosaviatsia": "rosaviatsia-agency",
            "yanao": "yanao-social-department", "rosselkhoznadzor": "rosselkhoznadzor-service"}
ROWS = {"rostransnadzor": 22, "rosaviatsia": 16, "yanao": 41, "rosselkhoznadzor": 18}
"""Rows of requirements-process.md §5.1–§5.4 «Adds», ranges expanded."""


@pytest.mark.parametrize("name", OVERLAYS)
def test_every_concept_row_is_a_rule_automated_or_manual_as_the_matrix_says(name: str) -> None:
    packs = load_packs([name], CHECKS)
    assert [p.name for p in packs] == ["standard", name]  # the overlay brings its base
    rows = load_rows(name)
    assert len(rows) == ROWS[name]
    cov = coverage(rows, packs)
    assert all(c.status in (AUTOMATED, MANUAL) and c.status == c.expected for c in cov), \
        [(c.row.id, c.status, c.expected) for c in cov if c.status != c.expected]
    assert {r.id for r in packs[1].rules} == {r.id for r in rows}
    assert all(r.overlay and r.id.startswith(name + ".") for r in packs[1].rules)


def test_relaxations_are_notes_by_default_and_lower_only_with_concept_wording() -> None:
    standard = load_packs(["yanao"], CHECKS)[0]
    rule = standard.rule("4.4.1-a")
    assert rule is not None and rule.modality is Modality.MUST and rule.standard_modality is None
    assert [r.clause for r in rule.relaxations] == ["4.1"] and "следует" in rule.relaxations[0].wording.ru
    lowered = load_packs(["yanao"], CHECKS, concept_wording=True)[0]
    rule = lowered.rule("4.4.1-a")
    assert rule is not None and rule.modality is Modality.SHOULD and rule.severity is Severity.WARNING
    assert rule.standard_modality is Modality.MUST
    untouched = lowered.rule("4.3.4.1-a")  # a schema note has no modality: nothing is lowered
    assert untouched is not None and untouched.modality is Modality.MUST and untouched.relaxations
    assert len(lowered.rules) == len(standard.rules)  # nothing is switched off


def _local(tmp_path: Path, pack: str, rules: str = "") -> Path:
    base = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parents[2] / "rules" / "standard", base / "standard")
    (base / "local").mkdir()
    (base / "local" / "pack.yaml").write_text(pack, "utf-8")
    if rules:
        (base / "local" / "rules.yaml").write_text(rules, "utf-8")
    return base


PACK = "name: local\ntitle: {ru: Л, en: L}\ndocument: Стандарт ведомства\nversion: '1'\nbase: %s\n"


def test_a_cycle_of_bases_is_an_error(tmp_path: Path) -> None:
    base = _local(tmp_path, PACK % "local")
    with pytest.raises(InputErrors) as caught:
        load_packs(["local"], CHECKS, base)
    assert "its own base" in caught.value.render() and "rules/local/pack.yaml:5:7" in caught.value.render()


def test_a_pointer_to_a_missing_rule_is_an_error_at_its_line(tmp_path: Path) -> None:
    relax = ("relaxes:\n  - standard: '4.2.7'\n    rules: ['4.2.7', '4.2.77']\n    clause: '1'\n"
             "    wording: {ru: может, en: may}\n    effect: lowered\n    modality: may\n")
    base = _local(tmp_path, PACK % "standard" + relax)
    with pytest.raises(InputErrors) as caught:
        load_packs(["local"], CHECKS, base)
    text = caught.value.render()
    assert "rules/local/pack.yaml:8:22: error: 'relaxes' names rule '4.2.77'" in text and "did you mean '4.2.7'" in text


def test_overlay_vocabulary_needs_its_pack(base_repo: Path) -> None:
    apply_patches(base_repo, {"contact_points/in-person.yaml": {"electronic_queue": True, "max_wait_minutes": 10}})
    with pytest.raises(InputErrors) as caught:
        run_audit(base_repo, today=TODAY)
    text = caught.value.render()
    assert "contact_points/in-person.yaml:4:1: error: field 'electronic_queue' of in person" in text
    assert "rostransnadzor, yanao" in text
    apply_patches(base_repo, {"ccaudit.yaml": {"packs": ["yanao"]}})
    result = run_audit(base_repo, today=TODAY)
    assert [p.name for p in result.packs] == ["standard", "yanao"]
    wait = [f for f in result.findings if f.rule_id == "yanao.6.2.6-h"]
    assert wait and wait[0].outcome.value == "pass"


def test_overlay_failures_are_reported_but_do_not_limit_the_standards_stars(base_repo: Path) -> None:
    apply_patches(base_repo, {"ccaudit.yaml": {"packs": ["rostransnadzor"]},
                              "contact_points/in-person.yaml": {"max_wait_minutes": 40}})
    result = run_audit(base_repo, today=TODAY)
    failed = [f for f in result.findings if f.rule_id == "rostransnadzor.6-4-b"]
    assert failed and failed[0].outcome.value == "fail" and failed[0].severity is Severity.ERROR
    point = result.score(failed[0].unit)
    assert point is not None and all(limit.id != "rostransnadzor.6-4-b" for limit in point.limited_by)


def test_t16_counts_per_service_under_a_per_service_definition(base_repo: Path) -> None:
    apply_patches(base_repo, {"declarations/registry.yaml": {
        "services": [{"id": "svc-1", "title": "А"}, {"id": "svc-2", "title": "Б"}, {"id": "svc-3", "title": "В"}],
        "client_scenarios": [
            {"id": "cs-1", "title": "Три услуги", "life_situation_id": "ls-1", "service_ids": ["svc-1", "svc-2", "svc-3"], "approved_on": "2026-01-10", "proactive_possible": True},
            {"id": "cs-2", "title": "Одна услуга", "life_situation_id": "ls-1", "service_ids": ["svc-1"], "approved_on": "2026-01-10", "proactive_possible": False}]}})
    declaration, config = load_declaration(base_repo), load_config(base_repo, today=TODAY)
    assert proactive_share(declaration, config).value == 50  # 1 of 2 scenarios (the Standard's definition)
    assert proactive_share_per_service(declaration, config).value == 75  # 3 of 4 per-service scenarios (A18)
    apply_patches(base_repo, {"ccaudit.yaml": {"packs": ["rosselkhoznadzor"]}})
    result = run_audit(base_repo, today=TODAY)
    t16 = next(v for v in result.indicators if v.indicator == "T1.6" and v.unit.kind == "agency")
    assert t16.measure.value == 75 and "по услугам" in t16.measure.basis.ru
    assert PER_SERVICE == load_packs(["rosselkhoznadzor"], CHECKS)[1].scope.client_scenario


@pytest.mark.parametrize("name", OVERLAYS)
def test_each_concept_example_audits_with_its_overlay_and_cites_the_concept(name: str, run_cli) -> None:
    root = Path(__file__).resolve().parents[2] / "examples" / EXAMPLES[name]
    result = run_cli("audit", str(root), "-f", "json", "-q")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert [p["name"] for p in report["packs"]] == ["standard", name]
    mine = [f for f in report["findings"] if f["pack"] == name]
    order = load_packs([name], CHECKS)[1].document.split("№")[1].split(")")[0].strip()
    assert {f["status"] for f in mine} >= {"pass", "fail"}
    assert all(order in f["document"] for f in mine)
    assert any(f["concept_notes"] for f in report["findings"] if f["pack"] == "standard") or name == "rosaviatsia"


def test_rules_list_and_diff(run_cli) -> None:
    listed = run_cli("rules", "list", "--pack", "yanao", "--lang", "en")
    assert listed.exit_code == 0 and "41 rules (37 automated, 4 manual) in yanao" in listed.stdout
    assert "yanao words 8 Standard requirements differently" in listed.stdout
    diff = run_cli("rules", "diff", "standard", "yanao", "--lang", "en")
    assert diff.exit_code == 0
    for part in ("Adds 41 rules", "Relaxes 8 requirements of standard", "Widens the scope", "official_reception",
                 "yanao.6.2.7-c", "4.6.8.6"):
        assert part in diff.stdout, part
    data = json.loads(run_cli("rules", "diff", "standard", "rostransnadzor", "-f", "json").stdout)
    assert data["scope"]["client_scenario"] == "per_service" and len(data["adds"]) == 22 and len(data["relaxes"]) == 7
    wrong = run_cli("rules", "diff", "yanao", "standard")
    assert wrong.exit_code == 2 and "is not an overlay of 'yanao'" in wrong.stderr
    coverage_out = run_cli("rules", "coverage", "--pack", "rosselkhoznadzor")
    assert "18 rows: 16 automated, 2 manual, 0 not covered" in coverage_out.stdout


def test_concept_wording_flag_lowers_the_severity_in_the_report(run_cli) -> None:
    root = Path(__file__).resolve().parents[2] / "examples" / EXAMPLES["yanao"]
    plain = json.loads(run_cli("audit", str(root), "-f", "json", "-q").stdout)
    lowered = json.loads(run_cli("audit", str(root), "-f", "json", "-q", "--concept-wording").stdout)
    pick = lambda report: {(f["rule"], f["item"]["id"]): f["severity"] for f in report["findings"] if f["rule"].startswith("4.4.1-")}  # noqa: E731
    assert pick(plain) and set(pick(plain).values()) == {"error"} and set(pick(lowered).values()) == {"warning"}


VISITS = ("visit_id,contact_point_id,booked_at,appointment_at,arrived_at,called_at,served_at\n"
          "v-1,in-person,,,2026-07-07T10:00:00+03:00,2026-07-07T10:09:00+03:00,2026-07-07T10:20:00+03:00\n"
          "v-2,in-person,,,2026-07-07T10:05:00+03:00,2026-07-07T10:{called}:00+03:00,2026-07-07T10:45:00+03:00\n")


@pytest.mark.parametrize(("declared", "called", "outcome"), [
    (10, "31", "fail"),    # the log decides: a 26-minute wait, whatever the declaration says
    (40, "17", "pass"),    # the log decides: 12 minutes at most
    (40, None, "fail"),    # no log: the declared 40 minutes
    (None, None, "no_data"),
])
def test_the_wait_at_the_agencys_own_reception_is_measured_when_the_log_has_it(
        base_repo: Path, declared: int | None, called: str | None, outcome: str) -> None:
    patches: dict[str, object] = {"ccaudit.yaml": {"packs": ["yanao"]}}
    if declared is not None:
        patches["contact_points/in-person.yaml"] = {"max_wait_minutes": declared}
    if called is not None:
        patches["evidence/visits.csv"] = VISITS.format(called=called)
    apply_patches(base_repo, patches)
    found = [f for f in run_audit(base_repo, today=TODAY).findings if f.rule_id == "yanao.6.2.6-h"]
    assert [f.outcome.value for f in found] == [outcome]
    if called == "31":
        assert found[0].location.path == "evidence/visits.csv" and found[0].location.line == 3


def test_rules_show_names_the_concept_and_the_relaxations(run_cli) -> None:
    shown = run_cli("rules", "show", "yanao.6.2.7-d", "--lang", "en").stdout
    assert "№ 707-РП" in shown and "never limits the Standard's stars" in shown
    standard = run_cli("rules", "show", "4.4.1-a", "--lang", "en").stdout
    assert "yanao (4.1, lowered, --concept-wording: should)" in standard
