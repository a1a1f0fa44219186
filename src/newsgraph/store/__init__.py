"""The corpus store: the DuckDB schema and bulk loads (``db``, ``schema``, ``rows``), near-duplicate stories
(``dedup``) and the resumable ingest run (``ingest``)."""
