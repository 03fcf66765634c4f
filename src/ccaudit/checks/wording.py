"""Counting texts for the checks: a thin adapter over ccaudit.text, so that every rule counts by the one contract
of docs/methodology.md ("Russian text analysis"). Template slots such as {дата} count as the words of their name.
"""

from __future__ import annotations

import re

from ccaudit.text import count
from ccaudit.text import sentences as sentence_spans
from ccaudit.text.counts import analyse_counts

SLOT = re.compile(r"\{([^{}]*)\}")
"""A template slot such as {дата}: it counts as the words of its name."""


def _unslot(text: str) -> str:
    return SLOT.sub(lambda m: " " + m.group(1) + " ", text)


def words(text: str) -> list[str]:
    """Words by the contract: razdel tokens with a letter (numbers are not words; hyphenated forms are one word)."""
    return [w.text for w in analyse_counts(_unslot(text))[2]]


def sentences(text: str) -> list[str]:
    """Sentences by the contract (razdel, and blank lines, list items and headings end a sentence), whitespace folded."""
    plain = _unslot(text)
    return [" ".join(plain[s.start:s.end].split()) for s in sentence_spans(plain)]


def text_counts(text: str) -> dict[str, int]:
    """The counts readability_limits can bound: characters, letters, words, sentences, the longest sentence in words."""
    plain = _unslot(text)
    c = count(plain)
    return {"max_chars": len(" ".join(text.split())), "max_letters": c.letters, "max_words": c.words,
            "max_sentences": c.sentences, "max_words_per_sentence": max((s.words for s in sentence_spans(plain)), default=0)}
