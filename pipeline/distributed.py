"""The dask engine: the same batch job on a dask cluster, with byte-identical output.

The client cuts the inputs into parts (`reading.plan_parts`: a .txt file, or a range of
JSONL lines) and makes them a dask bag. Each worker reads its parts itself, annotates them with
`job.process_batch` (the model is loaded once per worker process by `nlp.cached_pipeline`; no
`nlp` object or Doc is ever shipped) and writes one result file per part into
`OUT/.parts/`. The client then merges the parts in input order into the usual output files,
applying the rule that a repeated doc_id is an error, exactly as the local engine does.

Workers must see OUT at the same path as the client (a shared filesystem), since they write
the parts into it; the inputs too, or else the inputs are URLs that every worker reads through
fsspec (`reading.find_inputs`). Dask is an optional extra: `pip install 'pipeline[dask]'`.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

from pipeline.job import (
    DocumentResult,
    EngineError,
    PreviousRun,
    RunOptions,
    document_records,
    is_unchanged,
    process_batch,
)
from pipeline.reading import InputDocument, InputPart, duplicate, plan_parts, read_part

PARTS_FOLDER = ".parts"


def run_on_dask(
    found: list[InputPart], out_dir: Path, options: RunOptions, previous: PreviousRun
) -> Iterator[DocumentResult]:
    """Process the inputs (`reading.find_inputs`) on a dask cluster and yield the results in
    input order. Documents that `previous` holds unchanged are not annotated again: the workers
    get its doc_id -> sha256 map (scattered to each worker once, not shipped with every task,
    since it has an entry per earlier document) and the client fills those documents in from
    `previous`."""
    try:
        import dask.bag as db
        from dask.distributed import Client, LocalCluster
    except ImportError as error:
        raise EngineError(
            "the dask engine needs dask: pip install 'dask[distributed]' (or the 'dask' extra)"
        ) from error
    parts = list(plan_parts(found, options.batch_size))
    parts_dir = out_dir / PARTS_FOLDER
    shutil.rmtree(parts_dir, ignore_errors=True)
    parts_dir.mkdir(parents=True)
    if options.scheduler:
        cluster, client = None, Client(options.scheduler)
    else:
        cluster = LocalCluster(n_workers=options.n_process, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        bag = db.from_sequence(list(enumerate(parts)), npartitions=max(1, len(parts)))
        # In a list: a dict by itself would be scattered as one future per key.
        [known] = client.scatter([previous.hashes], broadcast=True)
        bag.map(_process_part, options=options, parts_dir=str(parts_dir), known=known).compute()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    yield from _merge(len(parts), parts_dir, previous)
    shutil.rmtree(parts_dir, ignore_errors=True)


def _process_part(numbered_part: tuple[int, InputPart], options: RunOptions, parts_dir: str,
                  known: dict[str, str]) -> int:
    """On a worker: read one part, annotate the documents that `known` (the previous run's
    doc_id -> sha256) does not hold unchanged, and write their results, or a short "reused"
    line for the others; returns the number of documents."""
    number, part = numbered_part
    documents = list(read_part(part))
    reused = [is_unchanged(document, known) for document in documents]
    needed = [document for document, skip in zip(documents, reused, strict=True) if not skip]
    fresh = iter(process_batch(needed, options) if needed else [])
    path = Path(parts_dir) / f"{number:09d}.jsonl"
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for document, skip in zip(documents, reused, strict=True):
            line: dict = {"doc_id": document.doc_id, "source": document.source}
            if skip:
                line["reused"] = True
            else:
                line["record"], line["entities"], line["claims"] = next(fresh)
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return len(documents)


def _merge(count: int, parts_dir: Path, previous: PreviousRun) -> Iterator[DocumentResult]:
    """Results of all parts in input order; a doc_id seen before becomes a duplicate error (even
    if a worker found its text unchanged), and a reused document's records come from
    `previous`, as in the local engine."""
    seen: set[str] = set()
    for number in range(count):
        with (parts_dir / f"{number:09d}.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                result = json.loads(line)
                doc_id = result["doc_id"]
                if doc_id in seen:
                    yield document_records(
                        duplicate(InputDocument(doc_id, None, None, result["source"])), None
                    )
                    continue
                seen.add(doc_id)
                if result.get("reused"):
                    yield previous.reused_records(doc_id)
                else:
                    yield result["record"], result["entities"], result["claims"]
