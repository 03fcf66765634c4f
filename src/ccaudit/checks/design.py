"""Checks for 4.4: designing new and reengineering existing services (design projects, prototypes, launch)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from ccaudit.checks.common import present
from ccaudit.checks.needs import day
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text

VERSIONS: dict[str, Text] = {"alpha": Text("альфа-версия", "alpha"), "beta": Text("бета-версия", "beta")}
"""The two prototypes of 4.4.4: the high-level one (alpha, new services only) and the detailed one (beta)."""
_VERSION = {"enum": list(VERSIONS)}
FOOTNOTE_2 = Text("при реинжиниринге альфа-версией является действующее решение (сноска 2 к п. 4.4.4.3)",
                  "for reengineering the existing solution is the alpha (footnote 2 to 4.4.4.3)")
AFTER_PREPARATION = ("prototyping", "launch")


# --- helpers ------------------------------------------------------------------------------------------------------

def prototypes(item: Item, version: str | None = None) -> list[tuple[int, Any]]:
    """(index, prototype) of the project that count; a reengineering project has no alpha of its own (footnote 2)."""
    found = []
    for i, proto in enumerate(item.get("prototypes") or []):
        if proto.get("version") == "alpha" and item.get("kind") == "reengineering":
            continue
        if version is None or proto.get("version") == version:
            found.append((i, proto))
    return found


def started(item: Item, version: str) -> bool:
    """Work on this prototype has begun: the alpha with prototyping, the beta once declared, at launch, or in reengineering."""
    stage = item.get("stage")
    if version == "alpha":
        return stage in AFTER_PREPARATION
    return stage == "launch" or bool(prototypes(item, "beta")) or (item.get("kind") == "reengineering" and stage == "prototyping")


def completed(item: Item, version: str) -> bool:
    """This prototype's stage is over: the alpha once the beta is declared or at launch; the beta at launch."""
    if version == "alpha":
        return item.get("stage") == "launch" or bool(prototypes(item, "beta"))
    return item.get("stage") == "launch"


def tested_on(ctx: CheckContext, proto: Any) -> date | None:
    """The test date of a prototype if it is on or before the reference date."""
    when = day(proto.get("tested_on"))
    return when if when is not None and when <= ctx.as_of else None


def changes_needed(proto: Any) -> bool:
    return proto.get("scenario_changes_needed") is True or present(proto.get("scenario_changes_ref"))


def situation_profiles(ctx: CheckContext, item: Item) -> set[str] | None:
    """Segment profiles of the project's life situation (both sides of the link); None when it names none."""
    situation = ctx.declaration.find("life_situation", item.get("life_situation_id") or "")
    if situation is None:
        return None
    named = set(situation.get("segment_profile_ids") or [])
    return named | {p.ref.id for p in ctx.declaration.of("segment_profile") if situation.ref.id in (p.get("life_situation_ids") or [])}


def _not_alpha_of_reengineering(item: Item, version: str) -> Problem | None:
    if version == "alpha" and item.get("kind") == "reengineering":
        return Problem(item.at(), {"reason": FOOTNOTE_2}, Outcome.NOT_APPLICABLE)
    return None


def _not_begun(item: Item, version: str) -> Problem:
    return Problem(item.at("stage"), {"reason": Text(f"работа над прототипом ({VERSIONS[version].ru}) ещё не начата (stage: {item.get('stage') or '—'})",
                                                     f"work on the {VERSIONS[version].en} prototype has not begun (stage: {item.get('stage') or '—'})")},
                   Outcome.NOT_APPLICABLE)


def _not_finished(item: Item, version: str) -> Problem:
    return Problem(item.at("stage"), {"reason": Text(f"этап прототипа ({VERSIONS[version].ru}) ещё не завершён (stage: {item.get('stage') or '—'})",
                                                     f"the {VERSIONS[version].en} stage is not over yet (stage: {item.get('stage') or '—'})")},
                   Outcome.NOT_APPLICABLE)


def _no_prototype(item: Item, version: str) -> Problem:
    absent = Text("записи в prototypes (прототип не заявлен)", "an entry in prototypes (the prototype is not declared)")
    return Problem(item.at("prototypes"), {"prototype": VERSIONS[version], "missing": absent, "problems": absent})


# --- 4.4.1 --------------------------------------------------------------------------------------------------------

@check("design_project.based_on_needs_study")
def based_on_needs_study(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.4.1: the project rests on the needs study of its life situation: its studies, journey maps and a need in design."""
    situation = item.get("life_situation_id")
    problems: list[Text] = []
    if not present(situation):
        problems.append(Text("не указана жизненная ситуация (life_situation_id)", "no life situation (life_situation_id)"))
    for field, kind, label in (("research_refs", "study", Text("исследования", "studies")),
                               ("journey_map_ids", "journey_map", Text("карты клиентского пути", "journey maps"))):
        ids = item.get(f"inputs/{field}") or []
        if not ids:
            problems.append(Text(f"не указаны {label.ru} (inputs.{field})", f"no {label.en} cited (inputs.{field})"))
        for ref in ids:
            other = _situation_of(ctx, kind, ref)
            if present(situation) and present(other) and other != situation:
                problems.append(Text(f"{ref} относится к другой жизненной ситуации ({other})", f"{ref} concerns another life situation ({other})"))
    needs = [n for s in ctx.declaration.of("life_situation") for n in s.get("typical_needs") or []
             if n.get("category") == "in_design" and n.get("design_project_id") == item.ref.id]
    if not needs:
        problems.append(Text("ни одна типовая потребность вида in_design не ссылается на проект (design_project_id)",
                             "no typical need of kind in_design names the project (design_project_id)"))
    if problems:
        yield Problem(item.at("inputs"), {"problems": problems})


def _situation_of(ctx: CheckContext, kind: str, ref: str) -> Any:
    if kind == "study":
        study = next((s for s in ctx.declaration.of("research")[0].get("studies") or [] if s.get("id") == ref), None)
        return study.get("life_situation_id") if study else None
    found = ctx.declaration.find(kind, ref)
    return found.get("life_situation_id") if found else None


@check("design_project.convenient_points_considered")
def convenient_points_considered(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.4.1: the project considers points of contact, among them one that each client group of its situation prefers."""
    ids = item.get("contact_points_considered") or []
    if not ids:
        yield Problem(item.at(), {"problems": Text("не указаны рассмотренные точки взаимодействия (contact_points_considered)",
                                                   "no points of contact considered (contact_points_considered)")})
        return
    kinds = {p.contact_kind for p in ctx.declaration.contact_points() if p.ref.id in ids}
    unserved = []
    for pid in sorted(situation_profiles(ctx, item) or ()):
        profile = ctx.declaration.find("segment_profile", pid)
        preferred = set(profile.get("preferred_channels") or []) if profile else set()
        if preferred and not preferred & kinds:
            unserved.append(f"{pid} ({', '.join(sorted(preferred))})")
    if unserved:
        yield Problem(item.at("contact_points_considered"), {"problems": Text(
            f"не рассмотрена ни одна точка удобного вида для групп: {'; '.join(unserved)}",
            f"no point of a preferred kind is considered for the groups: {'; '.join(unserved)}")})


@check("design_project.clients_test_before_operation")
def clients_test_before_operation(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.4.1: clients test the prototypes, and every prototype is tested before production operation starts."""
    protos = prototypes(item)
    production = day(item.get("launch/production_on"))
    in_operation = item.get("stage") == "launch" or production is not None
    if not protos and not in_operation:
        yield Problem(item.at(), {"reason": Text("прототипов ещё нет", "no prototypes yet")}, Outcome.NOT_APPLICABLE)
        return
    problems: list[Text] = []
    with_clients = 0
    for _, proto in protos:
        pid, when = proto.get("id"), day(proto.get("tested_on"))
        clients = present((proto.get("audiences") or {}).get("segment_profile_ids"))
        if when is not None and not clients:
            problems.append(Text(f"{pid}: протестирован без клиентов (audiences.segment_profile_ids)",
                                 f"{pid}: tested without clients (audiences.segment_profile_ids)"))
        if when is not None and clients:
            with_clients += 1
        if production is not None and (when is None or when >= production):
            problems.append(Text(f"{pid}: не протестирован до ввода в промышленную эксплуатацию {production} (tested_on: {when or '—'})",
                                 f"{pid}: not tested before production operation on {production} (tested_on: {when or '—'})"))
    if in_operation and not with_clients:
        problems.append(Text("ни один прототип не протестирован с участием клиентов до ввода в эксплуатацию",
                             "no prototype was tested with clients before operation"))
    if problems:
        yield Problem(item.at("prototypes"), {"problems": problems})


# --- 4.4.2, 4.4.3 -------------------------------------------------------------------------------------------------

@check("design_project.stage_consistent")
def stage_consistent(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.4.2: the project declares its stage (preparation, prototyping, launch) and its dates agree with it."""
    stage = item.get("stage")
    if not present(stage):
        yield Problem(item.at(), {"problems": Text("этап не указан (stage)", "no stage declared (stage)")})
        return
    problems: list[Text] = []
    tested = sorted(d for _, p in prototypes(item) if (d := tested_on(ctx, p)) is not None)
    pilot, production = day(item.get("launch/pilot_on")), day(item.get("launch/production_on"))
    started_operation = [d for d in (pilot, production) if d is not None and d <= ctx.as_of]
    if stage == "preparation" and tested:
        problems.append(Text(f"этап preparation, но прототип уже тестировался {tested[0]}",
                             f"stage preparation, but a prototype was tested on {tested[0]}"))
    if stage in ("preparation", "prototyping") and started_operation:
        problems.append(Text(f"этап {stage}, но эксплуатация уже начата {min(started_operation)}",
                             f"stage {stage}, but operation started on {min(started_operation)}"))
    if problems:
        yield Problem(item.at("stage"), {"problems": problems})


@check("design_project.based_on_maps_and_recommendations")
def based_on_maps_and_recommendations(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.4.3: preparation rests on approved journey maps and recommendations of the project's life situation."""
    situation = item.get("life_situation_id")
    problems: list[Text] = []
    maps = item.get("inputs/journey_map_ids") or []
    if not maps:
        problems.append(Text("не указаны карты клиентского пути (inputs.journey_map_ids)", "no journey maps cited (inputs.journey_map_ids)"))
    for ref in maps:
        found = ctx.declaration.find("journey_map", ref)
        if found is None:
            continue
        if present(situation) and found.get("life_situation_id") != situation:
            problems.append(Text(f"карта {ref} относится к другой жизненной ситуации", f"map {ref} concerns another life situation"))
        if not ctx.approved_by_period_end(found.get("approved_on")):
            problems.append(Text(f"карта {ref} не утверждена", f"map {ref} is not approved"))
    recommendations = {r.get("id"): r for r in ctx.declaration.of("research")[0].get("recommendations") or []}
    cited = item.get("inputs/recommendation_ids") or []
    if not cited:
        problems.append(Text("не указаны рекомендации по повышению качества клиентского опыта (inputs.recommendation_ids)",
                             "no recommendations for improving client experience cited (inputs.recommendation_ids)"))
    for ref in cited:
        other = (recommendations.get(ref) or {}).get("life_situation_id")
        if present(situation) and present(other) and other != situation:
            problems.append(Text(f"рекомендация {ref} относится к другой жизненной ситуации ({other})",
                                 f"recommendation {ref} concerns another life situation ({other})"))
    if problems:
        yield Problem(item.at("inputs"), {"problems": problems})


@check("design_project.current_process_described")
def current_process_described(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.4.3.1: the current process is described by matching a journey map with the approved scenarios of the services."""
    problems: list[Text] = []
    if not present(item.get("preparation/current_process_ref")):
        problems.append(Text("нет описания текущего процесса (preparation.current_process_ref)",
                             "no description of the current process (preparation.current_process_ref)"))
    if not present(item.get("inputs/journey_map_ids")):
        problems.append(Text("не указана карта клиентского пути, с которой соотносится процесс (inputs.journey_map_ids)",
                             "no journey map to match the process against (inputs.journey_map_ids)"))
    services = set(item.get("service_ids") or [])
    if not any(services & set(s.get("service_ids") or []) and ctx.approved_by_period_end(s.get("approved_on"))
               for s in ctx.declaration.of("client_scenario")):
        problems.append(Text("услуги проекта не входят ни в один утверждённый клиентский сценарий",
                             "the project's services are in no approved client scenario"))
    if problems:
        yield Problem(item.at("preparation"), {"problems": problems})


@check("design_project.target_scenario_before_tests")
def target_scenario_before_tests(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.4.3.2: preparation ends with the target scenario described, dated before any prototype is tested."""
    tests = sorted((d, p.get("id")) for _, p in prototypes(item) if (d := day(p.get("tested_on"))) is not None)
    if item.get("stage") not in AFTER_PREPARATION and not tests:
        yield Problem(item.at(), {"reason": Text("подготовка ещё идёт", "preparation is under way")}, Outcome.NOT_APPLICABLE)
        return
    problems: list[Text] = []
    if not present(item.get("preparation/target_scenario_ref")):
        problems.append(Text("нет описания целевого клиентского сценария (preparation.target_scenario_ref)",
                             "no description of the target client scenario (preparation.target_scenario_ref)"))
    described = day(item.get("preparation/target_scenario_on"))
    if described is None or described > ctx.as_of:
        problems.append(Text("не указана дата описания целевого сценария (preparation.target_scenario_on)",
                             "no date of the target scenario description (preparation.target_scenario_on)"))
    elif tests and described > tests[0][0]:
        problems.append(Text(f"целевой сценарий описан {described}, позже тестирования прототипа {tests[0][1]} ({tests[0][0]})",
                             f"the target scenario was described on {described}, after prototype {tests[0][1]} was tested ({tests[0][0]})"))
    if problems:
        yield Problem(item.at("preparation"), {"problems": problems})


# --- 4.4.4 --------------------------------------------------------------------------------------------------------

@check("design_project.prototypes_developed")
def prototypes_developed(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.4.4: after preparation, prototypes of the project's services are developed: the versions its kind and stage need."""
    if item.get("stage") not in AFTER_PREPARATION:
        yield Problem(item.at("stage"), {"reason": Text("подготовка ещё идёт", "preparation is under way")}, Outcome.NOT_APPLICABLE)
        return
    problems: list[Text] = []
    if not present(item.get("service_ids")):
        problems.append(Text("не указаны услуги проекта (service_ids)", "the project names no services (service_ids)"))
    versions = {p.get("version") for _, p in prototypes(item)}
    needed = ["beta"] if item.get("kind") == "reengineering" else (["alpha", "beta"] if item.get("stage") == "launch" else ["alpha"])
    if item.get("kind") != "reengineering" and item.get("stage") == "prototyping" and "beta" in versions:
        needed = ["alpha", "beta"]
    missing = [VERSIONS[v] for v in needed if v not in versions]
    if missing:
        problems.append(Text(f"нет прототипов: {', '.join(v.ru for v in missing)}", f"missing prototypes: {', '.join(v.en for v in missing)}"))
    if problems:
        yield Problem(item.at("prototypes"), {"problems": problems})


PROTOTYPE_FIELDS: dict[str, Text] = {
    "requirements_ref": Text("требования к прототипу (requirements_ref)", "requirements (requirements_ref)"),
    "ref": Text("сам прототип (ref)", "the prototype itself (ref)"),
    "tested_on": Text("дата тестирования (tested_on)", "test date (tested_on)"),
    "results_ref": Text("обработанные результаты тестирования (results_ref)", "processed test results (results_ref)"),
    "legal_proposals_ref": Text("предложения по разработке или изменению НПА (legal_proposals_ref)",
                                "proposals on normative legal acts (legal_proposals_ref)"),
    "legal_drafts_ref": Text("проекты НПА и иных документов для внедрения (legal_drafts_ref)",
                             "drafts of acts and documents for introduction (legal_drafts_ref)"),
}


@check("design_project.prototype_fields", params={"properties": {
    "version": _VERSION,
    "fields": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(PROTOTYPE_FIELDS)}},
    "after": {"enum": ["started", "tested", "completed"],
              "description": "When the fields are due: once work on the version began (default), once it was tested, once its stage is over."}},
    "required": ["version", "fields"]})
def prototype_fields(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.4.4.1, 4.4.4.3: the alpha or beta prototype has what each step produces, once that step is due."""
    version, after = ctx.params["version"], ctx.params.get("after", "started")
    skip = _not_alpha_of_reengineering(item, version)
    if skip:
        yield skip
        return
    protos = prototypes(item, version)
    if after == "tested":
        protos = [(i, p) for i, p in protos if tested_on(ctx, p) is not None]
        if not protos:
            yield Problem(item.at("prototypes"), {"reason": Text(f"прототип ({VERSIONS[version].ru}) ещё не тестировался",
                                                                 f"the {VERSIONS[version].en} has not been tested yet")}, Outcome.NOT_APPLICABLE)
            return
    elif after == "started" and not started(item, version):
        yield _not_begun(item, version)
        return
    elif after == "completed" and not completed(item, version):
        yield _not_finished(item, version)
        return
    if not protos:
        yield _no_prototype(item, version)
        return
    for i, proto in protos:
        missing = [PROTOTYPE_FIELDS[f] for f in ctx.params["fields"]
                   if not (tested_on(ctx, proto) if f == "tested_on" else present(proto.get(f)))]
        if missing:
            yield Problem(item.at(f"prototypes/{i}"), {"prototype": proto.get("id"), "missing": missing})


@check("design_project.prototype_audiences", params={"properties": {"version": _VERSION}, "required": ["version"]})
def prototype_audiences(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.4.4.1, 4.4.4.3: the target audiences include client groups of the situation's segment profiles and employees."""
    version = ctx.params["version"]
    skip = _not_alpha_of_reengineering(item, version)
    if skip:
        yield skip
        return
    protos = prototypes(item, version)
    if not protos:
        yield _no_prototype(item, version) if started(item, version) else _not_begun(item, version)
        return
    relevant = situation_profiles(ctx, item)
    for i, proto in protos:
        audiences = proto.get("audiences") or {}
        groups = set(audiences.get("segment_profile_ids") or [])
        problems: list[Text] = []
        if not (groups & relevant if relevant is not None else groups):
            problems.append(Text("нет групп клиентов профиля сегмента жизненной ситуации проекта (audiences.segment_profile_ids)",
                                 "no client groups of a segment profile of the project's life situation (audiences.segment_profile_ids)"))
        if audiences.get("employees") is not True:
            problems.append(Text("не включены сотрудники органов власти (audiences.employees: true)",
                                 "staff of the authorities are not included (audiences.employees: true)"))
        if problems:
            yield Problem(item.at(f"prototypes/{i}/audiences"), {"prototype": proto.get("id"), "problems": problems})


@check("design_project.prototype_tested", params={"properties": {"version": _VERSION}, "required": ["version"]})
def prototype_tested(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.4.4.1, 4.4.4.3: by the end of its stage the prototype is tested; a beta after the alpha."""
    version = ctx.params["version"]
    skip = _not_alpha_of_reengineering(item, version)
    if skip:
        yield skip
        return
    protos = prototypes(item, version)
    done = completed(item, version)
    if not done and not any(tested_on(ctx, p) for _, p in protos):
        yield _not_finished(item, version)
        return
    if not protos:
        yield _no_prototype(item, version)
        return
    alpha_tests = [d for _, p in prototypes(item, "alpha") if (d := tested_on(ctx, p)) is not None]
    for i, proto in protos:
        when = tested_on(ctx, proto)
        problems: list[Text] = []
        if when is None and done:
            problems.append(Text(f"этап завершён, но прототип не протестирован (tested_on: {proto.get('tested_on') or '—'})",
                                 f"the stage is over but the prototype is not tested (tested_on: {proto.get('tested_on') or '—'})"))
        if version == "beta" and when is not None and alpha_tests and when < max(alpha_tests):
            problems.append(Text(f"бета-версия протестирована {when}, раньше альфа-версии ({max(alpha_tests)})",
                                 f"the beta was tested on {when}, before the alpha ({max(alpha_tests)})"))
        if problems:
            yield Problem(item.at(f"prototypes/{i}/tested_on"), {"prototype": proto.get("id"), "problems": problems})


@check("design_project.scenario_changes_decided", params={"properties": {"version": _VERSION}, "required": ["version"]})
def scenario_changes_decided(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.4.4.1, 4.4.4.3: after testing, changes to the target scenario are prepared, or declared not needed."""
    version = ctx.params["version"]
    skip = _not_alpha_of_reengineering(item, version)
    if skip:
        yield skip
        return
    protos = [(i, p) for i, p in prototypes(item, version) if tested_on(ctx, p) is not None]
    if not protos:
        yield Problem(item.at("prototypes"), {"reason": Text(f"прототип ({VERSIONS[version].ru}) ещё не тестировался",
                                                             f"the {VERSIONS[version].en} has not been tested yet")}, Outcome.NOT_APPLICABLE)
        return
    for i, proto in protos:
        if present(proto.get("scenario_changes_ref")) or proto.get("scenario_changes_needed") is False:
            continue
        problem = (Text("изменения нужны, но не подготовлены (scenario_changes_ref)", "changes are needed but not prepared (scenario_changes_ref)")
                   if proto.get("scenario_changes_needed") is True else
                   Text("не указано, нужны ли изменения (scenario_changes_ref или scenario_changes_needed: false)",
                        "not stated whether changes are needed (scenario_changes_ref or scenario_changes_needed: false)"))
        yield Problem(item.at(f"prototypes/{i}"), {"prototype": proto.get("id"), "problem": problem})


@check("design_project.beta_refined", params={"properties": {"part": {"enum": ["requirements", "prototype"]}}, "required": ["part"]})
def beta_refined(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.4.4.3: after testing, the beta's requirements (or the beta itself) are refined: refined_on not before tested_on."""
    field = "requirements_ref" if ctx.params["part"] == "requirements" else "ref"
    protos = prototypes(item, "beta")
    refined_any = [(i, p) for i, p in protos if present(p.get("refined_on"))]
    if not completed(item, "beta") and not refined_any:
        yield _not_finished(item, "beta")
        return
    if not protos:
        yield _no_prototype(item, "beta")
        return
    for i, proto in protos if completed(item, "beta") else refined_any:
        problems: list[Text] = []
        if not present(proto.get(field)):
            problems.append(PROTOTYPE_FIELDS[field])
        tested, refined = day(proto.get("tested_on")), day(proto.get("refined_on"))
        if refined is None or refined > ctx.as_of:
            problems.append(Text("не указана дата доработки (refined_on)", "no refinement date (refined_on)"))
        elif tested is None or refined < tested:
            problems.append(Text(f"доработан {refined}, но не после тестирования (tested_on: {tested or '—'})",
                                 f"refined on {refined}, not after testing (tested_on: {tested or '—'})"))
        if problems:
            yield Problem(item.at(f"prototypes/{i}"), {"prototype": proto.get("id"), "problems": problems})


@check("design_project.stage_results", params={"properties": {"version": _VERSION}, "required": ["version"]})
def stage_results(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.4.4.2, 4.4.4.4: when the alpha or beta stage is over, every result the clause lists is there."""
    version = ctx.params["version"]
    skip = _not_alpha_of_reengineering(item, version)
    if skip:
        yield skip
        return
    if not completed(item, version):
        yield _not_finished(item, version)
        return
    protos = prototypes(item, version)
    if not protos:
        yield _no_prototype(item, version)
        return
    for i, proto in protos:
        tested = tested_on(ctx, proto)
        missing: list[Text] = []
        if tested is None:
            missing.append(Text("тестирование на целевых аудиториях (tested_on)", "testing on the target audiences (tested_on)"))
        if not present(proto.get("results_ref")):
            missing.append(PROTOTYPE_FIELDS["results_ref"])
        if not present(proto.get("scenario_changes_ref")) and proto.get("scenario_changes_needed") is not False:
            missing.append(Text("изменения в описание целевого сценария (scenario_changes_ref или scenario_changes_needed: false)",
                                "changes to the target scenario (scenario_changes_ref or scenario_changes_needed: false)"))
        if version == "alpha":
            if not present(proto.get("legal_proposals_ref")):
                missing.append(PROTOTYPE_FIELDS["legal_proposals_ref"])
        else:
            refined = day(proto.get("refined_on"))
            if refined is None or tested is None or refined < tested or refined > ctx.as_of:
                missing.append(Text("доработанный по результатам тестирования прототип (refined_on не раньше tested_on)",
                                    "the prototype refined after testing (refined_on not before tested_on)"))
            if not present(proto.get("legal_drafts_ref")):
                missing.append(PROTOTYPE_FIELDS["legal_drafts_ref"])
            scenario = day(item.get("target_scenario_refined_on"))
            if changes_needed(proto) and (scenario is None or tested is None or scenario < tested or scenario > ctx.as_of):
                missing.append(Text("доработанный целевой клиентский сценарий (target_scenario_refined_on не раньше tested_on)",
                                    "the refined target client scenario (target_scenario_refined_on not before tested_on)"))
        if missing:
            yield Problem(item.at(f"prototypes/{i}"), {"prototype": proto.get("id"), "missing": missing})


# --- 4.4.5 --------------------------------------------------------------------------------------------------------

@check("design_project.launch_declared")
def launch_declared(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.4.5: at launch, the pilot or production start is dated, in order, and the acts it rests on are cited."""
    launch = item.get("launch") or {}
    if item.get("stage") != "launch" and not present(launch.get("pilot_on")) and not present(launch.get("production_on")):
        yield Problem(item.at("stage"), {"reason": Text("проект ещё не на этапе ввода в эксплуатацию", "the project has not reached launch")},
                      Outcome.NOT_APPLICABLE)
        return
    problems: list[Text] = []
    pilot, production = day(launch.get("pilot_on")), day(launch.get("production_on"))
    if pilot is None and production is None:
        problems.append(Text("не указаны даты опытной или промышленной эксплуатации (launch.pilot_on, launch.production_on)",
                             "no pilot or production date (launch.pilot_on, launch.production_on)"))
    if pilot and production and production < pilot:
        problems.append(Text(f"промышленная эксплуатация ({production}) раньше опытной ({pilot})", f"production ({production}) before the pilot ({pilot})"))
    if not present(launch.get("legal_basis_refs")):
        problems.append(Text("не указаны акты, на основании которых прототип вводится в эксплуатацию (launch.legal_basis_refs)",
                             "no acts under which the prototype goes into operation (launch.legal_basis_refs)"))
    if problems:
        yield Problem(item.at("launch"), {"problems": problems})


def in_production(ctx: CheckContext, item: Item) -> date | None:
    produced = day(item.get("launch/production_on"))
    return produced if produced is not None and produced <= ctx.as_of else None


@check("design_project.satisfaction_monitored")
def satisfaction_monitored(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.4.5.1: once in production, the satisfaction of clients with each of the project's services is monitored."""
    if in_production(ctx, item) is None:
        yield Problem(item.at(), {"reason": Text("прототип ещё не в промышленной эксплуатации", "the prototype is not in production yet")},
                      Outcome.NOT_APPLICABLE)
        return
    rated = {t for tool in ctx.declaration.of("feedback")[0].get("tools") or [] if tool.get("scope") == "service"
             for t in tool.get("target_ids") or []}
    services = item.get("service_ids") or []
    missing = [s for s in services if s not in rated]
    if not services or missing:
        yield Problem(item.at("service_ids"), {"services": missing or Text("услуги проекта не указаны", "the project names no services")})


@check("design_project.launch_results")
def launch_results(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.4.5.2: a launched project has its acts approved and the prototype in production; a new service has its launch date."""
    if in_production(ctx, item) is None:
        yield Problem(item.at(), {"reason": Text("прототип ещё не в промышленной эксплуатации", "the prototype is not in production yet")},
                      Outcome.NOT_APPLICABLE)
        return
    problems: list[Text] = []
    if not present(item.get("launch/legal_basis_refs")):
        problems.append(Text("нет утверждённых актов и документов (launch.legal_basis_refs)", "no approved acts and documents (launch.legal_basis_refs)"))
    if item.get("kind") == "new":
        for sid in item.get("service_ids") or []:
            service = ctx.declaration.find("service", sid)
            if service is not None and not ctx.approved_by_period_end(service.get("launched_on")):
                problems.append(Text(f"у новой услуги {sid} не указана дата запуска (launched_on)", f"the new service {sid} has no launch date (launched_on)"))
    if problems:
        yield Problem(item.at("launch"), {"problems": problems})
