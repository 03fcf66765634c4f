"""Generate the evidence logs of the two bundled examples (seeded, reproducible): `make evidence`.

The strong ministry (examples/minsoc-priokskaya) gets about 45,000 rows for 2026-Q3 and the four weeks before it
(T1.3's window); the weak municipal administration (examples/zarechensk-admin) about 15,000 rows from January,
so that its design project's launch on 1 April can be compared before and after. Answers use the spellings real
exports have («Скорее легко», «УДОВЛЕТВОРЁН», «Удовлетворен», «затрудняюсь ответить», digits), timestamps mostly
with the Moscow offset, some as local time and some in UTC (a few just after midnight on 1 July, which belong to
Q3 in Moscow although their UTC date is 30 June). Volumes follow working days and hours, with the July holiday
dip and the September peak.

Only the standard library is used, so the bytes are the same on every machine and Python 3.11+:
tests/tools/test_gen_evidence.py regenerates the files and compares them with the committed ones.

Usage: python tools/gen_evidence.py [--check] [--out-root DIR]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MSK = timezone(timedelta(hours=3))
HEADERS = {
    "survey_answers": ("answer_id", "answered_at", "question", "value", "service_id", "life_situation_id", "contact_point_id", "request_id"),
    "service_requests": ("request_id", "user_id", "service_id", "channel", "requested_at", "success_at"),
    "calls": ("call_id", "contact_point_id", "offered_at", "answered_at", "ended_at", "wait_seconds", "handled_by", "outcome",
              "direction", "transfers", "callback_promised_by", "callback_at"),
    "call_qa": ("assessment_id", "call_id", "contact_point_id", "assessed_at", "criterion", "result"),
    "written_requests": ("request_id", "contact_point_id", "channel", "received_at", "acknowledged_at", "answered_at", "thread_id",
                         "assignee_id", "priority", "due_at", "segment_profile_id"),
    "social_responses": ("message_id", "contact_point_id", "kind", "received_at", "first_response_at"),
    "visits": ("visit_id", "contact_point_id", "booked_at", "appointment_at", "arrived_at", "called_at", "served_at"),
}
EASE = {4: ("Легко", "легко", "ЛЕГКО", "4"), 3: ("Скорее легко", "скорее легко", "«Скорее легко»", "3"),
        2: ("Скорее сложно", "скорее сложно", "2"), 1: ("Сложно", "сложно", "1")}
CSAT = {4: ("Удовлетворён", "Удовлетворен", "УДОВЛЕТВОРЁН", "4"), 3: ("Скорее удовлетворён", "скорее удовлетворен", "3"),
        2: ("Скорее не удовлетворён", "Скорее не удовлетворен", "2"), 1: ("Не удовлетворён", "не удовлетворен", "1")}
NO_ANSWER = ("Затрудняюсь ответить", "затрудняюсь ответить", "")
MONTH_WEIGHT = {1: 0.8, 2: 0.95, 3: 1.0, 4: 1.0, 5: 0.85, 6: 0.9, 7: 0.75, 8: 0.9, 9: 1.25}
WEEKDAY_WEIGHT = (1.15, 1.1, 1.05, 1.05, 1.0, 0.35, 0.15)
HOUR_WEIGHT = {h: w for h, w in zip(range(24), (
    0.05, 0.03, 0.02, 0.02, 0.02, 0.05, 0.15, 0.4, 0.9, 1.3, 1.5, 1.45, 1.2, 1.1, 1.35, 1.4, 1.3, 1.1, 0.9, 0.7, 0.55, 0.4,
    0.25, 0.1), strict=True)}
OFFICE_HOURS = {h: w for h, w in HOUR_WEIGHT.items() if 9 <= h <= 18}


@dataclass
class Point:
    """Survey shares and volumes of one point of contact."""

    id: str
    ease: float | None = None
    csat: float | None = None
    answers: int = 0
    nps_digital: tuple[float, float] | None = None
    """(promoters, detractors) shares of nps_digital answers."""
    phone_csat: float | None = None


@dataclass
class Agency:
    name: str
    start: date
    end: date
    seed: int
    points: Sequence[Point]
    services: dict[str, str | None]
    """service id → life situation id."""
    nps_services: dict[str, tuple[float, float]]
    """service id → (promoters, detractors) shares of its nps answers."""
    nps_answers: int
    requests: int
    repeat_share: float
    call_line: str
    calls: int
    call_wait: float
    """Mean seconds a caller waits for a person."""
    transfers: Sequence[float]
    """Weights of 0, 1, 2, 3, 4 transfers."""
    late_callbacks: float
    qa_fail: dict[str, float]
    written_point: str
    written: int
    unrouted: float
    reassigned: float
    social_point: str
    social: int
    social_median_hours: dict[str, float]
    unanswered: float
    offices: dict[str, float]
    """office id → mean wait in minutes."""
    visits: int
    wait_cap: dict[str, float] = field(default_factory=dict)
    """office id → longest wait the office's queue rules allow (the strong example's 14-minute guarantee)."""
    design: tuple[str, date, float, float] | None = None
    """(service, launch day, ease share before, after)."""


class Clock:
    """Timestamps on working days and hours, with the month's weight, written the way exports write them."""

    def __init__(self, rng: random.Random, start: date, end: date) -> None:
        self.rng = rng
        days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
        self.days = days
        self.weights = [MONTH_WEIGHT.get(d.month, 1.0) * WEEKDAY_WEIGHT[d.weekday()] for d in days]

    def moment(self, hours: dict[int, float] = HOUR_WEIGHT, between: tuple[date, date] | None = None) -> datetime:
        days, weights = self.days, self.weights
        if between is not None:
            pairs = [(d, w) for d, w in zip(days, weights, strict=True) if between[0] <= d <= between[1]]
            days, weights = [p[0] for p in pairs], [p[1] for p in pairs]
        day = self.rng.choices(days, weights)[0]
        hour = self.rng.choices(list(hours), list(hours.values()))[0]
        return datetime(day.year, day.month, day.day, hour, self.rng.randrange(60), self.rng.randrange(60), tzinfo=MSK)

    def text(self, moment: datetime | None) -> str:
        """85 % with the Moscow offset, 10 % local time without an offset, 5 % in UTC."""
        if moment is None:
            return ""
        roll = self.rng.random()
        if roll < 0.85:
            return moment.isoformat()
        if roll < 0.95:
            return moment.replace(tzinfo=None).isoformat()
        return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _grade(rng: random.Random, positive: float) -> int:
    """A 1–4 grade: positive (3–4) with the given share, the top grade twice as likely as the next."""
    if rng.random() < positive:
        return 4 if rng.random() < 0.62 else 3
    return 2 if rng.random() < 0.65 else 1


def _nps(rng: random.Random, promoters: float, detractors: float) -> int:
    roll = rng.random()
    if roll < promoters:
        return rng.choice((9, 10, 10))
    if roll < promoters + detractors:
        return rng.choice((0, 2, 3, 4, 5, 5, 6, 6))
    return rng.choice((7, 8))


def surveys(agency: Agency, rng: random.Random, clock: Clock) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    services = list(agency.services)
    q3 = (date(2026, 7, 1), date(2026, 9, 30))

    def add(question: str, value: str, when: datetime, point: str = "", service: str = "") -> None:
        situation = agency.services.get(service) or "" if service else ""
        rows.append((f"a-{len(rows) + 1:06d}", clock.text(when), question, value, service, situation, point,
                     f"r-{rng.randrange(10 ** 6):06d}" if service and rng.random() < 0.7 else ""))

    for point in agency.points:
        for _ in range(point.answers):
            service = rng.choice(services) if rng.random() < 0.8 else ""
            when = clock.moment(between=q3)
            for question, share, labels in (("ease", point.ease, EASE), ("csat", point.csat, CSAT)):
                if share is None:
                    continue
                if rng.random() < 0.03:
                    add(question, rng.choice(NO_ANSWER), when, point.id, service)
                else:
                    add(question, rng.choice(labels[_grade(rng, share)]), when, point.id, service)
            if point.phone_csat is not None:
                add("phone_csat", str(_grade(rng, point.phone_csat)), when, point.id, service)
            if point.nps_digital is not None and rng.random() < 0.8:
                add("nps_digital", str(_nps(rng, *point.nps_digital)), when, point.id)
    for service, (promoters, detractors) in agency.nps_services.items():
        for _ in range(agency.nps_answers):
            add("nps", str(_nps(rng, promoters, detractors)), clock.moment(between=q3), "", service)
    if agency.design is not None:
        service, launch, before, after = agency.design
        for share, span in ((before, (date(2026, 1, 12), launch - timedelta(days=1))), (after, (launch, q3[1]))):
            for _ in range(260):
                add("ease", rng.choice(EASE[_grade(rng, share)]), clock.moment(between=span), "", service)
    # Portal answers just after midnight on 1 July (Moscow) written in UTC: 30 June by their UTC date.
    portal = agency.points[0]
    for minute in (4, 17, 38):
        when = datetime(2026, 7, 1, 0, minute, 0, tzinfo=MSK).astimezone(UTC)
        rows.append((f"a-{len(rows) + 1:06d}", when.isoformat().replace("+00:00", "Z"), "ease", "Легко", "", "", portal.id, ""))
    rows.sort(key=lambda r: r[1].replace("Z", ""))
    return rows


def requests(agency: Agency, rng: random.Random, clock: Clock) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    users = [f"u-{i:06d}" for i in range(1, agency.requests * 4)]
    channels = ("portal", "mobile_app", "one_window", "in_person", "epgu")
    for _ in range(agency.requests):
        user, service = rng.choice(users), rng.choice(list(agency.services))
        requested = clock.moment()
        success = requested + timedelta(days=rng.randint(1, 12), hours=rng.randint(0, 6)) if rng.random() < 0.86 else None
        rows.append((user, service, rng.choice(channels), requested, success))
        if success is not None and rng.random() < agency.repeat_share:  # asked again within four weeks of a success
            again = success + timedelta(days=rng.randint(1, 27), hours=rng.randint(0, 8))
            rows.append((user, service, rng.choice(channels), again, None))
    rows.sort(key=lambda r: r[3])
    return [(f"req-{i + 1:06d}", u, s, c, clock.text(t), clock.text(ok)) for i, (u, s, c, t, ok) in enumerate(rows)]


def calls(agency: Agency, rng: random.Random, clock: Clock) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    rows, assessed = [], []
    for i in range(agency.calls):
        offered = clock.moment(between=(date(2026, 7, 1), agency.end))
        robot = rng.random() < 0.35
        wait = rng.randint(0, 25) if robot else int(rng.expovariate(1 / agency.call_wait))
        abandoned = not robot and rng.random() < (0.02 if wait < 120 else 0.12)
        answered = None if abandoned else offered + timedelta(seconds=wait)
        ended = (answered or offered + timedelta(seconds=wait)) + timedelta(seconds=rng.randint(40, 600))
        transfers = "" if robot or abandoned else str(rng.choices(range(5), agency.transfers)[0])
        outbound = not robot and rng.random() < 0.08
        promised = callback = None
        if answered is not None and not robot and rng.random() < 0.05:
            promised = answered + timedelta(hours=rng.choice((2, 4, 24)))
            if rng.random() < agency.late_callbacks:
                callback = None if rng.random() < 0.3 else promised + timedelta(hours=rng.randint(1, 30))
            else:
                callback = promised - timedelta(minutes=rng.randint(5, 110))
        call_id = f"call-{i + 1:06d}"
        rows.append((call_id, agency.call_line, clock.text(offered), clock.text(answered), clock.text(ended), str(wait),
                     "robot" if robot else "person", "abandoned" if abandoned else ("callback" if promised else "answered"),
                     "outbound" if outbound else "inbound", transfers, clock.text(promised), clock.text(callback)))
        if not robot and answered is not None and rng.random() < 0.1:
            when = ended + timedelta(days=rng.randint(1, 5))
            for criterion in ("tone", "pace", "orthoepy", "literacy", "completeness", "accuracy"):
                result = "fail" if rng.random() < agency.qa_fail.get(criterion, 0.0) else "pass"
                assessed.append((f"qa-{len(assessed) + 1:06d}", call_id, agency.call_line, clock.text(when), criterion, result))
    return rows, assessed


def written(agency: Agency, rng: random.Random, clock: Clock) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    threads: list[tuple[str, str]] = []
    assignees = [f"e-{i:03d}" for i in range(1, 24)]
    for i in range(agency.written):
        received = clock.moment(OFFICE_HOURS)
        if threads and rng.random() < 0.12:  # a follow-up in an open chain
            thread, assignee = rng.choice(threads)
            if rng.random() < agency.reassigned:
                assignee = rng.choice(assignees)
        else:
            thread, assignee = f"t-{i + 1:05d}", rng.choice(assignees)
            threads.append((thread, assignee))
        priority = rng.choices(("high", "normal", "low"), (0.12, 0.78, 0.1))[0]
        due = received + timedelta(days=10 if priority == "high" else 30)
        ack = received + timedelta(minutes=rng.randint(1, 90)) if agency.unrouted < 0.05 else received + timedelta(hours=rng.randint(1, 50))
        answered = received + timedelta(days=rng.randint(2, 25)) if rng.random() < 0.93 else None
        if rng.random() < agency.unrouted:
            priority, due, assignee = ("", due, assignee) if rng.random() < 0.5 else (priority, None, "")
        rows.append((f"w-{i + 1:05d}", agency.written_point, rng.choice(("personal_account", "email", "letter", "portal_form")),
                     clock.text(received), clock.text(ack), clock.text(answered), thread, assignee, priority, clock.text(due),
                     rng.choice(("sp-young-parents", "sp-large-family", "sp-disability", "sp-senior", ""))))
    rows.sort(key=lambda r: r[3].replace("Z", ""))
    return rows


def social(agency: Agency, rng: random.Random, clock: Clock) -> list[tuple[str, ...]]:
    rows = []
    for i in range(agency.social):
        kind = "mention" if rng.random() < 0.45 else "official"
        received = clock.moment(between=(date(2026, 7, 1), agency.end))
        limit = 4.0 if kind == "mention" else 2.0
        hours = rng.lognormvariate(0, 0.6) * agency.social_median_hours[kind]
        if agency.unanswered == 0:
            hours = min(hours, limit * 0.95)  # the strong ministry's social team answers within the 5★ times
        response = None if rng.random() < agency.unanswered else received + timedelta(hours=hours)
        rows.append((f"m-{i + 1:05d}", agency.social_point, kind, clock.text(received), clock.text(response)))
    return rows


def visits(agency: Agency, rng: random.Random, clock: Clock) -> list[tuple[str, ...]]:
    rows = []
    for i in range(agency.visits):
        office = rng.choice(list(agency.offices))
        arrived = clock.moment(OFFICE_HOURS, between=(date(2026, 7, 1), agency.end))
        booked = appointment = None
        start = arrived
        if rng.random() < 0.4:
            appointment = arrived + timedelta(minutes=rng.randint(0, 12))
            booked = appointment - timedelta(days=rng.randint(1, 14), hours=rng.randint(0, 8))
            start = appointment
        wait = rng.expovariate(1 / agency.offices[office])
        wait = min(wait, agency.wait_cap.get(office, 240.0))
        called = start + timedelta(minutes=wait) if rng.random() > 0.01 else None
        served = called + timedelta(minutes=rng.randint(4, 25)) if called else None
        rows.append((f"v-{i + 1:06d}", office, clock.text(booked), clock.text(appointment), clock.text(arrived), clock.text(called),
                     clock.text(served)))
    rows.sort(key=lambda r: r[4].replace("Z", ""))
    return rows


STRONG = Agency(
    name="minsoc-priokskaya", start=date(2026, 6, 1), end=date(2026, 9, 30), seed=20261001,
    points=(Point("portal-soc", ease=0.92, csat=0.93, answers=2500, nps_digital=(0.66, 0.12)),
            Point("app-soc", ease=0.89, csat=0.91, answers=1500, nps_digital=(0.61, 0.14)),
            Point("cc-hotline", ease=0.83, csat=0.88, answers=2000, phone_csat=0.88),
            Point("uszn-prioksk", ease=0.84, csat=0.905, answers=900),
            Point("mfc-oktyabrsky", ease=0.9, csat=0.95, answers=1500),
            Point("di-zaoksky", csat=0.925, answers=120),
            Point("bot-pomoshnik", ease=0.8, csat=0.84, answers=1000, nps_digital=(0.55, 0.17)),
            Point("voice-oka", ease=0.82, csat=0.86, answers=600, nps_digital=(0.64, 0.12)),
            Point("written-lk", ease=0.78, csat=0.86, answers=400)),
    services={"svc-birth-payment": "ls-birth", "svc-newborn-kit": "ls-birth", "svc-matcap": "ls-birth",
              "svc-lf-certificate": "ls-large-family", "svc-lf-housing": "ls-large-family", "svc-lf-transport": "ls-large-family",
              "svc-tsr": "ls-disability", "svc-social-taxi": "ls-disability", "svc-travel-compensation": "ls-disability",
              "svc-residential-care": "ls-retirement", "svc-home-care": "ls-retirement", "svc-veteran-title": "ls-retirement",
              "svc-veteran-edv": "ls-retirement", "svc-benefits-navigator": None},
    nps_services={"svc-birth-payment": (0.62, 0.1), "svc-newborn-kit": (0.58, 0.12), "svc-matcap": (0.5, 0.16),
                  "svc-lf-certificate": (0.55, 0.15), "svc-lf-housing": (0.22, 0.41), "svc-lf-transport": (0.48, 0.2),
                  "svc-tsr": (0.45, 0.22), "svc-social-taxi": (0.6, 0.12), "svc-travel-compensation": (0.44, 0.25),
                  "svc-residential-care": (0.42, 0.26), "svc-home-care": (0.52, 0.18), "svc-veteran-title": (0.57, 0.14),
                  "svc-veteran-edv": (0.6, 0.11), "svc-benefits-navigator": (0.5, 0.2)},
    nps_answers=130, requests=9000, repeat_share=0.006,
    call_line="cc-hotline", calls=7000, call_wait=40.0, transfers=(0.8, 0.17, 0.03, 0.0, 0.0), late_callbacks=0.0, qa_fail={},
    written_point="written-lk", written=1600, unrouted=0.0, reassigned=0.0,
    social_point="vk-minsoc", social=900, social_median_hours={"mention": 1.3, "official": 0.7}, unanswered=0.0,
    offices={"mfc-oktyabrsky": 5.0, "uszn-prioksk": 7.0}, visits=6000, wait_cap={"mfc-oktyabrsky": 14.0},
)
WEAK = Agency(
    name="zarechensk-admin", start=date(2026, 1, 12), end=date(2026, 9, 30), seed=20261002,
    points=(Point("portal-adm", ease=0.64, csat=0.69, answers=900, nps_digital=(0.3, 0.34)),
            Point("app-zarechny", ease=0.58, csat=0.62, answers=250, nps_digital=(0.28, 0.4)),
            Point("cc-adm", ease=0.55, csat=0.63, answers=900, phone_csat=0.6),
            Point("priemnaya-adm", ease=0.61, csat=0.7, answers=500),
            Point("mfc-zarechny", ease=0.72, csat=0.78, answers=800),
            Point("bot-adm", ease=0.5, csat=0.55, answers=200, nps_digital=(0.2, 0.45)),
            Point("written-adm", ease=0.48, csat=0.57, answers=250)),
    services={"svc-yard-program": "ls-yard", "svc-excavation": "ls-yard", "svc-tree-felling": "ls-yard",
              "svc-school-enroll": "ls-school", "svc-kindergarten": "ls-school", "svc-land-queue": "ls-land",
              "svc-land-grant": "ls-land", "svc-housing-need": None},
    nps_services={"svc-yard-program": (0.35, 0.3), "svc-excavation": (0.2, 0.45), "svc-tree-felling": (0.25, 0.4),
                  "svc-school-enroll": (0.3, 0.35), "svc-kindergarten": (0.4, 0.3), "svc-land-queue": (0.15, 0.55),
                  "svc-land-grant": (0.22, 0.44), "svc-housing-need": (0.33, 0.31)},
    nps_answers=60, requests=2600, repeat_share=0.06,
    call_line="cc-adm", calls=2600, call_wait=150.0, transfers=(0.55, 0.25, 0.12, 0.06, 0.02), late_callbacks=0.2,
    qa_fail={"tone": 0.06, "pace": 0.04, "orthoepy": 0.03, "completeness": 0.07, "accuracy": 0.03},
    written_point="written-adm", written=700, unrouted=0.09, reassigned=0.3,
    social_point="vk-adm", social=420, social_median_hours={"mention": 9.0, "official": 6.0}, unanswered=0.12,
    offices={"mfc-zarechny": 13.0, "priemnaya-adm": 20.0}, visits=2200,
    design=("svc-school-enroll", date(2026, 4, 1), 0.66, 0.57),
)
GENERATORS: dict[str, Callable[[Agency, random.Random, Clock], list[tuple[str, ...]]]] = {
    "survey_answers": surveys, "service_requests": requests, "written_requests": written, "social_responses": social,
    "visits": visits,
}


def generate(agency: Agency) -> dict[str, str]:
    """file name → CSV text, every generator with its own seeded stream (changing one leaves the others alone)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for index, (kind, fn) in enumerate(GENERATORS.items()):
        rng = random.Random(agency.seed * 100 + index)
        out[kind] = fn(agency, rng, Clock(rng, agency.start, agency.end))
    rng = random.Random(agency.seed * 100 + 99)
    out["calls"], out["call_qa"] = calls(agency, rng, Clock(rng, agency.start, agency.end))
    texts = {}
    for kind in HEADERS:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(HEADERS[kind])
        writer.writerows(out[kind])
        texts[f"{kind}.csv"] = buffer.getvalue()
    return texts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="Compare with the committed files instead of writing.")
    parser.add_argument("--out-root", type=Path, default=ROOT / "examples", help="Directory holding the example repositories.")
    args = parser.parse_args(argv)
    stale = []
    for agency in (STRONG, WEAK):
        target = args.out_root / agency.name / "evidence"
        for name, text in generate(agency).items():
            path = target / name
            if args.check:
                if not path.exists() or path.read_text("utf-8") != text:
                    stale.append(str(path))
                continue
            target.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
            print(f"wrote {path.relative_to(args.out_root.parent) if args.out_root.parent in path.parents else path}: "
                  f"{text.count(chr(10)) - 1} rows")
    if stale:
        print("stale evidence (run `make evidence`): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
