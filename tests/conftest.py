from pathlib import Path

import pytest

from pipeline.nlp import load_pipeline

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline (model + entity_refiner + numeric_claims), loaded once per session."""
    return load_pipeline()


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
