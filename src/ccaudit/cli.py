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
from rich.table import Table

from ccaudit import __version__
from ccaudit.audit import load_inputs, run_audit
from ccaudit.checks import CHECKS
from ccaudit.engine.packs import available_packs, load_packs
from ccaudit.model.config import Override
from ccaudit.model.errors import InputErrors
from ccaudit.model.period import Period
from ccaudit.model.rule import Rule
from ccaudit.model.schema import SCHEMA_NAMES, schema_text
from ccaudit.report import REPORTERS
from ccaudit.report.i18n import kind_name

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
) -> None:
    """Audit a repository: validate it, run the rule packs, score stars, report.

    Example: ccaudit audit examples/minsoc-priokskaya
    """

    def body() -> int:
        overrides = _overrides(
            lang=(lang.value if lang else None, "--lang"), fail_on=(fail_on.value if fail_on else None, "--fail-on"),
            fail_under=(fail_under, "--fail-under"), period=(Period.parse(period) if period else None, "--period"),
            target_level=(target_level, "--target-level"), packs=(tuple(pack) if pack else None, "--pack"))
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
        cfg, packs, decl, waivers = load_inputs(path, config_file=config)
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


def _load_rules(pack: list[str] | None) -> list[Rule]:
    packs = load_packs(pack or ["standard"], CHECKS)
    return [r for p in packs for r in p.rules]


def _applies(rule: Rule, lang: str) -> str:
    if rule.subject != "contact_point":
        return rule.subject
    own = ", ".join(kind_name(k, lang) for k in rule.kinds)
    inherited = ", ".join(f"{kind_name(i.kind, lang)} ({i.via})" for i in rule.inherits)
    return own + (f"; {inherited}" if inherited else "")


@rules_app.command("list", epilog="Example:  ccaudit rules list --lang en --format json")
def rules_list(
    pack: Annotated[list[str] | None, typer.Option("--pack", help="Pack to list (repeatable; default: standard).")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of titles.")] = Lang.ru,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.terminal,
) -> None:
    """List the rules with clause, star level, modality and what they apply to.

    Example: ccaudit rules list --pack standard
    """

    def body() -> int:
        rules = _load_rules(pack)
        if fmt is Format.json:
            rows = [{"id": r.id, "pack": r.pack, "clause": r.clause, "title": r.title.get(lang.value), "modality": r.modality.value,
                     "severity": r.severity.value, "star_level": r.level_label, "subject": r.subject, "kinds": list(r.kinds),
                     "inherits": [{"kind": i.kind, "via": i.via} for i in r.inherits], "kind": r.kind.value, "check": r.check}
                    for r in rules]
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
            return EXIT_OK
        table = Table(box=None, pad_edge=False)
        for column in ("id", "★", "modality", "applies to", "title"):
            table.add_column(column, overflow="fold")
        for r in rules:
            table.add_row(r.id, r.level_label, r.modality.value, _applies(r, lang.value), r.title.get(lang.value))
        Console(width=None if sys.stdout.isatty() else 140).print(table)
        typer.echo(f"{len(rules)} rules in {', '.join(pack or ['standard'])}; packs available: {', '.join(available_packs())}")
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
        from ccaudit.model.schema import suggest

        rules = {r.id: r for r in _load_rules(pack)}
        rule = rules.get(rule_id)
        if rule is None:
            _err(f"ccaudit: unknown rule '{rule_id}'; {suggest(rule_id, list(rules))}")
            return EXIT_INPUT
        l = lang.value
        lines = [f"{rule.id} — {rule.title.get(l)}",
                 f"  clause:     {rule.clause} ({rule.pack})",
                 f"  modality:   {rule.modality.value}   severity: {rule.severity.value}   star level: {rule.level_label}",
                 f"  applies to: {_applies(rule, l)}",
                 f"  check:      {rule.check or '—'} ({rule.kind.value})",
                 f"  message:    {rule.message.get(l)}",
                 f"  defined in: {rule.source}"]
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
