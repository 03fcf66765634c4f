"""A saved HTML page as an immutable list of elements, each with its line:col in the file and a CSS selector."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from ccaudit.html.styles import StyleRule, parse_css, parse_inline
from ccaudit.model.location import Location

if TYPE_CHECKING:
    from bs4 import Tag

_SKIP_TEXT = frozenset({"script", "style", "template", "noscript"})
"""Elements whose content a reader never sees as text."""
_SPACE = re.compile(r"\s+")
_CLASS = re.compile(r"-?[A-Za-z_][\w-]*")


@dataclass(frozen=True, slots=True)
class Element:
    """One element of the parsed document (implied ones, such as a table's tbody, included)."""

    index: int
    """Position in document order; `Page.elements[index]` is this element."""
    tag: str
    """Lower-case tag name."""
    attrs: Mapping[str, str]
    """Attributes, names in lower case, multi-valued ones (class) joined by spaces."""
    text: str
    """Visible text content with whitespace collapsed (script, style, template and noscript left out)."""
    line: int
    """1-based line of the start tag's `<` (for an element the parser implied: where it was implied)."""
    col: int
    """1-based column."""
    selector: str
    """A CSS selector that names this element: from the nearest ancestor with an id, else from body."""
    parent: int | None
    """Index of the parent element, None for the root."""
    children: tuple[int, ...]
    """Indices of the child elements."""

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple(self.attrs.get("class", "").split())

    def has(self, name: str) -> bool:
        """True when the attribute is present (whatever its value: `required`, `autoplay`)."""
        return name in self.attrs


@dataclass(frozen=True, slots=True)
class Page:
    """A parsed page: its elements in document order and every style rule that applies to it."""

    path: str
    """Repository-relative path of the HTML file."""
    elements: tuple[Element, ...]
    styles: tuple[StyleRule, ...] = ()
    """Rules of `<style>` elements, linked local stylesheets and `style=""` attributes, in cascade order."""
    missing_styles: tuple[str, ...] = ()
    """Linked stylesheets that could not be read (absent, outside the repository, remote): ignored as a browser would."""
    _ids: Mapping[str, int] = field(default_factory=dict, repr=False, compare=False)

    def find(self, *tags: str) -> list[Element]:
        """Elements with one of these tag names, in document order."""
        wanted = set(tags)
        return [e for e in self.elements if e.tag in wanted]

    def by_id(self, element_id: str) -> Element | None:
        index = self._ids.get(element_id)
        return self.elements[index] if index is not None else None

    def ancestors(self, element: Element) -> Iterator[Element]:
        """Parent, grandparent, … up to the root."""
        index = element.parent
        while index is not None:
            yield self.elements[index]
            index = self.elements[index].parent

    def descendants(self, element: Element) -> Iterator[Element]:
        """Every element inside `element`, in document order."""
        stack = list(reversed(element.children))
        while stack:
            child = self.elements[stack.pop()]
            yield child
            stack.extend(reversed(child.children))

    def at(self, element: Element | None = None) -> Location:
        """Location of an element in the page file (the file's start when None)."""
        if element is None:
            return Location(self.path, 1, 1)
        return Location(self.path, element.line, element.col)

    @property
    def body(self) -> Element | None:
        found = self.find("body")
        return found[0] if found else None

    @property
    def text(self) -> str:
        """The visible text of the body."""
        body = self.body
        return body.text if body else ""

    @property
    def title(self) -> str:
        found = self.find("title")
        return found[0].text if found else ""


class _Positions:
    """Turns html5lib's stream positions (just after a start tag) into the position of the tag's `<`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lower = text.lower()
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.last = 0

    def offset(self, line: int, col: int) -> int:
        return self.starts[min(line, len(self.starts)) - 1] + col

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def locate(self, tag: str, line: int | None, col: int | None) -> tuple[int, int]:
        if line is None or col is None:
            return self.line_col(self.last)
        end = self.offset(line, col)
        pos = self.lower.rfind("<" + tag, 0, end + 1)
        while pos >= 0:
            after = self.lower[pos + 1 + len(tag):pos + 2 + len(tag)]
            if after == "" or after in " \t\n\r\f/>":
                break
            pos = self.lower.rfind("<" + tag, 0, pos)
        if pos < self.last:  # implied by the parser (tbody, html, a reopened formatting element): where it was implied
            pos = min(end, len(self.text))
            return self.line_col(max(pos, self.last))
        self.last = pos
        return self.line_col(pos)


def _segment(tag: Tag, nth: str) -> str:
    element_id = tag.get("id")
    if isinstance(element_id, str) and element_id and not any(c.isspace() for c in element_id):
        return f"{tag.name}#{element_id}"
    classes = [c for c in tag.get("class") or [] if _CLASS.fullmatch(c)]
    return tag.name + "".join("." + c for c in classes[:2]) + nth


def _nth(children: list[Tag]) -> list[str]:
    """":nth-of-type(k)" for each child that shares its tag name with a sibling, else ""."""
    totals: dict[str, int] = {}
    for child in children:
        totals[child.name] = totals.get(child.name, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for child in children:
        seen[child.name] = seen.get(child.name, 0) + 1
        out.append(f":nth-of-type({seen[child.name]})" if totals[child.name] > 1 else "")
    return out


_BLOCK = frozenset({"address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "fieldset",
                    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
                    "main", "nav", "ol", "option", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul"})
"""Elements a browser shows on a line of their own: their text is kept apart from the words around it."""


def parse_page(text: str, path: str) -> Page:
    """Parse HTML as a browser does (the WHATWG algorithm of html5lib) and collect the page's own styles.

    Never fails on broken markup: unclosed, misnested and stray tags end up where a browser puts them. The walk
    is iterative, so a page of thousands of unclosed tags does not exhaust Python's recursion limit.
    """
    from bs4 import BeautifulSoup, Tag  # imported on first use: starting the CLI stays free of the parsers

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    soup = BeautifulSoup(text, "html5lib")
    positions = _Positions(text)
    rows: list[dict] = []
    ids: dict[str, int] = {}
    styles: list[StyleRule] = []
    inline: list[StyleRule] = []
    root = soup.find("html")
    stack: list[tuple[Tag, int | None, str, str]] = [(root, None, "", "")] if isinstance(root, Tag) else []
    while stack:
        tag, parent, parent_selector, nth = stack.pop()
        index = len(rows)
        line, col = positions.locate(tag.name, tag.sourceline, tag.sourcepos)
        segment = _segment(tag, nth)
        if tag.name in ("html", "head", "body") or "#" in segment:
            selector = tag.name if tag.name in ("html", "head", "body") else segment
        else:
            selector = f"{parent_selector} > {segment}" if parent_selector else segment
        attrs = {k.lower(): " ".join(v) if isinstance(v, list) else str(v) for k, v in tag.attrs.items()}
        if "id" in attrs:
            ids.setdefault(attrs["id"], index)
        if tag.name == "style" and attrs.get("type", "text/css").lower() in ("text/css", ""):
            close = text.find(">", positions.offset(line, col - 1))
            css_line, css_col = positions.line_col(close + 1 if close >= 0 else 0)
            styles.extend(parse_css("".join(str(c) for c in tag.children), path, media=attrs.get("media", ""), line=css_line, col=css_col))
        if "style" in attrs:
            inline.append(parse_inline(attrs["style"], path, line, col))
        parts: list[str | Tag] = [c if isinstance(c, Tag) else str(c) for c in tag.children
                                  if isinstance(c, Tag) or type(c).__name__ in ("NavigableString", "CData")]
        rows.append({"tag": tag.name, "attrs": attrs, "line": line, "col": col, "selector": selector,
                     "parent": parent, "parts": parts, "children": []})
        if parent is not None:
            rows[parent]["children"].append(index)
        tags = [p for p in parts if isinstance(p, Tag)]
        for child, child_nth in reversed(list(zip(tags, _nth(tags), strict=True))):
            stack.append((child, index, selector, child_nth))
    # Texts bottom-up: a child always has a larger index than its parent.
    texts: list[str] = [""] * len(rows)
    for index in range(len(rows) - 1, -1, -1):
        row = rows[index]
        if row["tag"] in _SKIP_TEXT:
            continue
        children = iter(row["children"])
        pieces = []
        for part in row["parts"]:
            if isinstance(part, str):
                pieces.append(part)
            else:
                child = next(children)
                pieces.append(f" {texts[child]} " if rows[child]["tag"] in _BLOCK else texts[child])
        texts[index] = _SPACE.sub(" ", "".join(pieces))  # edge spaces kept: they separate words of inline neighbours
    elements = tuple(Element(i, r["tag"], MappingProxyType(r["attrs"]), texts[i].strip(), r["line"], r["col"], r["selector"],
                             r["parent"], tuple(r["children"])) for i, r in enumerate(rows))
    return Page(path, elements, tuple(styles) + tuple(inline), (), MappingProxyType(ids))
