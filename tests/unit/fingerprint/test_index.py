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


@pytest.mark.parametrize("radius", [15, 31, 40])
def test_multi_index_tables_agree_with_brute_force(radius: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_mod, "_SCAN_LIMIT", 100)
    monkeypatch.setattr(index_mod, "_BUILD_AFTER_SCANS", 0)  # use the tables from the first query
    words, query, _ = _planted(30_000, seed=3)
    idx = HashIndex(words)
    rows, d = idx.search(query, radius)
    assert idx._tables is not None
    expected = np.flatnonzero(distances(words, query) <= radius)
    assert sorted(rows.tolist()) == sorted(expected.tolist())
    assert np.array_equal(d, distances(words[rows], query))


def test_search_many_and_empty_index() -> None:
    words, query, _ = _planted(1000)
    q_idx, rows, d = HashIndex(words).search_many(np.stack([query, ~query]), 31)
    assert set(q_idx.tolist()) == {0}  # the complement is 256 bits away from everything near query
    assert len(rows) == len(d)
    rows, d = HashIndex(np.zeros((0, 4), np.uint64)).search(query, 31)
    assert rows.size == 0 and d.size == 0
    with pytest.raises(ValueError):
        HashIndex(np.zeros((3, 3), np.uint64))
