"""Read input documents from .txt files, .jsonl files of {"id", "text"} and directories.

Every document found becomes one `InputDocument`, in input order; a document that cannot be read
is still yielded, with an error message, so that no input is silently lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = {".txt", ".jsonl"}


class InputPathError(Exception):
    """An input path given by the user does not exist or is not a .txt/.jsonl file or folder."""


@dataclass(frozen=True)
class InputDocument:
    """One document to process: its text, or the reason it could not be read."""

    doc_id: str
    text: str | None
    error: str | None = None


def find_input_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders (recursively, sorted) into the .txt and .jsonl files they hold."""
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputPathError(f"input path does not exist: {path}")
        if path.is_dir():
            files.extend(
                sorted(
                    (found for found in path.rglob("*")
                     if found.suffix in SUFFIXES and found.is_file()),
                    key=lambda found: found.relative_to(path).as_posix(),
                )
            )
        elif path.suffix in SUFFIXES:
            files.append(path)
        else:
            raise InputPathError(f"input file is not .txt or .jsonl: {path}")
    return files


def read_documents(paths: Iterable[Path]) -> Iterator[InputDocument]:
    """Yield the documents of all input paths, in order; ids are unique (first one wins)."""
    seen: set[str] = set()
    for path in find_input_files(paths):
        reader = _read_jsonl if path.suffix == ".jsonl" else _read_txt
        for document in reader(path):
            if document.doc_id in seen:
                yield InputDocument(
                    document.doc_id, None, f"{path}: duplicate doc_id {document.doc_id!r}"
                )
                continue
            seen.add(document.doc_id)
            yield document


def _read_txt(path: Path) -> Iterator[InputDocument]:
    try:
        # Bytes, not read_text(): newline translation would shift every offset.
        yield InputDocument(path.stem, path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as error:
        yield InputDocument(path.stem, None, f"{path}: not UTF-8 at byte {error.start}")
    except OSError as error:
        yield InputDocument(path.stem, None, f"{path}: cannot read: {error.strerror}")


def _read_jsonl(path: Path) -> Iterator[InputDocument]:
    try:
        lines = path.read_bytes().decode("utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as error:
        yield InputDocument(path.stem, None, f"{path}: cannot read: {error}")
        return
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        fallback_id = f"{path.stem}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputDocument(fallback_id, None, f"{path}:{number}: invalid JSON: {error.msg}")
            continue
        if not isinstance(record, dict):
            yield InputDocument(fallback_id, None, f"{path}:{number}: not a JSON object")
            continue
        doc_id = str(record.get("id", fallback_id))
        text = record.get("text")
        if not isinstance(text, str):
            problem = "no \"text\"" if text is None else "\"text\" is not a string"
            yield InputDocument(doc_id, None, f"{path}:{number}: {problem}")
            continue
        yield InputDocument(doc_id, text)
