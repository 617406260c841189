"""The JSON Schemas in schemas/ against the output contract (CONTRACT.md).

Every line of the committed output/, of the hand-labelled gold (tests/gold, tests/heldout) and of
a fresh run on a tiny corpus must validate; broken records must not. Rules a schema cannot
express (end >= start, offsets that index the text, counts that agree across files) are checked
here in Python.

Gold records are not output records: ANNOTATION.md and pipeline/evaluating.py let them carry
`optional` and `alt_labels`, and gold claims leave out `sentence` and `entities` (matching uses
neither). They are validated against the output schemas with exactly those differences allowed.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from pipeline.batch.job import run_job
from pipeline.batch.reading import read_documents
from pipeline.records import CLAIM_FIELDS, SPAN_FIELDS

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"
NAMES = ("documents", "entities", "claims", "run")
LINE_FILES = ("documents", "entities", "claims")
GOLD_DIRS = {"gold": REPO / "tests" / "gold", "heldout": REPO / "tests" / "heldout"}
GOLD_TEXTS = {"gold": REPO / "corpus", "heldout": REPO / "tests" / "heldout" / "corpus.jsonl"}


def load_schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


@cache
def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(name))


@cache
def gold_validator(name: str) -> Draft202012Validator:
    """The output schema with what gold records legitimately do differently."""
    schema = copy.deepcopy(load_schema(name))
    schema["$id"] = schema["$id"].replace(".schema.json", ".gold.schema.json")
    schema["properties"]["optional"] = {"type": "boolean"}
    if name == "entities":
        schema["properties"]["alt_labels"] = {
            "type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}
        }
    if name == "claims":  # gold labels `dimension`; SI values follow from it, not from reading
        schema["required"] = [key for key in schema["required"] if key not in {
            "sentence", "entities", "si_value", "si_low", "si_high", "si_unit"}]
        schema["properties"]["alt_units"] = {
            "type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}
        }
    return Draft202012Validator(schema)


def read_jsonl(path: Path) -> list[dict]:
    """The records of a JSON Lines file, checking the contract's framing: UTF-8, one object a
    line, every line ended by \\n, no \\r."""
    data = path.read_bytes().decode("utf-8")  # strict: raises on invalid UTF-8
    assert "\r" not in data, f"{path}: \\r in a JSON Lines file"
    assert not data or data.endswith("\n"), f"{path}: last line has no \\n"
    records = [json.loads(line) for line in data.split("\n")[:-1]]
    assert all(isinstance(record, dict) for record in records), f"{path}: a line is not an object"
    return records


def read_output(out_dir: Path, with_run: bool = True) -> dict:
    files = {name: read_jsonl(out_dir / f"{name}.jsonl") for name in LINE_FILES}
    if with_run:
        files["run"] = json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
    return files


def schema_errors(check: Draft202012Validator, records: list[dict], where: str) -> list[str]:
    return [
        f"{where} line {number}: /{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for number, record in enumerate(records, start=1)
        for error in check.iter_errors(record)
    ]


def assert_output_valid(files: dict, where: str) -> None:
    problems = [problem for name in LINE_FILES
                for problem in schema_errors(validator(name), files[name], f"{where}/{name}")]
    if "run" in files:
        problems += schema_errors(validator("run"), [files["run"]], f"{where}/run.json")
    assert not problems, "\n".join(problems[:20])


# Rules a schema cannot express --------------------------------------------------------------


def spans_of(record: dict) -> Iterator[tuple[str, dict]]:
    """(field, span) for every offset-carrying object of an entity or claim record."""
    if "label" in record:
        yield "entity", record
        return
    for field in SPAN_FIELDS:
        if record.get(field) is not None:
            yield field, record[field]
    for entity in record.get("entities", []):
        yield "entities[]", entity


def span_problems(records: list[dict], texts: dict[str, str] | None = None) -> list[str]:
    """end >= start everywhere; with the document texts, every span's text is text[start:end]."""
    problems = []
    for record in records:
        where = record.get("claim_id") or f"{record['doc_id']} {record.get('text')!r}"
        for field, span in spans_of(record):
            if span["end"] < span["start"]:
                problems.append(f"{where} {field}: end {span['end']} < start {span['start']}")
            elif texts is not None and texts[record["doc_id"]][span["start"]:span["end"]] != (
                span["text"]
            ):
                problems.append(f"{where} {field}: {span['text']!r} is not text[start:end]")
        sentence, quantity = record.get("sentence"), record.get("quantity")
        if sentence and not sentence["start"] <= quantity["start"] <= quantity["end"] <= (
            sentence["end"]
        ):
            problems.append(f"{where}: quantity outside its sentence")
        if quantity is not None:
            value, low, high = record["value"], record["low"], record["high"]
            if value is None and low is None and high is None:
                problems.append(f"{where}: no value, low or high")
            if low is not None and high is not None and low > high:
                problems.append(f"{where}: low {low} > high {high}")
    return problems


def consistency_problems(files: dict, texts: dict[str, str] | None = None) -> list[str]:
    """Counts and ids that must agree across the four files."""
    documents, entities, claims = (files[name] for name in LINE_FILES)
    problems = span_problems(entities, texts) + span_problems(claims, texts)
    ids = Counter(document["doc_id"] for document in documents)
    problems += [f"doc_id {doc_id!r} repeated" for doc_id, n in ids.items() if n > 1]
    claim_ids = Counter(claim["claim_id"] for claim in claims)
    problems += [f"claim_id {claim_id!r} repeated" for claim_id, n in claim_ids.items() if n > 1]
    n_entities = Counter(entity["doc_id"] for entity in entities)
    n_claims = Counter(claim["doc_id"] for claim in claims)
    ok = {document["doc_id"] for document in documents if document["status"] == "ok"}
    problems += [f"{doc_id}: entities or claims of a document not ok"
                 for doc_id in (n_entities | n_claims).keys() - ok]
    for document in documents:
        doc_id = document["doc_id"]
        if (document["n_entities"], document["n_claims"]) != (n_entities[doc_id],
                                                              n_claims[doc_id]):
            problems.append(f"{doc_id}: n_entities/n_claims disagree with the files")
        if texts is not None and document["status"] == "ok" and (
            document["chars"] != len(texts[doc_id])
        ):
            problems.append(f"{doc_id}: chars {document['chars']} != {len(texts[doc_id])}")
    expected = {"documents": len(documents), "entities": len(entities), "claims": len(claims),
                "failed": len(documents) - len(ok)}
    if "run" in files and files["run"]["counts"] != expected:
        problems.append(f"run.json counts {files['run']['counts']} != {expected}")
    return problems


def texts_of(path: Path) -> dict[str, str]:
    """Document texts exactly as the pipeline reads them."""
    return {document.doc_id: document.text for document in read_documents([path])
            if document.text is not None}


# The schemas themselves ---------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/{name}.schema.json")
    assert schema["title"] and schema["description"]


def _properties(schema: dict, where: str = "") -> Iterator[tuple[str, dict]]:
    for key, value in schema.get("properties", {}).items():
        yield f"{where}/{key}", value
        yield from _properties(value, f"{where}/{key}")
    for key, value in schema.get("$defs", {}).items():
        yield from _properties(value, f"{where}/$defs/{key}")


@pytest.mark.parametrize("name", NAMES)
def test_every_property_is_described_and_required(name: str) -> None:
    schema = load_schema(name)
    undescribed = [where for where, value in _properties(schema) if "description" not in value]
    assert not undescribed
    objects = [schema, *(value for _, value in _properties(schema)), *schema.get("$defs", {})
               .values()]
    for value in objects:
        if "properties" in value:  # every object lists all its keys as required, and no others
            assert set(value["required"]) == set(value["properties"])
            assert value["additionalProperties"] is False


def test_claims_schema_follows_the_code() -> None:
    """Required keys are the ones `document_records` writes; the closed value sets are the ones
    the claim extractor can produce."""
    from pipeline.claims.lexicon import CHANGE_NOUNS, CHANGE_VERBS, CHANGE_VERBS_WITH_BY, CUT_VERBS
    from pipeline.quantities.numbers import FACTOR_VERBS
    from pipeline.quantities.tables import read_table

    properties = load_schema("claims")["properties"]
    assert load_schema("claims")["required"] == list(CLAIM_FIELDS)
    bounds = {"exact"} | {row["bound"] for row in read_table("qualifiers.tsv")} - {"filler"}
    assert set(properties["bound"]["enum"]) == bounds
    changes = {None, *(direction for _, direction in FACTOR_VERBS.values())}
    for lexicon in (CHANGE_VERBS, CHANGE_VERBS_WITH_BY, CUT_VERBS, CHANGE_NOUNS):
        changes |= set(lexicon)
    assert set(properties["change"]["enum"]) == changes


# Real records validate ----------------------------------------------------------------------


def test_committed_output_is_valid() -> None:
    """The JSONL files of output/ (its run.json, with this machine's timings, is not tracked)."""
    files = read_output(REPO / "output", with_run=False)
    assert_output_valid(files, "output")
    problems = consistency_problems(files, texts_of(REPO / "corpus"))
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("gold", GOLD_DIRS)
@pytest.mark.parametrize("name", ["entities", "claims"])
def test_gold_is_valid(gold: str, name: str) -> None:
    records = read_jsonl(GOLD_DIRS[gold] / f"{name}.jsonl")
    assert records
    problems = schema_errors(gold_validator(name), records, f"{gold}/{name}")
    problems += span_problems(records, texts_of(GOLD_TEXTS[gold]))
    assert not problems, "\n".join(problems[:20])


def test_gold_claims_differ_from_output_only_as_allowed() -> None:
    """The gold claims are not full output records: the strict schema says exactly why."""
    records = read_jsonl(GOLD_DIRS["gold"] / "claims.jsonl")
    missing = {error.message for record in records
               for error in validator("claims").iter_errors(record)}
    allowed = {f"'{name}' is a required property"
               for name in ("sentence", "entities", "si_value", "si_low", "si_high", "si_unit")}
    assert missing <= allowed | {
        "Additional properties are not allowed ('optional' was unexpected)"}


TINY_CORPUS = {
    "a.txt": "Exports to China rose 12 percent to $3.5 billion in 2022, the ministry said.\n\n"
             "About 40 people attended the meeting in Almaty on Monday.\n",
    "b.jsonl": json.dumps({"id": "b1", "text": "Prices fell by nearly 5% last year, "
                                               "according to the World Bank."}) + "\n"
               + "[1, 2]\n" + json.dumps({"id": "b2", "text": " "}) + "\n",
    "empty.txt": "",
}


@pytest.fixture(scope="module")
def fresh_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict[str, str]]:
    root = tmp_path_factory.mktemp("schemas")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in TINY_CORPUS.items():
        (corpus / name).write_text(text, encoding="utf-8", newline="\n")
    run_job([corpus], root / "out")
    return read_output(root / "out"), texts_of(corpus)


def test_fresh_run_is_valid(fresh_run: tuple[dict, dict[str, str]]) -> None:
    files, texts = fresh_run
    statuses = Counter(document["status"] for document in files["documents"])
    assert statuses["ok"] == 2 and statuses["error"] == 3  # both kinds of record are checked
    assert files["claims"] and files["entities"]
    assert_output_valid(files, "fresh run")
    problems = consistency_problems(files, texts)
    assert not problems, "\n".join(problems[:20])


# Broken records are rejected ----------------------------------------------------------------


def _first(name: str, run: dict | None = None) -> dict:
    """The first record of a committed output file, or `run` (output/run.json is untracked)."""
    return run if name == "run" else read_jsonl(REPO / "output" / f"{name}.jsonl")[0]


def _drop(key: str) -> Callable[[dict], None]:
    return lambda record: record.pop(key)


def _set(*path_and_value: object) -> Callable[[dict], None]:
    *path, key, value = path_and_value

    def change(record: dict) -> None:
        target = record
        for step in path:
            target = target[step]
        target[key] = value

    return change


BROKEN = [
    ("documents", "missing sha256", _drop("sha256")),
    ("documents", "n_claims as string", _set("n_claims", "3")),
    ("documents", "unknown status", _set("status", "failed")),
    ("documents", "ok with an error message", _set("error", "boom")),
    ("documents", "error without message", _set("status", "error")),
    ("documents", "negative chars", _set("chars", -1)),
    ("documents", "sha256 not hex", _set("sha256", "F1A6")),
    ("documents", "unknown key", _set("extra", 1)),
    ("entities", "missing label", _drop("label")),
    ("entities", "start as string", _set("start", "73")),
    ("entities", "end as float", _set("end", 89.5)),
    ("entities", "negative start", _set("start", -1)),
    ("entities", "label null", _set("label", None)),
    ("claims", "missing bound", _drop("bound")),
    ("claims", "missing entities", _drop("entities")),
    ("claims", "quantity start as string", _set("quantity", "start", "79")),
    ("claims", "entity start as string", _set("entities", 0, "start", "73")),
    ("claims", "value as string", _set("value", "40")),
    ("claims", "unknown bound", _set("bound", "roughly")),
    ("claims", "unknown change", _set("change", "up")),
    ("claims", "sentence null", _set("sentence", None)),
    ("claims", "subject without end", lambda record: record["subject"].pop("end")),
    ("claims", "unknown key in a span", _set("quantity", "length", 10)),
    ("run", "missing model", _drop("model")),
    ("run", "unknown engine", _set("timings", "engine", "spark")),
    ("run", "count as string", _set("counts", "documents", "2")),
]


@pytest.mark.parametrize(("name", "what", "breaks"), BROKEN,
                         ids=[f"{name}: {what}" for name, what, _ in BROKEN])
def test_schema_rejects_broken_record(name: str, what: str, breaks: Callable[[dict], None],
                                      fresh_run: tuple[dict, dict[str, str]]) -> None:
    record = _first(name, fresh_run[0]["run"])
    assert validator(name).is_valid(record)
    broken = copy.deepcopy(record)
    breaks(broken)
    assert not validator(name).is_valid(broken), what


def test_error_record_is_valid_and_needs_a_message() -> None:
    record = {"doc_id": "x", "status": "error", "error": "x.txt: empty file", "chars": 0,
              "sha256": None, "n_entities": 0, "n_claims": 0, "meta": {}}
    assert validator("documents").is_valid(record)
    assert not validator("documents").is_valid({**record, "error": None})
    assert not validator("documents").is_valid({**record, "status": "ok"})  # ok needs a hash


def test_end_before_start_passes_the_schema_but_not_the_checks() -> None:
    entity = {**_first("entities"), "start": 89, "end": 73}
    claim = copy.deepcopy(_first("claims"))
    claim["subject"]["end"] = claim["subject"]["start"] - 1
    assert validator("entities").is_valid(entity) and validator("claims").is_valid(claim)
    assert span_problems([entity]) and span_problems([claim])
