"""French: sentences, lemmas, numbers and dates."""
