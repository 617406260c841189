"""The dask engine: the same batch job on a dask cluster, with byte-identical output.

The client cuts the inputs into parts (`reading.plan_parts`: a .txt file, or a range of
JSONL lines) and makes them a dask bag. Each worker reads its parts itself, annotates them with
`job.process_batch` (the model is loaded once per worker process by `nlp.cached_pipeline`; no
`nlp` object or Doc is ever shipped) and writes one result file per part into
`OUT/.parts/`. The client then merges the parts in input order into the usual output files,
applying the rule that a repeated doc_id is an error, exactly as the local engine does.

Workers must see the input paths and OUT at the same paths as the client (a shared
filesystem). Dask is an optional extra: `pip install 'pipeline[dask]'`.
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
    process_batch,
)
from pipeline.reading import InputDocument, InputPart, duplicate, plan_parts, read_part

PARTS_FOLDER = ".parts"


def run_on_dask(
    found: list[InputPart], out_dir: Path, options: RunOptions, previous: PreviousRun
) -> Iterator[DocumentResult]:
    """Process the inputs (`reading.find_inputs`) on a dask cluster and yield the results in
    input order."""
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
        bag.map(_process_part, options=options, parts_dir=str(parts_dir)).compute()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    yield from _merge(len(parts), parts_dir, previous)
    shutil.rmtree(parts_dir, ignore_errors=True)


def _process_part(numbered_part: tuple[int, InputPart], options: RunOptions,
                  parts_dir: str) -> int:
    """On a worker: read one part, annotate it, write its results; returns the documents."""
    number, part = numbered_part
    documents = list(read_part(part))
    results = process_batch(documents, options)
    path = Path(parts_dir) / f"{number:09d}.jsonl"
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for document, (record, entities, claims) in zip(documents, results, strict=True):
            line = {"source": document.source, "text_sha256": record["sha256"],
                    "record": record, "entities": entities, "claims": claims}
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return len(documents)


def _merge(count: int, parts_dir: Path, previous: PreviousRun) -> Iterator[DocumentResult]:
    """Results of all parts in input order; a doc_id seen before becomes a duplicate error."""
    seen: set[str] = set()
    for number in range(count):
        with (parts_dir / f"{number:09d}.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                part = json.loads(line)
                record = part["record"]
                doc_id = record["doc_id"]
                if doc_id in seen:
                    yield document_records(
                        duplicate(InputDocument(doc_id, None, None, part["source"])), None
                    )
                    continue
                seen.add(doc_id)
                yield part["record"], part["entities"], part["claims"]
