"""The fuzz corpus of issue 12: a seeded generator of hostile and odd documents (``hostile``) and the runner
that pushes them through ``analyze`` and ``ingest`` (``run``; ``make fuzz``)."""
