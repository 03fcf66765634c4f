"""Checks for 4.3.5: the register of life situations, typical needs and the scenarios, projects and answers that meet them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from ccaudit.checks.common import present
from ccaudit.checks.needs import day, last_change, latest, latest_map_change
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text

_CAP = r"[А-ЯЁ][а-яё]+"
_PATRONYMIC = r"[А-ЯЁ][а-яё]+(?:ович|евич|ьич|овна|евна|ична|инична)"
IDENTIFIERS: tuple[tuple[Text, re.Pattern[str]], ...] = (
    (Text("адрес электронной почты", "e-mail address"), re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (Text("СНИЛС", "SNILS"), re.compile(r"(?<!\d)\d{3}-\d{3}-\d{3}[ -]\d{2}(?!\d)|СНИЛС\D{0,5}\d{11}(?!\d)")),
    (Text("номер телефона", "phone number"),
     re.compile(r"(?<![\d\w])(?:\+7|8)[ -]?(?:\(\d{3,5}\)|\d{3,5})[ -]?\d{1,3}[ -]?\d{2}[ -]?\d{2}(?!\d)")),
    (Text("паспорт или ИНН", "passport or taxpayer number"),
     re.compile(r"(?:паспорт\w*|ИНН)\D{0,12}\d{2} ?\d{2} ?\d{6}(?:\d{2})?(?!\d)", re.IGNORECASE)),
    (Text("фамилия, имя и отчество", "full name"),
     re.compile(rf"\b{_CAP}(?:-{_CAP})? {_CAP} {_PATRONYMIC}\b|\b{_CAP} {_PATRONYMIC} {_CAP}\b")),
    (Text("фамилия с инициалами", "surname with initials"),
     re.compile(r"\b[А-ЯЁ]\. ?[А-ЯЁ]\. ?[А-ЯЁ][а-яё]{2,}|\b[А-ЯЁ][а-яё]{2,} [А-ЯЁ]\. ?[А-ЯЁ]\.")),
)
"""Personal identifiers a segment profile must not contain (4.3.5.3), with what each pattern finds."""

_NOT_TEXT = frozenset({"id", "life_situation_ids", "preferred_channels", "digital_skills", "client_kind", "updated_on"})


def _is_toll_free(match: str) -> bool:
    digits = re.sub(r"\D", "", match)
    return len(digits) != 11 or digits[1:4] == "800"


def profiles_of(ctx: CheckContext, situation: Item) -> list[str]:
    """Segment profiles of a life situation, from either side of the link, in id order."""
    named = set(situation.get("segment_profile_ids") or [])
    listing = {p.ref.id for p in ctx.declaration.of("segment_profile") if situation.ref.id in (p.get("life_situation_ids") or [])}
    return sorted(named | listing)


UNDER_DESIGN = Text("целевой сценарий проекта, который ещё не введён в эксплуатацию",
                    "the target scenario of a design project not yet in production")


def under_design(ctx: CheckContext, scenario: Item) -> bool:
    """A scenario not yet approved whose services are in a design project that has not reached production."""
    if ctx.approved_by_period_end(scenario.get("approved_on")):
        return False
    services = set(scenario.get("service_ids") or [])
    for project in ctx.declaration.of("design_project"):
        produced = day(project.get("launch/production_on"))
        if services & set(project.get("service_ids") or []) and (produced is None or produced > ctx.as_of):
            return True
    return False


def personal_identifiers(data: Any, path: str = "") -> Iterator[tuple[str, Text]]:
    """(field path, kind) of every personal identifier found in the strings of a declaration mapping."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            if key not in _NOT_TEXT:
                yield from personal_identifiers(value, f"{path}/{key}" if path else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from personal_identifiers(value, f"{path}/{i}")
    elif isinstance(data, str):
        for kind, pattern in IDENTIFIERS:
            for match in pattern.finditer(data):
                if kind.en == "phone number" and _is_toll_free(match.group()):
                    continue
                yield path, kind
                break


@check("life_situation.needs_classified")
def needs_classified(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.4: typical needs are declared, each with its kind and a date of the last update."""
    needs = item.get("typical_needs") or []
    if not needs:
        yield Problem(item.at(), {"needs": Text("типовые потребности не заданы", "no typical needs declared")})
        return
    undated = [n["id"] for n in needs if not present(n.get("updated_on")) or not ctx.is_fresh(n.get("updated_on"))]
    if undated:
        yield Problem(item.at("typical_needs"), {"needs": undated})


@check("life_situation.satisfiable_needs_have_scenarios")
def satisfiable_needs_have_scenarios(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.5: every need that services can meet has a client scenario of the same life situation."""
    missing = []
    for i, need in enumerate(item.get("typical_needs") or []):
        if need.get("category") != "satisfiable":
            continue
        scenario = ctx.declaration.find("client_scenario", need.get("client_scenario_id") or "")
        if scenario is None or scenario.get("life_situation_id") != item.ref.id:
            missing.append((i, need["id"]))
    if missing:
        yield Problem(item.at(f"typical_needs/{missing[0][0]}"), {"needs": [n for _, n in missing]})


@check("life_situation.unsatisfiable_needs_explained")
def unsatisfiable_needs_explained(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.7: every need that cannot be met has an FAQ answer that states the reason."""
    explained = {f.get("unsatisfiable_need_id") for f in ctx.declaration.of("faq") if present(f.get("reason"))}
    missing = [(i, n["id"]) for i, n in enumerate(item.get("typical_needs") or [])
               if n.get("category") == "unsatisfiable" and n["id"] not in explained]
    if missing:
        yield Problem(item.at(f"typical_needs/{missing[0][0]}"), {"needs": [n for _, n in missing]})


@check("faq.accessible_to_responsible_bodies")
def accessible_to_responsible_bodies(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.7: the answer is available to every body that provides services in its life situation."""
    situation = ctx.declaration.find("life_situation", item.get("life_situation_id") or "")
    if situation is None:
        yield Problem(item.at(), {"reason": Text("вопрос не отнесён к жизненной ситуации", "the FAQ entry names no life situation")}, Outcome.NOT_APPLICABLE)
        return
    bodies = situation.get("responsible_bodies") or []
    if not bodies:
        yield Problem(situation.at(), {"reason": Text("у жизненной ситуации не указаны ответственные органы", "the life situation names no responsible bodies")}, Outcome.NO_DATA)
        return
    granted = set(item.get("accessible_to_bodies") or [])
    missing = [b for b in bodies if b not in granted]
    if missing:
        yield Problem(item.at("accessible_to_bodies"), {"missing": missing})


@check("life_situation.register_and_profiles_kept")
def register_and_profiles_kept(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5: the situation's segment profiles are linked both ways, current, and updated after its journey maps."""
    profiles = profiles_of(ctx, item)
    if not profiles:
        yield Problem(item.at(), {"problems": Text("нет профилей клиентских сегментов", "no segment profiles")})
        return
    named = set(item.get("segment_profile_ids") or [])
    since = latest_map_change(ctx, item.ref.id)
    problems: list[Text] = []
    for pid in profiles:
        profile = ctx.declaration.find("segment_profile", pid)
        assert profile is not None
        if pid not in named or item.ref.id not in (profile.get("life_situation_ids") or []):
            problems.append(Text(f"{pid}: связь с жизненной ситуацией указана только с одной стороны "
                                 "(segment_profile_ids / life_situation_ids)",
                                 f"{pid}: the link to the life situation is declared on one side only "
                                 "(segment_profile_ids / life_situation_ids)"))
        updated = profile.get("updated_on")
        if not ctx.is_fresh(updated):
            problems.append(Text(f"{pid}: профиль не актуализирован за {ctx.config.freshness_days} дн. (updated_on: {updated or '—'})",
                                 f"{pid}: not updated within {ctx.config.freshness_days} days (updated_on: {updated or '—'})"))
        elif since is not None and (day(updated) or date.min) < since:
            problems.append(Text(f"{pid}: профиль обновлён {updated}, раньше последней актуализации карты ({since})",
                                 f"{pid}: updated on {updated}, before the last journey-map update ({since})"))
    if problems:
        yield Problem(item.at("segment_profile_ids"), {"problems": problems})


@check("life_situation.needs_studied_from_maps")
def needs_studied_from_maps(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5: needs are studied for every client group of the situation, after the last update of its journey maps."""
    needs = item.get("typical_needs") or []
    if not needs:
        yield Problem(item.at(), {"problems": Text("типовые потребности не заданы", "no typical needs declared")})
        return
    problems: list[Text] = []
    covered = {n.get("segment_profile_id") for n in needs}
    groups = [p for p in profiles_of(ctx, item) if p not in covered]
    if groups:
        problems.append(Text(f"нет потребностей групп клиентов: {', '.join(groups)}", f"no needs of the client groups: {', '.join(groups)}"))
    since = latest_map_change(ctx, item.ref.id)
    studied = latest(n.get("updated_on") for n in needs)
    if since is not None and (studied is None or studied < since):
        problems.append(Text(f"потребности последний раз обновлены {studied or '—'}, раньше актуализации карты ({since})",
                             f"needs were last updated on {studied or '—'}, before the journey map was updated ({since})"))
    if problems:
        yield Problem(item.at("typical_needs"), {"problems": problems})


@check("client_scenario.approved_and_current")
def approved_and_current(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5: the scenario is approved by the reference date and kept current (a scenario still being designed is n/a)."""
    approved, updated = day(item.get("approved_on")), day(item.get("updated_on"))
    if approved is None or approved > ctx.as_of:
        if under_design(ctx, item):
            yield Problem(item.at(), {"reason": UNDER_DESIGN}, Outcome.NOT_APPLICABLE)
        else:
            yield Problem(item.at("approved_on"), {"problems": Text("сценарий не утверждён к отчётной дате (approved_on)",
                                                                    "the scenario is not approved by the reference date (approved_on)")})
        return
    problems: list[Text] = []
    if updated and updated < approved:
        problems.append(Text(f"дата актуализации {updated} раньше даты утверждения {approved}", f"updated on {updated}, before approval on {approved}"))
    last = last_change(item.data)
    if not ctx.is_fresh(last.isoformat() if last else None):
        days = ctx.config.freshness_days
        problems.append(Text(f"не актуализирован за {days} дн. (последнее изменение: {last})", f"not updated within {days} days (last change: {last})"))
    if problems:
        yield Problem(item.at("updated_on"), {"problems": problems})


@check("life_situation.registry_proposal")
def registry_proposal(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.1: the agency proposes life situations to the register; a proposal is dated by the reference date and cites its letter."""
    agency = ctx.declaration.agency
    proposals = list(enumerate(agency.get("registry_proposals") or []))
    if not proposals:
        yield Problem(agency.at(), {"problems": Text("ведомство не направляло предложений в реестр жизненных ситуаций (agency.registry_proposals)",
                                                     "the agency has sent no proposals to the register of life situations (agency.registry_proposals)")})
        return
    own = [(i, p) for i, p in proposals if p.get("life_situation_id") == item.ref.id]
    if not own:
        yield Problem(item.at(), {"reason": Text("предложение по этой ситуации направляло другое ведомство или Проектный офис",
                                                 "this situation was proposed by another body or by the Project Office")}, Outcome.NOT_APPLICABLE)
        return
    for i, proposal in own:
        problems = []
        if not ctx.approved_by_period_end(proposal.get("submitted_on")):
            problems.append(Text("не указана дата направления не позднее отчётной даты (submitted_on)",
                                 "no date of sending on or before the reference date (submitted_on)"))
        if not present(proposal.get("ref")):
            problems.append(Text("не указано письмо (ref)", "no letter cited (ref)"))
        if problems:
            yield Problem(agency.at(f"registry_proposals/{i}"), {"problems": problems})


@check("life_situation.register_complete")
def register_complete(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.1: the register entry has its sphere, segment profiles, client scenarios and the services of each scenario."""
    missing: list[Text] = []
    if not present(item.get("sphere")):
        missing.append(Text("сфера жизни (sphere)", "sphere of life (sphere)"))
    if not profiles_of(ctx, item):
        missing.append(Text("профили клиентских сегментов", "segment profiles"))
    scenarios = [s for s in ctx.declaration.of("client_scenario") if s.get("life_situation_id") == item.ref.id]
    if not scenarios:
        missing.append(Text("клиентские сценарии", "client scenarios"))
    empty = [s.ref.id for s in scenarios if not present(s.get("service_ids"))]
    if empty:
        missing.append(Text(f"услуги сценариев {', '.join(empty)}", f"the services of scenarios {', '.join(empty)}"))
    if missing:
        yield Problem(item.at(), {"life_situation": item.ref.id, "missing": missing})


@check("segment_profile.not_reidentifiable")
def not_reidentifiable(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.3: no client can be identified from a profile: anonymised, controls declared, no personal identifiers in it."""
    problems: list[Text] = []
    if item.get("anonymised") is not True:
        problems.append(Text("профиль не отмечен как обезличенный (anonymised: true)", "the profile is not marked anonymised (anonymised: true)"))
    if not present(item.get("reidentification_controls")):
        problems.append(Text("не описаны меры против идентификации клиентов (reidentification_controls)",
                             "no controls against re-identification are described (reidentification_controls)"))
    found = list(personal_identifiers(item.data))
    for path, kind in found:
        problems.append(Text(f"в поле {path} найден персональный идентификатор: {kind.ru}",
                             f"a personal identifier in {path}: {kind.en}"))
    if problems:
        yield Problem(item.at(found[0][0] if found else ""), {"problems": problems})


@check("client_scenario.updated_after_launches")
def updated_after_launches(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.5: the scenario was updated after the launch of each of its services (new, or reengineered by a project)."""
    if under_design(ctx, item):
        yield Problem(item.at(), {"reason": UNDER_DESIGN}, Outcome.NOT_APPLICABLE)
        return
    launches: dict[str, date] = {}
    for sid in item.get("service_ids") or []:
        service = ctx.declaration.find("service", sid)
        dates = [service.get("launched_on")] if service else []
        dates += [p.get("launch/production_on") for p in ctx.declaration.of("design_project") if sid in (p.get("service_ids") or [])]
        launched = latest(d for d in dates if (day(d) or date.max) <= ctx.as_of)
        if launched is not None:
            launches[sid] = launched
    if not launches:
        yield Problem(item.at(), {"reason": Text("у услуг сценария не указаны даты запуска", "no launch dates of the scenario's services")},
                      Outcome.NOT_APPLICABLE)
        return
    updated = last_change(item.data)
    later = [f"{sid} ({when})" for sid, when in launches.items() if updated is None or updated < when]
    if later:
        yield Problem(item.at("updated_on"), {"updated": updated or "—", "services": later})


@check("faq.kept_in_system")
def kept_in_system(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.7: the answer is kept in an information system and kept current."""
    problems: list[Text] = []
    if not present(item.get("system")):
        problems.append(Text("не указана информационная система (system)", "no information system (system)"))
    if not ctx.is_fresh(item.get("updated_on")):
        days = ctx.config.freshness_days
        problems.append(Text(f"не актуализирован за {days} дн. (updated_on: {item.get('updated_on') or '—'})",
                             f"not updated within {days} days (updated_on: {item.get('updated_on') or '—'})"))
    if problems:
        yield Problem(item.at(), {"problems": problems})


@check("client_scenario.meets_needs")
def meets_needs(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.8: the scenario meets needs that services can meet, has services, and is updated after those needs."""
    situation = ctx.declaration.find("life_situation", item.get("life_situation_id") or "")
    needs = [n for n in (situation.get("typical_needs") or [] if situation else [])
             if n.get("category") == "satisfiable" and n.get("client_scenario_id") == item.ref.id]
    if not needs and under_design(ctx, item):
        yield Problem(item.at(), {"reason": UNDER_DESIGN}, Outcome.NOT_APPLICABLE)
        return
    problems: list[Text] = []
    if not needs:
        problems.append(Text("ни одна удовлетворимая потребность жизненной ситуации не ссылается на сценарий (client_scenario_id)",
                             "no need of the life situation that services can meet names the scenario (client_scenario_id)"))
    if not present(item.get("service_ids")):
        problems.append(Text("в сценарии нет услуг (service_ids)", "the scenario has no services (service_ids)"))
    studied = latest(n.get("updated_on") for n in needs)
    updated = last_change(item.data)
    if studied is not None and studied <= ctx.as_of and (updated is None or updated < studied):
        problems.append(Text(f"сценарий изменён {updated or '—'}, раньше последнего изучения его потребностей ({studied})",
                             f"the scenario changed on {updated or '—'}, before its needs were last studied ({studied})"))
    if problems:
        yield Problem(item.at(), {"problems": problems})


@check("life_situation.in_design_needs_have_projects")
def in_design_needs_have_projects(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.8: every need that existing services cannot meet is worked on by a design project of the same life situation."""
    needs = [(i, n) for i, n in enumerate(item.get("typical_needs") or []) if n.get("category") == "in_design"]
    if not needs:
        yield Problem(item.at(), {"reason": Text("нет потребностей вида in_design", "no needs of kind in_design")}, Outcome.NOT_APPLICABLE)
        return
    problems = []
    for i, need in needs:
        project = ctx.declaration.find("design_project", need.get("design_project_id") or "")
        if project is None:
            problems.append((i, Text(f"{need.get('id')}: не указан проект (design_project_id)", f"{need.get('id')}: no project (design_project_id)")))
        elif present(project.get("life_situation_id")) and project.get("life_situation_id") != item.ref.id:
            problems.append((i, Text(f"{need.get('id')}: проект {project.ref.id} относится к другой жизненной ситуации",
                                     f"{need.get('id')}: project {project.ref.id} belongs to another life situation")))
    if problems:
        yield Problem(item.at(f"typical_needs/{problems[0][0]}"), {"needs": [t for _, t in problems]})


@check("faq.updated_after_needs")
def updated_after_needs(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.8: the answer was updated on or after the latest update of the typical needs of its life situation."""
    situation = ctx.declaration.find("life_situation", item.get("life_situation_id") or "")
    if situation is None:
        yield Problem(item.at(), {"reason": Text("вопрос не отнесён к жизненной ситуации", "the FAQ entry names no life situation")},
                      Outcome.NOT_APPLICABLE)
        return
    studied = latest(n.get("updated_on") for n in situation.get("typical_needs") or [] if (day(n.get("updated_on")) or date.max) <= ctx.as_of)
    if studied is None:
        yield Problem(situation.at(), {"reason": Text("у потребностей жизненной ситуации нет дат обновления",
                                                      "the needs of the life situation have no update dates")}, Outcome.NO_DATA)
        return
    updated = day(item.get("updated_on"))
    if updated is None or updated < studied:
        yield Problem(item.at("updated_on"), {"updated": item.get("updated_on") or "—", "needs_updated": studied.isoformat(),
                                              "life_situation": situation.ref.id})
