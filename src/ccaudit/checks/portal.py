"""Checks for 4.6.1 (portals) and 4.6.2 (mobile apps)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ccaudit.checks.common import is_24x7
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import OFFLINE_KINDS, Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text

ASSISTANT_KINDS = ("chatbot", "voice_assistant")
_CODE_WORDS = re.compile(r"(?i)\b(ошибка|error|код|code|err|exception|исключение|статус|status)\b")
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]{3,}")


def only_code(text: str, code: str | None) -> bool:
    """True when a message says nothing beyond a system code (4.6.1.8: «Недопустимо указание только системных кодов»)."""
    rest = text.replace(code, " ") if code else text
    rest = _CODE_WORDS.sub(" ", rest)
    rest = re.sub(r"\b(?=\w*\d)\w+\b", " ", rest)  # tokens containing digits are codes: 0x80070005, E-1024
    return len(_WORD.findall(rest)) < 2


@check("portal.assistant_declared")
def assistant_declared(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.4: the portal offers a personal virtual assistant, declared as a chatbot or voice_assistant point."""
    ref = item.get("virtual_assistant_id")
    target = ctx.declaration.find("contact_point", ref) if ref else None
    if target is None or target.contact_kind not in ASSISTANT_KINDS:
        yield Problem(item.at("virtual_assistant_id"),
                      {"assistant": ref or "—", "kind": target.contact_kind if target else "—"})


@check("portal.assistant_around_the_clock")
def assistant_around_the_clock(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.4: the portal's virtual assistant works around the clock without breaks."""
    ref = item.get("virtual_assistant_id")
    target = ctx.declaration.find("contact_point", ref) if ref else None
    if target is None:
        yield Problem(item.at("virtual_assistant_id"), {"assistant": "—"})
    elif not is_24x7(target.get("hours")):
        yield Problem(target.at("hours"), {"assistant": target.ref.id})


@check("portal.error_messages_described")
def error_messages_described(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.8: every error message describes the error and how to fix it, not only a system code."""
    messages = item.get("error_messages") or []
    if not messages:
        yield Problem(item.at(), {"reason": Text("сообщения об ошибках не заявлены", "no error messages are declared")}, Outcome.NO_DATA)
        return
    for i, message in enumerate(messages):
        text = str(message.get("text", ""))
        if only_code(text, message.get("code")):
            yield Problem(item.at(f"error_messages/{i}/text"), {"text": text})


@check("mobile_app.platforms_supported", params={"properties": {"platforms": {"type": "array", "minItems": 1,
                                                                             "items": {"type": "string"}}}})
def platforms_supported(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.2.2: the app runs on the main types of platforms (default: Android and iOS)."""
    required = ctx.params.get("platforms", ["android", "ios"])
    declared = {p.get("name") for p in item.get("platforms") or []}
    missing = [p for p in required if p not in declared]
    if missing:
        yield Problem(item.at("platforms"), {"missing": missing})


@check("mobile_app.platforms_current")
def platforms_current(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.2.2: the app supports the latest OS release and was released within the freshness window."""
    platforms = item.get("platforms") or []
    if not platforms:
        yield Problem(item.at("platforms"), {"platforms": Text("платформы не заданы", "no platforms declared")})
        return
    lagging = [p.get("name") for p in platforms
               if p.get("latest_os_supported") is not True or not ctx.is_fresh(p.get("last_release_on"))]
    if lagging:
        yield Problem(item.at("platforms"), {"platforms": lagging, "days": ctx.config.freshness_days})


@check("mobile_app.store_listings", params={"properties": {"flag": {"enum": ["public", "free"]}}, "required": ["flag"]})
def store_listings(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.2.3: the app is listed in at least one store, and every listing is public (or free)."""
    flag = ctx.params["flag"]
    listings = item.get("store_listings") or []
    failing = [str(s.get("store")) for s in listings if s.get(flag) is not True]
    if not listings or failing:
        yield Problem(item.at("store_listings"), {"stores": failing or Text("нет ни одного магазина", "no store listing")})


# --- shared helpers ---------------------------------------------------------------------------------------------

RESEARCH_GROUPS = ("temporarily_incapacitated", "visual", "hearing", "musculoskeletal", "speech", "neurological")
"""Participant groups 4.6.1.1 names: temporarily incapacitated clients and the five groups of disabled clients."""
_PHONE = frozenset({"call_center", "voice_assistant"})
"""Kinds that are one phone line to a client (a voice assistant answers on a call-centre line, B18)."""
_GROUPS = {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"type": "string", "minLength": 1}}
_DAYS = {"type": "integer", "minimum": 1}


def point_services(ctx: CheckContext, item: Item) -> list[str]:
    """Services presented at a point: its service_ids and the services that list it in contact_points."""
    ids = [str(s) for s in item.get("service_ids") or []]
    for service in ctx.declaration.of("service"):
        if item.ref.id in (service.get("contact_points") or []) and service.ref.id not in ids:
            ids.append(service.ref.id)
    return ids


def point_profiles(ctx: CheckContext, item: Item) -> list[Item]:
    """Segment profiles a point serves: its segment_profile_ids, else those of its life situations, else all."""
    profiles = ctx.declaration.of("segment_profile")
    named = item.get("segment_profile_ids") or []
    if named:
        return [p for p in profiles if p.ref.id in named]
    situations = set(item.get("life_situation_ids") or [])
    if situations:
        return [p for p in profiles if situations & set(p.get("life_situation_ids") or [])]
    return list(profiles)


def point_faq(ctx: CheckContext, item: Item) -> list[Item]:
    """FAQ entries of a point: general ones and those of its life situations (every entry when it names none)."""
    situations = set(item.get("life_situation_ids") or [])
    return [f for f in ctx.declaration.of("faq")
            if not situations or not f.get("life_situation_id") or f.get("life_situation_id") in situations]


def _not_for_apps(item: Item, what: Text) -> Problem | None:
    if item.contact_kind == "mobile_app":
        return Problem(item.at(), {"reason": what}, Outcome.NOT_APPLICABLE)
    return None


# --- 4.6.1.1, 4.6.1.2: research and design basis ----------------------------------------------------------------

@check("portal.research_covers_groups", params={"properties": {"groups": _GROUPS}})
def research_covers_groups(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.1: the point's studies concern it and together include temporarily incapacitated and disabled clients."""
    wanted = list(ctx.params.get("groups", RESEARCH_GROUPS))
    refs = [str(r) for r in item.get("research_refs") or []]
    by_id = {s.get("id"): s for s in ctx.declaration.of("research")[0].get("studies") or []}
    unrelated = [r for r in refs if item.ref.id not in (by_id.get(r, {}).get("contact_point_ids") or [])]
    groups = {g for r in refs if r not in unrelated for g in by_id[r].get("participant_groups") or []}
    missing = [g for g in wanted if g not in groups]
    if missing or unrelated:
        yield Problem(item.at("research_refs"), {"missing": missing or "—", "unrelated": unrelated or "—",
                                                 "studies": refs or "—"})


@check("portal.design_basis", params={"properties": {"part": {"enum": ["guides", "acts"]},
                                                     "acts": {"type": "array", "minItems": 1, "items": {"type": "string"}}},
                                      "required": ["part"]})
def design_basis(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.2: the portal follows the client-centric design guides, or, until they exist, the acts of footnote 3."""
    guides = item.get("design_basis/guides_ref")
    acts = list(ctx.params.get("acts", ["pp_236_2016", "minkomsvyaz_405_2015"]))
    missing = [a for a in acts if a not in (item.get("design_basis/legal_acts") or [])]
    if ctx.params["part"] == "guides":
        if guides:
            return
        if not missing:
            yield Problem(item.at("design_basis"), {"reason": Text(
                "руководства не заявлены; до их утверждения действует п. 4.6.1.2-b, и он выполнен",
                "no guides declared; until they are approved 4.6.1.2-b applies, and it is met")}, Outcome.NOT_APPLICABLE)
            return
        yield Problem(item.at("design_basis"), {"missing": missing})
    elif guides:
        yield Problem(item.at("design_basis/guides_ref"), {"reason": Text(
            "портал разработан по утверждённым руководствам (4.6.1.2-a)",
            "the portal follows approved guides (4.6.1.2-a)")}, Outcome.NOT_APPLICABLE)
    elif missing:
        yield Problem(item.at("design_basis"), {"missing": missing})


@check("portal.targeted_display")
def targeted_display(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.5: services are displayed with priority by the client's segment profile and life situations."""
    missing: list[object] = []
    if item.get("personalisation/targeted_display") is not True:
        missing.append("targeted_display")
    by = item.get("personalisation/by") or []
    missing += [b for b in ("segment_profile", "life_situation") if b not in by]
    if missing:
        yield Problem(item.at("personalisation"), {"missing": missing})


# --- 4.6.1.8: error messages ------------------------------------------------------------------------------------

_IMPERATIVE = re.compile(r"(?i)(?<![\w-])[а-яё]{2,}(?:ите|йте|ьте)(?:сь)?(?![\w-])")
_NOT_IMPERATIVE = frozenset({"сайте", "защите", "лимите", "визите", "кредите", "транзите", "депозите", "аппетите",
                             "элите", "орбите", "граните", "свите", "вебсайте"})
"""Nouns in the prepositional case that end like an imperative («на сайте», «о лимите»)."""
_MODAL = re.compile(r"(?i)(?<![\w-])(нужно|надо|необходимо|следует|можно|можете|должен|должна|должно|должны)(?![\w-])")


def says_how_to_fix(text: str) -> bool:
    """True when a message instructs: an imperative («введите», «попробуйте») or «нужно», «можно», «должен» (TX-01)."""
    if _MODAL.search(text):
        return True
    return any(m.group(0).lower() not in _NOT_IMPERATIVE for m in _IMPERATIVE.finditer(text))


@check("portal.error_messages_say_how_to_fix")
def error_messages_say_how_to_fix(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.8: every error message tells unambiguously how to correct the error (an instruction to the client)."""
    messages = item.get("error_messages") or []
    if not messages:
        yield Problem(item.at(), {"reason": Text("сообщения об ошибках не заявлены", "no error messages are declared")}, Outcome.NO_DATA)
        return
    for i, message in enumerate(messages):
        text = str(message.get("text", ""))
        if not says_how_to_fix(text):
            yield Problem(item.at(f"error_messages/{i}/text"), {"code": message.get("code") or "—", "text": text})


# --- 4.6.1.9: feedback and surveys ------------------------------------------------------------------------------

@check("portal.feedback_on_services_and_point")
def feedback_on_services_and_point(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.9: clients can rate both the services presented at the point and the point as a whole."""
    tools = ctx.declaration.of("feedback")[0].get("tools") or []
    missing: list[object] = []
    if not any(t.get("contact_point_id") == item.ref.id and t.get("scope") == "contact_point" for t in tools):
        missing.append(Text("работу точки в целом (инструмент со scope: contact_point и contact_point_id этой точки)",
                            "the point as a whole (a tool with scope: contact_point and this contact_point_id)"))
    service_tools = [t for t in tools if t.get("scope") == "service" and t.get("contact_point_id") in (None, item.ref.id)]
    if not service_tools:
        missing.append(Text("услуги (нет инструмента со scope: service для этой точки)",
                            "services (no tool with scope: service for this point)"))
    elif not any(not t.get("target_ids") for t in service_tools):
        rated = {s for t in service_tools for s in t.get("target_ids") or []}
        unrated = [s for s in point_services(ctx, item) if s not in rated]
        if unrated:
            missing.append(Text(f"услуги {', '.join(unrated)}", f"services {', '.join(unrated)}"))
    if missing:
        yield Problem(item.at(), {"missing": missing})


@check("portal.current_surveys")
def current_surveys(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.9: current surveys run at the point: at least one survey is active during the audited period."""
    start, end = ctx.config.period.start.isoformat(), ctx.as_of.isoformat()
    surveys = item.get("surveys") or []
    active = [s for s in surveys if isinstance(s.get("active_from"), str) and s["active_from"] <= end
              and (s.get("active_to") is None or s["active_to"] >= start)]
    if not active:
        yield Problem(item.at("surveys"), {"period": str(ctx.config.period),
                                           "surveys": [s.get("topic") for s in surveys] or "—"})


# --- 4.6.1.10: technical support --------------------------------------------------------------------------------

@check("portal.support_around_the_clock")
def support_around_the_clock(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.10: support answers highest-priority errors around the clock, and the priorities are defined."""
    missing = []
    if not is_24x7(item.get("tech_support/high_priority_hours")):
        missing.append("high_priority_hours: 24x7")
    if not item.get("tech_support/priority_definitions_ref"):
        missing.append("priority_definitions_ref")
    if missing:
        yield Problem(item.at("tech_support"), {"missing": missing})


@check("portal.support_working_hours")
def support_working_hours(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.10: lower-priority issues are resolved in declared working hours (a schedule with opening periods)."""
    hours = item.get("tech_support/low_priority_hours")
    if hours != "24x7" and not (isinstance(hours, dict) and hours.get("weekly")):
        yield Problem(item.at("tech_support"), {"missing": "low_priority_hours"})


@check("portal.support_contacts_on_pages")
def support_contacts_on_pages(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.10: support contacts are declared and shown on every page (every screen of an app)."""
    missing = []
    if not item.get("tech_support/contacts"):
        missing.append("tech_support.contacts")
    if item.get("page_facts/support_contacts_every_page") is not True:
        missing.append("page_facts.support_contacts_every_page")
    if missing:
        yield Problem(item.at("tech_support" if not item.get("tech_support/contacts") else "page_facts"), {"missing": missing})


@check("portal.support_channels_preferred")
def support_channels_preferred(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.10: support can be reached through every remote channel the point's segment profiles prefer."""
    channels = set(item.get("tech_support/channels") or [])
    if not channels:
        yield Problem(item.at("tech_support"), {"missing": Text("каналы СТП не заданы", "no support channels declared")})
        return
    preferred = [k for p in point_profiles(ctx, item) for k in p.get("preferred_channels") or []
                 if k not in OFFLINE_KINDS]
    if not preferred:
        yield Problem(item.at(), {"reason": Text("профили сегментов точки не называют предпочитаемых каналов",
                                                 "the point's segment profiles name no preferred channels")}, Outcome.NO_DATA)
        return
    reach = channels | (_PHONE if channels & _PHONE else set())
    missing = list(dict.fromkeys(k for k in preferred if k not in reach))
    if missing:
        yield Problem(item.at("tech_support/channels"), {"missing": missing})


# --- studies behind the search, navigation and palette (4.6.1.11, 4.6.1.14, 4.6.1.15) ---------------------------

@check("portal.study_for_point", params={"properties": {"field": {"type": "string", "minLength": 1},
                                                        "flag": {"type": "string", "minLength": 1}},
                                         "required": ["field"]})
def study_for_point(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.14, 4.6.1.15 (4.6.1.11): the model rests on a declared study of client needs that concerns this point."""
    field, flag = ctx.params["field"], ctx.params.get("flag")
    if flag and item.get(flag) is not True:
        yield Problem(item.at(flag), {"field": flag, "study": "—", "problem": Text("не заявлено (false)", "not declared (false)")})
        return
    ref = item.get(field)
    if not ref:
        yield Problem(item.at(field), {"field": field, "study": "—", "problem": Text("не указано исследование", "no study named")})
        return
    study = next((s for s in ctx.declaration.of("research")[0].get("studies") or [] if s.get("id") == ref), None)
    if study is None or item.ref.id not in (study.get("contact_point_ids") or []):
        yield Problem(item.at(field), {"field": field, "study": ref, "problem": Text(
            "исследование не относится к этой точке (её нет в contact_point_ids)",
            "the study does not concern this point (not in its contact_point_ids)")})


# --- 4.6.1.11, 4.6.1.16: terminology and length of texts ------------------------------------------------------

TECH_TERMS = ("кэш", "кеш", "cookie", "куки", "токен", "сесси", "плагин", "расширение браузера",
              "браузерное расширение", "ssl", "https-соединени", "api", "javascript", "java script", "http", "сервер",
              "прокси", "dns", "ip-адрес", "таймаут", "тайм-аут", "timeout", "валидаци", "бэкенд", "фронтенд", "json",
              "xml", "хэш", "хеш", "дамп", "лог-файл", "кодировк", "смэв", "правоустанавливающ", "межведомственного электронного")
"""ccaudit's default lexicon of technical concepts and professional terms (TX-03, TW-13); tailoring.params can replace it."""
_SOURCES = ("error_messages", "training_content", "push_templates", "answer_templates")


def point_texts(ctx: CheckContext, item: Item, sources: list[str]) -> list[tuple[str, str]]:
    """(path, text) of the texts a point shows its clients, from the listed sources."""
    found: list[tuple[str, str]] = []
    for source in sources:
        path = "push/templates" if source == "push_templates" else source
        for i, entry in enumerate(item.get(path) or []):
            if source == "training_content" and entry.get("format") != "text":
                continue
            text = ctx.declaration.text_of(entry)
            if text:
                found.append((f"{path}/{i}", text))
    return found


def find_terms(text: str, terms: list[str]) -> list[str]:
    """Words of a text that start with a lexicon entry (case-insensitive), as written, each once."""
    found: dict[str, None] = {}
    for term in terms:
        for match in re.finditer(r"(?i)(?<![\w-])" + re.escape(term) + r"[\w-]*", text):
            found.setdefault(match.group(0), None)
    return list(found)


@check("portal.no_special_terms", params={"properties": {
    "sources": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(_SOURCES)}},
    "terms": _GROUPS}})
def no_special_terms(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.11, 4.6.1.16: texts shown to clients contain no technical concepts or special professional terms."""
    texts = point_texts(ctx, item, list(ctx.params.get("sources", _SOURCES)))
    if not texts:
        yield Problem(item.at(), {"reason": Text("тексты не заявлены", "no texts are declared")}, Outcome.NO_DATA)
        return
    terms = list(ctx.params.get("terms", TECH_TERMS))
    for path, text in texts:
        found = find_terms(text, terms)
        if found:
            yield Problem(item.at(path), {"terms": found, "where": path})


_WORDS = re.compile(r"[\w-]+")


@check("portal.training_length", params={"properties": {"max_words": {"type": "integer", "minimum": 1}}})
def training_length(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.16: text training instructions are not very long: at most max_words words each (B32)."""
    limit = int(ctx.params.get("max_words", 600))
    texts = point_texts(ctx, item, ["training_content"])
    if not texts:
        yield Problem(item.at(), {"reason": Text("текстовые инструкции не заявлены", "no text instructions are declared")}, Outcome.NO_DATA)
        return
    for path, text in texts:
        words = len(_WORDS.findall(text))
        if words > limit:
            yield Problem(item.at(path), {"where": path, "words": words, "max": limit})


# --- 4.6.1.13: layout, browsers, printing ----------------------------------------------------------------------

@check("portal.adaptive_layout")
def adaptive_layout(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.13: adaptive layout works at every screen size from 320x240 up (min_viewport no larger, B19)."""
    problems: list[object] = []
    if item.get("page_facts/adaptive_layout") is not True:
        problems.append("page_facts.adaptive_layout")
    viewport = item.get("layout/min_viewport")
    if not isinstance(viewport, str):
        problems.append("layout.min_viewport")
    else:
        small, large = sorted(int(x) for x in viewport.split("x"))
        if small > 240 or large > 320:
            problems.append(Text(f"layout.min_viewport {viewport} больше 320x240", f"layout.min_viewport {viewport} exceeds 320x240"))
    if problems:
        yield Problem(item.at("layout" if item.get("layout") else "page_facts"), {"problems": problems})


BROWSERS = {
    "yandex": ("яндексбраузер", "яндекс", "yandex", "yandexbrowser", "yabrowser"),
    "internet_explorer": ("internetexplorer", "ie", "ie11", "msie"),
    "chrome": ("googlechrome", "chrome"),
    "firefox": ("mozillafirefox", "firefox"),
    "safari": ("safari", "applesafari"),
    "opera": ("opera",),
}
"""The key browsers of 4.6.1.13 and the names a test record may give them."""
BROWSER_NAMES = {"yandex": "Яндекс.Браузер", "internet_explorer": "Internet Explorer", "chrome": "Google Chrome",
                 "firefox": "Mozilla Firefox", "safari": "Safari", "opera": "Opera"}


def browser_key(name: str) -> str | None:
    """The key of a browser name («Яндекс.Браузер» → yandex), or None."""
    flat = re.sub(r"[^0-9a-zа-яё]", "", name.lower())
    return next((key for key, names in BROWSERS.items() if flat in names), None)


@check("portal.browsers_tested", params={"properties": {
    "browsers": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(BROWSERS)}},
    "retired": {"type": "array", "uniqueItems": True, "items": {"enum": list(BROWSERS)}}}})
def browsers_tested(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.13: the portal passed a current test in each key browser (a retired one may be n/a with a reason, B19)."""
    skip = _not_for_apps(item, Text("у мобильного приложения нет браузеров (B1)", "a mobile app runs in no browser (B1)"))
    if skip:
        yield skip
        return
    wanted = list(ctx.params.get("browsers", list(BROWSERS)))
    retired = set(ctx.params.get("retired", ["internet_explorer"]))
    ok: set[str] = set()
    for test in item.get("layout/browsers_tested") or []:
        key = browser_key(str(test.get("name", "")))
        if key is None:
            continue
        if key in retired and test.get("not_applicable_reason"):
            ok.add(key)
        elif test.get("passed") is True and ctx.is_fresh(test.get("tested_on")):
            ok.add(key)
    missing = [b for b in wanted if b not in ok]
    if missing:
        yield Problem(item.at("layout/browsers_tested"), {"browsers": [BROWSER_NAMES[b] for b in missing],
                                                          "days": ctx.config.freshness_days})


@check("portal.print_styles")
def print_styles(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.13: pages keep a correct display when printed (a print stylesheet); not applicable to apps (B1)."""
    skip = _not_for_apps(item, Text("страницы приложения не печатаются (B1)", "an app's screens are not printed (B1)"))
    if skip:
        yield skip
    elif item.get("layout/print_styles") is not True:
        yield Problem(item.at("layout/print_styles"), {"missing": "layout.print_styles"})


# --- 4.6.1.14, 4.6.1.15: search and navigation -----------------------------------------------------------------

@check("portal.search_morphology")
def search_morphology(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.14: search handles the morphology of every language the client can choose (Russian by default)."""
    languages = item.get("page_facts/interface_languages") or ["ru"]
    handled = item.get("search/morphology_langs") or []
    missing = [lang for lang in languages if lang not in handled]
    if missing:
        yield Problem(item.at("search/morphology_langs"), {"missing": missing})


@check("portal.quick_access_buttons")
def quick_access_buttons(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.15: quick-access buttons to the home page, log-in/log-out and the personal account (if there is one)."""
    wanted = ["home_button", "login_logout_button"]
    if item.get("page_facts/personal_account") is not False:
        wanted.append("account_button")
    present_ = item.get("page_facts/navigation_elements") or []
    missing = [w for w in wanted if w not in present_]
    if missing:
        yield Problem(item.at("page_facts/navigation_elements"), {"missing": missing})


# --- 4.6.1.16: training content and FAQ -------------------------------------------------------------------------

@check("portal.training_published")
def training_published(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.16: training content is published (text, video, infographic or interactive), each item with its place."""
    content = item.get("training_content") or []
    if not content:
        yield Problem(item.at("training_content"), {"missing": Text("обучающий контент не заявлен", "no training content declared")})
        return
    unplaced = [f"training_content/{i}" for i, c in enumerate(content)
                if not (c.get("ref") or c.get("text") or c.get("file"))]
    if unplaced:
        yield Problem(item.at(unplaced[0]), {"missing": Text(f"не указано, где размещено: {', '.join(unplaced)}",
                                                             f"no place given: {', '.join(unplaced)}")})


_ALTERNATIVES = {
    "video": ("subtitles", "sign_language", "transcript"),
    "infographic": ("transcript", "audio_description"),
    "interactive": ("subtitles", "sign_language", "transcript", "audio_description"),
}
"""Accessibility a non-text training item needs at least one of (4.6.1.16: health limitations)."""


@check("portal.training_accessible")
def training_accessible(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.16: every video, infographic and interactive training item has an alternative for clients with disabilities."""
    content = item.get("training_content") or []
    if not content:
        yield Problem(item.at("training_content"), {"items": Text("обучающий контент не заявлен", "no training content declared")})
        return
    lacking = [f"training_content/{i} ({c.get('format')})" for i, c in enumerate(content)
               if c.get("format") in _ALTERNATIVES
               and not set(c.get("accessibility") or []) & set(_ALTERNATIVES[str(c.get("format"))])]
    if lacking:
        yield Problem(item.at("training_content"), {"items": lacking})


@check("portal.new_services_have_videos", params={"properties": {"days": _DAYS}})
def new_services_have_videos(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.16: every service of the point launched within `days` (default: the freshness window) has a training video."""
    days = ctx.params.get("days", ctx.config.freshness_days)
    services = [ctx.declaration.find("service", s) for s in point_services(ctx, item)]
    new = [s for s in services if s is not None and ctx.is_fresh(s.get("launched_on"), days)]
    if not new:
        yield Problem(item.at(), {"reason": Text(f"нет услуг точки, введённых за {days} дн.",
                                                 f"no service of the point launched within {days} days")}, Outcome.NOT_APPLICABLE)
        return
    missing = [s.ref.id for s in new if not s.get("training_video_ref")]
    if missing:
        yield Problem(item.at(), {"services": missing, "days": days})


@check("portal.faq_section")
def faq_section(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.16: the training material includes an FAQ section, with questions for the point's life situations."""
    missing = []
    if not item.get("page_facts/faq_section"):
        missing.append("page_facts.faq_section")
    if not point_faq(ctx, item):
        missing.append(Text("вопросы faq[] для жизненных ситуаций точки", "faq[] entries for the point's life situations"))
    if missing:
        yield Problem(item.at("page_facts" if item.get("page_facts") else ""), {"missing": missing})


@check("portal.faq_from_research")
def faq_from_research(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.16: every FAQ question of the point comes from a study of client needs of the same life situation."""
    entries = point_faq(ctx, item)
    if not entries:
        yield Problem(item.at(), {"reason": Text("у точки нет вопросов FAQ", "the point has no FAQ entries")}, Outcome.NO_DATA)
        return
    studies = {s.get("id"): s for s in ctx.declaration.of("research")[0].get("studies") or []}
    bad = []
    for entry in entries:
        study = studies.get(entry.get("research_ref"))
        situation = entry.get("life_situation_id")
        if study is None or (situation and study.get("life_situation_id") not in (None, situation)):
            bad.append(entry.ref.id)
    if bad:
        yield Problem(item.at(), {"faq": bad})


# --- 4.6.1.17: documents ---------------------------------------------------------------------------------------

_DOC_LISTS = ("portal_docs", "operator_docs", "legal_acts")


@check("portal.documents_published")
def documents_published(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.17: a documents section publishes the portal's documents and its operator's documents."""
    missing = [f for f in ("url", "portal_docs", "operator_docs") if not item.get(f"documents_section/{f}")]
    if missing:
        yield Problem(item.at("documents_section"), {"missing": missing})


@check("portal.legal_acts_cover_services")
def legal_acts_cover_services(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.17: the documents section lists legal acts for every service presented at the point."""
    services = point_services(ctx, item)
    if not services:
        yield Problem(item.at(), {"reason": Text("у точки нет услуг", "the point presents no services")}, Outcome.NOT_APPLICABLE)
        return
    listed = {a.get("service_id") for a in item.get("documents_section/legal_acts") or []}
    missing = [s for s in services if s not in listed]
    if missing:
        yield Problem(item.at("documents_section"), {"services": missing})


@check("portal.documents_current")
def documents_current(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.17: every published document was updated within the freshness window (B21)."""
    docs = [(f"documents_section/{name}/{i}", d) for name in _DOC_LISTS
            for i, d in enumerate(item.get(f"documents_section/{name}") or [])]
    if not docs:
        yield Problem(item.at(), {"reason": Text("документы не заявлены", "no documents are declared")}, Outcome.NO_DATA)
        return
    stale = [(path, d) for path, d in docs if not ctx.is_fresh(d.get("updated_on"))]
    if stale:
        yield Problem(item.at(stale[0][0]), {"documents": [f"{d.get('title')} ({d.get('updated_on') or '—'})" for _, d in stale],
                                             "days": ctx.config.freshness_days})


# --- 4.6.1.18: mobile versions of the portal --------------------------------------------------------------------

@check("portal.mobile_version_complete")
def mobile_version_complete(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.18: the mobile version has every function of the portal (functions_missing declared and empty)."""
    missing = item.get("mobile_version/functions_missing")
    if missing is None:
        yield Problem(item.at("mobile_version"), {"functions": Text("mobile_version.functions_missing не заявлен",
                                                                    "mobile_version.functions_missing is not declared")})
    elif missing:
        yield Problem(item.at("mobile_version/functions_missing"), {"functions": list(missing)})


# --- 4.6.2: mobile apps ------------------------------------------------------------------------------------------

@check("mobile_app.security_assessed", params={"properties": {"days": _DAYS}})
def security_assessed(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.2.4: the security and confidentiality of client data is confirmed by a current security assessment."""
    days = ctx.params.get("days", ctx.config.freshness_days)
    ref, when = item.get("security/assessment_ref"), item.get("security/assessed_on")
    if not ref or not ctx.is_fresh(when, days):
        yield Problem(item.at("security"), {"ref": ref or "—", "date": when or "—", "days": days})
