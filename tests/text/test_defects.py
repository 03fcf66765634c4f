"""Each defect family fails on a bad Russian example and passes on a plain one; spans are exact."""

from __future__ import annotations

import pytest

from ccaudit.model.errors import InputErrors
from ccaudit.text import analyse, visible
from ccaudit.text.data import load

# family: (text with the defect, the matched words, plain text without it)
CASES = {
    "compound_preposition": ("В целях получения выплаты подайте заявление.", "В целях", "Чтобы получить выплату, подайте заявление."),
    "cliche": ("Доводим до Вашего сведения, что выплата назначена.", "Доводим до Вашего сведения", "Мы назначили вам выплату."),
    "bureaucratic_word": ("Данное заявление мы рассмотрели.", "Данное", "Это заявление мы рассмотрели."),
    "archaism": ("Дабы получить выплату, придите в МФЦ.", "Дабы", "Чтобы получить выплату, приходите."),
    "jargon": ("Кидайте заяву до дедлайна.", "Кидайте", "Подайте заявление до 15 марта."),
    "aggression": ("Вам неоднократно разъяснялось, что нужна справка.", "Вам неоднократно разъяснялось", "Напомним: нужна справка."),
    "interjection": ("Ну, сейчас проверю.", "Ну", "Сейчас проверю."),
    "spelling": ("Ответим в течении недели.", "в течении", "Ответим в течение недели."),
    "pleonasm": ("Свободные вакансии размещены на сайте.", "Свободные вакансии", "Вакансии размещены на сайте."),
    "idiom": ("Мы держим руку на пульсе.", "держим руку на пульсе", "Мы следим за вашим вопросом."),
    "term": ("Принесите правоустанавливающие документы.", "правоустанавливающие", "Принесите договор купли-продажи."),
    "passive": ("Заявление было рассмотрено вовремя.", "было рассмотрено", "Мы рассмотрели заявление вовремя."),
    "split_predicate": ("Мы окажем помощь семье.", "окажем помощь", "Мы поможем семье."),
    "verbal_noun_chain": ("Идёт осуществление назначения выплаты.", "осуществление назначения", "Мы назначаем выплату."),
    "genitive_chain": ("Это условие исполнения поручения проведения проверки обоснованности начисления.",
                       "условие исполнения поручения проведения проверки обоснованности начисления", "Мы проверим начисление."),
    "negation": ("Заявление не может быть не принято.", "не может быть не", "Мы примем заявление."),
    "abbreviation": ("Укажите КБК в платёжке.", "КБК", "Укажите код бюджетной классификации (КБК) в платёжке."),
    "synonyms": ("Ваше заявление получено. Обращение рассмотрим за 10 дней.", "Обращение", "Ваше заявление получено. Рассмотрим его за 10 дней."),
    "legal_reference": ("Так сказано в ст. 12 Федерального закона № 59-ФЗ.", "ст. 12", "Так положено по закону об обращениях граждан."),
    "exclamation": ("Приходите вовремя!!!", "!!!", "Приходите вовремя."),
    "emoji": ("Ждём вас 😡", "😡", "Ждём вас."),
    "special_symbol": ("Возьмите паспорт *обязательно*", "*", "Обязательно возьмите паспорт."),
    "caps": ("ОБЯЗАТЕЛЬНО возьмите паспорт.", "ОБЯЗАТЕЛЬНО", "Обязательно возьмите паспорт."),
}


@pytest.mark.parametrize("family", sorted(CASES))
def test_family_fails_on_bad_text_and_passes_on_plain(family: str) -> None:
    bad, matched, good = CASES[family]
    found = [d for d in analyse(bad).defects if d.family == family]
    assert found, f"{family} not found in {bad!r}"
    assert found[0].text == matched and bad[found[0].start:found[0].end] == matched
    assert found[0].clause.startswith("4.6")
    assert not [d for d in analyse(good).defects if d.family == family]


def test_every_defect_span_is_exact_and_has_advice() -> None:
    text = "Доводим до Вашего сведения, что в целях осуществления выплаты Вами должно быть произведено представление документов!!"
    result = analyse(text)
    assert len(result.defects) >= 4
    for d in result.defects:
        assert text[d.start:d.end] == d.text and d.suggestion and d.severity in ("error", "warning", "info")
    assert result.densities["cliche"] == pytest.approx(100 / result.counts.words)


def test_markup_is_not_counted_but_offsets_stay_in_the_source() -> None:
    html = "<p>Данное <b>заявление</b> мы рассмотрели&nbsp;вовремя.</p>"
    assert len(visible(html, "html")) == len(html)
    result = analyse(html, fmt="html")
    assert result.counts.words == 5
    d = next(d for d in result.defects if d.family == "bureaucratic_word")
    assert html[d.start:d.end] == "Данное"
    md = "**Данное** [заявление](https://example.ru) рассмотрели."
    result = analyse(md, fmt="markdown")
    assert result.counts.words == 3 and md[result.defects[0].start:result.defects[0].end] == "Данное"


def test_families_argument_limits_the_detectors() -> None:
    result = analyse("Доводим до Вашего сведения, что в целях выплаты.", families={"cliche"})
    assert {d.family for d in result.defects} == {"cliche"}


def test_a_broken_lexicon_is_an_error_with_its_line(tmp_path, monkeypatch) -> None:
    import ccaudit.text.data as data

    (tmp_path / "text" / "lexicons").mkdir(parents=True)
    (tmp_path / "text" / "lexicons" / "bad.yaml").write_text("family: x\nentries:\n  - {id: a, phrase: б}\n", "utf-8")
    monkeypatch.setattr(data, "rules_dir", lambda: tmp_path)
    data.load.cache_clear()
    try:
        with pytest.raises(InputErrors) as caught:
            load("lexicons/bad.yaml")
        assert "bad.yaml:3" in caught.value.render() and "suggest" in caught.value.render()
    finally:
        data.load.cache_clear()


def test_agency_limits_need_a_justification(base_repo, tmp_path) -> None:
    from ccaudit.checks import CHECKS
    from ccaudit.engine.packs import load_packs

    rule = next(r for p in load_packs(["standard"], CHECKS) for r in p.rules if r.id == "4.6.4.5-a")
    spec = CHECKS.get(rule.check)
    import jsonschema

    good = {"limits": {"vulnerable": {"median_grade": 8, "justification": "Проверено на фокус-группе пенсионеров"}}}
    jsonschema.validate(good, spec.params)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"limits": {"vulnerable": {"median_grade": 8}}}, spec.params)
