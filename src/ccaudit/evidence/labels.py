"""Survey answers: the grade a raw value stands for, folded exactly as requirements-process.md §2.2 says."""

from __future__ import annotations

import re

FOUR_POINT = ("ease", "csat", "phone_csat")
ELEVEN_POINT = ("nps", "nps_digital")

LABELS: dict[str, int] = {
    "легко": 4, "скорее легко": 3, "скорее сложно": 2, "сложно": 1,
    "удовлетворен": 4, "скорее удовлетворен": 3, "скорее не удовлетворен": 2, "не удовлетворен": 1,
}
"""Labels after folding (lower case first, then ё → е, spaces collapsed, quotes dropped)."""
NO_ANSWER = frozenset({"", "затрудняюсь ответить", "нет ответа", "не знаю"})
_QUOTES = re.compile(r"[«»\"'“”„]")


def fold(value: str) -> str:
    """Lower case BEFORE ё → е (upper-case «УДОВЛЕТВОРЁН» exists in real exports), quotes dropped, spaces collapsed."""
    return " ".join(_QUOTES.sub("", value).lower().replace("ё", "е").split())


def grade(value: str, question: str) -> int | None | str:
    """The grade of a raw answer: an int, None for «затрудняюсь ответить»/blank, or an error message."""
    folded = fold(value)
    if folded in NO_ANSWER:
        return None
    if folded.isascii() and folded.isdigit():  # ASCII digits only: «²» or «٣» are not grades (found by fuzzing)
        number = int(folded)
        top = 4 if question in FOUR_POINT else 10
        bottom = 1 if question in FOUR_POINT else 0
        return number if bottom <= number <= top else f"{value!r} is outside the {bottom}–{top} scale of '{question}'"
    if folded in LABELS and question in FOUR_POINT:
        label_scale = "ease" if LABELS[folded] and folded.endswith(("легко", "сложно")) else "csat"
        if (question == "ease") == (label_scale == "ease"):
            return LABELS[folded]
        return f"{value!r} is a label of the {'ease' if label_scale == 'ease' else 'satisfaction'} scale, not of '{question}'"
    return f"{value!r} is not a grade of '{question}' (expected {'1–4 or its label' if question in FOUR_POINT else '0–10'})"
