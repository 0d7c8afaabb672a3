"""Training data for the learned extractor: corpus selection, labelling batches, label checks."""
