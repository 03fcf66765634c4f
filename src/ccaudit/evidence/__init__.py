"""Evidence: CSV logs and survey answers with column contracts, loaded with pandas in the agency's time zone.

Depends only on ccaudit.model; pandas is imported only when a repository has evidence files. The section 6
indicators computed from it are the next step of issue 5 (scoring).
"""

from ccaudit.evidence.contracts import CONTRACTS, EVIDENCE_DIR, Column, Contract, schema
from ccaudit.evidence.loader import Evidence, EvidenceFile, load_evidence

__all__ = ["CONTRACTS", "EVIDENCE_DIR", "Column", "Contract", "Evidence", "EvidenceFile", "load_evidence", "schema"]
