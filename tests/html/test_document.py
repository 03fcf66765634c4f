"""Parsing saved pages: browser-like trees from broken HTML, exact line:col, selectors, and stylesheets."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccaudit.html import load_page, parse_css, parse_page

BROKEN = """<!DOCTYPE html>
<html lang="ru"><head><title>Запись</title>
<style>
a:visited { color: purple }
@media print { nav { display: none } }
</style></head>
<body>
<p>Абзац без конца
<p>Второй <b>жирный <i>и курсив</b> дальше</i>
<table><tr><td>ячейка</table>
<form id="apply"><div class="field"><label for="snils">СНИЛС</label>
  <input id="snils" name="snils"
         required></div>
<div class="field"><input name="inn" style="color: red"></div></form>
<script>var s = "<input id='fake'>";</script>
"""


@pytest.fixture(scope="module")
def page():
    return parse_page(BROKEN, "pages/form.html")


def test_broken_markup_is_repaired_as_browsers_do(page) -> None:
    tags = [e.tag for e in page.elements]
    assert tags.count("p") == 2  # the first <p> is closed by the second
    assert "tbody" in tags  # implied, as in a browser
    assert [e.tag for e in page.find("i")] == ["i", "i"]  # the adoption agency reopens <i> after </b>
    assert not page.by_id("fake")  # text inside <script> is not markup


def test_elements_carry_the_line_and_column_of_their_start_tag(page) -> None:
    snils = page.by_id("snils")
    assert (snils.line, snils.col) == (12, 3)  # the attributes run on to the next line; the position is the "<"
    inn = next(e for e in page.find("input") if e.attrs.get("name") == "inn")
    assert (inn.line, inn.col) == (14, 20)
    assert str(page.at(inn)) == "pages/form.html:14:20"


def test_selectors_name_the_element(page) -> None:
    inn = next(e for e in page.find("input") if e.attrs.get("name") == "inn")
    assert inn.selector == "form#apply > div.field:nth-of-type(2) > input"
    assert page.by_id("snils").selector == "input#snils"


def test_text_and_labels(page) -> None:
    assert page.title == "Запись"
    assert "Второй жирный и курсив дальше" in page.text
    assert "var s" not in page.text
    label = page.find("label")[0]
    assert label.text == "СНИЛС" and label.attrs["for"] == "snils"


def test_styles_of_style_elements_and_attributes_with_their_place(page) -> None:
    visited = next(r for r in page.styles if r.selector == "a:visited")
    assert (visited.path, visited.line, visited.col, visited.get("color")) == ("pages/form.html", 4, 1, "purple")
    printed = next(r for r in page.styles if r.media == "print")
    assert printed.selector == "nav" and printed.line == 5
    inline = next(r for r in page.styles if r.selector == "")
    assert inline.get("color") == "red" and inline.line == 14


def test_broken_css_skips_only_the_broken_rule() -> None:
    rules = parse_css("a { color: red \n}} b { : ; } .ok { animation: x 0.2s infinite }", "site.css")
    assert [r.selector for r in rules][-1] == ".ok"
    assert rules[-1].get("animation") == "x 0.2s infinite"


def test_linked_stylesheets_inside_the_repository_only(tmp_path: Path) -> None:
    (tmp_path / "pages" / "css").mkdir(parents=True)
    (tmp_path / "pages" / "css" / "site.css").write_text("@media (max-width: 600px) { nav { display: none } }", "utf-8")
    (tmp_path / "print.css").write_text("nav { display: none }", "utf-8")
    html = ('<link rel="stylesheet" href="css/site.css"><link rel="stylesheet" href="/print.css" media="print">'
            '<link rel="stylesheet" href="../../etc/x.css"><link rel="stylesheet" href="https://cdn.example/x.css">'
            '<link rel="stylesheet" href="css/none.css">')
    page = load_page(tmp_path, "pages/p.html", html)
    assert [(r.path, r.media) for r in page.styles] == [("pages/css/site.css", "(max-width: 600px)"), ("print.css", "print")]
    assert page.missing_styles == ("../../etc/x.css", "https://cdn.example/x.css", "css/none.css")


def test_deep_nesting_and_empty_input_do_not_fail() -> None:
    deep = parse_page("<div>" * 1200 + "текст", "deep.html")
    assert len(deep.find("div")) == 1200 and deep.text == "текст"
    empty = parse_page("", "empty.html")
    assert [e.tag for e in empty.elements] == ["html", "head", "body"] and empty.text == ""
