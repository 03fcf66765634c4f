"""Column contracts of the evidence files: name, type, allowed values, required. The one place they are defined;
docs/evidence-format.md describes them and `ccaudit schema evidence` exports them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

EVIDENCE_DIR = "evidence"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    """id (a code, kept as text), timestamp (ISO 8601), int (≥ 0), enum (one of `allowed`), grade (a survey answer:
    a number or a Russian label, checked against the question's scale), text (free text, never shown)."""
    required: bool = True
    allowed: tuple[str, ...] = ()
    description: str = ""

    @property
    def many(self) -> bool:
        """Nearly one value per row (timestamps, a record's own id, a client id): read as plain strings; the other
        columns hold few distinct values and are read as categories (much faster and smaller at millions of rows)."""
        return self.type == "timestamp" or self.name in MANY_VALUES


@dataclass(frozen=True, slots=True)
class Contract:
    kind: str
    description: str
    columns: tuple[Column, ...]

    @property
    def file(self) -> str:
        return f"{EVIDENCE_DIR}/{self.kind}.csv"

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


MANY_VALUES = frozenset({"answer_id", "request_id", "user_id", "call_id", "assessment_id", "message_id", "visit_id", "thread_id"})
QUESTIONS = ("ease", "csat", "nps", "nps_digital", "phone_csat")
CHANNELS = ("portal", "mobile_app", "call_center", "voice_assistant", "written", "social", "chatbot", "in_person",
            "one_window", "long_stay", "epgu", "other")

CONTRACTS: dict[str, Contract] = {c.kind: c for c in (
    Contract("survey_answers", "One answer of a client survey (section 6: T1.2 ease, T1.4 NPS, T1.5 CSAT, T2.3, T2.5).", (
        Column("answer_id", "id", description="Unique id of the answer."),
        Column("answered_at", "timestamp", description="When the client answered."),
        Column("question", "enum", allowed=QUESTIONS, description="Which scale: ease, csat, nps, nps_digital, phone_csat."),
        Column("value", "grade", description="1–4 (ease, csat, phone_csat) or 0–10 (nps), or the Russian label of the grade; "
                                            "«Затрудняюсь ответить» or empty is kept and left out of the shares."),
        Column("service_id", "id", required=False, description="Service the survey followed."),
        Column("life_situation_id", "id", required=False, description="Life situation."),
        Column("contact_point_id", "id", required=False, description="Point of contact where the client answered."),
        Column("request_id", "id", required=False, description="Request the answer belongs to."),
    )),
    Contract("service_requests", "One request for a service (T1.3 repeat requests).", (
        Column("request_id", "id"),
        Column("user_id", "id", description="Pseudonymous client id (never a name, phone or СНИЛС)."),
        Column("service_id", "id"),
        Column("channel", "id", required=False, description="Channel or point of contact of the request."),
        Column("requested_at", "timestamp"),
        Column("success_at", "timestamp", required=False,
               description="When the information system formed the «successfully received» status; empty otherwise."),
    )),
    Contract("service_sessions", "One session of receiving a service online.", (
        Column("request_id", "id"), Column("service_id", "id"), Column("channel", "id", required=False),
        Column("started_at", "timestamp"), Column("finished_at", "timestamp", required=False),
        Column("clicks", "int", required=False, description="Clicks from start to submission."),
    )),
    Contract("form_sessions", "One filling of an online form.", (
        Column("request_id", "id"), Column("form_id", "id"),
        Column("started_at", "timestamp"), Column("submitted_at", "timestamp", required=False),
    )),
    Contract("social_responses", "A client's message in a social network or public chat and the first answer (T2.6, 4.6.5.2).", (
        Column("message_id", "id"), Column("contact_point_id", "id"),
        Column("kind", "enum", allowed=("mention", "official"), description="An @-mention, or an official request or "
                                                                          "comment on an official post."),
        Column("received_at", "timestamp"), Column("first_response_at", "timestamp", required=False,
                                                   description="Empty while unanswered."),
    )),
    Contract("calls", "One call offered to a phone line (4.6.3.1, 4.6.3.2, T2.3).", (
        Column("call_id", "id"), Column("contact_point_id", "id", description="The phone line (call_center or voice_assistant)."),
        Column("offered_at", "timestamp", description="When the call reached the line."),
        Column("answered_at", "timestamp", required=False, description="When a person or the robot answered; empty if abandoned."),
        Column("ended_at", "timestamp", required=False),
        Column("wait_seconds", "int", required=False, description="Seconds in the queue before the answer or abandonment."),
        Column("handled_by", "enum", required=False, allowed=("person", "robot"), description="Who answered."),
        Column("outcome", "enum", required=False, allowed=("answered", "abandoned", "callback"), description="How it ended."),
        Column("direction", "enum", required=False, allowed=("inbound", "outbound"),
               description="inbound: the client called (4.6.3.7); outbound: the agency called by a client scenario (4.6.3.8)."),
        Column("transfers", "int", required=False,
               description="Transfers between employees within the call (routing from the voice menu to the first "
                           "employee and a callback do not count; 4.6.3.2)."),
        Column("callback_promised_by", "timestamp", required=False,
               description="The time by which the employee promised to call back; empty when no callback was promised."),
        Column("callback_at", "timestamp", required=False, description="When the promised callback was made; empty if not yet."),
    )),
    Contract("call_qa", "One quality assessment of a recorded call by one criterion (4.6.3.3, 4.6.3.4).", (
        Column("assessment_id", "id"), Column("call_id", "id"),
        Column("contact_point_id", "id", description="The phone line."),
        Column("assessed_at", "timestamp", description="When the call was assessed; the call's period is taken from it."),
        Column("criterion", "enum", allowed=("tone", "pace", "orthoepy", "literacy", "completeness", "accuracy"),
               description="tone (4.6.3.3: no indifference, boredom, fatigue), pace and orthoepy (4.6.3.3), literacy, "
                           "completeness and accuracy of the information (4.6.3.4)."),
        Column("result", "enum", allowed=("pass", "fail"), description="The assessor's verdict on the criterion."),
    )),
    Contract("written_requests", "One written request and its answer (4.6.4.2, 4.6.4.3, 4.6.4.4).", (
        Column("request_id", "id"), Column("contact_point_id", "id"),
        Column("channel", "enum", required=False, allowed=("email", "letter", "personal_account", "portal_form", "other")),
        Column("received_at", "timestamp"), Column("acknowledged_at", "timestamp", required=False),
        Column("answered_at", "timestamp", required=False, description="Empty while unanswered."),
        Column("thread_id", "id", required=False, description="The chain of requests of one client on one problem (4.6.4.4)."),
        Column("assignee_id", "id", required=False, description="Pseudonymous id of the responsible employee."),
        Column("priority", "enum", required=False, allowed=("high", "normal", "low"),
               description="Priority set from the topic, mood, content and segment (4.6.4.2)."),
        Column("due_at", "timestamp", required=False, description="The answer's deadline set on routing (4.6.4.2)."),
        Column("segment_profile_id", "id", required=False, description="The client's segment profile, when known."),
    )),
    Contract("visits", "One visit to an office: booking, arrival, call to the desk, service (4.6.7.6, 4.6.8.5, T2.7).", (
        Column("visit_id", "id"), Column("contact_point_id", "id", description="The office."),
        Column("booked_at", "timestamp", required=False, description="When the appointment was booked; empty for walk-ins."),
        Column("appointment_at", "timestamp", required=False),
        Column("arrived_at", "timestamp"), Column("called_at", "timestamp", required=False),
        Column("served_at", "timestamp", required=False),
    )),
)}


def schema() -> dict[str, Any]:
    """The contracts as a JSON document (`ccaudit schema evidence`)."""
    return {
        "title": "ccaudit evidence files",
        "description": "CSV files under evidence/: UTF-8, comma-separated, a header row; timestamps in ISO 8601 "
                       "(with an offset, or local time of ccaudit.yaml's timezone).",
        "files": {k: {"path": c.file, "description": c.description,
                      "columns": [{"name": col.name, "type": col.type, "required": col.required,
                                   **({"allowed": list(col.allowed)} if col.allowed else {}),
                                   "description": col.description} for col in c.columns]}
                  for k, c in CONTRACTS.items()},
    }
