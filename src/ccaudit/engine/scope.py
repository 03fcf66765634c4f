"""Overlay scope: the declaration vocabulary an agency concept adds, and the errors for using it without the pack.

An overlay pack's `scope` (pack.yaml) names the client kinds, point-of-contact kinds and declaration fields
its concept brings beyond the Standard. The schemas know every such field, so that an editor can complete
them; using one is an error unless a selected pack widens the scope to it, because a rule that reads it
would otherwise be missing and the field would be silently ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ccaudit.model.declaration import (
    ALL_CONTACT_POINT_KINDS,
    CONTACT_POINT,
    LIST_BLOCKS,
    OVERLAY_CONTACT_POINT_KINDS,
    SINGLETON_BLOCKS,
    Declaration,
)
from ccaudit.model.errors import InputError
from ccaudit.model.location import Location
from ccaudit.model.rule import Scope
from ccaudit.model.schema import load_schema, suggest

STANDARD_CLIENT_KIND = "individual"
"""The Standard's client is a natural person (section 3); other client kinds come with an overlay."""


def item_fields(kind: str) -> frozenset[str] | None:
    """Field names the schema allows for an item kind or a point-of-contact kind; None when the kind is unknown."""
    if kind in ALL_CONTACT_POINT_KINDS:
        return frozenset(load_schema("contact_point")["$defs"][kind]["properties"])
    blocks = load_schema("declaration")["properties"]
    for block, item_kind in LIST_BLOCKS.items():
        if item_kind == kind:
            return frozenset(blocks[block]["items"]["properties"])
    if kind in SINGLETON_BLOCKS:
        return frozenset(blocks[kind].get("properties", {}))
    return None


def scope_problems(scope: Scope, at: Callable[[str], Location]) -> list[InputError]:
    """Errors in a pack's own scope (located by `at(JSON pointer)`): fields and kinds the schemas do not define."""
    errors = []
    for i, name in enumerate(scope.fields):
        kind, _, field = name.partition(".")
        known = item_fields(kind)
        if known is None or (field and field not in known) or (not field and kind not in SINGLETON_BLOCKS):
            hint = (suggest(field, sorted(known)) if known and field else
                    "write '<item kind>.<field>' (service.electronic, in_person.electronic_queue) or a block name "
                    "(internal_client, supervision)")
            errors.append(InputError(at(f"/scope/fields/{i}"), f"scope field '{name}' is not in the declaration schema", hint))
    for i, kind in enumerate(scope.contact_point_kinds):
        if kind not in OVERLAY_CONTACT_POINT_KINDS:
            errors.append(InputError(at(f"/scope/contact_point_kinds/{i}"),
                                     f"scope names point-of-contact kind '{kind}', which is not an overlay kind",
                                     suggest(kind, OVERLAY_CONTACT_POINT_KINDS)))
    return errors


def vocabulary_errors(declaration: Declaration, selected: Iterable[str], scopes: Mapping[str, Scope]) -> list[InputError]:
    """Uses of an overlay's vocabulary in the declaration while no selected pack widens the scope to it."""
    chosen = set(selected)
    owners: dict[str, list[str]] = {}
    for pack, scope in scopes.items():
        for name in (*scope.fields, *(f"kind:{k}" for k in scope.contact_point_kinds),
                     *(f"client_kind:{k}" for k in scope.client_kinds)):
            owners.setdefault(name, []).append(pack)
    allowed = {name for name, packs in owners.items() if chosen & set(packs)}

    def error(at: Location, what: str, name: str) -> InputError:
        packs = sorted(owners.get(name, ()))
        if not packs:
            return InputError(at, f"{what} comes with no rule pack ccaudit knows", "remove it, or add the pack that defines it")
        return InputError(at, f"{what} belongs to the scope of pack{'s' if len(packs) > 1 else ''} {', '.join(packs)}, "
                          "which this audit does not apply",
                          f"add {' or '.join(packs)} to 'packs' in ccaudit.yaml (or --pack {packs[0]}), or remove it")

    errors: list[InputError] = []
    for name in owners:
        if name in allowed or ":" in name:
            continue
        kind, _, field = name.partition(".")
        if not field:
            for item in declaration.of(kind):
                if item.data:
                    errors.append(error(item.where, f"block '{kind}'", name))
            continue
        if kind in ALL_CONTACT_POINT_KINDS:
            items = declaration.contact_points(kind)
        else:
            items = declaration.of(kind)
        for item in items:
            if field in item.data:
                errors.append(error(item.smap.key(item.where.pointer + "/" + field), f"field '{field}' of {kind.replace('_', ' ')}",
                                    name))
    for point in declaration.of(CONTACT_POINT):
        kind = point.contact_kind or ""
        if kind in OVERLAY_CONTACT_POINT_KINDS and f"kind:{kind}" not in allowed:
            errors.append(error(point.at("kind"), f"point-of-contact kind '{kind}'", f"kind:{kind}"))
    for profile in declaration.of("segment_profile"):
        client_kind: Any = profile.get("client_kind")
        if isinstance(client_kind, str) and client_kind != STANDARD_CLIENT_KIND and f"client_kind:{client_kind}" not in allowed:
            errors.append(error(profile.at("client_kind"), f"client kind '{client_kind}'", f"client_kind:{client_kind}"))
    return sorted(errors, key=lambda e: e.at.sort_key())
