"""Russian plain-language analysis: the counting contract, readability indices and defect detectors.

Depends only on ccaudit.model (and razdel, pymorphy3); checks, reports and the CLI use it.
"""
