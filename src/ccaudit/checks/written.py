"""Checks for 4.6.4 (written answers, mailings) and 4.6.5 (social networks, public chats)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ccaudit.checks.common import present
from ccaudit.checks.wording import SLOT as _SLOT
from ccaudit.checks.wording import sentences, text_counts, words
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text
from ccaudit.text import count, readability
from ccaudit.text import visible as text_visible

ACK_PARTS: tuple[tuple[str, Text, re.Pattern[str]], ...] = (
    ("greeting", Text("приветствие", "greeting"), re.compile(r"(?i)здравствуй|добр(ый|ое|ого) (день|утро|вечер)|уважаем|приветствуем")),
    ("thanks", Text("благодарность", "thanks"), re.compile(r"(?i)спасибо|благодар")),
    ("deadline", Text("срок ответа", "answer deadline"),
     re.compile(r"(?i)в течение|не позднее|\bдо \d|\bсрок|\d+\s*(рабоч|календарн|дн|дня|дней|час)")),
)
"""The three parts 4.6.4.3 asks of an acknowledgement, with a pattern that finds each."""


@check("written.acknowledgement_complete")
def acknowledgement_complete(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.3: the acknowledgement contains a greeting, thanks for the time and the deadline of the answer."""
    template = item.get("acknowledgement/template")
    text = ctx.declaration.text_of(template) if isinstance(template, dict) else None
    if not text:
        yield Problem(item.at("acknowledgement"), {"missing": [label for _, label, _ in ACK_PARTS]})
        return
    missing = [label for _, label, pattern in ACK_PARTS if not pattern.search(text)]
    if missing:
        yield Problem(item.at("acknowledgement/template"), {"missing": missing})


@check("written.classified_automatically")
def classified_automatically(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.2: incoming letters are classified automatically by topic, sentiment and content."""
    declared = item.get("classification/by") or []
    missing = [c for c in ("topic", "sentiment", "content") if c not in declared]
    if item.get("classification/automatic") is not True:
        missing = ["automatic", *missing]
    if missing:
        yield Problem(item.at("classification"), {"missing": missing})


# --- texts of answers: formats, visible text, words and sentences (no language analysis) ------------------------

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


def answer_texts(ctx: CheckContext, item: Item, formats: tuple[str, ...] = ()) -> list[tuple[str, str, dict[str, Any], str]]:
    """(path, label, template, text) of the point's answers: answer templates and the acknowledgement template."""
    found = []
    for i, template in enumerate(item.get("answer_templates") or []):
        text = ctx.declaration.text_of(template)
        if text and (not formats or text_format(template) in formats):
            found.append((f"answer_templates/{i}", str(template.get("id")), template, text))
    ack = item.get("acknowledgement/template")
    if isinstance(ack, dict):
        text = ctx.declaration.text_of(ack)
        if text and (not formats or text_format(ack) in formats) and all(text != t for *_, t in found):
            found.append(("acknowledgement/template", "acknowledgement", ack, text))
    return found


_URL = re.compile(r"(?i)\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:ru|рф|su|com|org|net)(?:/\S*)?")


def visible(text: str, fmt: str) -> str:
    """The text a reader sees (ccaudit.text.visible: markup blanked out, offsets kept)."""
    return text_visible(text, fmt)


def segment_ids(item: Item, template: dict[str, Any]) -> list[str]:
    """The segments a template is written for: its own, else the point's."""
    return list(template.get("segment_profile_ids") or item.get("segment_profile_ids") or [])


def strictest(ctx: CheckContext, ids: list[str], key: str) -> float | None:
    """The lowest readability limit `key` among the segment profiles `ids` (the strictest wins, TW-26)."""
    values = [p.get(f"readability_limits/{key}") for p in ctx.declaration.of("segment_profile") if p.ref.id in ids]
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    return min(numbers) if numbers else None


def _clip(text: str, size: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[:size].rstrip() + "…"


NO_ANSWERS = Text("шаблоны ответов не заявлены", "no answer templates are declared")


# --- 4.6.4.1: mailings -----------------------------------------------------------------------------------------

_GREETING = re.compile(r"(?i)^\W*(здравствуй|добр(ый|ое|ого) (день|утро|вечер)|уважаем|привет)")
_UNSUBSCRIBE = re.compile(r"(?i)отпис|отказаться от (рассылк|писем|уведомлен)")


@check("written.mailings_uniform")
def mailings_uniform(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.1: all mailings have one structure and one form: the same format, a greeting first, an unsubscribe footer."""
    mailings = item.get("mailings") or []
    if not mailings:
        yield Problem(item.at(), {"reason": Text("рассылки не заявлены", "no mailings are declared")}, Outcome.NOT_APPLICABLE)
        return
    features: list[tuple[int, str, tuple[str, bool, bool]]] = []
    for i, mailing in enumerate(mailings):
        template = mailing.get("template")
        text = ctx.declaration.text_of(template) if isinstance(template, dict) else None
        if text:
            fmt = text_format(template)
            seen = visible(text, fmt).strip()
            features.append((i, str(mailing.get("type")), (fmt, bool(_GREETING.search(seen)), bool(_UNSUBSCRIBE.search(seen)))))
    if not features:
        yield Problem(item.at("mailings"), {"reason": Text("шаблоны рассылок не заявлены", "no mailing templates are declared")},
                      Outcome.NO_DATA)
        return
    labels = (("формат", "format"), ("приветствие в начале", "greeting first"), ("ссылка «Отписаться»", "unsubscribe link"))
    for k, (ru, en) in enumerate(labels):
        values = [f[2][k] for f in features]
        if len(set(values)) < 2:
            continue
        common = max(set(values), key=values.count)
        for i, mailing_type, feature in features:
            if feature[k] != common:
                shown = feature[k] if k == 0 else ("есть" if feature[k] else "нет")
                shown_en = feature[k] if k == 0 else ("yes" if feature[k] else "no")
                usual = common if k == 0 else ("есть" if common else "нет")
                usual_en = common if k == 0 else ("yes" if common else "no")
                yield Problem(item.at(f"mailings/{i}/template"), {"mailing": mailing_type, "difference": Text(
                    f"{ru}: {shown}, у остальных: {usual}", f"{en}: {shown_en}, the others: {usual_en}")})


# --- 4.6.4.4-f: references to legal acts -----------------------------------------------------------------------

LEGAL_REFERENCE = re.compile(
    r"(?i)\b\d+\s*-\s*(?:ФКЗ|ФЗ|ОЗ|КЗ)\b|федеральн\w*\s+закон\w*|\bзакон\w*\s+(?:[А-ЯЁ]\w+\s+)?(?:области|края|республики|округа|города)\b|\bпостановлени\w*|\bраспоряжени\w*|\bприказ(?:а|ом|е|у|ы|ов|ами|ах)?\b"
    r"|\bуказ(?:а|ом|е|у)?\b|\bкодекс\w*|\bрегламент\w*|\bстать(?:я|и|е|ю|ей)\s+\d+|\bст\.\s*\d+|\bпункт\w*\s+\d+|\bп\.\s*\d+"
    r"|\bподпункт\w*\s+\d+|\bпп\.\s*\d+|\bчаст(?:ь|и|ью)\s+\d+|\bч\.\s*\d+")
"""Mentions of normative acts and their parts (TW-27, ccaudit's list)."""


def legal_citations(text: str, gap: int = 40) -> list[str]:
    """References to legal acts: mentions closer than `gap` characters form one citation («части 1 статьи 12 Федерального
    закона № 59-ФЗ» is one)."""
    found: list[list[int]] = []
    for match in LEGAL_REFERENCE.finditer(text):
        if found and match.start() - found[-1][1] <= gap and not re.search(r"[.!?]\s", text[found[-1][1]:match.start()]):
            found[-1][1] = match.end()
        else:
            found.append([match.start(), match.end()])
    return [" ".join(text[a:b].split()) for a, b in found]


@check("written.legal_references", params={"properties": {
    "max_refs": {"type": "integer", "minimum": 0, "description": "References to legal acts allowed per answer (default 1)."}}})
def legal_references(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.4: answers keep references to normative legal acts to a minimum (citations per answer, TW-27)."""
    answers = answer_texts(ctx, item)
    if not answers:
        yield Problem(item.at("answer_templates"), {"reason": NO_ANSWERS}, Outcome.NO_DATA)
        return
    limit = ctx.params.get("max_refs", 1)
    for path, label, template, text in answers:
        cited = legal_citations(visible(text, text_format(template)))
        if len(cited) > limit:
            yield Problem(item.at(path), {"template": label, "count": len(cited), "max": limit,
                                          "refs": [f"«{_clip(c, 50)}»" for c in cited[:5]]})


# --- 4.6.4.5-l: short sentences ----------------------------------------------------------------------------------

@check("written.short_sentences", params={"properties": {
    "max_words_per_sentence": {"type": "number", "minimum": 1,
                               "description": "Words per sentence when the template's segments set no limit (ccaudit's default 20)."}}})
def short_sentences(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.5: short sentences: the average and the longest sentence of every answer within max_words_per_sentence."""
    answers = answer_texts(ctx, item)
    if not answers:
        yield Problem(item.at("answer_templates"), {"reason": NO_ANSWERS}, Outcome.NO_DATA)
        return
    default = ctx.params.get("max_words_per_sentence", 20)
    for path, label, template, text in answers:
        parts = sentences(visible(text, text_format(template)))
        if not parts:
            continue
        limit = strictest(ctx, segment_ids(item, template), "max_words_per_sentence") or default
        lengths = [len(words(s)) for s in parts]
        average, longest = sum(lengths) / len(lengths), max(lengths)
        if longest > limit:
            yield Problem(item.at(path), {"template": label, "average": f"{average:.1f}", "max": longest, "limit": f"{limit:g}",
                                          "sentence": _clip(parts[lengths.index(longest)])})


# --- 4.6.4.5-n: special symbols ----------------------------------------------------------------------------------

SPECIAL = "#*§@~^|<>\\=&$"
"""Special symbols (B15 iv, TW-22; ccaudit's list): URLs and e-mail addresses are left out before counting."""
POSITIVE_EMOJI = ("🙂", "😊", "☺", "😀", "😃", "😄", "😉", "🤗", "👍", "🙏", "🤝", "✅", "👋", "❤", "💙", "🎉", "💐", "🌷", "🌸",
                  "🌞", "⭐", "✨", "💪", "👏")
"""Emoji of a positive attitude allowed on social points (4.6.5.6, TS-04); ccaudit's list, replaceable by tailoring.params."""


def is_emoji(char: str) -> bool:
    code = ord(char)
    return 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF


def special_symbols(text: str, fmt: str, allowed_emoji: frozenset[str] = frozenset()) -> list[str]:
    """The special symbols of a text (each occurrence), repeated «!!» and «??», and emoji not in `allowed_emoji`."""
    seen = _URL.sub(" ", visible(text, fmt))
    found = [c for c in seen if c in SPECIAL]
    found += [m.group(0) for m in re.finditer(r"!{2,}|\?{2,}|[!?]{3,}", seen)]
    found += [c for c in seen.replace("\ufe0f", "").replace("\u200d", "") if is_emoji(c) and c not in allowed_emoji]
    return found


@check("written.no_special_symbols", params={"properties": {
    "max": {"type": "integer", "minimum": 0, "description": "Special symbols allowed per answer (default 0)."},
    "positive_emoji": {"type": "array", "items": {"type": "string", "minLength": 1},
                       "description": "Emoji allowed on social points (4.6.5.6)."}}})
def no_special_symbols(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.5: answers avoid special symbols («#», «*», «§», «@», «~», «^», «|», «<», «>», emoji); on social points
    positive emoji are allowed (4.6.5.6)."""
    answers = answer_texts(ctx, item)
    if not answers:
        yield Problem(item.at("answer_templates"), {"reason": NO_ANSWERS}, Outcome.NO_DATA)
        return
    allowed = frozenset(e.replace("\ufe0f", "") for e in ctx.params.get("positive_emoji", POSITIVE_EMOJI)) \
        if item.contact_kind == "social" else frozenset()
    limit = ctx.params.get("max", 0)
    for path, label, template, text in answers:
        found = special_symbols(text, text_format(template), allowed)
        if len(found) > limit:
            shown = list(dict.fromkeys(found))
            yield Problem(item.at(path), {"template": label, "count": len(found), "symbols": " ".join(f"«{s}»" for s in shown)})


# --- 4.6.4.5-o, -p, -q: fonts, emphasis and backgrounds -----------------------------------------------------------

SANS = ("arial", "helvetica", "helvetica neue", "verdana", "tahoma", "segoe ui", "roboto", "open sans", "pt sans", "calibri",
        "trebuchet ms", "noto sans", "ubuntu", "inter", "lato", "montserrat", "source sans pro", "liberation sans",
        "dejavu sans", "fira sans", "golos", "golos text", "manrope", "-apple-system", "system-ui", "sans-serif")
"""Sans-serif faces (TW-23; ccaudit's list)."""
NOT_SANS = ("serif", "times", "times new roman", "georgia", "garamond", "cambria", "book antiqua", "palatino", "pt serif",
            "courier", "courier new", "monospace", "cursive", "fantasy", "comic sans ms", "impact", "noto serif",
            "liberation serif", "dejavu serif")
"""Serif, monospace and decorative faces."""
_STYLE_ATTR = re.compile(r"""(?is)\bstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_STYLE_ELEMENT = re.compile(r"(?is)<style\b[^>]*>(.*?)</style\s*>")
_FONT_FACE = re.compile(r"""(?i)<font\b[^>]*\bface\s*=\s*["']([^"']+)""")
_CSS_KEYWORDS = frozenset({"inherit", "initial", "unset", "revert", "revert-layer"})


def css_blocks(text: str) -> list[str]:
    """Declaration blocks of an HTML text: every style="…" attribute and every rule body of <style> elements."""
    blocks = [a or b for a, b in _STYLE_ATTR.findall(text)]
    for sheet in _STYLE_ELEMENT.findall(text):
        blocks += re.findall(r"\{([^{}]*)\}", sheet)
    return blocks


def _families(value: str) -> list[str]:
    return [f.strip().strip("'\"").lower() for f in value.split(",") if f.strip().strip("'\"")]


def font_families(text: str) -> list[list[str]]:
    """Font-family lists of an HTML text (CSS font-family, the font shorthand, <font face>), lower case, unquoted."""
    lists = [_families(face) for face in _FONT_FACE.findall(text)]
    for block in css_blocks(text):
        for prop, value in re.findall(r"(?i)(?<![-\w])(font-family|font)\s*:\s*([^;]+)", block):
            if prop.lower() == "font":
                head, comma, rest = value.partition(",")
                value = re.split(r"(?:^|\s+)\d[\w.%/]*\s+", head.strip())[-1] + comma + rest
            lists.append(_families(value))
    return [f for f in lists if f and f[0] not in _CSS_KEYWORDS]


def is_sans(families: list[str]) -> bool:
    """The first face is sans-serif, or an unknown face falls back to the generic sans-serif."""
    first = families[0]
    if first in SANS:
        return True
    if first in NOT_SANS or any(first.startswith(n + " ") for n in ("times", "courier")):
        return False
    return "sans-serif" in families


def _formatted(ctx: CheckContext, item: Item) -> tuple[list[tuple[str, str, dict[str, Any], str]], Problem | None]:
    """The HTML answers, or a not_applicable / no_data problem (plain text and Markdown have no fonts, B15 vi)."""
    answers = answer_texts(ctx, item)
    if not answers:
        return [], Problem(item.at("answer_templates"), {"reason": NO_ANSWERS}, Outcome.NO_DATA)
    formatted = [a for a in answers if text_format(a[2]) == "html"]
    if not formatted:
        if any(text_format(a[2]) == "docx" for a in answers):
            return [], Problem(item.at("answer_templates"), {"reason": Text(
                "шаблоны DOCX пока не разбираются", "DOCX templates are not read yet")}, Outcome.NO_DATA)
        return [], Problem(item.at("answer_templates"), {"reason": Text(
            "все шаблоны — простой текст или Markdown: шрифт и фон задаёт программа получателя",
            "every template is plain text or Markdown: the reader's program sets fonts and background")}, Outcome.NOT_APPLICABLE)
    return formatted, None


@check("written.sans_serif_fonts")
def sans_serif_fonts(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.5: formatted (HTML) answers use easily readable sans-serif fonts."""
    formatted, skip = _formatted(ctx, item)
    if skip:
        yield skip
        return
    for path, label, _template, text in formatted:
        bad = [", ".join(f) for f in font_families(text) if not is_sans(f)]
        if bad:
            yield Problem(item.at(path), {"template": label, "fonts": list(dict.fromkeys(bad))})


EMPHASIS_MARKUP = (
    (re.compile(r"(?i)<(i|em|u|s|strike|blink|marquee)\b"), "<{0}>"),
    (re.compile(r"(?i)font-style\s*:\s*(italic|oblique)"), "font-style: {0}"),
    (re.compile(r"(?i)text-decoration(?:-line)?\s*:[^;}\"]*(underline|line-through|overline|blink)"), "text-decoration: {0}"),
    (re.compile(r"(?i)(text-shadow|box-shadow|drop-shadow)\s*[:(]"), "{0}"),
)
"""HTML and CSS emphasis and decoration (TW-24)."""
_MD_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?!\*)|(?<![_\w])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![_\w])")
_CAPS = re.compile(r"(?<![\w-])[A-ZА-ЯЁ]{2,}(?:-[A-ZА-ЯЁ]+)*(?![\w-])")
CAPS_WORDS = frozenset({"НЕ", "НИ", "НЕТ", "ДА", "ВСЕ", "ВСЁ", "ЭТО", "ВЫ", "ВАС", "ВАМ", "ВАШ", "МЫ", "НАС", "ДО", "ПО", "НА", "ВО",
                        "ЗА", "ИЛИ", "ЖЕ", "УЖЕ", "ЕЩЁ", "ЕЩЕ", "ОЧЕНЬ", "ТОЛЬКО", "ОК", "OK", "NB"})
"""Short words in capitals that are emphasis, never abbreviations."""


def caps_words(text: str, abbreviations: frozenset[str]) -> list[str]:
    """Whole words in capitals that are not abbreviations: five letters or more, or a short word of CAPS_WORDS."""
    found = []
    for word in _CAPS.findall(text):
        if word in abbreviations:
            continue
        if len(word) >= 5 or word in CAPS_WORDS:
            found.append(word)
    return found


@check("written.no_emphasis", params={"properties": {
    "abbreviations": {"type": "array", "items": {"type": "string", "minLength": 1},
                      "description": "Abbreviations of five letters or more that may be written in capitals (СНИЛС)."}}})
def no_emphasis(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.5: answers avoid italics, underlining, decoration (shadows) and whole words in capitals."""
    answers = answer_texts(ctx, item)
    if not answers:
        yield Problem(item.at("answer_templates"), {"reason": NO_ANSWERS}, Outcome.NO_DATA)
        return
    abbreviations = frozenset(ctx.params.get("abbreviations", ("СНИЛС", "ИНН", "ОГРН", "ОГРНИП", "ЕГРН", "ЕГРЮЛ", "ЕГРИП", "ГИБДД",
                                                                "ОСАГО", "КАСКО", "ЕСИА", "СМЭВ", "НДФЛ", "ЖКХ", "ИПРА", "МСЭ")))
    for path, label, template, text in answers:
        fmt = text_format(template)
        found: list[str] = []
        if fmt == "html":
            for pattern, shown in EMPHASIS_MARKUP:
                found += [shown.format(m.group(1).lower()) for m in pattern.finditer(text)]
            families = {f[0] for f in font_families(text)}
            if len(families) > 1:
                found.append("шрифты: " + ", ".join(sorted(families)))
        else:
            body = _URL.sub(" ", _SLOT.sub(" ", text))
            found += [f"{m.group(0)[0]}…{m.group(0)[0]}" for m in _MD_ITALIC.finditer(body)]
        seen = _URL.sub(" ", _SLOT.sub(" ", visible(text, fmt)))
        found += caps_words(seen, abbreviations)
        if found:
            yield Problem(item.at(path), {"template": label, "found": list(dict.fromkeys(found))})


_NAMED_COLOURS = {"white": "#ffffff", "black": "#000000", "gray": "#808080", "grey": "#808080", "silver": "#c0c0c0",
                  "red": "#ff0000", "yellow": "#ffff00", "blue": "#0000ff", "navy": "#000080", "green": "#008000",
                  "lightgray": "#d3d3d3", "lightgrey": "#d3d3d3", "darkgray": "#a9a9a9", "darkgrey": "#a9a9a9"}
_COLOUR = r"(#[0-9a-fA-F]{3,8}\b|rgba?\([^)]*\)|[a-zA-Z]+)"
_BACKGROUND_IMAGE = re.compile(r"(?i)background(?:-image)?\s*:[^;}\"]*url\(|<body[^>]*\bbackground\s*=")


def colour(value: str) -> tuple[float, float, float] | None:
    """An sRGB colour (0–1 channels) from #rgb, #rrggbb, rgb() or a few named colours; None when unknown or transparent."""
    value = _NAMED_COLOURS.get(value.lower(), value)
    if value.startswith("#"):
        digits = value[1:]
        if len(digits) in (3, 4):
            digits = "".join(c * 2 for c in digits[:3])
        if len(digits) in (6, 8):
            return int(digits[0:2], 16) / 255, int(digits[2:4], 16) / 255, int(digits[4:6], 16) / 255
        return None
    match = re.match(r"(?i)rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)", value)
    if match:
        r, g, b = (min(float(x), 255) / 255 for x in match.groups())
        return r, g, b
    return None


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG 2.x contrast ratio of two colours."""
    def luminance(c: tuple[float, float, float]) -> float:
        r, g, bl = (x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c)
        return 0.2126 * r + 0.7152 * g + 0.0722 * bl
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@check("written.readable_background", params={"properties": {
    "min_contrast": {"type": "number", "minimum": 1, "description": "Text/background contrast ratio (default 4.5, WCAG AA)."}}})
def readable_background(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.5: formatted (HTML) answers have no background that hinders reading: no background images and a
    text/background contrast of at least min_contrast in every style block."""
    formatted, skip = _formatted(ctx, item)
    if skip:
        yield skip
        return
    least = ctx.params.get("min_contrast", 4.5)
    for path, label, _template, text in formatted:
        found = []
        if _BACKGROUND_IMAGE.search(text):
            found.append(Text("фоновое изображение", "a background image"))
        for block in css_blocks(text):
            bg = re.search(r"(?i)background(?:-color)?\s*:\s*" + _COLOUR, block)
            fg = re.search(r"(?i)(?<![-\w])color\s*:\s*" + _COLOUR, block)
            if not bg and not fg:
                continue
            back = colour(bg.group(1)) if bg else (1.0, 1.0, 1.0)
            front = colour(fg.group(1)) if fg else (0.0, 0.0, 0.0)
            if back is None or front is None:
                continue
            ratio = contrast(front, back)
            if ratio < least:
                shown = f"{fg.group(1) if fg else 'black'} / {bg.group(1) if bg else 'white'}"
                found.append(Text(f"контраст {ratio:.1f}:1 ({shown}), нужно не менее {least:g}:1",
                                  f"contrast {ratio:.1f}:1 ({shown}), at least {least:g}:1 needed"))
        if found:
            yield Problem(item.at(path), {"template": label, "found": found})


# --- 4.6.4.6: readability at the maximum level ---------------------------------------------------------------------

INDICES = ("fk_grade", "coleman_liau", "ari", "dale_chall")
COUNTS = ("max_chars", "max_letters", "max_words", "max_sentences", "max_words_per_sentence")
INDEX_FIELDS = {"fk_grade": "flesch_kincaid_grade", "coleman_liau": "coleman_liau", "ari": "ari", "dale_chall": "dale_chall"}
"""readability_limits keys → fields of ccaudit.text.Indices."""
LIMIT_LABELS = {"max_chars": ("знаков", "characters"), "max_letters": ("букв", "letters"), "max_words": ("слов", "words"),
                "max_sentences": ("предложений", "sentences"), "max_words_per_sentence": ("слов в предложении", "words per sentence"),
                "fk_grade": ("индекс Флеша–Кинкейда", "Flesch–Kincaid grade"), "coleman_liau": ("индекс Колман–Лиау", "Coleman–Liau"),
                "ari": ("ARI", "ARI"), "dale_chall": ("аналог Дейла–Чейла", "Dale–Chall analogue")}


def point_segments(ctx: CheckContext, item: Item) -> list[str]:
    """The segments a point serves: its own and its templates'; every declared segment when it names none."""
    ids = list(item.get("segment_profile_ids") or [])
    for template in item.get("answer_templates") or []:
        ids += [s for s in template.get("segment_profile_ids") or [] if s not in ids]
    return ids or [p.ref.id for p in ctx.declaration.of("segment_profile")]


@check("written.readability_algorithm")
def readability_algorithm(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.6: answers are checked by an automatic readability algorithm: the point declares it and every life
    situation it serves has readability_check (T2.4 5★)."""
    if not present(item.get("readability/algorithm_ref")):
        yield Problem(item.at("readability"), {"problem": Text("алгоритм оценки читаемости не заявлен (readability.algorithm_ref)",
                                                               "no readability algorithm is declared (readability.algorithm_ref)")})
    situations = list(item.get("life_situation_ids") or [])
    for template in item.get("answer_templates") or []:
        if template.get("life_situation_id") and template["life_situation_id"] not in situations:
            situations.append(template["life_situation_id"])
    unchecked = [s for s in situations if (ls := ctx.declaration.find("life_situation", s)) is not None
                 and ls.get("readability_check") is not True]
    if unchecked:
        yield Problem(item.at("life_situation_ids"), {"problem": Text(
            "ответы не проверяются алгоритмом в жизненных ситуациях: " + ", ".join(unchecked),
            "answers are not checked by the algorithm in life situations: " + ", ".join(unchecked))})


@check("written.readability_limits_declared")
def readability_limits_declared(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.6: the segments the point serves set readability limits: at least one readability index and one count."""
    ids = point_segments(ctx, item)
    if not ids:
        yield Problem(item.at(), {"reason": Text("профили сегментов не заявлены", "no segment profiles are declared")}, Outcome.NO_DATA)
        return
    for sid in ids:
        profile = ctx.declaration.find("segment_profile", sid)
        if profile is None:
            continue
        limits = profile.get("readability_limits") or {}
        missing = []
        if not any(k in limits for k in INDICES):
            missing.append(Text("индекс читаемости (" + ", ".join(INDICES) + ")", "a readability index (" + ", ".join(INDICES) + ")"))
        if not any(k in limits for k in COUNTS):
            missing.append(Text("расчётный показатель (" + ", ".join(COUNTS) + ")", "a count (" + ", ".join(COUNTS) + ")"))
        if missing:
            yield Problem(profile.at("readability_limits"), {"segment": sid, "missing": missing})


@check("written.within_limits")
def within_limits(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.6: every answer stays within the limits of its segments: counts and the readability indices."""
    answers = answer_texts(ctx, item)
    if not answers:
        yield Problem(item.at("answer_templates"), {"reason": NO_ANSWERS}, Outcome.NO_DATA)
        return
    judged = 0
    for path, label, template, text in answers:
        ids = segment_ids(item, template)
        limits = {k: v for k in (*COUNTS, *INDICES) if (v := strictest(ctx, ids, k)) is not None}
        if not limits:
            continue
        judged += 1
        fmt = text_format(template)
        have: dict[str, float] = dict(text_counts(visible(text, fmt)))
        indices = readability(count(visible(text, fmt)))
        have.update({k: v for k, attr in INDEX_FIELDS.items() if (v := getattr(indices, attr)) is not None})
        excess = [Text(f"{LIMIT_LABELS[k][0]} {_shown(have[k])} > {v:g}", f"{LIMIT_LABELS[k][1]} {_shown(have[k])} > {v:g}")
                  for k, v in limits.items() if k in have and have[k] > v]
        if excess:
            yield Problem(item.at(path), {"template": label, "excess": excess})
    if not judged:
        yield Problem(item.at("answer_templates"), {"reason": Text(
            "у сегментов, для которых написаны ответы, не заданы readability_limits (B16)",
            "the segments the answers are written for declare no readability_limits (B16)")}, Outcome.NO_DATA)


def _shown(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}"


# --- 4.6.4.8: quick rating ---------------------------------------------------------------------------------------

@check("written.quick_rating")
def quick_rating(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.8: quick feedback by a rating scale: a feedback tool of this point with scales, or a rating block in answers."""
    feedback = ctx.declaration.of("feedback")[0]
    tools = [t for t in feedback.get("tools") or [] if t.get("contact_point_id") == item.ref.id]
    if any(present(t.get("scales")) for t in tools) or item.get("quick_rating/in_templates") is True:
        return
    yield Problem(item.at("quick_rating"), {"tools": [t.get("id") for t in tools] or "—"})
