"""The YAML reader: data, locations, and every kind of bad input as an exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccaudit.model.errors import InputErrors
from ccaudit.model.yamlio import decode_utf8, load_yaml, parse_yaml


def errors_of(text: str, strict: bool = True) -> list[str]:
    try:
        doc = parse_yaml(text, "f.yaml")
    except InputErrors as exc:
        return [e.render() for e in exc.errors]
    return [e.render() for e in doc.errors]


def test_values_follow_yaml_1_2_and_dates_stay_text() -> None:
    doc = parse_yaml("a: 1\nb: 1.5\nc: true\nd: ~\ne: 2026-03-01\nf: '18:00'\ng: 09:00\nh: 0x1F\ni: text\n", "f.yaml")
    assert doc.data == {"a": 1, "b": 1.5, "c": True, "d": None, "e": "2026-03-01", "f": "18:00", "g": "09:00", "h": 31,
                        "i": "text"}
    assert doc.errors == ()


def test_source_map_gives_value_and_key_positions() -> None:
    doc = parse_yaml("top:\n  items:\n    - name: A\n    - name: B\n", "f.yaml")
    assert str(doc.smap.value("/top/items/1/name")) == "f.yaml:4:13"
    assert str(doc.smap.key("/top/items/1/name")) == "f.yaml:4:7"
    assert str(doc.smap.value("/top/items/1/missing")) == "f.yaml:4:7"  # nearest existing ancestor


@pytest.mark.parametrize(("text", "expected"), [
    ("open: 18:00\n", "f.yaml:1:7: error: unquoted '18:00' is read as a base-60 number by YAML 1.1 tools (1080)\n"
                      '  hint: quote times and durations: "18:00"'),
    ("open: 9:30\n", "f.yaml:1:7: error: unquoted '9:30' is read as a base-60 number by YAML 1.1 tools (570)\n"
                     '  hint: quote times and durations: "9:30"'),
    ("wait: 1:30:00\n", "f.yaml:1:7: error: unquoted '1:30:00' is read as a base-60 number by YAML 1.1 tools (5400)\n"
                        '  hint: quote times and durations: "1:30:00"'),
    ("ramps: no\n", "f.yaml:1:8: error: unquoted 'no' is read as the boolean false by YAML 1.1 tools and as text by YAML 1.2\n"
                    '  hint: write false for a yes/no field, or quote it ("no") if it is text'),
    ("lang: on\n", "f.yaml:1:7: error: unquoted 'on' is read as the boolean true by YAML 1.1 tools and as text by YAML 1.2\n"
                   '  hint: write true for a yes/no field, or quote it ("on") if it is text'),
    ("id: 0123\n", "f.yaml:1:5: error: unquoted '0123' has a leading zero: it is read as the octal number 83 by YAML 1.1 "
                   "tools and as 123 by YAML 1.2\n"
                   '  hint: quote it ("0123") if it is an identifier or a code, or drop the leading zero if it is a number'),
    ("n: 1_000\n", "f.yaml:1:4: error: unquoted '1_000' is a number for YAML 1.1 tools and text for YAML 1.2\n"
                   '  hint: write the number without underscores, or quote it ("1_000") if it is text'),
])
def test_yaml_1_1_traps_are_errors_with_hints(text: str, expected: str) -> None:
    assert errors_of(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("a: 1\nb: 2\na: 3\n", "f.yaml:3:1: error: duplicate key 'a' (first defined at line 1)\n"
                           "  hint: remove one of them; YAML would silently keep only the last one"),
    ("a:\n\tb: 1\n", "f.yaml:2:1: error: YAML syntax error: tab character where YAML expects spaces\n"
                     "  hint: YAML indentation must use spaces; replace the tab with spaces"),
    ("a: 'abc\nb: 2\n", "f.yaml:3:1: error: YAML syntax error: quoted text is never closed (it starts at line 1, column 4)\n"
                        "  hint: add the closing quote, or escape quotes inside the text"),
    ("a:\n  b: 1\n c: 2\n", "f.yaml:3:2: error: YAML syntax error: bad indentation: a key was expected here\n"
                            "  hint: align keys of one mapping at the same column, using spaces"),
    ("key: value: other\n", "f.yaml:1:11: error: YAML syntax error: unexpected ':' (mapping value not allowed here)\n"
                            "  hint: check the indentation of this line and the line above, and quote text that contains ': '"),
    ("a: 1\n---\nb: 2\n", "f.yaml:2:1: error: YAML syntax error: file holds more than one YAML document ('---')\n"
                          "  hint: keep one document per file"),
    ("x: !!python/object/apply:os.system ['id']\n",
     "f.yaml:1:4: error: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed\n"
     "  hint: remove the tag; ccaudit reads plain YAML data only"),
])
def test_syntax_and_structure_errors(text: str, expected: str) -> None:
    assert errors_of(text) == [expected]


def test_all_recoverable_errors_of_a_file_are_collected() -> None:
    assert len(errors_of("a: 18:00\nb: no\nc: 1\nc: 2\n")) == 3


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]"
              for i in range(1, 9)]
    errors = errors_of("\n".join(lines) + "\n")
    # The size is computed without expanding: a billion values could never have been built.
    assert errors == ["f.yaml:1:1: error: document has more than 1,000,000 values once its aliases are expanded "
                      "(1,234,567,909)\n  hint: simplify the file; YAML anchors that repeat large blocks multiply its size"]


def test_merge_keys_and_anchors_work() -> None:
    doc = parse_yaml("base: &b {open: '09:00', close: '18:00'}\nmon:\n  <<: *b\n  close: '17:00'\n", "f.yaml")
    assert doc.data["mon"] == {"open": "09:00", "close": "17:00"}


@pytest.mark.parametrize(("raw", "expected"), [
    ("название: Пенсия\n".encode("cp1251"),
     "f.yaml:1:1: error: file is not valid UTF-8 (it looks like Windows-1251, a common export from office tools)\n"
     "  hint: re-save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)"),
    ("a: 1\n".encode("utf-16"), "f.yaml:1:1: error: file is encoded as UTF-16, expected UTF-8\n"
                                "  hint: re-save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)"),
    (b"a: 1\nb: \x00\n", "f.yaml:2:4: error: file contains a NUL byte; it is binary or not UTF-8 text\n"
                         "  hint: re-save the file as UTF-8 text"),
])
def test_encodings(raw: bytes, expected: str) -> None:
    with pytest.raises(InputErrors) as caught:
        decode_utf8(raw, "f.yaml")
    assert caught.value.render() == expected


def test_bom_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_bytes("\ufeffa: Пособие\n".encode())
    assert load_yaml(tmp_path, "f.yaml").data == {"a": "Пособие"}


def test_cp1251_column_points_at_the_first_bad_byte() -> None:
    with pytest.raises(InputErrors) as caught:
        decode_utf8(b"id: ok\ntitle: " + "Пенсия".encode("cp1251"), "f.yaml")
    assert str(caught.value.errors[0].at) == "f.yaml:2:8"


def test_directory_and_size_limits(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").mkdir()
    with pytest.raises(InputErrors, match="is a directory"):
        load_yaml(tmp_path, "d.yaml")
    (tmp_path / "big.yaml").write_text("a: " + "x" * 2000 + "\n")
    with pytest.raises(InputErrors, match="more than the limit of 1,024"):
        load_yaml(tmp_path, "big.yaml", max_bytes=1024)
