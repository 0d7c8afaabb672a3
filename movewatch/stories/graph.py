"""Connected components over integer-indexed links, shared by clustering and consolidation."""

from __future__ import annotations

import numpy as np
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components


def component_labels(n_nodes: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Label each of `n_nodes` nodes with its connected component, given undirected links.

    `left[i]`–`right[i]` is one link between node indices. Nodes without links are their own
    component. Labels are arbitrary integers; callers derive stable ids from the members.
    """
    if n_nodes == 0:
        return np.zeros(0, dtype=np.int64)
    left = np.asarray(left, dtype=np.int64)
    right = np.asarray(right, dtype=np.int64)
    graph = coo_array(
        (np.ones(len(left), dtype=np.int8), (left, right)), shape=(n_nodes, n_nodes)
    ).tocsr()
    _, labels = connected_components(graph, directed=False)
    return labels.astype(np.int64)
