"""Same input, same bytes: every format across PYTHONHASHSEED values and across the order files were created in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES

FORMATS = {"json": "r.json", "sarif": "r.sarif", "junit": "r.xml", "markdown": "r.md", "html": "r.html", "terminal": "r.txt",
           "codequality": "q.json"}


def run(repo: Path, out: Path, seed: str) -> dict[str, bytes]:
    out.mkdir()
    args = [a for fmt, name in FORMATS.items() for a in ("-o", f"{fmt}={out / name}")]
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "ccaudit", "audit", str(repo), "--fail-on", "never", *args],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return {name: (out / name).read_bytes() for name in FORMATS.values()}


def copy_reversed(source: Path, target: Path) -> None:
    """The same repository with every directory's entries created in reverse order (another listing order)."""
    target.mkdir()
    for entry in sorted(source.iterdir(), reverse=True):
        if entry.is_dir():
            copy_reversed(entry, target / entry.name)
        else:
            shutil.copy2(entry, target / entry.name)


def test_outputs_are_byte_identical_across_hash_seeds_and_file_order(tmp_path: Path) -> None:
    source = EXAMPLES / "zarechensk-admin"
    first = run(source, tmp_path / "a", "0")
    second = run(source, tmp_path / "b", "4242")
    reordered = tmp_path / "reordered"
    copy_reversed(source, reordered)
    third = run(reordered, tmp_path / "c", "987")
    assert first == second
    assert first == third


def test_a_failure_while_writing_leaves_earlier_reports_untouched(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ccaudit.cli.base as base

    old = tmp_path / "report.json"
    old.write_text("earlier report", "utf-8")

    def disk_full(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(base.os, "replace", disk_full)
    try:
        base.write_all([(old, "new report"), (tmp_path / "other.sarif", "{}")])
    except OSError:
        pass
    assert old.read_text("utf-8") == "earlier report" and not (tmp_path / "other.sarif").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left behind


def test_killed_run_leaves_earlier_reports_untouched(tmp_path: Path) -> None:
    import signal
    import time

    target = tmp_path / "report.json"
    target.write_text("earlier report", "utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "ccaudit", "audit", str(EXAMPLES / "minsoc-priokskaya"), "-o", f"json={target}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)  # loading and checking: the report is written only at the end
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert target.read_text("utf-8") == "earlier report"
