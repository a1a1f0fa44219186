"""Scorers against public gold formats: the reference article (``seed``), quotes (PolNeAR), events (PLOVER,
ConfliBERT, PETRARCH), times (TimeML) and places (LGL, TR-News). Each is skipped when its data is absent."""
