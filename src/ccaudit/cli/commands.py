"""The audit and repository commands: audit, validate, schema, config, diff."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console, Group

from ccaudit.audit import load_inputs
from ccaudit.cli.base import (
    EXIT_INPUT,
    EXIT_OK,
    FailOn,
    Lang,
    app,
    audit_with_progress,
    check_period,
    err,
    guard,
    overrides,
    parse_outputs,
    write_all,
)
from ccaudit.evidence.contracts import schema as evidence_schema
from ccaudit.model.baseline import baseline_text, load_baseline
from ccaudit.model.errors import InputError, InputErrors
from ccaudit.model.location import Location
from ccaudit.model.period import Period
from ccaudit.model.schema import SCHEMA_NAMES, schema_text
from ccaudit.report import REPORTERS
from ccaudit.report.diff import compare, render_json, render_markdown, render_terminal


def _check_format(value: str) -> str:
    if value not in REPORTERS:
        raise typer.BadParameter(f"unknown format '{value}'; formats: {', '.join(REPORTERS)}")
    return value


@app.command(epilog="Example:  ccaudit audit examples/zarechensk-admin -o json=report.json -o sarif=ccaudit.sarif --fail-on error")
def audit(
    path: Annotated[Path, typer.Argument(help="The agency's config repository (with ccaudit.yaml and declarations/).")],
    fmt: Annotated[str, typer.Option("--format", "-f", callback=_check_format,
                                     help=f"Format of the report on stdout: {', '.join(REPORTERS)}.")] = "terminal",
    output: Annotated[list[str] | None, typer.Option("--output", "-o", help=(
        "Write a report file instead of stdout: FORMAT=PATH (repeatable, e.g. -o json=report.json -o sarif=ccaudit.sarif), "
        "or PATH in --format. All files are written together, atomically, after the audit finished."))] = None,
    lang: Annotated[Lang | None, typer.Option("--lang", help="Report language (default: ccaudit.yaml, else ru).")] = None,
    fail_on: Annotated[FailOn | None, typer.Option("--fail-on", help="Lowest severity of a failure that gives exit 1 (default: error).")] = None,
    fail_under: Annotated[int | None, typer.Option("--fail-under", min=1, max=5, help="Exit 1 when the agency has fewer stars than this.")] = None,
    period: Annotated[str | None, typer.Option("--period", callback=check_period, help="Audited period: 2026-Q3 (or 2026Q3), a year 2026, or days 2026-07-01..2026-08-31 (default: ccaudit.yaml, else the current quarter).")] = None,
    target_level: Annotated[int | None, typer.Option("--target-level", min=1, max=5, help="Targeted star level; 5 makes «maximum level» rules errors.")] = None,
    pack: Annotated[list[str] | None, typer.Option("--pack", help=(
        "Rule pack to apply (repeatable; replaces 'packs' of ccaudit.yaml). An agency concept's overlay brings the "
        "Standard with it: --pack yanao audits against both."))] = None,
    concept_wording: Annotated[bool, typer.Option("--concept-wording", help=(
        "Lower the Standard rules a selected concept words more weakly to the concept's modality (default: the "
        "Standard's modality, with a note saying how the concept words it)."))] = False,
    config: Annotated[str | None, typer.Option("--config", help="Configuration file relative to PATH (default: ccaudit.yaml).")] = None,
    clause: Annotated[str | None, typer.Option("--clause", help="Run only the rules of these clauses, e.g. '4.6.4.*' (stars then reflect only them).")] = None,
    skip_bad_rows: Annotated[bool, typer.Option("--skip-bad-rows", help="Leave bad evidence rows out and count them instead of failing (exit 2).")] = False,
    fail_under_unit: Annotated[int | None, typer.Option("--fail-under-unit", min=1, max=5,
                                                        help="Exit 1 when a point of contact has fewer stars than this.")] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", help=(
        "Accepted failures (a baseline file, or an earlier JSON report): only failures not in it give exit 1; "
        "fixed ones are reported."))] = None,
    update_baseline: Annotated[bool, typer.Option("--update-baseline", help="Write the current failures to the --baseline file.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar (it shows on a terminal when the audit takes over a second).")] = False,
    render: Annotated[bool, typer.Option("--render", help=(
        "Also measure saved pages in headless Chromium: layout at 320 px, computed text contrast, running animations (needs chromium)."))] = False,
) -> None:
    """Audit a repository: validate it, run the rule packs, score stars, report.

    Example: ccaudit audit examples/minsoc-priokskaya
    """

    outputs = parse_outputs(output, fmt, list(REPORTERS))
    if update_baseline and baseline is None:
        raise typer.BadParameter("--update-baseline needs --baseline FILE (the file to write)", param_hint="--update-baseline")
    # stdout gets the --format report unless a bare --output PATH took it (the pre-0.2 `--format json --output F`)
    to_stdout = not any(value.partition("=")[0] not in REPORTERS for value in output or [])

    def body() -> int:
        changes = overrides(
            lang=(lang.value if lang else None, "--lang"), fail_on=(fail_on.value if fail_on else None, "--fail-on"),
            fail_under=(fail_under, "--fail-under"), period=(Period.parse(period) if period else None, "--period"),
            target_level=(target_level, "--target-level"), packs=(tuple(pack) if pack else None, "--pack"),
            clause=(clause, "--clause"), skip_bad_rows=(True if skip_bad_rows else None, "--skip-bad-rows"),
            fail_under_unit=(fail_under_unit, "--fail-under-unit"), render=(True if render else None, "--render"),
            concept_wording=(True if concept_wording else None, "--concept-wording"))
        if render:
            from ccaudit.html.capture import BROWSERS, find_browser

            if find_browser() is None:
                err("ccaudit: error: --render needs Chromium, and none was found on PATH (looked for " + ", ".join(BROWSERS) + ")\n"
                    "  hint: install it (apt-get install chromium), or audit without --render (static checks only)")
                return EXIT_INPUT
        result = audit_with_progress(path, changes, config, quiet)
        extra: list[tuple[Path, str]] = []
        if baseline is not None and update_baseline:
            extra.append((baseline, baseline_text(result)))
            result = replace(result, baseline=result.failing_fingerprints())
        elif baseline is not None:
            result = replace(result, baseline=load_baseline(baseline))
            fixed = result.fixed_in_baseline()
            if fixed:
                err(f"ccaudit: {len(fixed)} baseline findings fixed since {baseline} (update it with --update-baseline)")
        report_lang = result.config.lang
        files = [(target, REPORTERS[name].render(result, report_lang)) for name, target in outputs] + extra
        if files:
            write_all(files)
            for target, _ in files:
                err(f"ccaudit: wrote {target}")
        if not to_stdout:
            pass
        elif fmt == "terminal" and sys.stdout.isatty():
            Console().print(Group(*REPORTERS["terminal"].renderables(result, report_lang)))  # type: ignore[attr-defined]
        else:
            sys.stdout.write(REPORTERS[fmt].render(result, report_lang))
        return result.exit_code()

    raise typer.Exit(guard(body))


@app.command(epilog="Example:  ccaudit validate examples/minsoc-priokskaya")
def validate(
    path: Annotated[Path, typer.Argument(help="The agency's config repository.")],
    config: Annotated[str | None, typer.Option("--config", help="Configuration file relative to PATH.")] = None,
    skip_bad_rows: Annotated[bool, typer.Option("--skip-bad-rows", help="Leave bad evidence rows out and count them instead of failing.")] = False,
) -> None:
    """Check that a repository loads: YAML, schemas, references, waivers and tailoring. Runs no rules.

    Example: ccaudit validate .
    """

    def body() -> int:
        changes = overrides(skip_bad_rows=(True if skip_bad_rows else None, "--skip-bad-rows"))
        inputs = load_inputs(path, changes, config_file=config)
        decl, packs = inputs.declaration, inputs.packs
        points = len(decl.contact_points())
        declared = sum(1 for f in decl.files if f.startswith("declarations/"))
        typer.echo(f"ok: {declared} declaration files, {points} points of contact, "
                   f"{sum(len(p.rules) for p in packs)} rules in {', '.join(p.name for p in packs)}")
        for file in (inputs.evidence.files.values() if inputs.evidence else ()):
            skipped = f", {file.skipped} bad rows skipped" if file.skipped else ""
            typer.echo(f"evidence: {file.path}: {file.rows} rows{skipped}")
        return EXIT_OK

    raise typer.Exit(guard(body))


@app.command(epilog="Example:  ccaudit schema contact_point > .schemas/contact_point.schema.json")
def schema(
    kind: Annotated[str | None, typer.Argument(help=f"File kind: {', '.join(SCHEMA_NAMES)}, evidence.")] = None,
    list_kinds: Annotated[bool, typer.Option("--list", help="List the file kinds.")] = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of a file kind, for editors and other tools.

    Example: ccaudit schema declaration
    """
    if list_kinds or kind is None:
        typer.echo("\n".join((*SCHEMA_NAMES, "evidence")))
        raise typer.Exit(EXIT_OK)
    if kind == "evidence":  # the column contracts of the evidence CSV files (docs/evidence-format.md)
        sys.stdout.write(json.dumps(evidence_schema(), ensure_ascii=False, indent=2) + "\n")
        raise typer.Exit(EXIT_OK)
    if kind not in SCHEMA_NAMES:
        err(f"ccaudit: unknown schema kind '{kind}'; expected one of: {', '.join((*SCHEMA_NAMES, 'evidence'))}")
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
                  "max_file_bytes": cfg.max_file_bytes, "evidence_dir": cfg.evidence_dir, "skip_bad_rows": cfg.skip_bad_rows,
                  "personal_data": cfg.personal_data, "min_sample": cfg.min_sample}
        for name, value in values.items():
            typer.echo(f"{name:20} {'—' if value is None else value!s:40} {cfg.sources.get(name, 'default')}")
        for rule_id, why in cfg.disabled.items():
            typer.echo(f"{'disabled':20} {rule_id:40} {why}")
        return EXIT_OK

    raise typer.Exit(guard(body))


class DiffFormat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"


def _report(path: Path) -> dict[str, Any]:
    """A canonical JSON report with fingerprints, or InputErrors naming the file (and line:col of bad JSON)."""
    where = str(path)
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise InputErrors([InputError(Location(where), "report not found", "give a report written with --format json")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputErrors([InputError(Location(where), f"cannot read the report: {exc}", "give a UTF-8 JSON report")]) from None
    except json.JSONDecodeError as exc:
        raise InputErrors([InputError(Location(where, exc.lineno, exc.colno), f"not JSON: {exc.msg}",
                                      "give a report written with ccaudit audit --format json")]) from None
    if not isinstance(data, dict) or data.get("schema_version") != 1 or not isinstance(data.get("findings"), list):
        raise InputErrors([InputError(Location(where, 1, 1), "not a ccaudit JSON report (schema_version 1)",
                                      "write reports with ccaudit audit --format json")])
    if any(not isinstance(f, dict) or "fingerprint" not in f for f in data["findings"]):
        raise InputErrors([InputError(Location(where, 1, 1), "the report's findings have no fingerprints",
                                      "re-run the audit with this version of ccaudit to compare")])
    return data


@app.command(epilog="Example:  ccaudit diff reports/2026-Q2.json reports/2026-Q3.json --format markdown > progress.md")
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier JSON report.")],
    new: Annotated[Path, typer.Argument(help="The later JSON report.")],
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = DiffFormat.terminal,
    lang: Annotated[Lang | None, typer.Option("--lang", help="Language of the headings (default: the new report's).")] = None,
    fail_on_new: Annotated[bool, typer.Option("--fail-on-new", help="Exit 1 when the new report has failures the old one had not.")] = False,
) -> None:
    """Compare two JSON reports: new, fixed and still-failing findings, and star changes per unit.

    Findings are matched by their structural fingerprint (rule, item, place in the file), so moved lines do not
    make old findings new.
    """

    def body() -> int:
        before, after = _report(old), _report(new)
        result = compare(before, after)
        language = lang.value if lang else str(after.get("lang", "ru"))
        if fmt is DiffFormat.json:
            sys.stdout.write(render_json(result))
        elif fmt is DiffFormat.markdown:
            sys.stdout.write(render_markdown(result, language))
        else:
            sys.stdout.write(render_terminal(result, language))
        return 1 if fail_on_new and result.new else EXIT_OK

    raise typer.Exit(guard(body))
