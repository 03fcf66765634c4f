"""The progress bar: fed by run_audit step by step, shown only after its delay and only when enabled."""

from __future__ import annotations

from pathlib import Path

from ccaudit.audit import run_audit
from ccaudit.cli.base import Progress


def test_run_audit_reports_each_step_in_order(base_repo: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    run_audit(base_repo, progress=lambda step, done, total: seen.append((step, done, total)))
    steps = [s for s, _, _ in seen]
    assert steps[0] == "load" and steps[-1] == "score" and "rules" in steps
    rules = [(d, t) for s, d, t in seen if s == "rules"]
    assert rules[-1][0] == rules[-1][1] > 400 and [d for d, _ in rules] == sorted(d for d, _ in rules)


def test_bar_waits_for_its_delay_and_stays_off_when_disabled() -> None:
    quick = Progress(enabled=True, delay=3600)
    quick("rules", 1, 10)
    assert quick.bar is None
    off = Progress(enabled=False, delay=0)
    off("rules", 1, 10)
    assert off.bar is None
    slow = Progress(enabled=True, delay=0)
    slow("rules", 5, 10)
    assert slow.bar is not None and slow.bar.tasks[0].completed == 5 and slow.bar.tasks[0].total == 10
    slow("score", 1, 1)
    assert slow.bar.tasks[0].description == "scoring"
    slow.close()
