"""Counting texts without language analysis: words, sentences and the counts readability limits bound.

One counting for every check (written answers, social answers, call scripts). The Russian text analysis will
replace it with the counting contract of docs/methodology.md; until then these are the rules.
"""

from __future__ import annotations

import re

SLOT = re.compile(r"\{([^{}]*)\}")
"""A template slot such as {дата}: it counts as the words of its name."""
_WORD = re.compile(r"[^\W_]+(?:[-‐][^\W_]+|(?<=\d)[:.,/]\d+)*")
_PHONE_NUMBER = re.compile(r"\+?\d[\d ()\-–]{5,}\d")
_ABBREVIATIONS = frozenset({"г", "гг", "ул", "д", "корп", "кв", "стр", "п", "пп", "ст", "ч", "руб", "коп", "тел", "им", "т", "е",
                            "др", "пр", "просп", "пер", "обл", "р", "н", "с", "мин", "сек", "каб", "эт", "см", "рис", "т.е", "т.д"})
_BREAK = re.compile(r"([.!?…]+)(\s+)|\n[ \t]*\n+")


def words(text: str) -> list[str]:
    """Words: runs of letters and digits; hyphenated compounds, times, dates and phone numbers count as one word; {slot}
    names count as their words."""
    return _WORD.findall(_PHONE_NUMBER.sub("0", SLOT.sub(r"\1", text)))


_LIST_MARK = re.compile(r"(?m)^[ \t]*(?:\d+[.)]|[-•*–—])[ \t]+")


def sentences(text: str) -> list[str]:
    """Sentences split after . ! ? … (not after «г.», «ул.», «т. е.»), at blank lines and at list items; pieces
    without letters are dropped."""
    text = _LIST_MARK.sub("\n\n", text)
    out, start = [], 0
    for match in _BREAK.finditer(text):
        if match.group(1) == ".":
            before = re.search(r"([^\W\d_]+)$", text[start:match.start()])
            if before and before.group(1) in _ABBREVIATIONS:
                continue
        out.append(text[start:match.start() + len(match.group(1) or "")])
        start = match.end()
    out.append(text[start:])
    return [" ".join(s.split()) for s in out if any(c.isalpha() for c in s)]


def text_counts(text: str) -> dict[str, int]:
    """The counts readability_limits can bound: characters, letters, words, sentences, the longest sentence in words."""
    parts = sentences(text)
    return {"max_chars": len(" ".join(text.split())), "max_letters": sum(c.isalpha() for c in text), "max_words": len(words(text)),
            "max_sentences": len(parts), "max_words_per_sentence": max((len(words(s)) for s in parts), default=0)}
