"""Section 6 indicators measured from evidence (requirements-process.md §2.2–§2.6): survey shares T1.2 and T1.5,
services with positive NPS T1.4, digital NPS T2.5 and repeat requests T1.3, per unit, exactly.

Counts come from pandas (no per-row Python); values are exact Fractions built from the integer counts (R6).
A share with fewer answers than `min_sample` is no data (R7), never 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta
from fractions import Fraction
from typing import Any

from ccaudit.evidence import Evidence
from ccaudit.model.config import AuditConfig
from ccaudit.model.declaration import CONTACT_POINT, Declaration, ItemRef
from ccaudit.model.rule import Text
from ccaudit.model.score import IndicatorValue, Measure
from ccaudit.scoring.scale import IndicatorScale

WINDOW = timedelta(days=28)
"""T1.3: a request within 4 weeks after a success of the same user and service is a repeat (§3.1)."""
DIGITAL = ("portal", "mobile_app", "chatbot", "voice_assistant")
SURVEYS = {"T1.2": ("ease", ("«легко»/«скорее легко»", "«easy»/«rather easy»")),
           "T1.5": ("csat", ("«удовлетворён»/«скорее удовлетворён»", "«satisfied»/«rather satisfied»"))}


def wilson(positive: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """95 % Wilson score interval of a proportion, in percent."""
    if n == 0:
        return (0.0, 100.0)
    p = positive / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    low = 0.0 if positive == 0 else 100 * max(0.0, centre - half)  # exactly 0 and 100 at the ends, where floats
    high = 100.0 if positive == n else 100 * min(1.0, centre + half)  # leave a residue such as 1.7e-16
    return (low, high)


def too_close(interval: tuple[float, float], scale: IndicatorScale) -> bool:
    """True when the interval crosses a band edge: the stars could differ with another sample of the same size."""
    low, high = interval
    edges = {float(e) for b in scale.bands for e in (b.low, b.high) if e is not None}
    return any(low < e < high for e in edges)


def more_positive(positive: int, n: int, scale: IndicatorScale, stars: int) -> int | None:
    """The fewest extra answers, all positive, that lift the share into the next band: smallest k with
    100·(positive + k)/(n + k) in the band of stars + 1 (exact integer search; None when no k can)."""
    band = next((b for b in scale.bands if b.stars == stars + 1), None)
    if band is None:
        return None
    k_low, k_high = 0, 10 * max(n, 1) + 10
    top = Fraction(100 * (positive + k_high), n + k_high)
    if band.low is not None and not (top > band.low or (top == band.low and band.low_closed)):
        return None
    while k_low < k_high:  # the share grows with k: find the first k that reaches the band's lower edge
        mid = (k_low + k_high) // 2
        share = Fraction(100 * (positive + mid), n + mid)
        if band.low is None or share > band.low or (share == band.low and band.low_closed):
            k_high = mid
        else:
            k_low = mid + 1
    share = Fraction(100 * (positive + k_low), n + k_low)
    return k_low if band.contains(share) else None


def period_bounds(config: AuditConfig) -> tuple[datetime, datetime]:
    """The period as [start, end) instants in the agency's time zone."""
    return config.period.bounds(config.timezone)


ANSWER_COLUMNS = ("answered_at", "question", "grade", "service_id", "life_situation_id", "contact_point_id")
"""The survey answers' columns the indicators read."""


def measured_indicators(evidence: Evidence, declaration: Declaration, config: AuditConfig,
                        scales: Mapping[str, IndicatorScale]) -> Iterator[IndicatorValue]:
    """Every indicator the evidence of the period measures, for the agency, each life situation and each point."""
    start, end = period_bounds(config)
    answers = evidence.frame("survey_answers")
    if answers is not None:
        keep = (answers["answered_at"] >= start) & (answers["answered_at"] < end) & answers["grade"].notna()
        answers = answers.loc[keep, [c for c in ANSWER_COLUMNS if c in answers]]  # not the answers' own ids: no copying them
        yield from _surveys(answers, declaration, config, scales)
        yield from _nps(answers, declaration, config, scales)
    requests = evidence.frame("service_requests")
    if requests is not None and "T1.3" in scales:
        yield from _repeats(requests, declaration, start, end, scales["T1.3"], config)
    messages = evidence.frame("social_responses")
    if messages is not None and "T2.6" in scales:
        yield from _social_times(messages, declaration, start, end, scales["T2.6"])


def situation_services(declaration: Declaration) -> dict[str, set[str]]:
    """Life situation id → the services its client scenarios (and design projects) provide: how T1.3 and T1.4
    requests and answers about a service count for a life situation."""
    out: dict[str, set[str]] = {}
    for kind in ("client_scenario", "design_project"):
        for item in declaration.of(kind):
            situation = item.get("life_situation_id")
            if isinstance(situation, str):
                out.setdefault(situation, set()).update(str(s) for s in item.get("service_ids") or [])
    return out


def _units(declaration: Declaration) -> dict[str, dict[str, ItemRef]]:
    return {"contact_point_id": {p.ref.id: p.ref for p in declaration.of(CONTACT_POINT)},
            "life_situation_id": {s.ref.id: s.ref for s in declaration.of("life_situation")}}


def _groups(frame: Any, declaration: Declaration) -> Iterator[tuple[ItemRef, Any]]:
    yield declaration.agency.ref, frame
    units = _units(declaration)
    for column in ("life_situation_id", "contact_point_id"):
        if column not in frame:
            continue
        for key, part in frame.groupby(column, observed=True, sort=True):
            ref = units[column].get(str(key))
            if ref is not None:
                yield ref, part


def _kind(declaration: Declaration, ref: ItemRef) -> str:
    if ref.kind == CONTACT_POINT:
        point = declaration.get(ref)
        return point.contact_kind or "" if point else ""
    return ref.kind


def _surveys(answers: Any, declaration: Declaration, config: AuditConfig,
             scales: Mapping[str, IndicatorScale]) -> Iterator[IndicatorValue]:
    for key, (question, (ru, en)) in SURVEYS.items():
        if key not in scales:
            continue
        scale = scales[key]
        subset = answers[answers["question"] == question]
        for ref, part in _groups(subset, declaration):
            if _kind(declaration, ref) not in scale.units:
                continue
            n = int(len(part))
            positive = int((part["grade"] >= 3).sum())
            yield share_value(key, ref, positive, n, scale, config.min_sample,
                              Text(f"{positive} из {n} ответов {ru}", f"{positive} of {n} answers {en}"))


def share_value(key: str, ref: ItemRef, positive: int, n: int, scale: IndicatorScale, min_sample: int,
                basis: Text) -> IndicatorValue:
    """A proportion with its sample, interval, closeness flag and the distance to the next band."""
    if n < min_sample:
        note = Text(f"{basis.ru}: меньше {min_sample} ответов — нет данных", f"{basis.en}: fewer than {min_sample} answers — no data")
        return IndicatorValue(key, ref, Measure(None, n, note, positive), None, "evidence")
    value = Fraction(100 * positive, n)
    stars = scale.stars(value)
    interval = wilson(positive, n)
    close = too_close(interval, scale)
    needs = scale.next_needs(stars)
    k = more_positive(positive, n, scale, stars) if stars is not None and stars < 5 else None
    if needs is not None and k is not None:
        needs = Text(f"{needs.ru}: ещё {k} положительных ответов при этом объёме",
                     f"{needs.en}: {k} more positive answers at this volume")
    measure = Measure(value, n, basis, positive, interval, close)
    return IndicatorValue(key, ref, measure, stars, "evidence", needs)


def _nps(answers: Any, declaration: Declaration, config: AuditConfig, scales: Mapping[str, IndicatorScale]) -> Iterator[IndicatorValue]:
    if "T2.5" in scales:
        scale = scales["T2.5"]
        digital = answers[answers["question"] == "nps_digital"]
        points = {p.ref.id for p in declaration.contact_points(*DIGITAL)}
        pooled = digital[digital["contact_point_id"].isin(points)] if "contact_point_id" in digital else digital.iloc[0:0]
        for ref, part in _groups(pooled, declaration):
            if ref.kind == "life_situation":
                continue
            yield _nps_value("T2.5", ref, part, scale, config.min_sample)
    if "T1.4" in scales and "service_id" in answers:
        scale = scales["T1.4"]
        rated = answers[(answers["question"] == "nps") & answers["service_id"].notna()]
        by_service = rated.groupby("service_id", observed=True)["grade"].agg(
            promoters=lambda g: int((g >= 9).sum()), detractors=lambda g: int((g <= 6).sum()), n="size")
        positive_services = {str(s) for s, row in by_service.iterrows()
                             if (nps(int(row["promoters"]), int(row["detractors"]), int(row["n"])) or 0) > 0}  # E37–E39
        measured = [str(s) for s in by_service.index]
        units: list[tuple[ItemRef, list[str]]] = [(declaration.agency.ref, measured)]
        linked = situation_services(declaration)
        for situation in declaration.of("life_situation"):
            services = linked.get(situation.ref.id, set())
            units.append((situation.ref, [s for s in measured if s in services]))
        for ref, services in units:
            if not services:
                continue
            n, positive = len(services), sum(1 for s in services if s in positive_services)
            value = Fraction(100 * positive, n)
            yield IndicatorValue("T1.4", ref, Measure(value, n, Text(
                f"{positive} из {n} услуг с ответами NPS имеют NPS > 0", f"{positive} of {n} services with NPS answers have NPS > 0"),
                positive), scale.stars(value), "evidence", scale.next_needs(scale.stars(value)))


def nps(promoters: int, detractors: int, n: int) -> Fraction | None:
    """NPS in points: 100 · (promoters − detractors) / answers; None without answers (E40: no data, not 0)."""
    return None if n == 0 else Fraction(100 * (promoters - detractors), n)


def _nps_value(key: str, ref: ItemRef, part: Any, scale: IndicatorScale, min_sample: int) -> IndicatorValue:
    n = int(len(part))
    promoters, detractors = int((part["grade"] >= 9).sum()), int((part["grade"] <= 6).sum())
    basis = Text(f"{promoters} промоутеров и {detractors} критиков из {n} ответов",
                 f"{promoters} promoters and {detractors} detractors of {n} answers")
    if n < min_sample:
        return IndicatorValue(key, ref, Measure(None, n, basis), None, "evidence")
    value = nps(promoters, detractors, n)
    stars = scale.stars(value)
    return IndicatorValue(key, ref, Measure(value, n, basis), stars, "evidence", scale.next_needs(stars))


def _repeats(requests: Any, declaration: Declaration, start: datetime, end: datetime, scale: IndicatorScale,
             config: AuditConfig) -> Iterator[IndicatorValue]:
    """T1.3 (§2.3, §3.1): a request at t is a repeat when the same user had a success of the same service at t0 with
    t0 < t ≤ t0 + 28 days; successes from 28 days before the period start count."""
    import pandas as pd

    frame = requests[["user_id", "service_id", "requested_at", "success_at"]]
    in_period = frame[(frame["requested_at"] >= start) & (frame["requested_at"] < end)]
    successes = frame[frame["success_at"].notna() & (frame["success_at"] >= start - WINDOW) & (frame["success_at"] < end)]
    n = int(len(in_period))
    if n == 0:
        yield IndicatorValue("T1.3", declaration.agency.ref, Measure(None, 0, Text("нет запросов за период", "no requests in the period")),
                             None, "evidence")
        return
    left = in_period.reset_index()[["index", "user_id", "service_id", "requested_at"]].astype({"user_id": str, "service_id": str})
    right = successes[["user_id", "service_id", "success_at"]].astype({"user_id": str, "service_id": str})
    left["requested_at"] = left["requested_at"].dt.as_unit("ns")
    right = right.assign(success_at=right["success_at"].dt.as_unit("ns"))
    left = left.sort_values("requested_at")
    right = right.sort_values("success_at")
    # the latest success strictly before each request, of the same user and service
    matched = pd.merge_asof(left, right, left_on="requested_at", right_on="success_at", by=["user_id", "service_id"],
                            allow_exact_matches=False, direction="backward")
    repeat = (matched["requested_at"] - matched["success_at"]) <= WINDOW
    units: list[tuple[ItemRef, Any]] = [(declaration.agency.ref, repeat)]
    if "life_situation" in scale.units:  # a life situation's requests are those for its services (services[].life_situation_ids)
        linked = situation_services(declaration)
        for situation in declaration.of("life_situation"):
            services = linked.get(situation.ref.id, set())
            if services:
                units.append((situation.ref, repeat[matched["service_id"].isin(services)]))
    for ref, flags in units:
        n, repeats = int(len(flags)), int(flags.sum())
        if n == 0:
            continue
        value = Fraction(100 * repeats, n)
        stars = scale.stars(value)
        yield IndicatorValue("T1.3", ref, Measure(value, n, Text(
            f"{repeats} из {n} запросов — повторные в течение 4 недель после успешного получения",
            f"{repeats} of {n} requests are repeats within 4 weeks of a success"), repeats), stars, "evidence", scale.next_needs(stars))


def slowest_hours(received: Any, answered: Any, end: datetime) -> Fraction | None:
    """T2.6: the slowest answer in hours, exact to the second; a message unanswered at the period end counts with
    end − received. None without messages (that limit then does not bind)."""
    if len(received) == 0:
        return None
    waits = (answered.fillna(end) - received).dt.total_seconds()
    return Fraction(int(round(float(waits.max()))), 3600)


def _social_times(messages: Any, declaration: Declaration, start: datetime, end: datetime,
                  scale: IndicatorScale) -> Iterator[IndicatorValue]:
    """T2.6 per social point (m = slowest answer to a mention, o = to an official request or comment, §2.4) and for
    the agency (its worst point)."""
    rows = messages[(messages["received_at"] >= start) & (messages["received_at"] < end)]
    levels: list[int] = []
    for point in declaration.contact_points("social"):
        own = rows[rows["contact_point_id"] == point.ref.id]
        times = {kind: slowest_hours(part["received_at"], part["first_response_at"], end)
                 for kind in ("mention", "official") for part in [own[own["kind"] == kind]]}
        stars = scale.stars_of(times)
        m, o = (("—" if times[k] is None else f"{float(times[k]):.1f}") for k in ("mention", "official"))
        basis = Text(f"самый долгий ответ: на упоминание {m} ч, на обращение или комментарий {o} ч ({len(own)} сообщений)",
                     f"slowest answer: to a mention {m} h, to a request or comment {o} h ({len(own)} messages)")
        worst = max((t for t in times.values() if t is not None), default=None)
        if stars is not None:
            levels.append(stars)
        yield IndicatorValue("T2.6", point.ref, Measure(worst, len(own), basis), stars, "evidence", scale.next_needs(stars))
    if levels:
        stars = min(levels)
        yield IndicatorValue("T2.6", declaration.agency.ref, Measure(None, len(rows), Text(
            f"худшая из {len(levels)} точек в соцсетях", f"the worst of {len(levels)} social points")), stars, "evidence",
            scale.next_needs(stars))
