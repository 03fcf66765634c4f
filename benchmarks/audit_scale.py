"""How long an audit takes as a repository grows, and what the line:col-preserving loader costs.

Builds synthetic repositories with N points of contact (copies of the kinds in tests/rules/base, each with a
realistic call script or template list) and prints, for each N:
  * ccaudit's loader (libyaml composer + SourceMap + schema validation) vs. plain `yaml.safe_load` of the
    same files (what a script without line numbers or validation would do) vs. the pure-Python composer;
  * the whole `run_audit` (load, all rules, indicators, stars).
Run with `make bench`. Figures are wall-clock seconds, best of 3, on this machine.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ccaudit.audit import run_audit  # noqa: E402
from ccaudit.model import yamlio  # noqa: E402
from ccaudit.model.declaration import load_declaration  # noqa: E402

SCRIPT = """
scripts:
  - id: in-{i}
    direction: inbound
    steps:
      - {{kind: greeting, text: "Добрый день! Меня зовут Анна, Министерство социальной защиты. Чем могу помочь?"}}
      - {{kind: clarify, text: "Подскажите, пожалуйста, по какой жизненной ситуации вы обращаетесь?"}}
      - {{kind: answer, text: "Пособие назначается в течение 10 рабочих дней после подачи заявления."}}
      - {{kind: abuse_handling, text: "Я готов помочь, но прошу говорить без грубых выражений."}}
      - {{kind: farewell_satisfied, text: "Рад был помочь! Хорошего дня."}}
"""


def make_repo(base: Path, n: int) -> Path:
    repo = base / f"repo-{n}"
    shutil.copytree(ROOT / "tests" / "rules" / "base", repo)
    for i in range(n):
        kind = ("call_center", "in_person", "written")[i % 3]
        text = f"id: p{i}\nkind: {kind}\ntitle: Точка {i}\n"
        if kind == "call_center":
            text += "hours:\n  weekly:\n    - {days: [mon, tue, wed, thu, fri], open: '08:00', close: '20:00'}\n"
            text += SCRIPT.format(i=i)
        elif kind == "in_person":
            text += "parking: {spaces: 20, disabled_spaces: 2}\naccessibility: {ramps: true, step_free_route: true}\n"
        else:
            text += "knowledge_base: {ref: База шаблонов, updated_on: 2026-08-01}\n"
        (repo / "contact_points" / f"p{i}.yaml").write_text(text, encoding="utf-8")
    return repo


def best(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def naive_load(repo: Path) -> None:
    for path in sorted((repo / "contact_points").glob("*.yaml")) + sorted((repo / "declarations").glob("*.yaml")):
        yaml.safe_load(path.read_text("utf-8"))


def python_composer(repo: Path) -> None:
    saved = yamlio._LOADERS
    yamlio._LOADERS = ()
    try:
        load_declaration(repo)
    finally:
        yamlio._LOADERS = saved


def main() -> None:
    print(f"{'points':>7} {'safe_load':>10} {'ccaudit load':>13} {'pure-Python':>12} {'full audit':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (100, 1000, 3000):
            repo = make_repo(Path(tmp), n)
            naive = best(lambda r=repo: naive_load(r))
            ours = best(lambda r=repo: load_declaration(r))
            slow = best(lambda r=repo: python_composer(r), runs=1)
            audit = best(lambda r=repo: run_audit(r, today=date(2026, 11, 23)), runs=1)
            print(f"{n:>7} {naive:>9.2f}s {ours:>12.2f}s {slow:>11.2f}s {audit:>10.2f}s")


if __name__ == "__main__":
    main()
