"""L3: check functions. Importing this package registers every check in CHECKS (explicit, no globbing)."""

from ccaudit.checks import (  # noqa: F401 - imported to register their checks
    agency,
    channels,
    chat,
    common,
    design,
    needs,
    offices,
    phone,
    portal,
    scenarios,
    social,
    wording,
    written,
)
from ccaudit.engine.registry import CHECKS

__all__ = ["CHECKS"]
