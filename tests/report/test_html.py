"""The HTML report: complete, self-contained, escaped, deterministic; rendered in headless Chromium when present."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, apply_patches

HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'
ARTIFACTS = Path(__file__).parent / "artifacts"


def render(run_cli, repo: Path, target: Path, lang: str = "en", *extra: str) -> str:
    result = run_cli("audit", repo, "--fail-on", "never", "--lang", lang, "-o", f"html={target}", "-o", f"json={target}.json", *extra)
    assert result.exit_code == 0, result.stderr
    return target.read_text("utf-8")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_weak_report_has_every_section_and_every_shown_finding(run_cli, tmp_path: Path, lang: str) -> None:
    target = tmp_path / "r.html"
    html = render(run_cli, EXAMPLES / "zarechensk-admin", target, lang)
    report = json.loads(Path(f"{target}.json").read_text("utf-8"))
    for section in ("summary", "chart", "indicators", "findings", "waivers", "coverage"):
        assert f'<section id="{section}"' in html
    assert html.count('<svg role="img"') == 1 and html.count("<svg class=bar") >= 5
    findings_html = html.split('<section id="findings"')[1].split('<section id="waivers"')[0]
    shown = sum(1 for f in report["findings"] if f["status"] in ("fail", "error", "waived", "no_data"))
    assert findings_html.count("<tr><td>") == shown
    assert ("Итоги" if lang == "ru" else "Summary") in html and "@media print" in html


def test_self_contained_no_script_no_external_reference(run_cli, tmp_path: Path) -> None:
    html = render(run_cli, EXAMPLES / "minsoc-priokskaya", tmp_path / "r.html")
    assert "<script" not in html and "<link" not in html and "<img" not in html and "@import" not in html and "url(" not in html
    assert not re.search(r'\b(?:src|href)="(?:https?:)?//', html)


def test_agency_values_are_escaped(run_cli, base_repo: Path, tmp_path: Path) -> None:
    apply_patches(base_repo, {"contact_points/portal.yaml": {"title": HOSTILE},
                              "contact_points/call-center.yaml": {"scripts": [{"id": "x", "title": HOSTILE, "direction": "inbound",
                                                                               "call_type": "general",
                                                                               "steps": [{"kind": "greeting", "text": HOSTILE}]}]}})
    html = render(run_cli, base_repo, tmp_path / "r.html")
    assert "<script>" not in html and "<img" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_deterministic_and_golden(run_cli, base_repo: Path, tmp_path: Path, golden) -> None:
    first = render(run_cli, base_repo, tmp_path / "a.html", "ru", "--clause", "4.6.3.*")
    second = render(run_cli, base_repo, tmp_path / "b.html", "ru", "--clause", "4.6.3.*")
    assert first == second and str(tmp_path) not in first
    golden("base.ru.html", first)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_rendered_in_headless_chromium(run_cli, tmp_path: Path, lang: str) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("no Chromium found (apt-get install chromium); .ci/run installs it, locally this test is skipped")
    page = tmp_path / "report.html"
    render(run_cli, EXAMPLES / "zarechensk-admin", page, lang)
    flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([browser, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert '<section id="chart"' in dom.stdout and "<svg" in dom.stdout and '<section id="findings"' in dom.stdout
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"weak.{lang}.png"
    run = subprocess.run([browser, *flags, "--hide-scrollbars", "--window-size=1280,2400", f"--screenshot={shot}", page.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and shot.exists() and shot.stat().st_size > 20_000, run.stderr[-2000:]


XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "<svg onload=alert(1)>", "javascript:alert(1)",
       "</style><script>alert(1)</script>", "<iframe src=//evil.example>", "{{7*7}}<b onmouseover=alert(1)>x</b>",
       "' onfocus=alert(1) autofocus '", "<a href=\"javascript:alert(1)\">клик</a>", "&lt;script&gt;"]


def test_xss_corpus_runs_nothing_in_chromium(run_cli, base_repo: Path, tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("no Chromium found (apt-get install chromium); .ci/run installs it, locally this test is skipped")
    payload = " ".join(XSS)
    apply_patches(base_repo, {
        "contact_points/portal.yaml": {"title": payload, "description": payload},
        "declarations/agency.yaml": {"agency": {"name": payload}},
        "contact_points/call-center.yaml": {"title": payload, "scripts": [
            {"id": "x", "title": payload, "direction": "inbound", "call_type": "general",
             "steps": [{"kind": "answer", "text": payload + " и ещё очень много слов для длинной фразы оператора в скрипте"}]}]}})
    page = tmp_path / "xss.html"
    html = render(run_cli, base_repo, page, "ru")
    assert "<script" not in html and "<iframe" not in html and "<img" not in html
    flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'p'}"]
    dom = subprocess.run([browser, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    lowered = dom.lower()
    for tag in ("<script", "<iframe", "<img", "<svg onload", "<b onmouseover", "<a href=\"javascript"):
        assert tag not in lowered, tag
    assert "onerror=" not in lowered.replace("onerror=alert(1)&gt;", "") and "alert(1)" in dom  # shown as text
