"""Loading the pipeline and annotating texts: the vocabulary stays bounded, results are plain."""

import subprocess
import sys

import pytest

from pipeline import nlp as nlp_module
from pipeline.nlp import annotate, load_pipeline


@pytest.fixture
def fresh_nlp(monkeypatch):
    """A pipeline of its own, with a small warm-up budget so the test is quick."""
    monkeypatch.setattr(nlp_module, "VOCABULARY_WARM_UP_CHARS", 100)
    return load_pipeline()


def novel_words(batch: int) -> list[str]:
    """Texts whose words the vocabulary cannot have seen before."""
    return [" ".join(f"zq{batch}x{number}word" for number in range(50)) + "." for _ in range(3)]


def test_vocabulary_stops_growing_after_the_warm_up(fresh_nlp):
    annotate(fresh_nlp, ["The minister said exports rose 12 percent to $3 billion in 2023."] * 3)
    after_warm_up = len(fresh_nlp.vocab.strings)
    for batch in range(5):
        annotate(fresh_nlp, novel_words(batch))
    assert len(fresh_nlp.vocab.strings) == after_warm_up


def test_warm_up_keeps_the_words_it_saw(fresh_nlp):
    before = len(fresh_nlp.vocab.strings)
    annotate(fresh_nlp, novel_words(0))
    assert len(fresh_nlp.vocab.strings) > before
    assert "zq0x7word" in fresh_nlp.vocab.strings


def test_results_are_the_same_inside_and_outside_memory_zones(fresh_nlp):
    text = "Trade grew by one-third to a record $24 billion in 2022, the ministry said."
    first = annotate(fresh_nlp, [text] * 10)
    later = annotate(fresh_nlp, [text])
    assert first[0] == later[0]
    assert later[0].claims and later[0].entities


# Eight 3 MiB arrays made and freed twenty times, as a model's batches make and free theirs; a
# first 8 MiB array raises glibc's adaptive threshold, so that the eight come from the heap.
# (Under 4 MiB, numpy asks for no huge pages: faults are counted in 4 KiB pages.)
BATCHES_OF_ARRAYS = """
import resource, sys
import numpy as np
from pipeline.nlp import reuse_freed_memory
if sys.argv[1] == "reuse" and not reuse_freed_memory():
    sys.exit(3)
np.ones(2**20).sum()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(20):
    batch = [np.ones(3 * 2**17) for _ in range(8)]
    del batch
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def page_faults(mode: str) -> int:
    result = subprocess.run([sys.executable, "-c", BATCHES_OF_ARRAYS, mode],
                            capture_output=True, text=True)
    if result.returncode == 3:
        pytest.skip("this C library has no glibc mallopt")
    assert result.returncode == 0, result.stderr
    return int(result.stdout)


def test_freed_batch_memory_is_reused_not_faulted_in_again():
    pages_of_one_batch = 8 * 3 * 2**20 // 4096
    assert page_faults("default") > 3 * pages_of_one_batch  # glibc hands the memory back
    assert page_faults("reuse") < 1.5 * pages_of_one_batch


def test_collector_does_not_walk_the_cached_pipeline():
    script = (
        "import gc\n"
        "from pipeline.nlp import cached_pipeline\n"
        "nlp = cached_pipeline()\n"
        "walked = {id(obj) for obj in gc.get_objects()}\n"
        "print(id(nlp) in walked, id(nlp.vocab) in walked, gc.get_freeze_count() > 10_000)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "True"]


def test_every_extension_our_components_set_is_declared(nlp):
    """What a component writes on the Doc is in its factory's `assigns` (spaCy's
    `analyze_pipes` reads them), and what it reads from another is in `requires`."""
    doc = nlp("Exports rose 5% to $3 billion in 2022, the ministry said.")
    assigned = {attribute for name in nlp.pipe_names
                for attribute in nlp.get_pipe_meta(name).assigns}
    written = {f"doc._.{name}" for name in ("claims", "quantity_spans")
               if getattr(doc._, name) is not None}
    assert written == {"doc._.claims", "doc._.quantity_spans"}
    assert written <= assigned
    assert "doc.spans" in nlp.get_pipe_meta("place_gazetteer").assigns
    assert "doc.spans" in nlp.get_pipe_meta("entity_refiner").requires
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    ours = ("place_gazetteer", "entity_refiner", "quantity_entities", "numeric_claims",
            "paragraph_boundaries")
    # token.pos comes from the model's attribute_ruler, which does not declare it
    assert all(set(problems[name]) <= {"token.pos"} for name in ours)
