"""Language analysis: one folder per language, data beside code (STYLE.md §12).

Stage: lang. Imports ``errors``, ``model`` and ``resources`` only; ``imports``, ``checks``
and the aligner ask it and never re-implement it. Each analyser (the Japanese
morphological analyser, the French lemmatiser) is loaded lazily, on the first
question that needs it, and its results are cached per text.

Layout:
- ``lang/<code>/sentences.py``: sentence and unit splitting;
- ``lang/<code>/morph.py``: tokens, lemmas, parts of speech, readings;
- ``lang/<code>/numbers.py``: numbers and dates as values.
"""
