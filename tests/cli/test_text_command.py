"""`ccaudit text`: what a methodologist sees for a plain and a канцелярит answer; bad input is exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ccaudit.cli import app

PLAIN = "Мы назначили вам выплату. Деньги придут на карту до 15 марта. Если будут вопросы, позвоните нам.\n"
HEAVY = ("Доводим до Вашего сведения, что в целях осуществления выплаты Вами должно быть произведено представление "
         "документов, подтверждающих правоустанавливающие основания, в МФЦ в установленном порядке.\n")


def test_plain_and_heavy_answers_differ_as_a_methodologist_expects(run_cli, tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text(PLAIN, "utf-8")
    (tmp_path / "heavy.txt").write_text(HEAVY, "utf-8")
    result = run_cli("text", tmp_path / "plain.txt", tmp_path / "heavy.txt", "--format", "json")
    assert result.exit_code == 0
    plain, heavy = (json.loads(line) for line in result.stdout.splitlines())
    assert set(plain) >= {"path", "counts", "indices", "findings"}
    assert set(plain["counts"]) == {"sentences", "words", "syllables", "letters", "complex_words"}
    assert set(plain["indices"]) == {"flesch_reading_ease", "flesch_kincaid_grade", "coleman_liau", "ari", "smog",
                                     "dale_chall", "median_grade"}
    assert heavy["indices"]["median_grade"] > plain["indices"]["median_grade"] + 5
    assert heavy["indices"]["flesch_reading_ease"] < plain["indices"]["flesch_reading_ease"] - 30
    assert plain["findings"] == []
    families = {f["pattern"].split(".")[0] for f in heavy["findings"]}
    assert {"cliche", "compound_preposition", "passive", "term", "abbreviation"} <= families
    first = heavy["findings"][0]
    assert set(first) >= {"pattern", "start", "end", "line", "col", "text", "suggestion"}
    assert HEAVY[first["start"]:first["end"]] == first["text"] and first["line"] == 1 and first["col"] == 1


def test_terminal_output_shows_grade_against_the_segment_and_defects(run_cli, tmp_path: Path) -> None:
    (tmp_path / "heavy.txt").write_text(HEAVY, "utf-8")
    result = run_cli("text", tmp_path / "heavy.txt", "--segment", "vulnerable")
    assert result.exit_code == 0
    assert "median grade" in result.stdout and "too hard" in result.stdout
    assert "heavy.txt:1:1: warning: «Доводим до Вашего сведения» [cliche]" in result.stdout


def test_stdin_and_bad_inputs(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["text", "-", "--format", "json"], input=PLAIN)
    assert ok.exit_code == 0 and json.loads(ok.stdout)["path"] == "-"
    (tmp_path / "cp1251.txt").write_bytes("Здравствуйте".encode("cp1251"))
    (tmp_path / "bin.dat").write_bytes(b"\x00\x01\x02")
    (tmp_path / "empty.txt").write_text("  \n", "utf-8")
    for name, message in [("cp1251.txt", "not UTF-8"), ("bin.dat", "binary input"), ("empty.txt", "empty input"),
                          ("missing.txt", "cannot read")]:
        result = runner.invoke(app, ["text", str(tmp_path / name)])
        assert result.exit_code == 2 and message in result.stderr, name
    assert runner.invoke(app, ["text", "-", "--coefficients", "nope"], input=PLAIN).exit_code == 2
