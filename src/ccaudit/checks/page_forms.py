"""Checks on saved pages for forms and search (4.6.1.7, 4.6.1.8, 4.6.1.12, 4.6.1.14): what the form shows the client."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ccaudit.checks.saved_pages import Found, Judge, SavedPage, judge_pages, label_text, labels, name_of, page_params
from ccaudit.engine.registry import CheckContext, check
from ccaudit.html import Element, Page
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Problem
from ccaudit.model.rule import Text

NOT_FIELDS = frozenset({"hidden", "submit", "button", "image", "reset"})
"""Input types that are not fields a client fills in."""
FREE_TEXT = frozenset({"", "text", "tel", "number", "password"})
"""Input types whose value the client types freely (textarea too)."""
CONSTRAINED_TYPES = frozenset({"email", "url", "date", "month", "week", "time", "datetime-local", "color", "range", "file",
                               "checkbox", "radio"})
"""Input types whose value the browser itself constrains."""
PICKER_TYPES = frozenset({"date", "month", "week", "time", "datetime-local"})
"""Types the browser enters through a picker that shows the format itself."""
FORMAT_WORDS = re.compile(r"(?i)снилс|инн|огрн|паспорт|телефон|дат[аыу]|индекс|почт|e-?mail|snils|inn|passport|phone|date|серия|номер")
"""Names and labels of pattern data (4.6.1.8: data entered in a fixed format)."""
FORMAT_HINT = re.compile(r"(?i)формат|например|пример|вида|дд|гггг|\d|[xх#_]{2,}|@|e\.g\.")
"""A description that shows or names the format: «в формате ДД.ММ.ГГГГ», «например, 123-456-789 01»."""
HINT_CLASS = re.compile(r"(?i)hint|help|descr|note|tip|example|podskaz|подсказ")
REQUIRED_WORDS = re.compile(r"\*|(?i:обязательн)")
SEARCH_WORDS = re.compile(r"(?i)^\s*(поиск|найти|искать|search)\b")
SEARCH_URL = re.compile(r"(?i)search|poisk|поиск|/find")
PAGE_COUNT = re.compile(r"(?i)(страниц[аы]?\s*\d+\s*из\s*\d+|из\s+\d+\s+страниц|всего\s+\d+\s+страниц|\d+\s+страниц[аы]?\s+(с\s+)?результат"
                        r"|page\s*\d+\s*of\s*\d+|\d+\s+pages\s+of\s+results)")
"""How a results page states the total number of result pages (4.6.1.14)."""
CLOSED_SET_WORDS = re.compile(r"(?i)\bпол\b|район|регион|област|гражданств|страна|месяц|семейн\w* положени|категори|образовани"
                              r"|детск\w* сад|учреждени|школ|тип\b|вид\b|rajon|raion|rayon|grazhdanstv|gender|region|country|district|month|category")
"""Labels and names of fields whose values form a closed list (4.6.1.8: «выбор значений из контролируемых списков»)."""
FILTER_WORDS = re.compile(r"(?i)filter|фильтр|refine|facet")


def controls(page: Page) -> list[Element]:
    """Fields a client fills in: inputs (but hidden fields and buttons), selects and textareas, outside search forms."""
    return [e for e in page.find("input", "select", "textarea")
            if e.attrs.get("type", "").lower() not in NOT_FIELDS and not in_search(page, e)]


def input_type(element: Element) -> str:
    return "textarea" if element.tag == "textarea" else element.attrs.get("type", "").lower()


def in_search(page: Page, element: Element) -> bool:
    """The control belongs to a search form: role=search, type=search, a search action, or a query field named q/query/search."""
    if element.attrs.get("type", "").lower() == "search" or element.attrs.get("name", "").lower() in ("q", "query", "search"):
        return True
    for ancestor in page.ancestors(element):
        if ancestor.attrs.get("role") == "search":
            return True
        if ancestor.tag == "form":
            return bool(SEARCH_URL.search(ancestor.attrs.get("action", ""))) or any(
                d.attrs.get("type", "").lower() == "search" for d in page.descendants(ancestor))
    return False


def css_marker(page: Page, classes: set[str]) -> bool:
    """A style rule puts generated content (::after/::before with content) on one of these classes."""
    for rule in page.styles:
        if not classes or not re.search(r"::?(after|before)", rule.selector):
            continue
        content = rule.get("content")
        if content and content not in ("none", "''", '""', "normal") and any(
                re.search(r"\." + re.escape(c) + r"(?![\w-])", rule.selector) for c in classes):
            return True
    return False


def visibly_required(page: Page, element: Element) -> bool:
    """The label shows a marker: «*», «обязательно», or a class that the CSS marks with generated content."""
    found = labels(page, element)
    if REQUIRED_WORDS.search(label_text(page, element)):
        return True
    classes = {c for label in found for e in (label, *page.descendants(label)) for c in e.classes}
    return css_marker(page, classes | set(element.classes))


def hint_text(page: Page, element: Element) -> str:
    """Text that helps fill a field: aria-describedby, title, placeholder, or a hint element next to it."""
    pieces = [t.text for ref in element.attrs.get("aria-describedby", "").split() if (t := page.by_id(ref)) is not None]
    pieces += [element.attrs.get("title", ""), element.attrs.get("placeholder", "")]
    own = {element.index, *(label.index for label in labels(page, element))}
    for level, ancestor in enumerate(page.ancestors(element)):
        if ancestor.tag == "form" or level > 1:
            break
        for near in page.descendants(ancestor):
            if near.index not in own and (near.tag == "small" or any(HINT_CLASS.search(c) for c in near.classes)):
                pieces.append(near.text)
    return " ".join(p for p in pieces if p).strip()


def _form_pages(ctx: CheckContext, item: Item, judge: Judge) -> Iterator[Problem]:
    yield from judge_pages(ctx, item, judge, types=["service_form"])


@check("page.required_marked", params=page_params())
def required_marked(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.7, 4.6.1.12: every field marked required (required, aria-required) shows a visible marker in its label."""

    def judge(saved: SavedPage) -> Found:
        for e in controls(saved.page):
            if (e.has("required") or e.attrs.get("aria-required") == "true") and not visibly_required(saved.page, e):
                yield e, {"field": name_of(saved.page, e)}

    yield from _form_pages(ctx, item, judge)


@check("page.field_hints", params=page_params())
def field_hints(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.7: every field the client types into has a hint (help text, aria-describedby, title or placeholder)."""

    def judge(saved: SavedPage) -> Found:
        for e in controls(saved.page):
            if input_type(e) in FREE_TEXT | {"textarea", "email", "url"} and not hint_text(saved.page, e):
                yield e, {"field": name_of(saved.page, e)}

    yield from _form_pages(ctx, item, judge)


@check("page.controlled_lists", params=page_params())
def controlled_lists(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.8 (heuristic): a field whose values form a closed list (район, гражданство, детский сад) offers them:
    a select, radio buttons or a datalist, not free text."""

    def judge(saved: SavedPage) -> Found:
        for e in controls(saved.page):
            if e.tag == "select" or input_type(e) not in FREE_TEXT | {"textarea"} or e.has("list"):
                continue
            words = " ".join([e.attrs.get("name", ""), e.attrs.get("id", ""), label_text(saved.page, e)])
            match = CLOSED_SET_WORDS.search(words)
            if match:
                yield e, {"field": name_of(saved.page, e), "word": match.group(0)}

    yield from _form_pages(ctx, item, judge)


def pattern_data(page: Page, element: Element) -> bool:
    """A field of pattern data: a pattern attribute, a typed format (tel, email) or a name or label such as СНИЛС, дата."""
    kind = input_type(element)
    if element.tag == "select" or kind in ("checkbox", "radio", "file", "textarea"):
        return False
    words = " ".join([element.attrs.get("name", ""), element.attrs.get("id", ""), label_text(page, element)])
    return element.has("pattern") or kind in ("tel", "email") or bool(FORMAT_WORDS.search(words))


@check("page.format_described", params=page_params())
def format_described(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.8: a field of pattern data describes its input format next to it (pickers such as type=date excepted)."""

    def judge(saved: SavedPage) -> Found:
        for e in controls(saved.page):
            if pattern_data(saved.page, e) and input_type(e) not in PICKER_TYPES:
                hint = hint_text(saved.page, e)
                if not FORMAT_HINT.search(hint):
                    yield e, {"field": name_of(saved.page, e), "hint": hint or "—"}

    yield from _form_pages(ctx, item, judge)


@check("page.values_constrained", params=page_params())
def values_constrained(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.8: every free-text field limits what can be entered (pattern, maxlength, min/max, or a typed input)."""

    def judge(saved: SavedPage) -> Found:
        for e in controls(saved.page):
            kind = input_type(e)
            if e.tag == "select" or kind in CONSTRAINED_TYPES:
                continue
            limits = ("pattern", "maxlength", "min", "max") if kind == "number" else ("pattern", "maxlength")
            if not any(e.has(a) for a in limits):
                yield e, {"field": name_of(saved.page, e), "type": kind or "text"}

    yield from _form_pages(ctx, item, judge)


def search_controls(page: Page) -> list[Element]:
    """Search fields, search landmarks, and links or buttons that open the search."""
    found = [e for e in page.find("input") if in_search(page, e) and e.attrs.get("type", "").lower() not in NOT_FIELDS]
    found += [e for e in page.elements if e.attrs.get("role") == "search"]
    found += [e for e in page.find("a", "button")
              if SEARCH_WORDS.search(e.text or e.attrs.get("aria-label", "") or e.attrs.get("title", ""))
              or (e.tag == "a" and SEARCH_URL.search(e.attrs.get("href", "")))]
    return found


@check("page.search_on_every_page", params=page_params())
def search_on_every_page(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.14: every saved page has a search form or a control that opens it."""

    def judge(saved: SavedPage) -> Found:
        if not search_controls(saved.page):
            yield saved.page.body, {}

    yield from judge_pages(ctx, item, judge)


def _submits(page: Page, form: Element) -> bool:
    return any((d.tag == "button" and d.attrs.get("type", "submit").lower() == "submit")
               or (d.tag == "input" and d.attrs.get("type", "").lower() in ("submit", "image")) for d in page.descendants(form))


@check("page.search_keyboard_and_button", params=page_params())
def search_keyboard_and_button(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.14: every search field sits in a form with a submit button (Enter submits a form; the button is visible)."""

    def judge(saved: SavedPage) -> Found:
        for e in saved.page.find("input"):
            if not in_search(saved.page, e) or e.attrs.get("type", "").lower() in NOT_FIELDS:
                continue
            form = next((a for a in saved.page.ancestors(e) if a.tag == "form"), None)
            if form is None:
                yield e, {"problem": Text("поле вне формы", "the field is outside a form")}
            elif not _submits(saved.page, form):
                yield e, {"problem": Text("в форме нет кнопки отправки", "the form has no submit button")}

    yield from judge_pages(ctx, item, judge)


def _main(page: Page) -> Element | None:
    found = page.find("main")
    return found[0] if found else page.body


@check("page.search_page_count", params=page_params())
def search_page_count(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.14: a saved results page states the total number of result pages («Страница 1 из 12»)."""

    def judge(saved: SavedPage) -> Found:
        if not PAGE_COUNT.search(saved.page.text):
            yield _main(saved.page), {}

    yield from judge_pages(ctx, item, judge, types=["search_results"])


@check("page.search_filters", params=page_params())
def search_filters(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.14: a saved results page offers filters: choice controls or a filter block besides the query field."""

    def judge(saved: SavedPage) -> Found:
        page = saved.page
        choices = [e for e in page.find("select") + page.find("input")
                   if (e.tag == "select" or e.attrs.get("type", "").lower() in ("checkbox", "radio", "date"))]
        blocks = [e for e in page.elements
                  if FILTER_WORDS.search(" ".join([*e.classes, e.attrs.get("id", ""), e.attrs.get("aria-label", "")]))]
        if not choices and not blocks:
            yield _main(page), {}

    yield from judge_pages(ctx, item, judge, types=["search_results"])
