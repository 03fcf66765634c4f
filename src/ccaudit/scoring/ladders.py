"""The qualitative ladders of Table 2 (T2.1, T2.3, T2.4, T2.7), computed from the declarations.

Each level has a condition; by default (R8) level L needs the conditions of levels 1…L, and with
`ladders: literal` the level is the highest one whose own cell holds (A4). Texts live in scale.yaml.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction

from ccaudit.checks.common import is_24x7
from ccaudit.model.config import AuditConfig
from ccaudit.model.declaration import Declaration, Item, ItemRef
from ccaudit.model.rule import Text
from ccaudit.model.score import IndicatorValue, Measure
from ccaudit.scoring.scale import IndicatorScale

OFFICE_KINDS = ("in_person", "one_window", "long_stay")


def level(conditions: Sequence[bool], cumulative: bool) -> int:
    """Stars from the conditions of levels 1–5 (index 0 is level 1)."""
    if cumulative:
        reached = 0
        for holds in conditions:
            if not holds:
                break
            reached += 1
        return reached
    return max((i + 1 for i, holds in enumerate(conditions) if holds), default=0)


def percent(n: int, d: int) -> Fraction | None:
    return None if d == 0 else Fraction(100 * n, d)


def _fmt(value: Fraction | None) -> str:
    return "—" if value is None else f"{float(value):.1f} %"


def _value(key: str, unit: ItemRef, stars: int | None, basis: Text, scales: Mapping[str, IndicatorScale],
           n: int = 0, value: Fraction | None = None, source: str = "declarations") -> IndicatorValue:
    return IndicatorValue(key, unit, Measure(value, n, basis), stars, source, scales[key].next_needs(stars))


# T2.1 — journey maps ------------------------------------------------------------------------------------

def journey_coverage(decl: Declaration, config: AuditConfig, scales: Mapping[str, IndicatorScale]) -> list[IndicatorValue]:
    """T2.1: s ≥ 90 % applicants in profiles and non-applicants covered (1★); y = share of (LS, profile) pairs with
    an approved, current journey map: ≥ 35/50/70/100 % (2★–5★)."""
    agency = decl.agency
    counts = [c for c in agency.get("applicant_segmentation") or [] if c.get("period") == str(config.period)]
    if not counts:
        return [_value("T2.1", agency.ref, None, Text(f"нет данных о заявителях за {config.period}",
                                                      f"no applicant counts for {config.period}"), scales)]
    total = sum(c.get("applicants_total", 0) for c in counts)
    assigned = sum(c.get("applicants_assigned", 0) for c in counts)
    s = percent(assigned, total)
    covers = any(p.get("covers_non_applicants") is True for p in decl.of("segment_profile"))
    pairs = {(ls.ref.id, sp) for ls in decl.of("life_situation") for sp in ls.get("segment_profile_ids") or []}
    pairs |= {(ls, sp.ref.id) for sp in decl.of("segment_profile") for ls in sp.get("life_situation_ids") or []}
    mapped = {(m.get("life_situation_id"), m.get("segment_profile_id")) for m in decl.of("journey_map")
              if _current(m.get("updated_on") or m.get("approved_on"), config) and _by_end(m.get("approved_on"), config)}
    y = percent(len(pairs & mapped), len(pairs))
    first = s is not None and s >= 90 and covers
    conds = [first] + [y is not None and y >= t for t in (35, 50, 70, 100)]
    stars = level(conds, config.ladders != "literal")
    basis = Text(f"заявители в профилях {_fmt(s)}, потенциальные заявители {'учтены' if covers else 'не учтены'}; "
                 f"карты для {len(pairs & mapped)} из {len(pairs)} пар ({_fmt(y)})",
                 f"applicants in profiles {_fmt(s)}, potential applicants {'covered' if covers else 'not covered'}; "
                 f"maps for {len(pairs & mapped)} of {len(pairs)} pairs ({_fmt(y)})")
    return [_value("T2.1", agency.ref, stars, basis, scales, len(pairs), y)]


def _by_end(value: object, config: AuditConfig) -> bool:
    return isinstance(value, str) and value <= config.as_of.isoformat()


def _current(value: object, config: AuditConfig) -> bool:
    from datetime import date, timedelta

    if not isinstance(value, str):
        return False
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    return config.as_of - timedelta(days=config.freshness_days) <= day <= config.as_of


# T2.3 — phone -------------------------------------------------------------------------------------------

def _phone_csat(decl: Declaration, config: AuditConfig, units: set[str]) -> tuple[Fraction | None, int]:
    """Pooled phone satisfaction from declared T2.3 metrics (numerator = «Удовлетворён» + «Скорее удовлетворён»)."""
    num = den = 0
    for metric in decl.metrics:
        if metric.get("indicator") == "T2.3" and metric.get("period") == str(config.period) and metric.get("unit") in units:
            if isinstance(metric.get("numerator"), (int, float)) and isinstance(metric.get("denominator"), (int, float)):
                num += int(metric.get("numerator"))
                den += int(metric.get("denominator"))
    return percent(num, den), den


def _offhours_covered(decl: Declaration, line: Item, config: AuditConfig) -> bool:
    """A2: outside working hours a chat-bot answers (or, with phone_offhours: chatbot_or_voice, a voice assistant;
    B4), around the clock, and a callback is offered in working hours."""
    target = decl.find("contact_point", line.get("offhours_channel_id") or "")
    callback = line.get("callback") or {}
    kinds = ("chatbot", "voice_assistant") if config.phone_offhours == "chatbot_or_voice" else ("chatbot",)
    return (target is not None and target.contact_kind in kinds and is_24x7(target.get("hours"))
            and callback.get("offered") is True and callback.get("in_working_hours") is True)


def _phone_level(a1: bool, a2: bool, a4: bool, a5: bool, p: Fraction | None, cumulative: bool) -> int:
    def above(x: int) -> bool:
        return p is not None and p > x

    if cumulative:  # requirements-process.md §2.4 T2.3, default column
        return level([a1, a2 and above(60), a2 and above(70), a4 and a2 and above(70), a5 and above(70)], True)
    band2 = p is not None and 60 < p <= 70
    band3 = p is not None and 70 < p <= 80
    return level([a1, a2 and band2, a2 and band3, a4, a5], False)


def phone_availability(decl: Declaration, config: AuditConfig, scales: Mapping[str, IndicatorScale]) -> list[IndicatorValue]:
    """T2.3 per call-centre line and for the agency (all lines together, phone CSAT pooled)."""
    cumulative = config.ladders != "literal"
    lines = decl.contact_points("call_center")
    one_window = {p.ref.id for p in decl.contact_points("one_window")}
    out = []
    facts = []
    for line in lines:
        a1 = line.get("hours") is not None
        a5 = is_24x7(line.get("hours"))
        serves_ow = bool(set(line.get("serves") or []) & one_window)
        a4 = a5 if serves_ow or not one_window else False
        a2 = a5 or _offhours_covered(decl, line, config)
        p, n = _phone_csat(decl, config, {line.ref.id})
        facts.append((a1, a2, serves_ow, a5))
        stars = _phone_level(a1, a2, a4, a5, p, cumulative)
        out.append(_value("T2.3", line.ref, stars, _phone_basis(a1, a2, a5, p), scales, n, p,
                          "metrics" if n else "declarations"))
    agency = decl.agency.ref
    if not lines:
        out.append(_value("T2.3", agency, 0, Text("телефонная линия не заявлена", "no phone line is declared"), scales))
        return out
    a1 = all(f[0] for f in facts)
    a2 = all(f[1] for f in facts)
    a5 = all(f[3] for f in facts)
    ow_lines = [f for f in facts if f[2]]
    a4 = all(f[3] for f in ow_lines) if ow_lines else a5
    p, n = _phone_csat(decl, config, {"agency", agency.id} | {line.ref.id for line in lines})
    out.append(_value("T2.3", agency, _phone_level(a1, a2, a4, a5, p, cumulative), _phone_basis(a1, a2, a5, p),
                      scales, n, p, "metrics" if n else "declarations"))
    return out


def _phone_basis(a1: bool, a2: bool, a5: bool, p: Fraction | None) -> Text:
    def yes(flag: bool, lang: str) -> str:
        return ("да" if flag else "нет") if lang == "ru" else ("yes" if flag else "no")

    return Text(f"часы работы: {yes(a1, 'ru')}; чат-бот и перезвон вне часов: {yes(a2, 'ru')}; 24/7: {yes(a5, 'ru')}; "
                f"удовлетворены телефоном: {_fmt(p)}",
                f"working hours: {yes(a1, 'en')}; chat-bot and callback off hours: {yes(a2, 'en')}; 24/7: {yes(a5, 'en')}; "
                f"satisfied with phone service: {_fmt(p)}")


# T2.4 — written texts -----------------------------------------------------------------------------------

def written_texts(decl: Declaration, config: AuditConfig, scales: Mapping[str, IndicatorScale]) -> list[IndicatorValue]:
    """T2.4 for the agency and each written point: k = life situations with a current template base,
    r = with the readability algorithm; 1★ k ≥ 50, 2★ k = 100, 3★–5★ r ≥ 30/50/100 (5★ also: 4.6.4.6)."""
    situations = {s.ref.id: s for s in decl.of("life_situation")}
    written = decl.contact_points("written")
    algorithm_everywhere = bool(written) and all((w.get("readability") or {}).get("algorithm_ref") for w in written)
    units: list[tuple[ItemRef, list[str]]] = [(decl.agency.ref, list(situations))]
    units += [(w.ref, [i for i in (w.get("life_situation_ids") or situations) if i in situations]) for w in written]
    out = []
    for unit, ids in units:
        if not ids:
            out.append(_value("T2.4", unit, None, Text("нет жизненных ситуаций", "no life situations"), scales))
            continue
        k = percent(sum(1 for i in ids if _current(situations[i].get("answer_templates_updated_on"), config)), len(ids))
        r = percent(sum(1 for i in ids if situations[i].get("readability_check") is True), len(ids))
        assert k is not None and r is not None
        full = k == 100
        conds = [k >= 50, full, full and r >= 30, full and r >= 50, full and r == 100 and algorithm_everywhere]
        if config.ladders == "literal":
            conds = [k >= 50, full, r >= 30, r >= 50, r == 100 and algorithm_everywhere]
        basis = Text(f"база шаблонов актуальна для {_fmt(k)} жизненных ситуаций, алгоритм читаемости — {_fmt(r)}",
                     f"template base current for {_fmt(k)} of life situations, readability algorithm for {_fmt(r)}")
        out.append(_value("T2.4", unit, level(conds, config.ladders != "literal"), basis, scales, len(ids), k))
    return out


# T2.7 — booking -----------------------------------------------------------------------------------------

def _preferred(decl: Declaration, office: Item) -> set[str]:
    """Remote channels the office's segments prefer: one books an in-person visit from afar, so offline kinds
    (which cannot take a booking around the clock) are left out of B3."""
    served = set(office.get("segment_profile_ids") or [])
    return {c for p in decl.of("segment_profile") if p.ref.id in served for c in p.get("preferred_channels") or []
            if c not in OFFICE_KINDS}


def booking(decl: Declaration, config: AuditConfig, scales: Mapping[str, IndicatorScale]) -> list[IndicatorValue]:
    """T2.7 per office and for the agency (its weakest office): B1 a method, B2 one 24/7, B3 every preferred channel
    24/7, B4 reminder a day before + change + cancel, B5 also 2 hours before, by confirmation on preferred channels."""
    out = []
    levels = []
    for office in decl.contact_points(*OFFICE_KINDS):
        b = office.get("booking") or {}
        if office.contact_kind == "long_stay" and not b:
            out.append(_value("T2.7", office.ref, None, Text("запись на приём не ведётся (B28)",
                                                             "takes no appointments (B28)"), scales))
            continue
        methods = b.get("methods") or []
        always = {m.get("channel") for m in methods if m.get("hours_24x7") is True}
        preferred = _preferred(decl, office)
        reminders = set(b.get("reminders_hours_before") or [])
        manage = b.get("change") is True and b.get("cancel") is True
        b1 = bool(methods)
        b2 = bool(always)
        b3 = b2 and (preferred <= always if preferred else len(always) == len({m.get("channel") for m in methods}))
        b4 = 24 in reminders and manage
        b5 = b4 and 2 in reminders and b.get("reminder_by_confirmation") is True and b.get("reminder_channels_by_profile") is True
        stars = level([b1, b2, b3, b4, b5], config.ladders != "literal")
        levels.append(stars)
        basis = Text(f"способов записи: {len(methods)}, круглосуточно: {', '.join(sorted(always)) or '—'}; "
                     f"напоминания за {', '.join(str(h) for h in sorted(reminders, reverse=True)) or '—'} ч; "
                     f"изменение и отмена: {'да' if manage else 'нет'}",
                     f"booking methods: {len(methods)}, 24/7: {', '.join(sorted(always)) or '—'}; reminders "
                     f"{', '.join(str(h) for h in sorted(reminders, reverse=True)) or '—'} h before; "
                     f"change and cancel: {'yes' if manage else 'no'}")
        out.append(_value("T2.7", office.ref, stars, basis, scales, len(methods)))
    if levels:
        out.append(_value("T2.7", decl.agency.ref, min(levels), Text(f"худший офис из {len(levels)}",
                                                                    f"the weakest of {len(levels)} offices"), scales))
    return out


LADDERS: Mapping[str, Callable[[Declaration, AuditConfig, Mapping[str, IndicatorScale]], Iterable[IndicatorValue]]] = {
    "T2.1": journey_coverage,
    "T2.3": phone_availability,
    "T2.4": written_texts,
    "T2.7": booking,
}
"""The Table 2 ladders computed from the declarations."""
