"""Checks for 4.6.3: call-centre scripts and robotic voice assistants."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ccaudit.checks.common import is_24x7, present
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Declaration, Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text

QUESTION_STEPS = ("clarify", "needs_clarify", "purpose")
_TIME = re.compile(r"\b([01]?[0-9]|2[0-4])[:.]([0-5][0-9])\b")
STEP_KINDS = ("greeting", "identify", "clarify", "confirm_understanding", "answer", "hold", "return", "callback_promise",
              "farewell_satisfied", "farewell_unsatisfied", "status_record", "abuse_handling", "purpose", "decline_polite",
              "needs_clarify", "consent", "explain_next", "satisfaction_check", "journey_position", "action_list")
"""Kinds of script steps (contact_point schema, $defs/script_step)."""
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def step_text(declaration: Declaration, step: dict[str, Any]) -> str:
    return declaration.text_of(step) or ""


def norm(text: str) -> str:
    """Lower case, «ё» as «е», one space between words."""
    return " ".join(text.lower().replace("ё", "е").split())


_WORD = re.compile(r"[^\W_]+(?:[-‐][^\W_]+|(?<=\d)[:.,/]\d+)*")
_PHONE_NUMBER = re.compile(r"\+?\d[\d ()\-–]{5,}\d")


def words(text: str) -> list[str]:
    """Words: runs of letters and digits; hyphenated compounds, times, dates and phone numbers count as one word."""
    return _WORD.findall(_PHONE_NUMBER.sub("0", text))


def stem(word: str) -> str:
    """A crude stem for matching inflected Russian words: the first five letters."""
    return word[:5]


def mentions(text: str, name: str) -> bool:
    """The text names `name`: verbatim (case-insensitive), or at least two thirds (and two) of its words of four
    letters or more appear in the text in any grammatical form (first five letters)."""
    if not name.strip():
        return False
    said, wanted = norm(text), norm(name)
    if re.search(r"(?<!\w)" + re.escape(wanted) + r"(?!\w)", said):
        return True
    significant = {stem(w) for w in words(wanted) if len(w) >= 4}
    if len(significant) < 2:
        return False
    found = {stem(w) for w in words(said)}
    return len(significant & found) * 3 >= len(significant) * 2


# --- 4.6.3.6, 4.6.3.7, 4.6.3.8, 4.6.3.9: script steps and what they say -------------------------------------------

GREETINGS = {
    "morning": re.compile(r"(?i)доброе утро|доброго утра"),
    "day": re.compile(r"(?i)добрый день|доброго дня"),
    "evening": re.compile(r"(?i)добрый вечер|доброго вечера"),
    "night": re.compile(r"(?i)здравствуй|доброй ночи"),
}
"""Time-of-day greetings of ccaudit's default bands (matrix §4.4): 05–12, 12–18, 18–23, 23–05."""
BANDS = {"morning": (300, 720), "day": (720, 1080), "evening": (1080, 1380), "night": (1380, 1740)}
_GREETING_SLOT = re.compile(r"(?i)\{[^}]*(времен\w* суток|приветств)[^}]*\}")
_OFFER_HELP = re.compile(r"(?i)чем (я )?(мог\w*|мож\w*) (вам |тебе )?помочь|чем (вам )?помочь|готов\w*( вам)? помочь"
                         r"|как (я )?(мог\w*|мож\w*) (вам )?помочь|чем (я )?(мог\w*|мож\w*) быть полезн")
_EMPLOYEE = re.compile(r"(?i)меня зовут|с вами говорит|\{[^}]*(оператор|сотрудник|специалист|имя консультанта)[^}]*\}")
_EMPLOYEE_NAMED = re.compile(r"(?:[Оо]ператор|[Сс]пециалист|[Кк]онсультант)\s+[А-ЯЁ][а-яё]+")
_NUMBER = r"(\d+|одн\w*|дв[ауеи]\w*|тр[иеё]\w*|четыр\w*|пят\w*|десят\w*|пятнадцат\w*|двадцат\w*|тридцат\w*|несколько|пар[уы]|пол)"
_DURATION = re.compile(r"(?i)(?<!\w)" + _NUMBER + r"\s*([-–—]\s*\d+\s*)?(минут\w*|секунд\w*|час\w*|мин\b|сек\b|рабоч\w+ д\w+|дн[еяи]\w*)")
_TERM = re.compile(r"(?i)\b([01]?\d|2[0-3])[:.][0-5]\d\b|сегодня|завтра|послезавтра|в течение|не позднее|до конца"
                   r"|\bдо \d|\b\d{1,2}\.\d{1,2}(\.\d{2,4})?\b|\d{1,2} (январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр)"
                   r"|\b(в|во|до) (понедельник|вторник|сред|четверг|пятниц|суббот|воскресен)\w*|\{[^}]*(дат|срок|врем|час)[^}]*\}")
_PHONE = re.compile(r"(?i)номер|телефон")
_THANKS_WAITING = re.compile(r"(?i)спасибо,? что (подождали|ждете|ждёте|дождались|ожидали)|(спасибо|благодар\w*) за (ожидание|терпение)")
_POLITE = re.compile(r"(?i)пожалуйста|будьте добры|подскажите|\?")
_PARAPHRASE = re.compile(r"(?i)\?|правильно ли я|верно ли я|если я (верно|правильно)|то есть|иными словами|другими словами"
                         r"|вы хотите|вам нужно|я понимаю|понимаю вас")
_POLITE_CLOSE = re.compile(r"(?i)спасибо|благодар|всего доброго|всего хорошего|до свидания|хорошего дня")
_PLACE = re.compile(r"(?i)мфц|госуслуг|портал|сайт|приложени|личн\w* кабинет|офис|управлени|отделени|по адресу|\bул\.|улиц"
                    r"|окн[оеау]\b|центр|на дом|дома\b|по почте|онлайн|по телефону|\{[^}]*(адрес|мест|офис)[^}]*\}")


def _time_of_day(ctx: CheckContext, item: Item, step: dict[str, Any], text: str) -> bool:
    """The greeting depends on the time of day: a slot such as {приветствие_по_времени_суток}, or a variant for every
    band the line's hours touch (at least two variants when no hours are declared)."""
    if _GREETING_SLOT.search(text):
        return True
    said = {band for band, pattern in GREETINGS.items() if pattern.search(text)}
    needed = hour_bands(item.get("hours"))
    if needed is None:
        return len(said - {"night"}) >= 2
    return needed <= said


def open_periods(hours: Any) -> list[tuple[dict[str, Any], int, int]] | None:
    """(period, opening minute, closing minute) of a weekly schedule, a closing past midnight moved to the next
    day; None when no weekly schedule is declared."""
    if not isinstance(hours, dict) or not hours.get("weekly"):
        return None
    out = []
    for period in hours["weekly"]:
        start, end = minutes(period.get("open")), minutes(period.get("close"))
        if start is None or end is None:
            continue
        out.append((period, start, end + 1440 if end <= start else end))
    return out


def hour_bands(hours: Any) -> set[str] | None:
    """The greeting bands the opening hours touch; None when no schedule is declared."""
    if is_24x7(hours):
        return set(BANDS)
    periods = open_periods(hours)
    if periods is None:
        return None
    touched: set[str] = set()
    for _, start, end in periods:
        for band, (low, high) in BANDS.items():
            for shift in (-1440, 0, 1440):
                if start < high + shift and low + shift < end:
                    touched.add(band)
    return touched


def minutes(value: Any) -> int | None:
    """"HH:MM" as minutes after midnight."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{1,2}:\d{2}", value):
        return None
    hours, mins = value.split(":")
    return int(hours) * 60 + int(mins)


def _names_agency(ctx: CheckContext, item: Item, step: dict[str, Any], text: str) -> bool:
    agency = ctx.declaration.agency
    names = [agency.get("name"), agency.get("short_name"), item.get("title"), *ctx.params.get("names", [])]
    for ref in item.get("serves") or []:
        served = ctx.declaration.find("contact_point", ref)
        if served is not None:
            names.append(served.get("title"))
    return any(isinstance(n, str) and mentions(text, n) for n in names)


Requirement = Callable[[CheckContext, Item, dict[str, Any], str], bool]
REQUIREMENTS: dict[str, tuple[Text, Requirement]] = {
    "names_agency": (Text("не названо ведомство (agency.name, short_name)", "the agency is not named (agency.name, short_name)"),
                     _names_agency),
    "names_employee": (Text("сотрудник не называет себя", "the employee does not give a name"),
                       lambda c, i, s, t: bool(_EMPLOYEE.search(t) or _EMPLOYEE_NAMED.search(t))),
    "time_of_day": (Text("приветствие не зависит от времени суток (нужны варианты для часов работы линии)",
                         "the greeting does not depend on the time of day (variants for the line's hours are needed)"),
                    _time_of_day),
    "offers_help": (Text("нет предложения помощи («Чем могу помочь?»)", "no offer of help ('How can I help?')"),
                    lambda c, i, s, t: bool(_OFFER_HELP.search(t))),
    "asks_question": (Text("нет вопроса клиенту («?»)", "no question to the client ('?')"), lambda c, i, s, t: "?" in t),
    "polite_request": (Text("нет вежливой просьбы или вопроса", "no polite request or question"),
                       lambda c, i, s, t: bool(_POLITE.search(t))),
    "states_duration": (Text("не названо время ожидания («не больше двух минут»)", "no waiting time is stated ('two minutes at most')"),
                        lambda c, i, s, t: bool(_DURATION.search(t))),
    "states_time": (Text("не назван срок («сегодня до 17:00», «в течение часа»)", "no time is stated ('today by 17:00', 'within an hour')"),
                    lambda c, i, s, t: bool(_TERM.search(t) or _DURATION.search(t))),
    "asks_phone": (Text("нет просьбы оставить номер телефона", "the client is not asked for a phone number"),
                   lambda c, i, s, t: bool(_PHONE.search(t))),
    "thanks_waiting": (Text("нет возврата на линию с благодарностью за ожидание", "no return to the line thanking for waiting"),
                       lambda c, i, s, t: bool(_THANKS_WAITING.search(t))),
    "faq_ref": (Text("ответ не опирается на типовой вопрос (faq_id)", "the answer rests on no typical question (faq_id)"),
                lambda c, i, s, t: present(s.get("faq_id"))),
    "paraphrase": (Text("нет переформулирования потребности («Правильно ли я понимаю, что…?»)",
                        "the need is not rephrased ('Do I understand correctly that…?')"),
                   lambda c, i, s, t: bool(_PARAPHRASE.search(t))),
    "polite_close": (Text("нет благодарности или прощания", "no thanks or farewell"), lambda c, i, s, t: bool(_POLITE_CLOSE.search(t))),
    "names_place": (Text("не названо место или способ («в МФЦ», «на Госуслугах»)", "no place or way is named ('at the MFC', 'on Gosuslugi')"),
                    lambda c, i, s, t: bool(_PLACE.search(t))),
}
"""What a step's text must show, by name (params.require); patterns are ccaudit's reading of matrix §4.4."""

_KINDS = {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(STEP_KINDS)}}


@check("call_center.scripts_both_directions")
def scripts_both_directions(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.3.6: scripts exist for incoming and for outgoing calls."""
    directions = {s.get("direction") for s in item.get("scripts") or []}
    missing = [d for d in ("inbound", "outbound") if d not in directions]
    if missing:
        yield Problem(item.at("scripts"), {"missing": missing})


@check("call_center.scripts_have_step", params={"properties": {
    "kinds": _KINDS,
    "direction": {"enum": ["inbound", "outbound"], "description": "Only scripts of this direction."},
    "call_type": {"enum": ["cold", "scenario", "general"], "description": "Only scripts of this kind of call."},
    "all_kinds": {"type": "boolean", "description": "Every listed kind is needed (default: one of them)."},
    "within_first": {"type": "integer", "minimum": 1, "description": "The step must be among the first N steps."},
    "require": {"type": "object", "propertyNames": {"enum": list(STEP_KINDS)},
                "additionalProperties": {"type": "array", "minItems": 1, "items": {"enum": list(REQUIREMENTS)}},
                "description": "By step kind: what the step's text must show."},
    "names": {"type": "array", "items": {"type": "string", "minLength": 1}, "description": "Further names of the agency."},
    "absent": {"enum": ["fail", "no_data", "not_applicable"], "description": "What no selected script means (default fail)."},
}, "required": ["kinds"]})
def scripts_have_step(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.3.7, 4.6.3.8, 4.6.3.9: every selected script has a step of the given kinds whose text shows what is required."""
    kinds: list[str] = list(ctx.params["kinds"])
    direction, call_type = ctx.params.get("direction"), ctx.params.get("call_type")
    scripts = [(i, s) for i, s in enumerate(item.get("scripts") or [])
               if (not direction or s.get("direction") == direction) and (not call_type or s.get("call_type") == call_type)]
    if not scripts:
        selected = " ".join(x for x in (direction, call_type) if x) or "—"
        absent = ctx.params.get("absent", "fail")
        if absent == "fail":
            yield Problem(item.at("scripts"), {"scripts": "—", "problem": Text(f"нет скриптов ({selected})", f"no scripts ({selected})")})
        else:
            outcome = Outcome.NO_DATA if absent == "no_data" else Outcome.NOT_APPLICABLE
            yield Problem(item.at("scripts"), {"reason": Text(f"скрипты ({selected}) не заявлены", f"no scripts ({selected}) are declared")},
                          outcome)
        return
    by_problem: dict[str, tuple[Text, str, list[str]]] = {}
    for i, script in scripts:
        for problem in _script_problems(ctx, item, script, kinds):
            entry = by_problem.setdefault(problem.ru, (problem, f"scripts/{i}", []))
            entry[2].append(str(script.get("id")))
    for problem, path, ids in by_problem.values():
        yield Problem(item.at(path), {"scripts": ids, "problem": problem})


def _script_problems(ctx: CheckContext, item: Item, script: dict[str, Any], kinds: list[str]) -> list[Text]:
    steps = list(script.get("steps") or [])
    first = ctx.params.get("within_first")
    require: dict[str, list[str]] = dict(ctx.params.get("require") or {})
    wanted = [kinds] if not ctx.params.get("all_kinds") else [[k] for k in kinds]
    problems = []
    for group in wanted:
        matched = [(j, st) for j, st in enumerate(steps) if st.get("kind") in group]
        label = " / ".join(group)
        if not matched:
            problems.append(Text(f"нет шага {label}", f"no {label} step"))
            continue
        if first and all(j >= first for j, _ in matched):
            problems.append(Text(f"шаг {label} не в начале разговора (среди первых {first})",
                                 f"the {label} step is not among the first {first} steps"))
            continue
        best: list[str] | None = None
        for _, st in matched:
            text = " ".join(step_text(ctx.declaration, st).split())
            failed = [name for name in require.get(str(st.get("kind")), []) if not REQUIREMENTS[name][1](ctx, item, st, text)]
            if best is None or len(failed) < len(best):
                best = failed
        if best:
            labels = [REQUIREMENTS[name][0] for name in best]
            problems.append(Text(f"в шаге {label}: " + "; ".join(t.ru for t in labels),
                                 f"in the {label} step: " + "; ".join(t.en for t in labels)))
    return problems


@check("call_center.clarifying_questions")
def clarifying_questions(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.3.5: every script finds out the need with leading questions: a clarifying step that asks a question."""
    scripts = item.get("scripts") or []
    if not scripts:
        yield Problem(item.at(), {"reason": Text("скрипты не заявлены", "no scripts are declared")}, Outcome.NO_DATA)
        return
    for i, script in enumerate(scripts):
        asks = any(st.get("kind") in QUESTION_STEPS and "?" in step_text(ctx.declaration, st) for st in script.get("steps") or [])
        if not asks:
            yield Problem(item.at(f"scripts/{i}"), {"script": script.get("id")})


@check("call_center.answers_from_faq")
def answers_from_faq(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.3.4: answers in scripts rest on prepared typical questions and answers (each answer step names its FAQ)."""
    missing = []
    first = None
    for i, script in enumerate(item.get("scripts") or []):
        for j, step in enumerate(script.get("steps") or []):
            if step.get("kind") == "answer" and not step.get("faq_id"):
                missing.append(f"{script.get('id')}#{j + 1}")
                first = first or f"scripts/{i}/steps/{j}"
    if missing:
        yield Problem(item.at(first or "scripts"), {"steps": missing})


# --- 4.6.3.3-a: even speech in short, clear phrases -------------------------------------------------------------

DISMISSIVE = ("это не ко мне", "я не знаю", "ничем не могу помочь", "ничем помочь не могу", "это не наш вопрос",
              "вы не туда звоните", "вы не туда позвонили", "смотрите на сайте", "такие правила", "не моя компетенция",
              "перезвоните позже", "звоните позже", "ничего не могу сделать")
"""Dismissive phrases (matrix §4.4, TP-15); ccaudit's list, replaceable by tailoring.params."""
_QUOTED = re.compile(r"(?:^|[:—–])[ \t]*(?:[*•-][ \t]+)?«(.+?)»", re.MULTILINE | re.DOTALL)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n\s*\n")


def spoken(text: str) -> str:
    """What the employee says: the «quoted» lines of a step that mixes instructions and speech, else the whole text."""
    quoted = _QUOTED.findall(text)
    return "\n\n".join(quoted) if quoted else text


def sentences(text: str) -> list[str]:
    """Sentences split after . ! ? … and at blank lines; pieces without a letter are dropped."""
    return [s.strip() for s in _SENTENCE_END.split(text) if any(c.isalpha() for c in s)]


@check("call_center.short_neutral_phrases", params={"properties": {
    "max_words": {"type": "integer", "minimum": 1, "description": "Words per spoken sentence (ccaudit's default 20)."},
    "phrases": {"type": "array", "items": {"type": "string", "minLength": 1}, "description": "Dismissive phrases."}}})
def short_neutral_phrases(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.3.3: script phrases are short and clear (words per spoken sentence) and not dismissive (a phrase lexicon)."""
    scripts = item.get("scripts") or []
    if not scripts:
        yield Problem(item.at(), {"reason": Text("скрипты не заявлены", "no scripts are declared")}, Outcome.NO_DATA)
        return
    limit = ctx.params.get("max_words", 20)
    phrases = [norm(p) for p in ctx.params.get("phrases", DISMISSIVE)]
    for i, script in enumerate(scripts):
        for j, step in enumerate(script.get("steps") or []):
            if step.get("kind") == "status_record":
                continue  # an instruction to the operator, not speech
            said = spoken(step_text(ctx.declaration, step))
            where = item.at(f"scripts/{i}/steps/{j}")
            label = f"{script.get('id')}#{j + 1} ({step.get('kind')})"
            long = [s for s in sentences(said) if len(words(s)) > limit]
            if long:
                n = len(words(long[0]))
                yield Problem(where, {"step": label, "problem": Text(
                    f"фраза из {n} слов (допустимо {limit}): «{_clip(long[0])}»", f"a phrase of {n} words ({limit} allowed): «{_clip(long[0])}»")})
            flat = norm(said)
            rude = [p for p in phrases if re.search(r"(?<!\w)" + re.escape(p) + r"(?!\w)", flat)]
            if rude:
                yield Problem(where, {"step": label, "problem": Text(
                    "пренебрежительная фраза: " + ", ".join(f"«{p}»" for p in rude),
                    "dismissive wording: " + ", ".join(f"«{p}»" for p in rude))})


def _clip(text: str, size: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[:size].rstrip() + "…"


# --- 4.6.3.8-h: short names of services -------------------------------------------------------------------------

def _title_words(title: str) -> list[str]:
    """Words of a service title without its parenthetical parts («(усыновлением)»)."""
    return [stem(w) for w in words(norm(re.sub(r"\([^)]*\)", " ", title)))]


def _contains_run(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[k:k + n] == needle for k in range(len(haystack) - n + 1))


@check("call_center.short_service_names", params={"properties": {
    "max_words": {"type": "integer", "minimum": 1, "description": "A title longer than this needs a short name (default 6)."},
    "window": {"type": "integer", "minimum": 2, "description": "Consecutive title words that count as the title (default 5)."}}})
def short_service_names(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.3.8: services are named to clients by short, understandable names: scripts do not use the full official title
    of a service that has a short_name, nor a long title (above max_words) of a service without one."""
    scripts = item.get("scripts") or []
    if not scripts:
        yield Problem(item.at(), {"reason": Text("скрипты не заявлены", "no scripts are declared")}, Outcome.NO_DATA)
        return
    limit, window = ctx.params.get("max_words", 6), ctx.params.get("window", 5)
    services = [s for s in ctx.declaration.of("service") if isinstance(s.get("title"), str)]
    for i, script in enumerate(scripts):
        for j, step in enumerate(script.get("steps") or []):
            said = [stem(w) for w in words(norm(step_text(ctx.declaration, step)))]
            for service in services:
                title = _title_words(service.get("title"))
                short = service.get("short_name")
                if short and norm(short) == norm(service.get("title")):
                    continue
                if short and _contains_run(said, title):
                    hint = Text(f"используйте «{short}»", f"use «{short}»")
                elif len(title) > limit and any(_contains_run(said, title[k:k + window]) for k in range(len(title) - window + 1)):
                    hint = Text(f"используйте {'«' + short + '»' if short else 'краткое название (services[].short_name)'}",
                                f"use {'«' + short + '»' if short else 'a short name (services[].short_name)'}")
                else:
                    continue
                yield Problem(item.at(f"scripts/{i}/steps/{j}"), {"step": f"{script.get('id')}#{j + 1}", "service": service.ref.id,
                                                                  "title": service.get("title"), "hint": hint})


# --- 4.6.3.10, 4.6.3.11: robotic voice assistants --------------------------------------------------------------

def _times(hours: Any) -> list[str]:
    if not isinstance(hours, dict):
        return []
    found = []
    for period in hours.get("weekly") or []:
        for key in ("open", "close"):
            value = period.get(key)
            if isinstance(value, str) and value not in found:
                found.append(value)
    return found


def open_minutes(hours: Any) -> set[int] | None:
    """Minutes of the week (Monday 00:00 = 0) when the schedule is open; None when no schedule is declared."""
    if is_24x7(hours):
        return set(range(7 * 1440))
    periods = open_periods(hours)
    if periods is None:
        return None
    found: set[int] = set()
    for period, start, end in periods:
        pauses = [(minutes(a), minutes(b)) for a, _, b in (str(x).partition("-") for x in period.get("breaks") or [])]
        for day in period.get("days") or []:
            base = DAYS.index(day) * 1440
            for m in range(start, end):
                if not any(a is not None and b is not None and a <= m < b for a, b in pauses):
                    found.add((base + m) % (7 * 1440))
    return found


def spans(points: set[int]) -> list[str]:
    """Minutes of the week as readable spans: "sat 17:00–24:00"."""
    out, ordered = [], sorted(points)
    k = 0
    while k < len(ordered):
        start = end = ordered[k]
        while k + 1 < len(ordered) and ordered[k + 1] == end + 1 and (end + 1) % 1440:
            k += 1
            end = ordered[k]
        day, a, b = start // 1440, start % 1440, end % 1440 + 1
        out.append(f"{DAYS[day]} {a // 60:02d}:{a % 60:02d}–{b // 60:02d}:{b % 60:02d}")
        k += 1
    return out


@check("voice_assistant.speech_in_closed_hours")
def speech_in_closed_hours(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.3.10: the voice assistant recognises speech and works in the hours when the call centre it covers is closed."""
    if item.get("speech_recognition") is not True:
        yield Problem(item.at("speech_recognition"), {"problem": Text("распознавание речи не заявлено (speech_recognition)",
                                                                      "speech recognition is not declared (speech_recognition)")})
    lines = [ctx.declaration.find("contact_point", ref) for ref in item.get("serves") or []]
    lines += [p for p in ctx.declaration.contact_points("call_center") if p.get("offhours_channel_id") == item.ref.id]
    covered = None
    seen = set()
    for line in lines:
        if line is None or line.contact_kind != "call_center" or line.ref.id in seen:
            continue
        seen.add(line.ref.id)
        line_open = open_minutes(line.get("hours"))
        if line_open is None:
            continue
        closed = set(range(7 * 1440)) - line_open
        if not closed:
            continue
        if covered is None:
            covered = open_minutes(item.get("hours"))
        if covered is None:
            yield Problem(item.at("hours"), {"problem": Text(f"часы работы помощника не заявлены, а линия {line.ref.id} работает не круглосуточно",
                                                             f"the assistant declares no hours while line {line.ref.id} is not 24/7")})
            return
        gaps = spans(closed - covered)
        if gaps:
            shown = ", ".join(gaps[:4]) + (" …" if len(gaps) > 4 else "")
            yield Problem(item.at("hours"), {"problem": Text(f"помощник не работает, когда линия {line.ref.id} закрыта: {shown}",
                                                             f"the assistant is off while line {line.ref.id} is closed: {shown}")})


@check("voice_assistant.prompt_states_hours")
def prompt_states_hours(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.3.11: a prompt tells the working hours of the staff, matching the hours of the line it serves."""
    prompts = [p for p in item.get("prompts") or [] if p.get("kind") == "staff_hours"]
    if not prompts:
        yield Problem(item.at("prompts"), {"missing": "staff_hours"})
        return
    text = " ".join(ctx.declaration.text_of(p) or "" for p in prompts)
    said = {f"{int(h):02d}:{m}" for h, m in _TIME.findall(text)}
    lines = [ctx.declaration.find("contact_point", ref) for ref in item.get("serves") or []]
    expected = [t for line in lines if line is not None and line.contact_kind == "call_center" for t in _times(line.get("hours"))]
    if not said:
        yield Problem(item.at("prompts"), {"missing": "HH:MM"})
        return
    missing = [t for t in expected if t not in said and not (t == "24:00" and "00:00" in said)]
    if missing:
        yield Problem(item.at("prompts"), {"missing": missing})
