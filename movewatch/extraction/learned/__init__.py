"""The learned fact model: which candidate company or government in which sentence states a
fact of which type.

Candidates come from the parsed sentences (``candidates``: every company-like entity and
every government the rules' role tests recognise, plus the rules' own mentions), each
described by sparse features of its sentence and of its place in the parse (``features``).
A linear model per fact type, trained by ``movewatch train`` on the labelled corpus in
``data/training`` and shipped in ``weights/``, scores them (``fact_model``); ``decisions``
keeps the candidates that score above the type's threshold and turns them into the mentions
the extractor merges into facts, with slots from the rules' general slot readers and the
status from the status model (``status_model``, also trained by ``movewatch train``).
"""
