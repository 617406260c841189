"""Read input documents from .txt files and .jsonl files of {"id", "text"}.

Every document found becomes one `InputDocument`, in input order; a document that cannot be read
is still yielded, with an error message that says what is wrong and where, so that no input is
silently lost. Texts are UTF-8; a byte-order mark at the start of a file is dropped (it is not
text), and line endings are kept as they are, so that offsets index the original text. Only
regular files are opened, and nothing above `--max-input-bytes` is read whole.
"""

from __future__ import annotations

import json
import math
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from pipeline.batch.finding import (
    BYTE_ORDER_MARK,
    InputDocument,
    InputPart,
    find_inputs,
    is_file,
    open_bytes,
    path_name,
)

MAX_INPUT_BYTES = 10_000_000  # a .txt file or JSONL line above this is an error, never read whole
_CHUNK = 1 << 20


def read_documents(paths: Iterable[Path | str],
                   max_bytes: int = MAX_INPUT_BYTES) -> Iterator[InputDocument]:
    """Yield the documents of all input paths, in order; ids are unique (first one wins)."""
    return read_inputs(find_inputs(paths), max_bytes)


def read_inputs(found: Iterable[InputPart],
                max_bytes: int = MAX_INPUT_BYTES) -> Iterator[InputDocument]:
    """The documents of the inputs `find_inputs` found, in order, ids made unique."""
    return unique_ids(document for part in found for document in read_part(part, max_bytes))


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
        if whole.problem or path_name(path).suffix != ".jsonl" or _file_problem(path):
            yield whole
            continue
        start, first_line, lines, offset = 0, 1, 0, 0
        with open_bytes(path) as handle:
            for number, (length, blank) in enumerate(_line_lengths(handle), start=1):
                offset += length
                lines += not blank
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
        if part.problem is None and path_name(part.path).suffix == ".jsonl" and not _file_problem(
                part.path):
            with open_bytes(part.path) as handle:
                total += max(1, sum(not blank for _, blank in _line_lengths(handle)))
        else:
            total += 1
    return total


def _line_lengths(handle: IO[bytes]) -> Iterator[tuple[int, bool]]:
    """(length in bytes, whether blank) of each line, read in bounded chunks: a line of any
    length costs no more memory than a chunk."""
    length, blank = 0, True
    while chunk := handle.read(_CHUNK):
        start = 0
        while (end := chunk.find(b"\n", start)) != -1:
            piece = chunk[start:end + 1]
            yield length + len(piece), blank and not piece.strip()
            length, blank, start = 0, True, end + 1
        length += len(chunk) - start
        blank = blank and not chunk[start:].strip()
    if length:
        yield length, blank


def read_part(part: InputPart, max_bytes: int = MAX_INPUT_BYTES) -> Iterator[InputDocument]:
    """The documents of one input part, in order, without the check for repeated ids. Nothing
    that goes wrong reading one document stops the others: it becomes that document's error."""
    if part.problem is not None:
        return iter([_error(part.path, path_name(display_name(part.path)).name, part.problem)])
    problem = _file_problem(part.path)
    if problem is not None:
        return iter([_error(part.path, _stem(part.path), problem)])
    if not _is_utf8(path_name(part.path).name):
        return iter([_error(part.path, _stem(part.path), "file name is not UTF-8")])
    reader = _read_jsonl if path_name(part.path).suffix == ".jsonl" else _read_txt
    return reader(part, max_bytes)


def display_name(path: Path | str) -> str:
    """The path as text that can be written: bytes of a file name that are not UTF-8 are shown
    as backslash escapes ("caf\\xe9.txt")."""
    text = str(path)
    return text if _is_utf8(text) else os.fsencode(text).decode("utf-8", "backslashreplace")


def _stem(path: Path | str) -> str:
    return path_name(display_name(path)).stem


def _is_utf8(text: str) -> bool:
    """False for a string holding a lone surrogate: from bytes that were not UTF-8 (a file
    name), or a JSON escape such as \\ud800. Such a string cannot be written as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _file_problem(path: Path | str) -> str | None:
    """Why `path` cannot be read as an input file, or None: only regular files are opened (a
    FIFO would block, a device such as /dev/zero never ends)."""
    if not isinstance(path, Path):
        return None if is_file(path) else "not a regular file"
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return f"cannot read: {error.strerror or error}"
    if stat.S_ISREG(mode):
        return None
    kind = ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a folder"
            if stat.S_ISDIR(mode) else "a special file")
    return f"not a regular file ({kind})"


def _error(path: Path | str, doc_id: str, problem: str) -> InputDocument:
    where = display_name(path)
    return InputDocument(doc_id, None, f"{where}: {problem}", where)


def _read_txt(part: InputPart, max_bytes: int) -> Iterator[InputDocument]:
    path = part.path
    try:
        # Bytes, not read_text(): newline translation would shift every offset.
        with open_bytes(path) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        yield _error(path, _stem(path), f"cannot read: {error.strerror or error}")
        return
    if len(data) > max_bytes:
        yield _error(path, _stem(path), f"larger than --max-input-bytes ({max_bytes:,} bytes); "
                                        "not read")
        return
    skipped = len(BYTE_ORDER_MARK) if data.startswith(BYTE_ORDER_MARK) else 0
    text, problem = decode_text(data[skipped:], skipped)
    if problem is None and not text.strip():
        problem = "empty file" if not text else "only whitespace, no text"
    if problem is not None:
        yield _error(path, _stem(path), problem)
        return
    yield InputDocument(_stem(path), text, None, str(path))


def decode_text(data: bytes, offset: int = 0) -> tuple[str | None, str | None]:
    """(text, None) for UTF-8 text, else (None, what is wrong at which byte of the file);
    `offset` is where `data` starts in its file."""
    if b"\x00" in data:
        return None, f"binary data, not text (NUL byte at byte {offset + data.index(0)})"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        return None, f"not UTF-8 at byte {offset + error.start}"


def _read_jsonl(part: InputPart, max_bytes: int) -> Iterator[InputDocument]:
    """Line by line, so that a large file is never held in memory; a line longer than
    `max_bytes` is skipped to its end without being held either."""
    path = part.path
    found = False
    offset = part.start
    try:
        with open_bytes(path) as handle:
            handle.seek(part.start)
            number = part.first_line - 1
            while part.end is None or offset < part.end:
                raw = handle.readline(max_bytes + 2)  # the line, its newline, and one more
                if not raw:
                    break
                number += 1
                line_start = offset
                ended = raw.endswith(b"\n")
                if len(raw) - ended > max_bytes:
                    offset += len(raw) + (0 if ended else _skip_line(handle))
                    found = True
                    yield _error(path, f"{_stem(path)}:{number}",
                                 f"line {number} is longer than --max-input-bytes "
                                 f"({max_bytes:,} bytes); not read")
                    continue
                offset += len(raw)
                if line_start == 0 and raw.startswith(BYTE_ORDER_MARK):
                    raw, line_start = raw[len(BYTE_ORDER_MARK):], len(BYTE_ORDER_MARK)
                if raw.strip():
                    found = True
                    yield _guarded_jsonl_document(path, number, raw.removesuffix(b"\n"),
                                                  line_start)
    except OSError as error:
        yield _error(path, _stem(path), f"cannot read: {error.strerror or error}")
        return
    if not found and part.start == 0 and part.end is None:
        problem = "empty file" if offset == 0 else "no documents, only blank lines"
        yield _error(path, _stem(path), problem)


def _skip_line(handle: IO[bytes]) -> int:
    """Read past the rest of the current line in bounded pieces; the bytes skipped."""
    skipped = 0
    while piece := handle.readline(_CHUNK):
        skipped += len(piece)
        if piece.endswith(b"\n"):
            break
    return skipped


def _guarded_jsonl_document(path: Path | str, number: int, raw: bytes, offset: int
                            ) -> InputDocument:
    """`_jsonl_document`, with anything unforeseen made this line's error, not the run's."""
    try:
        return _jsonl_document(path, number, raw, offset)
    except Exception as error:  # noqa: BLE001 - one bad line must not stop the others
        return _error(path, f"{_stem(path)}:{number}",
                      f"line {number}: internal error: {type(error).__name__}: {error}")


def _jsonl_document(path: Path | str, number: int, raw: bytes, offset: int) -> InputDocument:
    fallback_id = f"{_stem(path)}:{number}"
    where = f"{display_name(path)}:{number}"
    source = display_name(path)

    def error(doc_id: str, problem: str) -> InputDocument:
        return InputDocument(doc_id, None, f"{where}: {problem}", source)

    text, problem = decode_text(raw, offset)
    if problem is not None:
        return error(fallback_id, problem)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error_:
        return error(fallback_id, f"invalid JSON: {error_.msg}")
    except ValueError as error_:  # an integer of more digits than Python converts
        return error(fallback_id, f"invalid JSON: {error_}")
    except RecursionError:
        return error(fallback_id, "invalid JSON: nested too deeply")
    if not isinstance(record, dict):
        return error(fallback_id, "not a JSON object")
    doc_id = record.get("id")
    if doc_id is None:
        doc_id = fallback_id
    elif isinstance(doc_id, str | int | float) and not isinstance(doc_id, bool):
        if isinstance(doc_id, float) and not math.isfinite(doc_id):
            return error(fallback_id, "\"id\" is not a finite number")
        doc_id = str(doc_id)
        if not _is_utf8(doc_id):
            return error(fallback_id, "\"id\" holds a lone surrogate (an escape such as "
                                      "\\ud800 that is no character)")
    else:
        return error(fallback_id, "\"id\" is not a string or number")
    text = record.get("text")
    if not isinstance(text, str):
        return error(doc_id, "no \"text\"" if text is None else "\"text\" is not a string")
    if "\x00" in text:
        return error(doc_id, "\"text\" holds a NUL character (binary data?)")
    if not _is_utf8(text):
        return error(doc_id, "\"text\" holds a lone surrogate (an escape such as \\ud800 "
                             "that is no character)")
    if not text.strip():
        return error(doc_id, "\"text\" is empty")
    meta = {key: value for key, value in record.items() if key not in ("id", "text")}
    problem = _meta_problem(meta)
    if problem is not None:
        return error(doc_id, problem)
    return InputDocument(doc_id, text, None, source, meta)


def _meta_problem(meta: dict) -> str | None:
    """Why the record's other fields cannot be written back out as strict JSON, or None."""
    try:
        json.dumps(meta, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except ValueError as error:  # NaN or Infinity, or a lone surrogate (UnicodeEncodeError)
        return f"a field other than \"id\" and \"text\" cannot be kept: {error}"
    return None
