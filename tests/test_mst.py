"""The faster cycle search finds exactly the cycles Stanza's own finds, in the same order."""

from __future__ import annotations

import importlib.util

import numpy as np
import stanza
from stanza.models.common import chuliu_edmonds

from attribution.nlp import mst


def _stanza_tarjan():
    """Stanza's own tarjan, from a fresh copy of its module (the loaded one may use ours)."""
    spec = importlib.util.spec_from_file_location("stanza_chuliu_edmonds_copy", chuliu_edmonds.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.tarjan


def _masks(cycles) -> list[list[bool]]:
    return [c.tolist() for c in cycles]


def test_known_graphs():
    assert _masks(mst.tarjan(np.array([0, 4, 4, 4, 0]))) == []  # "This is a test"
    assert _masks(mst.tarjan(np.array([0, 3, 1, 2]))) == [[False, True, True, True]]
    assert _masks(mst.tarjan(np.array([0, 2, 1, 4, 3, 0]))) == [
        [False, True, True, False, False, False], [False, False, False, True, True, False]]


def test_same_cycles_in_the_same_order_as_stanza_on_random_graphs():
    original = _stanza_tarjan()
    rng = np.random.default_rng(6)
    for _ in range(3000):
        n = int(rng.integers(2, 80))
        tree = rng.integers(0, n, size=n)
        tree[0] = 0
        assert _masks(mst.tarjan(tree)) == _masks(original(tree))


def test_installed_for_the_checked_stanza(nlp):
    assert stanza.__version__ in mst.CHECKED_WITH
    assert chuliu_edmonds.tarjan is mst.tarjan  # the session pipeline installed it
