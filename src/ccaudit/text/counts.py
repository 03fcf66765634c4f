"""The counting contract: normalisation, words, sentences, syllables, letters, complex and long words.

Every span is an offset into the ORIGINAL string given to `count`/`sentences`, whatever normalisation removed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from razdel import sentenize, tokenize

VOWELS = frozenset("аеёиоуыэюяАЕЁИОУЫЭЮЯ")
DROPPED = frozenset("\u00ad\u0301")
"""Soft hyphen and combining acute (stress mark): deleted before counting."""
_LIST_ITEM = re.compile(r"[ \t]*(?:\d{1,3}[.)]|[-•*–—]|#{1,6})[ \t]+")


@dataclass(frozen=True, slots=True)
class Counts:
    """What the readability formulas need, counted by the contract of docs/methodology.md."""

    chars: int
    chars_no_spaces: int
    letters: int
    words: int
    sentences: int
    syllables: int
    complex_words: int
    """Words of five or more syllables."""
    long_words: int
    """Words of seven or more letters."""


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    words: int


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str
    """The normalised form as written (case kept)."""


def normalise(text: str) -> tuple[str, Sequence[int]]:
    """NFC without soft hyphens and stress marks, and for each character of the result its offset in `text`."""
    if "\u00ad" not in text and "\u0301" not in text and unicodedata.is_normalized("NFC", text):
        return text, range(len(text))
    out: list[str] = []
    where: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]) and text[j] not in DROPPED:
            j += 1
        cluster = "".join(c for c in text[i:j] if c not in DROPPED)
        if cluster:
            for c in unicodedata.normalize("NFC", cluster):
                out.append(c)
                where.append(i)
        while j < len(text) and text[j] in DROPPED:
            j += 1
        i = j
    return "".join(out), where


def blocks(text: str) -> list[tuple[int, int]]:
    """Spans that no sentence crosses: paragraphs (separated by blank lines), and each list item or heading line."""
    spans: list[tuple[int, int]] = []
    start = pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if not stripped or _LIST_ITEM.match(line):
            if pos > start:
                spans.append((start, pos))
            start = pos if stripped else pos + len(line)
        pos += len(line)
        if stripped and line.lstrip().startswith("#"):
            spans.append((start, pos))
            start = pos
    if pos > start:
        spans.append((start, pos))
    return spans


_NO_VOWELS = str.maketrans({c: None for c in VOWELS})
_SPACE = re.compile(r"\s")


def syllables(word: str) -> int:
    """The number of vowel letters (аеёиоуыэюя, either case)."""
    return len(word) - len(word.translate(_NO_VOWELS))


def letters(text: str) -> int:
    """Characters for which str.isalpha() is true."""
    return sum(map(str.isalpha, text))


_CHUNK = re.compile(r"\S+")
_SIMPLE = re.compile(r"([«„“\"(]*)([а-яёА-ЯЁ]+|[a-zA-Z]+)([»“”\"),.;:!?]*)")
"""A chunk between spaces that is one word with only opening quotes or brackets before it and closing punctuation
after it: razdel makes exactly that word of it."""


def _words(norm: str) -> list[tuple[int, int, str]]:
    """razdel's word tokens that contain a letter, as (start, stop, text).

    razdel never makes a token across whitespace, so each chunk between spaces is tokenised on its own: a simple
    chunk (_SIMPLE: Cyrillic or Latin letters, not mixed: razdel splits scripts) directly, any other with razdel over the chunk and its two neighbours (its rules
    look at the next token, e.g. «UI- и UX-дизайн»). Same tokens as razdel.tokenize on the whole text, checked on the
    1 M-word benchmark corpus and by tests/text/test_counts_fast.py; about 1.7× faster.
    """
    out: list[tuple[int, int, str]] = []
    chunks = [(m.start(), m.end()) for m in _CHUNK.finditer(norm)]
    for i, (a, b) in enumerate(chunks):
        simple = _SIMPLE.fullmatch(norm, a, b)
        if simple:
            out.append((simple.start(2), simple.end(2), simple.group(2)))
            continue
        lo = chunks[i - 1][0] if i else a
        hi = chunks[i + 1][1] if i + 1 < len(chunks) else b
        out.extend((lo + t.start, lo + t.stop, t.text) for t in tokenize(norm[lo:hi])
                   if a <= lo + t.start and lo + t.stop <= b and any(c.isalpha() for c in t.text))
    return out


def _words_razdel(norm: str) -> list[tuple[int, int, str]]:
    """The reference _words is checked against."""
    return [(t.start, t.stop, t.text) for t in tokenize(norm) if any(c.isalpha() for c in t.text)]


def _analyse(text: str) -> tuple[str, Sequence[int], list[tuple[int, int, str]], list[tuple[int, int, int]]]:
    norm, where = normalise(text)
    words = _words(norm)
    spans: list[tuple[int, int, int]] = []
    w = 0
    for b_start, b_end in blocks(norm):
        for s in sentenize(norm[b_start:b_end]):
            start, stop = b_start + s.start, b_start + s.stop
            while w < len(words) and words[w][0] < start:
                w += 1
            first = w
            while w < len(words) and words[w][1] <= stop:
                w += 1
            if w > first:
                spans.append((start, stop, w - first))
    return norm, where, words, spans


def _orig(where: Sequence[int], text: str, offset: int) -> int:
    return where[offset] if offset < len(where) else len(text)


def analyse_counts(text: str) -> tuple[Counts, tuple[Sentence, ...], tuple[Word, ...], str, Sequence[int]]:
    """Counts, sentences and words of `text` (spans in the original), the normalised text and its offset map."""
    norm, where, words, spans = _analyse(text)
    syl = [syllables(w) for _, _, w in words]
    counts = Counts(
        chars=len(norm), chars_no_spaces=len(norm) - len(_SPACE.findall(norm)), letters=letters(norm),
        words=len(words), sentences=len(spans), syllables=sum(syl), complex_words=sum(1 for s in syl if s >= 5),
        long_words=sum(1 for _, _, w in words if len(w) >= 7 and letters(w) >= 7))
    sents = tuple(Sentence(_orig(where, text, a), _orig(where, text, b - 1) + 1 if b > a else _orig(where, text, a), n)
                  for a, b, n in spans)
    toks = tuple(Word(_orig(where, text, a), _orig(where, text, b - 1) + 1, w) for a, b, w in words)
    return counts, sents, toks, norm, where


def count(text: str) -> Counts:
    """The counts of the contract (docs/methodology.md)."""
    return analyse_counts(text)[0]


def sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences that contain a word, as spans of the original text."""
    return analyse_counts(text)[1]


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset inside `text` (lines end at \\n)."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
