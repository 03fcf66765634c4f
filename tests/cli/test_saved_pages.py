"""Saved pages as input: a missing page or one outside the repository is bad input at its saved_pages line:col."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

PORTAL = "id: portal\nkind: portal\ntitle: Тестовая точка (portal)\nsaved_pages:\n  - {file: %s, page_type: home}\n"


@pytest.mark.parametrize(("target", "message"), [
    ("pages/none.html", "'file': file 'pages/none.html' does not exist"),
    ("../../etc/passwd", "'file': '../../etc/passwd' points outside the repository"),
    ("/etc/hostname", "'file': '/etc/hostname' is an absolute path"),
])
def test_missing_or_escaping_page_is_exit_2_at_its_line(run_cli, base_repo: Path, target: str, message: str) -> None:
    (base_repo / "contact_points" / "portal.yaml").write_text(PORTAL % target, "utf-8")
    result = run_cli("audit", base_repo, "--fail-on", "never")
    assert result.exit_code == 2
    assert f"contact_points/portal.yaml:5:12: error: {message}" in result.stderr
    assert "Traceback" not in result.output


def test_symbolic_link_out_of_the_repository_is_refused(run_cli, base_repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.html"
    outside.write_text("<p>секрет</p>", "utf-8")
    (base_repo / "pages").mkdir()
    os.symlink(outside, base_repo / "pages" / "home.html")
    (base_repo / "contact_points" / "portal.yaml").write_text(PORTAL % "pages/home.html", "utf-8")
    result = run_cli("audit", base_repo, "--fail-on", "never")
    assert result.exit_code == 2 and "contact_points/portal.yaml:5:12: error: 'file': 'pages/home.html' points outside" in result.stderr


def test_broken_page_audits_with_findings_on_the_page(run_cli, base_repo: Path) -> None:
    (base_repo / "pages").mkdir()
    (base_repo / "pages" / "home.html").write_text("<html><body><div><p>Незакрыто <a href='/x'>здесь</a><table><td>", "utf-8")
    (base_repo / "contact_points" / "portal.yaml").write_text(PORTAL % "pages/home.html", "utf-8")
    result = run_cli("audit", base_repo, "--fail-on", "never", "--format", "json")
    assert result.exit_code == 0, result.output
    vague = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "4.6.1.12-f" and f["location"]["path"].startswith("pages/")]
    assert [(f["status"], f["location"], f["args"]["selector"]) for f in vague] == [
        ("fail", {"path": "pages/home.html", "line": 1, "col": 31}, "body > div > p > a")]
    assert "«здесь»" in vague[0]["message"]
