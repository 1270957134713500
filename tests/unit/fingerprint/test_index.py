"""Exact Hamming-radius search: the scan and the multi-index tables must agree with brute force."""

from __future__ import annotations

import numpy as np
import pytest

from victim_desk.core.fingerprint import index as index_mod
from victim_desk.core.fingerprint.index import HashIndex, distances, hex_to_words, words_to_hex


def _random_words(n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.integers(0, 2**63, (n, 4), dtype=np.uint64) * np.uint64(2) + rng.integers(0, 2, (n, 4)).astype(
        np.uint64
    )


def _flip(word: np.ndarray, bits: np.ndarray) -> np.ndarray:
    out = word.copy()
    for b in bits:
        out[b // 64] ^= np.uint64(1) << np.uint64(b % 64)
    return out


def _planted(n: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray, dict[int, int]]:
    rng = np.random.default_rng(seed)
    words = _random_words(n, seed)
    query = words[0].copy()
    planted = {}
    dists = [0, 1, 5, 15, 16, 17, 30, 31, 32, 33, 47, 60]
    for row, d in zip(rng.choice(np.arange(1, n), len(dists), replace=False), dists, strict=True):
        words[row] = _flip(query, rng.choice(256, d, replace=False))
        planted[int(row)] = d
    planted[0] = 0
    return words, query, planted


def test_hex_round_trip_and_validation() -> None:
    words = _random_words(5)
    hexes = words_to_hex(words)
    assert all(len(h) == 64 for h in hexes)
    assert np.array_equal(hex_to_words(hexes), words)
    assert np.array_equal(hex_to_words([h.upper() for h in hexes]), words)
    with pytest.raises(ValueError, match="entry 2"):
        hex_to_words([hexes[0], "zz" * 32, hexes[1]])
    with pytest.raises(ValueError, match="entry 1"):
        hex_to_words(["abc"])
    assert hex_to_words([]).shape == (0, 4)


@pytest.mark.parametrize("radius", [0, 16, 31, 47])
def test_scan_finds_exactly_the_planted_neighbours(radius: int) -> None:
    words, query, planted = _planted(20_000)
    rows, d = HashIndex(words).search(query, radius)
    expected = np.flatnonzero(distances(words, query) <= radius)
    assert sorted(rows.tolist()) == sorted(expected.tolist())
    assert list(d) == sorted(d)  # nearest first
    assert {r for r, dist in planted.items() if dist <= radius} <= set(rows.tolist())


def _brute(words: np.ndarray, queries: np.ndarray, radius: int) -> list[tuple[int, int, int]]:
    out = []
    for i, q in enumerate(queries):
        d = distances(words, q)
        out += [(i, int(r), int(d[r])) for r in np.flatnonzero(d <= radius)]
    return sorted(out, key=lambda t: (t[0], t[2], t[1]))


def _queries(words: np.ndarray, seed: int) -> np.ndarray:
    """Rows of the list moved by 0..40 bits, plus unrelated hashes: near, borderline and far queries."""
    rng = np.random.default_rng(seed)
    moves = [0, 1, 3, 8, 15, 16, 17, 24, 31, 32, 33, 40]
    rows = rng.choice(len(words), len(moves))
    picks = [_flip(words[r], rng.choice(256, k, replace=False)) for r, k in zip(rows, moves, strict=True)]
    return np.stack([*picks, *_random_words(4, seed + 100)])


@pytest.mark.parametrize("radius", [0, 15, 16, 31, 32, 40, 47, 48, 60])
def test_batched_search_is_exact_both_ways(radius: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_mod, "_SCAN_LIMIT", 100)
    words, query, _ = _planted(30_000, seed=3)
    queries = np.vstack([query[None, :], _queries(words, radius)])
    expected = _brute(words, queries, radius)
    scan = HashIndex(words, background=False)
    assert list(zip(*(a.tolist() for a in scan.search_many(queries, radius)), strict=True)) == expected
    tables = HashIndex(words, background=False)
    tables.build()
    assert tables.ready
    got = tables.search_many(queries, radius)
    assert list(zip(*(a.tolist() for a in got), strict=True)) == expected
    rows, d = tables.search(queries[0], radius)  # the single-query form answers the same
    assert [(0, r, x) for r, x in zip(rows.tolist(), d.tolist(), strict=True)] == [
        e for e in expected if e[0] == 0
    ]


def test_background_build_then_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_mod, "_SCAN_LIMIT", 100)
    words, query, planted = _planted(20_000, seed=5)
    idx = HashIndex(words)  # starts building on a thread; searches meanwhile scan
    before = idx.search_many(query[None, :], 31)
    idx.build()  # waits for the thread's build
    assert idx.ready and idx._builder is not None
    after = idx.search_many(query[None, :], 31)
    assert all(np.array_equal(a, b) for a, b in zip(before, after, strict=True))
    assert {r for r, d in planted.items() if d <= 31} <= set(after[1].tolist())
    assert not HashIndex(words[:50]).ready  # small lists never build tables


def test_real_looking_hashes_with_skewed_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real lists are not uniform: many hashes share chunk values (crowded buckets). Still exact."""
    monkeypatch.setattr(index_mod, "_SCAN_LIMIT", 100)
    rng = np.random.default_rng(11)
    centres = _random_words(40, 11)
    words = np.stack([_flip(centres[i], rng.choice(256, rng.integers(0, 40), replace=False))
                      for i in rng.integers(0, 40, 5000)])  # fmt: skip
    queries = _queries(words, 12)
    idx = HashIndex(words, background=False)
    idx.build()
    got = idx.search_many(queries, 31)
    assert list(zip(*(a.tolist() for a in got), strict=True)) == _brute(words, queries, 31)


def test_search_many_and_empty_index() -> None:
    words, query, _ = _planted(1000)
    q_idx, rows, d = HashIndex(words).search_many(np.stack([query, ~query]), 31)
    assert set(q_idx.tolist()) == {0}  # the complement is 256 bits away from everything near query
    assert len(rows) == len(d)
    rows, d = HashIndex(np.zeros((0, 4), np.uint64)).search(query, 31)
    assert rows.size == 0 and d.size == 0
    with pytest.raises(ValueError):
        HashIndex(np.zeros((3, 3), np.uint64))
