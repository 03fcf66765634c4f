"""The `rules` commands: list, coverage, diff, show."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated

import typer
import yaml

from ccaudit.checks import CHECKS
from ccaudit.cli.base import EXIT_INPUT, EXIT_OK, Format, Lang, err, guard, rules_app
from ccaudit.engine.coverage import coverage, load_rows, matches_clause
from ccaudit.engine.packs import available_packs, load_packs
from ccaudit.model.declaration import ALL_CONTACT_POINT_KINDS
from ccaudit.model.rule import Rule, RulePack
from ccaudit.model.schema import suggest
from ccaudit.report.catalogue import (
    applies,
    coverage_json,
    coverage_text,
    pack_diff_json,
    pack_diff_text,
    rules_json,
    rules_markdown,
    rules_text,
)


class ListFormat(StrEnum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"


def _select(packs: Sequence[RulePack], names: Sequence[str], clause: str | None = None,
            kind: str | None = None) -> list[Rule]:
    """Rules of the named packs only (an overlay's base is loaded for its pointers, not listed)."""
    return [r for p in packs if p.name in names for r in p.rules
            if (clause is None or any(matches_clause(clause, r.clause, row) for row in r.rows))
            and (kind is None or r.applies_to_kind(kind))]



class _ExampleDumper(yaml.SafeDumper):
    """Shows an evidence CSV of an example as a block of lines, as it is written in the pack."""


_ExampleDumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None))

@rules_app.command("list", epilog="Example:  ccaudit rules list --kind call_center --clause '4.6.3.*' --lang en")
def rules_list(
    pack: Annotated[list[str] | None, typer.Option("--pack", help="Pack to list (repeatable; default: standard).")] = None,
    clause: Annotated[str | None, typer.Option("--clause", help="Only rules of this clause or row; a glob such as '4.6.4.*'.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Only rules that run on this kind of point of contact.")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of titles.")] = Lang.ru,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format (markdown is docs/rules.md).")] = ListFormat.terminal,
) -> None:
    """List the rules with star level, modality, how they are checked and what they apply to.

    Example: ccaudit rules list --pack standard
    """

    def body() -> int:
        if kind is not None and kind not in ALL_CONTACT_POINT_KINDS:
            err(f"ccaudit: unknown kind '{kind}'; {suggest(kind, ALL_CONTACT_POINT_KINDS)}")
            return EXIT_INPUT
        names = pack or ["standard"]
        packs = load_packs(names, CHECKS)
        if fmt is ListFormat.markdown:
            sys.stdout.write(rules_markdown(packs))
            return EXIT_OK
        rules = _select(packs, names, clause, kind)
        overlays = [p for p in packs if p.name in names and p.base is not None] if clause is None and kind is None else []
        text = rules_json(rules, lang.value) if fmt is ListFormat.json else rules_text(rules, lang.value, names, overlays)
        sys.stdout.write(text)
        return EXIT_OK

    raise typer.Exit(guard(body))


@rules_app.command("coverage", epilog="Example:  ccaudit rules coverage --clause '4.6.3.*' --format json")
def rules_coverage(
    pack: Annotated[list[str] | None, typer.Option("--pack", help="Packs whose rules count (default: standard).")] = None,
    clause: Annotated[str | None, typer.Option("--clause", help="Only these rows; a glob such as '4.6.4.*'.")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language.")] = Lang.en,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.terminal,
) -> None:
    """For every requirement row of the packs' documents (the Standard, or an agency concept's added rows): the
    rules that check it, and whether it is automated, manual or not covered. Rows marked "!" are covered less than
    the matrix asks.

    Example: ccaudit rules coverage --pack yanao
    """

    def body() -> int:
        names = pack or ["standard"]
        rows = [r for name in names for r in load_rows(name) if clause is None or matches_clause(clause, r.clause, r.id)]
        cov = coverage(rows, load_packs(names, CHECKS))
        sys.stdout.write(coverage_json(cov) if fmt is Format.json else coverage_text(cov, lang.value))
        return EXIT_OK

    raise typer.Exit(guard(body))


@rules_app.command("diff", epilog="Example:  ccaudit rules diff standard yanao --lang en")
def rules_diff(
    base: Annotated[str, typer.Argument(help="The base pack, e.g. standard.")],
    overlay: Annotated[str, typer.Argument(help="An overlay of it, e.g. yanao, rostransnadzor, rosaviatsia, rosselkhoznadzor.")],
    lang: Annotated[Lang, typer.Option("--lang", help="Language.")] = Lang.ru,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format (terminal or json).")] = Format.terminal,
) -> None:
    """What an agency concept's overlay adds to the Standard (new rules), relaxes (Standard rules it words more
    weakly) and widens (client kinds, kinds of points of contact, declaration fields, the client-scenario definition).

    Example: ccaudit rules diff standard rostransnadzor
    """

    def body() -> int:
        packs = {p.name: p for p in load_packs([base, overlay], CHECKS)}
        actual = packs[overlay].base
        if actual != base:
            hint = f"its base is '{actual}'; try: ccaudit rules diff {actual} {overlay}" if actual else "it has no base"
            err(f"ccaudit: '{overlay}' is not an overlay of '{base}' ({hint})")
            return EXIT_INPUT
        render = pack_diff_json if fmt is Format.json else pack_diff_text
        sys.stdout.write(render(packs[base], packs[overlay], lang.value))
        return EXIT_OK

    raise typer.Exit(guard(body))


@rules_app.command("show", epilog="Example:  ccaudit rules show 4.6.3.9 --lang en")
def rules_show(
    rule_id: Annotated[str, typer.Argument(help="Rule id, e.g. 4.6.3.9 or 4.3.4.1-a.")],
    pack: Annotated[list[str] | None, typer.Option("--pack", help="Packs to search (default: every bundled pack).")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language.")] = Lang.ru,
) -> None:
    """Explain one rule: clause, requirement, check, parameters and its failing and passing examples.

    Example: ccaudit rules show 4.6.7.6-a
    """

    def body() -> int:
        names = pack or list(available_packs())
        packs = load_packs(names, CHECKS)
        rules = {r.id: r for r in _select(packs, names)}
        rule = rules.get(rule_id)
        if rule is None:
            err(f"ccaudit: unknown rule '{rule_id}'; {suggest(rule_id, list(rules))}")
            return EXIT_INPUT
        l = lang.value
        lines = [f"{rule.id} — {rule.title.get(l)}",
                 f"  clause:     {rule.clause} ({rule.pack})",
                 f"  modality:   {rule.modality.value}   severity: {rule.severity.value}   star level: {rule.level_label}",
                 f"  applies to: {applies(rule, l)}",
                 f"  check:      {rule.check or 'manual'} ({rule.kind.value})" + ("   gate: cannot be waived" if rule.gate else "")
                 + ("   heuristic: never limits the stars" if rule.heuristic else ""),
                 f"  message:    {rule.message.get(l)}",
                 f"  defined in: {rule.source}"]
        if rule.overlay:
            document = next(p.document for p in packs if p.name == rule.pack)
            lines.append(f"  document:   {document}")
            lines.append("  overlay:    reported with its severity; never limits the Standard's stars")
        for relax in rule.relaxations:
            lines.append(f"  {relax.pack} ({relax.clause}, {relax.effect.value}"
                         + (f", --concept-wording: {relax.modality.value}" if relax.modality else "") + f"): {relax.wording.get(l)}")
        if rule.covers:
            lines.append(f"  also covers: {', '.join(rule.covers)}")
        params = dict(rule.params)
        observed, declared = params.pop("observed", None), params.pop("declared", None)
        if observed and declared:  # a rule judged on saved pages (checks/saved_pages.py)
            lines.append(f"  on a page:  {observed.get(l)}")
            own = json.dumps(declared.get("params", {}), ensure_ascii=False)
            lines.append(f"  without saved pages: {declared['check']} {own} — {declared['message'].get(l)}")
        if params:
            lines.append(f"  params:     {json.dumps(params, ensure_ascii=False)}")
        if rule.when:
            lines.append(f"  when:       {json.dumps(dict(rule.when), ensure_ascii=False)}")
        if rule.placeholder:
            lines.append(f"  manual for now: {rule.placeholder.get(l)}")
        for note in rule.notes:
            lines.append(f"  note:       {note.get(l)}")
        examples = [(which, rule.examples[which]) for which in ("fail", "pass") if which in rule.examples]
        if declared:
            examples += [(f"{which}, without saved pages", declared["examples"][which]) for which in ("fail", "pass")]
        for which, example in examples:
            dumped = yaml.dump(example, Dumper=_ExampleDumper, allow_unicode=True, sort_keys=False).rstrip()
            lines.append(f"  example ({which}):")
            lines.extend("    " + line for line in dumped.splitlines())
        typer.echo("\n".join(lines))
        return EXIT_OK

    raise typer.Exit(guard(body))
