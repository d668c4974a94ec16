"""A faster cycle search for Stanza's dependency decoder, with the very same results.

Stanza decodes each sentence's parse with Chu-Liu-Edmonds, which looks for
cycles with Tarjan's algorithm after every contraction. Stanza's ``tarjan``
indexes numpy arrays one element at a time, and that Python-level work was
about a third of the dependency parser's time on news text. :func:`tarjan`
here is the same algorithm, visiting nodes and dependents in the same order
and returning the same cycles in the same order, on plain lists (about 8x
faster); ``tests/test_mst.py`` checks it against Stanza's own on thousands
of random graphs. :func:`install` puts it in place of Stanza's for this
process, for the Stanza versions it was checked against.
"""

from __future__ import annotations

import numpy as np

__all__ = ["CHECKED_WITH", "install", "tarjan"]


def tarjan(tree: np.ndarray) -> list[np.ndarray]:
    """The cycles of a head array (``tree[i]`` is the head of ``i``, ``tree[0] == 0``), as boolean
    masks, in the order Stanza's ``chuliu_edmonds.tarjan`` finds them."""
    n = len(tree)
    dependents: list[list[int]] = [[] for _ in range(n)]
    for j, head in enumerate(tree.tolist()):
        dependents[head].append(j)
    index, lowlink, onstack = [-1] * n, [-1] * n, [False] * n
    stack: list[int] = []
    cycles: list[np.ndarray] = []
    counter = 0
    for start in range(n):
        if index[start] != -1:
            continue
        calls = [(start, 0)]  # (node, position in its dependents): an explicit call stack
        while calls:
            i, pos = calls.pop()
            if pos == 0:
                index[i] = lowlink[i] = counter
                counter += 1
                stack.append(i)
                onstack[i] = True
            else:
                lowlink[i] = min(lowlink[i], lowlink[dependents[i][pos - 1]])
            deps = dependents[i]
            while pos < len(deps):
                j = deps[pos]
                pos += 1
                if index[j] == -1:
                    calls.append((i, pos))
                    calls.append((j, 0))
                    break
                if onstack[j]:
                    lowlink[i] = min(lowlink[i], index[j])
            else:
                if lowlink[i] == index[i]:
                    members = [i]
                    while stack[-1] != i:
                        members.append(stack.pop())
                    stack.pop()
                    for m in members:
                        onstack[m] = False
                    if len(members) > 1:
                        cycle = np.zeros(n, dtype=bool)
                        cycle[members] = True
                        cycles.append(cycle)
    return cycles


#: Stanza versions whose ``chuliu_edmonds.tarjan`` this reproduces (checked by tests/test_mst.py).
CHECKED_WITH = frozenset({"1.15.0"})


def install() -> None:
    """Use :func:`tarjan` in Stanza's decoder, if this Stanza is one it was checked against
    (else Stanza's own stays: slower, never different)."""
    import stanza
    from stanza.models.common import chuliu_edmonds

    if stanza.__version__ in CHECKED_WITH:
        chuliu_edmonds.tarjan = tarjan
