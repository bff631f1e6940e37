"""Japanese: sentences, morphology, readings, numbers and dates."""
