"""The counting contract on texts counted by hand (the comments show the count), and the indices within 0.01."""

from __future__ import annotations

import math
import statistics

import pytest

from ccaudit.text import Counts, count, line_col, readability, sentences

# (text, sentences, words, syllables, letters, complex5) — every figure counted by hand:
HAND = [
    # Мы(1) назначили(4) вам(1) выплату(3); letters 2+9+3+7
    ("Мы назначили вам выплату.", 1, 4, 9, 21, 0),
    # numbers are not words; МФЦ(0) работает(4) с(0) до(1); letters 3+8+1+2
    ("МФЦ работает с 8:00 до 20:00.", 1, 4, 5, 14, 0),
    # Здравствуйте(3) Ваше(2) заявление(5) получено(4) Ответим(3) до(1) марта(2); letters 12+4+9+8+7+2+5
    ("Здравствуйте! Ваше заявление получено. Ответим до 15 марта.", 3, 7, 20, 47, 1),
    # NFD «ё» (е + U+0308) and a soft hyphen: Всё(1) получено(4); letters 3+8
    ("Все\u0308 по\u00adлучено.", 1, 2, 5, 11, 0),
    # hyphenated form is one word (8 vowels), Latin word has 0 syllables; letters 19+6+10+6
    ("Жилищно-коммунальные услуги оплачивают online.", 1, 4, 16, 41, 2),
    # a heading, two list items and a paragraph without final stops: 4 sentences
    # Что(1) взять(1) с(0) собой(2) Паспорт(2) СНИЛС(1: «И») Приходите(4) к(0) утра(2); letters 3+5+1+5+7+5+9+1+4
    ("Что взять с собой:\n1. Паспорт\n2. СНИЛС\n\nПриходите к 9 утра", 4, 9, 13, 40, 0),
    # «ст.» does not end a sentence: Срок(1) указан(3) в(0) ст(0) закона(3) Мы(1) ответим(3) за(1) дней(1); letters 4+6+1+2+6+2+7+2+4
    ("Срок указан в ст. 12 закона. Мы ответим за 30 дней.", 2, 9, 13, 34, 0),
    # Межведомственное(6) взаимодействие(6) осуществляется(6) автоматически(6); letters 16+14+14+13
    ("Межведомственное взаимодействие осуществляется автоматически.", 1, 4, 24, 57, 4),
    # Нужна(2) помощь(2) Позвоните(4) нам(1); letters 5+6+9+3
    ("Нужна помощь? Позвоните нам!", 2, 4, 9, 23, 0),
    # Откройте(3) раздел(2) Мои(2) заявления(5) и(1) нажмите(3) Подать(2); letters 8+6+3+9+1+7+6
    ("Откройте раздел «Мои заявления» и нажмите «Подать».", 1, 7, 18, 40, 1),
    # a blank line ends a sentence: Уважаемый(5) заявитель(4) Ваш(1) запрос(2) принят(2); letters 9+9+3+6+6
    ("Уважаемый заявитель\n\nВаш запрос принят", 2, 5, 14, 33, 1),
]


@pytest.mark.parametrize(("text", "sents", "words", "syllables", "letters", "complex5"), HAND)
def test_counts_match_the_hand_count(text: str, sents: int, words: int, syllables: int, letters: int, complex5: int) -> None:
    c = count(text)
    assert (c.sentences, c.words, c.syllables, c.letters, c.complex_words) == (sents, words, syllables, letters, complex5)


@pytest.mark.parametrize(("text", "sents", "words", "syllables", "letters", "complex5"), HAND)
def test_indices_follow_the_written_formulas(text: str, sents: int, words: int, syllables: int, letters: int,
                                             complex5: int) -> None:
    asl, asw, per_word = words / sents, syllables / words, letters / words
    expected = {
        "flesch_reading_ease": 206.835 - 1.3 * asl - 60.1 * asw,
        "flesch_kincaid_grade": 0.318 * asl + 14.2 * asw - 30.5,
        "coleman_liau": 0.055 * 100 * per_word - 0.35 * 100 * sents / words - 20.33,
        "ari": 6.26 * per_word + 0.2805 * asl - 31.04,
        "smog": 1.1 * math.sqrt(64.6 * complex5 / sents) + 0.05,
        "dale_chall": 0.552 * 100 * complex5 / words + 0.273 * asl,
    }
    expected["median_grade"] = statistics.median(v for k, v in expected.items() if k != "flesch_reading_ease")
    got = readability(count(text))
    for name, value in expected.items():
        assert getattr(got, name) == pytest.approx(value, abs=0.01), name


def test_alternative_coefficients_are_selectable_and_unknown_ones_refused() -> None:
    c = count("Мы назначили вам выплату.")
    assert readability(c, "oborneva").flesch_kincaid_grade == pytest.approx(0.5 * 4 + 8.4 * 9 / 4 - 15.59, abs=0.01)
    with pytest.raises(ValueError, match="unknown coefficient set"):
        readability(c, "nope")


def test_no_words_gives_no_indices() -> None:
    c = count("12 345 — 8:00")
    assert c.words == 0 and readability(c).median_grade is None
    assert readability(Counts(0, 0, 0, 0, 0, 0, 0, 0)).flesch_reading_ease is None


def test_sentence_spans_point_into_the_original_text() -> None:
    text = "Все\u0308 по\u00adлучено. Ждём вас!"
    spans = sentences(text)
    assert [text[s.start:s.end] for s in spans] == ["Все\u0308 по\u00adлучено.", "Ждём вас!"]
    assert [s.words for s in spans] == [2, 2]


def test_line_col() -> None:
    assert line_col("аб\nвг", 0) == (1, 1) and line_col("аб\nвг", 4) == (2, 2)
