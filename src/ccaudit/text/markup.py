"""The text a reader sees, with every character at the offset it has in the source (markup becomes spaces)."""

from __future__ import annotations

import html
import re

_BLOCK_TAG = re.compile(r"(?i)</?(p|div|li|ul|ol|h\d|br|tr|table)\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")
_HIDDEN = re.compile(r"(?is)<(style|script|head)\b.*?</\1\s*>")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_MD_BULLET = re.compile(r"(?m)^([ \t]*)[*+-](?=[ \t])")
"""A Markdown bullet becomes «•» (same length), so list items still end sentences and are not special symbols."""
_MD_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
_MD_MARK = re.compile(r"(?m)^([ \t]*)(#{1,6}|>)(?=[ \t])|(\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)|(?<=\S)_(?![\w_]))")


def _blank(match: re.Match[str]) -> str:
    return "".join("\n" if c == "\n" else " " for c in match.group(0))


def visible(text: str, fmt: str = "plain") -> str:
    """HTML without tags, hidden blocks and with entities decoded; Markdown without its markup. The result has the same
    length as `text` and every visible character keeps its offset, so defects map back to the source exactly.
    Block-level HTML tags become blank lines' worth of line breaks when they are long enough, else spaces."""
    if fmt == "html":
        text = _HIDDEN.sub(_blank, text)
        text = _BLOCK_TAG.sub(lambda m: "\n\n" + " " * (len(m.group(0)) - 2) if len(m.group(0)) >= 2 else " ", text)
        text = _TAG.sub(_blank, text)

        def entity(m: re.Match[str]) -> str:
            char = html.unescape(m.group(0))
            return (char if len(char) == 1 else " ") + " " * (len(m.group(0)) - 1)

        return _ENTITY.sub(entity, text)
    if fmt == "markdown":
        text = _MD_LINK.sub(lambda m: " " + m.group(1) + " " * (len(m.group(0)) - len(m.group(1)) - 1), text)
        text = _MD_BULLET.sub(lambda m: m.group(1) + "•", text)
        return _MD_MARK.sub(lambda m: (m.group(1) or "") + " " * (len(m.group(0)) - len(m.group(1) or "")), text)
    return text
