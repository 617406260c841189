"""A run's output folder of any size, written without spaCy.

Tests of what reads a run (the report, show, the exports) need runs of thousands of documents,
which spaCy would take minutes to annotate. `write_synthetic_run` writes (5,000 documents of 4
claims in about a second) what `pipeline run` would write for a generated corpus if the model
had found exactly the entities and claims the generator put in: every record follows schemas/
and docs/contract.md, every span is the text at its offsets, and run.json names the corpus, so
`pipeline report --pred FOLDER/out` reads the texts back.

The texts are sentences from small templates with deterministic random choices (a seed):
money in several currencies, percentages, physical units with SI values, counts, multiples,
ranges and vague amounts, from 0.5 to 9e12, with all four bounds and both changes; subjects,
times and sources that hold entities.

The four files are plain files in FOLDER/out, not links through FOLDER/out/.current as
`pipeline run` makes them: readers open the names and never see the difference.
"""

from __future__ import annotations

import json
import random
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.records import text_hash

# Vocabulary: (text, entity label) --------------------------------------------------------

ORGS = ["Kazmunaigas", "Air Astana", "Halyk Bank", "Siemens", "Société Générale", "Eurostat",
        "Rosatom", "Samruk-Kazyna", "Tengizchevroil", "KEGOC", "Deutsche Bahn", "Glencore"]
PEOPLE = ["Aigerim Tokayeva", "Jean-Luc Moreau", "Bruce Pannier", "Yerlan Karin",
          "Anna Müller", "Marat Ospanov", "Li Wei", "Sofía Ramírez"]
PLACES = ["Kazakhstan", "Almaty", "China", "Germany", "Zürich", "Astana", "Xinjiang", "Brazil",
          "Uzbekistan", "Côte d’Ivoire", "Karaganda", "Shymkent"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "March", "May", "July", "September", "November"]

# what an amount of money or a percentage can measure (the subject's words)
MONEY_METRICS = ["revenue", "exports", "investment", "the budget", "net profit", "debt",
                 "trade turnover", "spending on roads"]
PERCENT_METRICS = ["unemployment", "inflation", "market share", "the share of renewables",
                   "turnout", "the tax rate"]
COUNTED = ["workers", "people", "jobs", "schools", "flights", "customs points", "patients",
           "households"]

# (unit, dimension, si_unit, factor to SI, forms as written, largest number written); the
# factors are those of pipeline/quantities/data/units.tsv
PHYSICAL = [
    ("km", "length", "m", 1000, ["km", "kilometres", "kilometers"], 9999),
    ("km2", "area", "m2", 1_000_000, ["square kilometres", "km2"], 999),
    ("ha", "area", "m2", 10_000, ["hectares"], 99_999),
    ("t", "mass", "kg", 1000, ["tonnes", "metric tons"], 999_999),
    ("kg", "mass", "kg", 1, ["kg", "kilograms"], 999),
    ("MW", "power", "W", 1_000_000, ["MW", "megawatts"], 9999),
    ("GWh", "energy", "J", 3_600_000_000_000, ["GWh"], 999),
    ("year", "duration", "s", 31_557_600, ["years"], 99),
    ("km/h", "speed", "m/s", 0.277777777778, ["km/h"], 350),
    ("barrel/day", "volume/duration", "m3/s", 0.158987294928 / 86400,
     ["barrels per day", "barrels a day"], 999_999),
]
# what a physical quantity can measure, by its dimension
PHYSICAL_METRICS = {
    "length": ["the pipeline", "the new railway", "the border fence"],
    "area": ["farmland", "the nature reserve", "the burnt forest"],
    "mass": ["grain exports", "the wheat harvest", "copper output"],
    "power": ["capacity", "the wind farm's capacity"],
    "energy": ["power generation", "electricity exports"],
    "duration": ["the concession", "the loan term"],
    "speed": ["the trains' top speed", "the speed limit"],
    "volume/duration": ["oil output", "crude exports"],
}
# (code, sign before the number or None, name after it)
CURRENCIES = [("USD", "$", "dollars"), ("EUR", "€", "euros"), ("GBP", "£", "pounds"),
              ("KZT", None, "tenge")]
SCALES = [("", 1), ("thousand", 10**3), ("million", 10**6), ("billion", 10**9),
          ("trillion", 10**12)]
QUALIFIERS = {
    "exact": [""], "approximate": ["about ", "around ", "roughly ", "an estimated "],
    "at_most": ["nearly ", "almost ", "up to ", "less than "],
    "at_least": ["more than ", "over ", "at least "],
}
BOUNDS = ["exact"] * 5 + ["approximate", "at_most", "at_least"] * 2
VERBS = {
    "increase": ["rose by", "grew by", "increased by"],
    "decrease": ["fell by", "declined by", "was cut by"],
    None: ["reached", "stood at", "totalled", "was"],
}
FACTORS = [("doubled", 2, "increase"), ("tripled", 3, "increase"), ("halved", 0.5, "decrease")]
VAGUE = [("billions of dollars", "USD", "dollars", 2 * 10**9),
         ("millions of euros", "EUR", "euros", 2 * 10**6)]

Phrase = list[tuple[str, str | None]]  # pieces of text, each with its entity label or None


class _Text:
    """A document being written: its pieces, the entities in it, and the spans marked in it
    (spans as in the contract: text, start, end)."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.length = 0
        self.entities: list[dict] = []

    def add(self, text: str, label: str | None = None) -> dict:
        span = {"text": text, "start": self.length, "end": self.length + len(text)}
        self.pieces.append(text)
        self.length += len(text)
        if label is not None:
            self.entities.append({"text": text, "label": label, "start": span["start"],
                                  "end": span["end"]})
        return span

    def phrase(self, phrase: Phrase) -> dict:
        """Write the pieces of `phrase` (entities marked) and return its span as a whole."""
        start = self.length
        for text, label in phrase:
            self.add(text, label)
        return {"text": "".join(text for text, _ in phrase), "start": start, "end": self.length}


def _number(amount: Decimal) -> int | float:
    """A value as the pipeline writes it: an int when whole, else a float."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _si(amount: Decimal | None, factor: float | None) -> float | None:
    return None if amount is None or factor is None else float(amount) * factor


def _mantissa(rng: random.Random, largest: int) -> str:
    """A number as news writes it: "7", "3.5", "0.5", "12,400"."""
    shape = rng.random()
    if shape < 0.3:
        return f"{rng.randint(5, min(largest, 99) * 10) / 10:g}"  # one decimal: 0.5 ... 99.9
    return f"{rng.randint(1, largest):,}"


def _quantity(rng: random.Random, kind: str) -> dict:
    """The quantity's text and the claim fields that follow from it (value, unit, SI ...)."""
    if kind == "money":
        code, sign, name = rng.choice(CURRENCIES)
        scale_word, scale = rng.choice(SCALES)
        number = _mantissa(rng, 9 if scale_word == "trillion" else 999)
        amount = Decimal(number.replace(",", "")) * scale
        written = f"{number} {scale_word}".strip()
        if sign and rng.random() < 0.7:
            text, unit_text = f"{sign}{written}", sign
        else:
            text, unit_text = f"{written} {name}", name
        return _fields(text, amount, code, unit_text, "currency", "MONEY")
    if kind == "percent":
        number = _mantissa(rng, 99)
        form = rng.choice(["percent", "%", "per cent", "percentage points"])
        text = f"{number}%" if form == "%" else f"{number} {form}"
        unit = "percentage_point" if form == "percentage points" else "percent"
        return _fields(text, Decimal(number.replace(",", "")), unit, form, "percent", "PERCENT")
    if kind == "physical":
        unit, dimension, si_unit, factor, forms, largest = rng.choice(PHYSICAL)
        number = _mantissa(rng, largest)
        form = rng.choice(forms)
        text = f"{number} {form}"
        label = "DATE" if dimension == "duration" else "QUANTITY"
        return _fields(text, Decimal(number.replace(",", "")), unit, form, dimension, label,
                       si_unit, factor)
    if kind == "count":
        scale_word, scale = rng.choice(SCALES[:4])
        number = _mantissa(rng, 999 if scale > 1 else 99_999)
        text = f"{number} {scale_word}".strip()
        return _fields(text, Decimal(number.replace(",", "")) * scale, "count", None, "count",
                       "CARDINAL", counted=rng.choice(COUNTED))
    raise ValueError(kind)


def _range(rng: random.Random, kind: str) -> dict:
    """A range of a percent, money or count kind ("20 to 25 percent", "$1.2 billion to $1.5
    billion", "1.25 million to 1.5 million"): value null, low and high set."""
    low = rng.randint(2, 80)
    high = low + rng.randint(1, 19)
    if kind == "percent":
        quantity = _fields(f"{low} to {high} percent", None, "percent", "percent", "percent",
                           "PERCENT")
        quantity["low"], quantity["high"] = low, high
        return quantity
    scale_word, scale = rng.choice(SCALES[2:4])
    tenths = f"{low / 10:g} {scale_word}", f"{high / 10:g} {scale_word}"
    if kind == "money":
        quantity = _fields(f"${tenths[0]} to ${tenths[1]}", None, "USD", "$", "currency",
                           "MONEY")
    else:
        quantity = _fields(f"{tenths[0]} to {tenths[1]}", None, "count", None, "count",
                           "CARDINAL", counted=rng.choice(COUNTED))
    quantity["low"] = _number(Decimal(low) / 10 * scale)
    quantity["high"] = _number(Decimal(high) / 10 * scale)
    return quantity


def _fields(text: str, amount: Decimal | None, unit: str, unit_text: str | None,
            dimension: str, label: str, si_unit: str | None = None, factor: float | None = None,
            counted: str | None = None) -> dict:
    return {
        "text": text, "label": label, "value": None if amount is None else _number(amount),
        "low": None, "high": None, "unit": unit, "unit_text": unit_text,
        "dimension": dimension, "si_value": _si(amount, factor), "si_low": None,
        "si_high": None, "si_unit": si_unit, "counted": counted,
    }


def _metrics(found: dict) -> list[str]:
    """What the quantity `found` can measure."""
    return {"currency": MONEY_METRICS, "percent": PERCENT_METRICS}.get(
        found["dimension"]) or PHYSICAL_METRICS[found["dimension"]]


def _subject(rng: random.Random, metrics: list[str]) -> Phrase:
    """What is measured, usually with an entity in it."""
    metric = rng.choice(metrics)
    shape = rng.random()
    if shape < 0.35:
        return [(rng.choice(ORGS), "ORG"), (f"’s {metric.removeprefix('the ')}", None)]
    if shape < 0.7:
        return [(f"{metric} in ", None), (rng.choice(PLACES), "GPE")]
    return [(metric, None)]


def _time(rng: random.Random) -> Phrase | None:
    year = str(rng.randint(1995, 2024))
    return rng.choice([
        [("in ", None), (year, "DATE")],
        [("last year", "DATE")],
        [("in ", None), (f"the first quarter of {year}", "DATE")],
        [("in ", None), (f"{rng.choice(MONTHS)} {year}", "DATE")],
        None, None,
    ])


def _source(rng: random.Random) -> tuple[str, str] | None:
    return rng.choice([(rng.choice(ORGS), "ORG"), (rng.choice(PEOPLE), "PERSON"), None])


def _capitalized(phrase: Phrase) -> Phrase:
    (first, label), *rest = phrase
    return [(first[0].upper() + first[1:], label), *rest]


def _write_sentence(rng: random.Random, text: _Text, wanted: int) -> list[dict]:
    """Write one sentence with one claim (two when `wanted` allows and the dice say so) and
    return its claims as claims.jsonl records without doc_id and claim_id."""
    first_piece, first_entity = len(text.pieces), len(text.entities)
    noted: list[dict] = []

    def quantity(found: dict, change: str | None, bound: str | None = None) -> None:
        if "bound" in found:  # a vague amount says its bound in its own words
            bound = found.pop("bound")
        else:
            bound = bound or rng.choice(BOUNDS)
            text.add(rng.choice(QUALIFIERS[bound]))
        span = text.add(found.pop("text"), found.pop("label"))
        noted.append({**found, "quantity": span, "bound": bound, "change": change})

    subject = time_ = source = None
    when, said = _time(rng), _source(rng)
    shape = rng.random()
    if wanted >= 2 and shape < 0.3:  # "X rose by 12 percent to $3.5 billion in 2021."
        subject = text.phrase(_capitalized(_subject(rng, MONEY_METRICS)))
        change = rng.choice(["increase", "decrease"])
        text.add(f" {'rose' if change == 'increase' else 'fell'} by ")
        quantity(_quantity(rng, "percent"), change)
        text.add(" to ")
        quantity(_quantity(rng, "money"), None)
    elif shape < 0.4:  # "Exports in China doubled last year."
        word, factor, change = rng.choice(FACTORS)
        metrics = rng.choice([MONEY_METRICS, PERCENT_METRICS, *PHYSICAL_METRICS.values()])
        subject = text.phrase(_capitalized(_subject(rng, metrics)))
        text.add(" ")
        quantity(_fields(word, Decimal(factor), "factor", word, "factor", None), change,
                 "exact")
    elif shape < 0.6:  # "Glencore added about 4,500 workers in Almaty in 2021."
        text.add(*rng.choice([(rng.choice(ORGS), "ORG"), (rng.choice(PLACES), "GPE")]))
        change = rng.choice(["increase", "decrease", None])
        text.add(" " + {"increase": "added", "decrease": "cut", None: "employs"}[change] + " ")
        found = _range(rng, "count") if rng.random() < 0.15 else _quantity(rng, "count")
        counted = found["counted"]
        quantity(found, change)
        text.add(" ")
        where = rng.choice([[(f"{counted} in ", None), (rng.choice(PLACES), "GPE")],
                            [(counted, None)]])
        subject = text.phrase(where)
    else:  # "According to Eurostat, inflation in Brazil fell by nearly 2.5 percent in 2019."
        pick = rng.random()
        if pick < 0.1:
            found = _range(rng, rng.choice(["percent", "money"]))
            change, bound = None, rng.choice(["exact", "approximate"])
        elif pick < 0.17:
            phrase, code, unit_text, low = rng.choice(VAGUE)
            found = _fields(phrase, None, code, unit_text, "currency", "MONEY")
            found["low"], found["bound"] = low, "at_least"
            change, bound = None, None
        else:
            kind = rng.choice(["money", "money", "percent", "physical", "physical"])
            found = _quantity(rng, kind)
            change, bound = rng.choice(["increase", "decrease", None, None]), None
        what = _subject(rng, _metrics(found)) if rng.random() < 0.9 else None
        order = rng.random()
        if order < 0.3 and said:
            text.add("According to ")
            source = text.add(*said)
            text.add(", ")
            said = None
        elif order < 0.6 and when:
            time_ = text.phrase(_capitalized(when))
            text.add(", ")
            when = None
        starts = len(text.pieces) == first_piece
        if what is None:  # no subject: "It rose by 5 percent."
            text.add("It" if starts else "it")
        else:
            subject = text.phrase(_capitalized(what) if starts else what)
        text.add(" " + rng.choice(VERBS[change]) + " ")
        quantity(found, change, bound)
    if when:
        text.add(" ")
        time_ = text.phrase(when)
    if said:
        text.add(", ")
        source = text.add(*said)
        text.add(" said")
    text.add(".")
    sentence_text = "".join(text.pieces[first_piece:])
    sentence = {"text": sentence_text, "start": text.length - len(sentence_text),
                "end": text.length}
    entities = text.entities[first_entity:]
    return [_claim_record(claim, sentence, subject, time_, source, entities)
            for claim in noted]


def _claim_record(claim: dict, sentence: dict, subject: dict | None, time_: dict | None,
                  source: dict | None, entities: list[dict]) -> dict:
    """The claims.jsonl fields in the contract's order (doc_id and claim_id come first)."""
    return {
        "sentence": sentence, "quantity": claim["quantity"], "value": claim["value"],
        "low": claim["low"], "high": claim["high"], "unit": claim["unit"],
        "unit_text": claim["unit_text"], "dimension": claim["dimension"],
        "si_value": claim["si_value"], "si_low": claim["si_low"], "si_high": claim["si_high"],
        "si_unit": claim["si_unit"] if claim["si_value"] is not None else None,
        "counted": claim["counted"], "bound": claim["bound"], "change": claim["change"],
        "subject": subject, "time": time_, "source": source,
        "entities": [dict(entity) for entity in entities],
    }


def _document(rng: random.Random, claims: int) -> tuple[str, list[dict], list[dict]]:
    """A document's text, entities and claims: an opening sentence, then sentences until it
    holds `claims` claims, a paragraph break after every third sentence."""
    text = _Text()
    text.add(rng.choice(PEOPLE), "PERSON")
    text.add(", the head of ")
    text.add(rng.choice(ORGS), "ORG")
    text.add(", visited ")
    text.add(rng.choice(PLACES), "GPE")
    text.add(" on ")
    text.add(rng.choice(WEEKDAYS), "DATE")
    text.add(".")
    found: list[dict] = []
    sentences = 1
    while len(found) < claims:
        text.add("\n\n" if sentences % 3 == 0 else " ")
        found += _write_sentence(rng, text, claims - len(found))
        sentences += 1
    return "".join(text.pieces), text.entities, found


def _dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n"


def write_synthetic_run(folder: Path, documents: int, claims_per_document: int,
                        failed: int = 0, seed: int = 0) -> Path:
    """Write `folder/corpus.jsonl` and the output of a run on it, `folder/out`, and return
    `folder/out`. `documents` documents in all, `failed` of them (chosen at random) error
    records; each of the others has exactly `claims_per_document` claims. The same arguments
    write the same corpus and JSONL files, byte for byte."""
    if not 0 <= failed <= documents:
        raise ValueError(f"failed ({failed}) must be between 0 and documents ({documents})")
    started = time.perf_counter()
    rng = random.Random(seed)
    folder = folder.resolve()
    corpus, out = folder / "corpus.jsonl", folder / "out"
    out.mkdir(parents=True, exist_ok=True)
    failing = set(rng.sample(range(documents), failed))
    width = max(5, len(str(documents)))
    n_entities = n_claims = 0
    with (corpus.open("w", encoding="utf-8", newline="\n") as corpus_file,
          (out / "documents.jsonl").open("w", encoding="utf-8", newline="\n") as doc_file,
          (out / "entities.jsonl").open("w", encoding="utf-8", newline="\n") as entity_file,
          (out / "claims.jsonl").open("w", encoding="utf-8", newline="\n") as claim_file):
        for number in range(documents):
            doc_id = f"doc-{number + 1:0{width}d}"
            date = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            if number in failing:  # what reading.py says of a record without a usable text
                if number % 2:
                    line, problem = {"id": doc_id, "text": " \n", "date": date}, '"text" is empty'
                else:
                    line, problem = {"id": doc_id, "date": date}, 'no "text"'
                corpus_file.write(_dumps(line))
                doc_file.write(_dumps({
                    "doc_id": doc_id, "status": "error",
                    "error": f"{corpus}:{number + 1}: {problem}", "chars": 0, "sha256": None,
                    "n_entities": 0, "n_claims": 0, "meta": {}}))
                continue
            text, entities, claims = _document(rng, claims_per_document)
            corpus_file.write(_dumps({"id": doc_id, "text": text, "date": date}))
            doc_file.write(_dumps({
                "doc_id": doc_id, "status": "ok", "error": None, "chars": len(text),
                "sha256": text_hash(text), "n_entities": len(entities),
                "n_claims": len(claims), "meta": {"date": date}}))
            entity_file.writelines(_dumps({"doc_id": doc_id, **entity}) for entity in entities)
            claim_file.writelines(
                _dumps({"doc_id": doc_id, "claim_id": f"{doc_id}:{n}", **claim})
                for n, claim in enumerate(claims, start=1))
            n_entities += len(entities)
            n_claims += len(claims)
    run: dict[str, Any] = {
        "pipeline_version": __version__,
        "model": {"name": "synthetic_run", "version": "0", "spacy_version": "none",
                  "pipes": []},  # no model ran: tests/synthetic_run.py wrote the records
        "options": {"model": "synthetic_run", "refine_entities": False, "max_chars": 100_000,
                    "max_input_bytes": 10_000_000},
        "inputs": [str(corpus)],
        "counts": {"documents": documents, "failed": failed, "entities": n_entities,
                   "claims": n_claims},
        "timings": {"load_seconds": 0.0,
                    "process_seconds": round(time.perf_counter() - started, 3),
                    "engine": "local", "n_process": 1, "batch_size": 64,
                    "reused_documents": 0},
    }
    (out / "run.json").write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")
    return out
