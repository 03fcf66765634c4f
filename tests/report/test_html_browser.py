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
