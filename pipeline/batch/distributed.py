"""The dask engine: the same batch job on a dask cluster, with byte-identical output.

The client cuts the inputs into parts (`reading.plan_parts`: a .txt file, or a range of
JSONL lines) and makes them a dask bag. Each worker reads its parts itself, annotates them with
`work.process_batch` (the model is loaded once per worker process by `nlp.cached_pipeline`; no
`nlp` object or Doc is ever shipped) and writes one result file per part into
`OUT/.parts/`. The client then merges the parts in input order into the usual output files,
applying the rule that a repeated doc_id is an error, exactly as the local engine does.

A part's result file is written under a temporary name and renamed when whole, and is named by
the part and the run's output options; the parts stay until the run commits, so a killed run's
finished parts are reused by `--resume` (each document checked against its text's hash), and
only the unfinished documents are annotated again. Workers of a local cluster die with the
client and ignore Ctrl-C (`workers`).

Workers must see OUT at the same path as the client (a shared filesystem), since they write
the parts into it; the inputs too, or else the inputs are URLs that every worker reads through
fsspec (`reading.find_inputs`). Dask is an optional extra: `pip install 'pipeline[dask]'`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from pipeline.batch.finding import InputDocument, InputPart
from pipeline.batch.reading import duplicate, plan_parts, read_part
from pipeline.batch.resume import PreviousRun, is_unchanged
from pipeline.batch.work import EngineError, RunOptions, document_records, process_batch
from pipeline.batch.workers import ignoring_ctrl_c, stop_with_parent_async
from pipeline.records import DocumentResult, text_hash

PARTS_FOLDER = ".parts"


def run_on_dask(
    found: list[InputPart], out_dir: Path, options: RunOptions, previous: PreviousRun
) -> Iterator[DocumentResult]:
    """Process the inputs (`reading.find_inputs`) on a dask cluster and yield the results in
    input order. Documents that `previous` holds unchanged are not annotated again: the workers
    get its doc_id -> sha256 map (scattered to each worker once, not shipped with every task,
    since it has an entry per earlier document) and the client fills those documents in from
    `previous`. Parts finished by a killed run are reused when resuming."""
    try:
        import dask.bag as db
        from dask.distributed import Client, LocalCluster
    except ImportError as error:
        raise EngineError(
            "the dask engine needs dask: pip install 'dask[distributed]' (or the 'dask' extra)"
        ) from error
    parts = list(plan_parts(found, options.batch_size))
    parts_dir = out_dir / PARTS_FOLDER
    if not options.resume:
        shutil.rmtree(parts_dir, ignore_errors=True)
    parts_dir.mkdir(parents=True, exist_ok=True)
    names = [_part_name(number, part, options) for number, part in enumerate(parts)]
    if options.scheduler:
        cluster, client = None, Client(options.scheduler)
    else:
        with ignoring_ctrl_c():
            cluster = LocalCluster(n_workers=options.n_process, threads_per_worker=1,
                                   processes=True, dashboard_address=None,
                                   silence_logs=logging.CRITICAL)
        client = Client(cluster)
        client.run(stop_with_parent_async)  # workers die with this process
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)  # no "Task exception was never
    try:                                                      # retrieved" after a Ctrl-C
        bag = db.from_sequence(list(zip(names, parts, strict=True)),
                               npartitions=max(1, len(parts)))
        # In a list: a dict by itself would be scattered as one future per key.
        [known] = client.scatter([previous.hashes], broadcast=True)
        counts = bag.map(_process_part, options=options, parts_dir=str(parts_dir),
                         known=known).compute()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    previous.reused += sum(finished for finished in counts)
    yield from _merge(names, parts_dir, previous, options)
    shutil.rmtree(parts_dir, ignore_errors=True)


def _part_name(number: int, part: InputPart, options: RunOptions) -> str:
    """The result file of one part: its place in the order, and a digest of where it reads
    and what the run writes, so that only a part of the same inputs and options is reused."""
    key = json.dumps([str(part.path), part.start, part.end, part.first_line, part.problem,
                      options.output_options(), options.model], sort_keys=True)
    return f"{number:09d}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.jsonl"


def _process_part(named_part: tuple[str, InputPart], options: RunOptions, parts_dir: str,
                  known: dict[str, str]) -> int:
    """On a worker: read one part, annotate the documents that neither `known` (the previous
    run's doc_id -> sha256) nor a finished result file of this part holds unchanged, and write
    their results, or a short "reused" line for the others. Returns how many documents came
    from a finished result file (reused, not counted by `previous`)."""
    name, part = named_part
    path = Path(parts_dir) / name
    documents = list(read_part(part, options.max_input_bytes))
    if options.resume and _is_finished(path, documents):
        return len(documents)
    reused = [is_unchanged(document, known) for document in documents]
    needed = [document for document, skip in zip(documents, reused, strict=True) if not skip]
    fresh = iter(process_batch(needed, options) if needed else [])
    temporary = path.with_suffix(".tmp")
    with temporary.open("w", encoding="utf-8", newline="\n") as handle:
        for document, skip in zip(documents, reused, strict=True):
            line: dict = {"doc_id": document.doc_id, "source": document.source}
            if skip:
                line["reused"], line["text"], line["meta"] = True, document.text, document.meta
            else:
                line["record"], line["entities"], line["claims"] = next(fresh)
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    os.replace(temporary, path)
    return 0


def _is_finished(path: Path, documents: list[InputDocument]) -> bool:
    """Whether this part's result file, from a killed run, exists and was made from the same
    documents (ids, text hashes and `meta`, as `--resume` asks of the local engine)."""
    try:
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    except (OSError, ValueError):
        return False
    return len(lines) == len(documents) and all(
        line["doc_id"] == document.doc_id and not line.get("reused")
        and line["record"]["sha256"] == (text_hash(document.text)
                                         if document.text is not None else None)
        and line["record"].get("meta") == (document.meta or {})
        for line, document in zip(lines, documents, strict=True)
    )


def _merge(names: list[str], parts_dir: Path, previous: PreviousRun,
           options: RunOptions) -> Iterator[DocumentResult]:
    """Results of all parts in input order; a doc_id seen before becomes a duplicate error (even
    if a worker found its text unchanged), and a reused document's records come from
    `previous`, as in the local engine (or are annotated here, in the rare case that they do
    not fit the text)."""
    seen: set[str] = set()
    for name in names:
        with (parts_dir / name).open(encoding="utf-8") as handle:
            for line in handle:
                result = json.loads(line)
                doc_id = result["doc_id"]
                document = InputDocument(doc_id, result.get("text"), None, result["source"],
                                         result.get("meta"))
                if doc_id in seen:
                    yield document_records(duplicate(document), None)
                    continue
                seen.add(doc_id)
                if not result.get("reused"):
                    yield result["record"], result["entities"], result["claims"]
                    continue
                reused = previous.reused_records(document)
                yield reused if reused is not None else process_batch([document], options)[0]
