"""Indicators of section 6 computed from declarations (T1.1, T1.6, T2.2) or taken from declared metrics."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction

from ccaudit.evidence import Evidence
from ccaudit.model.config import AuditConfig
from ccaudit.model.declaration import CONTACT_POINT, Declaration, Item, ItemRef
from ccaudit.model.errors import InputError
from ccaudit.model.rule import Text
from ccaudit.model.score import IndicatorValue, Measure
from ccaudit.scoring.ladders import LADDERS
from ccaudit.scoring.measured import measured_indicators
from ccaudit.scoring.scale import IndicatorScale

Computation = Callable[[Declaration, AuditConfig], Measure]

PER_SERVICE = "per_service"
"""A concept's client scenario is a sequence of actions within one service (A18), not a set of services."""


def _approved(value: object, config: AuditConfig) -> bool:
    return isinstance(value, str) and value <= config.as_of.isoformat()


def percent(numerator: int, denominator: int) -> Fraction | None:
    """100·n/d exactly (R6), None when d is 0 (R7)."""
    return None if denominator == 0 else Fraction(100 * numerator, denominator)


def scenario_coverage(declaration: Declaration, config: AuditConfig) -> Measure:
    """T1.1: services included in at least one client scenario approved by the reference date, over all services."""
    services = [s.ref.id for s in declaration.of("service")]
    covered = {sid for sc in declaration.of("client_scenario") if _approved(sc.get("approved_on"), config)
               for sid in sc.get("service_ids") or []}
    n = sum(1 for s in services if s in covered)
    return Measure(percent(n, len(services)), len(services),
                   Text(f"{n} из {len(services)} услуг и сервисов входят в утверждённые клиентские сценарии",
                        f"{n} of {len(services)} services are in an approved client scenario"), n)


def proactive_share(declaration: Declaration, config: AuditConfig) -> Measure:
    """T1.6: approved client scenarios that allow proactive provision, over approved scenarios."""
    approved = [s for s in declaration.of("client_scenario") if _approved(s.get("approved_on"), config)]
    n = sum(1 for s in approved if s.get("proactive_possible") is True)
    return Measure(percent(n, len(approved)), len(approved),
                   Text(f"{n} из {len(approved)} утверждённых сценариев допускают проактивное предоставление",
                        f"{n} of {len(approved)} approved scenarios allow proactive provision"), n)


def proactive_share_per_service(declaration: Declaration, config: AuditConfig) -> Measure:
    """T1.6 under a concept whose client scenario lies within one service (A18): a scenario listing N services
    counts as N per-service scenarios, each proactive when the scenario allows proactive provision."""
    approved = [s for s in declaration.of("client_scenario") if _approved(s.get("approved_on"), config)]
    pairs = [(s, sid) for s in approved for sid in dict.fromkeys(s.get("service_ids") or [])]
    n = sum(1 for s, _ in pairs if s.get("proactive_possible") is True)
    return Measure(percent(n, len(pairs)), len(pairs),
                   Text(f"{n} из {len(pairs)} сценариев по услугам (последовательность действий в рамках услуги) "
                        "допускают проактивное предоставление",
                        f"{n} of {len(pairs)} per-service scenarios (actions within one service) allow proactive provision"), n)


def prototype_testing(declaration: Declaration, config: AuditConfig) -> Measure:
    """T2.2: prototypes tested on a target audience (a test date and segment profiles), over all prototypes (A12)."""
    prototypes = [p for d in declaration.of("design_project") for p in d.get("prototypes") or []]
    n = sum(1 for p in prototypes if _approved(p.get("tested_on"), config) and (p.get("audiences") or {}).get("segment_profile_ids"))
    return Measure(percent(n, len(prototypes)), len(prototypes),
                   Text(f"{n} из {len(prototypes)} прототипов протестированы на целевой аудитории",
                        f"{n} of {len(prototypes)} prototypes were tested on a target audience"), n)


INDICATORS: Mapping[str, Computation] = {
    "T1.1": scenario_coverage,
    "T1.6": proactive_share,
    "T2.2": prototype_testing,
}
"""Indicators computed from the declarations, for the agency unit."""

def compute_indicators(declaration: Declaration, config: AuditConfig, scales: Mapping[str, IndicatorScale],
                       evidence: Evidence | None = None, client_scenario: str | None = None) -> tuple[IndicatorValue, ...]:
    """Every indicator value of the period: computed from declarations, measured from evidence, then declared
    metrics; for the same indicator and unit the first wins (measured over declared).

    With client_scenario "per_service" (a concept's definition, A18), T1.6 counts scenarios per service; T1.1
    (services in at least one approved scenario) is the same number under both definitions."""
    agency = declaration.agency.ref
    out: dict[tuple[str, ItemRef], IndicatorValue] = {}
    computations = dict(INDICATORS)
    if client_scenario == PER_SERVICE:
        computations["T1.6"] = proactive_share_per_service
    for key, compute in computations.items():
        measure = compute(declaration, config)
        out[(key, agency)] = _value(key, agency, measure, scales[key], "declarations")
    for key, compute_ladder in LADDERS.items():
        for value in compute_ladder(declaration, config, scales):
            out[(key, value.unit)] = value
    if evidence is not None:
        for value in measured_indicators(evidence, declaration, config, scales):
            out.setdefault((value.indicator, value.unit), value)
    for value in _declared(declaration, config, scales):
        # A computed value wins over a declared one for the same indicator and unit.
        out.setdefault((value.indicator, value.unit), value)
    return tuple(sorted(out.values(), key=lambda v: (v.unit.kind != "agency", v.unit.id, v.indicator)))


def _value(key: str, unit: ItemRef, measure: Measure, scale: IndicatorScale, source: str) -> IndicatorValue:
    stars = scale.stars(measure.value)
    return IndicatorValue(key, unit, measure, stars, source, scale.next_needs(stars))


def metric_unit(declaration: Declaration, metric: Item) -> ItemRef | None:
    """The unit a declared metric is for: the agency, a point of contact or a life situation."""
    agency = declaration.agency.ref
    unit_id = str(metric.get("unit"))
    if unit_id in ("agency", agency.id):
        return agency
    point = declaration.find(CONTACT_POINT, unit_id)
    if point is not None:
        return point.ref
    situation = declaration.find("life_situation", unit_id)
    return situation.ref if situation is not None else None


def unit_kind(declaration: Declaration, ref: ItemRef) -> str:
    """"agency", "life_situation", or the kind of a point of contact."""
    if ref.kind == CONTACT_POINT:
        point = declaration.get(ref)
        return point.contact_kind or "" if point else ""
    return ref.kind


def metric_errors(declaration: Declaration, scales: Mapping[str, IndicatorScale]) -> list[InputError]:
    """Declared metrics ccaudit could not use: an indicator not measured for that kind of unit."""
    errors = []
    for metric in declaration.metrics:
        key = str(metric.get("indicator"))
        unit = metric_unit(declaration, metric)
        if key not in scales or unit is None:
            continue  # the schema and the loader already report these
        kind = unit_kind(declaration, unit)
        if kind not in scales[key].units:
            allowed = ", ".join(sorted(scales[key].units))
            errors.append(InputError(metric.at("unit"), f"{key} is not measured for a unit of kind '{kind}'",
                                     f"{key} is measured for: {allowed}"))
    return errors


def _declared(declaration: Declaration, config: AuditConfig, scales: Mapping[str, IndicatorScale]) -> Iterable[IndicatorValue]:
    for metric in declaration.metrics:
        key = str(metric.get("indicator"))
        unit = metric_unit(declaration, metric)
        if metric.get("period") != str(config.period) or key not in scales or unit is None or scales[key].ladder or scales[key].components:
            continue  # another quarter; unusable metrics were reported by metric_errors
        if unit_kind(declaration, unit) not in scales[key].units:
            continue
        num, den = metric.get("numerator"), metric.get("denominator")
        if isinstance(num, (int, float)) and isinstance(den, (int, float)):
            value = None if den == 0 else Fraction(str(num)) * 100 / Fraction(str(den))
            n = int(den)
            basis = Text(f"{num:g} из {den:g} (заявлено: {metric.get('source', 'metrics')})",
                         f"{num:g} of {den:g} (declared: {metric.get('source', 'metrics')})")
        elif isinstance(metric.get("value"), (int, float)):
            value, n = Fraction(str(metric.get("value"))), 0
            basis = Text(f"значение заявлено ({metric.get('source', 'metrics')})", f"declared value ({metric.get('source', 'metrics')})")
        else:
            continue
        yield _value(key, unit, Measure(value, n, basis, int(num) if isinstance(num, (int, float)) else None),
                     scales[key], "metrics")
