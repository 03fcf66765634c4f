"""`ccaudit metrics`: the section 6 indicator table per unit, with sample, interval, stars and where it came from."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console, Group

from ccaudit.cli.base import EXIT_OK, Format, Lang, app, audit_with_progress, check_period, err, guard, overrides, write_atomic
from ccaudit.model.period import Period
from ccaudit.report.metrics import MetricsReporter


@app.command(epilog="Examples:  ccaudit metrics examples/minsoc-priokskaya --period 2026-Q3  ·  "
                    "ccaudit metrics . --period 2026-07-01..2026-08-31 --format json --output metrics.json")
def metrics(
    path: Annotated[Path, typer.Argument(help="The agency's config repository (with ccaudit.yaml, declarations/ and evidence/).")],
    period: Annotated[str | None, typer.Option("--period", callback=check_period,
                                                help="Period: 2026-Q3 (or 2026Q3), a year 2026, or days 2026-07-01..2026-08-31 "
                                                     "(default: ccaudit.yaml, else the current quarter).")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.terminal,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.")] = None,
    lang: Annotated[Lang | None, typer.Option("--lang", help="Language of bases and hints (default: ccaudit.yaml, else ru).")] = None,
    config: Annotated[str | None, typer.Option("--config", help="Configuration file relative to PATH (default: ccaudit.yaml).")] = None,
    skip_bad_rows: Annotated[bool, typer.Option("--skip-bad-rows", help="Leave bad evidence rows out and count them instead of failing (exit 2).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Print the section 6 indicators per unit (agency, life situations, points of contact).

    Each value shows its sample n, the 95 % Wilson interval of a share, the stars, what the next star
    needs, and its source: measured from evidence/, declared in metrics.yaml, or read from declarations.
    Exit 0 whatever the stars; exit 2 on bad input.
    """

    def body() -> int:
        changes = overrides(lang=(lang.value if lang else None, "--lang"),
                            period=(Period.parse(period) if period else None, "--period"),
                            skip_bad_rows=(True if skip_bad_rows else None, "--skip-bad-rows"))
        result = audit_with_progress(path, changes, config, quiet)
        reporter, report_lang = MetricsReporter(), result.config.lang
        if fmt is Format.json:
            text = reporter.render_json(result, report_lang)
        elif output is None and sys.stdout.isatty():
            Console().print(Group(*reporter.renderables(result, report_lang)))
            return EXIT_OK
        else:
            text = reporter.render_terminal(result, report_lang)
        if output is not None:
            write_atomic(output, text)
            err(f"ccaudit: wrote {output}")
        else:
            sys.stdout.write(text)
        return EXIT_OK

    raise typer.Exit(guard(body))
