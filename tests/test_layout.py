"""The layout holds: imports go one way (no cycles), the review side and the records never load
spaCy, the batch side never reaches into review, and no module grows past 400 lines."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports, at any depth of its code (an import inside a function
    counts: it runs when the function does)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            # `from pipeline.batch import job` imports the module pipeline.batch.job
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: {imported for imported in imports_of(path) if imported in MODULES}
         for name, path in MODULES.items()}
EXTERNAL = {name: {imported.split(".")[0] for imported in imports_of(path)
                   if not imported.startswith("pipeline")}
            for name, path in MODULES.items()}


def reachable(start: str) -> set[str]:
    seen, stack = set(), [start]
    while stack:
        for nxt in GRAPH[stack.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def test_the_graph_sees_the_package():
    assert {"pipeline.cli", "pipeline.records", "pipeline.batch.job", "pipeline.claims",
            "pipeline.review.evaluating", "pipeline.components.doc_view"} <= set(MODULES)
    assert "pipeline.batch.work" in GRAPH["pipeline.batch.job"]
    assert "spacy" in EXTERNAL["pipeline.nlp"]


def test_no_import_cycles():
    cycles = sorted(name for name in MODULES if name in reachable(name))
    assert not cycles, f"modules on an import cycle: {cycles}"


@pytest.mark.parametrize("name", sorted(name for name in MODULES
                                        if name.startswith("pipeline.review")
                                        or name == "pipeline.records"))
def test_review_and_records_never_load_spacy(name):
    loads = sorted(module for module in reachable(name) | {name} if "spacy" in EXTERNAL[module])
    assert not loads, f"{name} loads spaCy through {loads}"


@pytest.mark.parametrize("name", sorted(name for name in MODULES
                                        if name.startswith("pipeline.batch")))
def test_batch_never_imports_review(name):
    assert not [module for module in reachable(name) if module.startswith("pipeline.review")]


@pytest.mark.parametrize("name", sorted(name for name in MODULES
                                        if name.startswith(("pipeline.quantities",
                                                            "pipeline.records"))))
def test_the_lower_layers_import_nothing_above_them(name):
    """quantities and records are read by everything and read nothing of the rest."""
    above = [module for module in reachable(name)
             if not module.startswith(("pipeline.quantities", "pipeline.records"))
             and module != "pipeline"]
    assert not above


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda path: path.name)
def test_no_module_over_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES
