"""The report's explorer in a real browser (headless Chromium, driven by tests/chromium.py) on a
generated run of 5,000 documents and 25,000 claims: it opens, search and facets narrow the
table, the value sort is numeric, a link reaches its document, failed documents are listed
with their reasons, and hostile text stays text.

What the page shows is checked against the run's files, read here in Python."""

import json
import re
from pathlib import Path

import pytest
from chromium import Chromium
from synthetic_run import write_synthetic_run

from pipeline.batch.job import run_job
from pipeline.review.explorer_data import VALUE_LABELS
from pipeline.review.reporting import write_report
from pipeline.review.showing import run_texts

DOCUMENTS, CLAIMS_PER_DOCUMENT, FAILED = 5_000, 5, 25

TEXT_WITHOUT_LABELS = """(() => {
    const body = document.querySelector('#document .doc').cloneNode(true);
    body.querySelectorAll('.label').forEach(label => label.remove());
    return body.textContent;
})()"""
SHOWN_CLAIMS = ("[...document.querySelectorAll('#claim-table tbody tr')]"
                ".map(row => row.dataset.claimId)")
COUNT_TEXT = "document.getElementById('claim-count').textContent"


@pytest.fixture(scope="module")
def big_run(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("big-run")
    out = write_synthetic_run(folder, documents=DOCUMENTS,
                              claims_per_document=CLAIMS_PER_DOCUMENT, failed=FAILED)
    page = folder / "report.html"
    write_report(out, run_texts(out), page)
    return out, page


@pytest.fixture(scope="module")
def records(big_run) -> dict[str, list[dict]]:
    out, _ = big_run
    return {name: [json.loads(line) for line in (out / f"{name}.jsonl").open(encoding="utf-8")]
            for name in ("documents", "claims")}


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with Chromium(tmp_path_factory.mktemp("profile"), width=1280, height=900) as chromium:
        yield chromium


def open_page(browser: Chromium, page: Path, place: str = "") -> None:
    browser.navigate(page.as_uri() + place)
    browser.wait_for("document.body.dataset.ready === 'true'")


def shown_total(browser: Chromium, counter: str = "claim-count") -> int:
    """The total in "1–100 of 25,000 claims" (0 for "No claims match.")."""
    text = browser.evaluate(COUNT_TEXT.replace("claim-count", counter))
    found = re.search(r"of ([\d,]+)", text)
    return int(found.group(1).replace(",", "")) if found else 0


def search(browser: Chromium, words: str) -> None:
    browser.evaluate(f"""(() => {{
        const box = document.getElementById('claim-search');
        box.value = {json.dumps(words)};
        box.dispatchEvent(new Event('input'));
    }})()""")


def choose(browser: Chromium, facet: str, value: str) -> None:
    """Pick the facet's option for `value` (its text is "value (count)")."""
    chosen = browser.evaluate(f"""(() => {{
        const select = document.getElementById('facet-{facet}');
        const option = [...select.options].find(
            option => option.text.startsWith({json.dumps(value + " (")}));
        if (!option) return false;
        select.value = option.value;
        select.dispatchEvent(new Event('change'));
        return true;
    }})()""")
    assert chosen, f"no option {value!r} in the {facet} facet"


def test_the_generated_run_is_as_big_as_the_issue_asks(records):
    assert len(records["documents"]) >= 5_000 and len(records["claims"]) >= 20_000


def test_opens_with_every_claim_a_page_at_a_time(browser, big_run, records, capsys):
    _, page = big_run
    open_page(browser, page)
    ready = browser.evaluate("performance.getEntriesByName('report-ready')[0].startTime")
    loaded = browser.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    with capsys.disabled():
        print(f"\nreport of {len(records['documents']):,} documents and "
              f"{len(records['claims']):,} claims ({page.stat().st_size / 1e6:.1f} MB): "
              f"explorer ready {ready / 1000:.2f} s, load event {loaded / 1000:.2f} s "
              "after navigation, page "
              f"{browser.evaluate('document.documentElement.scrollHeight'):,} px high")
    assert shown_total(browser) == len(records["claims"])
    first_page = [claim["claim_id"] for claim in records["claims"][:100]]
    assert browser.evaluate(SHOWN_CLAIMS) == first_page
    assert shown_total(browser, "document-count") == len(records["documents"])
    assert browser.evaluate("document.querySelectorAll('.doc, mark.entity').length") == 0
    # a page of claims and one of documents, not 5,000 documents one under the other
    assert browser.evaluate("document.documentElement.scrollHeight") < 15 * 900


def test_search_narrows_the_table_to_claims_that_hold_every_word(browser, big_run, records):
    _, page = big_run
    open_page(browser, page)
    doc_id = records["documents"][1234]["doc_id"]
    search(browser, doc_id)
    of_document = [claim["claim_id"] for claim in records["claims"] if claim["doc_id"] == doc_id]
    assert browser.evaluate(SHOWN_CLAIMS) == of_document

    word = records["claims"][7]["subject"]["text"].split()[-1].lower()
    search(browser, f"{word} {doc_id}")
    assert shown_total(browser) <= len(of_document)
    search(browser, word)
    holding = [claim for claim in records["claims"] if word in claim["sentence"]["text"].lower()]
    assert 0 < shown_total(browser) < len(records["claims"])
    assert shown_total(browser) >= len(holding)  # the sentence is searched, and more fields
    search(browser, "no claim says zzyzx")
    assert shown_total(browser) == 0
    assert "No claims match" in browser.evaluate(COUNT_TEXT)


def test_facets_narrow_the_table_and_combine(browser, big_run, records):
    _, page = big_run
    open_page(browser, page)
    claims = records["claims"]
    choose(browser, "unit", "EUR")
    assert shown_total(browser) == sum(claim["unit"] == "EUR" for claim in claims)
    choose(browser, "change", "decrease")
    both = [claim for claim in claims if claim["unit"] == "EUR" and claim["change"] == "decrease"]
    assert shown_total(browser) == len(both) > 0
    assert browser.evaluate(SHOWN_CLAIMS) == [claim["claim_id"] for claim in both[:100]]

    browser.evaluate("document.getElementById('claim-reset').click()")
    assert shown_total(browser) == len(claims)
    names = [entity["text"] for entity in claims[3]["entities"]
             if entity["label"] not in VALUE_LABELS]
    choose(browser, "entity", names[0])
    naming = [claim for claim in claims
              if any(entity["text"] == names[0] and entity["label"] not in VALUE_LABELS
                     for entity in claim["entities"])]
    assert shown_total(browser) == len(naming)
    choose(browser, "dimension", claims[3]["dimension"])
    assert shown_total(browser) == sum(claim["dimension"] == claims[3]["dimension"]
                                       for claim in naming)


def sort_number(claim: dict) -> float | None:
    return next((claim[field] for field in ("value", "low", "high") if claim[field] is not None),
                None)


def test_value_sorts_as_a_number_both_ways(browser, big_run, records):
    _, page = big_run
    open_page(browser, page)
    by_id = {claim["claim_id"]: claim for claim in records["claims"]}
    numbers = sorted(number for claim in records["claims"]
                     if (number := sort_number(claim)) is not None)
    header = "document.querySelector('#claim-table th[data-column=value]')"
    browser.evaluate(f"{header}.click()")
    ascending = [sort_number(by_id[claim_id]) for claim_id in browser.evaluate(SHOWN_CLAIMS)]
    assert ascending == numbers[:100]
    browser.evaluate(f"{header}.querySelector('button').focus()")  # and Enter, as a keyboard user
    for kind in ("keyDown", "keyUp"):
        browser.send("Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter",
                                                "windowsVirtualKeyCode": 13, "text": "\r"})
    descending = [sort_number(by_id[claim_id]) for claim_id in browser.evaluate(SHOWN_CLAIMS)]
    assert descending == numbers[::-1][:100]
    assert browser.evaluate(f"{header}.getAttribute('aria-sort')") == "descending"
    # a text sort would put "10" before "9": the spread of the generated values shows it
    assert numbers[0] < 1 and numbers[-1] > 1e9


def test_the_pager_walks_through_every_claim(browser, big_run, records):
    _, page = big_run
    open_page(browser, page)
    browser.evaluate("document.querySelector('#claim-pager button[data-step=\"1\"]').click()")
    assert browser.evaluate(SHOWN_CLAIMS) == [claim["claim_id"]
                                              for claim in records["claims"][100:200]]


def test_a_claims_link_reaches_its_document_and_back(browser, big_run, records):
    _, page = big_run
    open_page(browser, page)
    choose(browser, "unit", "GBP")
    claim_id = browser.evaluate(f"{SHOWN_CLAIMS}[0]")
    claim = next(claim for claim in records["claims"] if claim["claim_id"] == claim_id)
    document = next(record for record in records["documents"]
                    if record["doc_id"] == claim["doc_id"])
    browser.evaluate("document.querySelector('#claim-table tbody tr a').click()")
    browser.wait_for("!document.getElementById('document').hidden")
    assert browser.evaluate("document.querySelector('#document h2').textContent") == claim["doc_id"]
    assert browser.evaluate("document.getElementById('run').hidden") is True
    assert browser.evaluate(TEXT_WITHOUT_LABELS) == run_texts(big_run[0])[claim["doc_id"]]
    assert browser.evaluate("document.querySelectorAll('#document mark.entity').length") == (
        document["n_entities"])
    rows = browser.evaluate(SHOWN_CLAIMS.replace("#claim-table", "#document-claims"))
    assert claim_id in rows and len(rows) == document["n_claims"]

    browser.evaluate("history.back()")
    browser.wait_for("!document.getElementById('run').hidden")
    assert browser.evaluate(f"{SHOWN_CLAIMS}[0]") == claim_id  # the filter is still set


def test_failed_documents_are_listed_with_their_reasons(browser, big_run, records):
    _, page = big_run
    open_page(browser, page)
    browser.evaluate("document.querySelector(\"a[href='#failed']\").click()")
    browser.wait_for("document.getElementById('document-status').value === 'error'")
    failed = [record for record in records["documents"] if record["status"] == "error"]
    assert shown_total(browser, "document-count") == len(failed) == FAILED
    shown = browser.evaluate("[...document.querySelectorAll('#document-table tbody tr')]"
                             ".map(row => [...row.cells].map(cell => cell.textContent))")
    assert [(row[0], row[-1]) for row in shown] == [(record["doc_id"], record["error"])
                                                    for record in failed]
    browser.evaluate("document.querySelector('#document-table tbody a').click()")
    browser.wait_for("!document.getElementById('document').hidden")
    assert failed[0]["error"] in browser.evaluate(
        "document.getElementById('document').textContent")


def test_a_document_past_max_documents_is_listed_without_its_text(browser, big_run, tmp_path):
    out, _ = big_run
    page = tmp_path / "capped.html"
    assert write_report(out, run_texts(out), page, max_documents=10) == 10
    open_page(browser, page, "#doc=doc-04000")
    assert browser.evaluate("document.querySelector('#document h2').textContent") == "doc-04000"
    assert "text is not in this report" in browser.evaluate(
        "document.getElementById('document').textContent")
    assert page.stat().st_size < big_run[1].stat().st_size / 2


def test_a_run_without_claims_says_so(browser, tmp_path):
    out = write_synthetic_run(tmp_path, documents=3, claims_per_document=0, failed=3)
    page = tmp_path / "report.html"
    write_report(out, run_texts(out), page)
    open_page(browser, page)
    assert browser.evaluate(COUNT_TEXT) == "This run has no claims."
    assert shown_total(browser, "document-count") == 3


HOSTILE = "</script><script>window.pwned = 1</script><!-- <img src=x onerror='window.pwned=2'>"


def test_hostile_text_and_meta_stay_text(browser, tmp_path):
    """A text, an id and a meta field that look like markup are shown as written, never run."""
    corpus = tmp_path / "news.jsonl"
    text = f"Exports rose by 12 percent to $4 billion in 2023, the ministry said. {HOSTILE}"
    corpus.write_text(json.dumps({"id": "a</script>'\"", "text": text, "outlet": HOSTILE}) + "\n",
                      encoding="utf-8")
    run_job([corpus], tmp_path / "out")
    page = tmp_path / "report.html"
    write_report(tmp_path / "out", run_texts(tmp_path / "out"), page)
    open_page(browser, page)
    assert browser.evaluate("document.querySelector('#document-table tbody td').textContent") == (
        "a</script>'\"")
    assert HOSTILE in browser.evaluate("document.querySelector('#document-table').textContent")
    browser.evaluate("document.querySelector('#document-table tbody a').click()")
    browser.wait_for("!document.getElementById('document').hidden")
    assert browser.evaluate(TEXT_WITHOUT_LABELS) == text
    assert browser.evaluate("typeof window.pwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('img').length") == 0
