"""The CLI's shared parts: the typer app, exit codes, option enums, error printing, the command guard, atomic writes."""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from ccaudit import __version__
from ccaudit.model.config import Override
from ccaudit.model.errors import InputErrors
from ccaudit.model.period import Period

EXIT_OK = 0
"""No failure at or above --fail-on, and the agency is not below --fail-under."""
EXIT_FINDINGS = 1
"""Findings or stars beyond the thresholds."""
EXIT_INPUT = 2
"""Bad input or usage (click uses 2 for usage errors too)."""
EXIT_INTERNAL = 3
"""A bug in ccaudit; the traceback is shown only with --debug."""

T = TypeVar("T")
STATE = {"debug": False}

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


def err(text: str) -> None:
    sys.stderr.write(text + "\n")


def fail_input(exc: InputErrors) -> NoReturn:
    err(exc.render())
    count = len(exc.errors)
    err(f"ccaudit: {count} error{'s' if count != 1 else ''} in the input; nothing was written")
    raise typer.Exit(EXIT_INPUT)


def guard(fn: Callable[[], T]) -> T:
    """Run a command body: user mistakes → exit 2, bugs → exit 3 (traceback only with --debug)."""
    try:
        return fn()
    except InputErrors as exc:
        fail_input(exc)
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception:  # noqa: BLE001 - the last line of defence
        if STATE["debug"]:
            traceback.print_exc()
        else:
            err("ccaudit: internal error, please report it with the output of --debug")
        raise typer.Exit(EXIT_INTERNAL) from None


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same directory and rename it into place."""
    write_all([(path, text)])


def _mode(path: Path) -> int:
    """The permissions a report gets: the file's own when it exists, else what the umask gives a new file."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_all(files: list[tuple[Path, str]]) -> None:
    """Write several files as one step: every text goes to a temporary file next to its target first, and only
    when all are written are they renamed into place; on any failure no target is touched."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files:
            path = path.resolve()
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            os.chmod(tmp, _mode(path))
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise


class Progress:
    """A progress bar on stderr for long runs: shown only on a terminal, without --quiet, and only once the run has
    taken longer than `delay` seconds (short audits print nothing)."""

    LABELS = {"load": "reading the repository", "rules": "checking the rules", "score": "scoring"}

    def __init__(self, enabled: bool, delay: float = 1.0) -> None:
        import time

        self.enabled, self.delay, self.clock = enabled, delay, time.monotonic
        self.start = self.clock()
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, step: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if self.clock() - self.start < self.delay:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bar

            self.bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                           console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.LABELS.get(step, step), total=total)
        self.bar.update(self.task, description=self.LABELS.get(step, step), completed=done, total=total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def audit_with_progress(path: Path, changes: dict[str, Override], config: str | None, quiet: bool) -> Any:
    """run_audit with the progress bar (a terminal, not --quiet) and the count of skipped evidence rows on stderr."""
    from ccaudit.audit import run_audit

    bar = Progress(enabled=not quiet and sys.stderr.isatty())
    try:
        result = run_audit(path, changes, config_file=config, progress=bar)
    finally:
        bar.close()
    for rel, rows, skipped in result.evidence_files:
        if skipped:
            err(f"ccaudit: {rel}: {skipped} bad rows skipped, {rows} rows used")
    return result


def parse_outputs(values: list[str] | None, default_format: str, formats: list[str]) -> list[tuple[str, Path]]:
    """--output values: FORMAT=PATH, or a bare PATH written in --format. Usage errors (exit 2) name the value."""
    out: list[tuple[str, Path]] = []
    for value in values or []:
        fmt, sep, path = value.partition("=")
        if not value or (sep and fmt in formats and not path):
            raise typer.BadParameter(f"no file name in {value!r}; write FORMAT=PATH, e.g. sarif=ccaudit.sarif", param_hint="--output")
        if sep and fmt in formats:
            out.append((fmt, Path(path)))
        elif sep and "/" not in fmt and "." not in fmt:
            raise typer.BadParameter(f"unknown format '{fmt}' in {value!r}; formats: {', '.join(formats)}", param_hint="--output")
        else:
            out.append((default_format, Path(value)))
    paths = [p.resolve() for _, p in out]
    if len(set(paths)) != len(paths):
        raise typer.BadParameter("two outputs name the same file", param_hint="--output")
    return out


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
    STATE["debug"] = debug


def overrides(**values: tuple[Any, str]) -> dict[str, Override]:
    return {k: v for k, v in values.items() if v[0] is not None}


def check_period(value: str | None) -> str | None:
    """Option callback: reject a malformed --period as a usage error (exit 2) before the command runs."""
    if value is not None:
        try:
            Period.parse(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    return value


