"""Analyses over many records: merging one event told by many articles, and (later) queries over the store."""
