"""Evidence: CSV logs and survey answers with column contracts, loaded with pandas in the agency's time zone.

Depends only on ccaudit.model; the engine hands it to checks, scoring computes the section 6 indicators from it.
"""
