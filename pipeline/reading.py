"""Read input documents from .txt files, .jsonl files of {"id", "text"} and directories.

Every document found becomes one `InputDocument`, in input order; a document that cannot be read
is still yielded, with an error message that says what is wrong and where, so that no input is
silently lost. Texts are UTF-8; a byte-order mark at the start of a file is dropped (it is not
text), and line endings are kept as they are, so that offsets index the original text.

Inputs are local paths, or URLs with a protocol (s3://, gs://, memory://, file://...) read
through fsspec, which is imported only when a URL is given. A URL stays a string all the way to
the reader: `Path` would collapse its "//".
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath
from typing import IO

SUFFIXES = {".txt", ".jsonl"}
BYTE_ORDER_MARK = b"\xef\xbb\xbf"
URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+(://|::)")  # a protocol, or fsspec's chained "a::b://"


class InputPathError(Exception):
    """An input path given by the user does not exist or is not a .txt/.jsonl file or folder."""


@dataclass(frozen=True)
class InputDocument:
    """One document to process: its text, or the reason it could not be read."""

    doc_id: str
    text: str | None
    error: str | None = None
    source: str = ""


@dataclass(frozen=True)
class InputPart:
    """A piece of one input file that a worker can read on its own: a whole .txt file, or a
    byte range of whole lines of a .jsonl file, with the number of its first line. `path` is a
    local Path or a URL string. `problem` says why a path found in a folder cannot be read at
    all (a symlink loop, say)."""

    path: Path | str
    start: int = 0
    end: int | None = None
    first_line: int = 1
    problem: str | None = None


def is_url(path: Path | str) -> bool:
    """Whether an input is a URL (a string with a protocol), read through fsspec."""
    return isinstance(path, str) and URL.match(path) is not None


def input_path(name: str) -> Path | str:
    """An input as given on the command line: a URL stays a string, anything else is a Path."""
    return name if is_url(name) else Path(name)


def find_inputs(paths: Iterable[Path | str]) -> list[InputPart]:
    """Expand folders (recursively, sorted, following symlinks) into the .txt and .jsonl files
    they hold, one part per file. A symlink back into a folder being walked, or a folder that
    cannot be listed, becomes a part with a `problem`, reported as an error record. URLs are
    expanded the same way, through fsspec."""
    found: list[InputPart] = []
    for path in paths:
        if is_url(path):
            found.extend(_find_url(path))
        elif path.is_dir():
            found.extend(sorted(_walk(path, frozenset()),
                                key=lambda part: part.path.relative_to(path).as_posix()))
        elif path.suffix in SUFFIXES and (path.exists() or path.is_symlink()):
            found.append(InputPart(path))
        elif not path.exists():
            raise InputPathError(f"input path does not exist: {path}")
        else:
            raise InputPathError(f"input file is not .txt or .jsonl: {path}")
    return found


def _find_url(url: str) -> list[InputPart]:
    """A file URL, or a folder URL's .txt and .jsonl files (recursively, sorted like a local
    folder's), each named by the URL as given plus its path below it."""
    filesystem, root = _filesystem(url)
    try:
        is_folder, exists = filesystem.isdir(root), filesystem.exists(root)
    except OSError as error:  # no access to the bucket, say: nothing can be read
        raise InputPathError(f"cannot read {url}: {error.strerror or error}") from None
    if is_folder:
        try:
            names = [PurePosixPath(name).relative_to(root).as_posix()
                     for name in filesystem.find(root)]
        except OSError as error:
            return [InputPart(url, problem=f"cannot list folder: {error.strerror or error}")]
        folder = url if url.endswith("/") else f"{url}/"
        return [InputPart(folder + name) for name in sorted(names)
                if PurePosixPath(name).suffix in SUFFIXES]
    if not exists:
        raise InputPathError(f"input path does not exist: {url}")
    if PurePosixPath(root).suffix not in SUFFIXES:
        raise InputPathError(f"input file is not .txt or .jsonl: {url}")
    return [InputPart(url)]


def _filesystem(url: str) -> tuple:
    """fsspec's filesystem for `url` and the path in it, or a usage error naming the package
    to install."""
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise InputPathError(f"cannot read {url}: URL inputs need fsspec: pip install "
                             "'fsspec>=2023.1' (or the 'dask' extra)") from None
    try:
        return url_to_fs(url)
    except ImportError as error:  # the protocol's own package (s3fs, gcsfs), named by fsspec
        raise InputPathError(f"cannot read {url}: {error} (with --engine dask, on every "
                             "worker too)") from None
    except ValueError as error:  # a protocol fsspec does not know
        raise InputPathError(f"cannot read {url}: {error}") from None


def _open(path: Path | str) -> IO[bytes]:
    """Open an input file for reading bytes: a local path as it is, a URL through fsspec."""
    if isinstance(path, Path):
        return path.open("rb")
    filesystem, name = _filesystem(path)
    return filesystem.open(name, "rb")


def _read_bytes(path: Path | str) -> bytes:
    if isinstance(path, Path):
        return path.read_bytes()
    filesystem, name = _filesystem(path)
    return filesystem.cat_file(name)


def _is_file(path: Path | str) -> bool:
    if isinstance(path, Path):
        return path.is_file()
    filesystem, name = _filesystem(path)
    return filesystem.isfile(name)


def _name(path: Path | str) -> PurePath:
    """For the name, stem and suffix of a local path or a URL."""
    return path if isinstance(path, PurePath) else PurePosixPath(path)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link to itself: reported when read as a file, if it is named like one
        return False


def _walk(folder: Path, ancestors: frozenset[str]) -> Iterator[InputPart]:
    ancestors = ancestors | {os.path.realpath(folder)}
    try:
        entries = list(os.scandir(folder))
    except OSError as error:
        yield InputPart(folder, problem=f"cannot list folder: {error.strerror}")
        return
    for entry in entries:
        path = Path(entry.path)
        if _is_folder(entry):
            if os.path.realpath(path) in ancestors:
                yield InputPart(path, problem=f"symlink loop: leads back to "
                                              f"{os.path.realpath(path)}, not followed")
            else:
                yield from _walk(path, ancestors)
        elif path.suffix in SUFFIXES:
            yield InputPart(path)  # a broken link or unreadable file is reported when read


def read_documents(paths: Iterable[Path | str]) -> Iterator[InputDocument]:
    """Yield the documents of all input paths, in order; ids are unique (first one wins)."""
    return read_inputs(find_inputs(paths))


def read_inputs(found: Iterable[InputPart]) -> Iterator[InputDocument]:
    """The documents of the inputs `find_inputs` found, in order, ids made unique."""
    return unique_ids(document for part in found for document in read_part(part))


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


def plan_parts(found: Iterable[InputPart], lines_per_part: int) -> Iterator[InputPart]:
    """Cut the inputs into parts of at most `lines_per_part` non-blank JSONL lines (or one .txt
    file), reading only line ends, so that workers can read their own documents. The last part
    of a file reads to its end; a file without lines is one part, so it is reported too."""
    for whole in found:
        path = whole.path
        if whole.problem or _name(path).suffix != ".jsonl" or not _is_file(path):
            yield whole
            continue
        start, first_line, lines, number, offset = 0, 1, 0, 0, 0
        with _open(path) as handle:
            for line in handle:
                offset += len(line)
                number += 1
                lines += bool(line.strip())
                if lines == lines_per_part:
                    yield InputPart(path, start, offset, first_line)
                    start, first_line, lines = offset, number + 1, 0
        if lines or start == 0:
            yield InputPart(path, start, None, first_line)


def count_documents(found: Iterable[InputPart]) -> int:
    """How many documents (and error records) the inputs will give: one per file, one per
    non-blank JSONL line. Reads only line ends; for a progress display's total."""
    total = 0
    for part in found:
        if part.problem is None and _name(part.path).suffix == ".jsonl" and _is_file(part.path):
            with _open(part.path) as handle:
                total += max(1, sum(1 for line in handle if line.strip()))
        else:
            total += 1
    return total


def read_part(part: InputPart) -> Iterator[InputDocument]:
    """The documents of one input part, in order, without the check for repeated ids."""
    if part.problem is not None:
        return iter([_error(part.path, _name(part.path).name, part.problem)])
    reader = _read_jsonl if _name(part.path).suffix == ".jsonl" else _read_txt
    return reader(part)


def _error(path: Path | str, doc_id: str, problem: str) -> InputDocument:
    return InputDocument(doc_id, None, f"{path}: {problem}", str(path))


def _read_txt(part: InputPart) -> Iterator[InputDocument]:
    path = part.path
    try:
        # Bytes, not read_text(): newline translation would shift every offset.
        data = _read_bytes(path)
    except OSError as error:
        yield _error(path, _name(path).stem, f"cannot read: {error.strerror or error}")
        return
    skipped = len(BYTE_ORDER_MARK) if data.startswith(BYTE_ORDER_MARK) else 0
    text, problem = decode_text(data[skipped:], skipped)
    if problem is None and not text.strip():
        problem = "empty file" if not text else "only whitespace, no text"
    yield InputDocument(_name(path).stem, text if problem is None else None,
                        None if problem is None else f"{path}: {problem}", str(path))


def decode_text(data: bytes, offset: int = 0) -> tuple[str | None, str | None]:
    """(text, None) for UTF-8 text, else (None, what is wrong at which byte of the file);
    `offset` is where `data` starts in its file."""
    if b"\x00" in data:
        return None, f"binary data, not text (NUL byte at byte {offset + data.index(0)})"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        return None, f"not UTF-8 at byte {offset + error.start}"


def _read_jsonl(part: InputPart) -> Iterator[InputDocument]:
    """Line by line, so that a large file is never held in memory."""
    path = part.path
    found = False
    offset = part.start
    try:
        with _open(path) as handle:
            handle.seek(part.start)
            for number, raw in enumerate(handle, start=part.first_line):
                if part.end is not None and offset >= part.end:
                    break
                line_start, offset = offset, offset + len(raw)
                if line_start == 0 and raw.startswith(BYTE_ORDER_MARK):
                    raw, line_start = raw[len(BYTE_ORDER_MARK):], len(BYTE_ORDER_MARK)
                if raw.strip():
                    found = True
                    yield _jsonl_document(path, number, raw.removesuffix(b"\n"), line_start)
    except OSError as error:
        yield _error(path, _name(path).stem, f"cannot read: {error.strerror or error}")
        return
    if not found and part.start == 0 and part.end is None:
        problem = "empty file" if offset == 0 else "no documents, only blank lines"
        yield _error(path, _name(path).stem, problem)


def _jsonl_document(path: Path | str, number: int, raw: bytes, offset: int) -> InputDocument:
    fallback_id = f"{_name(path).stem}:{number}"
    where = f"{path}:{number}"
    text, problem = decode_text(raw, offset)
    if problem is not None:
        return InputDocument(fallback_id, None, f"{where}: {problem}", str(path))
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        return InputDocument(fallback_id, None, f"{where}: invalid JSON: {error.msg}", str(path))
    if not isinstance(record, dict):
        return InputDocument(fallback_id, None, f"{where}: not a JSON object", str(path))
    doc_id = record.get("id")
    if doc_id is None:
        doc_id = fallback_id
    elif isinstance(doc_id, (str, int)) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    else:
        return InputDocument(fallback_id, None, f"{where}: \"id\" is not a string or number",
                             str(path))
    text = record.get("text")
    if not isinstance(text, str):
        problem = "no \"text\"" if text is None else "\"text\" is not a string"
        return InputDocument(doc_id, None, f"{where}: {problem}", str(path))
    if "\x00" in text:
        return InputDocument(doc_id, None, f"{where}: \"text\" holds a NUL character "
                                           "(binary data?)", str(path))
    if not text.strip():
        return InputDocument(doc_id, None, f"{where}: \"text\" is empty", str(path))
    return InputDocument(doc_id, text, None, str(path))
