"""The peers' public quantity test suites as gold claims under our conventions (ANNOTATION.md).

Seven English specs of Microsoft Recognizers-Text (read from ../shared/peers/, never copied into
this project) and quantulum3's English test cases (read from the installed package) become, per
suite, documents `{"id", "text"}` and gold claims in `pipeline evaluate`'s format. Each spec
labels quantities its own way; where that differs from ANNOTATION.md, the difference is either a
mechanical rule applied to every record alike (in this module) or a decision taken by reading
the record (one line of bench/peer_decisions.tsv). Unit names are mapped to our codes with
bench/peer_units.tsv. docs/peers.md explains the conventions.

    from peers import load_suite, write_gold
    suite = load_suite("currency")
    write_gold(suite, Path("/tmp/currency-gold"))   # python -m pipeline evaluate --gold ...
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import importlib.resources
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PEERS_DIR = REPO.parent / "shared" / "peers"
RECOGNIZERS_DIR = PEERS_DIR / "recognizers-text"
ABSENT_REASON = "../shared/peers/ is absent (a clone on its own)"

BENCH = Path(__file__).resolve().parent
PEER_UNITS_FILE = BENCH / "peer_units.tsv"
DECISIONS_FILE = BENCH / "peer_decisions.tsv"
UNITS_FILE = REPO / "pipeline" / "quantities" / "data" / "units.tsv"
DIMENSIONS_FILE = REPO / "pipeline" / "quantities" / "data" / "dimensions.tsv"

# Where the suites come from. The decisions were taken on exactly these files: a changed file
# stops the adapter instead of applying decisions to records they were not written for.
RECOGNIZERS_REPO = "microsoft/Recognizers-Text"
RECOGNIZERS_COMMIT = "90e968ea44dc8fda3f2e1c3e4b20aa233817488d"
RECOGNIZERS_SHA256 = {
    "NumberWithUnit-English-CurrencyModel.json":
        "cee3423be98a03ae008b0487977d2be7dbeddeb5053033147aaa5d6e0a1e6beb",
    "NumberWithUnit-English-DimensionModel.json":
        "16b108127e31f1e4473492276209971313260593d1d33b7e69926b153cde1339",
    "NumberWithUnit-English-AgeModel.json":
        "9f7db8c8b3770f665a4a857b907a51ef60bacb461511451c9d7ec4b58286b955",
    "NumberWithUnit-English-TemperatureModel.json":
        "704dcf99d57ff41396e55eefce3335993c5c42a64b2081425cc6433073936ea9",
    "Number-English-NumberModel.json":
        "0ff25c8b777504d8678c2ce412cdfdde8976a547dd8c0075c1983a6158a6bc3e",
    "Number-English-NumberRangeModel.json":
        "d2c2f22d5c991d9e0acdb699d4bf1b0a482e75dc2e8c1b12fd0edc780ea61468",
    "Number-English-PercentModel.json":
        "be1f929a3165cc2d3e5494cf818e26ea91b419eb2c3b668474bae9757e5ef830",
}
QUANTULUM_PACKAGE = "quantulum3"
QUANTULUM_VERSION = "0.10.0"
QUANTULUM_TESTS = "_lang/en_US/tests/quantities.json"
QUANTULUM_TESTS_SHA256 = "9d15933db5b27bf1cabbcccb86e236500f58e5326229227285ecb481b8b7b29c"


class PeerDataError(Exception):
    """A suite, the unit table or a decision does not fit the data; the message says where."""


# Suites ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SuiteSpec:
    """What a suite is: where its records are, how its results read, which claims it labels."""

    name: str
    peer: str  # "recognizers-text" or "quantulum3"
    file: str  # the spec's file name (Recognizers-Text) or the package resource (quantulum3)
    kind: str  # "with_unit", "number", "number_range", "percent" or "quantulum3"
    scope: str  # which dimensions the spec labels: see `in_scope`
    cqe_value_f1: float | None = None  # CQE's published value F1 on this suite (EMNLP 2023)


SUITES: dict[str, SuiteSpec] = {
    spec.name: spec
    for spec in [
        SuiteSpec("currency", "recognizers-text", "NumberWithUnit-English-CurrencyModel.json",
                  "with_unit", "currency", 0.84),
        SuiteSpec("dimension", "recognizers-text", "NumberWithUnit-English-DimensionModel.json",
                  "with_unit", "dimension", 0.87),
        SuiteSpec("age", "recognizers-text", "NumberWithUnit-English-AgeModel.json",
                  "with_unit", "age", 0.93),
        SuiteSpec("temperature", "recognizers-text",
                  "NumberWithUnit-English-TemperatureModel.json", "with_unit", "temperature",
                  0.96),
        SuiteSpec("number", "recognizers-text", "Number-English-NumberModel.json",
                  "number", "all"),
        SuiteSpec("number_range", "recognizers-text", "Number-English-NumberRangeModel.json",
                  "number_range", "all"),
        SuiteSpec("percent", "recognizers-text", "Number-English-PercentModel.json",
                  "percent", "percent"),
        SuiteSpec("quantulum3", "quantulum3", QUANTULUM_TESTS, "quantulum3", "all"),
    ]
}


@dataclass
class Suite:
    """One suite under our conventions: its documents, gold claims and scored dimensions."""

    spec: SuiteSpec
    documents: list[dict]
    claims: list[dict]
    decisions_applied: int = 0

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def doc_ids(self) -> list[str]:
        return [document["id"] for document in self.documents]

    def in_scope(self, dimension: str | None) -> bool:
        return in_scope(self.spec.scope, dimension)


def peers_available() -> bool:
    """The peers' folder sits beside the project in the shared workspace, not in a clone."""
    return RECOGNIZERS_DIR.is_dir()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def quantulum_tests_bytes() -> bytes:
    return (importlib.resources.files(QUANTULUM_PACKAGE) / QUANTULUM_TESTS).read_bytes()


def installed_quantulum_version() -> str:
    return importlib.metadata.version(QUANTULUM_PACKAGE)


def read_records(spec: SuiteSpec) -> list[dict]:
    """The suite's raw records, after checking that they are the files the decisions were
    written for."""
    if spec.peer == "quantulum3":
        data, expected = quantulum_tests_bytes(), QUANTULUM_TESTS_SHA256
        where = f"{QUANTULUM_PACKAGE} {installed_quantulum_version()}: {QUANTULUM_TESTS}"
    else:
        path = RECOGNIZERS_DIR / spec.file
        if not path.is_file():
            raise PeerDataError(f"{path} not found: {ABSENT_REASON}")
        data, expected, where = path.read_bytes(), RECOGNIZERS_SHA256[spec.file], str(path)
    if sha256(data) != expected:
        raise PeerDataError(
            f"{where} has sha256 {sha256(data)}, not {expected}: the decisions in "
            f"{DECISIONS_FILE.name} were written for another version of this suite"
        )
    return json.loads(data.decode("utf-8-sig"))


def doc_id(suite: str, index: int) -> str:
    return f"{suite}-{index:03d}"


# Units and dimensions ----------------------------------------------------------------------


def _numbered_tsv_rows(path: Path) -> list[tuple[int, dict]]:
    """Rows of a tab-separated file whose header follows `#` comment lines, each with its line
    number in the file (for messages that point at the line to fix)."""
    numbered = [
        (number, line)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    rows = csv.DictReader([line for _, line in numbered], delimiter="\t", quoting=csv.QUOTE_NONE)
    return [(number, row) for (number, _), row in zip(numbered[1:], rows, strict=True)]


def _tsv_rows(path: Path) -> list[dict]:
    return [row for _, row in _numbered_tsv_rows(path)]


@cache
def unit_dimensions() -> dict[str, str]:
    """Our unit codes (units.tsv) and what each measures."""
    return {row["code"]: row["dimension"] for row in _tsv_rows(UNITS_FILE)}


@cache
def physical_dimensions() -> frozenset[str]:
    """Dimensions with an SI unit in dimensions.tsv: the measures of the Dimension suite."""
    return frozenset(row["dimension"] for row in _tsv_rows(DIMENSIONS_FILE) if row["si_unit"])


@cache
def currency_names() -> dict[str, str]:
    """ISO 4217 codes known to babel (CLDR, historical ones included) and their English names."""
    from babel import Locale

    return dict(Locale("en").currencies)


def is_currency(code: str) -> bool:
    return code in currency_names()


# Nouns that a rate may have below the line although no unit code names them: "$98 a share",
# "64.2 cents a dozen" (ANNOTATION: the unit is the rate).
RATE_NOUNS = frozenset({"share", "dozen"})


def dimension_of(unit: str | None) -> str | None:
    """What a unit measures: units.tsv, "currency" for an ISO 4217 code, "A/B" for a rate
    that units.tsv does not name ("USD/barrel" -> "currency/volume"); None if unknown."""
    if not unit:
        return None
    if unit in unit_dimensions():
        return unit_dimensions()[unit]
    if re.fullmatch(r"[A-Z]{3}", unit):
        return "currency"
    if unit.count("/") == 1:
        top, bottom = unit.split("/")
        top_dimension = dimension_of(top)
        bottom_dimension = "count" if bottom in RATE_NOUNS else dimension_of(bottom)
        if top_dimension and bottom_dimension and "/" not in top_dimension + bottom_dimension:
            return f"{top_dimension}/{bottom_dimension}"
    return None


def is_known_unit(unit: str) -> bool:
    """A code of units.tsv, an ISO 4217 code known to babel, or a rate "A/B" of such codes (a
    counted noun of RATE_NOUNS may stand below the line)."""
    if unit in unit_dimensions() or is_currency(unit):
        return True
    if unit.count("/") == 1:
        top, bottom = unit.split("/")
        return is_known_unit(top) and (bottom in RATE_NOUNS or is_known_unit(bottom))
    return False


AGE_DIMENSIONS = frozenset({"age", "duration"})


def in_scope(scope: str, dimension: str | None) -> bool:
    """Whether a claim of `dimension` is scored in a suite: each spec labels only its own
    model's type, so a claim of another type is neither a hit nor a false alarm there."""
    if scope == "all":
        return True
    if dimension is None:
        return False
    top = dimension.split("/")[0]
    if scope == "currency":
        return top == "currency"
    if scope == "dimension":
        return top in physical_dimensions() - {"temperature", "duration", "age"}
    if scope == "age":
        return dimension in AGE_DIMENSIONS  # quantulum3 knows no ages, only durations
    return dimension == scope  # temperature, percent


@dataclass(frozen=True)
class UnitMapping:
    """One peer unit name in our codes."""

    code: str | None  # None: our vocabulary has no code for it
    alt_codes: tuple[str, ...] = ()
    multiplier: float = 1.0


def expand_codes(tokens: Iterable[str], primary: str | None = None) -> tuple[str, ...]:
    """Codes as written in the tables, with "@word" (and "@word/X") expanded through babel to
    every currency whose English name ends in the word, the primary code left out."""
    codes: list[str] = []
    for token in tokens:
        if token.startswith("@"):
            word, _, below = token[1:].partition("/")
            matches = sorted(
                code
                for code, name in currency_names().items()
                if re.sub(r"\s*\(.*\)$", "", name).lower().endswith(word.lower())
            )
            if not matches:
                raise PeerDataError(f"no currency's English name ends in {word!r} ({token})")
            codes += [f"{code}/{below}" if below else code for code in matches]
        else:
            codes.append(token)
    return tuple(dict.fromkeys(code for code in codes if code != primary))


@cache
def peer_units() -> dict[tuple[str, str], UnitMapping]:
    """bench/peer_units.tsv, keyed by (peer, peer unit name)."""
    table: dict[tuple[str, str], UnitMapping] = {}
    for row in _tsv_rows(PEER_UNITS_FILE):
        key = (row["peer"], row["peer_unit"])
        if key in table:
            raise PeerDataError(f"{PEER_UNITS_FILE.name}: {key} is mapped twice")
        code = None if row["code"] == "-" else row["code"]
        table[key] = UnitMapping(
            code=code,
            alt_codes=expand_codes((row["alt_codes"] or "").split(), code),
            multiplier=float(row["multiplier"]) if row["multiplier"] else 1.0,
        )
    return table


def map_unit(peer: str, name: str) -> UnitMapping:
    try:
        return peer_units()[(peer, name)]
    except KeyError:
        raise PeerDataError(
            f"{PEER_UNITS_FILE.name} has no line for {peer} unit {name!r}"
        ) from None


# Peer results ------------------------------------------------------------------------------


@dataclass
class Draft:
    """A claim on its way to gold: a peer's result after the mechanical rules, then edited by
    the decisions that name it."""

    text: str  # the peer's result text (Recognizers-Text's `Text`, quantulum3's `surface`)
    start: int
    end: int  # exclusive
    value: float | None
    unit: str | None
    low: float | None = None
    high: float | None = None
    alt_units: tuple[str, ...] = ()
    change: str | None = None
    bound: str | None = None
    optional: bool = False
    peer_unit: str | None = None
    dimension: str | None = None  # when the unit does not say it: an age in years
    result: int | None = None  # position among the record's peer results, from 1
    decisions: list[str] = field(default_factory=list)


def _number(text: str | float | int | None) -> float | None:
    if text is None or text == "null":
        return None
    if isinstance(text, int | float):
        return float(text)
    return float(text.strip().rstrip("%"))


def scaled(value: float | None, multiplier: float) -> float | None:
    """The value in our unit, to 12 significant digits: 3 dimes are 0.3 USD, not
    0.30000000000000004."""
    return None if value is None else float(f"{value * multiplier:.12g}")


def locate_recognizers(text: str, result: dict) -> tuple[int, int]:
    """The result's span, end exclusive. `End` is inclusive and `Text` may be lower-cased, so
    the offsets are checked case-insensitively; if they do not fit, the text is searched."""
    start, end = result["Start"], result["End"] + 1
    wanted = result["Text"].lower()
    if text[start:end].lower() == wanted:
        return start, end
    found = [match.start() for match in re.finditer(re.escape(wanted), text.lower())]
    if not found:
        raise PeerDataError(f"result {result['Text']!r} is not in {text!r}")
    nearest = min(found, key=lambda position: abs(position - start))
    return nearest, nearest + len(wanted)


def parse_interval(text: str) -> tuple[float | None, float | None]:
    """Recognizers-Text's NumberRange value "(20,35]" -> (20, 35); an open side is None."""
    match = re.fullmatch(r"[\[(]\s*([^,]*)\s*,\s*([^\])]*)\s*[\])]", text)
    if not match:
        raise PeerDataError(f"not a number range: {text!r}")
    return _number(match.group(1) or None), _number(match.group(2) or None)


def interval_draft(text: str, start: int, end: int, interval: str) -> Draft:
    """A comparison ("more than 30", "(30,)") is one side of a bound, not a range: value 30,
    bound at_least. "equal to 20" ("[20,20]") is exact; two finite sides make a range."""
    low, high = parse_interval(interval)
    sides = [side for side in (low, high) if side is not None]
    if sides and all(abs(side) <= 1 for side in sides) and any(abs(side) < 1 for side in sides):
        # "more than 1/2", "2 in 5 or more": a share, in percent as ANNOTATION writes one
        low, high = scaled(low, 100), scaled(high, 100)
        draft = interval_draft(text, start, end, f"[{low},{high}]" if low is not None and
                               high is not None else (f"({low},)" if low is not None
                                                      else f"(,{high})"))
        return replace(draft, unit="percent")
    if low is not None and high is not None:
        if low == high:
            return Draft(text, start, end, low, "count", bound="exact")
        return Draft(text, start, end, None, "count", low=low, high=high, bound="exact")
    if low is not None:
        return Draft(text, start, end, low, "count", bound="at_least")
    return Draft(text, start, end, high, "count", bound="at_most")


def _dimension_of_result(type_name: str, code: str | None) -> str | None:
    """What a result measures when its unit does not say it: the Age model's results are ages;
    the Temperature model's "Degree" (no scale) is a temperature in degrees, not an angle."""
    if type_name == "age":
        return "age"
    if type_name == "temperature" and code == "degree":
        return "temperature"
    return None


def recognizers_drafts(spec: SuiteSpec, record: dict) -> list[Draft]:
    """Mechanical rules for one Recognizers-Text record: results without a value (a unit named
    with no number: "fahrenheit" in a request to convert to it) are dropped, units are
    mapped with peer_units.tsv and minor units converted ("50 cents" -> 0.5 USD); the Age
    model's results are ages (unit year, dimension age, as ANNOTATION has them); a number that
    is a proper fraction ("two-thirds", "3/4") is a share, in percent (ANNOTATION: "one-third"
    is 33.333 percent); a bare number counts something (unit count) unless a decision says
    what else it measures."""
    text, drafts = record["Input"], []
    for number, result in enumerate(record.get("Results", []), start=1):
        start, end = locate_recognizers(text, result)
        resolution = result.get("Resolution") or {}
        raw = resolution.get("value")
        if raw is None or raw == "null":
            continue
        if spec.kind == "number_range":
            drafts.append(replace(interval_draft(result["Text"], start, end, raw), result=number))
            continue
        if spec.kind == "percent":
            drafts.append(Draft(result["Text"], start, end, _number(raw), "percent",
                                result=number))
            continue
        if spec.kind == "number":
            value, unit = _number(raw), "count"
            if resolution.get("subtype") == "fraction" and abs(value) < 1:
                value, unit = scaled(value, 100), "percent"  # "two-thirds": a share
            drafts.append(Draft(result["Text"], start, end, value, unit, result=number))
            continue
        name = resolution["unit"]
        mapping = map_unit(f"recognizers-text/{result['TypeName']}", name)
        iso = resolution.get("isoCurrency")
        if iso and mapping.code != iso:
            raise PeerDataError(f"{name!r} maps to {mapping.code}, the spec says {iso}")
        drafts.append(
            Draft(
                result["Text"], start, end, scaled(_number(raw), mapping.multiplier),
                mapping.code, alt_units=mapping.alt_codes, peer_unit=name,
                dimension=_dimension_of_result(result["TypeName"], mapping.code), result=number,
            )
        )
    return drafts


def locate_in_order(text: str, surface: str, after: int) -> int:
    """Where quantulum3's `surface` is in its sentence (its tests give no offsets): the first
    occurrence at or after `after`, preferring one that is not inside a longer number or word."""
    starts = [m.start() for m in re.finditer(re.escape(surface), text) if m.start() >= after]
    if not starts:
        starts = [
            m.start()
            for m in re.finditer(re.escape(surface.lower()), text.lower())
            if m.start() >= after
        ]
    if not starts:
        raise PeerDataError(f"surface {surface!r} is not in {text!r} after offset {after}")

    def standalone(start: int) -> bool:
        before = text[start - 1] if start else " "
        end = start + len(surface)
        following = text[end] if end < len(text) else " "
        return not (before.isalnum() or (following.isalnum() and surface[-1:].isalnum()))

    return next((start for start in starts if standalone(start)), starts[0])


def quantity_bounds(value: float, uncertainty: float | None) -> tuple:
    """quantulum3 writes a range "8- to 16-meter" as 12 with uncertainty 4: ours is low 8,
    high 16, value null."""
    if uncertainty:
        return None, value - uncertainty, value + uncertainty
    return value, None, None


def quantulum_drafts(record: dict) -> list[Draft]:
    """Mechanical rules for one quantulum3 test case: spans found in order, value±uncertainty
    made low/high, units mapped with peer_units.tsv (multiples and minor units converted)."""
    text, drafts, position = record["req"], [], 0
    for number, result in enumerate(record["res"], start=1):
        start = locate_in_order(text, result["surface"], position)
        end = start + len(result["surface"])
        position = end
        mapping = map_unit("quantulum3", result["unit"])
        value, low, high = quantity_bounds(result["value"], result.get("uncertainty"))
        drafts.append(
            Draft(
                result["surface"], start, end, scaled(value, mapping.multiplier), mapping.code,
                low=scaled(low, mapping.multiplier), high=scaled(high, mapping.multiplier),
                alt_units=mapping.alt_codes, peer_unit=result["unit"], result=number,
            )
        )
    return drafts


# Decisions ---------------------------------------------------------------------------------

ACTIONS = ("drop", "optional", "unit", "value", "range", "change", "add")
PARAMETERS = {
    "span", "nth", "value", "low", "high", "unit", "alt_units", "change", "bound", "dimension",
    "optional",
}
CHANGES = {"increase", "decrease", ""}
BOUNDS = {"exact", "approximate", "at_most", "at_least"}


@dataclass(frozen=True)
class Decision:
    """One line of peer_decisions.tsv: what our conventions make of one result of one record."""

    line: int
    suite: str
    record: int
    text: str
    action: str
    reason: str
    params: dict[str, str]
    note: str

    @property
    def nth(self) -> int:
        return int(self.params.get("nth", "1"))

    def names(self, draft: Draft) -> bool:
        """A result is named by its text, or as "#N", the Nth result of the record: the form
        for a result that is a whole sentence, which must not be copied into this project."""
        if re.fullmatch(r"#\d+", self.text):
            return draft.result == int(self.text[1:])
        return draft.text == self.text

    def where(self) -> str:
        return f"{DECISIONS_FILE.name}:{self.line} ({self.suite} #{self.record} {self.text!r})"


def parse_params(text: str) -> dict[str, str]:
    """"unit=USD/share; change=decrease" -> {"unit": "USD/share", "change": "decrease"}."""
    params = {}
    for part in filter(None, (piece.strip() for piece in text.split(";"))):
        key, sep, value = part.partition("=")
        if not sep:
            raise PeerDataError(f"parameter {part!r} is not key=value")
        params[key.strip()] = value.strip()
    return params


@cache
def load_decisions() -> tuple[Decision, ...]:
    """bench/peer_decisions.tsv, each line checked for what can be checked without the data."""
    decisions = []
    for line, row in _numbered_tsv_rows(DECISIONS_FILE):
        decision = Decision(
            line=line,
            suite=row["suite"],
            record=int(row["record"]),
            text=row["text"],
            action=row["action"],
            reason=row["reason"],
            params=parse_params(row["params"] or ""),
            note=row["note"] or "",
        )
        problems = []
        if decision.suite not in SUITES:
            problems.append(f"unknown suite {decision.suite!r}")
        if decision.action not in ACTIONS:
            problems.append(f"unknown action {decision.action!r}")
        if unknown := set(decision.params) - PARAMETERS:
            problems.append(f"unknown parameters {sorted(unknown)}")
        if decision.params.get("change", "") not in CHANGES:
            problems.append(f"change must be one of {sorted(CHANGES)}")
        if "bound" in decision.params and decision.params["bound"] not in BOUNDS:
            problems.append(f"bound must be one of {sorted(BOUNDS)}")
        if not decision.reason:
            problems.append("no reason")
        if "optional" in decision.params and decision.action != "add":
            problems.append("optional=true is for added claims; use the action optional")
        for key in ("value", "low", "high", "nth"):
            try:
                _optional_number(decision.params.get(key, ""))
            except ValueError:
                problems.append(f"{key} is not a number")
        if problems:
            raise PeerDataError(f"{decision.where()}: {'; '.join(problems)}")
        decisions.append(decision)
    return tuple(decisions)


def _optional_number(text: str) -> float | None:
    return None if text in ("", "null") else float(text)


def _find_span(text: str, wanted: str, near: tuple[int, int] | None, nth: int) -> tuple[int, int]:
    """Offsets of `wanted` in the document: the occurrence overlapping `near` (a span being
    widened or narrowed), else the nth occurrence (an added claim). "@START:END" gives the
    offsets themselves: the form for a span that is the whole sentence."""
    if match := re.fullmatch(r"@(\d+):(\d+)", wanted):
        return int(match.group(1)), int(match.group(2))
    starts = [m.start() for m in re.finditer(re.escape(wanted.lower()), text.lower())]
    if near is not None:
        starts = [s for s in starts if s < near[1] and near[0] < s + len(wanted)]
        if len(starts) > 1:
            starts = starts[nth - 1: nth]
    else:
        starts = starts[nth - 1: nth]
    if len(starts) != 1:
        raise PeerDataError(f"span {wanted!r} is not found once in {text!r}")
    return starts[0], starts[0] + len(wanted)


def _edit(draft: Draft, decision: Decision, text: str) -> Draft:
    """Apply one decision's action and parameters to a draft."""
    params = decision.params
    edited = replace(draft, decisions=[*draft.decisions, f"{decision.action}:{decision.reason}"])
    if decision.action == "optional":
        edited.optional = True
    if "span" in params:
        edited.start, edited.end = _find_span(
            text, params["span"], (draft.start, draft.end), decision.nth
        )
    for key in ("value", "low", "high"):
        if key in params:
            setattr(edited, key, _optional_number(params[key]))
    if ("low" in params or "high" in params) and "value" not in params:
        edited.value = None  # a range has no single value
    if "unit" in params:
        edited.unit = params["unit"] or None
        edited.alt_units = ()
    if "alt_units" in params:
        edited.alt_units = expand_codes(params["alt_units"].replace(",", " ").split(), edited.unit)
    if "change" in params:
        edited.change = params["change"] or None
    if "bound" in params:
        edited.bound = params["bound"]
    if "dimension" in params:
        edited.dimension = params["dimension"]
    return edited


def apply_decisions(
    suite: str, index: int, text: str, drafts: list[Draft], decisions: Iterable[Decision]
) -> tuple[list[Draft], int]:
    """The record's drafts after its decisions, and how many decisions applied. A decision
    must name exactly one result (by its text, `nth` among equal texts): anything else is an
    error, so a stale or ambiguous decision never passes silently."""
    drafts, dropped, applied = list(drafts), set(), 0
    for decision in decisions:
        if (decision.suite, decision.record) != (suite, index):
            continue
        applied += 1
        if decision.action == "add":
            if "unit" not in decision.params:
                raise PeerDataError(f"{decision.where()}: an added claim needs a unit")
            start, end = _find_span(
                text, decision.params.get("span", decision.text), None, decision.nth
            )
            without_span = {key: value for key, value in decision.params.items() if key != "span"}
            added = _edit(Draft(decision.text, start, end, None, None),
                          replace(decision, params=without_span), text)
            added.optional = decision.params.get("optional") == "true"
            drafts.append(added)
            continue
        matching = [i for i, draft in enumerate(drafts) if decision.names(draft)]
        if len(matching) < decision.nth:
            raise PeerDataError(f"{decision.where()}: no such result in the record")
        if len(matching) > 1 and "nth" not in decision.params:
            raise PeerDataError(
                f"{decision.where()}: {len(matching)} results have this text; say which with nth="
            )
        position = matching[decision.nth - 1]
        if decision.action == "drop":
            dropped.add(position)
        else:
            drafts[position] = _edit(drafts[position], decision, text)
    return [draft for i, draft in enumerate(drafts) if i not in dropped], applied


# Gold --------------------------------------------------------------------------------------


def _gold_claim(document_id: str, text: str, draft: Draft) -> dict:
    where = f"{document_id} {draft.text!r}"
    if draft.unit is None and not draft.optional:
        raise PeerDataError(f"{where}: no unit code; decide it in {DECISIONS_FILE.name}")
    if draft.value is None and draft.low is None and draft.high is None:
        raise PeerDataError(f"{where}: no value, low or high")
    claim = {
        "doc_id": document_id,
        "claim_id": "",
        "quantity": {"text": text[draft.start:draft.end], "start": draft.start, "end": draft.end},
        "value": draft.value,
        "low": draft.low,
        "high": draft.high,
        "unit": draft.unit,
        "dimension": draft.dimension or dimension_of(draft.unit),
        "change": draft.change,
    }
    if draft.bound:
        claim["bound"] = draft.bound
    if draft.alt_units:
        claim["alt_units"] = list(draft.alt_units)
    if draft.optional:
        claim["optional"] = True
    claim["peer"] = {"text": draft.text, "unit": draft.peer_unit, "decisions": draft.decisions}
    return claim


def load_suite(name: str, decisions: Iterable[Decision] | None = None) -> Suite:
    """One suite as documents and gold claims under our conventions."""
    spec = SUITES[name]
    decisions = [d for d in (load_decisions() if decisions is None else decisions)
                 if d.suite == name]
    documents, claims, applied = [], [], 0
    for index, record in enumerate(read_records(spec)):
        if spec.peer == "quantulum3":
            text, drafts = record["req"], quantulum_drafts(record)
        else:
            text, drafts = record["Input"], recognizers_drafts(spec, record)
        drafts, count = apply_decisions(name, index, text, drafts, decisions)
        applied += count
        document_id = doc_id(name, index)
        documents.append({"id": document_id, "text": text})
        gold = sorted(
            (_gold_claim(document_id, text, draft) for draft in drafts),
            key=lambda c: (c["quantity"]["start"], c["quantity"]["end"]),
        )
        for number, claim in enumerate(gold, start=1):
            claim["claim_id"] = f"{document_id}:{number}"
        claims += gold
    if applied != len(decisions):
        raise PeerDataError(f"{name}: {len(decisions) - applied} decisions name no record")
    return Suite(spec, documents, claims, applied)


def load_suites(names: Iterable[str] | None = None) -> list[Suite]:
    return [load_suite(name) for name in (names or SUITES)]


def write_jsonl(path: Path, records: Iterable[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_gold(suite: Suite, directory: Path) -> Path:
    """A gold folder for `python -m pipeline evaluate --gold DIR`: corpus.jsonl (also the
    input of a run), claims.jsonl, and an empty entities.jsonl (the suites label no entities)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    write_jsonl(directory / "corpus.jsonl", suite.documents)
    write_jsonl(directory / "claims.jsonl", suite.claims)
    write_jsonl(directory / "entities.jsonl", [])
    return directory
