"""Review side: score, show, report and annotate a run's output; never imports spaCy."""
