"""Fixed report strings in Russian and English, and helpers that pick by language."""

from __future__ import annotations

from ccaudit.model.rule import Text

CATALOGUE: dict[str, Text] = {
    "agency": Text("Орган власти", "Agency"),
    "period": Text("Период", "Period"),
    "as_of": Text("на дату", "as of"),
    "packs": Text("Пакеты правил", "Rule packs"),
    "stars": Text("Звёзды", "Stars"),
    "limited_by": Text("Ограничивает", "Limited by"),
    "points": Text("Точки взаимодействия", "Points of contact"),
    "channels": Text("Каналы", "Channels"),
    "kind": Text("Вид", "Kind"),
    "title": Text("Название", "Title"),
    "indicators": Text("Показатели раздела 6", "Section 6 indicators"),
    "indicator": Text("Показатель", "Indicator"),
    "unit": Text("Единица", "Unit"),
    "value": Text("Значение", "Value"),
    "basis": Text("Основание", "Basis"),
    "findings": Text("Замечания", "Findings"),
    "sample": Text("n", "n"),
    "interval": Text("95 % интервал", "95 % interval"),
    "source": Text("Источник", "Source"),
    "next_band": Text("До следующей звезды", "To the next star"),
    "too_close": Text("на границе", "too close to call"),
    "no_indicators": Text("Показателей за период нет.", "No indicators for the period."),
    "measured": Text("измерено", "measured"),
    "declared": Text("заявлено", "declared"),
    "from_declarations": Text("по декларациям", "from declarations"),
    "life_situation": Text("жизненная ситуация", "life situation"),
    "no_findings": Text("Замечаний нет.", "No findings."),
    "summary": Text("Итого", "Summary"),
    "na": Text("н/д", "n/a"),
    "below_one": Text("ниже 1★", "below 1★"),
    "nothing_limits": Text("—", "—"),
    "manual_note": Text("Правил, требующих ручной оценки: {n} (см. JSON-отчёт или `ccaudit rules list`).",
                        "Rules left to human judgement: {n} (see the JSON report or `ccaudit rules list`)."),
    "waived": Text("Исключения (waivers)", "Waivers"),
    "expired": Text("Истёкшие исключения не применены", "Expired waivers were not applied"),
    "disabled": Text("Отключённые правила (tailoring)", "Rules disabled by tailoring"),
    "via": Text("через", "via"),
    "agency_level": Text("уровень органа власти", "agency level"),
    "counts": Text("pass {pass} · fail {fail} · waived {waived} · n/a {not_applicable} · manual {manual} · no data {no_data} · error {error}",
                   "pass {pass} · fail {fail} · waived {waived} · n/a {not_applicable} · manual {manual} · no data {no_data} · error {error}"),
}

KIND_NAMES: dict[str, Text] = {
    "portal": Text("портал", "portal"),
    "mobile_app": Text("мобильное приложение", "mobile app"),
    "call_center": Text("колл-центр", "call centre"),
    "voice_assistant": Text("голосовой помощник", "voice assistant"),
    "written": Text("письменные обращения", "written"),
    "social": Text("соцсети", "social media"),
    "chatbot": Text("чат-бот", "chat-bot"),
    "in_person": Text("личный приём", "in-person office"),
    "one_window": Text("«одно окно» (МФЦ)", "one-window centre"),
    "long_stay": Text("длительное пребывание", "long-stay institution"),
    "official_reception": Text("приём должностными лицами", "reception by officials"),
    "hotline": Text("горячая линия", "hotline"),
    "corporate_portal": Text("корпоративный портал", "corporate portal"),
    "state_information_system": Text("государственная информационная система", "state information system"),
}

SEVERITY_NAMES: dict[str, Text] = {
    "error": Text("ошибка", "error"),
    "warning": Text("предупреждение", "warning"),
    "info": Text("инфо", "info"),
}


def t(key: str, lang: str, **args: object) -> str:
    """A catalogue string in `lang`, with {placeholders} filled."""
    return CATALOGUE[key].format(lang, args)


def kind_name(kind: str, lang: str) -> str:
    return KIND_NAMES[kind].get(lang) if kind in KIND_NAMES else kind


def stars_text(stars: int | None, lang: str) -> str:
    """"★★★☆☆ 3", "☆☆☆☆☆ 0 (below 1★)" or "n/a"."""
    if stars is None:
        return t("na", lang)
    bar = "★" * stars + "☆" * (5 - stars)
    return f"{bar} {stars}" + (f" ({t('below_one', lang)})" if stars == 0 else "")
