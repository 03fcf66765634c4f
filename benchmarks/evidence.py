"""Evidence at scale: ccaudit's loader and section 6 indicators against DuckDB SQL on the same synthetic files.

Generates (seeded) a repository with evidence/survey_answers.csv of N rows and evidence/service_requests.csv of N/4
rows, computes T1.2, T1.5, T1.4, T2.5 and T1.3 for the agency, each life situation and each point of contact with
ccaudit (load_evidence + measured_indicators) and with DuckDB SQL, checks that every n and numerator agree, and
prints the wall time and peak memory of each engine, each measured in a fresh process.

    make bench-evidence        # or: python benchmarks/evidence.py [--rows 1000000 10000000] [--repeat 3] [--quick]

The parent process stays small (standard library only) so that a child's peak RSS is its own: on Linux a process
inherits its parent's high-water mark through fork and exec. Times are the engine's work in the child (reading,
parsing, computing), without the interpreter's start-up and imports, which are shown separately.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from fractions import Fraction
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "tests" / "rules" / "base"
PERIOD = "2026-Q2"
ZONE = "Europe/Moscow"
START, END, SUCCESS_FROM = "2026-04-01 00:00:00", "2026-07-01 00:00:00", "2026-03-04 00:00:00"
"""The period in the agency's local time, and its start minus T1.3's 28-day window."""
MIN_SAMPLE = 30
LIFE_SITUATIONS = tuple(f"ls-{i}" for i in range(1, 7))
SERVICES = tuple(f"svc-{i:02d}" for i in range(1, 25))
SCENARIOS = {s: list(SERVICES[4 * k:4 * k + 4]) for k, s in enumerate(LIFE_SITUATIONS)}
"""Life situation → the services of its client scenario (how T1.3 and T1.4 count for a life situation)."""
POINTS = {"portal": "portal", "mobile-app": "mobile_app", "chatbot": "chatbot", "voice-assistant": "voice_assistant",
          "call-center": "call_center", "in-person": "in_person", "one-window": "one_window", "long-stay": "long_stay",
          "social": "social", "written": "written"}
"""The points of contact of tests/rules/base: id → kind."""
DIGITAL = ("portal", "mobile_app", "chatbot", "voice_assistant")
SHARES = {"T1.2": "ease", "T1.5": "csat"}

# Raw answers as real exports spell them: (spellings, weight); every spelling of a row has the same grade.
EASE = ((("Легко", "легко", "ЛЕГКО", "«Легко»", "4"), 34), (("Скорее легко", "скорее легко", "Скорее  легко", "3"), 30),
        (("Скорее сложно", "скорее сложно", "2"), 13), (("Сложно", "СЛОЖНО", "1"), 7),
        (("Затрудняюсь ответить", "затрудняюсь ответить"), 4), (("",), 2))
CSAT = ((("Удовлетворён", "Удовлетворен", "УДОВЛЕТВОРЁН", "удовлетворен", "4"), 33),
        (("Скорее удовлетворён", "скорее удовлетворен", "Скорее Удовлетворен", "3"), 28),
        (("Скорее не удовлетворён", "Скорее не удовлетворен", "СКОРЕЕ НЕ УДОВЛЕТВОРЁН", "2"), 14),
        (("Не удовлетворён", "не удовлетворен", "НЕ УДОВЛЕТВОРЕН", "1"), 9),
        (("Затрудняюсь ответить", "Нет ответа"), 4), (("",), 2))
NPS = tuple(((str(g),), w) for g, w in zip(range(11), (3, 1, 1, 2, 2, 4, 6, 10, 17, 22, 24), strict=True)) + (
    (("Затрудняюсь ответить",), 2), (("",), 2))
QUESTIONS = (("ease", EASE, 32), ("csat", CSAT, 32), ("nps", NPS, 20), ("nps_digital", NPS, 12), ("phone_csat", CSAT, 4))


# --- generation (numpy, vectorised: one chunk of rows at a time) ------------------------------------------------

def write_repo(repo: Path) -> None:
    """tests/rules/base with six life situations, 24 services and ccaudit.yaml for 2026-Q2 in Moscow."""
    import yaml

    shutil.copytree(BASE, repo)
    registry = repo / "declarations" / "registry.yaml"
    data = yaml.safe_load(registry.read_text("utf-8"))
    data["life_situations"] = [{"id": s, "title": f"Жизненная ситуация {s}", "responsible_bodies": ["Тестовое ведомство"]}
                               for s in LIFE_SITUATIONS]
    data["services"] = [{"id": s, "title": f"Услуга {s}"} for s in SERVICES]
    data["client_scenarios"] = [{"id": f"cs-{s}", "life_situation_id": s, "service_ids": services}
                                for s, services in SCENARIOS.items()]
    registry.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    (repo / "ccaudit.yaml").write_text(f"period: {PERIOD}\ntimezone: {ZONE}\n", "utf-8")


def _strings(values: Any) -> Any:
    import numpy as np
    from numpy.dtypes import StringDType

    return np.asarray(values, dtype=StringDType())


class _Clock:
    """Local Moscow times as ISO 8601 text in three shapes: with +03:00 (most), without an offset, in UTC with Z."""

    def __init__(self, first: str, days: int) -> None:
        import numpy as np

        self.first = np.datetime64(first, "D")
        self.days = days
        base = np.arange(self.first - 1, self.first + days + 1)  # one day either side for the UTC shift
        self.day_text = _strings(np.datetime_as_string(base, unit="D"))
        seconds = np.arange(86400)
        self.time_text = _strings([f"T{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in seconds.tolist()])
        self.suffix = _strings(["+03:00", "", "Z", ""])

    def text(self, local: Any, rng: Any) -> Any:
        """`local`: seconds since self.first at midnight, Moscow time (UTC+3 all year)."""
        import numpy as np

        shape = rng.choice(4, size=len(local), p=[0.84, 0.10, 0.055, 0.005])  # +03:00, naive, Z, date alone
        shifted = np.where(shape == 2, local - 3 * 3600, local)
        day, second = np.divmod(shifted, 86400)
        out = np.strings.add(self.day_text[day + 1], self.time_text[second])
        out = np.strings.add(out, self.suffix[shape])
        alone = shape == 3
        out[alone] = self.day_text[day[alone] + 1]
        return out

    def local(self, day: str) -> int:
        import numpy as np

        return int((np.datetime64(day, "D") - self.first).astype(int)) * 86400


def _pick(rng: Any, table: tuple[tuple[tuple[str, ...], int], ...], n: int) -> Any:
    """Raw answers drawn by grade weight, each in one of its spellings."""
    import numpy as np

    spellings = [s for group, _ in table for s in group]
    weights = np.array([w / len(group) for group, w in table for _ in group], dtype=float)
    return _strings(spellings)[rng.choice(len(spellings), size=n, p=weights / weights.sum())]


def _join(columns: list[Any]) -> list[str]:
    import numpy as np

    line = columns[0]
    for column in columns[1:]:
        line = np.strings.add(np.strings.add(line, ","), column)
    return line.tolist()


def generate(repo: Path, rows: int, seed: int = 20260401, chunk: int = 500_000) -> dict[str, int]:
    """The repository and its two evidence files; returns their row counts."""
    import numpy as np

    write_repo(repo)
    (repo / "evidence").mkdir()
    rng = np.random.default_rng(seed)
    clock = _Clock("2026-02-01", 212)  # 1 Feb – 31 Aug: Q2 and a couple of months either side
    edges = np.array([clock.local(d) for d in ("2026-04-01", "2026-07-01")])
    points = _strings(list(POINTS) + [""])
    digital = _strings([p for p, k in POINTS.items() if k in DIGITAL] + [""])
    situations = _strings([*LIFE_SITUATIONS, "ls-archived", ""])  # one id the declaration does not have
    services = _strings([*SERVICES, ""])
    with (repo / "evidence" / "survey_answers.csv").open("w", encoding="utf-8", newline="") as out:
        out.write("answer_id,answered_at,question,value,service_id,life_situation_id,contact_point_id,request_id\n")
        for first in range(0, rows, chunk):
            n = min(chunk, rows - first)
            local = rng.integers(0, clock.days * 86400, n)
            near = rng.random(n) < 0.01  # 1 % within an hour of midnight at the start of Q2 and Q3
            local[near] = edges[rng.integers(0, 2, near.sum())] + rng.integers(-3600, 3600, near.sum())
            question = rng.choice(len(QUESTIONS), size=n, p=np.array([q[2] for q in QUESTIONS]) / 100)
            value = _strings(np.full(n, ""))
            for k, (_, table, _) in enumerate(QUESTIONS):
                mask = question == k
                value[mask] = _pick(rng, table, int(mask.sum()))
            point = points[rng.choice(len(points), size=n, p=[0.16, 0.12, 0.1, 0.04, 0.16, 0.14, 0.08, 0.04, 0.05, 0.06, 0.05])]
            is_digital = question == 3
            point[is_digital] = digital[rng.integers(0, len(digital), is_digital.sum())]
            ids = np.arange(first, first + n)
            request = np.strings.add("r", ids.astype(np.dtypes.StringDType()))
            request[rng.random(n) < 0.3] = ""
            out.write("\n".join(_join([
                np.strings.add("a", ids.astype(np.dtypes.StringDType())), clock.text(local, rng),
                _strings([q[0] for q in QUESTIONS])[question], value,
                services[rng.choice(len(services), size=n, p=[0.9 / len(SERVICES)] * len(SERVICES) + [0.1])],
                situations[rng.choice(len(situations), size=n, p=[0.14] * 6 + [0.01, 0.15])], point, request])) + "\n")
    requests = max(rows // 4, 100)
    users = max(requests // 6, 10)
    channels = _strings(["portal", "mobile-app", "one-window", "in-person", ""])
    with (repo / "evidence" / "service_requests.csv").open("w", encoding="utf-8", newline="") as out:
        out.write("request_id,user_id,service_id,channel,requested_at,success_at\n")
        for first in range(0, requests, chunk):
            n = min(chunk, requests - first)
            user = rng.integers(0, users, n)
            service = (user * 7 + rng.integers(0, 3, n)) % len(SERVICES)  # each user keeps to a few services
            local = rng.integers(0, clock.days * 86400, n)
            success = np.minimum(local + rng.integers(600, 10 * 86400, n), clock.days * 86400 - 1)
            success_text = clock.text(success, rng)
            success_text[rng.random(n) < 0.3] = ""
            ids = np.arange(first, first + n).astype(np.dtypes.StringDType())
            out.write("\n".join(_join([
                np.strings.add("q", ids), np.strings.add("u", user.astype(np.dtypes.StringDType())),
                _strings(SERVICES)[service], channels[rng.integers(0, len(channels), n)], clock.text(local, rng),
                success_text])) + "\n")
    return {"survey_answers": rows, "service_requests": requests}


def units() -> dict[str, Any]:
    """What the DuckDB side needs of the declaration (the same constants write_repo declares)."""
    return {"life_situations": list(LIFE_SITUATIONS), "points": POINTS, "scenarios": SCENARIOS,
            "digital": [p for p, k in POINTS.items() if k in DIGITAL]}


# --- the two engines ---------------------------------------------------------------------------------------------

Row = tuple[str, str, str, int, int | None, str | None]
"""(indicator, unit kind, unit id, n, numerator, exact value as 'p/q' or None)."""


def _value(value: Fraction | None) -> str | None:
    return None if value is None else str(value)


def run_ccaudit(repo: Path) -> tuple[list[Row], dict[str, float]]:
    """Every indicator measured by ccaudit, as audit.load_inputs and scoring read the evidence."""
    from ccaudit.engine.packs import load_scale
    from ccaudit.evidence import load_evidence
    from ccaudit.model.config import load_config
    from ccaudit.model.declaration import load_declaration
    from ccaudit.scoring.measured import measured_indicators
    from ccaudit.scoring.scale import build_scales

    config = load_config(repo)
    declaration = load_declaration(repo)
    scales = build_scales(load_scale().indicators)
    started = time.perf_counter()
    evidence, errors = load_evidence(repo, config.timezone, directory=config.evidence_dir,
                                     skip_bad_rows=config.skip_bad_rows, personal_data=config.personal_data)
    if errors:
        raise SystemExit("ccaudit rejected the generated evidence:\n" + "\n".join(f"{e.at}: {e.message}" for e in errors[:5]))
    loaded = time.perf_counter()
    values = list(measured_indicators(evidence, declaration, config, scales))
    done = time.perf_counter()
    rows = [(v.indicator, v.unit.kind, v.unit.id, v.measure.n, v.measure.numerator, _value(v.measure.value)) for v in values]
    return sorted(rows), {"load": loaded - started, "compute": done - loaded, "work": done - started}


FOLD = """trim(regexp_replace(regexp_replace(replace(lower(coalesce(value, '')), 'ё', 'е'), '[«»"''“”„]', '', 'g'),
                  '\\s+', ' ', 'g'))"""
"""requirements-process.md §2.2 folding: lower case before ё → е, quotes dropped, spaces collapsed."""
LABELS = [("ease", "легко", 4), ("ease", "скорее легко", 3), ("ease", "скорее сложно", 2), ("ease", "сложно", 1),
          ("csat", "удовлетворен", 4), ("csat", "скорее удовлетворен", 3), ("csat", "скорее не удовлетворен", 2),
          ("csat", "не удовлетворен", 1)]
NO_ANSWER = ("", "затрудняюсь ответить", "нет ответа", "не знаю")


def run_duckdb(repo: Path, spec: dict[str, Any]) -> tuple[list[Row], dict[str, float]]:
    """The same indicators in DuckDB SQL: typed read_csv, timestamps in the agency's zone before the period filter,
    the few distinct raw answers folded once in a mapping table and joined."""
    import duckdb

    evidence = repo / "evidence"
    started = time.perf_counter()
    con = duckdb.connect()
    con.execute(f"SET TimeZone = '{ZONE}'")  # a timestamp without an offset is the agency's local time
    local = f"timezone('{ZONE}', answered_at)"
    con.execute(f"""
        CREATE TEMP TABLE answers AS
        SELECT question, value, service_id, life_situation_id, contact_point_id
        FROM read_csv(?, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                      columns = {{'answer_id': 'VARCHAR', 'answered_at': 'TIMESTAMPTZ', 'question': 'VARCHAR',
                                  'value': 'VARCHAR', 'service_id': 'VARCHAR', 'life_situation_id': 'VARCHAR',
                                  'contact_point_id': 'VARCHAR', 'request_id': 'VARCHAR'}})
        WHERE {local} >= TIMESTAMP '{START}' AND {local} < TIMESTAMP '{END}'""", [str(evidence / "survey_answers.csv")])
    labels = ", ".join(f"('{q}', '{label}', {g})" for q, label, g in LABELS)
    no_answer = ", ".join(f"'{v}'" for v in NO_ANSWER)
    con.execute(f"""
        CREATE TEMP TABLE grades AS
        WITH folded AS (SELECT question, value, {FOLD} AS label FROM (SELECT DISTINCT question, value FROM answers))
        SELECT f.question, f.value, f.label,
               CASE WHEN f.label IN ({no_answer}) THEN NULL
                    WHEN regexp_full_match(f.label, '[0-9]+') THEN CAST(f.label AS INTEGER)
                    ELSE l.grade END AS grade
        FROM folded f LEFT JOIN (VALUES {labels}) l(scale, label, grade)
          ON l.label = f.label AND l.scale = CASE WHEN f.question = 'ease' THEN 'ease' ELSE 'csat' END""")
    unmapped = con.execute(f"SELECT question, value FROM grades WHERE grade IS NULL AND label NOT IN ({no_answer})").fetchall()
    if unmapped:
        raise SystemExit(f"DuckDB: raw answers without a grade: {unmapped[:5]}")
    digital = ", ".join(f"'{p}'" for p in spec["digital"])
    counts = con.execute(f"""
        WITH g AS (SELECT a.question, a.service_id, a.life_situation_id, a.contact_point_id, m.grade,
                          coalesce(a.contact_point_id IN ({digital}), false) AS digital
                   FROM answers a JOIN grades m ON a.question = m.question AND a.value = m.value
                   WHERE m.grade IS NOT NULL)
        SELECT question, life_situation_id, contact_point_id, service_id, digital,
               GROUPING(life_situation_id, contact_point_id, service_id, digital) AS level,
               count(*) AS n, count(*) FILTER (WHERE grade >= 3) AS positive,
               count(*) FILTER (WHERE grade >= 9) AS promoters, count(*) FILTER (WHERE grade <= 6) AS detractors
        FROM g
        GROUP BY GROUPING SETS ((question), (question, life_situation_id), (question, contact_point_id),
                                (question, digital), (question, service_id))""").fetchall()
    con.execute("""
        CREATE TEMP TABLE requests AS
        SELECT user_id, service_id, requested_at, success_at
        FROM read_csv(?, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                      columns = {'request_id': 'VARCHAR', 'user_id': 'VARCHAR', 'service_id': 'VARCHAR',
                                 'channel': 'VARCHAR', 'requested_at': 'TIMESTAMPTZ', 'success_at': 'TIMESTAMPTZ'})""",
                [str(evidence / "service_requests.csv")])
    # T1.3: the latest success of the same user and service strictly before the request, at most 28 days (exactly
    # 672 hours) before it; successes from 28 days before the period start count.
    per_service = con.execute(f"""
        WITH r AS (SELECT user_id, service_id, requested_at FROM requests
                   WHERE timezone('{ZONE}', requested_at) >= TIMESTAMP '{START}'
                     AND timezone('{ZONE}', requested_at) < TIMESTAMP '{END}'),
             s AS (SELECT user_id, service_id, success_at FROM requests
                   WHERE timezone('{ZONE}', success_at) >= TIMESTAMP '{SUCCESS_FROM}'
                     AND timezone('{ZONE}', success_at) < TIMESTAMP '{END}')
        SELECT r.service_id, count(*), count(*) FILTER (WHERE r.requested_at - s.success_at <= INTERVAL 672 HOUR)
        FROM r ASOF LEFT JOIN s
          ON r.user_id = s.user_id AND r.service_id = s.service_id AND r.requested_at > s.success_at
        GROUP BY r.service_id""").fetchall()
    done = time.perf_counter()
    return sorted(_duckdb_rows(counts, per_service, spec)), {"work": done - started}


def _duckdb_rows(counts: list[tuple[Any, ...]], per_service: list[tuple[str, int, int]], spec: dict[str, Any]) -> list[Row]:
    """The indicator rows ccaudit would yield, from the grouped counts (same units, same minimum sample)."""
    by: dict[tuple[str, str], dict[Any, tuple[int, int, int, int]]] = {}
    for question, situation, point, service, digital, level, n, positive, promoters, detractors in counts:
        dimension = {0b1111: "agency", 0b0111: "life_situation", 0b1011: "contact_point", 0b1110: "digital",
                     0b1101: "service"}[level]
        key = {"life_situation": situation, "contact_point": point, "digital": digital, "service": service}.get(dimension)
        by.setdefault((question, dimension), {})[key] = (n, positive, promoters, detractors)
    situations, points = set(spec["life_situations"]), spec["points"]
    out: list[Row] = []

    def share(key: str, kind: str, unit: str, n: int, positive: int) -> None:
        out.append((key, kind, unit, n, positive, _value(Fraction(100 * positive, n)) if n >= MIN_SAMPLE else None))

    for key, question in SHARES.items():
        share(key, "agency", "base", *by.get((question, "agency"), {}).get(None, (0, 0))[:2])
        for unit, (n, positive, _, _) in by.get((question, "life_situation"), {}).items():
            if unit in situations:
                share(key, "life_situation", unit, n, positive)
        for unit, (n, positive, _, _) in by.get((question, "contact_point"), {}).items():
            if unit in points:
                share(key, "contact_point", unit, n, positive)

    def nps(kind: str, unit: str, n: int, promoters: int, detractors: int) -> None:
        value = Fraction(100 * (promoters - detractors), n) if n >= MIN_SAMPLE else None
        out.append(("T2.5", kind, unit, n, None, _value(value)))

    pooled = by.get(("nps_digital", "digital"), {}).get(True, (0, 0, 0, 0))
    nps("agency", "base", pooled[0], pooled[2], pooled[3])
    for unit, (n, _, promoters, detractors) in by.get(("nps_digital", "contact_point"), {}).items():
        if unit in spec["digital"]:
            nps("contact_point", unit, n, promoters, detractors)
    rated = {s: p > d for s, (_, _, p, d) in by.get(("nps", "service"), {}).items() if s is not None}
    units = [("agency", "base", set(rated))] + [("life_situation", ls, set(svc)) for ls, svc in spec["scenarios"].items()]
    for kind, unit, services in units:  # T1.4: services with NPS answers, and how many of them have NPS > 0
        measured = [s for s in rated if s in services]
        if measured:
            positive = sum(rated[s] for s in measured)
            out.append(("T1.4", kind, unit, len(measured), positive, _value(Fraction(100 * positive, len(measured)))))
    requests = {service: (int(n), int(repeats)) for service, n, repeats in per_service}
    if not requests:
        out.append(("T1.3", "agency", "base", 0, None, None))
        return out
    units = [("agency", "base", set(requests))] + [("life_situation", ls, set(svc)) for ls, svc in spec["scenarios"].items()]
    for kind, unit, services in units:  # T1.3: requests in the period (of the unit's services) and repeats among them
        n = sum(requests[s][0] for s in services if s in requests)
        repeats = sum(requests[s][1] for s in services if s in requests)
        if n:
            out.append(("T1.3", kind, unit, n, repeats, _value(Fraction(100 * repeats, n))))
    return out


# --- measuring: one fresh process per run --------------------------------------------------------------------------

def _peak_rss() -> int:
    """This process's own high-water RSS in bytes (VmHWM belongs to the current address space, not the parent's)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def child(engine: str, repo: Path, out: Path, profile: bool) -> None:
    """Run one engine in this (fresh) process and write its figures and rows as JSON to `out`."""
    started = time.perf_counter()
    if engine == "ccaudit":
        import pandas  # noqa: F401  (imports are timed apart from the work)

        import ccaudit.scoring.measured  # noqa: F401

        run = lambda: run_ccaudit(repo)  # noqa: E731
    else:
        import duckdb  # noqa: F401

        spec = units()
        run = lambda: run_duckdb(repo, spec)  # noqa: E731
    imported = time.perf_counter() - started
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        rows, figures = profiler.runcall(run)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
    else:
        rows, figures = run()
    out.write_text(json.dumps({"rows": rows, "import": imported, "vmhwm": _peak_rss(), **figures}), "utf-8")


def measure(engine: str, repo: Path, profile: bool = False) -> dict[str, Any]:
    """One run of `engine` in a fresh interpreter: its figures, the process's wall time and its peak RSS (wait4)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    command = [sys.executable, __file__, "--child", engine, "--dir", str(repo), "--out", str(out)]
    if profile:
        command.append("--profile")
    started = time.perf_counter()
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"the {engine} run failed (exit {process.returncode})")
    result = json.loads(out.read_text("utf-8"))
    out.unlink()
    return {**result, "process": wall, "peak": max(usage.ru_maxrss * 1024, result["vmhwm"])}


def compare(ours: list[list[Any]], theirs: list[list[Any]]) -> list[str]:
    """Lines of a diff between the two engines' rows, keyed by indicator and unit; empty when they agree."""
    a = {tuple(r[:3]): tuple(r[3:]) for r in ours}
    b = {tuple(r[:3]): tuple(r[3:]) for r in theirs}
    lines = []
    for key in sorted(a.keys() | b.keys()):
        if a.get(key) != b.get(key):
            lines.append(f"  {' '.join(key):<40} ccaudit {a.get(key)}  DuckDB {b.get(key)}")
    return lines


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            model = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "")
    except OSError:
        model = ""
    return f"{os.cpu_count()} CPUs" + (f" ({model})" if model else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000], help="survey answers per run")
    ap.add_argument("--quick", action="store_true", help="one smoke run of 200 000 rows")
    ap.add_argument("--repeat", type=int, default=3, help="runs per engine and size; the best time is shown")
    ap.add_argument("--dir", type=Path, help="where to generate (kept, and reused when present); a temp dir otherwise")
    ap.add_argument("--seed", type=int, default=20260401)
    ap.add_argument("--profile", action="store_true", help="print cProfile of the ccaudit run to stderr")
    ap.add_argument("--child", choices=("ccaudit", "duckdb"), help=argparse.SUPPRESS)
    ap.add_argument("--generate", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.dir, args.out, args.profile)
        return
    if args.generate:
        generate(args.dir, args.generate, args.seed)
        return
    sizes = [200_000] if args.quick else args.rows
    base = args.dir or Path(tempfile.mkdtemp(prefix="ccaudit-bench-evidence-"))
    print(f"evidence benchmark, {datetime.now():%Y-%m-%d %H:%M}, {platform.system()} {platform.machine()}, {_cpu()}, "
          f"Python {platform.python_version()}, pandas {version('pandas')}, DuckDB {version('duckdb')}, load average "
          f"{os.getloadavg()[0]:.1f}", flush=True)
    table = []
    try:
        for rows in sizes:
            repo = base / f"repo-{rows}-{args.seed}"
            if not (repo / "evidence" / "service_requests.csv").exists():
                shutil.rmtree(repo, ignore_errors=True)
                started = time.perf_counter()
                subprocess.run([sys.executable, __file__, "--generate", str(rows), "--dir", str(repo), "--seed",
                                str(args.seed)], check=True)
                size = sum(f.stat().st_size for f in (repo / "evidence").glob("*.csv"))
                print(f"generated {rows:,} survey answers and {max(rows // 4, 100):,} requests "
                      f"({size / 2**20:,.0f} MiB) in {time.perf_counter() - started:.1f} s", flush=True)
            runs: dict[str, list[dict[str, Any]]] = {"ccaudit": [], "duckdb": []}
            for _ in range(args.repeat):
                for engine in runs:
                    runs[engine].append(measure(engine, repo, args.profile and engine == "ccaudit"))
                    print(f"  {rows:,} {engine}: {runs[engine][-1]['work']:.2f} s", flush=True)
            diff = compare(runs["ccaudit"][0]["rows"], runs["duckdb"][0]["rows"])
            if diff:
                print(f"ccaudit and DuckDB disagree at {rows:,} rows (indicator kind id: n, numerator, value):")
                print("\n".join(diff))
                sys.exit(1)
            print(f"  {len(runs['ccaudit'][0]['rows'])} indicator values agree (n, numerator, exact value)", flush=True)
            table.append((rows, runs))
    finally:
        if args.dir is None:
            shutil.rmtree(base, ignore_errors=True)
    print()
    print(f"best of {args.repeat} run(s) each; time = the engine's work in a fresh process (read + parse + compute), "
          "start-up = interpreter and imports; peak = the process's maximum RSS")
    print(f"{'rows':>12}  {'engine':<8} {'time (s)':>9} {'load+compute':>13} {'start-up (s)':>13} {'peak (GiB)':>11} "
          f"{'ccaudit/DuckDB':>15}")
    for rows, runs in table:
        best = {e: min(r, key=lambda x: x["work"]) for e, r in runs.items()}
        peak = {e: max(x["peak"] for x in r) for e, r in runs.items()}
        ratio = best["ccaudit"]["work"] / best["duckdb"]["work"]
        for engine, b in best.items():
            split = f"{b['load']:.2f}+{b['compute']:.2f}" if "load" in b else ""
            print(f"{rows:>12,}  {engine:<8} {b['work']:>9.2f} {split:>13} {b['import']:>13.2f} "
                  f"{peak[engine] / 2**30:>11.2f} {f'{ratio:.2f}×' if engine == 'ccaudit' else '':>15}")


if __name__ == "__main__":
    main()
