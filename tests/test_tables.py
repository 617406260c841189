"""`pipeline export --format csv|parquet`: flat claims and entities tables that load in pandas and
DuckDB with the right types: ids as text ("0001" stays "0001"), offsets as integers, values as
floating-point numbers, empty where the JSON has null."""

import json

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.batch.job import run_job
from pipeline.cli import app
from pipeline.review.tables import claim_columns

TEXTS = {
    "0001": "Exports rose 12% to $4.5 billion in 2023, the ministry said.",
    "0002": "An estimated 1.25 million to 1.5 million Kazakhs live in China.",
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = tmp_path_factory.mktemp("tables")
    source = root / "news.jsonl"
    source.write_text("".join(json.dumps({"id": key, "text": text}) + "\n"
                              for key, text in TEXTS.items()))
    run_job([source], root / "run")
    for table_format in ("csv", "parquet"):
        result = CliRunner().invoke(app, ["export", "--format", table_format, "--out",
                                          str(root / table_format), "--pred", str(root / "run")])
        assert result.exit_code == 0, result.output
    claims = [json.loads(line) for line in (root / "run" / "claims.jsonl").open()]
    entities = [json.loads(line) for line in (root / "run" / "entities.jsonl").open()]
    return root, claims, entities


def test_claim_columns_flatten_the_spans():
    columns = claim_columns()
    assert columns[:2] == ["doc_id", "claim_id"]
    assert {"subject_text", "subject_start", "subject_end", "quantity_start"} <= set(columns)
    assert "entities" not in columns and "subject" not in columns


def test_parquet_loads_in_pandas_with_types(exported):
    root, claims, entities = exported
    table = pd.read_parquet(root / "parquet" / "claims.parquet")
    assert len(table) == len(claims) and list(table.columns) == claim_columns()
    assert sorted(set(table.doc_id)) == ["0001", "0002"]
    assert pd.api.types.is_integer_dtype(table.quantity_start)
    assert pd.api.types.is_float_dtype(table.value)
    ranged = table[table.value.isna()]
    assert list(ranged.low) == [1_250_000] and list(ranged.high) == [1_500_000]
    assert list(table.quantity_text) == [claim["quantity"]["text"] for claim in claims]
    assert len(pd.read_parquet(root / "parquet" / "entities.parquet")) == len(entities)


def test_parquet_loads_in_duckdb_with_types(exported):
    root, claims, _ = exported
    path = root / "parquet" / "claims.parquet"
    types = dict(duckdb.sql(f"DESCRIBE SELECT * FROM '{path}'").fetchall()[index][:2]
                 for index in range(len(claim_columns())))
    assert (types["doc_id"], types["claim_id"], types["quantity_start"], types["value"],
            types["subject_start"]) == ("VARCHAR", "VARCHAR", "BIGINT", "DOUBLE", "BIGINT")
    [(total,)] = duckdb.sql(f"SELECT sum(value) FROM '{path}' WHERE unit = 'USD'").fetchall()
    assert total == sum(claim["value"] for claim in claims if claim["unit"] == "USD")


def test_csv_loads_in_pandas_and_duckdb_with_ids_as_text(exported):
    root, claims, entities = exported
    table = pd.read_csv(root / "csv" / "claims.csv", dtype={"doc_id": str, "claim_id": str})
    assert list(table.doc_id.unique()) == ["0001", "0002"]
    assert pd.api.types.is_integer_dtype(table.quantity_start)
    assert pd.api.types.is_float_dtype(table.value)
    path = root / "csv" / "claims.csv"
    rows = duckdb.sql(f"SELECT doc_id, quantity_start, value FROM read_csv('{path}', "
                      "types = {'doc_id': 'VARCHAR', 'claim_id': 'VARCHAR'})").fetchall()
    assert [row[0] for row in rows] == [claim["doc_id"] for claim in claims]
    assert [row[1] for row in rows] == [claim["quantity"]["start"] for claim in claims]
    assert len(pd.read_csv(root / "csv" / "entities.csv")) == len(entities)


def test_export_of_a_folder_without_a_run_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["export", "--format", "csv", "--out", str(tmp_path / "t"),
                                      "--pred", str(tmp_path)])
    assert result.exit_code == 2
    assert "does not exist: is" in result.stderr
