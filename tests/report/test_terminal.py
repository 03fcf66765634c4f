"""Terminal output: 100 columns, plain when not a terminal, grouped findings with locations."""

from __future__ import annotations

from pathlib import Path

from ccaudit.audit import run_audit
from ccaudit.report import REPORTERS
from tests.conftest import TODAY


def test_plain_text_fits_100_columns(base_repo: Path) -> None:
    text = REPORTERS["terminal"].render(run_audit(base_repo, today=TODAY), "ru")
    assert max(len(line) for line in text.splitlines()) <= 100
    assert "\x1b[" not in text


def test_points_findings_and_locations_are_shown(base_repo: Path) -> None:
    text = REPORTERS["terminal"].render(run_audit(base_repo, today=TODAY), "en")
    assert "Points of contact" in text and "call centre" in text
    assert "── Тестовое ведомство · agency level" in text
    assert "4.5.3.3 No points of contact are declared for withdrawing consent: withdrawal_channels" in text
    assert "declarations/process.yaml:5:10" in text
    assert "4.6.1.3-a (via 4.6.2.1)" in text  # an inherited rule names the inheriting clause
