"""pymorphy3, once per process, with a cache on the lower-cased form (the notes measured 8k → 73k+ words/s)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import pymorphy3


@dataclass(frozen=True, slots=True)
class Parse:
    lemma: str
    """Normal form, lower case, ё written as е."""
    pos: str | None
    grammemes: frozenset[str]


@cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def fold(word: str) -> str:
    """Lower case first, then ё → е (upper-case «Ё» exists in real texts)."""
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=200_000)
def parse(word: str) -> Parse:
    """The top parse of a word form (pass it folded). A word pymorphy3 cannot handle (it fails on letters without a
    Unicode name, e.g. Tangut, found by fuzzing) is its own lemma with no part of speech."""
    try:
        p = analyzer().parse(word)[0]
    except (ValueError, KeyError, IndexError):
        return Parse(fold(word), None, frozenset())
    return Parse(fold(p.normal_form), p.tag.POS, frozenset(p.tag.grammemes))
