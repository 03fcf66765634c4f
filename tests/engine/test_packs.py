"""Loading rule packs: malformed rules are errors at the rule's line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccaudit.checks import CHECKS
from ccaudit.engine.packs import available_packs, load_packs, load_scale, rules_dir
from ccaudit.model.errors import InputErrors

PACK = "name: demo\ntitle: {ru: Демо, en: Demo}\ndocument: Тест\nversion: '1'\n"
RULE = """rules:
  - id: "4.6.3.9"
    clause: "4.6.3.9"
    title: {ru: Т, en: T}
    message: {ru: М, en: M}
    modality: must
    star_level: base
    subject: contact_point
    kinds: [call_center]
    kind: declared
    check: %s
    params: %s
    examples: {fail: {}, pass: {}}
"""


def make_pack(tmp_path: Path, rules: str) -> Path:
    base = tmp_path / "rules"
    (base / "demo").mkdir(parents=True)
    (base / "demo" / "pack.yaml").write_text(PACK, encoding="utf-8")
    (base / "demo" / "x.yaml").write_text(rules, encoding="utf-8")
    return base


def load_errors(base: Path) -> str:
    with pytest.raises(InputErrors) as caught:
        load_packs(["demo"], CHECKS, base)
    return caught.value.render()


def test_the_bundled_pack_loads_from_the_checkout() -> None:
    assert rules_dir().name == "rules" and "standard" in available_packs()
    pack = load_packs(["standard"], CHECKS)[0]
    assert pack.name == "standard" and len(pack.rules) >= 60
    ids = [r.id for r in pack.rules]
    assert ids.index("4.2.2-b") < ids.index("4.3.3") < ids.index("4.6.1.3-a") < ids.index("4.6.1.10-a")  # natural order
    assert "T1.1" in load_scale().indicators


def test_a_valid_custom_pack(tmp_path: Path) -> None:
    base = make_pack(tmp_path, RULE % ("call_center.scripts_have_step", "{kinds: [abuse_handling]}"))
    rule = load_packs(["demo"], CHECKS, base)[0].rules[0]
    assert rule.id == "4.6.3.9" and str(rule.source) == "rules/demo/x.yaml:2:5"


def test_unknown_check_at_its_line(tmp_path: Path) -> None:
    base = make_pack(tmp_path, RULE % ("call_center.scripts_have_stp", "{kinds: [abuse_handling]}"))
    assert load_errors(base) == ("rules/demo/x.yaml:11:12: error: unknown check 'call_center.scripts_have_stp'\n"
                                 "  hint: did you mean 'call_center.scripts_have_step'?")


def test_bad_params_are_checked_against_the_check(tmp_path: Path) -> None:
    base = make_pack(tmp_path, RULE % ("call_center.scripts_have_step", "{kind: [abuse_handling]}"))
    assert load_errors(base) == ("rules/demo/x.yaml:12:13: error: params of 'call_center.scripts_have_step': missing "
                                 "required field 'kinds' in this mapping\n  hint: add 'kinds' to this mapping\n"
                                 "rules/demo/x.yaml:12:14: error: params of 'call_center.scripts_have_step': unknown "
                                 "field 'kind'\n  hint: did you mean 'kinds'?")


def test_rule_without_examples(tmp_path: Path) -> None:
    text = (RULE % ("call_center.scripts_have_step", "{kinds: [abuse_handling]}")).replace(
        "    examples: {fail: {}, pass: {}}\n", "")
    assert load_errors(make_pack(tmp_path, text)) == (
        "rules/demo/x.yaml:2:5: error: rule '4.6.3.9' has no examples\n"
        "  hint: add examples: {fail: …, pass: …} (house style, habit 7)")


def test_duplicate_rule_ids(tmp_path: Path) -> None:
    one = RULE % ("call_center.scripts_have_step", "{kinds: [abuse_handling]}")
    text = one + one.replace("rules:\n", "")
    assert "rules/demo/x.yaml:14:5: error: duplicate rule id '4.6.3.9' (first at rules/demo/x.yaml:2:5)" in load_errors(
        make_pack(tmp_path, text))


def test_unknown_pack_name(tmp_path: Path) -> None:
    with pytest.raises(InputErrors) as caught:
        load_packs(["standart"], CHECKS)
    assert caught.value.render() == "ccaudit.yaml: error: unknown rule pack 'standart'\n  hint: did you mean 'standard'?"


def test_rule_schema_errors(tmp_path: Path) -> None:
    text = (RULE % ("call_center.scripts_have_step", "{kinds: [abuse_handling]}")).replace("modality: must", "modality: shall")
    assert load_errors(make_pack(tmp_path, text)).startswith(
        "rules/demo/x.yaml:6:15: error: 'modality' has the value 'shall', which is not allowed")


def test_gate_rules_are_marked() -> None:
    gates = {r.id for r in load_packs(["standard"], CHECKS)[0].rules if r.gate}
    assert {"4.5.3", "4.5.3.3", "4.6.1.3-a", "4.6.4.1-a"} <= gates
