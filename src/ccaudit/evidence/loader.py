"""Loading evidence CSV files against their contracts: explicit types, the agency's time zone, exact label folding,
every bad row reported at its line, personal data refused or hashed. pandas is imported only when evidence exists.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import operator
import os
import re
import warnings
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccaudit.evidence.contracts import CONTRACTS, EVIDENCE_DIR, Contract
from ccaudit.evidence.labels import grade
from ccaudit.model.errors import InputError
from ccaudit.model.location import Location
from ccaudit.model.schema import suggest
from ccaudit.model.yamlio import inside

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
        if not inside(root, path):
            errors.append(InputError(Location(rel), "is a symbolic link that leads outside the repository",
                                     "copy the file into the repository instead of linking to it"))
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
    import numpy as np
    import pandas as pd

    use = [c for c in header if wanted is None or c in wanted or (contract.column(c) and contract.column(c).required)]
    dtypes = {c: ("object" if contract.column(c) is None or contract.column(c).many else "category") for c in use}  # type: ignore[union-attr]
    try:
        # usecols only when some columns are not needed: with it the C parser ignores rows with extra fields.
        # index_col=False: a row with more fields than the header must not be shifted into an index; pandas then
        # warns (and would drop the extra fields), and the rows are found and reported below
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            frame = pd.read_csv(path, dtype=dtypes, keep_default_na=False, usecols=use if len(use) < len(header) else None,
                                encoding="utf-8-sig", engine="c", index_col=False)
        if any(issubclass(w.category, pd.errors.ParserWarning) for w in caught):
            return None, _long_rows(path, rel, len(header))
    except UnicodeDecodeError as exc:
        return None, [InputError(Location(rel, _line_of_byte(path, exc.start)), "not UTF-8",
                                 "save the file as UTF-8 (e.g. iconv -f cp1251 -t utf-8)")]
    except (pd.errors.ParserError, csv.Error) as exc:
        line = re.search(r"line (\d+)", str(exc))
        row = re.search(r"row (\d+)", str(exc))  # "EOF inside string starting at row N": N counts the header as row 0
        where = int(line.group(1)) if line else _physical_start(path, int(row.group(1))) if row else None
        return None, [InputError(Location(rel, where), f"malformed CSV: {exc}".rstrip("\n "),
                                 "every row needs as many comma-separated fields as the header; quote fields that contain commas")]
    bad: dict[int, list[str]] = {}
    out: dict[str, Any] = {}
    factors: dict[str, tuple[Any, Any]] = {}
    for name in use:
        col = contract.column(name)
        if col is None:
            continue
        codes, uniques = factors[name] = _factor(frame[name], distinct=not col.many)
        empty_u = uniques == ""
        if col.required and col.type != "grade":  # an empty answer is «no answer»: kept, left out of the shares
            _mark(bad, empty_u[codes], f"column '{name}': value is required")
        if col.type == "timestamp":
            values, broken_u = _timestamps(uniques, empty_u, zone)
            out[name] = values if _identity(codes, uniques) else values.take(codes)
            _mark(bad, broken_u[codes], f"column '{name}': {{value}} is not a date (expected YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][±hh:mm])",
                  (codes, uniques))
        elif col.type == "int":
            number = pd.to_numeric(pd.Series(uniques).where(~empty_u), errors="coerce")
            broken_u = (~empty_u & (number.isna() | (number < 0) | (number % 1 != 0))).to_numpy()
            _mark(bad, broken_u[codes], f"column '{name}': {{value}} is not a whole number ≥ 0", (codes, uniques))
            ints = number.where(~pd.Series(broken_u)).to_numpy(dtype="float64")
            out[name] = pd.array(ints, dtype="Float64").astype("Int64").take(codes)
        elif col.type == "enum":
            allowed = {v: i for i, v in enumerate(col.allowed)}
            positions = np.array([allowed.get(u, -1) for u in uniques], dtype=np.int64)
            _mark(bad, (~empty_u & (positions < 0))[codes], f"column '{name}': {{value}} is not one of {', '.join(col.allowed)}",
                  (codes, uniques))
            out[name] = pd.Categorical.from_codes(positions[codes] if len(codes) else codes, categories=list(col.allowed))
        elif col.many:  # one value per row or nearly: plain strings (None when empty), no categories to build
            values = uniques if _identity(codes, uniques) else uniques[codes]
            out[name] = np.where(empty_u[codes], None, values) if empty_u.any() else values
        else:
            kept = uniques[~empty_u]
            positions = np.full(len(uniques), -1, dtype=np.int64)
            positions[~empty_u] = np.arange(len(kept))
            out[name] = pd.Categorical.from_codes(positions[codes] if len(codes) else codes, categories=pd.Index(kept, dtype=object))
    if contract.kind == "survey_answers" and "value" in factors and "question" in factors:
        out["grade"], messages = _grades(factors["question"], factors["value"])
        for i, message in messages.items():
            bad.setdefault(i, []).append(f"column 'value': {message}")
    pii = _personal_data(factors, contract, use)
    if pii and personal_data != "hash":
        return None, [InputError(Location(rel, _physical_lines(path)[i] if i is not None else 1), f"column '{name}': {what}",
                                 "personal data must not reach ccaudit: pseudonymise the column (e.g. a salted hash of the "
                                 "client id), or set evidence: {personal_data: hash} in ccaudit.yaml to hash it on reading")
                      for name, what, i in pii]
    for name, _, _ in pii:
        salt = os.environ.get(SALT_ENV, DEFAULT_SALT)
        codes, uniques = factors[name]
        hashed = np.array([None if u == "" else hashlib.sha256((salt + u).encode()).hexdigest()[:16] for u in uniques], dtype=object)
        out[name] = hashed[codes] if contract.column(name).many else pd.Categorical(hashed[codes])  # type: ignore[union-attr]
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


def _factor(series: Any, distinct: bool = True) -> tuple[Any, Any]:
    """(codes, uniques): every row's index into its column's distinct values, stripped of surrounding spaces.
    All checks and parsing then run once per distinct value, never per row."""
    import numpy as np
    import pandas as pd

    if isinstance(series.dtype, pd.CategoricalDtype):
        codes, uniques = series.cat.codes.to_numpy(), series.cat.categories.to_numpy(dtype=object)
    elif distinct:
        codes, uniques = pd.factorize(series.to_numpy(dtype=object))
    else:  # timestamps and a record's own ids: nearly one value per row, so the rows stand for their distinct values
        # (hashing ten million strings to find the few repeats costs seconds and saves nothing)
        uniques = series.to_numpy(dtype=object)
        codes = np.arange(len(uniques))
    # str.strip returns the very same object when there is nothing to strip, so the list comparison is an identity
    # check per value: both run in C, with no per-value Python and no fixed-width copy of the column
    try:
        trimmed = list(map(str.strip, uniques))
    except TypeError:  # not text (pandas read something as missing): compare as text
        trimmed = list(map(str.strip, map(str, uniques)))
    if trimmed != uniques.tolist():
        uniques = np.array(trimmed, dtype=object)
        if len(set(trimmed)) != len(trimmed):  # « a» and «a» are one value
            again, uniques = pd.factorize(uniques)
            codes = again[codes]
    if (codes < 0).any():  # a category read as missing: an empty field
        uniques = np.append(uniques, "")
        codes = np.where(codes < 0, len(uniques) - 1, codes)
    return codes, np.asarray(uniques, dtype=object)


def _identity(codes: Any, uniques: Any) -> bool:
    """The codes of an object column factored with distinct=False and nothing merged: row i is uniques[i]."""
    return len(codes) == len(uniques)


def _mark(bad: dict[int, list[str]], mask: Any, message: str, raw: tuple[Any, Any] | None = None) -> None:
    """Record a problem for every row where `mask` (a boolean array over the rows) is true; the first rows get the
    message with their value, the rest are only counted."""
    import numpy as np

    rows = np.flatnonzero(mask)
    if not len(rows):
        return
    for i in rows[: SHOWN_BAD_ROWS * 50]:
        value = "" if raw is None else repr(raw[1][raw[0][i]])
        bad.setdefault(int(i), []).append(message.replace("{value}", value))
    for i in rows[SHOWN_BAD_ROWS * 50:]:
        bad.setdefault(int(i), [])


def _timestamps(uniques: Any, empty: Any, zone: str) -> tuple[Any, Any]:
    """The distinct timestamps in the agency's zone (with an offset converted, without one taken as local time
    there), and which of them are broken. An offset is detected from the last characters: Z, ±hh:mm or ±hhmm."""
    import numpy as np
    import pandas as pd

    # only the last six characters matter: a fixed-width copy of them, not of the whole column
    count = len(uniques)
    tails = np.fromiter(map(operator.itemgetter(slice(-6, None)), uniques), dtype="U6", count=count)
    chars = tails.view("U1").reshape(count, 6)  # a tail shorter than 6 belongs to a value too short to be aware
    lengths = np.fromiter(map(len, uniques), dtype=np.int64, count=count)

    def at(back: int) -> Any:
        return chars[:, 6 - back]

    def sign(char: Any) -> Any:
        return (char == "+") | (char == "-")

    aware = ~empty & (lengths > 10) & ((at(1) == "Z") | (sign(at(6)) & (at(3) == ":")) | (sign(at(5)) & np.char.isdigit(at(1))))
    naive = ~empty & ~aware
    values = np.full(count, np.datetime64("NaT"), dtype="datetime64[ns]")  # UTC instants
    if aware.any():
        parsed = pd.to_datetime(uniques if aware.all() else uniques[aware], format="ISO8601", utc=True, errors="coerce")
        values[aware] = parsed.tz_convert(None).to_numpy(dtype="datetime64[ns]")
    if naive.any():
        parsed = pd.to_datetime(uniques if naive.all() else uniques[naive], format="ISO8601", errors="coerce")
        local = pd.DatetimeIndex(parsed).tz_localize(zone, ambiguous="NaT", nonexistent="NaT")
        values[naive] = local.tz_convert(None).to_numpy(dtype="datetime64[ns]")
    index = pd.DatetimeIndex(values).tz_localize("UTC").tz_convert(zone)
    return index.array, ~empty & np.isnat(values)


def _grades(question: tuple[Any, Any], value: tuple[Any, Any]) -> tuple[Any, dict[int, str]]:
    """Fold the few distinct (question, value) pairs once and map back by their codes: never per row."""
    import numpy as np
    import pandas as pd

    (q_codes, q_uniques), (v_codes, v_uniques) = question, value
    pairs = q_codes.astype(np.int64) * max(len(v_uniques), 1) + v_codes
    space = len(q_uniques) * max(len(v_uniques), 1)
    if space <= max(len(pairs), 1 << 16):  # the usual few questions × few dozen spellings: count, do not sort
        distinct = np.flatnonzero(np.bincount(pairs, minlength=space))
        position = np.zeros(space, dtype=np.int64)
        position[distinct] = np.arange(len(distinct))
        codes = position[pairs]
    else:
        distinct, codes = np.unique(pairs, return_inverse=True)
    judged = [grade(str(v_uniques[p % max(len(v_uniques), 1)]), str(q_uniques[p // max(len(v_uniques), 1)])) for p in distinct]
    table = pd.array([g if isinstance(g, int) else pd.NA for g in judged], dtype="Int8")
    grades = table.take(codes) if len(codes) else pd.array([], dtype="Int8")
    failing = {k: g for k, g in enumerate(judged) if isinstance(g, str)}
    messages = {}
    if failing:
        rows = np.flatnonzero(np.isin(codes, list(failing)))
        messages = {int(r): failing[int(codes[r])] for r in rows}
    return grades, messages


PII_SAMPLE = 50_000
"""Distinct values of an id column checked for personal data (the rows of a column with nearly one value per row,
Column.many); above it, an even sample of this many (a column of phone numbers or e-mails shows in any sample)."""


def _personal_data(factors: dict[str, tuple[Any, Any]], contract: Contract, use: list[str]) -> list[tuple[str, str, int | None]]:
    """Id columns whose values look like phones, e-mails, СНИЛС or full names: (column, what, first row)."""
    import numpy as np

    found = []
    for name in use:
        col = contract.column(name)
        if col is None or col.type != "id" or name not in factors:
            continue
        codes, uniques = factors[name]
        step = max(1, len(uniques) // PII_SAMPLE)
        hit = next((k for k in range(0, len(uniques), step) if _PII_VALUE.match(uniques[k])), None)
        if hit is not None:
            row = int(np.argmax(codes == hit))
            found.append((name, f"values look like personal data (e.g. row {row + 2})", row))
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


def _long_rows(path: Path, rel: str, width: int) -> list[InputError]:
    """Rows with more fields than the header, at their lines (the first SHOWN_BAD_ROWS, then a count)."""
    found = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        start = reader.line_num + 1
        for fields in reader:
            if len(fields) > width:
                found.append((start, len(fields)))
            start = reader.line_num + 1
    errors = [InputError(Location(rel, line), f"row has {count} fields, the header has {width}",
                         "quote fields that contain commas, or remove the extra separators") for line, count in found[:SHOWN_BAD_ROWS]]
    if len(found) > SHOWN_BAD_ROWS:
        errors.append(InputError(Location(rel, found[SHOWN_BAD_ROWS][0]), f"and {len(found) - SHOWN_BAD_ROWS} more rows with extra fields",
                                 "fix them all: a shifted row would put values into the wrong columns"))
    return errors


def _physical_start(path: Path, row: int) -> int:
    """The line a record starts on, counting the header as record 0, for a file whose quoting may be broken."""
    lines = _physical_lines(path)
    return lines[row - 1] if 0 < row <= len(lines) else row + 1


def _line_of_byte(path: Path, offset: int) -> int:
    with path.open("rb") as handle:
        return handle.read(offset).count(b"\n") + 1
