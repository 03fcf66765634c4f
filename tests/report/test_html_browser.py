"""The HTML report in a real browser: headless Chromium parses it, keeps the charts and findings, and draws it.

Skipped when no Chromium is installed (`apt-get install chromium`); the screenshots are left in
tests/report/artifacts/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ccaudit.audit import run_audit
from ccaudit.report import REPORTERS
from tests.conftest import EXAMPLES, TODAY

ARTIFACTS = Path(__file__).parent / "artifacts"
pytestmark = pytest.mark.slow


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> str:
    found = chromium()
    if found is None:
        pytest.skip("no Chromium on PATH (looked for chromium and chromium-browser); install it to run the browser tests")
    return found


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_weak_example_in_headless_chromium(browser: str, tmp_path: Path, lang: str) -> None:
    result = run_audit(EXAMPLES / "zarechensk-admin", today=TODAY)
    page = tmp_path / f"weak.{lang}.html"
    page.write_text(REPORTERS["html"].render(result, lang), "utf-8")
    flags = ["--headless=new", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage", "--no-first-run",
             "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}"]

    dom = subprocess.run([browser, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=180)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert '<svg class="chart stars-chart"' in dom.stdout and dom.stdout.count('<tr class="finding">') > 100
    assert '<section id="findings"' in dom.stdout and "<script" not in dom.stdout

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"weak.{lang}.png"
    shot.unlink(missing_ok=True)
    run = subprocess.run([browser, *flags, "--window-size=1280,2000", f"--screenshot={shot}", page.as_uri()],
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.exists() and shot.stat().st_size > 20_000


XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "<svg onload=alert(1)>", "javascript:alert(1)",
       "</style><script>alert(1)</script>", "<iframe src=//evil.example>", "{{7*7}}<b onmouseover=alert(1)>x</b>",
       "' onfocus=alert(1) autofocus '", "<a href=\"javascript:alert(1)\">клик</a>", "&lt;script&gt;"]


def test_xss_corpus_runs_nothing_in_chromium(browser: str, base_repo: Path, tmp_path: Path) -> None:
    from tests.conftest import apply_patches

    payload = " ".join(XSS)
    apply_patches(base_repo, {
        "contact_points/portal.yaml": {"title": payload, "description": payload},
        "declarations/agency.yaml": {"agency": {"name": payload}},
        "contact_points/call-center.yaml": {"title": payload, "scripts": [
            {"id": "x", "title": payload, "direction": "inbound", "call_type": "general",
             "steps": [{"kind": "answer", "text": payload + " и ещё очень много слов для длинной фразы оператора в скрипте"}]}]}})
    page = tmp_path / "xss.html"
    html = REPORTERS["html"].render(run_audit(base_repo, today=TODAY), "ru")
    page.write_text(html, "utf-8")
    assert "<script" not in html and "<iframe" not in html and "<img" not in html
    flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'p'}"]
    dom = subprocess.run([browser, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    lowered = dom.lower()
    for tag in ("<script", "<iframe", "<img", "<svg onload", "<b onmouseover", "<a href=\"javascript"):
        assert tag not in lowered, tag
    assert "alert(1)" in dom  # shown as text
