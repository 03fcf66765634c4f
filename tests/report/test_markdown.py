"""Markdown summary: the stars table, failures by severity, collapsed sections, escaping, the golden files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ccaudit.audit import run_audit
from ccaudit.model.result import AuditResult
from ccaudit.report import REPORTERS
from ccaudit.report.i18n import stars_text
from ccaudit.report.markdown import md
from tests.conftest import ROOT, TODAY, apply_patches
from tests.report.weak_example import GOLDEN_CLAUSES, audit_copy, json_report

HOSTILE = "| *x* <script>alert(1)</script> [a](http://e) `code` _y_"


@pytest.fixture(scope="module")
def weak(tmp_path_factory: pytest.TempPathFactory) -> AuditResult:
    return audit_copy(tmp_path_factory.mktemp("markdown") / "weak")


def cells(row: str) -> list[str]:
    """The cells of a table row, split at the pipes Markdown sees (not the escaped ones)."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def table(text: str) -> list[list[str]]:
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    return [cells(r) for r in rows[2:]]  # after the header and the delimiter row


def test_title_and_stars_table(weak: AuditResult) -> None:
    text = REPORTERS["markdown"].render(weak, "en")
    report = json_report(weak)
    assert text.startswith(f"## ccaudit · {report['agency']['name']} · {stars_text(report['agency']['stars'], 'en')}\n")
    rows = table(text)
    assert len(rows) == len(report["points_of_contact"]) and all(len(r) == 4 for r in rows)
    assert [r[1] for r in rows] == [md(p["title"]) for p in report["points_of_contact"]]
    assert [r[2] for r in rows] == [stars_text(p["stars"], "en") for p in report["points_of_contact"]]
    assert all(r[3] for r in rows)  # what limits the stars (every point of the weak example is limited)


def test_failures_by_severity_then_collapsed_sections(weak: AuditResult) -> None:
    text = REPORTERS["markdown"].render(weak, "en")
    findings = json_report(weak)["findings"]
    errors = sum(1 for f in findings if f["status"] in ("fail", "error") and f["severity"] == "error")
    others = [f for f in findings if f["status"] in ("fail", "error") and f["severity"] != "error"]
    assert f"\n### Errors ({errors})\n" in text
    heads = [m.group(1) for m in re.finditer(r"<details><summary>(.+?) \(\d+\)</summary>", text)]
    assert heads == ["Warnings and notes", "Waivers", "Left to a methodologist"]
    assert text.index("### Errors") < text.index("<details>")
    assert text.count("<details>") == text.count("</details>") == 3
    section = text.split("<summary>Warnings and notes")[1].split("</details>")[0]
    kinds = re.findall(r"^- \*\*[^*]+\*\* \((warning|info),", section, flags=re.M)
    assert kinds == sorted(kinds, key=lambda k: k != "warning") and len(kinds) == min(len(others), 50)
    assert re.search(r"^- \*\*4\.6\.7\.1-e\*\* .* — contact\\_points/in-person\.yaml:22$", text, flags=re.M)  # the waiver


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_hostile_title_cannot_break_the_table_or_inject_html(base_repo: Path, lang: str) -> None:
    apply_patches(base_repo, {"contact_points/portal.yaml": {"title": HOSTILE + "\nsecond line"}})
    text = REPORTERS["markdown"].render(run_audit(base_repo, today=TODAY), lang)
    assert "<script>" not in text and "\\<script\\>" in text and "\\[a\\](http://e)" in text
    row = next(r for r in table(text) if "script" in r[1])
    assert len(row) == 4 and row[1] == r"\| \*x\* \<script\>alert(1)\</script\> \[a\](http://e) \`code\` \_y\_ second line"
    assert all(len(r) == 4 for r in table(text))


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_golden_files_of_the_weak_example(tmp_path: Path, golden, lang: str) -> None:
    result = audit_copy(tmp_path / "weak", GOLDEN_CLAUSES)
    text = REPORTERS["markdown"].render(result, lang)
    assert str(tmp_path) not in text and str(ROOT) not in text
    golden(f"weak.{lang}.md", text)


def test_mentions_in_titles_notify_nobody() -> None:
    from ccaudit.report.markdown import md

    assert md("@minsoc-team") == "@\u2060minsoc-team" and "@minsoc" not in md("напишите @minsoc")
