"""Checks over the evidence logs (docs/evidence-format.md): calls, call assessments, written requests, social-media
responses, office visits and survey answers, each in the audited period and the agency's time zone.

A check reads the frames of ctx.evidence and never imports pandas itself (the CLI starts without it). A log or
column the check needs that the repository does not have gives `no_data` with the reason, never a pass.
Findings point at the log's line of the first offending row and list the first offending ids.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from fractions import Fraction
from typing import Any

from ccaudit.engine.registry import CheckContext, check
from ccaudit.evidence import EvidenceFile
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.location import Location
from ccaudit.model.rule import Text

SHOWN_IDS = 5
"""Offending ids listed in a finding; the rest are counted."""


def _log(ctx: CheckContext, kind: str, columns: Sequence[str]) -> tuple[EvidenceFile | None, Problem | None]:
    """The log and, when it is absent or lacks a needed column, the no-data Problem to yield instead."""
    rel = f"{ctx.config.evidence_dir}/{kind}.csv"
    found = ctx.evidence.files.get(kind) if ctx.evidence is not None else None
    if found is None:
        return None, Problem(Location(rel), {"reason": Text(f"нет журнала {rel}", f"no log {rel}")}, Outcome.NO_DATA)
    missing = [c for c in columns if c not in found.frame.columns]
    if missing:
        names = ", ".join(missing)
        return None, Problem(Location(found.path, 1), {"reason": Text(f"в журнале {found.path} нет столбцов: {names}",
                                                                      f"the log {found.path} has no columns: {names}")},
                             Outcome.NO_DATA)
    return found, None


def _period_rows(ctx: CheckContext, log: EvidenceFile, column: str, point: str | None = None) -> Any:
    """Rows whose `column` falls in the audited period (and of one point of contact, when given)."""
    start, end = ctx.config.period.bounds(ctx.config.timezone)
    frame = log.frame
    mask = (frame[column] >= start) & (frame[column] < end)
    if point is not None:
        mask &= frame["contact_point_id"] == point
    return frame[mask]


def _no_rows(log: EvidenceFile, what: Text) -> Problem:
    return Problem(Location(log.path, 1), {"reason": Text(f"в журнале {log.path} нет {what.ru} за период",
                                                          f"the log {log.path} has no {what.en} in the period")},
                   Outcome.NO_DATA)


def _listed(ids: Sequence[str], total: int, noun: Text) -> Text:
    """"3 из 1 204 звонков: c-17, c-95, c-311" — how many of how many, and the first ids."""
    shown = ", ".join(str(i) for i in ids[:SHOWN_IDS]) + (", …" if len(ids) > SHOWN_IDS else "")
    return Text(f"{len(ids)} из {total} {noun.ru}: {shown}", f"{len(ids)} of {total} {noun.en}: {shown}")


def _fail(log: EvidenceFile, rows: Any, id_column: str, total: int, noun: Text, key: str, extra: Text | None = None) -> Problem:
    """One failure for all offending rows, located at the first of them in the file."""
    ordered = rows.sort_index()
    first = int(ordered.index[0])
    text = _listed([str(v) for v in ordered[id_column]], total, noun)
    if extra is not None:
        text = Text(f"{text.ru}; {extra.ru}", f"{text.en}; {extra.en}")
    return Problem(Location(log.path, log.line(first)), {key: text})


CALLS = Text("звонков", "calls")


@check("logs.call_transfers", params={"properties": {"max": {"type": "integer", "minimum": 0}}})
def call_transfers(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.3.2: no call of the period is transferred between employees more than `max` times (default 2)."""
    log, missing = _log(ctx, "calls", ("transfers",))
    if log is None:
        yield missing  # type: ignore[misc]
        return
    calls = _period_rows(ctx, log, "offered_at", item.ref.id)
    known = calls[calls["transfers"].notna()]
    if known.empty:
        yield _no_rows(log, Text("звонков с числом переключений", "calls with a transfer count"))
        return
    bad = known[known["transfers"] > int(ctx.params.get("max", 2))]
    if len(bad):
        yield _fail(log, bad, "call_id", len(known), CALLS, "calls")


@check("logs.callbacks_on_time", params={"properties": {"direction": {"enum": ["inbound", "outbound"]}}})
def callbacks_on_time(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.3.7-i, 4.6.3.8-l: every callback promised during a call of the period is made by the promised time;
    a callback not yet made counts only once its time has passed (before the end of the period)."""
    direction = ctx.params.get("direction")
    log, missing = _log(ctx, "calls", ("callback_promised_by", "callback_at") + (("direction",) if direction == "outbound" else ()))
    if log is None:
        yield missing  # type: ignore[misc]
        return
    calls = _period_rows(ctx, log, "offered_at", item.ref.id)
    if direction is not None and "direction" in calls.columns:  # without the column every call is inbound
        calls = calls[calls["direction"] == direction]
    promised = calls[calls["callback_promised_by"].notna()]
    if promised.empty:
        yield _no_rows(log, Text("обещанных обратных звонков", "promised callbacks"))
        return
    _, end = ctx.config.period.bounds(ctx.config.timezone)
    late = promised["callback_at"] > promised["callback_promised_by"]
    never = promised["callback_at"].isna() & (promised["callback_promised_by"] < end)
    bad = promised[late | never]
    if len(bad):
        yield _fail(log, bad, "call_id", len(promised), Text("обещанных обратных звонков", "promised callbacks"), "calls")


CRITERIA = {"tone": Text("тон", "tone"), "pace": Text("темп речи", "pace"), "orthoepy": Text("произношение", "pronunciation"),
            "literacy": Text("грамотность", "literacy"), "completeness": Text("полнота сведений", "completeness"),
            "accuracy": Text("достоверность сведений", "accuracy")}


@check("logs.call_assessments", params={"properties": {"criteria": {"type": "array", "minItems": 1,
                                                                     "items": {"enum": list(CRITERIA)}}},
                                        "required": ["criteria"]})
def call_assessments(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.3.3, 4.6.3.4: no call assessed in the period fails one of the criteria (evidence/call_qa.csv)."""
    log, missing = _log(ctx, "call_qa", ())
    if log is None:
        yield missing  # type: ignore[misc]
        return
    criteria = list(ctx.params["criteria"])
    rows = _period_rows(ctx, log, "assessed_at", item.ref.id)
    rows = rows[rows["criterion"].isin(criteria)]
    names = Text(", ".join(CRITERIA[c].ru for c in criteria), ", ".join(CRITERIA[c].en for c in criteria))
    if rows.empty:
        yield _no_rows(log, Text(f"оценок звонков ({names.ru})", f"call assessments ({names.en})"))
        return
    failed = rows[rows["result"] == "fail"].drop_duplicates("call_id")
    if len(failed):
        yield _fail(log, failed, "call_id", int(rows["call_id"].nunique()), Text("оценённых звонков", "assessed calls"), "calls")


WRITTEN = Text("обращений", "requests")
ROUTING = ("priority", "due_at", "assignee_id")


@check("logs.written_routed")
def written_routed(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.2-b: every written request of the period has a priority, a deadline and a responsible employee."""
    log, missing = _log(ctx, "written_requests", ROUTING)
    if log is None:
        yield missing  # type: ignore[misc]
        return
    rows = _period_rows(ctx, log, "received_at", item.ref.id)
    if rows.empty:
        yield _no_rows(log, Text("обращений", "requests"))
        return
    bad = rows[rows["priority"].isna() | rows["due_at"].isna() | rows["assignee_id"].isna()]
    if len(bad):
        yield _fail(log, bad, "request_id", len(rows), WRITTEN, "requests")


@check("logs.one_assignee_per_thread")
def one_assignee_per_thread(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.4.4-a: every chain of requests with a request in the period has one responsible employee throughout."""
    log, missing = _log(ctx, "written_requests", ("thread_id", "assignee_id"))
    if log is None:
        yield missing  # type: ignore[misc]
        return
    current = _period_rows(ctx, log, "received_at", item.ref.id)
    threads = current["thread_id"].dropna().unique()
    if len(threads) == 0:
        yield _no_rows(log, Text("цепочек обращений", "request chains"))
        return
    rows = log.frame[log.frame["thread_id"].isin(threads) & log.frame["assignee_id"].notna()]
    assignees = rows.groupby("thread_id", observed=True)["assignee_id"].nunique()
    shared = set(assignees[assignees > 1].index.astype(str))
    if shared:
        first = rows[rows["thread_id"].astype(str).isin(shared)].drop_duplicates("thread_id")
        yield _fail(log, first, "thread_id", len(threads), Text("цепочек", "chains"), "threads")


MESSAGES = Text("сообщений", "messages")


def _hours(ctx: CheckContext, rows: Any, limit_hours: float) -> tuple[Any, Any]:
    """(answered later than the limit, unanswered although the limit passed before the period's end)."""
    import datetime as dt

    _, end = ctx.config.period.bounds(ctx.config.timezone)
    limit = dt.timedelta(hours=limit_hours)
    late = (rows["first_response_at"] - rows["received_at"]) > limit
    open_ = rows["first_response_at"].isna() & (rows["received_at"] + limit <= end)
    return late, open_


@check("logs.social_answered", params={"properties": {"within_hours": {"type": "number", "exclusiveMinimum": 0}}})
def social_answered(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.5.2: every mention, official request and comment of the period gets an answer; a message counts as
    unanswered once `within_hours` (default 24, the T2.6 1★ limit for mentions) passed before the period's end."""
    log, missing = _log(ctx, "social_responses", ())
    if log is None:
        yield missing  # type: ignore[misc]
        return
    rows = _period_rows(ctx, log, "received_at", item.ref.id)
    if rows.empty:
        yield _no_rows(log, MESSAGES)
        return
    _, unanswered = _hours(ctx, rows, float(ctx.params.get("within_hours", 24)))
    bad = rows[unanswered]
    if len(bad):
        yield _fail(log, bad, "message_id", len(rows), MESSAGES, "messages")


@check("logs.social_response_time", params={"properties": {"kind": {"enum": ["mention", "official"]},
                                                            "max_hours": {"type": "number", "exclusiveMinimum": 0}},
                                             "required": ["kind", "max_hours"]})
def social_response_time(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.5.3: at the maximum level every message of `kind` is answered within `max_hours`."""
    log, missing = _log(ctx, "social_responses", ())
    if log is None:
        yield missing  # type: ignore[misc]
        return
    rows = _period_rows(ctx, log, "received_at", item.ref.id)
    rows = rows[rows["kind"] == ctx.params["kind"]]
    if rows.empty:
        yield _no_rows(log, Text("сообщений этого вида", "messages of this kind"))
        return
    late, unanswered = _hours(ctx, rows, float(ctx.params["max_hours"]))
    bad = rows[late | unanswered]
    if len(bad):
        worst = (rows["first_response_at"] - rows["received_at"]).max()
        extra = None
        if worst == worst:  # not NaT
            hours = round(worst.total_seconds() / 3600, 1)
            extra = Text(f"самый долгий ответ {hours} ч", f"the slowest answer took {hours} h")
        yield _fail(log, bad, "message_id", len(rows), MESSAGES, "messages", extra)


@check("logs.queue_wait", params={"properties": {"max_minutes": {"type": "number", "exclusiveMinimum": 0}}})
def queue_wait(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.8.5: no visit of the period waits longer than `max_minutes` (default 15) from arrival, or from the
    appointment time when the visit was booked and the client came early, to the call to the desk."""
    log, missing = _log(ctx, "visits", ("called_at",))
    if log is None:
        yield missing  # type: ignore[misc]
        return
    rows = _period_rows(ctx, log, "arrived_at", item.ref.id)
    rows = rows[rows["called_at"].notna()]
    if rows.empty:
        yield _no_rows(log, Text("посещений с временем вызова", "visits with a call time"))
        return
    start = rows["arrived_at"]
    if "appointment_at" in rows.columns:
        later = rows["appointment_at"].notna() & (rows["appointment_at"] > start)
        start = start.where(~later, rows["appointment_at"])
    minutes = (rows["called_at"] - start).dt.total_seconds() / 60
    limit = float(ctx.params.get("max_minutes", 15))
    bad = rows[minutes > limit]
    if len(bad):
        share = Fraction(len(bad), len(rows)) * 100
        worst = round(float(minutes.max()))
        extra = Text(f"{float(share):.1f} % посещений, максимум {worst} мин", f"{float(share):.1f} % of visits, longest {worst} min")
        yield _fail(log, bad, "visit_id", len(rows), Text("посещений", "visits"), "tickets", extra)


POSITIVE = {"ease": 3, "csat": 3}


@check("logs.design_improved")
def design_improved(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.4.1-f: after a project's production launch, the share of «easy» and «satisfied» answers about its services
    (else its life situation) is higher than before; each side needs min_sample answers."""
    launched = item.get("launch/production_on")
    if not isinstance(launched, str) or date.fromisoformat(launched) > ctx.config.period.end:
        yield Problem(item.at("launch"), {"reason": Text("проект ещё не введён в эксплуатацию", "the project is not in production yet")},
                      Outcome.NOT_APPLICABLE)
        return
    log, missing = _log(ctx, "survey_answers", ())
    if log is None:
        yield missing  # type: ignore[misc]
        return
    frame = log.frame
    services = [str(s) for s in item.get("service_ids") or []]
    if services and "service_id" in frame.columns:
        about = frame["service_id"].isin(services)
    elif item.get("life_situation_id") and "life_situation_id" in frame.columns:
        about = frame["life_situation_id"] == item.get("life_situation_id")
    else:
        yield Problem(item.at(), {"reason": Text("ответы опросов не связаны с услугами или жизненной ситуацией проекта",
                                                 "no survey answers are linked to the project's services or life situation")},
                      Outcome.NO_DATA)
        return
    import datetime as dt
    from zoneinfo import ZoneInfo

    pivot = dt.datetime.combine(date.fromisoformat(launched), dt.time(0), ZoneInfo(ctx.config.timezone))
    _, end = ctx.config.period.bounds(ctx.config.timezone)
    rows = frame[about & frame["question"].isin(list(POSITIVE)) & frame["grade"].notna()]
    before, after = rows[rows["answered_at"] < pivot], rows[(rows["answered_at"] >= pivot) & (rows["answered_at"] < end)]
    need = ctx.config.min_sample
    if len(before) < need or len(after) < need:
        yield Problem(item.at("launch/production_on"), {"reason": Text(
            f"мало ответов для сравнения: до запуска {len(before)}, после {len(after)}, нужно не меньше {need}",
            f"too few answers to compare: {len(before)} before launch, {len(after)} after, at least {need} needed")},
            Outcome.NO_DATA)
        return
    share_before = Fraction(int((before["grade"] >= 3).sum()), len(before))
    share_after = Fraction(int((after["grade"] >= 3).sum()), len(after))
    if share_after <= share_before:
        yield Problem(item.at("launch/production_on"), {"problems": Text(
            f"доля ответов «легко»/«удовлетворён» до запуска {float(share_before) * 100:.1f} % ({len(before)} ответов), "
            f"после {float(share_after) * 100:.1f} % ({len(after)})",
            f"«easy»/«satisfied» answers before launch {float(share_before) * 100:.1f} % ({len(before)} answers), "
            f"after {float(share_after) * 100:.1f} % ({len(after)})")})
