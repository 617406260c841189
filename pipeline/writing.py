"""Write the output files of a run as JSON Lines, per CONTRACT.md.

Each file is written under a temporary name in the output folder and renamed into place only
when the run completes, so a crash never leaves a half-written file where a finished one is
expected.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import TracebackType

import jsonlines

OUTPUT_FILES = ("documents.jsonl", "entities.jsonl", "claims.jsonl")


def dumps(record: dict) -> str:
    """One JSON line: UTF-8 text as is, keys in the order the contract lists them."""
    return json.dumps(record, ensure_ascii=False)


class OutputWriter:
    """Writes documents, entities and claims of a run; commit() makes the files visible."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        self._temporary = {name: out_dir / f".{name}.tmp" for name in OUTPUT_FILES}
        self._files = {
            name: open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
            for name, path in self._temporary.items()
        }
        self._writers = {
            name: jsonlines.Writer(handle, dumps=dumps) for name, handle in self._files.items()
        }

    def write_document(self, record: dict, entities: list[dict], claims: list[dict]) -> None:
        self._writers["documents.jsonl"].write(record)
        self._writers["entities.jsonl"].write_all(entities)
        self._writers["claims.jsonl"].write_all(claims)

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
        self.close()
        if exc_type is not None:
            for temporary in self._temporary.values():
                temporary.unlink(missing_ok=True)
