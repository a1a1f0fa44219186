"""The analysis layer over the store: queries (``query``), exports (``export``), charts (``plot``), the Python API
(``corpus``: ``newsgraph.open``) and merging one event told by many articles (``merge``)."""
