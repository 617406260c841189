"""Regenerate the report's screenshots in docs/ from the committed default run (output/ of
corpus/): `.venv/bin/python docs/make_screenshots.py` (needs Debian's chromium).

They show what a person sees: the overview, the claims explorer filtered to one unit, and one
document opened from the explorer.
"""

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # the DevTools client the browser tests use

from chromium import Chromium  # noqa: E402

from pipeline.review.reporting import write_report  # noqa: E402
from pipeline.review.showing import run_texts  # noqa: E402

SHOTS = {  # file -> what to do in the page before the picture
    "report-overview.png": "window.scrollTo(0, 0)",
    "report-explorer.png": """(() => {
        const select = document.getElementById('facet-unit');
        select.value = [...select.options].find(option => option.text.startsWith('USD')).value;
        select.dispatchEvent(new Event('change'));
        document.querySelector('#claim-table th[data-column=value]').click();
        document.querySelector('#claim-table th[data-column=value]').click();
        document.getElementById('claims').scrollIntoView();
    })()""",
    "report-document.png": "document.querySelector('#claim-table tbody a').click()",
}


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        page = Path(scratch) / "report.html"
        write_report(REPO / "output", run_texts(REPO / "output", [REPO / "corpus"]), page)
        with Chromium(Path(scratch) / "profile", width=1280, height=860) as browser:
            for name, action in SHOTS.items():
                browser.navigate(page.as_uri())
                browser.wait_for("document.body.dataset.ready === 'true'")
                browser.evaluate(action)
                browser.wait_for("new Promise(done => requestAnimationFrame(() => done(true)))")
                browser.screenshot(REPO / "docs" / name)
                print(f"docs/{name}")


if __name__ == "__main__":
    main()
