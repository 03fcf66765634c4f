"""Plain-language defects (4.6.3.3, 4.6.4.4, 4.6.4.5): lexicon matches and morphological detectors, with exact spans.

Lexicons are data (rules/text/lexicons/*.yaml, one family per file): a `phrase` entry matches a sequence of
words (lower-cased, ё as е, a trailing `*` matches any ending), a `lemma` entry matches any form of a word through
pymorphy3. The detectors written here are those a word list cannot express: verbal-noun and genitive chains, split
predicates, short passive participles, several negations in a sentence, capitals, symbols, legal references,
unexpanded abbreviations, synonyms in one text, long sentences.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ccaudit.text.counts import Sentence, Word
from ccaudit.text.data import lexicon_files, load
from ccaudit.text.morph import fold, parse


@dataclass(frozen=True, slots=True)
class Defect:
    """One defect: where it is (offsets into the original text), what it is and what to write instead."""

    pattern: str
    """Detector or lexicon entry id: "compound_preposition.v_celyah"."""
    family: str
    start: int
    end: int
    text: str
    suggestion: str
    severity: str
    clause: str


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    family: str
    words: tuple[str, ...]
    """Phrase words (folded; a trailing * is a prefix) or the lemma alone."""
    lemma: bool
    suggest: str
    severity: str
    clause: str


@dataclass(frozen=True, slots=True)
class Lexicons:
    phrases: dict[str, list[Entry]]
    """Entries by their first word; an entry whose first word is a prefix (ends with *) under "*" + its first two letters."""
    lemmas: dict[str, list[Entry]]
    groups: list[tuple[str, str, tuple[tuple[str, ...], ...], str, str, str]]
    """(id, family, members as folded word tuples, suggestion, severity, clause)."""
    known_abbreviations: frozenset[str]
    families: frozenset[str]


@cache
def lexicons() -> Lexicons:
    phrases: dict[str, list[Entry]] = {}
    lemmas: dict[str, list[Entry]] = {}
    groups = []
    known: set[str] = set()
    families: set[str] = set()
    for rel in lexicon_files():
        data: dict[str, Any] = load(rel)
        family, clause, severity = data["family"], data.get("clause", "4.6.4.5"), data.get("severity", "warning")
        families.add(family)
        known |= set(data.get("known") or ())
        for e in data.get("entries") or []:
            if "lemma" in e:
                entry = Entry(f"{family}.{e['id']}", family, (fold(e["lemma"]),), True, e["suggest"], e.get("severity", severity), clause)
                lemmas.setdefault(entry.words[0], []).append(entry)
            else:
                words = tuple(fold(w) for w in e["phrase"].split())
                entry = Entry(f"{family}.{e['id']}", family, words, False, e["suggest"], e.get("severity", severity), clause)
                key = "*" + words[0][:2] if words[0].endswith("*") else words[0]
                phrases.setdefault(key, []).append(entry)
        for g in data.get("groups") or []:
            members = tuple(tuple(fold(w) for w in m.split()) for m in g["members"])
            groups.append((f"{family}.{g['id']}", family, members, g["suggest"], g.get("severity", severity), clause))
    return Lexicons(phrases, lemmas, groups, frozenset(known), frozenset(families))


def _word_matches(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def _make(text: str, pattern: str, family: str, start: int, end: int, suggest: str, severity: str, clause: str) -> Defect:
    return Defect(pattern, family, start, end, text[start:end], suggest, severity, clause)


def lexicon_defects(text: str, words: Sequence[Word], folded: Sequence[str]) -> Iterator[Defect]:
    lex = lexicons()
    taken: set[tuple[str, int]] = set()
    for i, form in enumerate(folded):
        candidates = lex.phrases.get(form, []) + lex.phrases.get("*" + form[:2], [])
        for entry in candidates:
            n = len(entry.words)
            if i + n <= len(folded) and all(_word_matches(p, folded[i + k]) for k, p in enumerate(entry.words)):
                if (entry.family, i) not in taken:
                    taken.add((entry.family, i))
                    yield _make(text, entry.id, entry.family, words[i].start, words[i + n - 1].end, entry.suggest,
                                entry.severity, entry.clause)
        for entry in lex.lemmas.get(parse(form).lemma, []):
            if (entry.family, i) not in taken:
                taken.add((entry.family, i))
                yield _make(text, entry.id, entry.family, words[i].start, words[i].end, entry.suggest, entry.severity, entry.clause)


# --- morphology -----------------------------------------------------------------------------------------------------

VERBAL_NOUN_ENDINGS = ("ние", "тие", "ция")
LEXICALISED = frozenset({
    "заявление", "обращение", "решение", "учреждение", "управление", "отделение", "здание", "мнение", "внимание",
    "положение", "отношение", "значение", "образование", "уведомление", "удостоверение", "течение", "свидетельство",
    "помещение", "население", "знание", "условие", "событие", "предприятие", "отчество", "сведение", "явление",
    "требование", "наименование", "объявление", "предложение", "поручение", "министерство", "администрация",
    "организация", "информация", "станция", "позиция", "полиция", "операция", "квалификация", "комиссия", "пенсия",
})
LIGHT_VERBS = frozenset({
    "осуществлять", "осуществить", "производить", "произвести", "проводить", "провести", "оказывать", "оказать",
    "принимать", "принять", "давать", "дать", "нести", "подвергать", "подвергнуть", "совершать", "совершить",
    "выполнять", "выполнить", "осуществляться", "производиться", "проводиться", "оказываться", "приниматься",
})
ACTION_NOUNS = frozenset({
    "помощь", "поддержка", "контроль", "ремонт", "анализ", "проверка", "оплата", "выплата", "работа", "мера", "участие",
    "решение", "оценка", "учет", "выдача", "регистрация", "ответственность", "разъяснение", "согласие", "содействие",
    "представление", "рассмотрение", "направление", "предоставление", "начисление", "назначение",
})
PREPOSITIONS = frozenset({"в", "во", "на", "о", "об", "по", "с", "со", "к", "ко", "за", "из", "для", "от", "до", "при", "без"})
NEGATIONS = frozenset({"не", "ни", "нет", "без"})
GENITIVE_CHAIN = 4
"""Nouns in the genitive in a row that make a chain (catalogue #3: «исполнением поручения о проведении проверки …»)."""


def _joined(text: str, a: Word, b: Word) -> bool:
    """Only spaces between two words (a comma or a dash ends a chain)."""
    return not text[a.end:b.start].strip()


def is_verbal_noun(form: str) -> bool:
    p = parse(form)
    return p.pos == "NOUN" and p.lemma.endswith(VERBAL_NOUN_ENDINGS) and p.lemma not in LEXICALISED


def morphology_defects(text: str, words: Sequence[Word], folded: Sequence[str], sentences: Sequence[Sentence]) -> Iterator[Defect]:
    parses = [parse(f) for f in folded]
    # verbal-noun chains: two verbal nouns in a row, the second in the genitive (or after «о» in the locative)
    i = 0
    while i < len(folded) - 1:
        j = i + 2 if folded[i + 1] in ("о", "об") and i + 2 < len(folded) else i + 1
        if is_verbal_noun(folded[i]) and is_verbal_noun(folded[j]) and ({"gent", "loct"} & parses[j].grammemes):
            end = j
            while end + 1 < len(folded) and is_verbal_noun(folded[end + 1]) and "gent" in parses[end + 1].grammemes:
                end += 1
            yield _make(text, "verbal_noun_chain", "verbal_noun_chain", words[i].start, words[end].end,
                        "замените существительные глаголами: «рассмотрели заявление»", "warning", "4.6.4.5")
            i = end + 1
            continue
        i += 1
    # genitive chains: four or more nouns in the genitive in a row (adjectives between allowed), no punctuation between
    i = 0
    while i < len(parses):
        j, nouns, last = i, 0, -1
        while j < len(parses) and "gent" in parses[j].grammemes and parses[j].pos in ("NOUN", "ADJF", "PRTF") \
                and (j == i or _joined(text, words[j - 1], words[j])):
            if parses[j].pos == "NOUN":
                nouns, last = nouns + 1, j
            j += 1
        if nouns >= GENITIVE_CHAIN:
            head = i - 1 if i > 0 and parses[i - 1].pos == "NOUN" and _joined(text, words[i - 1], words[i]) else i
            yield _make(text, "genitive_chain", "genitive_chain", words[head].start, words[last].end,
                        "разбейте на два предложения или замените часть слов глаголами", "warning", "4.6.4.5")
            i = last + 1
            continue
        i += 1
    # split predicates: a light verb within three words of an action noun not governed by a preposition
    for i, p in enumerate(parses):
        if p.lemma not in LIGHT_VERBS and not (p.pos in ("PRTF", "PRTS", "GRND") and _light_participle(p.lemma)):
            continue
        for j in range(max(0, i - 3), min(len(parses), i + 4)):
            if j == i or parses[j].pos != "NOUN":
                continue
            if not (parses[j].lemma in ACTION_NOUNS or is_verbal_noun(folded[j])):
                continue
            if j > 0 and folded[j - 1] in PREPOSITIONS:
                continue
            a, b = sorted((i, j))
            yield _make(text, "split_predicate", "split_predicate", words[a].start, words[b].end,
                        "один глагол: «оказать помощь» → «помочь», «произвести выплату» → «выплатить»", "warning", "4.6.4.5")
            break
    # short passive participles: with «быть» before them (analytic passive, catalogue #9) a warning; alone info,
    # since a short plain sentence («Пособие назначено») is acceptable (catalogue #10)
    for i, p in enumerate(parses):
        if p.pos == "PRTS" and "pssv" in p.grammemes:
            start = next((k for k in (i - 1, i - 2) if k >= 0 and parses[k].lemma == "быть"), i)
            yield _make(text, "passive.short_participle", "passive", words[start].start, words[i].end,
                        "скажите, кто действует: «мы рассмотрели», «вам назначили»", "warning" if start < i else "info", "4.6.4.5")
    # two or more negations in one sentence
    negations = [k for k, f in enumerate(folded) if f in NEGATIONS]
    for s in sentences:
        idx = [k for k in negations if s.start <= words[k].start < s.end]
        if len(idx) >= 2:
            yield _make(text, "negation.several", "negation", words[idx[0]].start, words[idx[-1]].end,
                        "скажите, что можно сделать, без отрицаний", "warning", "4.6.4.5")


def _light_participle(lemma: str) -> bool:
    return any(lemma.startswith(v[:-2]) for v in ("осуществлять", "производить", "проводить", "оказывать"))


# --- surface -------------------------------------------------------------------------------------------------------

_LEGAL = re.compile(
    r"(?i)(?<!\w)(?:ст\.\s*\d+|стать[яиеюей]\w*\s+\d+|ч\.\s*\d+|част[ьию]\w*\s+\d+|п\.\s*\d+|пункт\w*\s+\d+|подпункт\w*|"
    r"федеральн\w+\s+закон\w*|№\s*\d+-ФЗ|постановлени\w+\s+правительства|административн\w+\s+регламент\w*|"
    r"от\s+\d{2}\.\d{2}\.\d{4}(?:\s*г\.)?\s*№\s*[\w-]+)")
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\U0001F000-\U0001F2FF]")
_REPEATED = re.compile(r"[!?]{2,}")
_SPECIAL = re.compile(r"[§*#@&~^_|<>{}\[\]=+\\]")
_ABBR = re.compile(r"(?<![\w-])([А-ЯЁ]{2,6})(?![\w-])")


def surface_defects(text: str, visible: str, words: Sequence[Word], sentences: Sequence[Sentence], known: Collection[str],
                    long_sentence: int) -> Iterator[Defect]:
    last = -100
    for m in _LEGAL.finditer(visible):
        if m.start() - last > 40:
            yield _make(text, "legal_reference", "legal_reference", m.start(), m.end(),
                        "объясните своими словами; реквизиты акта — не больше одного раза", "warning", "4.6.4.4")
        last = m.end()
    for m in _EMOJI.finditer(visible):
        yield _make(text, "emoji", "emoji", m.start(), m.end(), "уберите смайлик", "warning", "4.6.4.5")
    for m in _REPEATED.finditer(visible):
        yield _make(text, "exclamation.repeated", "exclamation", m.start(), m.end(), "один знак", "warning", "4.6.4.5")
    for m in _SPECIAL.finditer(visible):
        yield _make(text, "special_symbol", "special_symbol", m.start(), m.end(), "уберите символ или замените словом",
                    "warning", "4.6.4.5")
    seen: set[str] = set()
    for m in _ABBR.finditer(visible):
        abbr = m.group(1)
        if abbr in seen or abbr in known:
            continue
        seen.add(abbr)
        if not _expanded(visible, abbr):
            yield _make(text, f"abbreviation.{abbr}", "abbreviation", m.start(), m.end(),
                        f"расшифруйте при первом упоминании: «полное название ({abbr})»", "warning", "4.6.4.5")
    for w in words:
        letters = [c for c in w.text if c.isalpha()]
        if len(letters) >= 7 and all(c.isupper() for c in letters) and w.text not in known:
            yield _make(text, "caps", "caps", w.start, w.end, "пишите строчными буквами", "warning", "4.6.4.5")
    for s in sentences:
        if s.words > long_sentence:
            yield _make(text, "long_sentence", "long_sentence", s.start, s.end,
                        f"разбейте на предложения короче {long_sentence} слов", "info", "4.6.4.5")


def _expanded(text: str, abbr: str) -> bool:
    """«полное название (МФЦ)», «МФЦ (полное название)», «МФЦ — это …»."""
    esc = re.escape(abbr)
    return bool(re.search(rf"\w[\w\s«»\"-]*\(\s*{esc}\s*\)|{esc}\s*\(\s*[а-яё]|{esc}\s*[—–-]\s+(это\s+)?[а-яё]", text))


def synonym_defects(text: str, words: Sequence[Word], folded: Sequence[str]) -> Iterator[Defect]:
    lemmas = [parse(f).lemma for f in folded]
    starts: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    groups = lexicons().groups
    for g, (_, _, members, _, _, _) in enumerate(groups):
        for m in members:
            starts.setdefault(m[0], []).append((g, m))
    first: dict[int, dict[tuple[str, ...], int]] = {}
    for i in range(len(lemmas)):
        for key in {lemmas[i], folded[i]}:
            for g, m in starts.get(key, ()):
                if i + len(m) <= len(lemmas) and all(lemmas[i + k] == m[k] or folded[i + k] == m[k] for k in range(len(m))):
                    first.setdefault(g, {}).setdefault(m, i)
    for g, found in sorted(first.items()):
        if len(found) < 2:
            continue
        gid, family, _, suggest, severity, clause = groups[g]
        ordered = sorted(found.items(), key=lambda kv: kv[1])
        names = " / ".join(text[words[i].start:words[i + len(m) - 1].end] for m, i in ordered)
        m1, i1 = ordered[1]
        start, end = words[i1].start, words[i1 + len(m1) - 1].end
        yield Defect(gid, family, start, end, text[start:end], f"{names}: {suggest}", severity, clause)
