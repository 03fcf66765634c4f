"""The fast word tokeniser gives exactly razdel's tokens (hypothesis over chunks that stress razdel's rules)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ccaudit.text.counts import _words, _words_razdel

CHUNKS = st.sampled_from([
    "слово", "Слово,", "«Цитата»", "(скобки)", "т.е.", "т. е.", "и т.д.", "см.", "ст.", "№", "5", "1,5", "10.2026",
    "01.10.2026", "UI-", "UX-дизайн", "кто-то", "во-первых,", "—", "–", "-", "...", "…", "?!", "Госуслуги.", "e-mail",
    "info@mos.ru", "https://gosuslugi.ru/help", "¹", "слово²", "ООО", "«Ромашка»,", "10%", "24/7", "п.", "4.6.3.1", "A.", "Ф.И.О.",
    "г.", "1)", "а)", "'кавычки'", '"прямые"', "ёлка", "ЁЖ", "Москва-река", "XXI", "1-го", "2-х", "(см.", "рис.1",
    "http://x.ru.", "@minsoc", "#хэштег", "word", "T2.6", "8 800", "+7", "ул.", "д.5", "к.1", "ст.15.1", "—дефис",
])
SEPARATORS = st.sampled_from([" ", "  ", "\n", " \n ", "\t"])


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(CHUNKS, SEPARATORS), min_size=1, max_size=30))
def test_fast_words_equal_razdel(parts: list[tuple[str, str]]) -> None:
    text = "".join(chunk + sep for chunk, sep in parts)
    assert _words(text) == _words_razdel(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("абвгдеёжАБВabcXYZ0123456789.,;:!?-—«»\"'()[]/@#%№ \n"), max_size=200))
def test_fast_words_equal_razdel_on_any_text(text: str) -> None:
    assert _words(text) == _words_razdel(text)
