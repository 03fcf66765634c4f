"""`ccaudit text`: counts, readability indices and plain-language defects of any text, for a methodologist."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text as RichText

from ccaudit.cli.base import EXIT_INPUT, EXIT_OK, Lang, app, err, guard
from ccaudit.text import Analysis, analyse, coefficient_sets, line_col, segment_limits
from ccaudit.text.readability import round_half_up

INDEX_NAMES = ("flesch_reading_ease", "flesch_kincaid_grade", "coleman_liau", "ari", "smog", "dale_chall", "median_grade")
COUNT_NAMES = ("sentences", "words", "syllables", "letters", "complex_words")
LABELS = {
    "flesch_reading_ease": ("Индекс Флеша (Оборнева), выше — проще", "Flesch reading ease (Оборнева), higher is easier"),
    "flesch_kincaid_grade": ("Флеш–Кинкейд, класс", "Flesch–Kincaid grade"),
    "coleman_liau": ("Колман–Лиау, класс", "Coleman–Liau grade"),
    "ari": ("ARI, класс", "ARI grade"),
    "smog": ("SMOG, класс", "SMOG grade"),
    "dale_chall": ("аналог Дейла–Чейла, класс", "Dale–Chall analogue grade"),
    "median_grade": ("медианный класс", "median grade"),
}


class Segment(StrEnum):
    general = "general"
    vulnerable = "vulnerable"
    professional = "professional"


class TextFormat(StrEnum):
    terminal = "terminal"
    json = "json"


class Markup(StrEnum):
    plain = "plain"
    markdown = "markdown"
    html = "html"


def read_input(name: str) -> str:
    """The text of a file or of stdin ("-"); empty, binary and non-UTF-8 input is a usage error."""
    try:
        raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except IsADirectoryError:
        raise ValueError(f"{name}: error: is a directory\n  hint: give a text file, or - for standard input") from None
    except OSError as exc:
        raise ValueError(f"{name}: error: cannot read: {exc.strerror}") from None
    if b"\x00" in raw:
        raise ValueError(f"{name}: error: binary input (contains NUL bytes)\n  hint: give a UTF-8 text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{name}:1: error: not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})\n"
                         "  hint: convert it, e.g. iconv -f cp1251 -t utf-8 FILE") from None
    if not any(c.isalpha() for c in text):
        raise ValueError(f"{name}: error: no words to analyse (empty input)")
    return text


def as_json(name: str, text: str, result: Analysis) -> dict[str, object]:
    counts = {n: getattr(result.counts, n) for n in COUNT_NAMES}
    indices = {n: (None if (v := getattr(result.indices, n)) is None else round_half_up(v)) for n in INDEX_NAMES}
    findings = []
    for d in result.defects:
        line, col = line_col(text, d.start)
        findings.append({"pattern": d.pattern, "family": d.family, "start": d.start, "end": d.end, "line": line, "col": col,
                         "text": d.text, "suggestion": d.suggestion, "severity": d.severity, "clause": d.clause})
    return {"path": name, "counts": counts, "indices": indices, "densities": {k: round_half_up(v) for k, v in result.densities.items()},
            "findings": findings}


STYLE = {"error": "bold red", "warning": "red", "info": "yellow"}


def render(console: Console, name: str, text: str, result: Analysis, segment: Segment, lang: str) -> None:
    i = 0 if lang == "ru" else 1
    limits = segment_limits(segment.value)
    console.print(RichText(name, style="bold"))
    c = result.counts
    console.print(f"  {c.sentences} sentences, {c.words} words, {c.syllables} syllables, {c.letters} letters, "
                  f"{c.complex_words} words of 5+ syllables")
    for key in INDEX_NAMES:
        value = getattr(result.indices, key)
        shown = "—" if value is None else f"{round_half_up(value):.2f}"
        mark = ""
        if value is not None and key == "median_grade":
            mark = f"  (≤ {limits.median_grade:g} for {segment.value}: {'ok' if value <= limits.median_grade else 'too hard'})"
        if value is not None and key == "flesch_reading_ease":
            mark = f"  (≥ {limits.fre_min:g} for {segment.value}: {'ok' if value >= limits.fre_min else 'too hard'})"
        console.print(f"  {LABELS[key][i]:45} {shown:>8}{mark}")
    if not result.defects:
        console.print("  no defects found")
        return
    highlighted = RichText(text)
    for d in result.defects:
        highlighted.stylize(STYLE.get(d.severity, "red") + " underline", d.start, d.end)
    console.print(highlighted)
    for d in result.defects:
        line, col = line_col(text, d.start)
        console.print(f"  {name}:{line}:{col}: {d.severity}: «{d.text}» [{d.family}] {d.clause}"
                      + (f" → {d.suggestion}" if d.suggestion else ""), highlight=False, markup=False, soft_wrap=True)


@app.command(epilog="Examples:  ccaudit text answer.txt --segment vulnerable  ·  echo 'Доводим до Вашего сведения…' | ccaudit text - --format json")
def text(
    files: Annotated[list[str], typer.Argument(help="Text files to analyse, or - for standard input.")],
    segment: Annotated[Segment, typer.Option("--segment", help="Client segment whose limits the grade and reading ease are compared with.")] = Segment.general,
    fmt: Annotated[TextFormat, typer.Option("--format", "-f", help="Output format.")] = TextFormat.terminal,
    markup: Annotated[Markup | None, typer.Option("--markup", help="Markup of the input (default: by extension; .md markdown, .html html).")] = None,
    coefficients: Annotated[str, typer.Option("--coefficients", help="Readability coefficient set (rules/text/readability.yaml).")] = "plainrussian",
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the labels.")] = Lang.en,
) -> None:
    """Analyse Russian texts: counts, six readability indices, the median grade against a segment, and the
    plain-language defects (канцелярит, passive, clichés, …) highlighted in place with plainer alternatives.

    Example: ccaudit text texts/written/typical.md --segment vulnerable
    """

    def body() -> int:
        if coefficients not in coefficient_sets():
            err(f"ccaudit: unknown coefficient set '{coefficients}'; known: {', '.join(coefficient_sets())}")
            return EXIT_INPUT
        inputs = []
        for name in files:
            try:
                inputs.append((name, read_input(name)))
            except ValueError as exc:
                err(str(exc))
                return EXIT_INPUT
        results = []
        for name, content in inputs:
            kind = markup.value if markup else ("html" if name.lower().endswith((".html", ".htm"))
                                                 else "markdown" if name.lower().endswith((".md", ".markdown")) else "plain")
            results.append((name, content, analyse(content, fmt=kind, coefficients=coefficients)))
        if fmt is TextFormat.json:
            # One JSON object per input and line (JSON Lines), so several files stay easy to stream and parse.
            for n, t, r in results:
                sys.stdout.write(json.dumps(as_json(n, t, r), ensure_ascii=False) + "\n")
        else:
            console = Console(width=100, highlight=False)
            for n, t, r in results:
                render(console, n, t, r, segment, lang.value)
        return EXIT_OK

    raise typer.Exit(guard(body))
