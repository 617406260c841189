"""Flat tables of a run for spreadsheets, pandas and SQL: one row per claim, one per entity.

A claim's spans become three columns each (`subject_text`, `subject_start`, `subject_end`, ...);
its `entities` list is left out (the entities table has them, joined on `doc_id` and offsets).
CSV is written with the standard library; Parquet through DuckDB (the `tables` extra), from
the CSV with every column's type given, so ids stay text ("0001") and offsets integers.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

from pipeline.records import CLAIM_FIELDS, ENTITY_FIELDS, SPAN_FIELDS, read_jsonl

TABLE_FORMATS = ("csv", "parquet")
_NUMBERS = {"value", "low", "high", "si_value", "si_low", "si_high"}


def claim_columns() -> list[str]:
    """The claims table's columns, in the contract's field order."""
    columns: list[str] = []
    for field in CLAIM_FIELDS:
        if field in SPAN_FIELDS:
            columns += [f"{field}_text", f"{field}_start", f"{field}_end"]
        elif field != "entities":
            columns.append(field)
    return columns


def column_type(column: str) -> str:
    """The SQL type of a column: offsets are integers, values doubles, the rest text."""
    if column in _NUMBERS:
        return "DOUBLE"
    if column.endswith(("_start", "_end")) or column in {"start", "end"}:
        return "BIGINT"
    return "VARCHAR"


def flat_claim(claim: dict) -> dict:
    row: dict = {}
    for field in CLAIM_FIELDS:
        if field in SPAN_FIELDS:
            span = claim.get(field) or {}
            row.update({f"{field}_{part}": span.get(part) for part in ("text", "start", "end")})
        elif field != "entities":
            row[field] = claim.get(field)
    return row


class TableError(Exception):
    """The tables cannot be written (no run in the folder, or DuckDB missing for Parquet)."""


def write_tables(pred_dir: Path, out_dir: Path, table_format: str) -> dict[str, int]:
    """Write `claims.<format>` and `entities.<format>` into `out_dir` from the run in
    `pred_dir`; returns the rows written per table."""
    if table_format not in TABLE_FORMATS:
        raise TableError(f"unknown table format {table_format!r}: use csv or parquet")
    for name in ("claims.jsonl", "entities.jsonl"):
        if not (pred_dir / name).exists():
            raise TableError(f"{pred_dir / name} does not exist: is {pred_dir} a run's output?")
    tables = {
        "claims": (claim_columns(), (flat_claim(claim)
                                     for claim in read_jsonl(pred_dir / "claims.jsonl"))),
        "entities": (list(ENTITY_FIELDS), read_jsonl(pred_dir / "entities.jsonl")),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, (columns, rows) in tables.items():
        target = out_dir / f"{name}.{table_format}"
        if table_format == "csv":
            counts[name] = _write_csv(target, columns, rows)
        else:
            with tempfile.TemporaryDirectory(dir=out_dir) as scratch:
                staged = Path(scratch) / f"{name}.csv"
                counts[name] = _write_csv(staged, columns, rows)
                _csv_to_parquet(staged, target, columns)
    return counts


def _write_csv(path: Path, columns: list[str], rows) -> int:
    """RFC 4180 CSV in UTF-8, header first; None is an empty cell. Written under a temporary
    name and renamed, so a failure leaves no half table."""
    temporary = path.with_name(f".{path.name}.tmp")
    count = 0
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    os.replace(temporary, path)
    return count


def _csv_to_parquet(source: Path, target: Path, columns: list[str]) -> None:
    try:
        import duckdb
    except ImportError:
        raise TableError("Parquet is written through DuckDB: pip install 'duckdb>=1.0' "
                         "(or the 'tables' extra)") from None
    types = ", ".join(f"'{column}': '{column_type(column)}'" for column in columns)
    source_text, target_text = _sql_string(source), _sql_string(target.with_name(
        f".{target.name}.tmp"))
    connection = duckdb.connect()
    try:
        connection.execute(
            f"COPY (SELECT * FROM read_csv({source_text}, header = true, "
            f"columns = {{{types}}})) TO {target_text} (FORMAT parquet)"
        )
    finally:
        connection.close()
    os.replace(target.with_name(f".{target.name}.tmp"), target)


def _sql_string(path: Path) -> str:
    """A path as an SQL string literal (a quote in a folder name is doubled)."""
    return "'" + str(path).replace("'", "''") + "'"
