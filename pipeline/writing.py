"""Write the output files of a run as JSON Lines, per CONTRACT.md.

Each file is written under a temporary name in the output folder and renamed into place only
when the run completes, so a crash never leaves a half-written file where a finished one is
expected. A document's entities and claims reach the disk before its documents.jsonl line, so
after a kill every document listed in the temporary documents file is complete, and `--resume`
can take it from there (`job.PreviousRun`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import TracebackType

import jsonlines

OUTPUT_FILES = ("documents.jsonl", "entities.jsonl", "claims.jsonl")
PROGRESS_FILE = ".progress.json"


class OutputError(Exception):
    """The output folder cannot be created or written."""


def temporary_path(out_dir: Path, name: str) -> Path:
    """Where `name` is written while the run is in progress."""
    return out_dir / f".{name}.tmp"


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def dumps(record: dict) -> str:
    """One JSON line: UTF-8 text as is, keys in the order the contract lists them. (One
    encoder for every line: `json.dumps` with options makes a new one per call.)"""
    return _ENCODER.encode(record)


class OutputWriter:
    """Writes documents, entities and claims of a run; commit() makes the files visible."""

    def __init__(self, out_dir: Path, progress: dict | None = None) -> None:
        """Open the temporary files; `progress` (the run's options) is written beside them so
        that an interrupted run can be resumed."""
        self.out_dir = out_dir
        self._temporary = {name: temporary_path(out_dir, name) for name in OUTPUT_FILES}
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            (out_dir / PROGRESS_FILE).write_text(json.dumps(progress or {}) + "\n",
                                                 encoding="utf-8")
            self._files = {
                name: open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
                for name, path in self._temporary.items()
            }
        except OSError as error:
            raise OutputError(f"cannot write to output folder {out_dir}: "
                              f"{error.strerror or error}") from None
        self._writers = {
            name: jsonlines.Writer(handle, dumps=dumps) for name, handle in self._files.items()
        }

    def write_document(self, record: dict, entities: list[dict], claims: list[dict]) -> None:
        """Entities and claims first, flushed, then the document's line: its completion mark."""
        self._writers["entities.jsonl"].write_all(entities)
        self._writers["claims.jsonl"].write_all(claims)
        self._files["entities.jsonl"].flush()
        self._files["claims.jsonl"].flush()
        self._writers["documents.jsonl"].write(record)
        self._files["documents.jsonl"].flush()

    def commit(self, run_info: dict) -> None:
        """Close the files and rename them into place, then write run.json."""
        self.close()
        for name, temporary in self._temporary.items():
            os.replace(temporary, self.out_dir / name)
        run_path = self.out_dir / "run.json"
        run_path.with_suffix(".json.tmp").write_text(
            json.dumps(run_info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        os.replace(run_path.with_suffix(".json.tmp"), run_path)
        (self.out_dir / PROGRESS_FILE).unlink(missing_ok=True)

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
        """On an error or Ctrl-C the temporary files stay, for `--resume` to continue from."""
        self.close()
