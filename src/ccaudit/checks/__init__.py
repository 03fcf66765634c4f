"""L3: check functions. Importing this package registers every check in CHECKS (explicit, no globbing)."""

from ccaudit.checks import (  # noqa: F401 - imported to register their checks
    agency,
    apps,
    channels,
    chat,
    common,
    design,
    feedback,
    logs,
    needs,
    offices,
    overlays,
    page_consistency,
    page_content,
    page_forms,
    page_navigation,
    page_style,
    pages,
    phone,
    plain,
    portal,
    register,
    scenarios,
    services,
    social,
    wording,
    written,
)
from ccaudit.engine.registry import CHECKS

__all__ = ["CHECKS"]
