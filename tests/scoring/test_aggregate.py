"""The star model: rules and indicators → stars per unit (docs/methodology.md), and the matrix's G1–G6."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from ccaudit.model.declaration import ItemRef
from ccaudit.model.finding import Finding, Outcome
from ccaudit.model.location import Location
from ccaudit.model.rule import CheckKind, Modality, Rule, Severity, Text
from ccaudit.model.score import IndicatorValue, Measure, UnitScore
from ccaudit.scoring.aggregate import channel_score, unit_score
from tests.scoring.test_scale import SCALES

UNIT = ItemRef("contact_point", "cc")


def rule(rule_id: str, level: int | None = None, modality: Modality = Modality.MUST) -> Rule:
    return Rule(rule_id, "standard", rule_id, Text(rule_id, rule_id), Text("м", "m"), modality, Severity.ERROR, level,
                "contact_point", ("call_center",), (), CheckKind.DECLARED, "x.y", {}, {}, (), {}, Location("r.yaml"))


RULES = {r.id: r for r in [rule("base-1"), rule("base-2"), rule("five", 5), rule("one", 1),
                           rule("rec", None, Modality.RECOMMENDED)]}
RULES["proxy"] = replace(rule("proxy"), heuristic=True)


def finding(rule_id: str, outcome: Outcome) -> Finding:
    return Finding(rule_id, UNIT, UNIT, outcome, Severity.ERROR, Location("cp.yaml", 1, 1))


def ind(key: str, stars: int | None) -> IndicatorValue:
    return IndicatorValue(key, UNIT, Measure(None if stars is None else Fraction(1), 1, Text("", "")), stars, "metrics")


def score(findings: list[Finding], indicators: list[IndicatorValue] = ()) -> UnitScore:  # type: ignore[assignment]
    return unit_score(UNIT, "Линия", findings, indicators, RULES, SCALES)


def test_all_rules_pass_and_no_indicator_gives_five() -> None:
    assert score([finding("base-1", Outcome.PASS), finding("five", Outcome.PASS)]).stars == 5


def test_a_failed_base_rule_gives_zero_with_the_rule_as_limit() -> None:
    result = score([finding("base-1", Outcome.FAIL), finding("base-2", Outcome.PASS)])
    assert result.stars == 0 and [lim.id for lim in result.limited_by] == ["base-1"]


def test_a_failed_maximum_level_rule_caps_at_four() -> None:
    result = score([finding("base-1", Outcome.PASS), finding("five", Outcome.FAIL)])
    assert result.stars == 4 and result.limited_by[0].caps_at == 4


def test_a_failed_one_star_rule_gives_zero() -> None:
    assert score([finding("one", Outcome.FAIL)]).stars == 0


def test_waived_failure_still_limits_the_stars() -> None:
    assert score([finding("base-1", Outcome.WAIVED)]).stars == 0


def test_recommended_rules_and_manual_findings_do_not_count() -> None:
    assert score([finding("rec", Outcome.FAIL)]).stars is None
    assert score([finding("base-1", Outcome.MANUAL), finding("base-2", Outcome.NOT_APPLICABLE)]).stars is None


def test_heuristic_rules_never_limit_the_stars() -> None:
    assert score([finding("base-1", Outcome.PASS), finding("proxy", Outcome.FAIL)]).stars == 5


def test_nothing_applicable_is_none_never_zero() -> None:
    assert score([]).stars is None


def test_indicators_cap_and_list_their_next_level() -> None:
    result = score([finding("base-1", Outcome.PASS)], [ind("T1.2", 4), ind("T1.5", 3), ind("T2.5", None)])
    assert result.stars == 3 and [lim.id for lim in result.limited_by] == ["T1.5"] and result.skipped == ("T2.5",)


def test_g6_point_takes_its_own_table_2_row() -> None:
    # G6: call centre T1.2 4★, T1.5 3★, T2.3 2★ → 2★ (here T2.5 stands in for the point's Table 2 row).
    assert score([], [ind("T1.2", 4), ind("T1.5", 3), ind("T2.5", 2)]).stars == 2


def test_g4_g5_minimum_and_all_na() -> None:
    assert score([], [ind("T1.2", 0), ind("T1.1", 4), ind("T1.5", 3)]).stars == 0
    assert score([], [ind("T1.2", None), ind("T1.5", None)]).stars is None


def test_channel_is_its_weakest_point() -> None:
    a = UnitScore(ItemRef("contact_point", "a"), "A", 4)
    b = UnitScore(ItemRef("contact_point", "b"), "B", 2)
    c = UnitScore(ItemRef("contact_point", "c"), "C", None)
    channel = channel_score("in_person", [(None, a), (None, b), (None, c)])
    assert channel.stars == 2 and [lim.id for lim in channel.limited_by] == ["b"]
    assert channel_score("in_person", [(None, c)]).stars is None
