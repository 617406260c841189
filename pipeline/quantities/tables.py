"""The knowledge files (`data/`) as rows: tab-separated, `#` comments, a header line first."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / "data"


def read_table(name: str, folder: Path = DATA) -> list[dict[str, str]]:
    """Rows of `folder/<name>` (by default this package's `data/`) as dicts keyed by the
    header's column names; a short row's missing columns are empty strings, so optional
    trailing columns may be left off."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    with (folder / name).open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            if len(cells) > len(header):
                raise ValueError(f"{name}: more cells than columns in {line!r}")
            rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True)))
    return rows
