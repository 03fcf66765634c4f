"""Loading evidence CSV files against their contracts: explicit types, the agency's time zone, exact label folding,
every bad row reported at its line, personal data refused or hashed. pandas is imported only when evidence exists.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import os
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccaudit.evidence.contracts import CONTRACTS, EVIDENCE_DIR, Contract
from ccaudit.evidence.labels import grade
from ccaudit.model.errors import InputError
from ccaudit.model.location import Location
from ccaudit.model.schema import suggest

if TYPE_CHECKING:
    import pandas as pd

SHOWN_BAD_ROWS = 20
"""Bad rows listed per file; the rest are counted."""
DEFAULT_SALT = "ccaudit-pseudonym-v1"
SALT_ENV = "CCAUDIT_PD_SALT"
_PII_NAME = re.compile(r"(?i)(phone|телефон|^tel$|e-?mail|почт|snils|снилс|^inn$|^инн$|fio|фио|full_?name|surname|фамили|"
                       r"^имя$|first_?name|last_?name|passport|паспорт|address|адрес|birth|рожден)")
_PII_VALUE = re.compile(r"^\s*(?:\+?[78][\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}|[\w.+-]+@[\w-]+\.[\w.-]+|"
                        r"\d{3}-\d{3}-\d{3}[ -]\d{2}|[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|вна|ична))\s*$")
_OFFSET = r"(?:Z|[+-]\d\d:?\d\d)$"


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    kind: str
    path: str
    rows: int
    skipped: int
    frame: pd.DataFrame = field(repr=False)
    """The rows kept; the index is the row's position among the file's data rows (0 = the row after the header)."""
    source: str = ""
    """Absolute path of the file, to find a row's physical line."""

    def line(self, row: int) -> int:
        """The physical line a data row starts on (the header is line 1; quoted fields may span lines)."""
        return _physical_lines(Path(self.source))[row] if self.source else row + 2


@dataclass(frozen=True, slots=True)
class Evidence:
    files: Mapping[str, EvidenceFile]
    timezone: str

    def frame(self, kind: str) -> pd.DataFrame | None:
        found = self.files.get(kind)
        return None if found is None else found.frame


def load_evidence(root: Path, timezone: str, *, directory: str = EVIDENCE_DIR, skip_bad_rows: bool = False,
                  personal_data: str = "refuse", kinds: Collection[str] | None = None,
                  columns: Mapping[str, Collection[str]] | None = None) -> tuple[Evidence, list[InputError]]:
    """Every evidence file present under `directory`, parsed by its contract. Errors name file, line and column;
    with skip_bad_rows, bad rows are dropped and counted instead (the count is in EvidenceFile.skipped)."""
    base = root / directory
    files: dict[str, EvidenceFile] = {}
    errors: list[InputError] = []
    if not base.is_dir():
        return Evidence(files, timezone), errors
    for path in sorted(base.glob("*.csv")):
        rel = f"{directory}/{path.name}"
        kind = path.stem
        if kind not in CONTRACTS:
            errors.append(InputError(Location(rel), f"unknown evidence file '{path.name}'",
                                     f"{suggest(kind, list(CONTRACTS))}; evidence files are: "
                                     + ", ".join(f"{k}.csv" for k in CONTRACTS)))
            continue
        if kinds is not None and kind not in kinds:
            continue
        wanted = None if columns is None or kind not in columns else set(columns[kind])
        loaded, problems = _load_file(path, rel, CONTRACTS[kind], timezone, skip_bad_rows, personal_data, wanted)
        errors += problems
        if loaded is not None:
            files[kind] = loaded
    return Evidence(files, timezone), errors


def _load_file(path: Path, rel: str, contract: Contract, zone: str, skip: bool, personal_data: str,
               wanted: set[str] | None) -> tuple[EvidenceFile | None, list[InputError]]:
    head = path.open("rb").read(65536)
    problem = _encoding_problem(head)
    if problem:
        return None, [InputError(Location(rel, 1), problem[0], problem[1])]
    text_head = head.decode("utf-8-sig", errors="replace")
    first = text_head.splitlines()[0] if text_head.strip() else ""
    if not first:
        return None, [InputError(Location(rel, 1), "empty evidence file", "give a header row: " + ", ".join(c.name for c in contract.columns))]
    header = next(csv.reader([first]))
    errors = _header_errors(rel, header, contract, first)
    if errors:
        return None, errors
    import pandas as pd

    use = [c for c in header if wanted is None or c in wanted or (contract.column(c) and contract.column(c).required)]
    try:
        # usecols only when some columns are not needed: with it the C parser ignores rows with extra fields.
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=use if len(use) < len(header) else None,
                            encoding="utf-8-sig", engine="c")
    except UnicodeDecodeError as exc:
        return None, [InputError(Location(rel, _line_of_byte(path, exc.start)), "not UTF-8",
                                 "save the file as UTF-8 (e.g. iconv -f cp1251 -t utf-8)")]
    except (pd.errors.ParserError, csv.Error) as exc:
        line = re.search(r"line (\d+)", str(exc))
        return None, [InputError(Location(rel, int(line.group(1)) if line else None), f"malformed CSV: {exc}".rstrip("\n "),
                                 "every row needs as many comma-separated fields as the header; quote fields that contain commas")]
    bad: dict[int, list[str]] = {}
    out: dict[str, Any] = {}
    for name in use:
        col = contract.column(name)
        if col is None:
            continue
        raw = frame[name].str.strip()
        empty = raw == ""
        if col.required and col.type != "grade":  # an empty answer is «no answer»: kept, left out of the shares
            _mark(bad, empty, f"column '{name}': value is required")
        if col.type == "timestamp":
            out[name], broken = _timestamps(raw, empty, zone)
            _mark(bad, broken, f"column '{name}': {{value}} is not a date (expected YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][±hh:mm])", raw)
        elif col.type == "int":
            number = pd.to_numeric(raw.where(~empty), errors="coerce")
            broken = ~empty & (number.isna() | (number < 0) | (number % 1 != 0))
            _mark(bad, broken, f"column '{name}': {{value}} is not a whole number ≥ 0", raw)
            out[name] = number.astype("Int64")
        elif col.type == "enum":
            broken = ~empty & ~raw.isin(col.allowed)
            _mark(bad, broken, f"column '{name}': {{value}} is not one of {', '.join(col.allowed)}", raw)
            out[name] = raw.where(~empty & ~broken).astype(pd.CategoricalDtype(list(col.allowed)))
        else:
            out[name] = raw.where(~empty).astype("category")
    if contract.kind == "survey_answers" and "value" in frame and "question" in frame:
        out["grade"], messages = _grades(frame["question"].str.strip(), frame["value"].str.strip())
        for i, message in messages.items():
            bad.setdefault(i, []).append(f"column 'value': {message}")
    pii = _personal_data(frame, contract, use)
    if pii and personal_data != "hash":
        return None, [InputError(Location(rel, _physical_lines(path)[i] if i is not None else 1), f"column '{name}': {what}",
                                 "personal data must not reach ccaudit: pseudonymise the column (e.g. a salted hash of the "
                                 "client id), or set evidence: {personal_data: hash} in ccaudit.yaml to hash it on reading")
                      for name, what, i in pii]
    for name, _, _ in pii:
        salt = os.environ.get(SALT_ENV, DEFAULT_SALT)
        values = out[name].cat.categories
        hashed = {v: hashlib.sha256((salt + v).encode()).hexdigest()[:16] for v in values}
        out[name] = out[name].cat.rename_categories(hashed)
    result = pd.DataFrame(out, index=frame.index)
    if bad and not skip:
        lines = _physical_lines(path)
        shown = sorted(bad)[:SHOWN_BAD_ROWS]
        errors = [InputError(Location(rel, lines[i]), "; ".join(bad[i]),
                             "fix the row, or run with --skip-bad-rows to leave bad rows out and count them")
                  for i in shown]
        if len(bad) > SHOWN_BAD_ROWS:
            rest = sorted(bad)[SHOWN_BAD_ROWS:]  # located at the first row not shown, so the note sorts last
            errors.append(InputError(Location(rel, lines[rest[0]]), f"and {len(rest)} more bad rows (up to line {lines[rest[-1]]})",
                                     "fix them, or use --skip-bad-rows"))
        return None, errors
    if bad:
        result = result.drop(index=list(bad))
    return EvidenceFile(contract.kind, rel, len(result), len(bad), result, str(path)), []


def _encoding_problem(head: bytes) -> tuple[str, str] | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "the file is UTF-16", "save it as UTF-8 (CSV UTF-8 in spreadsheet programs)"
    if b"\x00" in head:
        return "the file contains NUL bytes (binary or UTF-16?)", "save it as UTF-8 text"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:
            return "not UTF-8 (cp1251?)", "save the file as UTF-8 (e.g. iconv -f cp1251 -t utf-8 FILE)"
    return None


def _header_errors(rel: str, header: list[str], contract: Contract, first: str) -> list[InputError]:
    names = [c.name for c in contract.columns]
    if len(header) == 1 and (";" in first or "\t" in first):
        delimiter = ";" if ";" in first else "a tab"
        return [InputError(Location(rel, 1), f"the header uses {delimiter} as the delimiter",
                           "evidence files are comma-separated; export them as CSV with commas")]
    errors = []
    for i, name in enumerate(header, 1):
        if contract.column(name) is None:
            if _PII_NAME.search(name):
                errors.append(InputError(Location(rel, 1, i), f"column '{name}' looks like personal data",
                                         "remove it: ccaudit needs only pseudonymous ids (user_id), never names, phones, e-mails or СНИЛС"))
            else:
                errors.append(InputError(Location(rel, 1, i), f"unknown column '{name}' in {contract.kind}.csv",
                                         f"{suggest(name, names)}; columns are: {', '.join(names)}"))
    for col in contract.columns:
        if col.required and col.name not in header:
            errors.append(InputError(Location(rel, 1), f"required column '{col.name}' is missing", f"columns are: {', '.join(names)}"))
    return errors


def _mark(bad: dict[int, list[str]], mask: Any, message: str, raw: Any = None) -> None:
    if not mask.any():
        return
    for i in mask[mask].index[: SHOWN_BAD_ROWS * 50]:
        bad.setdefault(int(i), []).append(message.replace("{value}", repr(raw[i]) if raw is not None else ""))
    for i in mask[mask].index[SHOWN_BAD_ROWS * 50:]:
        bad.setdefault(int(i), [])


def _timestamps(raw: Any, empty: Any, zone: str) -> tuple[Any, Any]:
    """Timestamps in the agency's zone: with an offset converted, without one taken as local time there."""
    import pandas as pd

    aware = raw.str.contains(_OFFSET, regex=True) & ~empty
    naive = ~aware & ~empty
    result = pd.Series(pd.NaT, index=raw.index, dtype=f"datetime64[ns, {zone}]")
    if aware.any():
        parsed = pd.to_datetime(raw[aware], format="ISO8601", utc=True, errors="coerce")
        result[aware] = parsed.dt.tz_convert(zone)
    if naive.any():
        parsed = pd.to_datetime(raw[naive], format="ISO8601", errors="coerce")
        result[naive] = parsed.dt.tz_localize(zone, ambiguous="NaT", nonexistent="NaT")
    return result, ~empty & result.isna()


def _grades(question: Any, value: Any) -> tuple[Any, dict[int, str]]:
    """Fold the few distinct (question, value) pairs once and map back by their codes: never per row."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(pd.MultiIndex.from_arrays([question, value]))
    judged = [grade(v, q) for q, v in uniques]
    table = pd.array([g if isinstance(g, int) else pd.NA for g in judged], dtype="Int8")
    grades = pd.Series(table.take(codes), index=question.index)
    failing = {k: g for k, g in enumerate(judged) if isinstance(g, str)}
    messages = {}
    if failing:
        rows = np.flatnonzero(np.isin(codes, list(failing)))
        messages = {int(question.index[r]): failing[int(codes[r])] for r in rows}
    return grades, messages


def _personal_data(frame: Any, contract: Contract, use: list[str]) -> list[tuple[str, str, int | None]]:
    """Id columns whose values look like phones, e-mails, СНИЛС or full names: (column, what, first row)."""
    found = []
    for name in use:
        col = contract.column(name)
        if col is None or col.type != "id":
            continue
        distinct = frame[name].drop_duplicates()
        hits = distinct[distinct.str.match(_PII_VALUE)]
        if len(hits):
            found.append((name, f"values look like personal data (e.g. row {int(hits.index[0]) + 2})", int(hits.index[0])))
    return found


def _physical_lines(path: Path) -> list[int]:
    """The line on which each data row starts (header = line 1; a quoted field may span lines)."""
    stat = path.stat()
    return _lines_of(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _lines_of(path: str, mtime_ns: int, size: int) -> list[int]:
    """_physical_lines, cached per version of the file (findings of several rules point into the same log)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        starts = []
        previous = reader.line_num
        for _ in reader:
            starts.append(previous + 1)
            previous = reader.line_num
    return starts


def _line_of_byte(path: Path, offset: int) -> int:
    with path.open("rb") as handle:
        return handle.read(offset).count(b"\n") + 1
