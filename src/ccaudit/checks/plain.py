"""4.6.3.3, 4.6.4.4, 4.6.4.5 (and 4.6.5.5 by inheritance): plain Russian in answers, scripts and prompts.

The language work is ccaudit.text's (counting contract, indices, defect detectors with exact offsets); these checks
pick the texts of a point of contact, run the analysis once per text and turn defects into findings located at the
line and column of the words inside the template file or the YAML string that holds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.location import Location, scalar_position
from ccaudit.model.rule import Text
from ccaudit.text import Analysis, Defect, analyse, line_col, segment_limits
from ccaudit.text.counts import blocks

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
MAX_PER_TEXT = 25
"""At most this many findings per text and rule; the rest are counted in the last one."""


@dataclass(frozen=True, slots=True)
class Source:
    """One text of a point of contact."""

    label: str | Text
    """How a methodologist names it: the template id, «скрипт in-1, шаг 2», «подсказка 3»."""
    path: str
    """Item-relative path of the mapping that holds the text ("answer_templates/0", "scripts/1/steps/2")."""
    text: str
    fmt: str
    """plain, markdown, html or docx."""
    file: str | None
    """Repository-relative path when the text lives in a file."""
    segments: tuple[str, ...]
    """Segment profiles the text is written for (its own, else the point's)."""


def text_format(source: dict[str, Any]) -> str:
    """plain, html, docx or markdown: the declared format, else guessed from the file's extension."""
    declared = source.get("format")
    if isinstance(declared, str):
        return declared
    name = str(source.get("file") or "").lower()
    if name.endswith((".html", ".htm")):
        return "html"
    if name.endswith((".md", ".markdown")):
        return "markdown"
    return "plain"


def _source(ctx: CheckContext, item: Item, path: str, label: str | Text, holder: dict[str, Any]) -> Source | None:
    text = ctx.declaration.text_of(holder)
    if not text:
        return None
    file = str(holder["file"]) if not isinstance(holder.get("text"), str) and isinstance(holder.get("file"), str) else None
    segments = tuple(holder.get("segment_profile_ids") or item.get("segment_profile_ids") or ())
    return Source(label, path, text, text_format(holder), file, segments)


def sources(ctx: CheckContext, item: Item) -> list[Source]:
    """The texts of a point: call-script steps, voice prompts, else answer templates and the acknowledgement."""
    found: list[Source | None] = []
    kind = item.contact_kind
    if kind == "call_center":
        for i, script in enumerate(item.get("scripts") or []):
            for j, step in enumerate(script.get("steps") or []):
                label = Text(f"скрипт {script.get('id')}, шаг {j + 1} ({step.get('kind')})",
                             f"script {script.get('id')}, step {j + 1} ({step.get('kind')})")
                found.append(_source(ctx, item, f"scripts/{i}/steps/{j}", label, step))
    elif kind == "voice_assistant":
        for i, prompt in enumerate(item.get("prompts") or []):
            label = Text(f"подсказка {i + 1} ({prompt.get('kind')})", f"prompt {i + 1} ({prompt.get('kind')})")
            found.append(_source(ctx, item, f"prompts/{i}", label, prompt))
    else:
        for i, template in enumerate(item.get("answer_templates") or []):
            found.append(_source(ctx, item, f"answer_templates/{i}", str(template.get("id")), template))
        ack = item.get("acknowledgement/template")
        if isinstance(ack, dict):
            found.append(_source(ctx, item, "acknowledgement/template", "acknowledgement", ack))
    unique: dict[tuple[str, str | None], Source] = {}
    for s in found:
        if s is not None:
            unique.setdefault((s.text, s.file), s)
    return list(unique.values())


@lru_cache(maxsize=4096)
def analysis(text: str, fmt: str) -> Analysis:
    """One analysis per distinct text and format for the whole run: every rule reuses it."""
    return analyse(text, fmt=fmt)


def locate(ctx: CheckContext, item: Item, source: Source, offset: int) -> Location:
    """The line and column of a character offset of the source's text: in its file, or inside the YAML string."""
    if source.file is not None:
        line, col = line_col(source.text, offset)
        return Location(source.file.lstrip("./"), line, col)
    pointer = f"{item.where.pointer}/{source.path}/text"
    at = item.smap.value(pointer)
    if at.line is None or at.col is None:
        return at
    line, col = scalar_position(_yaml_source(str(ctx.declaration.root), item.smap.path), at.line, at.col, offset, source.text)
    return Location(at.path, line, col, pointer)


@lru_cache(maxsize=256)
def _yaml_source(root: str, rel: str) -> str:
    try:
        return (Path(root) / rel).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _clip(text: str, size: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[:size].rstrip() + "…"


def _defects(ctx: CheckContext, source: Source) -> list[Defect]:
    families = set(ctx.params["families"])
    floor = SEVERITY_RANK[ctx.params.get("min_severity", "warning")]
    return [d for d in analysis(source.text, source.fmt).defects
            if d.family in families and SEVERITY_RANK.get(d.severity, 0) >= floor]


def _no_texts(item: Item) -> Problem:
    return Problem(item.at(), {"reason": Text("тексты (шаблоны, скрипты, подсказки) не заявлены",
                                              "no texts (templates, scripts, prompts) are declared")}, Outcome.NO_DATA)


DEFECTS_PARAMS = {
    "type": "object",
    "required": ["families"],
    "additionalProperties": False,
    "properties": {
        "families": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "min_severity": {"enum": ["info", "warning", "error"]},
        "max_per_100_words": {"type": "number", "minimum": 0},
    },
}


@check("plain.defects", params=DEFECTS_PARAMS)
def defects(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.3.3, 4.6.4.5: texts free of the defect families named in params (канцелярит, archaisms, negations, …).

    A text fails when it has a defect of at least `min_severity` (default warning) and, when `max_per_100_words`
    is set, their density exceeds it. Each defect is a finding at its words, with the plain alternative.
    """
    texts = sources(ctx, item)
    if not texts:
        yield _no_texts(item)
        return
    limit = ctx.params.get("max_per_100_words")
    for source in texts:
        found = _defects(ctx, source)
        words = analysis(source.text, source.fmt).counts.words
        if not found or (limit is not None and words and 100 * len(found) / words <= limit):
            continue
        for n, defect in enumerate(found[:MAX_PER_TEXT], 1):
            more = len(found) - MAX_PER_TEXT if n == MAX_PER_TEXT else 0
            advice = Text(f"; проще: {defect.suggestion}" if defect.suggestion else "",
                          f"; plainer: {defect.suggestion}" if defect.suggestion else "")
            tail = Text(f" (и ещё {more})", f" (and {more} more)") if more > 0 else Text("", "")
            yield Problem(locate(ctx, item, source, defect.start),
                          {"template": source.label, "found": f"«{_clip(defect.text, 60)}»", "what": family_label(defect.family),
                           "advice": advice, "more": tail, "pattern": defect.pattern})


FAMILY_LABELS: dict[str, tuple[str, str]] = {
    "verbal_noun": ("отглагольное существительное", "verbal noun"),
    "verbal_noun_chain": ("цепочка отглагольных существительных", "chain of verbal nouns"),
    "genitive_chain": ("цепочка родительных падежей", "genitive chain"),
    "split_predicate": ("расщеплённое сказуемое", "split predicate"),
    "passive": ("страдательный залог", "passive voice"),
    "compound_preposition": ("составной предлог", "compound preposition"),
    "cliche": ("канцелярский штамп", "bureaucratic cliché"),
    "bureaucratic_word": ("канцеляризм", "bureaucratic word"),
    "archaism": ("архаизм", "archaism"),
    "jargon": ("жаргон или просторечие", "jargon or colloquialism"),
    "aggression": ("языковая агрессия", "language aggression"),
    "interjection": ("междометие", "interjection"),
    "tautology": ("тавтология", "tautology"),
    "pleonasm": ("плеоназм", "pleonasm"),
    "spelling": ("ошибка", "error"),
    "negation": ("отрицательный оборот", "negative construction"),
    "abbreviation": ("нераскрытое сокращение", "unexpanded abbreviation"),
    "term": ("сложный термин", "complex term"),
    "synonyms": ("разные слова для одного предмета", "several words for one thing"),
    "idiom": ("фразеологизм или метафора", "idiom or metaphor"),
    "vague": ("неопределённое слово", "vague word"),
    "legal_reference": ("ссылка на нормативный акт", "reference to a legal act"),
    "caps": ("слово прописными буквами", "word in capitals"),
    "special_symbol": ("специальный символ", "special symbol"),
    "exclamation": ("восклицание", "exclamation"),
    "emoji": ("смайлик", "emoji"),
    "long_sentence": ("длинное предложение", "long sentence"),
    "address_third_person": ("обращение к читателю в третьем лице", "the reader addressed in the third person"),
}


def family_label(family: str) -> Text:
    ru, en = FAMILY_LABELS.get(family, (family.replace("_", " "), family.replace("_", " ")))
    return Text(ru, en)


# --- readability against the segment's text profile (4.6.4.4-e, 4.6.4.5-a) ---------------------------------------



def profile_of(ctx: CheckContext, segments: tuple[str, ...]) -> str:
    """The strictest text profile among the segments: vulnerable before general before professional (default general)."""
    declared = {p.get("text_profile") for p in ctx.declaration.of("segment_profile") if p.ref.id in segments}
    for name in ("vulnerable", "general", "professional"):
        if name in declared:
            return name
    return "general"


PROFILE_LIMITS = {
    "type": "object", "additionalProperties": False, "required": ["justification"],
    "properties": {"median_grade": {"type": "number"}, "fre_min": {"type": "number"},
                   "justification": {"type": "string", "minLength": 10, "description": "Why the agency departs from ccaudit's limits."}},
}


@check("plain.readability", params={"type": "object", "additionalProperties": False, "properties": {"limits": {
    "type": "object", "additionalProperties": False,
    "properties": {name: PROFILE_LIMITS for name in ("general", "vulnerable", "professional")}}}})
def readability(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.4, 4.6.4.5: each answer's median grade and Flesch reading ease are within the limits of its segments'
    text profile (general, vulnerable or professional; rules/text data, refined per agency)."""
    texts = sources(ctx, item)
    if not texts:
        yield _no_texts(item)
        return
    overrides: dict[str, Any] = dict(ctx.params.get("limits") or {})
    for source in texts:
        result = analysis(source.text, source.fmt)
        grade, fre = result.indices.median_grade, result.indices.flesch_reading_ease
        if grade is None or fre is None:
            continue
        profile = profile_of(ctx, source.segments)
        limits = segment_limits(profile)
        max_grade = float(overrides.get(profile, {}).get("median_grade", limits.median_grade))
        min_fre = float(overrides.get(profile, {}).get("fre_min", limits.fre_min))
        excess = []
        if grade > max_grade:
            excess.append(Text(f"медианный класс {grade:.1f} > {max_grade:g}", f"median grade {grade:.1f} > {max_grade:g}"))
        if fre < min_fre:
            excess.append(Text(f"индекс Флеша {fre:.1f} < {min_fre:g}", f"Flesch reading ease {fre:.1f} < {min_fre:g}"))
        if excess:
            yield Problem(locate(ctx, item, source, 0), {"template": source.label, "profile": profile, "excess": excess})


# --- 4.6.4.5-g, -j, -k: examples, structure, the result first (heuristics) -----------------------------------------

_EXAMPLE = re.compile(r"(?i)\b(например|к примеру|допустим|скажем,|так, если|пример:)")
_PROCEDURE = re.compile(r"(?i)\b(порядок|расч[её]т\w*|исчисля\w+|рассчитыва\w+)\b")




@check("plain.examples", params={"type": "object", "additionalProperties": False,
                                  "properties": {"min_words": {"type": "integer", "minimum": 1}}})
def examples_given(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.5: an answer that explains how something is worked out («порядок», «расчёт», «исчисляется») or runs past
    `min_words` gives an example («например», «к примеру»)."""
    texts = sources(ctx, item)
    if not texts:
        yield _no_texts(item)
        return
    min_words = int(ctx.params.get("min_words", 120))
    for source in texts:
        result = analysis(source.text, source.fmt)
        procedure = bool(_PROCEDURE.search(result.text))
        if (procedure or result.counts.words > min_words) and not _EXAMPLE.search(result.text):
            why = Text("объясняет порядок действий без примера", "explains a procedure without an example") if procedure else \
                Text(f"{result.counts.words} слов без примера", f"{result.counts.words} words without an example")
            yield Problem(locate(ctx, item, source, 0), {"template": source.label, "found": why})


@check("plain.structure", params={"type": "object", "additionalProperties": False,
                                   "properties": {"min_words": {"type": "integer", "minimum": 1},
                                                  "max_sentences_per_paragraph": {"type": "integer", "minimum": 1}}})
def structure(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.5: a long answer is split into paragraphs or a list, and no paragraph runs past the sentence limit."""
    texts = sources(ctx, item)
    if not texts:
        yield _no_texts(item)
        return
    min_words = int(ctx.params.get("min_words", 80))
    max_sentences = int(ctx.params.get("max_sentences_per_paragraph", 5))
    for source in texts:
        result = analysis(source.text, source.fmt)
        spans = blocks(result.text)
        if result.counts.words > min_words and len(spans) < 2:
            yield Problem(locate(ctx, item, source, 0), {"template": source.label, "found": Text(
                f"{result.counts.words} слов одним абзацем, без списка", f"{result.counts.words} words in one paragraph, no list")})
            continue
        for start, end in spans:
            inside = [s for s in result.sentences if start <= s.start < end]
            if len(inside) > max_sentences:
                yield Problem(locate(ctx, item, source, inside[0].start), {"template": source.label, "found": Text(
                    f"абзац из {len(inside)} предложений (предел {max_sentences})",
                    f"a paragraph of {len(inside)} sentences (limit {max_sentences})")})


_SALUTATION = re.compile(r"(?i)^\W*(здравствуй|добр(ый|ое|ого) (день|утро|вечер)|уважаем|дорог)")


@check("plain.result_first", params={"type": "object", "additionalProperties": False,
                                      "properties": {"families": {"type": "array", "items": {"type": "string"}}}})
def result_first(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.5: the answer opens with its result, not with a formula («доводим до Вашего сведения») or a legal reference."""
    texts = sources(ctx, item)
    if not texts:
        yield _no_texts(item)
        return
    families = set(ctx.params.get("families") or ("cliche", "legal_reference"))
    for source in texts:
        result = analysis(source.text, source.fmt)
        opening = [s for s in result.sentences if not _SALUTATION.match(source.text[s.start:s.end])][:1]
        if not opening:
            continue
        first = opening[0]
        hits = [d for d in result.defects if d.family in families and first.start <= d.start < first.end]
        if hits:
            yield Problem(locate(ctx, item, source, hits[0].start), {"template": source.label, "found": Text(
                f"ответ начинается с «{_clip(hits[0].text, 50)}» — {family_label(hits[0].family).ru}, а не с результата",
                f"the answer opens with «{_clip(hits[0].text, 50)}» — a {family_label(hits[0].family).en}, not the result")})
