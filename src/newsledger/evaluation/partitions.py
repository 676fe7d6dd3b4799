"""Scores that compare a system partition with a gold one: MUC, B-cubed and CEAF-e, and CoNLL F1 their mean."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

from newsledger.evaluation import Figures

K = TypeVar("K", bound=Hashable)


def _clusters(assignment: Mapping[K, str]) -> list[set[K]]:
    groups: dict[str, set[K]] = defaultdict(set)
    for item, cluster in assignment.items():
        groups[cluster].add(item)
    return list(groups.values())


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: Mapping[K, str], response: Mapping[K, str]) -> tuple[float, float, float]:
    """MUC (Vilain et al. 1995): links needed to join each cluster, over the partitions the other side cuts it into."""

    def score(a: Mapping[K, str], b: Mapping[K, str]) -> float:
        num = den = 0
        for cluster in _clusters(a):
            parts = {b.get(item, f"\x00{item!r}") for item in cluster}
            num += len(cluster) - len(parts)
            den += len(cluster) - 1
        return num / den if den else 0.0

    r, p = score(key, response), score(response, key)
    return p, r, _f1(p, r)


def b_cubed(key: Mapping[K, str], response: Mapping[K, str]) -> tuple[float, float, float]:
    """B-cubed (Bagga & Baldwin 1998): per item, the overlap of its two clusters over each one's size."""
    key_sets = {k: frozenset(c) for c in _clusters(key) for k in c}
    resp_sets = {k: frozenset(c) for c in _clusters(response) for k in c}
    items = set(key) | set(response)
    p = sum(len(key_sets.get(i, {i}) & resp_sets.get(i, {i})) / len(resp_sets.get(i, {i})) for i in items)
    r = sum(len(key_sets.get(i, {i}) & resp_sets.get(i, {i})) / len(key_sets.get(i, {i})) for i in items)
    p, r = p / len(items) if items else 0.0, r / len(items) if items else 0.0
    return p, r, _f1(p, r)


def max_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """The (row, column) pairs of a one-to-one assignment of largest total weight (Hungarian algorithm, O(n^3) on the
    matrix padded square with zeros); pairs are in row order, and a row may go to a column of weight 0."""
    rows, cols = len(weights), len(weights[0]) if weights else 0
    n = max(rows, cols)
    cost = [[-(weights[i][j] if i < rows and j < cols else 0.0) for j in range(n)] for i in range(n)]
    u, v, match, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        match[0], j0 = i, 0
        minv, used = [float("inf")] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], float("inf"), 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sorted((match[j] - 1, j - 1) for j in range(1, n + 1) if match[j] and match[j] <= rows and j <= cols)


def _max_assignment(weights: list[list[float]]) -> float:
    """The largest total weight of a one-to-one assignment of rows to columns."""
    return sum(weights[i][j] for i, j in max_assignment(weights))


def ceaf_e(key: Mapping[K, str], response: Mapping[K, str]) -> tuple[float, float, float]:
    """Entity-based CEAF (Luo 2005): the best one-to-one alignment of clusters under phi4 = 2|K∩R| / (|K|+|R|)."""
    keys, resps = _clusters(key), _clusters(response)
    # Clusters that share no item score 0 together, so the alignment splits into independent components.
    owner = {item: j for j, c in enumerate(resps) for item in c}
    parent = list(range(len(keys) + len(resps)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, c in enumerate(keys):
        for item in c:
            if item in owner:
                parent[find(i)] = find(len(keys) + owner[item])
    components: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in range(len(keys)):
        components[find(i)][0].append(i)
    for j in range(len(resps)):
        components[find(len(keys) + j)][1].append(j)
    total = 0.0
    for rows, cols in components.values():
        if rows and cols:
            phi = [[2 * len(keys[i] & resps[j]) / (len(keys[i]) + len(resps[j])) for j in cols] for i in rows]
            total += _max_assignment(phi)
    p = total / len(resps) if resps else 0.0
    r = total / len(keys) if keys else 0.0
    return p, r, _f1(p, r)


def coref_figures(prefix: str, key: Mapping[K, str], response: Mapping[K, str]) -> Figures:
    figures: Figures = {}
    for metric, fn in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        p, r, f = fn(key, response)
        figures |= {f"{prefix}_{metric}_p": p, f"{prefix}_{metric}_r": r, f"{prefix}_{metric}_f1": f}
    figures[f"{prefix}_conll_f1"] = sum(float(figures[f"{prefix}_{m}_f1"]) for m in ("muc", "b3", "ceafe")) / 3
    return figures
