"""Rendered checks (`--render`): layout at a 320 px screen and computed contrast, measured in headless Chromium."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from ccaudit.checks import CHECKS
from ccaudit.engine.registry import CheckContext
from ccaudit.html.capture import find_browser
from ccaudit.model.config import load_config
from ccaudit.model.declaration import load_declaration
from ccaudit.model.finding import Outcome, Problem
from tests.checks.judging import STANDARD
from tests.checks.test_saved_pages import page, with_page
from tests.conftest import TODAY, apply_patches

pytestmark = pytest.mark.slow


def rendered(repo: Path, rule_id: str, patches: dict[str, Any]) -> list[Problem]:
    apply_patches(repo, patches)
    declaration = load_declaration(repo)
    rule = STANDARD.rule(rule_id)
    assert rule is not None and rule.check
    config = dataclasses.replace(load_config(repo, today=TODAY), render=True)
    ctx = CheckContext(declaration, rule, dict(rule.params), config)
    spec = CHECKS.get(rule.check)
    assert spec is not None
    return list(spec.fn(ctx, declaration.find("contact_point", "portal")))  # type: ignore[arg-type]


@pytest.fixture
def chromium() -> str:
    found = find_browser()
    if found is None:
        pytest.skip("no Chromium on PATH; install it (apt-get install chromium) to run the rendered checks")
    return found


ADAPTIVE = '<meta name="viewport" content="width=device-width"><style>@media (max-width: 600px) { h1 { font-size: 20px } }</style>'


def test_a_fixed_width_layout_scrolls_sideways_at_320_px(chromium: str, base_repo: Path) -> None:
    html = page('<div class="wrap"><h1>Услуги</h1></div>', ADAPTIVE + "<style>.wrap { width: 1000px }</style>")
    [problem] = [p for p in rendered(base_repo, "4.6.1.13-a", with_page(html)) if p.outcome is Outcome.FAIL]
    assert problem.args["selector"] == "body > div.wrap" and str(problem.at) == "pages/p.html:4:1"
    assert "1008 px" in problem.args["missing"][0].ru  # type: ignore[index]  # 1000 px and the body margins


def test_a_fluid_layout_fits(chromium: str, base_repo: Path) -> None:
    html = page('<div class="wrap"><h1>Услуги</h1><img src="x.png" width="900" alt="Здание"></div>',
                ADAPTIVE + "<style>.wrap { max-width: 1000px } img { max-width: 100%; height: auto }</style>")
    assert [p for p in rendered(base_repo, "4.6.1.13-a", with_page(html)) if p.outcome is not Outcome.PASS] == []


def test_computed_contrast_finds_what_the_cascade_hides(chromium: str, base_repo: Path) -> None:
    # the grey comes from one rule and the background from an ancestor's: the static check cannot pair them
    html = page('<section class="news"><h1>Новости</h1><p class="note">Приём по записи</p></section>',
                "<style>.news { background: #eeeeee } .note { color: #999999 }</style>")
    [problem] = [p for p in rendered(base_repo, "4.6.1.11-c", with_page(html)) if p.outcome is Outcome.FAIL]
    assert (problem.args["text"], problem.args["background"], problem.args["selector"]) == (
        "#999999", "#eeeeee", "body > section.news > p.note")
    assert str(problem.at) == "pages/p.html:4:39"


def test_without_chromium_rendered_parts_have_no_data(base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(base_repo))
    problems = rendered(base_repo, "4.6.1.11-c", with_page(page("<h1>Т</h1>")))
    assert [p.outcome for p in problems] == [Outcome.NO_DATA] and "Chromium" in problems[0].args["reason"].ru  # type: ignore[union-attr]


def test_render_flag_without_chromium_is_exit_2(run_cli, base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(base_repo))
    result = run_cli("audit", base_repo, "--render")
    assert result.exit_code == 2 and "--render needs Chromium" in result.stderr and "apt-get install chromium" in result.stderr


def test_an_animation_a_script_starts_is_caught_only_when_rendered(chromium: str, base_repo: Path) -> None:
    html = page('<h1>Т</h1><p id="sale">Скидка!</p><script>document.getElementById("sale").animate('
                '[{opacity: 1}, {opacity: 0}], {duration: 100, iterations: Infinity});</script>')
    [problem] = [p for p in rendered(base_repo, "4.6.1.11-e", with_page(html)) if p.outcome is Outcome.FAIL]
    assert problem.args["selector"] == "p#sale" and problem.args["rate"] == "10"
    from tests.checks.judging import judge_rule

    assert [p for p in judge_rule(base_repo, "4.6.1.11-e", point="portal") if p.outcome is Outcome.FAIL] == []


def test_large_text_needs_3_to_1(chromium: str, base_repo: Path) -> None:
    # #888 on white is 3.5:1: too little for body text, enough for a 32 px heading
    html = page('<h1 class="big">Новости</h1><p class="small">Приём по записи</p>',
                "<style>body { background: #fff } .big { font-size: 32px; color: #888 } .small { font-size: 16px; color: #888 }</style>")
    failing = [p for p in rendered(base_repo, "4.6.1.11-c", with_page(html)) if p.outcome is Outcome.FAIL]
    assert [(p.args["selector"], p.args["min"]) for p in failing] == [("body > p.small", "4,5")]


def test_home_link_with_an_absolute_address(base_repo: Path) -> None:
    from tests.checks.test_saved_pages import judge

    html = page('<header><a href="https://minsoc.example.ru/"><img src="l.svg" alt="Портал"></a>'
                '<a href="/lk">Личный кабинет</a><a href="/vhod">Войти</a></header><h1>Т</h1>')
    assert judge(base_repo, "4.6.1.15-c", html) == []
