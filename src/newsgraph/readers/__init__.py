"""Readers that turn files, stdin and feeds into ``InputDoc`` values (or error-carrying ones)."""

from newsgraph.readers.files import InputDoc, read_inputs, read_path, read_stream

__all__ = ["InputDoc", "read_inputs", "read_path", "read_stream"]
