"""The star model (docs/methodology.md): stars per point of contact, per channel and for the agency.

A unit's stars = the highest level L in 1…5 such that every applicable `must` rule with star_level ≤ L
(or `base`) passes and every applicable indicator reaches L. A failed base rule gives 0 ("below 1★");
a unit with nothing applicable is None (n/a), never 0. A channel is as strong as its weakest point.
Heuristic rules (a threshold or text pattern of ccaudit's own) are reported but never limit the stars.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from ccaudit.model.config import AuditConfig
from ccaudit.model.declaration import ALL_CONTACT_POINT_KINDS, Declaration, ItemRef
from ccaudit.model.finding import Finding, Outcome
from ccaudit.model.rule import Modality, Rule, Text
from ccaudit.model.score import IndicatorValue, Limit, UnitScore
from ccaudit.scoring.scale import IndicatorScale

COUNTED = (Outcome.PASS, Outcome.FAIL, Outcome.WAIVED)
"""Outcomes that make a must rule count as applicable; waived failures still limit the stars."""


def rule_cap(rule: Rule) -> int:
    """The highest level a unit can have while this rule fails: 0 for base, star_level − 1 otherwise."""
    return 0 if rule.star_level is None else rule.star_level - 1


def unit_score(unit: ItemRef, title: str, findings: Iterable[Finding], indicators: Iterable[IndicatorValue],
               rules: Mapping[str, Rule], scales: Mapping[str, IndicatorScale]) -> UnitScore:
    """Stars and limits of one unit from its findings and indicator values."""
    findings = list(findings)
    indicators = list(indicators)
    limits: list[Limit] = []
    applicable = False
    for f in findings:
        rule = rules[f.rule_id]
        if rule.modality is not Modality.MUST or rule.heuristic or rule.overlay or f.outcome not in COUNTED:
            continue
        applicable = True
        if f.outcome in (Outcome.FAIL, Outcome.WAIVED):
            limits.append(Limit("rule", rule.id, rule_cap(rule), rule.title, f.item))
    for value in indicators:
        if value.stars is None:
            continue
        applicable = True
        if value.stars < 5:
            needs = value.next_needs or scales[value.indicator].title
            limits.append(Limit("indicator", value.indicator, value.stars, needs, value.unit))
    counts = Counter(f.outcome.value for f in findings)
    skipped = tuple(sorted(v.indicator for v in indicators if v.stars is None))
    if not applicable:
        return UnitScore(unit, title, None, (), tuple(indicators), skipped, dict(sorted(counts.items())))
    stars = min([5, *(lim.caps_at for lim in limits)])
    binding = _dedupe(lim for lim in limits if lim.caps_at == stars)
    return UnitScore(unit, title, stars, binding, tuple(indicators), skipped, dict(sorted(counts.items())))


def _dedupe(limits: Iterable[Limit]) -> tuple[Limit, ...]:
    seen: dict[tuple[str, str, ItemRef | None], Limit] = {}
    for lim in limits:
        seen.setdefault((lim.kind, lim.id, lim.item), lim)
    return tuple(sorted(seen.values(), key=lambda x: (x.kind, x.id, str(x.item))))


def score_units(declaration: Declaration, findings: Iterable[Finding], indicators: Iterable[IndicatorValue],
                rules: Mapping[str, Rule], scales: Mapping[str, IndicatorScale], config: AuditConfig) -> tuple[UnitScore, ...]:
    """Agency first, then one score per channel present, then every point of contact (kind order, then id)."""
    findings = list(findings)
    indicators = list(indicators)
    agency = declaration.agency
    by_unit: dict[ItemRef, list[Finding]] = {}
    for f in findings:
        by_unit.setdefault(f.unit, []).append(f)

    def agency_indicator(v: IndicatorValue) -> bool:
        return v.unit == agency.ref and (scales[v.indicator].table == 1 or config.include_additional)

    agency_score = unit_score(agency.ref, agency.title, by_unit.get(agency.ref, []),
                              [v for v in indicators if agency_indicator(v)], rules, scales)
    points = sorted(declaration.contact_points(), key=lambda p: (ALL_CONTACT_POINT_KINDS.index(p.contact_kind or "portal"), p.ref.id))
    point_scores = [unit_score(p.ref, p.title, by_unit.get(p.ref, []), [v for v in indicators if v.unit == p.ref], rules, scales)
                    for p in points]
    channels = []
    for kind in ALL_CONTACT_POINT_KINDS:
        members = [(p, s) for p, s in zip(points, point_scores, strict=True) if p.contact_kind == kind]
        if members:
            channels.append(channel_score(kind, members))
    return (agency_score, *channels, *point_scores)


def channel_score(kind: str, members: list[tuple[object, UnitScore]]) -> UnitScore:
    """A channel (all points of one kind): the minimum over its rated points; n/a when none is rated."""
    rated = [s for _, s in members if s.stars is not None]
    counts: Counter[str] = Counter()
    for _, s in members:
        counts.update(s.counts)
    unit = ItemRef("channel", kind)
    if not rated:
        return UnitScore(unit, kind, None, (), (), (), dict(sorted(counts.items())))
    stars = min(s.stars for s in rated if s.stars is not None)
    limits = tuple(Limit("point", s.unit.id, stars, Text(f"точка «{s.title}»", f"point «{s.title}»"), s.unit)
                   for s in rated if s.stars == stars and stars < 5)
    return UnitScore(unit, kind, stars, limits, (), (), dict(sorted(counts.items())))
