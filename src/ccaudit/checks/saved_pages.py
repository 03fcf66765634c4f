"""Reading a point's saved pages for the checks, and judging a rule on them with the declared check as the fallback.

A rule checked on pages names its page check and, in `params.declared`, the check of the declared facts it used
before: `{check, params, message, examples}`. With saved pages of the kinds the check reads, the pages decide and
each finding says what the page shows and what the declaration says; without them, the declared check decides.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ccaudit.engine.registry import CHECKS, CheckContext
from ccaudit.html import Element, Page, StyleRule, load_page
from ccaudit.html.capture import find_browser
from ccaudit.html.render import Measurements, RenderError, measure
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.location import Location
from ccaudit.model.rule import Text, fill

_TEXT = {"type": "object", "additionalProperties": False, "required": ["ru", "en"],
         "properties": {"ru": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}}}
DECLARED = {
    "type": "object", "additionalProperties": False, "required": ["check", "message", "examples"],
    "properties": {
        "check": {"type": "string", "minLength": 1, "description": "The check of the declared facts (used without saved pages)."},
        "params": {"type": "object", "description": "Its params."},
        "message": {**_TEXT, "description": "Its message: what the declaration lacks."},
        "examples": {"type": "object", "additionalProperties": False, "required": ["fail", "pass"],
                     "properties": {"fail": {"type": "object"}, "pass": {"type": "object"}},
                     "description": "Merge patches for the declared check, as a rule's examples."},
    },
}
OBSERVED = {**_TEXT, "description": "What a page shows, with the page check's values ({page}, {selector}, …)."}


def page_params(**extra: Any) -> dict[str, Any]:
    """The params schema of a page check: `observed` and `declared`, plus its own params."""
    return {"properties": {"observed": OBSERVED, "declared": DECLARED, **extra}, "required": ["observed", "declared"]}


@dataclass(frozen=True, slots=True)
class SavedPage:
    """A saved page of a point: the parsed page and how the declaration lists it."""

    page: Page
    page_type: str | None
    """home, section, service_form, search_results, faq, documents, training, mobile; None when not given."""
    listed_at: Location
    """Where the declaration lists it (saved_pages[i])."""

    def at(self, target: Element | StyleRule | None = None) -> Location:
        """Where a finding goes: an element of the page, a style rule (in the page or a .css file), or the page."""
        if isinstance(target, StyleRule):
            return Location(target.path, target.line, target.col)
        return self.page.at(target)


@lru_cache(maxsize=256)
def _parsed(root: str, rel: str, text: str) -> Page:
    return load_page(Path(root), rel, text)


def saved_pages(ctx: CheckContext, item: Item, types: Iterable[str] | None = None) -> list[SavedPage]:
    """The point's saved pages (those of `types` only, when given) that the declaration loader read."""
    wanted = set(types) if types is not None else None
    found = []
    for i, entry in enumerate(item.get("saved_pages") or []):
        page_type = entry.get("page_type")
        if wanted is not None and (page_type or "section") not in wanted:  # an untyped page is a page of a section
            continue
        rel = Path(str(entry.get("file", ""))).as_posix()
        text = ctx.declaration.texts.get(rel)
        if text is None:  # the loader reported it (x-file); nothing to read
            continue
        found.append(SavedPage(_parsed(str(ctx.declaration.root), rel, text), page_type, item.at(f"saved_pages/{i}")))
    return found


def measured(ctx: CheckContext, saved: SavedPage) -> Measurements | Text:
    """The page measured in headless Chromium (`--render`), or why it could not be (a Text for a no-data reason)."""
    browser = find_browser()
    if browser is None:
        return Text("Chromium не найден: отрисовка невозможна", "no Chromium found: nothing rendered")
    text = ctx.declaration.texts.get(saved.page.path, "")
    try:
        return measure(str(ctx.declaration.root), saved.page.path, text, browser)
    except RenderError as exc:
        return Text(f"отрисовка не удалась: {exc}", f"rendering failed: {exc}")


def element_at(page: Page, index: int, tag: str) -> Element | None:
    """The parsed element a browser measurement names (same document order), when its tag agrees."""
    if 0 <= index < len(page.elements) and page.elements[index].tag == tag:
        return page.elements[index]
    return None


def _render(template: Mapping[str, str], args: Mapping[str, object]) -> Text:
    return Text(fill(template["ru"], args, "ru"), fill(template["en"], args, "en"))


def _declared_problems(ctx: CheckContext, item: Item) -> tuple[Mapping[str, Any], list[Problem]]:
    spec = ctx.params["declared"]
    registered = CHECKS.get(spec["check"])
    if registered is None:
        raise LookupError(f"params.declared names unknown check {spec['check']!r}")
    inner = dataclasses.replace(ctx, params=dict(spec.get("params", {})))
    return spec, list(registered.fn(inner, item))


def declared_only(ctx: CheckContext, item: Item, why: Text) -> Iterator[Problem]:
    """The declared check's verdict, each failure worded as «на странице: <why>; в декларации: <its message>»."""
    spec, problems = _declared_problems(ctx, item)
    for problem in problems:
        if problem.outcome is not Outcome.FAIL:
            yield problem
            continue
        yield Problem(problem.at, {**problem.args, "observed": why, "declared": _render(spec["message"], problem.args)})


def declared_summary(ctx: CheckContext, item: Item) -> Text:
    """What the declaration says about the requirement: «заявлено соответствие», or the declared check's message."""
    spec, problems = _declared_problems(ctx, item)
    failures = [p for p in problems if p.outcome is Outcome.FAIL]
    if failures:
        return _render(spec["message"], failures[0].args)
    others = [p for p in problems if "reason" in p.args]
    if others and isinstance(others[0].args["reason"], Text):
        reason = others[0].args["reason"]
        assert isinstance(reason, Text)
        return reason
    return Text("заявлено соответствие", "compliance is declared")


Found = Iterator[tuple[Element | StyleRule | None, Mapping[str, object]]]
"""What a page judge yields: per shortfall, the element (a style rule, or None for the whole page) and its values."""
Judge = Callable[[SavedPage], Iterable[tuple[Element | StyleRule | None, Mapping[str, object]]]]
"""Yields, for one page, (element, style rule, or None for the page as a whole; values for `params.observed`) per shortfall."""


FRAME_TYPES = ("home", "section", "service_form", "search_results", "faq", "documents", "training")
"""Page types of the full version: the pages compared with each other (a mobile page has its own frame)."""


def _types_label(types: Iterable[str] | None) -> str:
    return ", ".join(types) if types else "—"


def judge_pages(ctx: CheckContext, item: Item, judge: Judge, types: Iterable[str] | None = None,
                skip: Callable[[list[SavedPage]], Problem | None] | None = None, min_pages: int = 1) -> Iterator[Problem]:
    """Judge every saved page of `types`; with fewer than `min_pages` such pages, fall back to the declared check."""
    pages = saved_pages(ctx, item, types)
    if 0 < len(pages) < min_pages:
        yield from declared_only(ctx, item, Text(f"сохранено страниц: {len(pages)}, для сравнения нужно не меньше {min_pages}",
                                                 f"{len(pages)} saved page(s); comparing needs at least {min_pages}"))
        return
    if not pages:
        label = _types_label(types)
        why = (Text(f"сохранённых страниц типа {label} нет", f"no saved pages of type {label}") if types
               else Text("сохранённых страниц нет", "no saved pages"))
        yield from declared_only(ctx, item, why)
        return
    if skip is not None:
        skipped = skip(pages)
        if skipped is not None:
            yield skipped
            return
    declared: Text | None = None
    shared: set[tuple[str, int, int]] = set()
    for saved in pages:
        for target, values in judge(saved):
            if isinstance(target, StyleRule) and target.path != saved.page.path:
                # a rule of a stylesheet several pages link is one finding, at the first page that uses it
                if (target.path, target.line, target.col) in shared:
                    continue
                shared.add((target.path, target.line, target.col))
            declared = declared or declared_summary(ctx, item)
            selector = (target.selector or "style") if isinstance(target, StyleRule) else target.selector if target else "—"
            args = {"page": saved.page.path, "selector": selector, **values}
            yield Problem(saved.at(target), {**args, "observed": _render(ctx.params["observed"], args), "declared": declared})


def label_text(page: Page, element: Element) -> str:
    """The visible label of a form control: label[for=id], a wrapping label, aria-labelledby or aria-label."""
    pieces = []
    element_id = element.attrs.get("id")
    if element_id:
        pieces += [e.text for e in page.find("label") if e.attrs.get("for") == element_id]
    pieces += [a.text for a in page.ancestors(element) if a.tag == "label"]
    for ref in element.attrs.get("aria-labelledby", "").split():
        target = page.by_id(ref)
        if target is not None:
            pieces.append(target.text)
    if not pieces and element.attrs.get("aria-label"):
        pieces.append(element.attrs["aria-label"])
    return " ".join(p for p in pieces if p).strip()


def labels(page: Page, element: Element) -> list[Element]:
    """The label elements of a form control (label[for=id] and a wrapping label)."""
    element_id = element.attrs.get("id")
    found = [e for e in page.find("label") if element_id and e.attrs.get("for") == element_id]
    return found + [a for a in page.ancestors(element) if a.tag == "label"]


def name_of(page: Page, element: Element) -> str:
    """A short human name of a control for messages: its label, else name, else id."""
    return (label_text(page, element) or element.attrs.get("name") or element.attrs.get("id") or element.tag)[:80]
