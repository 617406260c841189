"""JSON and JSON Lines read strictly, for files that come back from annotation tools.

Such files are edited by hand and by other programs, so every failure becomes a ValueError that
names the file and line, and NaN and Infinity (which Python's json accepts) are refused.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ValueError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 at byte {error.start}") from None


def _strict_json(text: str) -> object:
    """json.loads that refuses NaN and Infinity, which are not JSON and not values."""
    return json.loads(text, parse_constant=_refuse_constant)


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON value")


def load_json(path: Path) -> object:
    """The one JSON value a file holds."""
    try:
        return _strict_json(_read_text(path))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: invalid JSON at line {error.lineno}: {error.msg}") from None
    except RecursionError:
        raise ValueError(f"{path}: invalid JSON: nested too deeply") from None
    except ValueError as error:  # NaN, or an integer of more digits than Python converts
        raise ValueError(f"{path}: invalid JSON: {error}") from None


def numbered_lines(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, object) of each non-blank line of a JSON Lines file."""
    for number, line in enumerate(_read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = _strict_json(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}: line {number}: invalid JSON: {error.msg}") from None
        except RecursionError:
            raise ValueError(f"{path}: line {number}: invalid JSON: nested too deeply") from None
        except ValueError as error:
            raise ValueError(f"{path}: line {number}: invalid JSON: {error}") from None
        if not isinstance(record, dict):
            raise ValueError(f"{path}: line {number}: not a JSON object")
        yield number, record


def json_objects(path: Path) -> list[dict]:
    """The objects of a JSON Lines file, blank lines skipped."""
    return [record for _, record in numbered_lines(path)]
