"""Edge cases of the checks of 4.6.4 (written interaction), also run on social points through 4.6.5.5: checks/written.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ccaudit.checks import CHECKS
from ccaudit.checks.written import (
    caps_words,
    colour,
    contrast,
    font_families,
    is_sans,
    legal_citations,
    sentences,
    special_symbols,
    text_format,
    visible,
    words,
)
from ccaudit.engine.packs import load_packs
from ccaudit.model.finding import Outcome, Problem
from tests.checks.judging import judge_rule, outcomes

STANDARD = load_packs(["standard"], CHECKS)[0]
WRITTEN = "contact_points/written.yaml"
SOCIAL = "contact_points/social.yaml"
PROCESS = "declarations/process.yaml"
REGISTRY = "declarations/registry.yaml"


def judge(repo: Path, rule_id: str, patches: dict[str, Any] | None = None, point: str = "written",
          **params: Any) -> list[Problem]:
    """The problems the rule's check yields (tests/checks/judging.py)."""
    return judge_rule(repo, rule_id, patches, point, **params)




def templates(*texts: str, fmt: str | None = None, **extra: Any) -> dict[str, Any]:
    out = []
    for n, text in enumerate(texts):
        entry = {"id": f"t-{n + 1}", "category": "typical", "text": text, **extra}
        if fmt:
            entry["format"] = fmt
        out.append(entry)
    return {"answer_templates": out}


def profile(**limits: Any) -> dict[str, Any]:
    return {"segment_profiles": [{"id": "sp-1", "title": "Родители", "life_situation_ids": ["ls-1"], "readability_limits": limits}]}


# --- inheritance (4.6.5.5, B17) ------------------------------------------------------------------------------

    # 4.6.4.4-e is covered by rule 4.6.4.5-a (the same readability check), so it has no rule of its own.
def test_social_inherits_the_text_rows_but_not_fonts_and_backgrounds() -> None:
    inherited = {r.id for r in STANDARD.rules if r.clause.startswith("4.6.4") and r.via("social") == "4.6.5.5"}
    expected = {"4.6.4.4-f", "4.6.4.6-a", "4.6.4.6-b", "4.6.4.6-c"} | {f"4.6.4.5-{c}" for c in "abcdefghijklmn"}
    assert inherited == expected


# --- texts: formats, visible text, words, sentences ---------------------------------------------------------------

def test_format_is_declared_or_guessed_from_the_file() -> None:
    assert text_format({"file": "texts/a.md"}) == "markdown"
    assert text_format({"file": "texts/a.HTML"}) == "html"
    assert text_format({"file": "texts/a.md", "format": "plain"}) == "plain"
    assert text_format({"text": "x"}) == "plain"


def test_visible_text_drops_markup() -> None:
    assert " ".join(visible("<style>p{color:red}</style><p>Один&nbsp;<b>два</b></p>", "html").split()) == "Один два"
    assert visible("# Заголовок\n* **один**\n* [два](https://x.ru)", "markdown").split() == ["Заголовок", "•", "один", "•", "два"]


def test_sentences_do_not_break_after_address_abbreviations() -> None:
    text = "Приходите по адресу: г. Приокск, ул. Новосёлов, д. 8. Ждём вас!\n\nС уважением,\nМинистерство"
    assert sentences(text) == ["Приходите по адресу: г. Приокск, ул. Новосёлов, д. 8.", "Ждём вас!", "С уважением, Министерство"]


def test_slots_count_as_their_words_and_numbers_not_at_all() -> None:
    assert words("Здравствуйте, {имя отчество}! Звоните 8 (800) 450-62-62 до 20:00.") == \
        ["Здравствуйте", "имя", "отчество", "Звоните", "до"]


# --- 4.6.4.1: mailings ------------------------------------------------------------------------------------------

def test_mailings_uniform_reports_the_odd_template(base_repo: Path) -> None:
    same = "Здравствуйте! Новости. Отписаться можно в личном кабинете."
    mailings = [{"type": "A", "template": {"text": same}}, {"type": "B", "template": {"text": same}},
                {"type": "C", "template": {"text": "Срок истекает {дата}. Отписаться можно в личном кабинете."}}]
    [problem] = judge(base_repo, "4.6.4.1-c", {WRITTEN: {"mailings": mailings}})
    assert problem.args["mailing"] == "C" and "greeting first" in problem.args["difference"].en


def test_mailings_uniform_without_mailings_or_templates(base_repo: Path) -> None:
    assert outcomes(judge(base_repo, "4.6.4.1-c")) == [Outcome.NOT_APPLICABLE]
    assert outcomes(judge(base_repo, "4.6.4.1-c", {WRITTEN: {"mailings": [{"type": "A"}]}})) == [Outcome.NO_DATA]


# --- 4.6.4.4-f: legal references -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "count"), [
    ("Так положено по закону об обращениях граждан.", 0),
    ("По Федеральному закону № 59-ФЗ мы ответим за 30 дней.", 1),
    ("По Закону Приокской области № 87-ОЗ выплата назначается сама. Порядок утверждён приказом № 12.", 2),
    ("Согласно п. 4 и ст. 12 регламента.", 1),
    ("Пункт выдачи работает до 20:00. Ваш законный представитель может прийти вместо вас.", 0),
])
def test_legal_citations(text: str, count: int) -> None:
    assert len(legal_citations(text)) == count


def test_legal_references_limit_is_tailorable(base_repo: Path) -> None:
    text = "По Федеральному закону № 59-ФЗ мы ответим за 30 дней. Порядок утверждён приказом № 12."
    assert outcomes(judge(base_repo, "4.6.4.4-f", {WRITTEN: templates(text)})) == [Outcome.FAIL]
    assert judge(base_repo, "4.6.4.4-f", {WRITTEN: templates(text)}, max_refs=2) == []
    assert outcomes(judge(base_repo, "4.6.4.4-f", {WRITTEN: {"answer_templates": None}})) == [Outcome.NO_DATA]


# --- 4.6.4.5-l: short sentences ----------------------------------------------------------------------------------

def test_the_segment_limit_overrides_the_default(base_repo: Path) -> None:
    text = "Заявление можно подать на портале, в МФЦ или в нашем офисе на улице Ленина в любой рабочий день."  # 18 words
    assert judge(base_repo, "4.6.4.5-l", {WRITTEN: templates(text)}) == []
    patches = {REGISTRY: profile(max_words_per_sentence=12), WRITTEN: templates(text, segment_profile_ids=["sp-1"])}
    [problem] = judge(base_repo, "4.6.4.5-l", patches)
    assert problem.args["max"] == 18 and problem.args["limit"] == "12" and problem.args["average"] == "18.0"


def test_the_acknowledgement_is_read_once_when_it_is_also_a_template(base_repo: Path) -> None:
    long = " ".join(["слово"] * 25) + "."
    patches = {WRITTEN: {**templates(long), "acknowledgement": {"template": {"text": long}}}}
    assert [p.args["template"] for p in judge(base_repo, "4.6.4.5-l", patches)] == ["t-1"]
    patches = {WRITTEN: {"answer_templates": None, "acknowledgement": {"template": {"text": long}}}}
    assert [p.args["template"] for p in judge(base_repo, "4.6.4.5-l", patches)] == ["acknowledgement"]


# --- 4.6.4.5-n: special symbols ----------------------------------------------------------------------------------

def test_urls_addresses_markup_and_slots_are_not_special_symbols() -> None:
    assert special_symbols("Пишите на info@minsoc.ru или https://minsoc.ru/#form, {имя}. № 5, 10 %, 100 ₽.", "plain") == []
    assert special_symbols("* один\n* **два**\n# Итог", "markdown") == []
    assert special_symbols("<p>Один&nbsp;два</p>", "html") == []
    assert special_symbols("<p>Один &amp; два</p>", "html") == ["&"]  # the reader sees the ampersand
    assert special_symbols("a & b ~ c", "plain") == ["&", "~"]
    assert special_symbols("Готово?? Да!!", "plain") == ["??", "!!"]


def test_positive_emoji_are_allowed_on_social_points_only(base_repo: Path) -> None:
    text = "Спасибо, что написали! 🙂 ❤️ 🎉"
    assert outcomes(judge(base_repo, "4.6.4.5-n", {WRITTEN: templates(text)})) == [Outcome.FAIL]
    assert judge(base_repo, "4.6.4.5-n", {SOCIAL: templates(text)}, point="social") == []
    [problem] = judge(base_repo, "4.6.4.5-n", {SOCIAL: templates("Читайте внимательнее 🙄 #правила")}, point="social")
    assert problem.args["count"] == 2


# --- 4.6.4.5-o, -p, -q: formatting -----------------------------------------------------------------------------

@pytest.mark.parametrize(("families", "ok"), [
    (["arial", "sans-serif"], True), (["pt sans"], True), (["corporate sans", "sans-serif"], True), (["corporate sans"], False),
    (["times new roman", "sans-serif"], False), (["georgia", "serif"], False), (["comic sans ms"], False),
])
def test_sans_serif(families: list[str], ok: bool) -> None:
    assert is_sans(families) is ok


def test_font_families_from_attributes_style_sheets_and_shorthand() -> None:
    text = ('<p style="font-family: \'Times New Roman\', serif">x</p><style>body {font: italic 14px/1.4 "PT Sans", sans-serif}'
            ' p { font: inherit }</style><font face="Verdana">y</font>')
    assert font_families(text) == [["verdana"], ["times new roman", "serif"], ["pt sans", "sans-serif"]]


def test_fonts_and_backgrounds_do_not_apply_to_plain_text_and_wait_for_docx(base_repo: Path) -> None:
    assert outcomes(judge(base_repo, "4.6.4.5-o", {WRITTEN: templates("Текст.", fmt="markdown")})) == [Outcome.NOT_APPLICABLE]
    assert outcomes(judge(base_repo, "4.6.4.5-q", {WRITTEN: templates("Текст.", fmt="docx")})) == [Outcome.NO_DATA]
    assert outcomes(judge(base_repo, "4.6.4.5-o")) == [Outcome.NO_DATA]


def test_caps_words_and_abbreviations() -> None:
    assert caps_words("ВНИМАНИЕ! НЕ забудьте СНИЛС, ИНН, МФЦ и справку для I группы.", frozenset({"СНИЛС"})) == ["ВНИМАНИЕ", "НЕ"]


def test_emphasis_in_html_and_markdown(base_repo: Path) -> None:
    html = '<p style="font-family: Arial">Возьмите <u>паспорт</u></p><p style="font-family: Verdana"><em>обязательно</em></p>'
    [problem] = judge(base_repo, "4.6.4.5-p", {WRITTEN: templates(html, fmt="html")})
    assert problem.args["found"][:2] == ["<u>", "<em>"] and any("шрифты" in f for f in problem.args["found"])
    assert judge(base_repo, "4.6.4.5-p", {WRITTEN: templates("Приём **по записи**, {имя_отчество}: snake_case.ru", fmt="markdown")}) == []
    [problem] = judge(base_repo, "4.6.4.5-p", {WRITTEN: templates("Возьмите _паспорт_.")})
    assert problem.args["found"] == ["_…_"]


def test_contrast_and_background_images(base_repo: Path) -> None:
    assert round(contrast(colour("#999"), colour("#eeeeee")), 2) == 2.46  # type: ignore[arg-type]
    assert colour("transparent") is None and colour("rgb(255, 255, 255)") == (1.0, 1.0, 1.0)
    sheet = "<style>.note { color: #aaaaaa }</style><p class='note'>Текст</p>"
    [problem] = judge(base_repo, "4.6.4.5-q", {WRITTEN: templates(sheet, fmt="html")})
    assert "2.3:1" in problem.args["found"][0].en
    image = '<body background="gerb.png"><p>Текст</p></body>'
    assert outcomes(judge(base_repo, "4.6.4.5-q", {WRITTEN: templates(image, fmt="html")})) == [Outcome.FAIL]


# --- 4.6.4.6: readability at the maximum level -------------------------------------------------------------------

def test_every_life_situation_of_the_point_needs_the_readability_check(base_repo: Path) -> None:
    patches = {WRITTEN: {"readability": {"algorithm_ref": "Сервис «Понятный язык»"},
                         "answer_templates": [{"id": "t-1", "category": "typical", "life_situation_id": "ls-1", "text": "Текст."}]}}
    [problem] = judge(base_repo, "4.6.4.6-a", patches)
    assert problem.args["problem"].en.endswith("ls-1")


def test_limits_are_asked_of_the_points_segments_or_of_all(base_repo: Path) -> None:
    profiles = [{"id": "sp-1", "title": "Родители", "readability_limits": {"fk_grade": 8, "max_words": 120}},
                {"id": "sp-2", "title": "Пенсионеры"}]
    assert [p.args["segment"] for p in judge(base_repo, "4.6.4.6-b", {REGISTRY: {"segment_profiles": profiles}})] == ["sp-2"]
    assert judge(base_repo, "4.6.4.6-b", {WRITTEN: {"segment_profile_ids": ["sp-1"]}}) == []


def test_within_limits_checks_index_limits_and_gives_no_verdict_without_limits(base_repo: Path) -> None:
    assert outcomes(judge(base_repo, "4.6.4.6-c", {WRITTEN: templates("Короткий ответ.")})) == [Outcome.NO_DATA]
    heavy = "Осуществление межведомственного информационного взаимодействия обеспечивается уполномоченным органом."
    failed = judge(base_repo, "4.6.4.6-c", {REGISTRY: profile(fk_grade=8), WRITTEN: templates(heavy, segment_profile_ids=["sp-1"])})
    assert outcomes(failed) == [Outcome.FAIL] and "Флеша–Кинкейда" in str(failed[0].args["excess"][0].ru)
    plain = judge(base_repo, "4.6.4.6-c", {REGISTRY: profile(fk_grade=8), WRITTEN: templates("Мы назначили вам выплату.", segment_profile_ids=["sp-1"])})
    assert plain == []  # judge() returns only the problems; none means the rule passes


def test_the_strictest_segment_wins(base_repo: Path) -> None:
    profiles = [{"id": "sp-1", "title": "A", "readability_limits": {"max_words": 10}},
                {"id": "sp-2", "title": "B", "readability_limits": {"max_words": 4}}]
    patches = {REGISTRY: {"segment_profiles": profiles}, WRITTEN: {"segment_profile_ids": ["sp-1", "sp-2"], **templates("Это ответ из пяти слов.")}}
    [problem] = judge(base_repo, "4.6.4.6-c", patches)
    assert problem.args["excess"][0].en == "words 5 > 4"


# --- 4.6.4.8: quick rating ---------------------------------------------------------------------------------------

def test_quick_rating_by_a_tool_or_in_templates(base_repo: Path) -> None:
    assert outcomes(judge(base_repo, "4.6.4.8")) == [Outcome.FAIL]
    assert judge(base_repo, "4.6.4.8", {WRITTEN: {"quick_rating": {"in_templates": True}}}) == []
    other = {"feedback": {"tools": [{"id": "fb", "contact_point_id": "portal", "scope": "contact_point", "scales": ["smiley"]}]}}
    assert outcomes(judge(base_repo, "4.6.4.8", {PROCESS: other, WRITTEN: {"quick_rating": None}})) == [Outcome.FAIL]
