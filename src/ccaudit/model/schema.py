"""JSON Schema validation of YAML data with errors a user can act on (line:col, plain words, hints).

Two ccaudit keywords extend draft 2020-12: `x-ref: <kind>` (the string must be the id of an item of that
kind) and `x-file: text` (the string must name a readable file inside the repository). Both are checked
in the same pass as the schema, so a broken reference is reported at its exact line and column.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators

from ccaudit.model.errors import InputError
from ccaudit.model.location import SourceMap, join_pointer

SCHEMA_NAMES = ("config", "declaration", "contact_point", "waivers", "attestations", "rules", "pack", "scale", "clauses", "text_data")
"""The file kinds `ccaudit schema KIND` prints; each is `schemas/<kind>.schema.json`."""

IdIndex = Mapping[str, frozenset[str]]
"""Known ids by item kind: {"life_situation": {"ls-birth", …}, …}."""
FileCheck = Callable[[str], str | None]
"""Returns None when a repository file is usable, else a message saying why not."""


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A bundled schema by file kind (see SCHEMA_NAMES)."""
    text = resources.files("ccaudit.model.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


def schema_text(name: str) -> str:
    """The bundled schema file exactly as shipped."""
    return resources.files("ccaudit.model.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")


def _validator_class(ids: IdIndex | None, check_file: FileCheck | None) -> type:
    def x_ref(validator: Any, kind: str, instance: Any, schema: Mapping[str, Any]) -> Iterator[ValidationError]:
        if ids is None or not isinstance(instance, str) or kind not in ids:
            return  # no index of this kind (its file could not be read): not judged
        if instance not in ids[kind]:
            yield ValidationError(f"x-ref:{kind}", validator="x-ref", validator_value=kind, instance=instance)

    def x_file(validator: Any, mode: str, instance: Any, schema: Mapping[str, Any]) -> Iterator[ValidationError]:
        if check_file is None or not isinstance(instance, str):
            return
        problem = check_file(instance)
        if problem:
            yield ValidationError(problem, validator="x-file", validator_value=mode, instance=instance)

    return validators.extend(Draft202012Validator, {"x-ref": x_ref, "x-file": x_file})


_PLAIN_VALIDATOR = _validator_class(None, None)
"""The validator class without reference or file checks (config, rules, waivers); built once."""
_FORMATS = FormatChecker(formats=("date",))


def validate(
    data: Any,
    schema: Mapping[str, Any],
    smap: SourceMap,
    *,
    base: str = "",
    ids: IdIndex | None = None,
    check_file: FileCheck | None = None,
) -> list[InputError]:
    """Validate `data` (found at pointer `base` of the file `smap` describes); return every error, located."""
    cls = _PLAIN_VALIDATOR if ids is None and check_file is None else _validator_class(ids, check_file)
    validator = cls(schema, format_checker=_FORMATS)
    out: list[InputError] = []
    errors = list(validator.iter_errors(data))
    dated = {tuple(e.absolute_path) for e in errors if e.validator == "format"}
    for error in errors:
        if error.validator == "pattern" and tuple(error.absolute_path) in dated:
            continue  # a bad date breaks both its pattern and its format: one message is enough
        out.extend(_explain(error, smap, base, ids))
    return out


def subschema(schema: Mapping[str, Any], definition: str) -> dict[str, Any]:
    """A schema that applies `#/$defs/<definition>` of `schema`, keeping its $defs for references."""
    return {"$schema": schema.get("$schema"), "$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}


def suggest(word: str, choices: list[str] | tuple[str, ...] | frozenset[str] | set[str]) -> str:
    """A "did you mean" hint for `word`, or a list of the choices when nothing is close."""
    ordered = sorted(choices)
    close = difflib.get_close_matches(word, ordered, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if not ordered:
        return ""
    if len(ordered) <= 15:
        return "expected one of: " + ", ".join(ordered)
    return "expected one of: " + ", ".join(ordered[:15]) + f", … ({len(ordered)} in all)"


def describe(value: Any) -> str:
    """A YAML-flavoured rendering of a value for error messages."""
    if value is None:
        return "an empty value"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        short = value if len(value) <= 60 else value[:57] + "…"
        return f"'{short}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


_TYPE_WORDS = {"string": "text (a string)", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "object": "a mapping (key: value lines)", "array": "a list ('- ' items)", "null": "empty"}


def _field(path: list[str | int]) -> str:
    if not path:
        return "this mapping"
    last = path[-1]
    if isinstance(last, int):
        parent = next((p for p in reversed(path) if isinstance(p, str)), "list")
        return f"item {last + 1} of '{parent}'"
    return f"'{last}'"


def _explain(error: ValidationError, smap: SourceMap, base: str, ids: IdIndex | None) -> list[InputError]:
    path = list(error.absolute_path)
    pointer = join_pointer(base, *path)
    where = smap.value(pointer)
    field = _field(path)
    hint = str(error.schema.get("description", "")) if isinstance(error.schema, Mapping) else ""
    kind = error.validator
    value = error.validator_value

    if kind in ("additionalProperties", "unevaluatedProperties") and isinstance(error.instance, dict):
        known = set(error.schema.get("properties", {})) if isinstance(error.schema, Mapping) else set()
        out = []
        for key in sorted(set(error.instance) - known):
            where_key = smap.key(join_pointer(pointer, key))
            owner = f" in {field}" if path else ""
            hint = suggest(key, known)
            if not hint.startswith("did you mean") and (" " in key or not key.isascii()):
                # Typically text with a comma inside { } that YAML split into a key of its own.
                hint = "if this is part of a text value, quote that value: inside { } a comma ends the value; " + hint
            out.append(InputError(where_key, f"unknown field '{key}'{owner}", hint))
        return out
    if kind == "required":
        missing = [k for k in value if isinstance(error.instance, dict) and k not in error.instance]
        names = ", ".join(f"'{k}'" for k in missing) or str(error.message)
        return [InputError(where, f"missing required field {names} in {field}",
                           f"add {names} to this mapping")]
    if kind == "type":
        expected = value if isinstance(value, list) else [value]
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
        return [InputError(where, f"{field} must be {words}, got {describe(error.instance)}", hint)]
    if kind in ("enum", "const"):
        allowed = [str(v) for v in (value if kind == "enum" else [value])]
        got = describe(error.instance)
        tip = suggest(str(error.instance), allowed) if isinstance(error.instance, str) else "expected one of: " + ", ".join(allowed)
        return [InputError(where, f"{field} has the value {got}, which is not allowed", tip)]
    if kind == "x-ref":
        known = sorted(ids.get(value, frozenset())) if ids else []
        tip = suggest(str(error.instance), known) if known else f"declare a {value} with this id first"
        return [InputError(where, f"{field} refers to unknown {value.replace('_', ' ')} {describe(error.instance)}", tip)]
    if kind == "x-file":
        return [InputError(where, f"{field}: {error.message}", "give a path relative to the repository root, inside it")]
    if kind == "format":
        return [InputError(where, f"{field} must be a date YYYY-MM-DD, got {describe(error.instance)}",
                           "write dates as 2026-03-31 (year-month-day)")]
    if kind == "pattern":
        return [InputError(where, f"{field} is not in the expected form: {describe(error.instance)}", hint)]
    if kind == "minLength":
        if value <= 1:
            return [InputError(where, f"{field} must not be empty", hint)]
        return [InputError(where, f"{field} must be at least {value} characters long, got {describe(error.instance)}", hint)]
    if kind == "minItems":
        return [InputError(where, f"{field} must have at least {value} item(s)", hint)]
    if kind == "uniqueItems":
        return [InputError(where, f"{field} lists the same item twice", "remove the repeated item")]
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        words = {"minimum": "at least", "exclusiveMinimum": "more than", "maximum": "at most", "exclusiveMaximum": "less than"}[kind]
        return [InputError(where, f"{field} must be {words} {value}, got {describe(error.instance)}", hint)]
    if kind in ("oneOf", "anyOf"):
        return _explain_choice(error, smap, base, ids, where, field, hint)
    return [InputError(where, f"{field}: {error.message}", hint)]


def _explain_choice(error: ValidationError, smap: SourceMap, base: str, ids: IdIndex | None,
                    where: Any, field: str, hint: str) -> list[InputError]:
    options = error.validator_value
    if all(isinstance(o, Mapping) and set(o) == {"required"} for o in options):
        names = [o["required"][0] for o in options]
        quoted = " or ".join(f"'{n}'" for n in names)
        present = [n for n in names if isinstance(error.instance, dict) and n in error.instance]
        if present:
            return [InputError(where, f"{field} gives both {quoted}", f"keep only one of {quoted}")]
        return [InputError(where, f"{field} needs {quoted}", f"add {quoted}")]
    # An alternative whose type and constants fit the value failed deeper inside: explain its deepest error.
    # When every alternative failed on the value's own type, no alternative fits and the value is described.
    fitting = [e for e in error.context if not (e.validator in ("type", "const") and len(e.relative_path) == 0)]
    if fitting:
        deepest = max(fitting, key=lambda e: (len(e.absolute_path), -len(e.relative_schema_path)))
        return _explain(deepest, smap, base, ids)
    return [InputError(where, f"{field} is not in any allowed form, got {describe(error.instance)}", hint)]
