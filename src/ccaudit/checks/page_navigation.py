"""Checks on saved pages for what every page carries (4.6.1.10, 4.6.1.15, 4.6.1.16, 4.6.1.18): contacts, navigation, FAQ."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator

from ccaudit.checks.saved_pages import Found, SavedPage, judge_pages, page_params
from ccaudit.engine.registry import CheckContext, check
from ccaudit.html import Element, Page
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text

LOGIN = re.compile(r"(?i)\b(войти|вход|выйти|выход|login|log in|sign in|logout|log out|sign out)\b|авториз")
ACCOUNT = re.compile(r"(?i)личн\w* кабинет|кабинет|my account|personal account")
ACCOUNT_URL = re.compile(r"(?i)/(lk|cabinet|account|profile|my)(/|$|\?)")
SITE_MAP = re.compile(r"(?i)карта сайта|site ?map|структура (сайта|портала)")
STEP = re.compile(r"(?i)шаг\s+\d+\s*(из|/)\s*\d+|step\s+\d+\s+of\s+\d+")
BACK = re.compile(r"(?i)назад|предыдущ|вернуться|back|previous")
NEXT = re.compile(r"(?i)далее|дальше|продолжить|следующ|вперёд|вперед|next|continue")
FAQ_HEADING = re.compile(r"(?i)часто задаваемые вопросы|вопросы и ответы|\bfaq\b|вопрос-ответ")
CHANNEL_LINK = re.compile(r"(?i)^(tel:|mailto:|sms:)|vk\.com|ok\.ru|t\.me|max\.ru|telegram|whatsapp|viber|/chat|/feedback|/obrashch|/support")
"""Links to other channels from a mobile page (4.6.1.18): phone, e-mail, messengers and social networks, chat, written requests."""


def _banner(page: Page) -> list[Element]:
    return [e for e in page.elements if e.tag == "header" or e.attrs.get("role") == "banner"]


def _nav(page: Page) -> list[Element]:
    return [e for e in page.elements if e.tag == "nav" or e.attrs.get("role") == "navigation"]


def _links(page: Page, within: Element | None = None) -> list[Element]:
    pool = page.descendants(within) if within is not None else iter(page.elements)
    return [e for e in pool if e.tag == "a" and "href" in e.attrs]


def _digits(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    return digits[-10:] if len(digits) >= 10 else digits


def shows_contact(page: Page, contact: str) -> bool:
    """The page shows a declared contact: a phone by its last ten digits, anything else as written (case-insensitive)."""
    haystack = page.text + " " + " ".join(e.attrs.get("href", "") for e in _links(page))
    digits = _digits(contact)
    if len(digits) >= 7 and not re.search(r"[A-Za-zА-Яа-я@]", contact):
        return digits in re.sub(r"\D", "", haystack.replace(" ", ""))
    return contact.lower().strip() in haystack.lower()


@check("page.support_contacts", params=page_params())
def support_contacts(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.10: every saved page shows each declared support contact (tech_support.contacts)."""
    contacts = [str(c) for c in item.get("tech_support/contacts") or []]

    def judge(saved: SavedPage) -> Found:
        if not contacts:
            yield saved.page.body, {"missing": Text("контакты СТП не заявлены (tech_support.contacts)",
                                                    "no support contacts declared (tech_support.contacts)")}
            return
        missing = [c for c in contacts if not shows_contact(saved.page, c)]
        if missing:
            footer = saved.page.find("footer")
            yield (footer[0] if footer else saved.page.body), {"missing": missing}

    yield from judge_pages(ctx, item, judge)


@check("page.portal_name", params=page_params())
def portal_name(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.15: every page's header (header or role=banner) names the portal: in text or the logo's alt text."""

    def judge(saved: SavedPage) -> Found:
        page = saved.page
        banners = _banner(page)
        named = any(b.text or any(d.attrs.get("alt") for d in page.descendants(b) if d.tag == "img") for b in banners)
        if not named:
            yield (banners[0] if banners else page.body), {"problem": Text(
                "в шапке нет наименования портала" if banners else "нет шапки страницы (header)",
                "the header does not name the portal" if banners else "the page has no header")}

    yield from judge_pages(ctx, item, judge)


def _home(href: str) -> bool:
    """A link to the site's home page: "/", "./", "index.html", "/ru/" or an absolute address with such a path."""
    path = urllib.parse.urlsplit(href.strip()).path if "://" in href else href.split("?")[0].split("#")[0].strip()
    return path in ("", "/", "./", "/index.html", "index.html", "/index.php", "/ru", "/ru/") and href.strip() != ""


@check("page.quick_access_buttons", params=page_params())
def quick_access_buttons(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.15: every page links to the home page, to log-in/log-out and (unless there is none) the personal account."""

    def judge(saved: SavedPage) -> Found:
        page = saved.page
        names = [(e, (e.text + " " + e.attrs.get("aria-label", "") + " " + e.attrs.get("title", "")).strip())
                 for e in page.elements if e.tag in ("a", "button")]
        missing = []
        if not any(e.tag == "a" and _home(e.attrs.get("href", "")) or re.search(r"(?i)^главная", n) for e, n in names):
            missing.append(Text("на главную", "home page"))
        if not any(LOGIN.search(n) for _, n in names):
            missing.append(Text("вход/выход", "log-in/log-out"))
        if item.get("page_facts/personal_account") is not False and not any(
                ACCOUNT.search(n) or ACCOUNT_URL.search(e.attrs.get("href", "")) for e, n in names):
            missing.append(Text("личный кабинет", "personal account"))
        if missing:
            banners = _banner(page)
            yield (banners[0] if banners else page.body), {"missing": missing}

    yield from judge_pages(ctx, item, judge)


@check("page.section_menu", params=page_params(min_links={"type": "integer", "minimum": 1}))
def section_menu(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.15: every page has a navigation menu (nav or role=navigation) with links to at least min_links sections."""
    least = int(ctx.params.get("min_links", 3))

    def judge(saved: SavedPage) -> Found:
        page = saved.page
        menus = _nav(page)
        best = max((len(_links(page, m)) for m in menus), default=0)
        if best < least:
            yield (menus[0] if menus else page.body), {"links": best, "min": least}

    yield from judge_pages(ctx, item, judge)


@check("page.page_title", params=page_params())
def page_title(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.15: every page has a title: a non-empty <title> and a visible h1."""

    def judge(saved: SavedPage) -> Found:
        page = saved.page
        lacking = []
        if not page.title:
            lacking.append("<title>")
        if not any(h.text for h in page.find("h1")):
            lacking.append("<h1>")
        if lacking:
            head = page.find("title") or page.find("head")
            yield (head[0] if head else page.body), {"missing": lacking}

    yield from judge_pages(ctx, item, judge)


@check("page.step_buttons", params=page_params())
def step_buttons(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.15: a multi-step service form («Шаг 2 из 4») has buttons back to the previous step and on to the next."""

    def names(page: Page) -> list[str]:
        return [(e.text or e.attrs.get("value", "") or e.attrs.get("aria-label", "")) for e in page.elements
                if e.tag in ("a", "button") or (e.tag == "input" and e.attrs.get("type", "").lower() in ("submit", "button"))]

    def judge(saved: SavedPage) -> Found:
        page = saved.page
        if not STEP.search(page.text):
            return
        shown = names(page)
        missing = [Text(ru, en) for ru, en, pattern in (("назад", "back", BACK), ("далее", "next", NEXT))
                   if not any(pattern.search(n) for n in shown)]
        if missing:
            forms = page.find("form")
            yield (forms[0] if forms else page.body), {"missing": missing}

    def single_step(pages: list[SavedPage]) -> Problem | None:
        if any(STEP.search(p.page.text) for p in pages):
            return None
        return Problem(pages[0].listed_at, {"reason": Text("на сохранённых формах услуг нет шагов («Шаг N из M»)",
                                                           "the saved service forms have no steps ('Step N of M')")},
                       Outcome.NOT_APPLICABLE)

    yield from judge_pages(ctx, item, judge, types=["service_form"], skip=single_step)


@check("page.site_map", params=page_params())
def site_map(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.15: every page offers a site menu that shows the structure: a «Карта сайта» link or a nested menu."""

    def judge(saved: SavedPage) -> Found:
        page = saved.page
        linked = any(SITE_MAP.search(e.text + " " + e.attrs.get("href", "")) for e in _links(page))
        nested = any(any(d.tag in ("ul", "ol") and any(a.tag in ("ul", "ol") for a in page.ancestors(d) if a.index > m.index)
                         for d in page.descendants(m)) for m in _nav(page))
        if not linked and not nested:
            menus = _nav(page)
            yield (menus[0] if menus else page.body), {}

    yield from judge_pages(ctx, item, judge)


@check("page.faq_page", params=page_params(min_questions={"type": "integer", "minimum": 1}))
def faq_page(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.16: a saved FAQ page is titled as FAQ («Часто задаваемые вопросы») and holds at least min_questions questions."""
    least = int(ctx.params.get("min_questions", 3))

    def judge(saved: SavedPage) -> Found:
        page = saved.page
        headed = any(FAQ_HEADING.search(h.text) for h in page.find("h1", "h2", "title"))
        questions = (len(page.find("summary")) + len(page.find("dt"))
                     + sum(1 for h in page.find("h2", "h3", "h4", "button") if h.text.rstrip().endswith("?")))
        if not headed or questions < least:
            h1 = page.find("h1")
            yield (h1[0] if h1 else page.body), {"questions": questions, "min": least,
                                                 "heading": Text("есть" if headed else "нет", "present" if headed else "absent")}

    yield from judge_pages(ctx, item, judge, types=["faq"])


@check("page.mobile_other_channels", params=page_params())
def mobile_other_channels(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.18: a saved mobile page links to other channels: phone (tel:), e-mail, chat, messengers or social networks."""

    def judge(saved: SavedPage) -> Found:
        page = saved.page
        if not any(CHANNEL_LINK.search(e.attrs.get("href", "")) for e in _links(page)):
            footer = page.find("footer")
            yield (footer[0] if footer else page.body), {}

    yield from judge_pages(ctx, item, judge, types=["mobile"])
