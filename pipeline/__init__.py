"""News articles in, spaCy entities and numeric claims out, as JSON Lines."""

__version__ = "0.1.0"
