"""Indicators measured from evidence: survey shares per unit, samples, intervals, the next band, T1.3's window."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ccaudit.engine.packs import load_scale
from ccaudit.model.config import AuditConfig
from ccaudit.model.declaration import ItemRef
from ccaudit.model.period import Period
from ccaudit.model.rule import Text
from ccaudit.scoring.measured import _repeats, more_positive, share_value, too_close, wilson
from ccaudit.scoring.scale import build_scales

SCALES = build_scales(load_scale().indicators)
AGENCY = ItemRef("agency", "a")


def test_worked_examples_e13_e14_from_answer_counts() -> None:
    # E13: 30+20 of 100 «легко»/«скорее легко» = 50 % → below 1★; E14: 1001 of 2000 = 50.05 % → 1★ (R2, R6)
    e13 = share_value("T1.2", AGENCY, 50, 100, SCALES["T1.2"], 1, Text("", ""))
    e14 = share_value("T1.2", AGENCY, 1001, 2000, SCALES["T1.2"], 1, Text("", ""))
    assert (e13.measure.value, e13.stars) == (Fraction(50), 0) and (e14.measure.value, e14.stars) == (Fraction(1001, 20), 1)


def test_small_samples_are_no_data_never_zero() -> None:
    value = share_value("T1.5", AGENCY, 3, 29, SCALES["T1.5"], 30, Text("3 из 29", "3 of 29"))
    assert value.stars is None and value.measure.value is None and value.measure.n == 29


def test_distance_to_the_next_band_is_exact() -> None:
    # 28 of 40 = 70 % is 2★; 3★ needs x > 70: one more positive answer gives 29/41 = 70.7 %
    assert more_positive(28, 40, SCALES["T1.2"], 2) == 1
    # 90 of 100 = 90 % is 4★; 5★ needs x > 90: one more → 91/101
    assert more_positive(90, 100, SCALES["T1.2"], 4) == 1
    # 600 of 1000 = 60 % is 1★; 2★ needs > 60 → 601/1001 > 60
    assert more_positive(600, 1000, SCALES["T1.2"], 1) == 1
    value = share_value("T1.2", AGENCY, 280, 400, SCALES["T1.2"], 30, Text("", ""))
    assert value.stars == 2 and "ещё 1 положительных" in value.next_needs.ru


@given(st.integers(0, 5000), st.integers(1, 5000))
def test_wilson_interval_contains_the_share(positive: int, extra: int) -> None:
    n = positive + extra
    low, high = wilson(positive, n)
    assert 0 <= low <= 100 * positive / n <= high <= 100


def test_too_close_to_call() -> None:
    assert too_close(wilson(71, 100), SCALES["T1.2"])       # 71 % ± 9: crosses the 70 and 80 edges
    assert not too_close(wilson(7500, 10000), SCALES["T1.2"])  # 75 % ± 0.85 inside 70–80


def requests(rows: list[tuple[str, str, str, str | None]]) -> pd.DataFrame:
    zone = "Europe/Moscow"
    return pd.DataFrame({
        "user_id": pd.Categorical([r[0] for r in rows]), "service_id": pd.Categorical([r[1] for r in rows]),
        "requested_at": pd.to_datetime([r[2] for r in rows]).tz_localize(zone),
        "success_at": pd.to_datetime([r[3] for r in rows]).tz_localize(zone)})


def t13(rows, start: str = "2024-03-01", end: str = "2024-04-01"):  # type: ignore[no-untyped-def]
    from datetime import datetime
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Europe/Moscow")
    lo = datetime.fromisoformat(start).replace(tzinfo=zone)
    hi = datetime.fromisoformat(end).replace(tzinfo=zone)
    class Decl:
        agency = type("A", (), {"ref": AGENCY})()

        def of(self, kind: str) -> list:
            return []

    value = next(_repeats(requests(rows), Decl(), lo, hi, SCALES["T1.3"], AuditConfig()))  # type: ignore[arg-type]
    return value.measure.numerator, value.measure.n


SUCCESS = ("U1", "S1", "2024-02-20 10:00", "2024-03-01 10:00")


@pytest.mark.parametrize(("event", "repeats"), [
    (("U1", "S1", "2024-03-29 10:00", None), 1),   # R1: exactly 28 days after the success
    (("U1", "S1", "2024-03-29 10:01", None), 0),   # R2: 28 days and a minute
    (("U1", "S2", "2024-03-05 10:00", None), 0),   # R3: another service
    (("U2", "S1", "2024-03-05 10:00", None), 0),   # R4: another user
])
def test_repeat_request_rule_r1_to_r4(event, repeats: int) -> None:  # type: ignore[no-untyped-def]
    assert t13([SUCCESS, event])[0] == repeats


def test_repeat_request_rule_r5_to_r9() -> None:
    # R5: U1's request of 02-20, before the success, is not a repeat (the period here includes it)
    assert t13([SUCCESS], "2024-02-01", "2024-04-01") == (0, 1)
    # R6: two requests inside the window both count
    assert t13([SUCCESS, ("U1", "S1", "2024-03-05 10:00", None), ("U1", "S1", "2024-03-06 10:00", None)])[0] == 2
    # R7: a refused request (no success) opens no window
    assert t13([("U3", "S1", "2024-02-28 10:00", None), ("U3", "S1", "2024-03-03 10:00", None)])[0] == 0
    # R8: a success 12 days before the period start counts for a Q2 request
    rows = [("U1", "S1", "2024-03-15 10:00", "2024-03-20 10:00"), ("U1", "S1", "2024-04-10 10:00", None)]
    assert t13(rows, "2024-04-01", "2024-07-01") == (1, 1)
    # R9: the repeat of 03-05 succeeded on 03-07 and opens a new window up to 04-04
    rows = [SUCCESS, ("U1", "S1", "2024-03-05 10:00", "2024-03-07 10:00"), ("U1", "S1", "2024-04-03 10:00", None)]
    assert t13(rows, "2024-04-01", "2024-05-01") == (1, 1)


def test_audit_uses_measured_values_over_declared(run_cli, base_repo: Path) -> None:
    header = "answer_id,answered_at,question,value,service_id,life_situation_id,contact_point_id,request_id\n"
    rows = [f"a{i},2026-08-0{1 + i % 9}T10:00:00+03:00,ease,{'Легко' if i < 45 else 'Сложно'},,,," for i in range(50)]
    # 00:30 on 1 July in Moscow: inside 2026-Q3 although the UTC date is 30 June
    rows.append("late,2026-06-30T21:30:00Z,ease,Легко,,,,")
    (base_repo / "evidence").mkdir()
    (base_repo / "evidence" / "survey_answers.csv").write_text(header + "\n".join(rows) + "\n", "utf-8")
    result = run_cli("audit", base_repo, "--format", "json", "--fail-on", "never", "--period", "2026-Q3")
    data = json.loads(result.stdout)
    ease = next(v for v in data["indicators"] if v["id"] == "T1.2" and v["unit_kind"] == "agency")
    assert ease["source"] == "evidence" and ease["n"] == 51 and ease["numerator"] == 46
    assert ease["interval"][0] < 100 * 46 / 51 < ease["interval"][1]
    assert date(2026, 7, 1) == Period.parse("2026-Q3").start


def test_t2_6_slowest_answers_with_open_messages_counted_to_the_period_end(run_cli, base_repo: Path) -> None:
    header = "message_id,contact_point_id,kind,received_at,first_response_at\n"
    rows = ["m1,social,mention,2026-08-10T10:00:00+03:00,2026-08-10T15:30:00+03:00",   # 5.5 h → mention 4★ limit
            "m2,social,official,2026-08-11T10:00:00+03:00,2026-08-11T11:00:00+03:00",  # 1 h
            "m3,social,official,2026-09-30T21:00:00+03:00,",                            # open: 3 h to the period end
            "m4,social,mention,2026-06-30T10:00:00+03:00,"]                             # Q2: not counted
    (base_repo / "evidence").mkdir()
    (base_repo / "evidence" / "social_responses.csv").write_text(header + "\n".join(rows) + "\n", "utf-8")
    result = run_cli("metrics", base_repo, "--format", "json", "--period", "2026-Q3", "--lang", "en")
    values = {(v["id"], v["unit_kind"]): v for v in json.loads(result.stdout)["indicators"]}
    point, agency = values[("T2.6", "contact_point")], values[("T2.6", "agency")]
    assert point["stars"] == 4 and point["n"] == 3  # m = 5.5 h (≤ 6), o = 3 h (≤ 3): both 4★ limits hold
    assert "to a mention 5.5 h, to a request or comment 3.0 h" in point["basis"]
    assert agency["stars"] == 4 and point["next"].startswith("T2.6 for 5★: the slowest answer to a mention at most 4 h")


def test_t1_3_per_life_situation_through_its_services(run_cli, base_repo: Path) -> None:
    from tests.conftest import apply_patches

    apply_patches(base_repo, {"declarations/registry.yaml": {
        "services": [{"id": "svc-1", "title": "Назначение пособия"}, {"id": "svc-2", "title": "Справка о составе семьи"}],
        "client_scenarios": [{"id": "cs-1", "life_situation_id": "ls-1", "service_ids": ["svc-1"]}]}})
    header = "request_id,user_id,service_id,requested_at,success_at\n"
    rows = ["r1,u1,svc-1,2026-07-01T10:00:00,2026-07-03T10:00:00",  # success of svc-1
            "r2,u1,svc-1,2026-07-10T10:00:00,",                      # repeat within 28 days
            "r3,u2,svc-2,2026-07-01T10:00:00,2026-07-02T10:00:00",
            "r4,u2,svc-2,2026-07-05T10:00:00,",                      # repeat, but svc-2 is in no life situation
            "r5,u3,svc-1,2026-08-01T10:00:00,"]
    (base_repo / "evidence").mkdir()
    (base_repo / "evidence" / "service_requests.csv").write_text(header + "\n".join(rows) + "\n", "utf-8")
    data = json.loads(run_cli("metrics", base_repo, "--format", "json", "--period", "2026-Q3").stdout)
    t13 = {v["unit"]: (v["numerator"], v["n"]) for v in data["indicators"] if v["id"] == "T1.3"}
    assert t13 == {"base": (2, 5), "ls-1": (1, 3)}
