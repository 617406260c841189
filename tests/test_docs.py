"""docs/claims.md shows real output: every example's JSON is what the pipeline produces now."""

import json
import re

FIELDS = ("quantity", "value", "low", "high", "unit", "unit_text", "counted", "bound", "change",
          "subject", "time", "source")
EXAMPLE = re.compile(r"Input: `(?P<text>[^`]+)`\n\n```json\n(?P<json>.*?)\n```", re.DOTALL)


def test_every_example_in_docs_claims_is_current(nlp, repo):
    examples = EXAMPLE.findall((repo / "docs" / "claims.md").read_text(encoding="utf-8"))
    assert len(examples) >= 20
    for text, expected in examples:
        produced = [
            {field: claim.to_dict()[field] for field in FIELDS} for claim in nlp(text)._.claims
        ]
        assert produced == json.loads(expected), text
