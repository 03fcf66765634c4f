"""Configuration layers: defaults → ccaudit.yaml → CLI flags, each value with its source."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ccaudit.model.config import load_config
from ccaudit.model.errors import InputErrors
from ccaudit.model.period import Period
from ccaudit.model.rule import Severity


def test_defaults_without_a_file(tmp_path: Path) -> None:
    cfg = load_config(tmp_path, today=date(2026, 11, 23))
    assert cfg.packs == ("standard",) and cfg.fail_on is Severity.ERROR and cfg.lang == "ru"
    assert cfg.period == Period.quarter(2026, 4) and cfg.as_of == date(2026, 11, 23)
    assert cfg.sources["fail_on"] == "default"


def test_file_then_flags(tmp_path: Path) -> None:
    (tmp_path / "ccaudit.yaml").write_text("period: 2026-Q2\nfail_on: warning\nlang: en\ntarget_level: 5\n")
    cfg = load_config(tmp_path, {"lang": ("ru", "--lang"), "fail_on": ("never", "--fail-on")}, today=date(2026, 11, 23))
    assert cfg.period == Period.quarter(2026, 2) and cfg.as_of == date(2026, 6, 30)
    assert cfg.lang == "ru" and cfg.sources["lang"] == "--lang"
    assert cfg.fail_on is None and cfg.sources["fail_on"] == "--fail-on"
    assert cfg.target_level == 5 and cfg.sources["target_level"] == "ccaudit.yaml:4:15"


def test_tailoring(tmp_path: Path) -> None:
    (tmp_path / "ccaudit.yaml").write_text(
        "tailoring:\n  disabled:\n    - {rule: 4.6.9.2, justification: В ведомстве нет мест длительного пребывания}\n"
        "  severity: {4.6.7.1-d: warning}\n  params: {4.6.2.2-a: {platforms: [android, ios, aurora]}}\n")
    cfg = load_config(tmp_path)
    assert cfg.disabled == {"4.6.9.2": "В ведомстве нет мест длительного пребывания"}
    assert cfg.severity == {"4.6.7.1-d": Severity.WARNING}
    assert cfg.params["4.6.2.2-a"] == {"platforms": ["android", "ios", "aurora"]}


@pytest.mark.parametrize(("text", "expected"), [
    ("period: 2026-3\n", "ccaudit.yaml:1:9: error: 'period' is not in the expected form: '2026-3'\n"
                         "  hint: Audited period: a quarter YYYY-Qn (default: the current quarter), a year YYYY, or days FROM..TO (YYYY-MM-DD..YYYY-MM-DD)."),
    ("fail_on: errors\n", "ccaudit.yaml:1:10: error: 'fail_on' has the value 'errors', which is not allowed\n"
                          "  hint: did you mean 'error'?"),
    ("timezone: Europe/Moskow\n", "ccaudit.yaml:1:11: error: unknown time zone 'Europe/Moskow'\n"
                                  "  hint: use an IANA name such as Europe/Moscow, Asia/Yekaterinburg or Europe/Kaliningrad"),
    ("pack: [standard]\n", "ccaudit.yaml:1:1: error: unknown field 'pack'\n  hint: did you mean 'packs'?"),
    ("tailoring:\n  disabled:\n    - {rule: 4.6.9.2, justification: нет}\n",
     "ccaudit.yaml:3:38: error: 'justification' must be at least 10 characters long, got 'нет'\n"
     "  hint: Why the rule does not apply."),
])
def test_bad_config(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "ccaudit.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_config(tmp_path)
    assert caught.value.render() == expected


def test_period_parsing() -> None:
    assert Period.parse("2026-Q1").end == date(2026, 3, 31)
    assert Period.parse("2026-Q4").start == date(2026, 10, 1)
    assert Period.parse("2026Q1") == Period.parse("2026-Q1") and str(Period.parse("2026q1")) == "2026-Q1"
    year = Period.parse("2026")
    assert (year.start, year.end, year.days, str(year)) == (date(2026, 1, 1), date(2026, 12, 31), 365, "2026")
    days = Period.parse("2026-07-01..2026-08-31")
    assert (days.start, days.end, days.year, str(days)) == (date(2026, 7, 1), date(2026, 8, 31), 2026, "2026-07-01..2026-08-31")
    for bad in ("2026-Q5", "26", "2026-08-31..2026-07-01", "2026-02-30..2026-03-01", "Q3 2026"):
        with pytest.raises(ValueError, match="expected YYYY-Qn"):
            Period.parse(bad)


@pytest.mark.parametrize(("period", "message"), [
    ("2026-02-30..2026-03-31", "day is out of range for month"),
    ("2026-03-31..2026-01-01", "ends before it starts"),
])
def test_impossible_period_in_config_is_an_input_error(tmp_path: Path, period: str, message: str) -> None:
    (tmp_path / "ccaudit.yaml").write_text(f"period: '{period}'\n", encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_config(tmp_path)
    text = caught.value.render()
    assert text.startswith("ccaudit.yaml:1:9: error: not a period") and message in text and "hint: write the quarter" in text
