"""docs/claims.md shows real output: every example's JSON is what the pipeline produces now."""

import json
import re

from pipeline.records import Claim

# the contract's claim fields, without the sentence and its entities (for brevity)
FIELDS = tuple(field for field in Claim._fields if field not in {"sentence", "entities"})
EXAMPLE = re.compile(r"Input: `(?P<text>[^`]+)`\n\n```json\n(?P<json>.*?)\n```", re.DOTALL)


def test_every_example_in_docs_claims_is_current(nlp, repo):
    examples = EXAMPLE.findall((repo / "docs" / "claims.md").read_text(encoding="utf-8"))
    assert len(examples) >= 40
    for text, expected in examples:
        produced = [
            {field: claim.to_dict()[field] for field in FIELDS} for claim in nlp(text)._.claims
        ]
        assert produced == json.loads(expected), text
