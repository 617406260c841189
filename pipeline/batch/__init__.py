"""Batch side: read inputs, run the job on an engine, write the output folder."""
