"""L6: the command-line interface (typer). One module per group of commands; `base` holds what they share.

Importing a command module registers its commands on `app`.
"""

from __future__ import annotations

from ccaudit.cli import commands, init, metrics, rules, snapshot, text  # noqa: F401 - registers the commands
from ccaudit.cli.base import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, app, write_atomic

__all__ = ["EXIT_FINDINGS", "EXIT_INPUT", "EXIT_INTERNAL", "EXIT_OK", "app", "main", "write_atomic"]


def main() -> None:
    """Console-script entry point."""
    app()
