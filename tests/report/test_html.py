"""The HTML report: complete, self-contained, escaped, deterministic; golden file of the weak example."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from ccaudit.audit import run_audit
from ccaudit.engine.coverage import load_rows
from ccaudit.model.finding import Outcome
from ccaudit.model.result import AuditResult
from ccaudit.report import REPORTERS
from ccaudit.report.html import section_of
from tests.conftest import EXAMPLES, TODAY, apply_patches

HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'
SHOWN = ("fail", "error", "waived", "no_data")
SECTIONS = ("summary", "chart", "indicators", "findings", "waivers", "coverage")


@cache
def audited(example: str) -> AuditResult:
    """An example audited once per test session with the tests' clock (reporters are pure, so sharing is safe)."""
    return run_audit(EXAMPLES / example, today=TODAY)


def html_of(result: AuditResult, lang: str) -> str:
    return REPORTERS["html"].render(result, lang)


def section(html: str, key: str) -> str:
    return re.search(rf'<section id="{key}".*?</section>', html, re.S).group(0)  # type: ignore[union-attr]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_section_chart_and_shown_finding(lang: str) -> None:
    result = audited("zarechensk-admin")
    html = html_of(result, lang)
    report = json.loads(REPORTERS["json"].render(result, lang))
    assert html.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in html and "@media print" in html
    for key in SECTIONS:
        assert html.count(f'<section id="{key}"') == 1 and f'<a href="#{key}">' in html
    assert ("Итоги" if lang == "ru" else "Summary") in html and result.agency.title in html
    assert f"ccaudit {result.version}" in html and "2026-Q3" in html and "2026-09-30" in html and "standard 2023.1" in html

    # one <svg> per chart: the star chart, a bar per indicator, a share bar per coverage row
    charts = re.findall(r'<svg class="chart ([a-z-]+)"', html)
    assert len(charts) == html.count("<svg")
    assert charts.count("stars-chart") == 1 and section(html, "chart").count("<svg") == 1
    assert section(html, "indicators").count("<svg") == sum(1 for v in result.indicators if v.stars is not None)
    assert section(html, "coverage").count("<svg") == len({section_of(r.clause) for r in load_rows()})
    stars_chart = re.search(r'<svg class="chart stars-chart".*?</svg>', html, re.S).group(0)  # type: ignore[union-attr]
    assert 'role="img"' in stars_chart and "<title" in stars_chart and "aria-labelledby" in stars_chart
    assert stars_chart.count("<g>") == len(result.points)

    shown = sum(1 for f in report["findings"] if f["status"] in SHOWN)
    assert section(html, "findings").count('<tr class="finding">') == shown == html.count('<tr class="finding">')


def test_summary_puts_what_limits_the_agency_first() -> None:
    result = audited("zarechensk-admin")
    summary = section(html_of(result, "en"), "summary")
    first = re.search(r'<table class="fix">.*?<span class="rid">([^<]+)</span>', summary, re.S).group(1)  # type: ignore[union-attr]
    assert first in {lim.id for lim in result.agency_score.limited_by}
    assert "T1.4 for 1★" in summary  # an indicator limit with what the next level needs


def test_strong_example_bands_interval_and_sources() -> None:
    html = html_of(audited("minsoc-priokskaya"), "en")
    indicators = section(html, "indicators")
    assert "band-bar" in indicators and "ladder-bar" in indicators
    assert "too close to call" in indicators and "measured" in indicators and "from declarations" in indicators
    assert re.search(r'<path d="M[0-9.]+ 21V29M', indicators)  # a Wilson interval whisker
    assert "<p>No errors.</p>" in section(html, "summary") and "★★★★★" in html


@pytest.mark.parametrize("example", ["zarechensk-admin", "minsoc-priokskaya"])
def test_self_contained_without_scripts_or_external_references(example: str) -> None:
    html = html_of(audited(example), "ru")
    lower = html.lower()
    for banned in ("<script", "<link", "<img", "<iframe", "<object", "<embed", "@import", "url(", "javascript:"):
        assert banned not in lower, banned
    assert not re.search(r"\s(?:src|srcset|action|poster|xlink:href)\s*=", lower)
    assert all(target.startswith("#") for target in re.findall(r'\shref="([^"]*)"', html))


def test_agency_values_are_escaped(base_repo: Path) -> None:
    apply_patches(base_repo, {
        "contact_points/portal.yaml": {"title": HOSTILE},
        "contact_points/written.yaml": {"answer_templates": [
            {"id": "t-hostile", "category": "typical", "title": HOSTILE, "file": "texts/hostile.txt"}]},
        "texts/hostile.txt": f"Здравствуйте! {HOSTILE} Ну щас гляну, ответим в течении недели.\n",
        "contact_points/call-center.yaml": {"scripts": [{"id": "x", "title": HOSTILE, "direction": "inbound", "call_type": "general",
                                                         "steps": [{"kind": "greeting", "text": f"{HOSTILE} Ну щас гляну"}]}]},
        "waivers.yaml": {"waivers": [{"rule": "4.6.1.1", "item": "portal", "justification": HOSTILE, "approved_by": HOSTILE,
                                      "expires": "2026-12-31"}]},
    })
    for lang in ("ru", "en"):
        html = html_of(run_audit(base_repo, today=TODAY), lang)
        assert "<script" not in html.lower() and "<img" not in html.lower()
        assert not re.search(r"<[^>]*\sonerror\s*=", html, re.I)
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
        assert "<mark>«щас»</mark>" in html  # a text defect's words are marked


def test_quoted_words_are_escaped_inside_marks() -> None:
    result = audited("zarechensk-admin")
    index = next(i for i, f in enumerate(result.findings) if f.outcome is Outcome.FAIL and "found" in f.args)
    hostile = replace(result.findings[index], args={**result.findings[index].args, "found": HOSTILE})
    html = html_of(replace(result, findings=(*result.findings[:index], hostile, *result.findings[index + 1:])), "en")
    assert "<mark>&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</mark>" in html
    assert "<script" not in html and "\x0e" not in html and "\x0f" not in html


def test_waivers_show_expiry_and_expired_ones_are_flagged(base_repo: Path) -> None:
    apply_patches(base_repo, {"waivers.yaml": {"waivers": [
        {"rule": "4.6.1.1", "item": "portal", "justification": "Ремонт портала до конца года", "approved_by": "Зам. главы",
         "expires": "2026-08-31"},
        {"rule": "4.6.1.2-a", "justification": "Руководства ещё не утверждены", "approved_by": "Зам. главы", "expires": "2027-03-31"}]}})
    waivers = section(html_of(run_audit(base_repo, today=TODAY), "en"), "waivers")
    assert waivers.count("expired — not applied") == 1 and waivers.count(">in force<") == 1
    assert "2026-08-31" in waivers and "2027-03-31" in waivers and "waivers.yaml:" in waivers


def test_coverage_follows_the_clause_selection(base_repo: Path) -> None:
    whole = section(html_of(run_audit(base_repo, today=TODAY), "en"), "coverage")
    assert re.search(rf'<th class="num">{len(load_rows())}</th>', whole)
    some = section(html_of(run_audit(base_repo, {"clause": ("4.6.3.*", "--clause")}, today=TODAY), "en"), "coverage")
    rows = [r for r in load_rows() if r.clause.startswith("4.6.3.")]
    assert re.findall(r'<td class="rid">([^<]+)</td>', some) == ["4.6.3"]
    assert re.search(rf'<th class="num">{len(rows)}</th><th class="num">{len(rows)}</th>', some)  # all automated


def test_deterministic(base_repo: Path) -> None:
    result = audited("zarechensk-admin")
    assert html_of(result, "ru") == html_of(result, "ru")
    again = run_audit(EXAMPLES / "zarechensk-admin", today=TODAY)
    assert html_of(again, "en") == html_of(result, "en")
    html = html_of(run_audit(base_repo, today=TODAY), "ru")
    assert str(base_repo) not in html and str(EXAMPLES) not in html


def test_golden_weak_en(golden) -> None:
    golden("weak.en.html", html_of(audited("zarechensk-admin"), "en"))


def test_golden_base_ru_with_clause_selection(run_cli, base_repo: Path, tmp_path: Path, golden) -> None:
    target = tmp_path / "r.html"
    result = run_cli("audit", base_repo, "--fail-on", "never", "--clause", "4.6.3.*", "-o", f"html={target}")
    assert result.exit_code == 0, result.stderr
    golden("base.ru.html", target.read_text("utf-8"))
