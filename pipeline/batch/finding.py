"""Find the inputs of a run: expand the paths and URLs given into the .txt and .jsonl files to
read, in a stable order, without reading them.

Inputs are local paths, or URLs with a protocol (s3://, gs://, memory://, file://...) read
through fsspec, which is imported only when a URL is given. A URL stays a string all the way to
the reader: `Path` would collapse its "//".
"""

from __future__ import annotations

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
    meta: dict | None = None  # a JSONL record's other fields ("date", "url", ...), kept as given


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


def find_inputs(paths: Iterable[Path | str], exclude: Iterable[Path] = ()) -> list[InputPart]:
    """Expand folders (recursively, sorted, following symlinks) into the .txt and .jsonl files
    they hold, one part per file. A symlink back into a folder being walked, or a folder that
    cannot be listed, becomes a part with a `problem`, reported as an error record. URLs are
    expanded the same way, through fsspec. The paths `exclude` (a run's own output files and
    folders) are not found in a folder: a run's output is never its input."""
    found: list[InputPart] = []
    excluded = frozenset((os.path.realpath(path.parent), path.name) for path in exclude)
    for path in paths:
        if is_url(path):
            found.extend(_find_url(path))
        elif path.is_dir():
            found.extend(sorted(_walk(path, frozenset(), excluded),
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
    filesystem, root = filesystem_of(url)
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


def filesystem_of(url: str) -> tuple:
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


def open_bytes(path: Path | str) -> IO[bytes]:
    """Open an input file for reading bytes: a local path as it is, a URL through fsspec."""
    if isinstance(path, Path):
        return path.open("rb")
    filesystem, name = filesystem_of(path)
    return filesystem.open(name, "rb")


def _read_bytes(path: Path | str) -> bytes:
    if isinstance(path, Path):
        return path.read_bytes()
    filesystem, name = filesystem_of(path)
    return filesystem.cat_file(name)


def is_file(path: Path | str) -> bool:
    if isinstance(path, Path):
        return path.is_file()
    filesystem, name = filesystem_of(path)
    return filesystem.isfile(name)


def path_name(path: Path | str) -> PurePath:
    """For the name, stem and suffix of a local path or a URL."""
    return path if isinstance(path, PurePath) else PurePosixPath(path)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link to itself: reported when read as a file, if it is named like one
        return False


def _walk(folder: Path, ancestors: frozenset[str], excluded: frozenset[tuple[str, str]]
          ) -> Iterator[InputPart]:
    real = os.path.realpath(folder)
    ancestors = ancestors | {real}
    try:
        entries = list(os.scandir(folder))
    except OSError as error:
        yield InputPart(folder, problem=f"cannot list folder: {error.strerror}")
        return
    for entry in entries:
        path = Path(entry.path)
        if (real, entry.name) in excluded:
            continue
        if _is_folder(entry):
            if os.path.realpath(path) in ancestors:
                yield InputPart(path, problem=f"symlink loop: leads back to "
                                              f"{os.path.realpath(path)}, not followed")
            else:
                yield from _walk(path, ancestors, excluded)
        elif path.suffix in SUFFIXES:
            yield InputPart(path)  # a broken link or unreadable file is reported when read
