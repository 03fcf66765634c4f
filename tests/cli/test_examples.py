"""The bundled examples, tried as a new user would (the foundation issue's "done when")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

STRONG, WEAK = "minsoc-priokskaya", "zarechensk-admin"
KINDS = {"portal", "mobile_app", "call_center", "voice_assistant", "written", "social", "chatbot", "in_person",
         "one_window", "long_stay"}


@pytest.mark.parametrize("name", [STRONG, WEAK])
def test_examples_validate(run_cli, name: str) -> None:
    result = run_cli("validate", EXAMPLES / name)
    assert result.exit_code == 0, result.output


def test_all_ten_kinds_appear_between_the_examples() -> None:
    kinds = set()
    for name in (STRONG, WEAK):
        for path in (EXAMPLES / name / "contact_points").rglob("*.yaml"):
            kinds.update(line.split(":", 1)[1].strip() for line in path.read_text("utf-8").splitlines()
                         if line.startswith("kind:"))
    assert kinds == KINDS


def test_strong_example_is_clean_and_mostly_four_or_five_stars(run_cli) -> None:
    result = run_cli("audit", EXAMPLES / STRONG, "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    stars = [p["stars"] for p in report["points_of_contact"]]
    assert sum(1 for s in stars if s is not None and s >= 4) >= 0.8 * len(stars)
    assert report["agency"]["stars"] >= 3


def test_strong_example_terminal_table(run_cli) -> None:
    result = run_cli("audit", EXAMPLES / STRONG)
    assert result.exit_code == 0
    assert "Точки взаимодействия" in result.stdout and "★" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 100


def test_weak_example_fails_on_several_kinds(run_cli) -> None:
    result = run_cli("audit", EXAMPLES / WEAK, "--format", "json", "--fail-on", "error")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    kinds = {p["id"]: p["kind"] for p in report["points_of_contact"]}
    failing = {kinds[f["point_of_contact"]] for f in report["findings"]
               if f["status"] == "fail" and f["severity"] == "error" and f["point_of_contact"]}
    assert len(failing) >= 5
    assert report["summary"]["exit_code"] == 1


def test_english_report_of_the_weak_example(run_cli) -> None:
    result = run_cli("audit", EXAMPLES / WEAK, "--lang", "en", "--fail-on", "never")
    assert result.exit_code == 0 and "Points of contact" in result.stdout


def _first_contact_point(repo: Path, kind: str) -> Path:
    for path in sorted((repo / "contact_points").rglob("*.yaml")):
        if f"\nkind: {kind}\n" in path.read_text("utf-8"):
            return path
    raise AssertionError(kind)


def _replace_line(path: Path, startswith: str, new: str) -> int:
    lines = path.read_text("utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.lstrip().startswith(startswith):
            indent = line[: len(line) - len(line.lstrip())]
            lines[i] = indent + new + "\n"
            path.write_text("".join(lines), "utf-8")
            return i + 1
    raise AssertionError(startswith)


BREAKAGES = {
    "syntax error": lambda p: _replace_line(p, "title:", "title: 'Незакрытая кавычка"),
    "duplicate key": lambda p: _replace_line(p, "title:", "title: Первый\ntitle: Второй"),
    "wrong type": lambda p: _replace_line(p, "title:", "title: [1, 2]"),
    "unknown key": lambda p: _replace_line(p, "title:", "titel: Опечатка"),
    "unknown reference": lambda p: _replace_line(p, "life_situation_ids:", "life_situation_ids: [ls-nowhere]"),
    "unquoted time": lambda p: _replace_line(p, "title:", "title: Приёмная\nopen: 18:00"),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_breaking_an_example_gives_exit_2_with_location_and_hint(run_cli, example_repo, breakage: str,
                                                                  tmp_path: Path) -> None:
    repo = example_repo(STRONG)
    path = _first_contact_point(repo, "in_person")
    line = BREAKAGES[breakage](path)
    target = tmp_path / "report.json"
    result = run_cli("audit", repo, "--format", "json", "--output", target)
    rel = path.relative_to(repo).as_posix()
    assert result.exit_code == 2, result.output
    assert f"{rel}:" in result.stderr and "error:" in result.stderr and "hint:" in result.stderr
    assert "Traceback" not in result.output and not target.exists()
    if breakage != "syntax error":
        assert f"{rel}:{line}:" in result.stderr or f"{rel}:{line + 1}:" in result.stderr


def test_cp1251_file_in_an_example(run_cli, example_repo) -> None:
    repo = example_repo(STRONG)
    path = _first_contact_point(repo, "portal")
    path.write_bytes(path.read_text("utf-8").encode("cp1251", errors="replace"))
    result = run_cli("audit", repo)
    assert result.exit_code == 2
    assert "not valid UTF-8 (it looks like Windows-1251" in result.stderr and "re-save the file as UTF-8" in result.stderr


def test_strong_example_metrics_are_measured_with_sample_interval_and_stars(run_cli) -> None:
    result = run_cli("metrics", EXAMPLES / STRONG, "--format", "json")
    assert result.exit_code == 0, result.stderr
    values = json.loads(result.stdout)["indicators"]
    measured = [v for v in values if v["source"] == "evidence"]
    assert {v["id"] for v in measured} == {"T1.2", "T1.3", "T1.4", "T1.5", "T2.5", "T2.6"}
    assert {v["unit_kind"] for v in measured} == {"agency", "life_situation", "contact_point"}
    for v in measured:
        assert v["n"] >= (1 if v["id"] == "T1.4" else 30) and v["stars"] is not None, v  # T1.4 counts services
        if v["id"] in ("T1.2", "T1.5"):
            assert v["interval"][0] <= v["value"] <= v["interval"][1], v
    # the audit's stars use them and name the indicator that limits the agency
    report = json.loads(run_cli("audit", EXAMPLES / STRONG, "--format", "json").stdout)
    limits = {lim["id"] for lim in report["agency"]["limited_by"]}
    assert "T1.2" in limits and report["agency"]["stars"] == 4


def test_weak_example_evidence_rules_fail_at_the_log_lines(run_cli) -> None:
    report = json.loads(run_cli("audit", EXAMPLES / WEAK, "--format", "json", "--fail-on", "never").stdout)
    logged = {f["rule"]: f["location"] for f in report["findings"]
              if f["status"] == "fail" and f["location"]["path"].startswith("evidence/")}
    assert {"4.6.3.2", "4.6.3.3-b", "4.6.3.4-a", "4.6.4.2-b", "4.6.4.4-a", "4.6.5.2", "4.6.8.5"} <= set(logged)
    assert all(isinstance(loc["line"], int) and loc["line"] > 1 for loc in logged.values())
    design = next(f for f in report["findings"] if f["rule"] == "4.4.1-f")
    assert design["status"] == "fail" and design["location"]["path"] == "declarations/design-projects.yaml"


def test_example_evidence_is_what_the_seeded_generator_writes() -> None:
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("gen_evidence", EXAMPLES.parent / "tools" / "gen_evidence.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["gen_evidence"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    for agency in (module.STRONG, module.WEAK):
        for name, text in module.generate(agency).items():
            committed = (EXAMPLES / agency.name / "evidence" / name).read_text("utf-8")
            assert committed == text, f"examples/{agency.name}/evidence/{name} is stale: run `make evidence`"
