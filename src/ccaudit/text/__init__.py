"""Russian plain-language analysis: the counting contract, readability indices and defect detectors.

Depends only on ccaudit.model (and razdel, pymorphy3); checks, reports and the CLI use it. The contract is written
word for word in docs/methodology.md ("Russian text analysis").
"""

from ccaudit.text.analysis import Analysis, analyse
from ccaudit.text.counts import Counts, Sentence, count, line_col, sentences
from ccaudit.text.defects import Defect
from ccaudit.text.markup import visible
from ccaudit.text.readability import Indices, SegmentLimits, coefficient_sets, readability, segment_limits

__all__ = ["Analysis", "Counts", "Defect", "Indices", "SegmentLimits", "Sentence", "analyse", "coefficient_sets", "count",
           "line_col", "readability", "segment_limits", "sentences", "visible"]
