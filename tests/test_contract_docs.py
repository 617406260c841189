"""The repo documents itself: every relative link in README.md and docs/ resolves in a clone,
the --help texts name files that exist, and every field of the shared output contract is in the
schemas and in docs/contract.md."""

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

REPO = Path(__file__).resolve().parent.parent
SHARED_CONTRACT = REPO.parent / "shared" / "CONTRACT.md"
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def relative_links(page: Path) -> list[str]:
    return [target for target in LINK.findall(page.read_text(encoding="utf-8"))
            if not re.match(r"[a-z]+:", target) and not target.startswith("#")]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_relative_link_resolves_inside_the_repo(page):
    for target in relative_links(page):
        path = (page.parent / target.split("#")[0]).resolve()
        assert path.exists(), f"{page.name} links to a missing file: {target}"
        assert path.is_relative_to(REPO), f"{page.name} links outside the repo: {target}"


def test_the_link_check_sees_links():
    assert "docs/contract.md" in relative_links(REPO / "README.md")


@pytest.mark.parametrize("command", ["run", "evaluate", "show", "report", "export", "import"])
def test_help_names_only_files_that_exist(command):
    help_text = CliRunner().invoke(app, [command, "--help"], terminal_width=200).output
    for name in re.findall(r"[\w./-]+\.md\b", help_text):
        assert (REPO / name).exists(), f"`{command} --help` names {name}"


def contract_fields(text: str) -> set[str]:
    """The field names in the contract's record sketches: quoted names after `{` or `,`."""
    sketches = "\n".join(line for line in text.splitlines() if line.startswith("    "))
    return set(re.findall(r'(?:[{,]\s*)"([a-z_0-9]+)"', sketches))


def schema_fields(schema: dict) -> set[str]:
    found = set()
    for node in (schema, *schema.get("$defs", {}).values()):
        found |= set(node.get("properties", {}))
        for value in node.get("properties", {}).values():
            found |= set(value.get("properties", {}))
            found |= set(value.get("items", {}).get("properties", {}))
    return found


@pytest.mark.skipif(not SHARED_CONTRACT.exists(),
                    reason="../shared/CONTRACT.md is absent (a clone on its own)")
def test_every_contract_field_is_in_the_schemas_and_in_docs_contract():
    fields = contract_fields(SHARED_CONTRACT.read_text(encoding="utf-8"))
    assert {"doc_id", "meta", "si_unit", "entities", "start"} <= fields
    in_schemas = set().union(*(schema_fields(json.loads(path.read_text()))
                               for path in (REPO / "schemas").glob("*.schema.json")))
    documented = (REPO / "docs" / "contract.md").read_text(encoding="utf-8")
    assert not fields - in_schemas
    assert not [field for field in fields if f"`{field}`" not in documented]
