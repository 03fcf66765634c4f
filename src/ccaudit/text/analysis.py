"""`analyse(text)`: counts, indices, sentences and defects of one text, with densities."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from ccaudit.text.counts import Counts, Sentence, analyse_counts
from ccaudit.text.defects import Defect, lexicon_defects, lexicons, morphology_defects, surface_defects, synonym_defects
from ccaudit.text.markup import visible
from ccaudit.text.morph import fold
from ccaudit.text.readability import Indices, readability

LONG_SENTENCE = 25
"""Words above which a sentence is reported as long (info); segment limits are the rules' business."""


@dataclass(frozen=True, slots=True)
class Analysis:
    text: str
    """The visible text (markup blanked out; same length and offsets as the input)."""
    counts: Counts
    indices: Indices
    sentences: tuple[Sentence, ...]
    defects: tuple[Defect, ...]
    densities: Mapping[str, float]
    """Family → defects per 100 words."""


def analyse(text: str, *, fmt: str = "plain", coefficients: str = "plainrussian",
            families: Collection[str] | None = None) -> Analysis:
    """Analyse one text. `fmt` plain | markdown | html: markup is not counted; every offset points into `text`.
    `families` limits the detectors run (None: all)."""
    seen = visible(text, fmt)
    counts, sentences, words, _norm, _where = analyse_counts(seen)
    folded = [fold(w.text) for w in words]
    want = set(families) if families is not None else None
    found: list[Defect] = []
    found += lexicon_defects(text, words, folded)
    found += morphology_defects(text, words, folded, sentences)
    found += surface_defects(text, seen, words, sentences, lexicons().known_abbreviations, LONG_SENTENCE)
    found += synonym_defects(text, words, folded)
    if want is not None:
        found = [d for d in found if d.family in want]
    found.sort(key=lambda d: (d.start, d.end, d.family, d.pattern))
    per = Counter(d.family for d in found)
    densities = {f: 100 * n / counts.words for f, n in sorted(per.items())} if counts.words else {}
    return Analysis(seen, counts, readability(counts, coefficients), sentences, tuple(found), densities)
