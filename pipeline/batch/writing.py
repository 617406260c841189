"""Write the output files of a run as JSON Lines (docs/contract.md), switched in as one set.

The output folder DIR holds one whole run at any moment, whatever kills the process and when:

    DIR/documents.jsonl -> .current/documents.jsonl     (and entities, claims, run.json)
    DIR/.current -> .run-<digest>/                       the finished run's set
    DIR/.staging-<run id>/                               a run in progress, or one that was killed
    DIR/.lock                                            held by the run writing DIR, with its PID

A run writes its files into its own staging folder and, when done, renames that folder to
`.run-<digest>` (the digest of its three JSONL files, so an unchanged rerun names the same
folder) and switches the `.current` link with one `rename`: a reader, and `--resume`, see the
old set or the new one, never a mix. Within the staging folder a document's entities and
claims reach the disk before its documents.jsonl line, so after a kill every document listed
there is complete and `--resume` can take it from there (`resume.PreviousRun`).

One run writes a folder at a time: `OutputLock` holds an exclusive `fcntl` lock on DIR/.lock
for the whole run.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

OUTPUT_FILES = ("documents.jsonl", "entities.jsonl", "claims.jsonl")
RUN_FILE = "run.json"
PROGRESS_FILE = "progress.json"  # in a staging folder: the options it was written with
CURRENT = ".current"
LOCK_FILE = ".lock"
STAGING_PREFIX = ".staging-"
RUN_PREFIX = ".run-"


class OutputError(Exception):
    """The output folder cannot be created or written, or another run is writing it."""


class UnwritableRecord(ValueError):
    """A record that cannot be written as strict JSON in UTF-8 (NaN, a lone surrogate)."""


def cannot_write(out_dir: Path, error: OSError) -> OutputError:
    return OutputError(f"cannot write to output folder {out_dir}: {error.strerror or error}")


# One encoder for every line (`json.dumps` with options makes a new one per call): UTF-8 text
# as is, keys in the order the contract lists them, never NaN or Infinity.
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False)


def encode_lines(records: list[dict]) -> bytes:
    """The records as JSON Lines in UTF-8, or `UnwritableRecord` naming what is wrong."""
    try:
        return "".join(f"{_ENCODER.encode(record)}\n" for record in records).encode("utf-8")
    except (ValueError, TypeError) as error:  # UnicodeEncodeError is a ValueError
        raise UnwritableRecord(f"{type(error).__name__}: {error}") from None


class OutputLock:
    """An exclusive lock on the output folder for the duration of a run: a second run into the
    same folder fails at once with the first one's PID instead of mixing its lines in."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._handle = None

    def __enter__(self) -> OutputLock:
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise OutputError(f"cannot write to output folder {self.out_dir}: it is a file, "
                              "not a folder")
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            handle = open(self.out_dir / LOCK_FILE, "a+", encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            raise cannot_write(self.out_dir, error) from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise OutputError(f"another run (PID {holder}) is writing to output folder "
                              f"{self.out_dir}; wait for it to finish, or use another "
                              "--out") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._handle = handle
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._handle is not None:
            self._handle.close()  # closing releases the lock
            self._handle = None


def current_set(out_dir: Path) -> Path:
    """The folder holding the finished run's files (older runs wrote them into DIR itself)."""
    current = out_dir / CURRENT
    return current.resolve() if current.is_symlink() else out_dir


def staging_folders(out_dir: Path) -> list[Path]:
    """Staging folders left by killed runs, oldest first."""
    if not out_dir.is_dir():
        return []
    found = [path for path in out_dir.iterdir()
             if path.name.startswith(STAGING_PREFIX) and path.is_dir()]
    return sorted(found, key=lambda path: (path.stat().st_mtime_ns, path.name))


def owned_paths(out_dir: Path) -> list[Path]:
    """What the writer keeps in DIR (the output links and its hidden files and folders): never
    an input, even when DIR is an input folder or lies inside one."""
    names = {*OUTPUT_FILES, RUN_FILE, CURRENT, LOCK_FILE, ".parts"}
    found = [out_dir / name for name in sorted(names)]
    if out_dir.is_dir():
        found += [path for path in out_dir.iterdir()
                  if path.name.startswith((RUN_PREFIX, STAGING_PREFIX, f"{CURRENT}."))]
    return found


class OutputWriter:
    """Writes documents, entities and claims of a run into a staging folder; commit() makes
    them DIR's set in one step. The caller holds the `OutputLock`."""

    def __init__(self, out_dir: Path, progress: dict | None = None) -> None:
        """Open the staging files; `progress` (the run's options) is written beside them so
        that an interrupted run can be resumed."""
        self.out_dir = out_dir
        self.staging = out_dir / f"{STAGING_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._digest = {name: hashlib.sha256() for name in OUTPUT_FILES}
        try:
            self.staging.mkdir(parents=True)
            (self.staging / PROGRESS_FILE).write_text(json.dumps(progress or {}) + "\n",
                                                      encoding="utf-8")
            self._files = {name: open(self.staging / name, "wb")  # noqa: SIM115
                           for name in OUTPUT_FILES}
        except OSError as error:
            raise cannot_write(out_dir, error) from None

    def write_document(self, record: dict, entities: list[dict], claims: list[dict]) -> None:
        """Entities and claims first, flushed, then the document's line: its completion mark.
        Every line is encoded before any is written, so a record that cannot be written
        (`UnwritableRecord`) leaves nothing of its document behind."""
        encoded = {"entities.jsonl": encode_lines(entities),
                   "claims.jsonl": encode_lines(claims),
                   "documents.jsonl": encode_lines([record])}
        try:
            for name, data in encoded.items():
                self._files[name].write(data)
                self._files[name].flush()
                self._digest[name].update(data)
        except OSError as error:
            raise cannot_write(self.out_dir, error) from None

    def commit(self, run_info: dict) -> None:
        """Close the files, write run.json, and make the staging folder DIR's set."""
        try:
            self.close()
            _write_json(self.staging / RUN_FILE, run_info)
            (self.staging / PROGRESS_FILE).unlink()
            digest = hashlib.sha256(b"".join(self._digest[name].digest()
                                             for name in OUTPUT_FILES)).hexdigest()[:16]
            switch_to(self.out_dir, self.staging, f"{RUN_PREFIX}{digest}")
        except OSError as error:
            raise cannot_write(self.out_dir, error) from None

    def close(self) -> None:
        for handle in self._files.values():
            if not handle.closed:
                handle.close()

    def __enter__(self) -> OutputWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """On an error or Ctrl-C the staging folder stays, for `--resume` to continue from."""
        with contextlib.suppress(OSError):  # a full disk fails the close too; the error
            self.close()                    # being raised already says so


def switch_to(out_dir: Path, staging: Path, name: str) -> None:
    """Make `staging` DIR's set under `name`: rename it, switch `.current` with one rename,
    then link the file names in DIR to it (once) and remove what no longer belongs to a run."""
    current = out_dir / CURRENT
    target = out_dir / name
    if current.is_symlink() and os.readlink(current) == name:
        # the same three files as the current set: only run.json is new
        os.replace(staging / RUN_FILE, target / RUN_FILE)
        shutil.rmtree(staging)
    else:
        if target.exists():
            shutil.rmtree(target)  # left by a run killed after its rename, before its switch
        staging.rename(target)
        link = out_dir / f"{CURRENT}.new"
        link.unlink(missing_ok=True)
        link.symlink_to(name)
        os.replace(link, current)  # the switch
    for file_name in (*OUTPUT_FILES, RUN_FILE):
        _link(out_dir / file_name, f"{CURRENT}/{file_name}")
    _remove_leftovers(out_dir, keep=name)


def _link(path: Path, target: str) -> None:
    """`path` as a link to `target`; an old run's plain file there is replaced in one rename."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    new = path.with_name(f".{path.name}.link")
    new.unlink(missing_ok=True)
    new.symlink_to(target)
    os.replace(new, path)


def _remove_leftovers(out_dir: Path, keep: str) -> None:
    """Earlier sets, staging folders of killed runs (the lock says no other run is alive) and
    the temporary files of older versions."""
    for path in out_dir.iterdir():
        name = path.name
        if name.startswith((RUN_PREFIX, STAGING_PREFIX)) and name != keep:
            shutil.rmtree(path, ignore_errors=True)
        elif name.endswith(".jsonl.tmp") or name == ".progress.json":
            path.unlink(missing_ok=True)


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n",
                    encoding="utf-8")


def read_lines(path: Path) -> Iterator[tuple[str, dict]]:
    """The whole, valid JSON object lines of a file (a killed run may have left its last line
    half-written), each with its text."""
    if not path.exists():
        return
    with path.open(encoding="utf-8", errors="replace", newline="\n") as handle:
        for line in handle:
            try:
                record = json.loads(line) if line.endswith("\n") else None
            except (ValueError, RecursionError):
                record = None
            if isinstance(record, dict):
                yield line[:-1], record
