"""benchmarks/evidence.py at 2,000 rows: the generated files load without errors, ccaudit's survey shares match a
plain-Python count from the generator's own spelling tables, and DuckDB's SQL agrees with ccaudit (when installed)."""

from __future__ import annotations

import csv
import importlib.util
import sys
from datetime import datetime
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import ROOT

ROWS = 2_000


def bench() -> ModuleType:
    if "bench_evidence" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_evidence", ROOT / "benchmarks" / "evidence.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_evidence"] = module
        spec.loader.exec_module(module)
    return sys.modules["bench_evidence"]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not hasattr(pytest.importorskip("numpy"), "strings"):
        pytest.skip("the generator needs numpy 2 (numpy.strings)")
    path = tmp_path_factory.mktemp("bench") / "repo"
    bench().generate(path, ROWS, seed=7)
    return path


def expected_shares(repo: Path) -> dict[tuple[str, str], tuple[int, int]]:
    """(indicator, unit) → (n, positive) for T1.2 and T1.5, counted row by row with the grades the generator's tables
    give each spelling (the groups are listed from grade 4 down; later groups are «no answer»)."""
    b = bench()
    grades = {q: {s: 4 - k if k < 4 else None for k, (group, _) in enumerate(table) for s in group}
              for q, table in (("ease", b.EASE), ("csat", b.CSAT))}
    zone = ZoneInfo(b.ZONE)
    start, end = datetime(2026, 4, 1, tzinfo=zone), datetime(2026, 7, 1, tzinfo=zone)
    counts: dict[tuple[str, str], tuple[int, int]] = {}
    with (repo / "evidence" / "survey_answers.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["question"] not in ("ease", "csat"):
                continue
            at = datetime.fromisoformat(row["answered_at"])
            at = at.replace(tzinfo=zone) if at.tzinfo is None else at.astimezone(zone)
            grade = grades[row["question"]][row["value"]]
            if not start <= at < end or grade is None:
                continue
            key = "T1.2" if row["question"] == "ease" else "T1.5"
            for unit in ("base", row["life_situation_id"]):
                n, positive = counts.get((key, unit), (0, 0))
                counts[(key, unit)] = (n + 1, positive + (grade >= 3))
    return counts


def test_ccaudit_counts_the_generated_answers_like_a_plain_count(repo: Path) -> None:
    rows, figures = bench().run_ccaudit(repo)
    expected = expected_shares(repo)
    shares = {(key, unit): (n, positive) for key, kind, unit, n, positive, _ in rows
              if key in ("T1.2", "T1.5") and kind in ("agency", "life_situation")}
    assert shares == {k: v for k, v in expected.items() if k[1] in ("base", *bench().LIFE_SITUATIONS)}
    assert {key for key, *_ in rows} == {"T1.2", "T1.3", "T1.4", "T1.5", "T2.5"} and figures["work"] > 0
    assert {unit for key, kind, unit, *_ in rows if key == "T1.3"} == {"base", *bench().LIFE_SITUATIONS}


def test_duckdb_agrees_with_ccaudit(repo: Path) -> None:
    pytest.importorskip("duckdb")
    b = bench()
    ours, _ = b.run_ccaudit(repo)
    theirs, _ = b.run_duckdb(repo, b.units())
    assert b.compare([list(r) for r in ours], [list(r) for r in theirs]) == []
