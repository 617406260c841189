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
    source: str = ""


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
    return unique_ids(
        document for path in find_input_files(paths) for document in read_part(InputPart(path))
    )


def unique_ids(documents: Iterable[InputDocument]) -> Iterator[InputDocument]:
    """A repeated doc_id becomes an error record: the first document with an id wins."""
    seen: set[str] = set()
    for document in documents:
        if document.doc_id in seen:
            yield duplicate(document)
            continue
        seen.add(document.doc_id)
        yield document


def duplicate(document: InputDocument) -> InputDocument:
    return InputDocument(document.doc_id, None, f"{document.source}: duplicate doc_id "
                                                f"{document.doc_id!r}", document.source)


@dataclass(frozen=True)
class InputPart:
    """A piece of one input file that a worker can read on its own: a whole .txt file, or a
    byte range of whole lines of a .jsonl file, with the number of its first line."""

    path: Path
    start: int = 0
    end: int | None = None
    first_line: int = 1


def plan_parts(paths: Iterable[Path], lines_per_part: int) -> Iterator[InputPart]:
    """Cut the inputs into parts of at most `lines_per_part` JSONL lines (or one .txt file),
    reading only line ends, so that workers can read their own documents."""
    for path in find_input_files(paths):
        if path.suffix != ".jsonl":
            yield InputPart(path)
            continue
        start, first_line, lines = 0, 1, 0
        offset = 0
        with path.open("rb") as handle:
            for line in handle:
                offset += len(line)
                lines += 1
                if lines == lines_per_part:
                    yield InputPart(path, start, offset, first_line)
                    start, first_line, lines = offset, first_line + lines, 0
        if lines:
            yield InputPart(path, start, offset, first_line)


def read_part(part: InputPart) -> Iterator[InputDocument]:
    """The documents of one input part, in order, without the check for repeated ids."""
    reader = _read_jsonl if part.path.suffix == ".jsonl" else _read_txt
    return reader(part)


def _read_txt(part: InputPart) -> Iterator[InputDocument]:
    path = part.path
    try:
        # Bytes, not read_text(): newline translation would shift every offset.
        yield InputDocument(path.stem, path.read_bytes().decode("utf-8"), None, str(path))
    except UnicodeDecodeError as error:
        yield InputDocument(path.stem, None, f"{path}: not UTF-8 at byte {error.start}", str(path))
    except OSError as error:
        yield InputDocument(path.stem, None, f"{path}: cannot read: {error.strerror}", str(path))


def _read_jsonl(part: InputPart) -> Iterator[InputDocument]:
    path = part.path
    try:
        with path.open("rb") as handle:
            handle.seek(part.start)
            data = handle.read() if part.end is None else handle.read(part.end - part.start)
    except OSError as error:
        yield InputDocument(path.stem, None, f"{path}: cannot read: {error.strerror}", str(path))
        return
    for number, raw in enumerate(data.split(b"\n"), start=part.first_line):
        if raw.strip():
            yield _jsonl_document(path, number, raw)


def _jsonl_document(path: Path, number: int, raw: bytes) -> InputDocument:
    fallback_id = f"{path.stem}:{number}"
    where = f"{path}:{number}"
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        return InputDocument(fallback_id, None, f"{where}: not UTF-8 at byte {error.start}",
                             str(path))
    except json.JSONDecodeError as error:
        return InputDocument(fallback_id, None, f"{where}: invalid JSON: {error.msg}", str(path))
    if not isinstance(record, dict):
        return InputDocument(fallback_id, None, f"{where}: not a JSON object", str(path))
    doc_id = str(record.get("id", fallback_id))
    text = record.get("text")
    if not isinstance(text, str):
        problem = "no \"text\"" if text is None else "\"text\" is not a string"
        return InputDocument(doc_id, None, f"{where}: {problem}", str(path))
    return InputDocument(doc_id, text, None, str(path))
