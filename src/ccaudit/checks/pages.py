"""Checks for 4.6.1.11–4.6.1.18: what a portal's pages offer — design, layout, search, navigation, training, documents, mobile versions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ccaudit.checks.portal import _DAYS, _GROUPS, point_services
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.location import Location
from ccaudit.model.rule import Text
from ccaudit.text import line_col, visible

BROWSERS = {
    "yandex": ("яндексбраузер", "яндекс", "yandex", "yandexbrowser", "yabrowser"),
    "internet_explorer": ("internetexplorer", "ie", "ie11", "msie"),
    "chrome": ("googlechrome", "chrome"),
    "firefox": ("mozillafirefox", "firefox"),
    "safari": ("safari", "applesafari"),
    "opera": ("opera",),
}
"""The key browsers of 4.6.1.13 and the names a test record may give them."""


def point_faq(ctx: CheckContext, item: Item) -> list[Item]:
    """FAQ entries of a point: general ones and those of its life situations (every entry when it names none)."""
    situations = set(item.get("life_situation_ids") or [])
    return [f for f in ctx.declaration.of("faq")
            if not situations or not f.get("life_situation_id") or f.get("life_situation_id") in situations]


def _not_for_apps(item: Item, what: Text) -> Problem | None:
    if item.contact_kind == "mobile_app":
        return Problem(item.at(), {"reason": what}, Outcome.NOT_APPLICABLE)
    return None


TECH_TERMS = ("кэш", "кеш", "cookie", "куки", "токен", "сесси", "плагин", "расширение браузера",
              "браузерное расширение", "ssl", "https-соединени", "api", "javascript", "java script", "http", "сервер",
              "прокси", "dns", "ip-адрес", "таймаут", "тайм-аут", "timeout", "валидаци", "бэкенд", "фронтенд", "json",
              "xml", "хэш", "хеш", "дамп", "лог-файл", "кодировк", "смэв", "правоустанавливающ", "межведомственного электронного")
"""ccaudit's default lexicon of technical concepts and professional terms (TX-03, TW-13); tailoring.params can replace it."""


_SOURCES = ("error_messages", "training_content", "push_templates", "answer_templates", "saved_pages")


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


_WORDS = re.compile(r"[\w-]+")


BROWSER_NAMES = {"yandex": "Яндекс.Браузер", "internet_explorer": "Internet Explorer", "chrome": "Google Chrome",
                 "firefox": "Mozilla Firefox", "safari": "Safari", "opera": "Opera"}


def browser_key(name: str) -> str | None:
    """The key of a browser name («Яндекс.Браузер» → yandex), or None."""
    flat = re.sub(r"[^0-9a-zа-яё]", "", name.lower())
    return next((key for key, names in BROWSERS.items() if flat in names), None)


_ALTERNATIVES = {
    "video": ("subtitles", "sign_language", "transcript"),
    "infographic": ("transcript", "audio_description"),
    "interactive": ("subtitles", "sign_language", "transcript", "audio_description"),
}
"""Accessibility a non-text training item needs at least one of (4.6.1.16: health limitations)."""


_DOC_LISTS = ("portal_docs", "operator_docs", "legal_acts")


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


@check("portal.no_special_terms", params={"properties": {
    "sources": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(_SOURCES)}},
    "terms": _GROUPS}})
def no_special_terms(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.11, 4.6.1.16: texts shown to clients contain no technical concepts or special professional terms."""
    wanted = list(ctx.params.get("sources", _SOURCES))
    texts = point_texts(ctx, item, [s for s in wanted if s != "saved_pages"])
    pages = page_texts(ctx, item) if "saved_pages" in wanted else []
    if not texts and not pages:
        yield Problem(item.at(), {"reason": Text("тексты не заявлены", "no texts are declared")}, Outcome.NO_DATA)
        return
    terms = list(ctx.params.get("terms", TECH_TERMS))
    for path, text in texts:
        found = find_terms(text, terms)
        if found:
            yield Problem(item.at(path), {"terms": found, "where": path})
    for rel, raw, shown in pages:
        found = find_terms(shown, terms)
        if found:
            # the visible text keeps every character's offset, so the first term is located in the page file itself
            first = min(m.start() for t in found for m in re.finditer(re.escape(t), shown))
            line, col = line_col(raw, first)
            yield Problem(Location(rel, line, col), {"terms": found, "where": rel})


def page_texts(ctx: CheckContext, item: Item) -> list[tuple[str, str, str]]:
    """(path, page source, its visible text with the same offsets) of each saved page of a point (4.6.1.11: portal texts)."""
    found = []
    for entry in item.get("saved_pages") or []:
        rel = Path(str(entry.get("file", ""))).as_posix()
        raw = ctx.declaration.texts.get(rel)
        if raw is not None:
            found.append((rel, raw, visible(raw, "html")))
    return found


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


@check("portal.mobile_version_complete")
def mobile_version_complete(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.18: the mobile version has every function of the portal (functions_missing declared and empty)."""
    missing = item.get("mobile_version/functions_missing")
    if missing is None:
        yield Problem(item.at("mobile_version"), {"functions": Text("mobile_version.functions_missing не заявлен",
                                                                    "mobile_version.functions_missing is not declared")})
    elif missing:
        yield Problem(item.at("mobile_version/functions_missing"), {"functions": list(missing)})
