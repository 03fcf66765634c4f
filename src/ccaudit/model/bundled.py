"""Where the data shipped with ccaudit lives: the rules/ directory (packs, text lexicons, readability coefficients)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def rules_dir() -> Path:
    """The bundled rules/ directory: inside the installed package, or the checkout's copy (editable install)."""
    packaged = Path(str(resources.files("ccaudit"))) / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rules"
