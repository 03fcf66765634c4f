"""The six Russian readability indices and the median grade; coefficients are data (rules/text/readability.yaml)."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Any

from ccaudit.text.counts import Counts
from ccaudit.text.data import load

READABILITY_FILE = "readability.yaml"
PROFILES_FILE = "profiles.yaml"


@dataclass(frozen=True, slots=True)
class Indices:
    """Unrounded values; None when the text has no word or no sentence."""

    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    coleman_liau: float | None
    ari: float | None
    smog: float | None
    dale_chall: float | None
    median_grade: float | None
    """Median of the five grade formulas (all but reading ease)."""


@dataclass(frozen=True, slots=True)
class SegmentLimits:
    median_grade: float
    fre_min: float
    max_sentence_words: int
    avg_sentence_words: float


def _sets() -> dict[str, Any]:
    return dict(load(READABILITY_FILE)["sets"])


def coefficient_sets() -> tuple[str, ...]:
    """Names of the coefficient sets of rules/text/readability.yaml."""
    return tuple(sorted(_sets()))


def readability(counts: Counts, coefficients: str = "plainrussian") -> Indices:
    """The indices of docs/methodology.md for these counts, with the named coefficient set."""
    sets = _sets()
    if coefficients not in sets:
        raise ValueError(f"unknown coefficient set '{coefficients}'; known: {', '.join(sorted(sets))}")
    if counts.words == 0 or counts.sentences == 0:
        return Indices(None, None, None, None, None, None, None)
    k = sets[coefficients]
    words, sents = counts.words, counts.sentences
    asl, asw, per_word = words / sents, counts.syllables / words, counts.letters / words
    fre = k["flesch_reading_ease"]
    fk = k["flesch_kincaid_grade"]
    cl = k["coleman_liau"]
    ari = k["ari"]
    smog = k["smog"]
    dc = k["dale_chall"]
    values = {
        "flesch_reading_ease": fre["base"] - fre["asl"] * asl - fre["asw"] * asw,
        "flesch_kincaid_grade": fk["asl"] * asl + fk["asw"] * asw + fk["const"],
        "coleman_liau": cl["letters"] * 100 * per_word - cl["sentences"] * 100 * sents / words + cl["const"],
        "ari": ari["letters"] * per_word + ari["asl"] * asl + ari["const"],
        "smog": smog["factor"] * math.sqrt(smog["complex"] * counts.complex_words / sents) + smog["const"],
        "dale_chall": dc["complex"] * 100 * counts.complex_words / words + dc["asl"] * asl,
    }
    grades = [values[k] for k in ("flesch_kincaid_grade", "coleman_liau", "ari", "smog", "dale_chall")]
    return Indices(**values, median_grade=statistics.median(grades))


def segment_limits(profile: str) -> SegmentLimits:
    """Readability limits of a text profile: general, vulnerable or professional (rules/text/profiles.yaml)."""
    profiles = load(PROFILES_FILE)["profiles"]
    if profile not in profiles:
        raise ValueError(f"unknown text profile '{profile}'; known: {', '.join(sorted(profiles))}")
    return SegmentLimits(**profiles[profile])


def round_half_up(value: float, places: int = 2) -> float:
    """Display rounding of the contract: half away from zero at two decimals."""
    factor = 10 ** places
    return math.floor(abs(value) * factor + 0.5) / factor * (1 if value >= 0 else -1)
