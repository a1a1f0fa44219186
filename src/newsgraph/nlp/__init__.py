"""The spaCy pipeline: one component per stage, results on ``Doc`` extensions (see ``extensions.py``)."""
