"""Demo data for `hub demo`: a deterministic, realistic data set and the loader that writes it."""
