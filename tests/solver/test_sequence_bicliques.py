"""Forbidden shift sequences are modelled as clique rows: the groups must forbid exactly the
forbidden pairs (an allowed pair forbidden would cut legal rosters; a pair missed would let an
illegal one through)."""

from __future__ import annotations

import itertools
import random

from kcroster.solver.contract import sequence_bicliques


def forbidden_by(groups) -> set[tuple[str, str]]:
    return {(a, b) for before, after in groups for a in before for b in after}


def test_groups_forbid_exactly_the_forbidden_pairs_on_random_catalogues() -> None:
    rng = random.Random(5)
    for _ in range(300):
        types = [f"t{i}" for i in range(rng.randint(1, 7))]
        all_pairs = list(itertools.product(types, types))
        pairs = rng.sample(all_pairs, rng.randint(0, len(all_pairs)))
        groups = sequence_bicliques(pairs)
        assert forbidden_by(groups) == set(pairs)
        assert len(groups) <= len({a for a, _ in pairs})  # never more rows than types with successors


def test_a_nested_catalogue_needs_one_row_per_level() -> None:
    # nights forbid days and evenings next day, evenings forbid days (a typical rotation)
    pairs = [(n, t) for n in ("n1", "n2") for t in ("d1", "d2", "e1")] + [("e1", "d1"), ("e1", "d2")]
    groups = sequence_bicliques(pairs)
    assert forbidden_by(groups) == set(pairs)
    assert sorted(groups) == [(("e1", "n1", "n2"), ("d1", "d2")), (("n1", "n2"), ("d1", "d2", "e1"))]
