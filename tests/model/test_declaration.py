"""Loading declarations: bad input in a repository → exact `path:line:col: error:` text, all errors at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccaudit.model.declaration import load_declaration
from ccaudit.model.errors import InputErrors


def errors(repo: Path) -> str:
    with pytest.raises(InputErrors) as caught:
        load_declaration(repo)
    return caught.value.render()


def write(repo: Path, rel: str, text: str) -> None:
    (repo / rel).parent.mkdir(parents=True, exist_ok=True)
    (repo / rel).write_text(text, encoding="utf-8")


def test_base_repository_loads(base_repo: Path) -> None:
    decl = load_declaration(base_repo)
    assert decl.agency.ref.id == "base"
    assert [p.ref.id for p in decl.contact_points("portal", "chatbot")] == ["chatbot", "portal"]
    assert decl.of("consent")[0].data == {}
    assert decl.find("life_situation", "ls-1").title == "Рождение ребёнка"


def test_absent_singleton_block_is_an_empty_item(base_repo: Path) -> None:
    decl = load_declaration(base_repo)
    motivation = decl.of("motivation")[0]
    assert motivation.data == {} and str(motivation.where) == "declarations/"


def test_wrong_type(base_repo: Path) -> None:
    write(base_repo, "contact_points/call-center.yaml", "id: call-center\nkind: call_center\ntitle: Линия\nphone: 88001002030\n")
    assert errors(base_repo) == (
        "contact_points/call-center.yaml:4:8: error: 'phone' must be text (a string), got 88001002030\n"
        '  hint: Phone number, e.g. "+7 800 100-20-30".')


def test_unknown_key_gets_did_you_mean(base_repo: Path) -> None:
    write(base_repo, "contact_points/portal.yaml", "id: portal\nkind: portal\ntitle: Портал\nserch: {tools: [semantic]}\n")
    assert errors(base_repo) == ("contact_points/portal.yaml:4:1: error: unknown field 'serch'\n"
                                 "  hint: did you mean 'search'?")


def test_field_of_another_kind_is_unknown(base_repo: Path) -> None:
    write(base_repo, "contact_points/call-center.yaml",
          "id: call-center\nkind: call_center\ntitle: Линия\nsearch: {tools: [semantic]}\n")
    assert "contact_points/call-center.yaml:4:1: error: unknown field 'search'" in errors(base_repo)


def test_unknown_reference(base_repo: Path) -> None:
    write(base_repo, "contact_points/portal.yaml",
          "id: portal\nkind: portal\ntitle: Портал\nlife_situation_ids: [ls-1, ls-2]\n")
    assert errors(base_repo) == ("contact_points/portal.yaml:4:28: error: item 2 of 'life_situation_ids' refers to "
                                 "unknown life situation 'ls-2'\n  hint: did you mean 'ls-1'?")


def test_missing_required_field_points_at_the_mapping(base_repo: Path) -> None:
    write(base_repo, "declarations/registry.yaml", "services:\n  - id: svc-1\n    title: Пособие\n  - id: svc-2\n")
    assert errors(base_repo) == ("declarations/registry.yaml:4:5: error: missing required field 'title' in item 2 of "
                                 "'services'\n  hint: add 'title' to this mapping")


def test_enum_value_with_suggestion(base_repo: Path) -> None:
    write(base_repo, "contact_points/portal.yaml", "id: portal\nkind: portal\ntitle: Портал\nauth: {provider: esiа}\n")
    text = errors(base_repo)
    assert text.startswith("contact_points/portal.yaml:4:18: error: 'provider' has the value 'esiа', which is not allowed")
    assert "hint: did you mean 'esia'?" in text


def test_unknown_contact_point_kind(base_repo: Path) -> None:
    write(base_repo, "contact_points/portal.yaml", "id: portal\nkind: portl\ntitle: Портал\n")
    assert errors(base_repo) == ("contact_points/portal.yaml:2:7: error: 'kind' has the value 'portl', which is not a "
                                 "kind of point of contact\n  hint: did you mean 'portal'?")


def test_unquoted_time_in_hours(base_repo: Path) -> None:
    write(base_repo, "contact_points/call-center.yaml", "id: call-center\nkind: call_center\ntitle: Линия\nhours:\n"
          "  weekly:\n    - {days: [mon], open: '09:00', close: 18:00}\n")
    assert errors(base_repo) == ("contact_points/call-center.yaml:6:43: error: unquoted '18:00' is read as a base-60 "
                                 "number by YAML 1.1 tools (1080)\n"
                                 '  hint: quote times and durations: "18:00"')


def test_yes_where_a_boolean_is_expected_is_reported_once(base_repo: Path) -> None:
    write(base_repo, "contact_points/in-person.yaml", "id: in-person\nkind: in_person\ntitle: Приёмная\n"
          "accessibility: {ramps: yes}\n")
    assert errors(base_repo) == ("contact_points/in-person.yaml:4:24: error: unquoted 'yes' is read as the boolean true "
                                 "by YAML 1.1 tools and as text by YAML 1.2\n"
                                 '  hint: write true for a yes/no field, or quote it ("yes") if it is text')


def test_duplicate_ids_and_blocks(base_repo: Path) -> None:
    write(base_repo, "contact_points/portal-2.yaml", "id: portal\nkind: portal\ntitle: Второй портал\n")
    write(base_repo, "declarations/more.yaml", "consent: {}\n")
    text = errors(base_repo)
    assert ("contact_points/portal.yaml:1:5: error: duplicate contact point id 'portal' "
            "(first at contact_points/portal-2.yaml:1:5)") in text
    assert "declarations/process.yaml:5:1: error: block 'consent' is declared twice (also in declarations/more.yaml)" in text


def test_list_blocks_may_be_split_across_files(base_repo: Path) -> None:
    write(base_repo, "declarations/more-services.yaml", "services:\n  - {id: svc-2, title: Выплата}\n")
    assert [s.ref.id for s in load_declaration(base_repo).of("service")] == ["svc-1", "svc-2"]


def test_file_references(base_repo: Path) -> None:
    write(base_repo, "texts/ok.md", "Здравствуйте!\n")
    write(base_repo, "contact_points/written.yaml", "id: written\nkind: written\ntitle: Почта\nanswer_templates:\n"
          "  - {id: a, category: typical, file: texts/ok.md}\n  - {id: b, category: typical, file: texts/none.md}\n"
          "  - {id: c, category: typical, file: ../outside.md}\n  - {id: d, category: typical}\n")
    assert errors(base_repo) == (
        "contact_points/written.yaml:6:38: error: 'file': file 'texts/none.md' does not exist\n"
        "  hint: give a path relative to the repository root, inside it\n"
        "contact_points/written.yaml:7:38: error: 'file': '../outside.md' points outside the repository\n"
        "  hint: give a path relative to the repository root, inside it\n"
        "contact_points/written.yaml:8:5: error: item 4 of 'answer_templates' needs 'text' or 'file'\n"
        "  hint: add 'text' or 'file'")


def test_referenced_text_is_loaded(base_repo: Path) -> None:
    write(base_repo, "texts/ok.md", "Здравствуйте!\n")
    write(base_repo, "contact_points/written.yaml", "id: written\nkind: written\ntitle: Почта\nanswer_templates:\n"
          "  - {id: a, category: typical, file: texts/ok.md}\n")
    decl = load_declaration(base_repo)
    template = decl.find("contact_point", "written").data["answer_templates"][0]
    assert decl.text_of(template) == "Здравствуйте!\n"


def test_cp1251_file_in_repository(base_repo: Path) -> None:
    (base_repo / "declarations/agency.yaml").write_bytes("agency:\n  id: base\n  name: Ведомство\n".encode("cp1251"))
    assert errors(base_repo).startswith(
        "declarations/agency.yaml:3:9: error: file is not valid UTF-8 (it looks like Windows-1251")


def test_errors_from_several_files_are_all_reported(base_repo: Path) -> None:
    write(base_repo, "contact_points/portal.yaml", "id: portal\nkind: portal\ntitle: Портал\nserch: {}\n")
    write(base_repo, "contact_points/social.yaml", "id: social\nkind: social\ntitle: ВК\nurl: vk.com/x\n")
    write(base_repo, "declarations/broken.yaml", "faq: [\n")
    text = errors(base_repo)
    assert text.count(": error: ") == 3


def test_no_declarations(tmp_path: Path) -> None:
    assert errors(tmp_path) == ("declarations/: error: no declaration files found (declarations/*.yaml)\n"
                                "  hint: create declarations/agency.yaml with the 'agency' block; see "
                                "docs/declaration-format.md")


def test_metrics_unit_must_exist(base_repo: Path) -> None:
    write(base_repo, "declarations/metrics.yaml",
          "metrics:\n  - {indicator: T1.2, period: 2026-Q3, unit: portl, numerator: 8, denominator: 10}\n")
    assert errors(base_repo) == ("declarations/metrics.yaml:2:46: error: metric unit 'portl' is neither 'agency' nor a "
                                 "point of contact or life situation\n  hint: did you mean 'portal'?")


def test_a_syntax_error_does_not_cascade_into_unknown_references(base_repo: Path) -> None:
    write(base_repo, "declarations/process.yaml", "research:\n  studies:\n    - id: st-1\n      title: 'Незакрыто\n")
    write(base_repo, "contact_points/portal.yaml", "id: portal\nkind: portal\ntitle: Портал\nresearch_refs: [st-1]\n"
          "virtual_assistant_id: chatbot\n")
    text = errors(base_repo)
    assert text.count(": error: ") == 1 and "quoted text is never closed" in text
