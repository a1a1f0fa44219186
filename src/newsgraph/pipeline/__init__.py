"""From input documents to analysis records: ``Analyzer`` runs the spaCy pipeline, ``record`` is the one edge
where a ``Doc`` becomes the record of ``CONTRACT.md``."""
