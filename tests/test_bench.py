"""The benchmark's arithmetic and corpus, without timing anything."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import run as bench  # noqa: E402


def test_report_gives_ratios_of_fastest_runs_and_of_each_round():
    results = {
        "a": {"seconds": 10.0, "all_seconds": [10.0, 14.0, 12.0], "peak_rss_mib": 300.0,
              "tokens": 5000},
        "b": {"seconds": 12.5, "all_seconds": [12.5, 14.0, 16.0], "peak_rss_mib": 310.0},
    }
    text = bench.report(results, docs=100, tokens=5000, chars=20000)
    assert "| (a) bare nlp.pipe | 10.0 | 10.0 | 500 | 300 |" in text
    assert "| (b) pipeline run, 1 process | 12.5 | 8.0 | 400 | 310 |" in text
    assert "- b/a = 0.80 (fastest runs); per round 0.75, 0.80, 1.00, median 0.80" in text
    assert "c/b" not in text


def test_corpus_is_the_same_for_the_same_seed(tmp_path):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    bench.build_corpus(first, 30, (1, 3))
    bench.build_corpus(second, 30, (1, 3))
    assert first.read_bytes() == second.read_bytes()
    records = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 30 and len({record["id"] for record in records}) == 30
    assert all(1 <= record["text"].count("\n\n") + 1 <= 3 for record in records)


def test_paired_ratio_is_summed_seconds_of_a_over_those_of_b():
    paired = {"a": [1.0, 2.0, 3.0, 4.0], "b": [1.25, 2.0, 4.0, 4.0]}
    text = "\n".join(bench.paired_report(paired))
    assert "over 4 slices" in text and "(a) 10.0 s, (b) 11.2 s" in text
    assert "- b/a = 0.889 (paired); per slice median 0.900" in text
    assert "range 0.750 to 1.000" in text


def test_paired_section_is_in_the_report_only_when_measured():
    paired = {"a": [1.0, 1.0], "b": [1.0, 2.0]}
    assert "b/a = 0.667 (paired)" in bench.report({}, 10, 0, 100, paired)
    assert "paired" not in bench.report({}, 10, 0, 100)


def test_bench_measures_the_pipelines_default_model():
    from pipeline.nlp import DEFAULT_MODEL

    assert bench.MODEL == DEFAULT_MODEL
