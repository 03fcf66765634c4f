"""Edge cases of the checks on saved pages (checks/page_forms.py, page_content.py, page_navigation.py, saved_pages.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ccaudit.model.finding import Outcome, Problem
from tests.checks.judging import judge_rule


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Портал</title>{head}</head>\n<body>\n{body}\n</body></html>\n"


def with_page(html: str, page_type: str | None = "home", extra: dict[str, Any] | None = None,
              files: dict[str, str] | None = None) -> dict[str, Any]:
    entry = {"file": "pages/p.html", **({"page_type": page_type} if page_type else {})}
    return {"contact_points/portal.yaml": {"saved_pages": [entry], **(extra or {})}, "pages/p.html": html, **(files or {})}


def failures(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.outcome is Outcome.FAIL]


def judge(base_repo: Path, rule: str, html: str, page_type: str | None = "home", **kw: Any) -> list[Problem]:
    return failures(judge_rule(base_repo, rule, with_page(html, page_type, **kw), point="portal"))


FORM = '<form action="/zapis">{}</form>'


@pytest.mark.parametrize(("field", "fails"), [
    ('<label for="a" class="req">Имя</label><input id="a" required>', True),  # a class with no generated content
    ('<label for="a">Имя <abbr title="обязательное поле">*</abbr></label><input id="a" required>', False),
    ('<label>Имя (обязательно) <input required></label>', False),  # a wrapping label
    ('<span id="l">Имя *</span><input aria-labelledby="l" aria-required="true">', False),
    ('<label for="a">Имя</label><input id="a">', False),  # not required: nothing to mark
    ('<input type="hidden" name="t" required><input type="submit" required>', False),
])
def test_required_marker(base_repo: Path, field: str, fails: bool) -> None:
    assert bool(judge(base_repo, "4.6.1.7-c", page(FORM.format(field)), "service_form")) is fails


def test_required_marker_from_generated_content_in_a_linked_stylesheet(base_repo: Path) -> None:
    html = page(FORM.format('<label for="a" class="req">Имя</label><input id="a" required>'),
                '<link rel="stylesheet" href="css/site.css">')
    css = {"pages/css/site.css": '.req::after { content: " *"; color: #b00; }'}
    assert judge(base_repo, "4.6.1.7-c", html, "service_form", files=css) == []


def test_form_checks_skip_search_forms_and_read_only_service_forms(base_repo: Path) -> None:
    search = '<form role="search" action="/search"><input type="search" name="q" required><button>Найти</button></form>'
    assert judge(base_repo, "4.6.1.7-c", page(search), "service_form") == []
    # a home page with a bad form is not a service form: without service forms the declaration decides
    problems = judge_rule(base_repo, "4.6.1.7-c", with_page(page(FORM.format('<input required>')), "home"), point="portal")
    assert [p.at.path for p in failures(problems)] == ["contact_points/portal.yaml"]
    assert "service_form" in problems[0].args["observed"].ru  # type: ignore[union-attr]


def test_hints_and_format_descriptions(base_repo: Path) -> None:
    hinted = page(FORM.format('<div class="field"><label for="d">Дата рождения</label><input id="d" name="birth" maxlength="10">'
                              '<span class="field-help">В формате ДД.ММ.ГГГГ</span></div>'))
    assert judge(base_repo, "4.6.1.7-d", hinted, "service_form") == []
    assert judge(base_repo, "4.6.1.8-b", hinted, "service_form") == []
    vague = page(FORM.format('<label for="s">СНИЛС</label><input id="s" name="snils" placeholder="Введите СНИЛС">'))
    assert judge(base_repo, "4.6.1.7-d", vague, "service_form") == []  # a placeholder is a hint …
    [problem] = judge(base_repo, "4.6.1.8-b", vague, "service_form")  # … but not a format description
    assert problem.args["hint"] == "Введите СНИЛС" and problem.args["selector"] == "input#s"
    picker = page(FORM.format('<label for="d">Дата</label><input id="d" type="date">'))
    assert judge(base_repo, "4.6.1.8-b", picker, "service_form") == []


@pytest.mark.parametrize(("control", "fails"), [
    ('<input name="fio">', True), ('<input name="fio" maxlength="100">', False), ('<textarea name="t"></textarea>', True),
    ('<input type="number" name="n">', True), ('<input type="number" name="n" min="1" max="12">', False),
    ('<input type="email" name="e">', False), ('<select name="r"><option>1</option></select>', False),
])
def test_values_constrained(base_repo: Path, control: str, fails: bool) -> None:
    assert bool(judge(base_repo, "4.6.1.8-c", page(FORM.format(control)), "service_form")) is fails


@pytest.mark.parametrize(("css", "fails"), [
    (".a { animation: flash 0.2s infinite; }", True),
    (".a { animation-name: flash; animation-duration: 250ms; animation-iteration-count: 5; }", True),
    (".a { animation: flash 0.5s infinite alternate; }", False),  # 2 per second
    (".a { animation: flash 0.2s 1; }", False),  # once
    (".a { animation: flash 0.2s cubic-bezier(0.1, 2, 3, 1); }", False),  # the function's numbers are not a count
    (".a { text-decoration: blink; }", True),
    ("@media (min-width: 600px) { .a { animation: x 100ms infinite } }", True),
])
def test_flashing(base_repo: Path, css: str, fails: bool) -> None:
    problems = judge(base_repo, "4.6.1.11-e", page('<p class="a">Текст</p>', f"<style>{css}</style>"))
    assert bool(problems) is fails
    if fails:
        assert problems[0].at.path == "pages/p.html" and problems[0].at.line == 2


def test_flashing_in_a_linked_stylesheet_is_located_in_the_css_file(base_repo: Path) -> None:
    html = page('<p class="a">Текст</p>', '<link rel="stylesheet" href="site.css">')
    [problem] = judge(base_repo, "4.6.1.11-e", html, files={"pages/site.css": "p {}\n\n  .a { animation: f .1s infinite }"})
    assert str(problem.at) == "pages/site.css:3:3" and problem.args["rate"] == "10"


def test_blink_and_marquee_elements(base_repo: Path) -> None:
    assert len(judge(base_repo, "4.6.1.11-e", page("<h1>Т</h1><marquee>Акция</marquee><blink>!</blink>"))) == 2


@pytest.mark.parametrize(("css", "fails"), [
    ("a { color: #05c }", True),
    ("a, a:visited { color: #05c }", True),
    ("a { color: #05c } a:visited { color: #05c }", True),
    ("a:link { color: #05c } a:visited { color: #639 }", False),
    ("a { color: #05c } a:visited { text-decoration: line-through }", False),
])
def test_visited_style(base_repo: Path, css: str, fails: bool) -> None:
    assert bool(judge(base_repo, "4.6.1.12-e", page("<a href='/x'>Услуги</a>", f"<style>{css}</style>"))) is fails


@pytest.mark.parametrize(("link", "fails"), [
    ('<a href="/x">Подробнее</a>', True), ('<a href="/x">здесь.</a>', True), ('<a href="/x"></a>', True),
    ('<a href="/x"><img src="i.png" alt=""></a>', True), ('<button></button>', True),
    ('<a href="/x">Подробнее о пособии</a>', False), ('<a href="/x"><img src="i.png" alt="Главная страница"></a>', False),
    ('<a href="/x" aria-label="Подробнее о записи на приём">Подробнее</a>', False), ('<a name="anchor"></a>', False),
    ('<input type="submit" value="Отправить заявление">', False),
])
def test_link_texts(base_repo: Path, link: str, fails: bool) -> None:
    assert bool(judge(base_repo, "4.6.1.12-f", page(link))) is fails


def test_support_contacts_match_phones_by_digits_and_other_contacts_as_written(base_repo: Path) -> None:
    extra = {"tech_support": {"contacts": ["+7 (800) 100-00-00", "support@priok.ru"]}}
    shown = page('<footer>Поддержка: 8 800 100 00 00, <a href="mailto:Support@priok.ru">почта</a></footer>')
    assert judge(base_repo, "4.6.1.10-c", shown, extra=extra) == []
    [problem] = judge(base_repo, "4.6.1.10-c", page("<footer>Поддержка: 8 800 100 00 00</footer>"), extra=extra)
    assert problem.args["missing"] == ["support@priok.ru"] and problem.args["selector"] == "body > footer"


def test_declared_and_observed_both_in_the_finding(base_repo: Path) -> None:
    extra = {"page_facts": {"search_on_every_page": True}}
    [problem] = judge(base_repo, "4.6.1.14-g", page("<main><h1>Услуги</h1></main>"), extra=extra)
    assert problem.args["declared"].ru == "заявлено соответствие"  # type: ignore[union-attr]
    assert "нет формы поиска" in problem.args["observed"].ru  # type: ignore[union-attr]
    [problem] = judge(base_repo, "4.6.1.14-g", page("<main><h1>Услуги</h1></main>"),
                      extra={"page_facts": {"search_on_every_page": False}})
    assert "search_on_every_page" in problem.args["declared"].ru  # type: ignore[union-attr]


def test_every_page_is_judged(base_repo: Path) -> None:
    good = page('<form role="search" action="/search"><input type="search" name="q"><button>Найти</button></form>')
    patch = {"contact_points/portal.yaml": {"saved_pages": [{"file": "pages/a.html"}, {"file": "pages/b.html"}]},
             "pages/a.html": good, "pages/b.html": page("<h1>Без поиска</h1>")}
    problems = failures(judge_rule(base_repo, "4.6.1.14-g", patch, point="portal"))
    assert [p.at.path for p in problems] == ["pages/b.html"]


def test_single_step_forms_make_step_buttons_not_applicable(base_repo: Path) -> None:
    problems = judge_rule(base_repo, "4.6.1.15-f", with_page(page(FORM.format("<input maxlength=5>")), "service_form"),
                          point="portal")
    assert [p.outcome for p in problems] == [Outcome.NOT_APPLICABLE]


def test_print_styles_from_a_print_stylesheet_link(base_repo: Path) -> None:
    html = page("<h1>Т</h1>", '<link rel="stylesheet" href="print.css" media="print">')
    assert judge(base_repo, "4.6.1.13-c", html) == []


def test_semantic_markup_fake_heading(base_repo: Path) -> None:
    html = page("<h1>Пособия</h1><p><b>Кому положено</b></p><p>Семьям с детьми до трёх лет.</p>")
    [problem] = judge(base_repo, "4.6.1.11-h", html)
    assert "Кому положено" in problem.args["problem"].ru  # type: ignore[union-attr]


def test_text_images_by_long_alt(base_repo: Path) -> None:
    alt = "Уважаемые граждане приём по вопросам назначения пособий переносится с двенадцатого на четырнадцатое марта"
    assert judge(base_repo, "4.6.1.11-i", page(f'<h1>Т</h1><img src="/img/a.png" alt="{alt}">'))
    assert not judge(base_repo, "4.6.1.11-i", page('<h1>Т</h1><img src="/img/a.png" alt="Здание министерства">'))


def test_embedded_player_autoplay_and_title(base_repo: Path) -> None:
    player = '<iframe src="https://rutube.ru/play/embed/123?autoplay=1"></iframe>'
    assert judge(base_repo, "4.6.1.11-k", page(player))
    assert judge(base_repo, "4.6.1.11-j", page(player))
    titled = '<iframe src="https://rutube.ru/play/embed/123" title="Как записаться на приём"></iframe>'
    assert not judge(base_repo, "4.6.1.11-k", page(titled)) and not judge(base_repo, "4.6.1.11-j", page(titled))


def test_a_shared_stylesheet_rule_is_one_finding(base_repo: Path) -> None:
    html = page("<h1>Т</h1><p class='a'>!</p>", '<link rel="stylesheet" href="site.css">')
    patch = {"contact_points/portal.yaml": {"saved_pages": [{"file": "pages/a.html"}, {"file": "pages/b.html"}]},
             "pages/a.html": html, "pages/b.html": html, "pages/site.css": ".a { animation: f 0.1s infinite }"}
    problems = failures(judge_rule(base_repo, "4.6.1.11-e", patch, point="portal"))
    assert [(str(p.at), p.args["page"]) for p in problems] == [("pages/site.css:1:1", "pages/a.html")]


def test_page_text_feeds_the_special_terms_rule_at_the_words_place(base_repo: Path) -> None:
    html = "<html><head><title>кэш</title></head><body>\n<h1>Вход</h1>\n<p>Если форма не открывается, <b>очистите кэш</b> и cookie.</p>"
    problems = failures(judge_rule(base_repo, "4.6.1.11-f", with_page(html), point="portal"))
    assert [(str(p.at), p.args["terms"]) for p in problems] == [("pages/p.html:3:43", ["кэш", "cookie"])]  # not the title's «кэш»
    clean = page("<h1>Вход</h1><p>Если форма не открывается, закройте браузер и откройте сайт снова.</p>")
    assert failures(judge_rule(base_repo, "4.6.1.11-f", with_page(clean), point="portal")) == []


@pytest.mark.parametrize(("value", "rgb"), [
    ("#fff", (1.0, 1.0, 1.0)), ("#1F2733", (0x1F / 255, 0x27 / 255, 0x33 / 255)), ("rgb(255, 0, 0)", (1.0, 0.0, 0.0)),
    ("url(a.png) no-repeat #000", (0.0, 0.0, 0.0)), ("rgba(0, 0, 0, 0.5)", None), ("#00000080", None), ("transparent", None),
    ("Red", (1.0, 0.0, 0.0)),
])
def test_colour_values(value: str, rgb: tuple[float, float, float] | None) -> None:
    from ccaudit.checks.page_style import colour

    assert colour(value) == (pytest.approx(rgb) if rgb else None)


def test_contrast_is_the_wcag_ratio() -> None:
    from ccaudit.checks.page_style import contrast

    assert contrast((0, 0, 0), (1, 1, 1)) == pytest.approx(21)
    assert contrast((0x76 / 255,) * 3, (1, 1, 1)) == pytest.approx(4.54, abs=0.01)  # #767676, the AA grey


def test_contrast_of_body_text_on_the_default_white_page(base_repo: Path) -> None:
    [problem] = judge(base_repo, "4.6.1.11-c", page("<h1>Т</h1>", "<style>body { color: #aaa }</style>"))
    assert problem.args["background"] == "#ffffff" and problem.args["ratio"] == "2,3"
    # a block's own colour without its own background is left to a rendered check
    assert judge(base_repo, "4.6.1.11-c", page("<h1>Т</h1>", "<style>.note { color: #ccc }</style>")) == []


def test_vivid_text_colour_of_a_warning_is_not_a_palette_problem(base_repo: Path) -> None:
    assert judge(base_repo, "4.6.1.11-b", page("<h1>Т</h1><p class='err'>!</p>", "<style>.err { color: #e00000 }</style>")) == []
    assert judge(base_repo, "4.6.1.11-b", page("<h1>Т</h1>", "<style>body { background: #00ff00 }</style>"))


def two_pages(first: str, second: str, second_type: str = "section") -> dict[str, Any]:
    return {"contact_points/portal.yaml": {"saved_pages": [{"file": "pages/a.html", "page_type": "home"},
                                                           {"file": "pages/b.html", "page_type": second_type}]},
            "pages/a.html": first, "pages/b.html": second}


def test_comparing_pages_needs_two_pages_of_the_full_version(base_repo: Path) -> None:
    a = page('<nav><a href="/a">А</a><a href="/b">Б</a></nav><h1>Т</h1>')
    b = page('<nav><a href="/a">А</a></nav><h1>Т</h1>')
    problems = failures(judge_rule(base_repo, "4.6.1.12-j", two_pages(a, b, "mobile"), point="portal"))
    assert [p.at.path for p in problems] == ["contact_points/portal.yaml"]  # the mobile page is not compared: declared
    assert "сохранено страниц: 1" in problems[0].args["observed"].ru  # type: ignore[union-attr]


def test_a_logo_and_a_text_link_to_home_are_both_names(base_repo: Path) -> None:
    a = page('<header><a href="/"><img src="l.svg" alt="Портал"></a><a href="/">Главная</a></header><h1>Т</h1>')
    b = page('<header><a href="/">Главная</a></header><h1>Т</h1>')
    assert failures(judge_rule(base_repo, "4.6.1.12-i", two_pages(a, b), point="portal")) == []


def test_closed_lists_by_label_or_transliterated_name(base_repo: Path) -> None:
    form = page(FORM.format('<input name="rajon" maxlength="40"><label for="c">Гражданство</label><input id="c" list="countries">'))
    [problem] = judge(base_repo, "4.6.1.8-a", form, "service_form")
    assert problem.args["field"] == "rajon"


def gif(*delays: int) -> bytes:
    """A 1×1 GIF89a with one frame per delay (hundredths of a second)."""
    out = b"GIF89a" + bytes([1, 0, 1, 0, 0x80, 0, 0]) + bytes([0, 0, 0, 255, 255, 255])
    for delay in delays:
        out += bytes([0x21, 0xF9, 4, 0, delay & 0xFF, delay >> 8, 0, 0])
        out += bytes([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0])
    return out + b"\x3b"


@pytest.mark.parametrize(("delays", "fails"), [((5, 5), True), ((0, 0), True), ((50, 50), False), ((10, 30), False), ((5,), False)])
def test_animated_gif_frames(base_repo: Path, delays: tuple[int, ...], fails: bool) -> None:
    from ccaudit.html.images import gif_delays

    (base_repo / "pages").mkdir(exist_ok=True)
    (base_repo / "pages" / "banner.gif").write_bytes(gif(*delays))
    assert gif_delays(base_repo / "pages" / "banner.gif") == tuple(10 if d <= 1 else d for d in delays)
    problems = judge(base_repo, "4.6.1.11-e", page('<h1>Т</h1><img src="banner.gif" alt="Акция">'))
    assert bool(problems) is fails
