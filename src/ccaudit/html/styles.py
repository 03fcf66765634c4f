"""Stylesheets of a saved page as flat rules: selector, declarations, the media they apply to and where they are."""

from __future__ import annotations

from dataclasses import dataclass

import tinycss2  # small and pure Python; imported with the checks


@dataclass(frozen=True, slots=True)
class StyleRule:
    """One qualified rule (or an inline `style=""`), flattened out of any `@media` blocks around it."""

    selector: str
    """The rule's selector as written, whitespace collapsed ("a:visited", ".field label::after"); "" for inline styles."""
    declarations: tuple[tuple[str, str], ...]
    """(property in lower case, value as written) in source order."""
    media: str
    """The media condition it applies under ("print", "(max-width: 600px)"), "" for all media; nested ones joined by " and "."""
    path: str
    """Repository-relative file the rule is written in (the page itself for `<style>` and `style=""`)."""
    line: int
    """1-based line of the rule's start in that file."""
    col: int
    """1-based column."""

    def get(self, name: str) -> str | None:
        """The last value of a property, or None."""
        found = None
        for prop, value in self.declarations:
            if prop == name:
                found = value
        return found


def _squash(tokens: list) -> str:
    return " ".join(tinycss2.serialize(tokens).split())


def _declarations(content: list) -> tuple[tuple[str, str], ...]:
    found = []
    for node in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if node.type == "declaration":
            found.append((node.lower_name, _squash(node.value)))
    return tuple(found)


def _rules(nodes: list, media: str, path: str, line0: int, col0: int, out: list[StyleRule]) -> None:
    for node in nodes:
        if node.type == "qualified-rule":
            line = line0 + node.source_line - 1
            col = node.source_column + (col0 - 1 if node.source_line == 1 else 0)
            out.append(StyleRule(_squash(node.prelude), _declarations(node.content), media, path, line, col))
        elif node.type == "at-rule" and node.lower_at_keyword in ("media", "supports") and node.content is not None:
            condition = _squash(node.prelude) if node.lower_at_keyword == "media" else ""
            inner = " and ".join(c for c in (media, condition) if c)
            children = tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
            _rules(children, inner, path, line0, col0, out)
        elif node.type == "at-rule" and node.lower_at_keyword == "media":
            continue


def parse_css(text: str, path: str, *, media: str = "", line: int = 1, col: int = 1) -> tuple[StyleRule, ...]:
    """The rules of a stylesheet that starts at `line`:`col` of `path` (a `<style>` element's text, or a .css file).

    Broken CSS is skipped rule by rule as browsers skip it (tinycss2 follows CSS Syntax Level 3).
    """
    out: list[StyleRule] = []
    nodes = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    _rules(nodes, media, path, line, col, out)
    return tuple(out)


def parse_inline(text: str, path: str, line: int, col: int) -> StyleRule:
    """A `style=""` attribute as a rule without selector, located at its element."""
    nodes = tinycss2.parse_blocks_contents(text, skip_comments=True, skip_whitespace=True)
    declarations = tuple((n.lower_name, _squash(n.value)) for n in nodes if n.type == "declaration")
    return StyleRule("", declarations, "", path, line, col)
