"""Checks across saved pages (4.6.1.12): the same frame, names and controls on every page of the full version."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ccaudit.checks.page_content import link_name
from ccaudit.checks.saved_pages import FRAME_TYPES, Found, SavedPage, judge_pages, page_params, saved_pages
from ccaudit.engine.registry import CheckContext, check
from ccaudit.html import Element, Page
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Problem
from ccaudit.model.rule import Text

_PUNCT = re.compile(r"[^\w\s-]")
REGIONS = {"header": Text("шапка", "header"), "nav": Text("меню", "menu"), "footer": Text("подвал", "footer")}


def _region(page: Page, tag: str) -> Element | None:
    role = {"header": "banner", "nav": "navigation", "footer": "contentinfo"}[tag]
    return next((e for e in page.elements if e.tag == tag or e.attrs.get("role") == role), None)


def _target(href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("#", "javascript:")):
        return None
    return href.split("#")[0].rstrip("/") or "/"


def _frame_links(page: Page, region: Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for e in page.descendants(region):
        target = _target(e.attrs.get("href", "")) if e.tag == "a" else None
        if target is not None:
            found.setdefault(target, link_name(page, e) or target)
    return found


def _reference(ctx: CheckContext, item: Item) -> Page | None:
    pages = saved_pages(ctx, item, FRAME_TYPES)
    return pages[0].page if pages else None


@check("page.same_frame", params=page_params())
def same_frame(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.12: every page of the full version has the first saved page's header, menu and footer with the same links."""
    reference = _reference(ctx, item)

    def judge(saved: SavedPage) -> Found:
        if reference is None or saved.page is reference:
            return
        for tag, label in REGIONS.items():
            theirs, ours = _region(reference, tag), _region(saved.page, tag)
            if theirs is None:
                continue
            if ours is None:
                yield saved.page.body, {"region": label, "missing": Text("весь блок", "the whole block"), "reference": reference.path}
                continue
            expected = _frame_links(reference, theirs)
            present = _frame_links(saved.page, ours)
            missing = [name for target, name in expected.items() if target not in present]
            if missing:
                yield ours, {"region": label, "missing": missing, "reference": reference.path}

    yield from judge_pages(ctx, item, judge, types=FRAME_TYPES, min_pages=2)


@check("page.same_names", params=page_params())
def same_names(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.12: a link to the same address carries a name used for it on the first page that has it."""
    names: dict[str, tuple[set[str], str]] = {}
    for saved in saved_pages(ctx, item, FRAME_TYPES):
        for target, found in _names(saved.page).items():
            names.setdefault(target, ({n for n, _ in found}, saved.page.path))

    def judge(saved: SavedPage) -> Found:
        for target, found in _names(saved.page).items():
            usual, first = names[target]
            if first != saved.page.path and not usual & {n for n, _ in found}:
                element = found[0][1]
                yield element, {"name": link_name(saved.page, element), "usual": sorted(usual), "href": target,
                                "reference": first}

    yield from judge_pages(ctx, item, judge, types=FRAME_TYPES, min_pages=2)


def _names(page: Page) -> dict[str, list[tuple[str, Element]]]:
    found: dict[str, list[tuple[str, Element]]] = {}
    for e in page.find("a"):
        target = _target(e.attrs.get("href", ""))
        name = " ".join(_PUNCT.sub(" ", link_name(page, e).lower()).split())  # «Пособие» and Пособие are one name
        if target is not None and name:
            found.setdefault(target, []).append((name, e))
    return found


def _control_kind(page: Page, element: Element) -> str:
    if element.tag == "button":
        return "button"
    if element.tag == "input":
        return "input[type=submit]"
    return "a (script)"  # not spelled "javascript:": reports refuse that string as a precaution


def action_controls(page: Page) -> list[Element]:
    """Controls that submit or act: buttons, submit inputs, and links to javascript: standing for buttons."""
    return [e for e in page.elements if (e.tag == "button" and e.attrs.get("type", "submit").lower() == "submit")
            or (e.tag == "input" and e.attrs.get("type", "").lower() in ("submit", "image"))
            or (e.tag == "a" and e.attrs.get("href", "").strip().lower().startswith("javascript:"))]


@check("page.uniform_controls", params=page_params())
def uniform_controls(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.12 (heuristic): actions are started by one kind of control on every page (the kind the first page uses)."""
    kinds: list[str] = []
    for saved in saved_pages(ctx, item, FRAME_TYPES):
        kinds += [_control_kind(saved.page, e) for e in action_controls(saved.page)]
    # the most frequent kind; on a tie a real control (button, submit input) is the usual one, not a javascript: link
    usual = max(dict.fromkeys(kinds), key=lambda k: (kinds.count(k), not k.startswith("a "))) if kinds else None

    def judge(saved: SavedPage) -> Found:
        for e in action_controls(saved.page):
            kind = _control_kind(saved.page, e)
            if usual is not None and kind != usual:
                yield e, {"kind": kind, "usual": usual, "name": link_name(saved.page, e) or "—"}

    yield from judge_pages(ctx, item, judge, types=FRAME_TYPES, min_pages=2)


_ROLES = ("header", "nav", "main", "footer", "h1", "form")


@check("page.consistent_elements", params=page_params())
def consistent_elements(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.12 (heuristic): the page's main blocks (header, nav, main, footer, h1, form) carry the same classes on every page."""
    reference = _reference(ctx, item)

    def classes(page: Page, tag: str) -> tuple[Element, str] | None:
        found = page.find(tag)
        return (found[0], " ".join(sorted(found[0].classes))) if found else None

    def judge(saved: SavedPage) -> Found:
        if reference is None or saved.page is reference:
            return
        for tag in _ROLES:
            theirs, ours = classes(reference, tag), classes(saved.page, tag)
            if theirs and ours and theirs[1] != ours[1]:
                yield ours[0], {"element": tag, "classes": ours[1] or "—", "usual": theirs[1] or "—",
                                "reference": reference.path}

    yield from judge_pages(ctx, item, judge, types=FRAME_TYPES, min_pages=2)

