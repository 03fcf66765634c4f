"""L6: the command-line interface (typer): commands, options, exit codes, error printing, atomic writes."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
import yaml
from rich.console import Console, Group

from ccaudit import __version__
from ccaudit.audit import load_inputs, run_audit
from ccaudit.checks import CHECKS
from ccaudit.engine.coverage import coverage, load_rows, matches_clause
from ccaudit.engine.packs import load_packs
from ccaudit.model.config import Override
from ccaudit.model.declaration import CONTACT_POINT_KINDS
from ccaudit.model.errors import InputErrors
from ccaudit.model.period import Period
from ccaudit.model.rule import Rule
from ccaudit.model.schema import SCHEMA_NAMES, schema_text, suggest
from ccaudit.report import REPORTERS
from ccaudit.report.catalogue import applies, coverage_json, coverage_text, rules_json, rules_markdown, rules_text

EXIT_OK = 0
"""No failure at or above --fail-on, and the agency is not below --fail-under."""
EXIT_FINDINGS = 1
"""Findings or stars beyond the thresholds."""
EXIT_INPUT = 2
"""Bad input or usage (click uses 2 for usage errors too)."""
EXIT_INTERNAL = 3
"""A bug in ccaudit; the traceback is shown only with --debug."""

T = TypeVar("T")
_state = {"debug": False}

app = typer.Typer(
    name="ccaudit",
    help="Audit an agency's config repository against the client-centricity Standard «Государство для людей».",
    epilog="Examples:  ccaudit audit examples/minsoc-priokskaya  ·  ccaudit validate .  ·  ccaudit rules list",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(help="List and explain the rules of the packs.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(rules_app, name="rules")


class Format(StrEnum):
    terminal = "terminal"
    json = "json"


class Lang(StrEnum):
    ru = "ru"
    en = "en"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _fail_input(exc: InputErrors) -> NoReturn:
    _err(exc.render())
    count = len(exc.errors)
    _err(f"ccaudit: {count} error{'s' if count != 1 else ''} in the input; nothing was written")
    raise typer.Exit(EXIT_INPUT)


def _guard(fn: Callable[[], T]) -> T:
    """Run a command body: user mistakes → exit 2, bugs → exit 3 (traceback only with --debug)."""
    try:
        return fn()
    except InputErrors as exc:
        _fail_input(exc)
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception:  # noqa: BLE001 - the last line of defence
        if _state["debug"]:
            traceback.print_exc()
        else:
            _err("ccaudit: internal error, please report it with the output of --debug")
        raise typer.Exit(EXIT_INTERNAL) from None


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same directory and rename it into place."""
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ccaudit {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error (exit 3).")] = False,
) -> None:
    """Audit an agency's config repository against the client-centricity Standard «Государство для людей».

    Exit codes: 0 clean, 1 findings or stars beyond the thresholds, 2 bad input or usage, 3 internal error.
    """
    _state["debug"] = debug


def _overrides(**values: tuple[Any, str]) -> dict[str, Override]:
    return {k: v for k, v in values.items() if v[0] is not None}


def _period(value: str | None) -> str | None:
    """Option callback: reject a malformed --period as a usage error (exit 2) before the command runs."""
    if value is not None:
        try:
            Period.parse(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    return value


@app.command(epilog="Example:  ccaudit audit examples/zarechensk-admin --format json --output report.json --fail-on error")
def audit(
    path: Annotated[Path, typer.Argument(help="The agency's config repository (with ccaudit.yaml and declarations/).")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.terminal,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to this file (atomically) instead of stdout.")] = None,
    lang: Annotated[Lang | None, typer.Option("--lang", help="Report language (default: ccaudit.yaml, else ru).")] = None,
    fail_on: Annotated[FailOn | None, typer.Option("--fail-on", help="Lowest severity of a failure that gives exit 1 (default: error).")] = None,
    fail_under: Annotated[int | None, typer.Option("--fail-under", min=1, max=5, help="Exit 1 when the agency has fewer stars than this.")] = None,
    period: Annotated[str | None, typer.Option("--period", callback=_period, help="Audited quarter, YYYY-Qn (default: ccaudit.yaml, else the current quarter).")] = None,
    target_level: Annotated[int | None, typer.Option("--target-level", min=1, max=5, help="Targeted star level; 5 makes «maximum level» rules errors.")] = None,
    pack: Annotated[list[str] | None, typer.Option("--pack", help="Rule pack to apply (repeatable; replaces 'packs' of ccaudit.yaml).")] = None,
    config: Annotated[str | None, typer.Option("--config", help="Configuration file relative to PATH (default: ccaudit.yaml).")] = None,
    clause: Annotated[str | None, typer.Option("--clause", help="Run only the rules of these clauses, e.g. '4.6.4.*' (stars then reflect only them).")] = None,
) -> None:
    """Audit a repository: validate it, run the rule packs, score stars, report.

    Example: ccaudit audit examples/minsoc-priokskaya
    """

    def body() -> int:
        overrides = _overrides(
            lang=(lang.value if lang else None, "--lang"), fail_on=(fail_on.value if fail_on else None, "--fail-on"),
            fail_under=(fail_under, "--fail-under"), period=(Period.parse(period) if period else None, "--period"),
            target_level=(target_level, "--target-level"), packs=(tuple(pack) if pack else None, "--pack"),
            clause=(clause, "--clause"))
        result = run_audit(path, overrides, config_file=config)
        report_lang = result.config.lang
        reporter = REPORTERS[fmt.value]
        text = reporter.render(result, report_lang)
        if output is not None:
            write_atomic(output, text)
            _err(f"ccaudit: wrote {output}")
        elif fmt is Format.terminal and sys.stdout.isatty():
            Console().print(Group(*REPORTERS["terminal"].renderables(result, report_lang)))  # type: ignore[attr-defined]
        else:
            sys.stdout.write(text)
        return result.exit_code()

    raise typer.Exit(_guard(body))


@app.command(epilog="Example:  ccaudit validate examples/minsoc-priokskaya")
def validate(
    path: Annotated[Path, typer.Argument(help="The agency's config repository.")],
    config: Annotated[str | None, typer.Option("--config", help="Configuration file relative to PATH.")] = None,
) -> None:
    """Check that a repository loads: YAML, schemas, references, waivers and tailoring. Runs no rules.

    Example: ccaudit validate .
    """

    def body() -> int:
        inputs = load_inputs(path, config_file=config)
        decl, packs = inputs.declaration, inputs.packs
        points = len(decl.contact_points())
        declared = sum(1 for f in decl.files if f.startswith("declarations/"))
        typer.echo(f"ok: {declared} declaration files, {points} points of contact, "
                   f"{sum(len(p.rules) for p in packs)} rules in {', '.join(p.name for p in packs)}")
        return EXIT_OK

    raise typer.Exit(_guard(body))


@app.command(epilog="Example:  ccaudit schema contact_point > .schemas/contact_point.schema.json")
def schema(
    kind: Annotated[str | None, typer.Argument(help=f"File kind: {', '.join(SCHEMA_NAMES)}.")] = None,
    list_kinds: Annotated[bool, typer.Option("--list", help="List the file kinds.")] = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of a file kind, for editors and other tools.

    Example: ccaudit schema declaration
    """
    if list_kinds or kind is None:
        typer.echo("\n".join(SCHEMA_NAMES))
        raise typer.Exit(EXIT_OK)
    if kind not in SCHEMA_NAMES:
        _err(f"ccaudit: unknown schema kind '{kind}'; expected one of: {', '.join(SCHEMA_NAMES)}")
        raise typer.Exit(EXIT_INPUT)
    sys.stdout.write(schema_text(kind))


@app.command(name="config", epilog="Example:  ccaudit config examples/minsoc-priokskaya")
def show_config(
    path: Annotated[Path, typer.Argument(help="The agency's config repository.")],
    config: Annotated[str | None, typer.Option("--config", help="Configuration file relative to PATH.")] = None,
) -> None:
    """Show the effective configuration and where each value comes from.

    Example: ccaudit config .
    """

    def body() -> int:
        from ccaudit.model.config import load_config

        cfg = load_config(path, config_file=config)
        values = {"packs": ", ".join(cfg.packs), "period": f"{cfg.period} ({cfg.period.start} – {cfg.period.end})",
                  "timezone": cfg.timezone, "target_level": cfg.target_level, "fail_on": cfg.fail_on or "never",
                  "fail_under": cfg.fail_under, "lang": cfg.lang, "include_additional": cfg.include_additional,
                  "freshness_days": cfg.freshness_days, "waivers_file": cfg.waivers_file,
                  "max_file_bytes": cfg.max_file_bytes}
        for name, value in values.items():
            typer.echo(f"{name:20} {'—' if value is None else value!s:40} {cfg.sources.get(name, 'default')}")
        for rule_id, why in cfg.disabled.items():
            typer.echo(f"{'disabled':20} {rule_id:40} {why}")
        return EXIT_OK

    raise typer.Exit(_guard(body))


class ListFormat(StrEnum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"


def _load_rules(pack: list[str] | None, clause: str | None = None, kind: str | None = None) -> list[Rule]:
    packs = load_packs(pack or ["standard"], CHECKS)
    return [r for p in packs for r in p.rules
            if (clause is None or any(matches_clause(clause, r.clause, row) for row in r.rows))
            and (kind is None or r.applies_to_kind(kind))]


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
        if kind is not None and kind not in CONTACT_POINT_KINDS:
            _err(f"ccaudit: unknown kind '{kind}'; {suggest(kind, CONTACT_POINT_KINDS)}")
            return EXIT_INPUT
        if fmt is ListFormat.markdown:
            sys.stdout.write(rules_markdown(load_packs(pack or ["standard"], CHECKS)))
            return EXIT_OK
        rules = _load_rules(pack, clause, kind)
        text = rules_json(rules, lang.value) if fmt is ListFormat.json else rules_text(rules, lang.value, pack or ["standard"])
        sys.stdout.write(text)
        return EXIT_OK

    raise typer.Exit(_guard(body))


@rules_app.command("coverage", epilog="Example:  ccaudit rules coverage --clause '4.6.3.*' --format json")
def rules_coverage(
    pack: Annotated[list[str] | None, typer.Option("--pack", help="Packs whose rules count (default: standard).")] = None,
    clause: Annotated[str | None, typer.Option("--clause", help="Only these rows; a glob such as '4.6.4.*'.")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language.")] = Lang.en,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.terminal,
) -> None:
    """For every requirement row of the Standard: the rules that check it, and whether it is automated,
    manual or not covered. Rows marked "!" are covered less than the matrix asks.

    Example: ccaudit rules coverage
    """

    def body() -> int:
        rows = [r for r in load_rows() if clause is None or matches_clause(clause, r.clause, r.id)]
        cov = coverage(rows, load_packs(pack or ["standard"], CHECKS))
        sys.stdout.write(coverage_json(cov) if fmt is Format.json else coverage_text(cov, lang.value))
        return EXIT_OK

    raise typer.Exit(_guard(body))


@rules_app.command("show", epilog="Example:  ccaudit rules show 4.6.3.9 --lang en")
def rules_show(
    rule_id: Annotated[str, typer.Argument(help="Rule id, e.g. 4.6.3.9 or 4.3.4.1-a.")],
    pack: Annotated[list[str] | None, typer.Option("--pack", help="Packs to search (default: standard).")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language.")] = Lang.ru,
) -> None:
    """Explain one rule: clause, requirement, check, parameters and its failing and passing examples.

    Example: ccaudit rules show 4.6.7.6-a
    """

    def body() -> int:
        rules = {r.id: r for r in _load_rules(pack)}
        rule = rules.get(rule_id)
        if rule is None:
            _err(f"ccaudit: unknown rule '{rule_id}'; {suggest(rule_id, list(rules))}")
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
        if rule.covers:
            lines.append(f"  also covers: {', '.join(rule.covers)}")
        if rule.params:
            lines.append(f"  params:     {json.dumps(dict(rule.params), ensure_ascii=False)}")
        if rule.when:
            lines.append(f"  when:       {json.dumps(dict(rule.when), ensure_ascii=False)}")
        if rule.placeholder:
            lines.append(f"  manual for now: {rule.placeholder.get(l)}")
        for note in rule.notes:
            lines.append(f"  note:       {note.get(l)}")
        for which in ("fail", "pass"):
            if which in rule.examples:
                dumped = yaml.safe_dump(rule.examples[which], allow_unicode=True, sort_keys=False).rstrip()
                lines.append(f"  example ({which}):")
                lines.extend("    " + line for line in dumped.splitlines())
        typer.echo("\n".join(lines))
        return EXIT_OK

    raise typer.Exit(_guard(body))


def main() -> None:
    """Console-script entry point."""
    app()
