"""Indicators from declarations (T1.1, T1.6, T2.2) and from declared metrics, per period."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from ccaudit.model.config import load_config
from ccaudit.model.declaration import load_declaration
from ccaudit.scoring.indicators import compute_indicators
from tests.conftest import TODAY, apply_patches
from tests.scoring.test_scale import SCALES


def indicators(repo: Path) -> dict[tuple[str, str], object]:
    values = compute_indicators(load_declaration(repo), load_config(repo, today=TODAY), SCALES)
    return {(v.indicator, v.unit.id): v for v in values}


def test_t1_1_counts_services_in_scenarios_approved_by_the_period_end(base_repo: Path) -> None:
    apply_patches(base_repo, {"declarations/registry.yaml": {
        "services": [{"id": f"s{i}", "title": f"Услуга {i}"} for i in range(1, 11)],
        "client_scenarios": [
            {"id": "cs-1", "life_situation_id": "ls-1", "approved_on": "2026-03-01", "service_ids": ["s1", "s2", "s3"]},
            {"id": "cs-2", "life_situation_id": "ls-1", "approved_on": "2026-09-30", "service_ids": ["s3", "s4"]},
            {"id": "cs-3", "life_situation_id": "ls-1", "approved_on": "2026-10-01", "service_ids": ["s5", "s6"]},
            {"id": "cs-4", "life_situation_id": "ls-1", "service_ids": ["s7"]},
        ]}})
    value = indicators(base_repo)[("T1.1", "base")]
    assert value.measure.value == Fraction(40) and value.measure.n == 10 and value.stars == 2  # s1–s4 of 10
    assert value.measure.basis.en == "4 of 10 services are in an approved client scenario"


def test_t1_1_without_services_is_na(base_repo: Path) -> None:
    apply_patches(base_repo, {"declarations/registry.yaml": {"services": []}})
    assert indicators(base_repo)[("T1.1", "base")].stars is None


def test_t1_6_proactive_share_and_zero_proactive_is_below_one(base_repo: Path) -> None:
    scenarios = [{"id": f"cs-{i}", "life_situation_id": "ls-1", "approved_on": "2026-01-01",
                  "proactive_possible": i < 2} for i in range(5)]
    apply_patches(base_repo, {"declarations/registry.yaml": {"client_scenarios": scenarios}})
    assert indicators(base_repo)[("T1.6", "base")].stars == 4  # 2 of 5 = 40 %: 35 < x ≤ 50
    for s in scenarios:
        s["proactive_possible"] = False
    apply_patches(base_repo, {"declarations/registry.yaml": {"client_scenarios": scenarios}})
    assert indicators(base_repo)[("T1.6", "base")].stars == 0  # E54: no proactive scenario


def test_declared_metrics_of_the_period_only(base_repo: Path) -> None:
    apply_patches(base_repo, {"declarations/metrics.yaml": {"metrics": [
        {"indicator": "T1.2", "period": "2026-Q3", "unit": "agency", "numerator": 701, "denominator": 1000},
        {"indicator": "T1.2", "period": "2026-Q2", "unit": "agency", "numerator": 100, "denominator": 100},
        {"indicator": "T1.5", "period": "2026-Q3", "unit": "call-center", "numerator": 455 + 46, "denominator": 1000},
        {"indicator": "T2.5", "period": "2026-Q3", "unit": "portal", "value": 5},
        {"indicator": "T2.5", "period": "2026-Q3", "unit": "call-center", "value": 60},
    ]}})
    values = indicators(base_repo)
    assert values[("T1.2", "base")].measure.value == Fraction(701, 10) and values[("T1.2", "base")].stars == 3
    assert values[("T1.5", "call-center")].stars == 1      # E49: 50.1 %
    assert values[("T2.5", "portal")].stars == 1            # E85: NPS 5 → 1★
    assert ("T2.5", "call-center") not in values            # T2.5 is not scored for a staffed call centre (B5)


def test_metric_for_a_unit_the_indicator_is_not_measured_for_is_an_error(base_repo: Path) -> None:
    from ccaudit.audit import load_inputs
    from ccaudit.model.errors import InputErrors

    apply_patches(base_repo, {"declarations/metrics.yaml": {"metrics": [
        {"indicator": "T2.5", "period": "2026-Q3", "unit": "social", "value": 20}]}})
    try:
        load_inputs(base_repo, today=TODAY)
    except InputErrors as exc:
        assert exc.render() == ("declarations/metrics.yaml:4:9: error: T2.5 is not measured for a unit of kind 'social'\n"
                                "  hint: T2.5 is measured for: agency, chatbot, mobile_app, portal, voice_assistant")
    else:
        raise AssertionError("expected an input error")


def test_life_situation_metrics_are_reported(base_repo: Path) -> None:
    apply_patches(base_repo, {"declarations/metrics.yaml": {"metrics": [
        {"indicator": "T1.5", "period": "2026-Q3", "unit": "ls-1", "numerator": 90, "denominator": 100}]}})
    value = indicators(base_repo)[("T1.5", "ls-1")]
    assert value.unit.kind == "life_situation" and value.stars == 4
