"""The JSON Lines files an evaluation compares, read with errors that name the file.

Gold and prediction folders are written by hand or by other tools, so a missing file, a bad line
or a record without the fields matching needs is reported here, naming the file and record,
rather than surfacing as a KeyError deep in matching.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import jsonlines

ENTITIES_FILE = "entities.jsonl"
CLAIMS_FILE = "claims.jsonl"
CORPUS_FILE = "corpus.jsonl"

# The fields matching reads; a record may have more. Not the contract's field order, which is
# pipeline.records.ENTITY_FIELDS and CLAIM_FIELDS.
REQUIRED_ENTITY_FIELDS = ("doc_id", "label", "start", "end")
REQUIRED_CLAIM_FIELDS = ("doc_id", "quantity.start", "quantity.end")


class EvaluationError(Exception):
    """A gold or prediction file is missing or unreadable; the message names the file."""


def load_records(directory: Path, name: str) -> list[dict]:
    """Read one JSON Lines file, turning a missing or malformed file into an EvaluationError."""
    path = Path(directory) / name
    if not path.is_file():
        raise EvaluationError(f"{name} not found: {path} does not exist or is not a file")
    try:
        with path.open(encoding="utf-8") as handle:
            return list(jsonlines.Reader(handle).iter(type=dict, skip_empty=True))
    except jsonlines.InvalidLineError as error:
        raise EvaluationError(f"{path}: {error}") from error
    except UnicodeDecodeError as error:
        raise EvaluationError(f"{path}: not UTF-8: {error}") from error


def load_checked(directory: Path, name: str, fields: Iterable[str]) -> list[dict]:
    """`load_records`, then `check_fields` on what it read."""
    records = load_records(directory, name)
    check_fields(records, fields, Path(directory) / name)
    return records


def _has(record: dict, dotted: str) -> bool:
    for key in dotted.split("."):
        if not isinstance(record, dict) or key not in record:
            return False
        record = record[key]
    return True


def check_fields(records: list[dict], fields: Iterable[str], path: Path | str) -> None:
    """Fail early, naming the file and record, when a record lacks one of the dotted `fields`."""
    for number, record in enumerate(records, start=1):
        missing = [name for name in fields if not _has(record, name)]
        if missing:
            raise EvaluationError(f"{path}: record {number} lacks {', '.join(missing)}")
